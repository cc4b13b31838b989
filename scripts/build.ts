/**
 * Build every source into a staging folder, then swap it into dist/ only if nothing is fatal:
 * a failed build leaves the previous dist/ as it was.
 *
 * A document whose inputs did not change comes from the build cache (run/cache.ts); documents that need
 * compiling go to worker threads when there are several (run/pool.ts). Results keep the sources' order.
 */
import os from 'node:os'
import path from 'node:path'
import {setFlagsFromString} from 'node:v8'
import {VFile} from 'vfile'
import {EDITIONS, inEditionOrder, type EditionName, type WrittenFile} from './editions.ts'
import {hasErrors} from './diagnostics/report.ts'
import {say} from './diagnostics/message.ts'
import {sha256, toManifest, type Manifest} from './write/manifest.ts'
import {BuildCache, cacheDir} from './run/cache.ts'
import {codeHash, documentKey, sharedKey} from './run/inputs.ts'
import {listSources, readSource, slugClashes} from './run/sources.ts'
import {Staging} from './run/staging.ts'
import {listingCode, removeStale, renderListing, writeListing} from './run/output-folder.ts'
import {VERSION} from './version.ts'
import {FileHashes} from './file-hashes.ts'
import {zhibanHome} from './paths.ts'
import {addMessage} from './run/messages.ts'
import type {Job, JobResult, Session, SessionOptions} from './run/session.ts'
import {selectShard, type Shard} from './run/shard.ts'
import {isReallyInside, profilePath, slugProblem} from './paths.ts'
import {guardInterrupts, type Guard} from './interrupt.ts'
import {nowMs} from './clock.ts'

/** zhiban's own version (part of every manifest). */
export {VERSION}

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
  /**
   * The CLI's own process: a short build (one source of at most {@link SHORT_SOURCE} bytes) turns V8's optimising
   * compiler off for the rest of the process (never set by a caller that goes on running, such as a test runner).
   */
  shortProcess?: boolean | undefined
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
  outputs: WrittenFile[]
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
  return profilePath(nameOrFile, root)
}

/** The longest source (bytes) a build of one source runs without V8's optimising compiler (see `shortProcess`). */
export const SHORT_SOURCE = 64 * 1024

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
  const started = nowMs()
  const root = options.root
  const out = path.resolve(root, options.out ?? 'dist')
  // Note: a file named twice is built once.
  const all = [...new Set((options.files ?? listSources(root)).map((f) => path.resolve(root, f)))]
  // Note: of every source, not of the shard only, so a shard build refuses what the whole build would refuse.
  const clashes = slugClashes(all)
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
      const others = clashes.get(source)
      if (others) say(file, 'slug-duplicate', slugClash(slug, rel, others.map((o) => path.relative(root, o).replace(/\\/g, '/'))), {place: {line: 1, column: 1}})
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
    // Note: V8's optimising compiler (TurboFan) compiles hot functions again on another thread; in a build of one
    // short source, most of that is never paid back: measured on the seed, a quarter to a third of the process's
    // CPU time, the same bytes. Long sources and corpora keep it (a 130 KB source is already slower without it).
    if (options.shortProcess && pending.length === 1 && Buffer.byteLength(pending[0]!.job.text) <= SHORT_SOURCE) {
      setFlagsFromString('--no-opt')
      // Note: the launcher puts the flag back before it saves the code cache (V8 keys the cache on the flags).
      ;(globalThis as {ZHIBAN_NO_OPT?: boolean}).ZHIBAN_NO_OPT = true
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
    return {ok, documents: documents.filter((d): d is DocumentReport => d !== undefined), files, out, written, removed, threads: used, ms: nowMs() - started}
  }
}

/** The message of a source whose slug another source of the build has too. */
function slugClash(slug: string, rel: string, others: readonly string[]): string {
  const list = others.map((o) => `\`${o}\``).join(', ')
  return `\`${rel}\` and ${list} would both be written to the output folder \`${slug}/\`: the slug comes from the file name (\`${slug}\`${others.some((o) => path.basename(o, '.md') !== slug) ? ', letter case aside' : ''})`
}

/** A manifest's files as the report lists them (sorted by name, as in the manifest). */
function reportFiles(manifest: Manifest): WrittenFile[] {
  return manifest.files.map((f) => ({name: f.name, edition: f.edition, bytes: f.bytes, ...(f.pages === undefined ? {} : {pages: f.pages})}))
}

