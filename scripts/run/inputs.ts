/**
 * What a document's editions depend on, hashed: the key of the build cache.
 *
 * A key covers the source bytes, every file under templates/ (block and HTML templates, every profile), the
 * selected profile file, the sha256 of every font file any profile names (and of the licensed font folder),
 * zhiban's version and code (scripts/ and the lockfile), the writer module when one is injected, the editions
 * selected and the base URL. Same key, same bytes.
 */
import {createHash} from 'node:crypto'
import {existsSync, readdirSync, readFileSync} from 'node:fs'
import {createRequire} from 'node:module'
import path from 'node:path'
import type {EditionName} from '../editions.ts'
import {FileHashes} from '../file-hashes.ts'
import {profilePath, resolveFontFile} from '../paths.ts'

/** Every file under a folder, sorted, relative paths. */
export function listTree(dir: string, prefix = ''): string[] {
  if (!existsSync(dir)) return []
  const out: string[] = []
  for (const entry of readdirSync(dir, {withFileTypes: true}).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    if (entry.name.startsWith('.') || entry.name === 'node_modules') continue
    const rel = prefix ? `${prefix}/${entry.name}` : entry.name
    if (entry.isDirectory()) out.push(...listTree(path.join(dir, entry.name), rel))
    else if (entry.isFile()) out.push(rel)
  }
  return out
}

/** Hashes of whole folders (no filter) by the record they were made with: see {@link treeHash}. */
const trees = new WeakMap<FileHashes, Map<string, string>>()

/**
 * The hash of a folder's files (names and contents).
 * Note: without a filter, remembered with the record (a build makes its own): a build hashed templates/ for its
 * documents' key and again for its listing's; the listing is rendered with the templates loaded at the build's start.
 */
export function treeHash(dir: string, hashes: FileHashes, filter?: (rel: string) => boolean): string {
  let known = trees.get(hashes)
  if (!filter) {
    const seen = known?.get(dir)
    if (seen !== undefined) return seen
  }
  const h = createHash('sha256')
  for (const rel of listTree(dir)) if (!filter || filter(rel)) h.update(`${rel}\0${hashes.hash(path.join(dir, rel))}\n`)
  const hash = h.digest('hex')
  if (!filter) {
    if (!known) trees.set(hashes, (known = new Map()))
    known.set(dir, hash)
  }
  return hash
}

/** Options of {@link sharedKey}. */
export interface Options {
  root: string
  /** The selected profile's file (absolute). */
  profileFile: string
  /** The booklet's profile file. */
  bookletProfileFile: string
  /** Licensed font folder, when any. */
  fontDir?: string | undefined
  /** zhiban's version. */
  version: string
  /** The hash of zhiban's code (see {@link codeHash}). */
  code: string
  editions: readonly EditionName[]
  baseUrl?: string | undefined
}

/**
 * The part of every document's key that does not depend on the document.
 * @param options the build's inputs
 * @param hashes the file-hash record
 */
export function sharedKey(options: Readonly<Options>, hashes: FileHashes): string {
  const root = options.root
  const profiles = [...new Set([options.profileFile, options.bookletProfileFile, ...listTree(path.join(root, 'templates', 'profiles')).filter((f) => /\.(ya?ml|json)$/.test(f)).map((f) => path.join(root, 'templates', 'profiles', f))])]
  const fonts = new Set<string>()
  for (const file of profiles) for (const font of profileFonts(file, root, hashes)) fonts.add(font)
  const parts = {
    version: options.version,
    code: options.code,
    templates: treeHash(path.join(root, 'templates'), hashes),
    profile: [path.relative(root, options.profileFile), hashes.hash(options.profileFile)],
    bookletProfile: [path.relative(root, options.bookletProfileFile), hashes.hash(options.bookletProfileFile)],
    fonts: [...fonts].sort().map((f) => [path.relative(root, f), hashes.hash(f)]),
    fontDir: options.fontDir ? treeHash(options.fontDir, hashes, (f) => /\.(ttf|otf)$/i.test(f)) : null,
    editions: [...options.editions],
    baseUrl: options.baseUrl ?? null,
    // Note: the date of a source without `date` (pipeline.ts documentDate), and what runs the code; the title's word
    // breaks (Intl.Segmenter, typeset/words.ts) follow Node's ICU data, which a Node build may carry in another version.
    sourceDateEpoch: process.env.SOURCE_DATE_EPOCH ?? null,
    node: process.version,
    icu: process.versions.icu ?? null,
    unicode: process.versions.unicode ?? null,
    // Note: the PDF's, DOCX's and OFD's deflate streams are Node's zlib's (write/zip.ts, pdfkit).
    zlib: process.versions.zlib ?? null,
  }
  return createHash('sha256').update(JSON.stringify(parts)).digest('hex')
}

/**
 * A document's cache key.
 * @param shared {@link sharedKey}
 * @param rel the source's path relative to the root (it is in the manifest)
 * @param text the source text as read
 */
export function documentKey(shared: string, rel: string, text: string): string {
  return createHash('sha256').update(`${shared}\0${rel}\0`).update(text).digest('hex')
}

/**
 * The hash of zhiban's code: every file under scripts/ and the lockfile (dependency versions change output),
 * plus an injected writer module.
 * @param root the folder that holds scripts/ (zhiban's own checkout)
 * @param hashes the file-hash record
 * @param extra further files (e.g. the injected writer module)
 */
export function codeHash(root: string, hashes: FileHashes, extra: readonly string[] = []): string {
  const h = createHash('sha256')
  // Note: run from the bundled CLI, the bundle is the code (scripts/ and the packages, rebuilt when a script
  // changes), with the launcher and the worker's start, which are outside it: four files' remembered hashes instead
  // of a walk of scripts/ in every process.
  const bundle = (globalThis as {ZHIBAN_BUNDLE?: unknown}).ZHIBAN_BUNDLE
  if (typeof bundle === 'string' && existsSync(bundle)) {
    h.update(`bundle\0${hashes.hash(bundle)}`)
    for (const file of ['zhiban.cjs', 'bundle.cjs', 'worker.cjs']) h.update(`\0${hashes.hash(path.join(root, 'scripts', file))}`)
  } else h.update(treeHash(path.join(root, 'scripts'), hashes, (f) => /\.(ts|mjs|cjs|js)$/.test(f)))
  h.update(hashes.hash(path.join(root, 'package-lock.json')))
  for (const file of extra) h.update(`${file}\0${hashes.hash(file)}`)
  return h.digest('hex')
}

/**
 * The font files a profile names (remembered with the profile's hash).
 * @param profileFile the profile
 * @param root the project root
 * @param hashes the file-hash record
 */
export function profileFonts(profileFile: string, root: string, hashes: FileHashes): string[] {
  return hashes.derived(profileFile, () => fontFiles(profileFile, root))
}

/**
 * The font files a profile names, resolved as FontCache resolves them (without loading them).
 * Note: a profile that does not parse yields nothing here; loading it reports the problem.
 */
function fontFiles(profileFile: string, root: string, depth = 0): string[] {
  let data: {fonts?: Record<string, {file?: string}>; extends?: unknown}
  try {
    // Note: loaded here only, when a profile changed: the no-op rebuild does not need the YAML parser.
    const {parse: parseYaml} = createRequire(import.meta.url)('yaml') as typeof import('yaml')
    data = parseYaml(readFileSync(profileFile, 'utf8')) as typeof data
  } catch {
    return []
  }
  // Note: a profile without `fonts:` takes them from the profile it extends (profile.ts); a circle stops here.
  if (data?.fonts === undefined && typeof data?.extends === 'string' && depth < 16) return fontFiles(profilePath(data.extends, root), root, depth + 1)
  const out: string[] = []
  for (const spec of Object.values(data?.fonts ?? {})) {
    const file = spec?.file
    if (typeof file === 'string') out.push(resolveFontFile(file, profileFile, root))
  }
  return out
}
