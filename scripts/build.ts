/**
 * Build every source into a staging folder, then swap it into dist/ only if nothing is fatal:
 * a failed build leaves the previous dist/ as it was.
 */
import {existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync} from 'node:fs'
import path from 'node:path'
import {VFile} from 'vfile'
import {compile, EDITIONS, type EditionName, type Output} from './pipeline.ts'
import {loadProfile, type Profile} from './profile.ts'
import {loadTemplates, type Templates} from './templates.ts'
import {FontCache} from './typeset/fonts.ts'
import {hasErrors} from './diagnostics/report.ts'
import {say} from './diagnostics/message.ts'
import {sha256, toManifest, type Manifest} from './write/manifest.ts'

/** zhiban's own version (part of every manifest). */
export const VERSION = '0.1.0'

/** Options of {@link build}. */
export interface Options {
  /** Project root. */
  root: string
  /** Source files (default: every `source/*.md`). */
  files?: readonly string[]
  /** Editions to make (default: all). */
  only?: readonly EditionName[]
  /** Profile name or file for the official editions (default `official`). */
  profile?: string
  /** Output folder (default `<root>/dist`). */
  out?: string
  /** Warnings fail the build. */
  frail?: boolean
  /** false: run every check, write nothing (`zhiban check`). */
  write?: boolean
  /** A folder of licensed fonts searched first (default: ZHIBAN_FONT_DIR). */
  fontDir?: string
}

/** What a build did, per document. */
export interface DocumentReport {
  slug: string
  source: string
  ok: boolean
  outputs: {name: string; edition: EditionName; bytes: number; pages?: number}[]
  ms: number
}

/** What a build did. */
export interface Report {
  ok: boolean
  documents: DocumentReport[]
  /** Every source file with its messages. */
  files: VFile[]
  /** Where the editions went (when written). */
  out: string
}

/**
 * Build (or only check) every source.
 * @param options what to build and where
 * @returns the report; `ok` is false when any document has a fatal message (then dist/ is untouched)
 */
export async function build(options: Readonly<Options>): Promise<Report> {
  const root = options.root
  const out = path.resolve(root, options.out ?? 'dist')
  const sources = (options.files ?? listSources(root)).map((f) => path.resolve(root, f))
  const templates = loadTemplates(root)
  const profileCache = new Map<string, Promise<Profile>>()
  const load = (name: string) => {
    let p = profileCache.get(name)
    if (!p) profileCache.set(name, (p = loadProfile(name, root)))
    return p
  }
  const profile = await load(options.profile ?? 'official')
  const fontCache = new FontCache({root, fontDir: options.fontDir ?? process.env.ZHIBAN_FONT_DIR})
  const editions = options.only ?? EDITIONS
  const files: VFile[] = []
  const documents: DocumentReport[] = []
  const built: {slug: string; manifest: Manifest; outputs: Output[]}[] = []
  for (const source of sources) {
    const started = performance.now()
    const rel = path.relative(root, source).replace(/\\/g, '/')
    const slug = path.basename(source, '.md')
    const file = readSource(source, rel)
    files.push(file)
    const result = hasErrors(file) ? undefined : await compile(file, {slug, profile, fontCache, templates, root, editions, loadProfile: load})
    const ok = result !== undefined && !hasErrors(file, {frail: options.frail ?? false})
    documents.push({slug, source: rel, ok, outputs: (result?.outputs ?? []).map((o) => ({name: o.name, edition: o.edition, bytes: o.bytes.byteLength, ...(o.pages === undefined ? {} : {pages: o.pages})})), ms: performance.now() - started})
    if (result && ok) {
      const manifest = toManifest({generator: `zhiban ${VERSION}`, slug, title: result.doc.meta.title, issuer: result.doc.meta.issuer, date: result.doc.meta.date, source: {path: rel, sha256: sha256(String(file.value))}}, result.outputs)
      built.push({slug, manifest, outputs: result.outputs})
    }
  }
  const ok = documents.every((d) => d.ok)
  if (ok && options.write !== false) await publish(out, built, templates)
  return {ok, documents, files, out}
}

/** Every `source/*.md`, sorted. */
export function listSources(root: string): string[] {
  const dir = path.join(root, 'source')
  if (!existsSync(dir)) return []
  return readdirSync(dir).filter((n) => n.endsWith('.md')).sort().map((n) => path.join('source', n))
}

/**
 * Read a source as UTF-8 (an error if it is not), without a BOM, CRLF folded to LF.
 * Note: folding CRLF keeps lines and columns as an editor shows them, and makes the output identical.
 */
function readSource(source: string, rel: string): VFile {
  const file = new VFile({path: rel})
  let bytes: Buffer
  try {
    bytes = readFileSync(source)
  } catch {
    file.value = ''
    say(file, 'encoding', `The source \`${rel}\` cannot be read: check the path`, {place: {line: 1, column: 1}})
    return file
  }
  try {
    file.value = new TextDecoder('utf-8', {fatal: true, ignoreBOM: false}).decode(bytes).replace(/\r\n?/g, '\n')
  } catch {
    file.value = ''
    say(file, 'encoding', `The source is not valid UTF-8: save \`${rel}\` as UTF-8`, {place: {line: 1, column: 1}})
  }
  return file
}

/**
 * Write every document into a staging folder inside `out`, then swap each into place, then
 * rewrite the listing from every manifest in `out`.
 */
async function publish(out: string, built: readonly {slug: string; manifest: Manifest; outputs: Output[]}[], templates: Templates): Promise<void> {
  mkdirSync(out, {recursive: true})
  const staging = path.join(out, `.staging-${process.pid}`)
  rmSync(staging, {recursive: true, force: true})
  mkdirSync(staging, {recursive: true})
  try {
    for (const {slug, manifest, outputs} of built) {
      const dir = path.join(staging, slug)
      mkdirSync(dir, {recursive: true})
      for (const output of outputs) writeFileSync(path.join(dir, output.name), output.bytes)
      writeFileSync(path.join(dir, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`)
    }
    const manifests = [...built.map((b) => b.manifest), ...readManifests(out).filter((m) => !built.some((b) => b.slug === m.slug))]
    const listing = await renderListing(manifests, templates)
    writeFileSync(path.join(staging, 'index.html'), listing)
    // Note: the swap renames whole folders, so dist/<slug>/ is always one complete build or the previous one.
    for (const {slug} of built) {
      const target = path.join(out, slug)
      const old = path.join(staging, `.old-${slug}`)
      if (existsSync(target)) renameSync(target, old)
      renameSync(path.join(staging, slug), target)
    }
    renameSync(path.join(staging, 'index.html'), path.join(out, 'index.html'))
  } finally {
    rmSync(staging, {recursive: true, force: true})
  }
}

function readManifests(out: string): Manifest[] {
  const manifests: Manifest[] = []
  for (const entry of readdirSync(out, {withFileTypes: true})) {
    if (!entry.isDirectory() || entry.name.startsWith('.')) continue
    const file = path.join(out, entry.name, 'manifest.json')
    if (existsSync(file)) manifests.push(JSON.parse(readFileSync(file, 'utf8')) as Manifest)
  }
  return manifests
}

async function renderListing(manifests: readonly Manifest[], templates: Templates): Promise<Uint8Array> {
  const {writeIndex} = await import('./write/html/index.ts')
  const sorted = [...manifests].sort((a, b) => (a.date === b.date ? a.slug.localeCompare(b.slug) : a.date < b.date ? 1 : -1))
  return writeIndex(sorted, templates)
}
