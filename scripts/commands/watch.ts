/**
 * `zhiban watch`: build, then rebuild on change. A changed source rebuilds that document in the warm session
 * (fonts, templates and writers already loaded); a changed template, profile or font reopens the session and
 * rebuilds every document (the build cache keeps the untouched editions from being rewritten).
 *
 * Note: Node 20's `fs.watch(dir, {recursive: true})` works on Linux (inotify per folder, new folders included;
 * checked on Node 20.20), macOS and Windows, so no polling is needed.
 */
import {existsSync, watch as fsWatch, type FSWatcher} from 'node:fs'
import path from 'node:path'
import {build, profileFile, type Options as BuildOptions, type Report} from '../build.ts'
import {report} from '../diagnostics/report.ts'
import {EDITIONS} from '../editions.ts'
import {cacheDir} from '../run/cache.ts'
import {profileFonts} from '../run/inputs.ts'
import {FileHashes} from '../file-hashes.ts'
import {Session, type SessionOptions} from '../run/session.ts'
import {formatMs, Progress, summaryLine, type Sink} from '../run/progress.ts'
import {nowMs} from '../clock.ts'

/** Options of {@link watch}. */
export interface Options {
  build: BuildOptions
  io: {stdout: Sink; stderr: Sink}
  quiet?: boolean
  verbose?: boolean
  /** Resolves when watching should stop. */
  stop: Promise<void>
  /** Called after every build (the first one included). */
  onBuild?: (result: Report, changed: readonly string[]) => void
  /** Called once the watchers are set up (changes from then on are seen). */
  onReady?: () => void
  /** Wait between the first change event and the rebuild, to gather an editor's several writes (ms). */
  settleMs?: number
  /**
   * The build options again, from the configuration as it is now (zhiban.config.json or package.json changed);
   * without it a configuration change is reported and not applied.
   */
  reload?: () => Promise<BuildOptions>
}

/** The project files that hold zhiban's configuration. */
const CONFIG_FILES = ['zhiban.config.json', 'package.json']

/**
 * Watch and rebuild until `options.stop` resolves.
 * @param options what to build and where to print
 */
export async function watch(options: Readonly<Options>): Promise<void> {
  let base = options.build
  let first = true
  for (;;) {
    const outcome = await watchWith(base, options, first)
    first = false
    if (outcome === 'stopped') return
    try {
      base = await options.reload!()
    } catch (error) {
      // Note: a configuration that does not validate is reported; the watch goes on with the last good one.
      options.io.stderr.write(`error ${(error as Error).message}\n`)
    }
  }
}

/** Watch with one set of build options until stopped or the configuration changes. */
async function watchWith(base: BuildOptions, options: Readonly<Options>, first: boolean): Promise<'stopped' | 'config'> {
  const root = base.root
  const out = path.resolve(root, base.out ?? 'dist')
  const profile = profileFile(base.profile ?? 'official', root)
  const sessionOptions = (): SessionOptions => ({root, profile: base.profile ?? 'official', bookletProfile: base.bookletProfile, fontDir: base.fontDir, writers: base.writers, baseUrl: base.baseUrl, editions: base.only ?? EDITIONS})
  let session = new Session(sessionOptions())
  const print = (result: Report, changed: readonly string[], ms: number) => {
    const messages = report(result.files, {frail: base.frail ?? false})
    if (messages) options.io.stderr.write(`${messages}\n`)
    if (!options.quiet) options.io.stdout.write(changed.length ? `${result.ok ? 'rebuilt' : 'failed'} after a change of ${changed.slice(0, 3).join(', ')}${changed.length > 3 ? ', …' : ''}: ${result.written} written in ${formatMs(ms)}\n` : `${summaryLine(result)}\n`)
    options.onBuild?.(result, changed)
  }

  const started = nowMs()
  const progress = new Progress(options.io.stdout, {quiet: options.quiet ?? false, verbose: options.verbose ?? false})
  print(await build({...base, onStart: progress.start, onDocument: progress.document}), first ? [] : ['the configuration'], nowMs() - started)
  // Note: the first build may have run on worker threads; load this thread's fonts and writers before the first edit.
  const warm = (s: Session) => s.warm().catch(() => undefined)
  await warm(session)

  // What to watch: the source folder (or the given files' folders), templates/, the profiles' folders, the font folder.
  const sourceDirs = base.files ? [...new Set(base.files.map((f) => path.dirname(path.resolve(root, f))))] : [path.join(root, 'source')]
  const booklet = profileFile(base.bookletProfile ?? 'booklet', root)
  const candidates = [...new Set([...sourceDirs, path.join(root, 'templates'), path.dirname(profile), path.dirname(booklet), ...(base.fontDir ? [base.fontDir] : [])])].filter((d) => existsSync(d))
  // Note: a folder inside another watched folder (templates/profiles) is already watched recursively.
  const watched = candidates.filter((d) => !candidates.some((o) => o !== d && d.startsWith(o + path.sep)))
  const isSource = (file: string) => file.endsWith('.md') && sourceDirs.some((d) => path.dirname(file) === d) && (!base.files || base.files.some((f) => path.resolve(root, f) === file))
  let changed = new Set<string>()
  let timer: NodeJS.Timeout | undefined
  let running: Promise<void> | undefined
  const run = async () => {
    const batch = [...changed]
    changed = new Set()
    const started = nowMs()
    const sources = batch.filter(isSource)
    const everything = batch.some((f) => !isSource(f))
    // Note: a template, profile or font change invalidates what the session holds (compiled templates, parsed fonts).
    if (everything) {
      session = new Session(sessionOptions())
      await warm(session)
    }
    // Note: a deleted source needs a build of every source (its output folder goes); the cache keeps it cheap.
    const deleted = sources.some((f) => !existsSync(f))
    const files = everything || deleted ? base.files : sources
    if (!everything && !deleted && files?.length === 0) return
    const result = await build({...base, ...(files ? {files} : {}), session})
    print(result, batch.map((f) => path.relative(root, f)), nowMs() - started)
  }
  // Note: once stopped (or the configuration changed), no rebuild starts: not even one queued behind a running one.
  let closed = false
  const schedule = () => {
    if (closed) return
    if (timer) clearTimeout(timer)
    timer = setTimeout(() => {
      timer = undefined
      if (closed) return
      if (running) return void running.then(schedule)
      running = run()
        .catch((error: unknown) => void options.io.stderr.write(`error ${(error as Error).message}\n`))
        .finally(() => (running = undefined))
    }, options.settleMs ?? 15)
  }
  const watchers: FSWatcher[] = watched.map((dir) =>
    fsWatch(dir, {recursive: true}, (_event, name) => {
      if (!name) return
      const file = path.join(dir, name.toString())
      // Note: editors write temporary and backup files next to the source; only what zhiban reads counts.
      if (file.startsWith(out + path.sep) || /(^|[\\/])\.|~$|\.swp$|\.tmp$/.test(name.toString())) return
      changed.add(file)
      schedule()
    }),
  )
  // The font files the profiles name, wherever they are (the open stand-ins live in node_modules): their folders,
  // not recursively, for their own names only.
  const hashes = new FileHashes(path.join(typeof base.cache === 'string' ? base.cache : cacheDir(root), 'files.json'))
  const fonts = [...new Set([profile, booklet].flatMap((p) => (existsSync(p) ? profileFonts(p, root, hashes) : [])))].filter((f) => !watched.some((d) => f.startsWith(d + path.sep)))
  const fontDirs = new Map<string, Set<string>>()
  for (const font of fonts) fontDirs.set(path.dirname(font), (fontDirs.get(path.dirname(font)) ?? new Set()).add(path.basename(font)))
  for (const [dir, names] of fontDirs) {
    if (!existsSync(dir)) continue
    watchers.push(
      fsWatch(dir, (_event, name) => {
        if (!name || !names.has(name.toString())) return
        changed.add(path.join(dir, name.toString()))
        schedule()
      }),
    )
  }
  // The configuration: zhiban.config.json or package.json at the root.
  let configChanged!: () => void
  const config = new Promise<'config'>((resolve) => (configChanged = () => resolve('config')))
  watchers.push(
    fsWatch(root, (_event, name) => {
      if (!name || !CONFIG_FILES.includes(name.toString())) return
      if (!options.reload) {
        options.io.stderr.write(`warning ${name.toString()} changed: restart zhiban to apply it\n`)
        return
      }
      configChanged()
    }),
  )
  if (!options.quiet) options.io.stdout.write(`watching ${watched.map((d) => path.relative(root, d) || '.').join(', ')}${fonts.length ? `, ${fonts.length} font file${fonts.length === 1 ? '' : 's'}` : ''} (Ctrl-C to stop)\n`)
  options.onReady?.()
  const outcome = await Promise.race([options.stop.then(() => 'stopped' as const), config])
  closed = true
  for (const w of watchers) w.close()
  if (timer) clearTimeout(timer)
  await running
  if (outcome === 'config' && !options.quiet) options.io.stdout.write('the configuration changed: building again with it\n')
  return outcome
}
