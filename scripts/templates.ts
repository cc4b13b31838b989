/**
 * Load and compile the Handlebars templates under `templates/` (strict mode: a reference to a
 * field that does not exist is an error). No rendering logic lives here beyond compilation.
 */
import {readdirSync, readFileSync} from 'node:fs'
import path from 'node:path'
import Handlebars from 'handlebars'

/** A template problem, naming the template and (when known) its line. */
export class TemplateError extends Error {
  constructor(readonly file: string, readonly line: number | undefined, reason: string) {
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
  const hbs = Handlebars.create()
  // Note: block templates produce Markdown (parsed by the same inline rules as the source); `md`
  // escapes a value for it, so a title with `]` or `*` stays text (and `&amp;` is not read as `&`).
  hbs.registerHelper('md', (value: unknown) => new hbs.SafeString(String(value).replace(MARKDOWN_SPECIAL, '\\$&')))
  hbs.registerHelper('json', (value: unknown) => new hbs.SafeString(JSON.stringify(value).replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/&/g, '\\u0026')))
  hbs.registerHelper('eq', (a: unknown, b: unknown) => a === b)
  // Note: an ISO date in the form official documents print it (GB/T 9704 §7.3.5.3: Arabic numerals, no leading zeros).
  hbs.registerHelper('cnDate', (value: unknown) => {
    const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(String(value))
    if (!match) throw new Error(`cnDate: \`${String(value)}\` is not an ISO date`)
    return `${match[1]}年${Number(match[2])}月${Number(match[3])}日`
  })
  const compiled = new Map<string, Handlebars.TemplateDelegate>()
  for (const file of walk(dir)) {
    if (!file.endsWith('.hbs')) continue
    const name = path.relative(dir, file).replace(/\\/g, '/').replace(/\.hbs$/, '')
    const text = readFileSync(file, 'utf8')
    try {
      Handlebars.parse(text)
    } catch (error) {
      const match = /line (\d+)/.exec((error as Error).message)
      throw new TemplateError(path.relative(root, file), match ? Number(match[1]) : undefined, `not valid Handlebars: ${(error as Error).message.split('\n')[0]}`)
    }
    if (name.startsWith('html/partials/')) hbs.registerPartial(name.slice('html/partials/'.length), text)
    compiled.set(name, hbs.compile(text, {strict: true, noEscape: name.startsWith('blocks/')}))
  }
  return {
    names: [...compiled.keys()].sort(),
    render(name, data) {
      const template = compiled.get(name)
      if (!template) throw new TemplateError(`templates/${name}.hbs`, undefined, 'no such template')
      try {
        return template(data)
      } catch (error) {
        throw new TemplateError(`templates/${name}.hbs`, undefined, (error as Error).message.split('\n')[0] ?? 'render failed')
      }
    },
  }
}

function* walk(dir: string): Generator<string> {
  for (const entry of readdirSync(dir, {withFileTypes: true}).sort((a, b) => a.name.localeCompare(b.name))) {
    const full = path.join(dir, entry.name)
    if (entry.isDirectory()) yield* walk(full)
    else yield full
  }
}
