/**
 * Build every source into a staging folder, then swap it into dist/ only if nothing is fatal:
 * a failed build leaves the previous dist/ as it was.
 *
 * A document whose inputs did not change comes from the build cache (run/cache.ts); documents that need
 * compiling go to worker threads when there are several (run/pool.ts). Results keep the sources' order.
 */
import {existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync} from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import {VFile} from 'vfile'
import {EDITIONS, inEditionOrder, type EditionName} from './editions.ts'
import {writeFileAtomic} from './atomic.ts'
import type {Output} from './editions.ts'
import {hasErrors} from './diagnostics/report.ts'
import {say} from './diagnostics/message.ts'
import {sha256, toManifest, type Manifest} from './write/manifest.ts'
import {BuildCache, cacheDir} from './run/cache.ts'
import {codeHash, documentKey, sharedKey, treeHash} from './run/inputs.ts'
import {FileHashes} from './file-hashes.ts'
import {zhibanHome} from './paths.ts'
import {addMessage} from './run/messages.ts'
import type {Job, JobResult, Session, SessionOptions} from './run/session.ts'
import {selectShard, type Shard} from './run/shard.ts'
import {isReallyInside, safeJoin, slugProblem} from './paths.ts'
import {guardInterrupts, type Guard} from './interrupt.ts'

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
  /** Profile name or file of the booklet (default `booklet`). */
  bookletProfile?: string
  /** Output folder (default `<root>/dist`). */
  out?: string
  /** Warnings fail the build. */
  frail?: boolean
  /** false: run every check, write nothing (`zhiban check`). */
  write?: boolean
  /** A folder of licensed fonts searched first (the CLI passes ZHIBAN_FONT_DIR or the config's `fontDir`). */
  fontDir?: string | undefined
  /** Rebuild every document, ignoring the cache. */
  force?: boolean
  /** Build only this share of the sources (`--shard K/N`); the listing is then left to `zhiban index`. */
  shard?: Shard | undefined
  /** Worker threads (default: every core; 1 = in-process). */
  jobs?: number | undefined
  /** A module replacing some writers (see run/session.ts `WriterModule`); used by tests. */
  writers?: string | undefined
  /** Config `baseUrl`. */
  baseUrl?: string | undefined
  /** The cache folder (default node_modules/.cache/zhiban/build), or false for none. */
  cache?: string | false
  /** Called once with the number of documents to build (progress). */
  onStart?: (total: number) => void
  /** Called as each document is done (progress). */
  onDocument?: (doc: DocumentReport) => void
  /** A session kept open between builds (`zhiban watch`); it must match these options. */
  session?: Session | undefined
}

/** What a build did, per document. */
export interface DocumentReport {
  slug: string
  source: string
  ok: boolean
  /** Served from the build cache. */
  cached: boolean
  outputs: {name: string; edition: EditionName; bytes: number; pages?: number}[]
  /** Milliseconds per edition (of the build that made the files). */
  editionMs: Partial<Record<EditionName, number>>
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
  /** Documents whose folder in `out` was (re)written. */
  written: number
  /** Folders of documents whose source is gone, removed from `out` (a whole build only). */
  removed: number
  /** Worker threads used (0: compiled in this thread, or nothing to compile). */
  threads: number
  ms: number
}

/**
 * Open a session (loads the pipeline module on first use).
 * @param options what the session holds
 */
export async function openSession(options: Readonly<SessionOptions>): Promise<Session> {
  const {Session} = await import('./run/session.ts')
  return new Session(options)
}

/**
 * The file a profile name or path stands for (as loadProfile resolves it).
 * @param nameOrFile a profile name or file
 * @param root the project root
 */
export function profileFile(nameOrFile: string, root: string): string {
  return /[\\/]|\.(ya?ml|json)$/.test(nameOrFile) ? path.resolve(root, nameOrFile) : path.join(root, 'templates', 'profiles', `${nameOrFile}.yaml`)
}

interface Pending {
  job: Job
  key: string
  file: VFile
}

/**
 * Build (or only check) every source.
 * @param options what to build and where
 * @returns the report; `ok` is false when any document has a fatal message (then dist/ is untouched)
 */
export async function build(options: Readonly<Options>): Promise<Report> {
  const guard = guardInterrupts()
  try {
    return await buildGuarded(options, guard)
  } finally {
    guard.dispose()
  }
}

async function buildGuarded(options: Readonly<Options>, guard: Guard): Promise<Report> {
  const started = performance.now()
  const root = options.root
  const out = path.resolve(root, options.out ?? 'dist')
  const all = (options.files ?? listSources(root)).map((f) => path.resolve(root, f))
  const sources = options.shard ? selectShard(all, options.shard) : all
  const editions = options.only ? inEditionOrder(options.only) : EDITIONS
  const profile = options.profile ?? 'official'
  const bookletProfile = options.bookletProfile ?? 'booklet'
  const sessionOptions: SessionOptions = {root, profile, bookletProfile, fontDir: options.fontDir, writers: options.writers, baseUrl: options.baseUrl, editions}
  const useCache = options.cache !== false && options.write !== false
  const cache = new BuildCache(typeof options.cache === 'string' ? options.cache : cacheDir(root))
  const hashes = new FileHashes(path.join(cache.dir, 'files.json'))
  const code = codeHash(zhibanHome(), hashes, options.writers ? [path.resolve(root, options.writers)] : [])
  const shared = useCache ? sharedKey({root, profileFile: profileFile(profile, root), bookletProfileFile: profileFile(bookletProfile, root), fontDir: options.fontDir, version: VERSION, code, editions, baseUrl: options.baseUrl}, hashes) : ''
  const files: VFile[] = []
  const documents: (DocumentReport | undefined)[] = []
  const staging = options.write !== false ? new Staging(out, guard) : undefined
  try {
    return await buildInto(staging)
  } finally {
    staging?.abort()
  }
  async function buildInto(staging: Staging | undefined): Promise<Report> {
    const pending: Pending[] = []
    options.onStart?.(sources.length)
    const doc = (index: number, report: DocumentReport) => {
      documents[index] = report
      options.onDocument?.(report)
    }
    for (const [index, source] of sources.entries()) {
      const rel = path.relative(root, source).replace(/\\/g, '/')
      const slug = path.basename(source, '.md')
      const file = readSource(source, rel)
      files.push(file)
      const badSlug = slugProblem(slug)
      if (badSlug) say(file, 'slug-invalid', `The source's name cannot name its output folder: ${badSlug}`, {place: {line: 1, column: 1}})
      // Note: files named on the command line are on purpose; a listed `source/*.md` must not be a link to elsewhere.
      if (!options.files && !isReallyInside(root, source)) say(file, 'path-outside', `\`${rel}\` leads outside the project: replace the link with the file`, {place: {line: 1, column: 1}})
      if (hasErrors(file)) {
        doc(index, {slug, source: rel, ok: false, cached: false, outputs: [], editionMs: {}, ms: 0})
        continue
      }
      const text = String(file.value)
      const key = useCache ? documentKey(shared, rel, text) : ''
      const entry = useCache && options.force !== true ? cache.get(key) : undefined
      if (entry) {
        for (const m of entry.messages) addMessage(file, m)
        const ok = !hasErrors(file, {frail: options.frail ?? false})
        if (ok) staging?.add(slug, entry.manifest, () => cache.outputs(key, entry))
        doc(index, {slug, source: rel, ok, cached: true, outputs: reportFiles(entry.manifest), editionMs: entry.editionMs, ms: 0})
        continue
      }
      pending.push({job: {index, slug, rel, text}, key, file})
    }
    const finish = (result: JobResult) => {
      const {job, key, file} = pending.find((p) => p.job.index === result.index)!
      for (const m of result.messages) addMessage(file, m)
      const ok = result.compiled && !hasErrors(file, {frail: options.frail ?? false})
      let manifest: Manifest | undefined
      if (result.compiled && result.meta) {
        manifest = toManifest({generator: `zhiban ${VERSION}`, slug: job.slug, title: result.meta.title, issuer: result.meta.issuer, date: result.meta.date, source: {path: job.rel, sha256: sha256(job.text)}}, result.outputs)
        if (useCache) cache.put(key, {manifest, outputs: result.outputs.map((o) => ({edition: o.edition, name: o.name, ...(o.pages === undefined ? {} : {pages: o.pages})})), messages: result.messages, editionMs: result.editionMs}, result.outputs)
        // Note: staged as it arrives, so a corpus's files are not all held in memory until the end.
        if (ok) staging?.add(job.slug, manifest, () => result.outputs)
      }
      doc(job.index, {slug: job.slug, source: job.rel, ok, cached: false, outputs: manifest ? reportFiles(manifest) : [], editionMs: result.editionMs, ms: result.ms})
    }
    const threads = Math.max(1, Math.min(options.jobs ?? os.availableParallelism(), pending.length))
    // Note: the pipeline (unified, fontkit, the writers) is loaded only when something needs compiling, so a
    // no-op rebuild stays fast.
    const {runPool, workerScript} = pending.length > 1 ? await import('./run/pool.ts') : {runPool: undefined, workerScript: () => undefined}
    const script = workerScript()
    // Note: one document (or one core) builds in-process: a worker's start-up and font loading would cost more than it saves.
    let used = 0
    if (runPool && threads > 1 && script && !options.session) used = threads
    if (used && runPool && script) {
      // Note: a broken profile or template is the project's error, reported as such (file, line): found here, not
      // inside every worker thread, where it would only be an exception the thread passes on.
      const {loadProfile} = await import('./profile.ts')
      const {loadTemplates} = await import('./templates.ts')
      await loadProfile(profile, root)
      if (editions.includes('booklet')) await loadProfile(bookletProfile, root)
      loadTemplates(root)
      await runPool(pending.map((p) => p.job), sessionOptions, threads, script, finish)
    }
    else if (pending.length) {
      const session = options.session ?? (await openSession(sessionOptions))
      for (const p of pending) finish(await session.compile(p.job))
      if (!options.session) session.saveShapes()
    }
    hashes.save()
    const ok = documents.every((d) => d?.ok === true)
    let written = 0
    let removed = 0
    if (ok && options.write !== false) {
      const session = options.session ? Promise.resolve(options.session) : undefined
      written = staging?.commit() ?? 0
      // Note: a whole build knows every document there is; a folder whose source was deleted goes (not after a
      // build of named files or of a shard, which know only part of the project).
      if (!options.files && options.shard === undefined) removed = removeStale(out, new Set(sources.map((s) => path.basename(s, '.md'))), guard)
      if (options.shard === undefined) await writeListing(out, {cache: useCache ? cache : undefined, code: listingCode(code, root, hashes), writeIndex: async (manifests) => renderListing(manifests, await (session ?? openSession(sessionOptions)))})
    }
    return {ok, documents: documents.filter((d): d is DocumentReport => d !== undefined), files, out, written, removed, threads: used, ms: performance.now() - started}
  }
}

/**
 * What the listing page depends on besides the manifests: zhiban's code and the templates (listing.hbs).
 * @param code {@link codeHash}
 * @param root the project root
 * @param hashes the file-hash record
 */
export function listingCode(code: string, root: string, hashes: FileHashes): string {
  return sha256(`${code}\0${treeHash(path.join(root, 'templates'), hashes)}`)
}

/** A manifest's files as the report lists them (sorted by name, as in the manifest). */
function reportFiles(manifest: Manifest): DocumentReport['outputs'] {
  return manifest.files.map((f) => ({name: f.name, edition: f.edition, bytes: f.bytes, ...(f.pages === undefined ? {} : {pages: f.pages})}))
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

/** Options of {@link writeListing}. */
interface ListingOptions {
  cache?: BuildCache | undefined
  code: string
  writeIndex: (manifests: readonly Manifest[]) => Promise<Uint8Array>
}

/**
 * The staging folder inside `out`: each changed document is written into it as it is built; on success every
 * staged folder is swapped into place, otherwise the folder is removed and `out` stays as it was. A document
 * whose folder already holds exactly these files (same manifest) is not staged.
 */
class Staging {
  readonly #dir: string
  readonly #slugs: string[] = []
  #open = false
  constructor(readonly out: string, readonly guard: Guard) {
    this.#dir = path.join(out, `.staging-${process.pid}`)
  }

  /** Stage one document (its files are read only when it changed). */
  add(slug: string, manifest: Manifest, outputs: () => readonly Output[]): void {
    if (isCurrent(path.join(this.out, slug), manifest)) return
    if (!this.#open) {
      mkdirSync(this.out, {recursive: true})
      this.guard.track(this.#dir)
      rmSync(this.#dir, {recursive: true, force: true})
      mkdirSync(this.#dir, {recursive: true})
      this.#open = true
    }
    const dir = path.join(this.#dir, slug)
    mkdirSync(dir, {recursive: true})
    for (const output of outputs()) writeFileSync(safeJoin(dir, output.name), output.bytes)
    writeFileSync(path.join(dir, 'manifest.json'), manifestText(manifest))
    this.#slugs.push(slug)
  }

  /** Swap every staged document into `out`; returns how many. */
  commit(): number {
    mkdirSync(this.out, {recursive: true})
    // Note: the swap renames whole folders, so dist/<slug>/ is always one complete build or the previous one.
    for (const slug of this.#slugs) {
      const target = path.join(this.out, slug)
      const old = path.join(this.#dir, `.old-${slug}`)
      if (existsSync(target)) renameSync(target, old)
      renameSync(path.join(this.#dir, slug), target)
    }
    const count = this.#slugs.length
    this.abort()
    return count
  }

  /** Remove the staging folder (after a commit, or instead of one). */
  abort(): void {
    if (!this.#open) return
    rmSync(this.#dir, {recursive: true, force: true})
    this.guard.untrack(this.#dir)
    this.#open = false
    this.#slugs.length = 0
  }
}

/**
 * Write `out/index.html` and `out/manifest.json` from every `out/<slug>/manifest.json` (`zhiban index`, and
 * the end of a whole build). The listing is cached by the manifests' content.
 * @param out the output folder
 * @param options the cache and the index writer
 */
export async function writeListing(out: string, options: Readonly<ListingOptions>): Promise<{documents: number}> {
  const manifests = sortManifests(readManifests(out))
  const combined = `${JSON.stringify({generator: `zhiban ${VERSION}`, documents: manifests}, null, 2)}\n`
  const key = sha256(`${options.code}\0${combined}`)
  let listing = options.cache?.getBlob(key)
  if (!listing) {
    listing = Buffer.from(await options.writeIndex(manifests))
    options.cache?.putBlob(key, listing)
  }
  writeIfChanged(path.join(out, 'index.html'), listing)
  writeIfChanged(path.join(out, 'manifest.json'), Buffer.from(combined))
  return {documents: manifests.length}
}

function writeIfChanged(file: string, bytes: Buffer): void {
  try {
    if (readFileSync(file).equals(bytes)) return
  } catch {
    // Note: absent: written below.
  }
  writeFileAtomic(file, bytes)
}

function manifestText(manifest: Manifest): string {
  return `${JSON.stringify(manifest, null, 2)}\n`
}

/** Whether a document folder already holds exactly the files of a manifest (checked by manifest text and sizes). */
function isCurrent(dir: string, manifest: Manifest): boolean {
  try {
    if (readFileSync(path.join(dir, 'manifest.json'), 'utf8') !== manifestText(manifest)) return false
    return manifest.files.every((f) => statSync(path.join(dir, f.name)).size === f.bytes)
  } catch {
    return false
  }
}

/** Every manifest in `out/<slug>/manifest.json`. */
export function readManifests(out: string): Manifest[] {
  const manifests: Manifest[] = []
  if (!existsSync(out)) return manifests
  for (const entry of readdirSync(out, {withFileTypes: true})) {
    if (!entry.isDirectory() || entry.name.startsWith('.')) continue
    const manifest = zhibanManifest(path.join(out, entry.name), entry.name)
    if (manifest) manifests.push(manifest)
  }
  return manifests
}

/**
 * The manifest.json of a document folder, when zhiban wrote it (generator `zhiban …`, the folder's own slug);
 * anything else in the output folder is not a document of this project's.
 * @param dir the folder
 * @param slug its name
 */
function zhibanManifest(dir: string, slug: string): Manifest | undefined {
  let manifest: Partial<Manifest>
  try {
    manifest = JSON.parse(readFileSync(path.join(dir, 'manifest.json'), 'utf8')) as Partial<Manifest>
  } catch {
    return undefined
  }
  return typeof manifest.generator === 'string' && manifest.generator.startsWith('zhiban ') && manifest.slug === slug && Array.isArray(manifest.files) ? (manifest as Manifest) : undefined
}

/**
 * Remove the document folders of `out` that zhiban wrote (their manifest.json names zhiban as generator) for a
 * source that no longer exists. Anything else in `out` is left alone.
 * @param out the output folder
 * @param slugs the slugs of the sources there are
 * @param guard removes a folder left half deleted by an interrupt
 * @returns how many folders were removed
 */
export function removeStale(out: string, slugs: ReadonlySet<string>, guard?: Guard): number {
  if (!existsSync(out)) return 0
  let removed = 0
  for (const entry of readdirSync(out, {withFileTypes: true})) {
    if (!entry.isDirectory() || entry.name.startsWith('.') || slugs.has(entry.name)) continue
    const dir = path.join(out, entry.name)
    if (!zhibanManifest(dir, entry.name)) continue
    // Note: renamed first, so the listing never sees half a folder; then deleted.
    const gone = path.join(out, `.removed-${process.pid}-${entry.name}`)
    guard?.track(gone)
    renameSync(dir, gone)
    rmSync(gone, {recursive: true, force: true})
    guard?.untrack(gone)
    removed++
  }
  return removed
}

/** Newest first, then by slug. */
function sortManifests(manifests: readonly Manifest[]): Manifest[] {
  return [...manifests].sort((a, b) => (a.date === b.date ? (a.slug < b.slug ? -1 : a.slug > b.slug ? 1 : 0) : a.date < b.date ? 1 : -1))
}

/**
 * The listing page, from the injected writer module's `writeIndex` or the HTML writer's.
 * @param manifests sorted manifests
 * @param session the session (for an injected writer module)
 */
export async function renderListing(manifests: readonly Manifest[], session: Session): Promise<Uint8Array> {
  const injected = (await session.writerModule()).writeIndex
  if (injected) return injected(manifests, session.templates())
  const {writeIndex} = await import('./write/html/index.ts')
  return writeIndex(manifests, session.templates())
}
