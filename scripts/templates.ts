/**
 * Load and compile the Handlebars templates under `templates/` (strict mode: a reference to a
 * field that does not exist is an error). No rendering logic lives here beyond compilation.
 *
 * Each template's compiled form (Handlebars' precompiled JavaScript) is kept under
 * node_modules/.cache/zhiban/templates/, named by the hash of the template's text, its options and Handlebars'
 * version, so a new process compiles only the templates that changed.
 */
import {createHash} from 'node:crypto'
import {readdirSync, readFileSync} from 'node:fs'
import {createRequire} from 'node:module'
import path from 'node:path'
import vm from 'node:vm'
import type Handlebars from 'handlebars'
import * as handlebarsRuntime from 'handlebars/runtime.js'
import {writeFileAtomic} from './atomic.ts'
import {cnDate} from './dates.ts'

// Note: templates run on Handlebars' runtime, which is all a compiled template needs; the compiler (the parser and
// the code generator, most of the package's load time, ~2 ms of a fresh build) is loaded only to compile a template
// that is not in the cache. The package types `handlebars/runtime` as the whole package.
const Runtime = (handlebarsRuntime as unknown as {default: typeof Handlebars}).default
/** Handlebars with its compiler (the same installed package), loaded on first use. */
let compiler: typeof Handlebars | undefined
function precompile(text: string, options: {strict: boolean; noEscape: boolean}): string {
  compiler ??= createRequire(import.meta.url)('handlebars') as typeof Handlebars
  return String(compiler.precompile(text, options))
}

/** A template problem, naming the template and (when known) its line. */
export class TemplateError extends Error {
  constructor(readonly file: string, readonly line: number | undefined, readonly reason: string) {
    super(`${file}${line ? `:${line}` : ''}: ${reason}`)
    this.name = 'TemplateError'
  }
}

/** Compiled templates by name (`html/page`, `html/embed`, `blocks/related`, …). */
export interface Templates {
  /**
   * Render a template.
   * @param name the template's path under templates/ without `.hbs`
   * @param data the template's data
   * @throws TemplateError naming the template when a field is missing
   */
  render(name: string, data: object): string
  /** Names of every template loaded. */
  names: string[]
}

/** Characters with a meaning in the Markdown the block templates produce. */
const MARKDOWN_SPECIAL = /[\\`*_[\]()<>#!|~&]/g

/**
 * Compile every `*.hbs` under `templates/` (partials: files under `templates/html/partials/`).
 * @param root the project root
 * @throws TemplateError naming the template and line when one is not valid Handlebars
 */
export function loadTemplates(root: string): Templates {
  const dir = path.join(root, 'templates')
  const hbs = Runtime.create()
  // Note: block templates produce Markdown (parsed by the same inline rules as the source); `md`
  // escapes a value for it, so a title with `]` or `*` stays text (and `&amp;` is not read as `&`).
  // Note: strict mode does not check a helper's arguments; `defined` makes a missing field an error there too.
  hbs.registerHelper('md', (value: unknown, options: HelperOptions) => new hbs.SafeString(String(defined(value, 'md', options)).replace(MARKDOWN_SPECIAL, '\\$&')))
  hbs.registerHelper('json', (value: unknown, options: HelperOptions) => new hbs.SafeString(JSON.stringify(defined(value, 'json', options)).replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/&/g, '\\u0026')))
  hbs.registerHelper('eq', (a: unknown, b: unknown) => a === b)
  // Note: an ISO date in the form official documents print it (dates.ts).
  hbs.registerHelper('cnDate', (value: unknown) => cnDate(String(value)))
  const compiled = new Map<string, Handlebars.TemplateDelegate>()
  const cacheDir = path.join(root, 'node_modules', '.cache', 'zhiban', 'templates')
  // Note: the cache's names, listed once (not one existsSync a template).
  let cached: ReadonlySet<string>
  try {
    cached = new Set(readdirSync(cacheDir))
  } catch {
    cached = new Set()
  }
  for (const file of walk(dir)) {
    if (!file.endsWith('.hbs')) continue
    const name = path.relative(dir, file).replace(/\\/g, '/').replace(/\.hbs$/, '')
    const text = readFileSync(file, 'utf8')
    const options = {strict: true, noEscape: name.startsWith('blocks/')}
    const {spec, code} = precompiled(text, options, cacheDir, cached, path.relative(root, file).replace(/\\/g, '/'))
    // Note: made on first use (a PDF-only build renders no page template); the spec is Handlebars' own output for
    // this text (see precompiled), JavaScript by design.
    let made: Handlebars.TemplateDelegate | undefined
    const template: Handlebars.TemplateDelegate = (context, runtime) => {
      if (made) return made(context, runtime)
      const script = compiledSpec(spec(), code)
      made = hbs.template(script.spec)
      const out = made(context, runtime)
      script.save()
      return out
    }
    if (name.startsWith('html/partials/')) hbs.registerPartial(name.slice('html/partials/'.length), template)
    compiled.set(name, template)
  }
  return {
    names: [...compiled.keys()].sort(),
    render(name, data) {
      const template = compiled.get(name)
      if (!template) throw new TemplateError(`templates/${name}.hbs`, undefined, 'no such template')
      try {
        return template(data)
      } catch (error) {
        if (error instanceof TemplateError) throw new TemplateError(`templates/${name}.hbs`, error.line, error.reason)
        const missing = /^"([^"]+)" not defined/.exec((error as Error).message)
        const reason = missing ? `\`${missing[1]}\` is not a field of the data (strict mode): fix the name or remove the reference` : reasonOf(error)
        throw new TemplateError(`templates/${name}.hbs`, lineOf(error), reason)
      }
    },
  }
}

type TemplateSpecification = Parameters<typeof Handlebars.template>[0]

/**
 * A template's precompiled form: from the cache (read when first asked for), or made now and kept. A template in
 * the cache compiled once, so it is valid; one that is not is compiled here, so a syntax error is reported now.
 * @param text the template
 * @param options its compile options
 * @param cacheDir where compiled forms are kept
 * @param cached the names in `cacheDir`
 * @param rel the template's path, for errors
 * @returns the spec, on demand, and where its code cache is kept (see {@link compiledSpec})
 * @throws TemplateError naming the template and line when it is not valid Handlebars
 */
function precompiled(text: string, options: {strict: boolean; noEscape: boolean}, cacheDir: string, cached: ReadonlySet<string>, rel: string): {spec: () => string; code: Code} {
  const key = createHash('sha256').update(`${Runtime.VERSION}\0${JSON.stringify(options)}\0${text}`).digest('hex').slice(0, 32)
  const file = path.join(cacheDir, `${key}.js`)
  // Note: V8's code cache of the spec, per Node version (V8 refuses another's).
  const codeName = `${key}.${process.version}.v8`
  const code = {file: path.join(cacheDir, codeName), kept: cached.has(codeName)}
  if (cached.has(`${key}.js`)) {
    return {code, spec: () => {
      try {
        return readFileSync(file, 'utf8')
      } catch {
        // Note: the cache went away meanwhile: compiled again (the same text compiled before).
        return precompile(text, options)
      }
    }}
  }
  let spec: string
  try {
    spec = precompile(text, options)
  } catch (error) {
    throw new TemplateError(rel, lineOf(error), `not valid Handlebars: ${reasonOf(error)}`)
  }
  try {
    writeFileAtomic(file, spec)
  } catch {
    // Note: a cache that cannot be written only costs the next process a compile.
  }
  return {spec: () => spec, code}
}

/** Where a spec's code cache is kept, and whether the cache's listing had it. */
interface Code {
  file: string
  kept: boolean
}

/**
 * A compiled template's spec as JavaScript, evaluated with V8's code cache of it when one was kept (`code`), and
 * `save()`, which keeps one after the first render (it then holds the template's functions compiled) when there was
 * none or V8 refused it (another V8 or other flags).
 * Note: the specs were compiled by `new Function` in every process; from the code cache, a fresh HTML-only build
 * makes its templates' first renders in about two thirds of the time (~0.8 ms).
 * @param source the spec (precompiled)
 * @param code where its code cache is kept
 */
function compiledSpec(source: string, code: Code): {spec: TemplateSpecification; save(): void} {
  let cachedData: Buffer | undefined
  try {
    if (code.kept) cachedData = readFileSync(code.file)
  } catch {
    // Note: gone meanwhile: made again after the first render.
  }
  const script = new vm.Script(`(${source})`, {filename: code.file, ...(cachedData ? {cachedData} : {})})
  return {
    spec: script.runInThisContext() as TemplateSpecification,
    save() {
      if (cachedData && !script.cachedDataRejected) return
      try {
        writeFileAtomic(code.file, script.createCachedData())
      } catch {
        // Note: a cache that cannot be written only costs the next process a compile.
      }
    },
  }
}

/** What Handlebars passes a helper last (its place in the template). */
interface HelperOptions {
  loc?: {start?: {line?: number}}
}

function defined(value: unknown, helper: string, options: HelperOptions): unknown {
  if (value === undefined) throw new TemplateError('', options.loc?.start?.line, `\`${helper}\` is given a field that does not exist (strict mode): fix the field name`)
  return value
}

/** The template line of a Handlebars error (its `lineNumber`, or `line N` / ` - N:M` in its message). */
function lineOf(error: unknown): number | undefined {
  const e = error as {lineNumber?: unknown; message?: unknown}
  if (typeof e.lineNumber === 'number') return e.lineNumber
  const message = String(e.message ?? '')
  const match = /line (\d+)/.exec(message) ?? / - (\d+):\d+$/m.exec(message)
  return match ? Number(match[1]) : undefined
}

/** A Handlebars error's message on one line, without its position suffix. */
function reasonOf(error: unknown): string {
  const message = String((error as Error).message ?? error)
  const lines = message.split('\n')
  // Note: a parse error is `Parse error on line N:`, the excerpt, a caret line, then what was expected.
  const text = lines[0]!.startsWith('Parse error') ? `${lines[0]!.replace(/ on line \d+:?$/, '')}: ${lines.at(-1)}` : lines[0]!
  return text.replace(/ - \d+:\d+$/, '')
}

// Note: names in code-unit order (a fixed order; the output does not depend on it): localeCompare made
// ICU's collator at every start, ~5 ms of a fresh HTML-only build.
function* walk(dir: string): Generator<string> {
  for (const entry of readdirSync(dir, {withFileTypes: true}).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    const full = path.join(dir, entry.name)
    if (entry.isDirectory()) yield* walk(full)
    else yield full
  }
}
