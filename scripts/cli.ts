/**
 * The `zhiban` command: argv → command → exit code. No pipeline logic lives here.
 *
 * Exit codes: 0 ok, 1 errors in the input (sources, profile, templates, configuration), 2 wrong usage.
 * Precedence of settings: command-line flag > environment (ZHIBAN_FONT_DIR) > zhiban.config.json > default.
 */
import {existsSync, mkdirSync, writeFileSync} from 'node:fs'
import path from 'node:path'
import {Command, CommanderError, InvalidArgumentError, Option} from 'commander'
import {build, VERSION, type Options as BuildOptions, type Report} from './build.ts'
import {EDITIONS, type EditionName} from './editions.ts'
import {report} from './diagnostics/report.ts'
import {ConfigError, loadConfig, type Config} from './config.ts'
import {parseShard, type Shard} from './run/shard.ts'
import {Progress, type Sink} from './run/progress.ts'
import {fileErrorLine, readNamedFile, requireOutFolder, requireProject, SetupError} from './run/setup.ts'
import {stdSink} from './run/std.ts'
import {storesWritten} from './atomic.ts'

export {outputPending} from './run/std.ts'

/** Where the CLI reads and writes (the process by default; tests pass their own). */
export interface Io {
  stdout: Sink
  stderr: Sink
  env: Readonly<Record<string, string | undefined>>
  cwd: string
  /** Resolves when a long-running command (watch, serve) should stop; default: SIGINT or SIGTERM. */
  stop?: Promise<void>
}

/** Where the command runs: the nearest folder up from cwd with a package.json and templates/, else cwd. */
function projectRoot(cwd: string): string {
  let dir = cwd
  for (;;) {
    if (existsSync(path.join(dir, 'package.json')) && existsSync(path.join(dir, 'templates'))) return dir
    const up = path.dirname(dir)
    if (up === dir) return cwd
    dir = up
  }
}

function parseEditions(value: string): EditionName[] {
  const names = value.split(',').map((s) => s.trim()).filter(Boolean)
  for (const name of names) {
    if (!(EDITIONS as readonly string[]).includes(name)) throw new InvalidArgumentError(`unknown edition '${name}' (choose from ${EDITIONS.join(', ')})`)
  }
  if (names.length === 0) throw new InvalidArgumentError(`name at least one edition (${EDITIONS.join(', ')})`)
  return names as EditionName[]
}

function parseShardOption(value: string): Shard {
  const shard = parseShard(value)
  if (!shard) throw new InvalidArgumentError('expected K/N with 1 ≤ K ≤ N, e.g. 2/4')
  return shard
}

function parsePositive(value: string): number {
  const n = Number(value)
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError('expected a whole number')
  return n
}

/** The machine-readable report (`--json`). */
export function jsonReport(result: Readonly<Report>): unknown {
  return {
    ok: result.ok,
    out: result.out,
    ms: Math.round(result.ms),
    written: result.written,
    removed: result.removed,
    threads: result.threads,
    documents: result.documents.map((d) => ({slug: d.slug, source: d.source, ok: d.ok, cached: d.cached, ms: Math.round(d.ms), editionMs: Object.fromEntries(Object.entries(d.editionMs).map(([e, ms]) => [e, Math.round(ms)])), outputs: d.outputs})),
    messages: result.files.flatMap((f) => f.messages.map((m) => ({file: f.path, line: m.line ?? 1, column: m.column ?? 1, ruleId: m.ruleId ?? null, fatal: m.fatal ?? null, reason: m.reason}))),
  }
}

interface Global {
  quiet?: boolean
  verbose?: boolean
}

interface BuildFlags {
  only?: EditionName[]
  profile?: string
  bookletProfile?: string
  out?: string
  force?: boolean
  json?: boolean
  frail?: boolean
  shard?: Shard
  jobs?: number
}

/**
 * Build options from flags, environment and configuration, in that order of precedence.
 * @param root the project root
 * @param config the validated configuration
 * @param io environment and working folder
 * @param files source files named on the command line
 * @param flags the command's flags
 */
export function resolveBuildOptions(root: string, config: Config, io: Io, files: readonly string[], flags: Readonly<BuildFlags>): BuildOptions {
  const fontDir = io.env.ZHIBAN_FONT_DIR || (config.fontDir ? path.resolve(root, config.fontDir) : undefined)
  const only = flags.only ?? config.only
  const jobs = flags.jobs || config.jobs
  return {
    root,
    ...(files.length ? {files: files.map((f) => path.resolve(io.cwd, f))} : {}),
    ...(only ? {only} : {}),
    profile: flags.profile ?? config.profile ?? 'official',
    bookletProfile: flags.bookletProfile ?? config.bookletProfile ?? 'booklet',
    out: flags.out ? path.resolve(io.cwd, flags.out) : path.resolve(root, config.out ?? 'dist'),
    frail: flags.frail ?? false,
    force: flags.force ?? false,
    fontDir,
    shard: flags.shard,
    jobs,
    writers: io.env.ZHIBAN_WRITERS || undefined,
    ...(io.env.ZHIBAN_CACHE_DIR ? {cache: path.resolve(io.cwd, io.env.ZHIBAN_CACHE_DIR)} : {}),
    baseUrl: config.baseUrl,
  }
}

function printMessages(result: Readonly<Report>, io: Io, frail: boolean): void {
  const messages = report(result.files, {frail})
  if (messages) io.stderr.write(`${messages}\n`)
}

/**
 * Run the CLI.
 * @param argv process.argv
 * @param io streams, environment and working folder (default: the process's)
 * @returns the exit code
 */
export async function main(argv: readonly string[], io: Io = {stdout: stdSink(1), stderr: stdSink(2), env: process.env, cwd: process.cwd()}): Promise<number> {
  const root = projectRoot(io.cwd)
  let code = 0
  let config: Config | undefined
  const getConfig = async () => (config ??= await loadConfig(root))
  const program = new Command('zhiban')
    .description('Prepress pipeline for Chinese official documents: one source, every edition.')
    .version(VERSION, '-V, --version')
    .option('-q, --quiet', 'print only diagnostics and errors')
    .option('--verbose', 'print every document, cached ones too')
    .exitOverride()
    .configureOutput({
      writeOut: (s) => io.stdout.write(s),
      writeErr: (s) => io.stderr.write(s),
      // Note: help wraps at the terminal's width; elsewhere at 100 columns, so the help text is stable.
      getOutHelpWidth: () => (io.stdout as {columns?: number}).columns ?? 100,
      getErrHelpWidth: () => (io.stderr as {columns?: number}).columns ?? 100,
    })
    .showHelpAfterError()
    .addHelpText(
      'after',
      `
Exit status: 0 built, 1 errors in the input (sources, profile, templates, configuration), 2 wrong usage.
Settings: a command-line flag wins over the environment (ZHIBAN_FONT_DIR), which wins over zhiban.config.json
(or the "zhiban" key of package.json). The build cache is node_modules/.cache/zhiban/build (ZHIBAN_CACHE_DIR).`,
    )
  const global = () => program.opts<Global>()

  const addBuildFlags = (command: Command) =>
    command
      .addOption(new Option('--only <editions>', `editions to build, comma-separated (${EDITIONS.join(',')})`).argParser(parseEditions))
      .option('--profile <name|file>', 'profile of the official editions (default: config `profile`, else official)')
      .option('--booklet-profile <name|file>', 'profile of the booklet, e.g. booklet-16k (default: config `bookletProfile`, else booklet)')
      .option('--out <dir>', 'output folder (default: config `out`, else dist)')
      .option('--force', 'rebuild every document, ignoring the build cache')
      .addOption(new Option('-j, --jobs <n>', 'worker threads (default: config `jobs`, else every core)').argParser(parsePositive))
      .option('--frail', 'treat warnings as errors')

  addBuildFlags(
    program
      .command('build')
      .description('build every edition of every source (or of the files given) into dist/')
      .argument('[files...]', 'source files (default: source/*.md)'),
  )
    .addOption(new Option('--shard <K/N>', 'build only shard K of N (then run `zhiban index`)').argParser(parseShardOption))
    .option('--json', 'print a machine-readable report on standard output')
    .action(async (files: string[], flags: BuildFlags) => {
      const g = global()
      requireProject(root, io.cwd)
      const options = resolveBuildOptions(root, (await getConfig()), io, files, flags)
      requireOutFolder(options.out ?? path.join(root, 'dist'), io.cwd)
      const progress = new Progress(flags.json ? {write: () => true} : io.stdout, {quiet: g.quiet ?? false, verbose: g.verbose ?? false})
      // Note: the launcher (scripts/zhiban.cjs) says when this is the command's own process, which ends with the build.
      const shortProcess = (globalThis as {ZHIBAN_PROCESS?: unknown}).ZHIBAN_PROCESS === true
      const result = await build({...options, onStart: progress.start, onDocument: progress.document, shortProcess})
      // Note: what this process compiled, for the launcher's code cache (scripts/bundle.cjs `saveCache`): the
      // editions of a document built in full here by the built-in writers; none when every document was cached or
      // stopped on a problem, when worker threads built them (this thread compiled no writer), or when a writer
      // module stood in for some (the tests' fake writers).
      const compiledHere = result.threads === 0 && result.documents.some((d) => d.ok && !d.cached) && !options.writers
      if (shortProcess) {
        ;(globalThis as {ZHIBAN_BUILT_EDITIONS?: unknown}).ZHIBAN_BUILT_EDITIONS = compiledHere ? (options.only ?? ['*']) : []
        // Note: and whether it found every store it reads filled (see storesWritten).
        ;(globalThis as {ZHIBAN_STEADY?: unknown}).ZHIBAN_STEADY = storesWritten() === 0
      }
      printMessages(result, io, flags.frail ?? false)
      if (flags.json) io.stdout.write(`${JSON.stringify(jsonReport(result), null, 2)}\n`)
      else progress.summary(result)
      code = result.ok ? 0 : 1
    })

  program
    .command('check')
    .description('run every check on the sources and report; write nothing')
    .argument('[files...]', 'source files (default: source/*.md)')
    .option('--profile <name|file>', 'profile of the official editions (default: config `profile`, else official)')
    .option('--frail', 'treat warnings as errors')
    .option('--json', 'print a machine-readable report on standard output')
    .action(async (files: string[], flags: BuildFlags) => {
      requireProject(root, io.cwd)
      const result = await build({...resolveBuildOptions(root, (await getConfig()), io, files, flags), write: false, jobs: 1})
      printMessages(result, io, flags.frail ?? false)
      if (flags.json) io.stdout.write(`${JSON.stringify(jsonReport(result), null, 2)}\n`)
      else if (!global().quiet) io.stdout.write(`${result.ok ? 'ok' : 'failed'}: ${result.documents.length} document${result.documents.length === 1 ? '' : 's'} checked\n`)
      code = result.ok ? 0 : 1
    })

  program
    .command('import')
    .description('turn PDF-extracted text into a canonical Markdown source')
    .argument('<file>', 'the extracted text (UTF-8)')
    .option('-o, --output <file>', 'write the source here (default: standard output)')
    .action(async (file: string, opts: {output?: string}) => {
      const {fromText} = await import('./import/from-text.ts')
      const result = fromText(readNamedFile(file, io.cwd))
      for (const w of result.warnings) io.stderr.write(`${file}:${w.line}:${w.column}: warning import ${w.reason}\n`)
      if (opts.output) {
        mkdirSync(path.dirname(path.resolve(io.cwd, opts.output)), {recursive: true})
        writeFileSync(path.resolve(io.cwd, opts.output), result.markdown)
      } else io.stdout.write(result.markdown)
    })

  addBuildFlags(
    program
      .command('watch')
      .description('build, then rebuild what a change of a source, template, profile or font affects'),
  ).action(async (flags: BuildFlags) => {
    const {watch} = await import('./commands/watch.ts')
    const g = global()
    requireProject(root, io.cwd)
    const options = resolveBuildOptions(root, (await getConfig()), io, [], flags)
    requireOutFolder(options.out ?? path.join(root, 'dist'), io.cwd)
    // Note: a changed configuration is read again and applied; the flags keep winning over it.
    const reload = async () => resolveBuildOptions(root, await loadConfig(root), io, [], flags)
    await watch({build: options, io, quiet: g.quiet ?? false, verbose: g.verbose ?? false, stop: io.stop ?? stopSignal(), reload})
  })

  addBuildFlags(
    program
      .command('serve')
      .description('preview dist/ on 127.0.0.1 with live reload, rebuilding on change as watch does'),
  )
    .addOption(new Option('-p, --port <port>', 'port (default: config `serve.port`, else 4173; 0 = any free port)').argParser(parsePositive))
    .option('--no-watch', 'serve dist/ as it is, without building')
    .action(async (flags: BuildFlags & {port?: number; watch: boolean}) => {
      const {serve} = await import('./commands/serve.ts')
      const g = global()
      requireProject(root, io.cwd)
      const options = resolveBuildOptions(root, (await getConfig()), io, [], flags)
      requireOutFolder(options.out ?? path.join(root, 'dist'), io.cwd)
      await serve({build: options, io, port: flags.port ?? (await getConfig()).serve?.port ?? 4173, watch: flags.watch, quiet: g.quiet ?? false, verbose: g.verbose ?? false, stop: io.stop ?? stopSignal()})
    })

  program
    .command('index')
    .description('write dist/index.html and the combined dist/manifest.json from every dist/<slug>/manifest.json')
    .option('--out <dir>', 'output folder (default: config `out`, else dist)')
    .action(async (flags: {out?: string}) => {
      const {indexCommand} = await import('./commands/index.ts')
      requireProject(root, io.cwd)
      const options = resolveBuildOptions(root, (await getConfig()), io, [], flags)
      const result = await indexCommand(options)
      if (!global().quiet) io.stdout.write(`listed ${result.documents} document${result.documents === 1 ? '' : 's'} in ${path.join(options.out ?? 'dist', 'index.html')}\n`)
    })

  program
    .command('bench')
    .description('measure build times, memory and sizes on source/ and a generated corpus; print a table, write JSON')
    .option('--runs <n>', 'runs per measurement (median reported)', (v) => parsePositive(v), 3)
    .option('--corpus <n>', 'documents in the generated corpus (0: none)', (v) => parsePositive(v), 200)
    .option('--json <file>', 'where to write the results', 'test/artifacts/bench.json')
    .option('--skip-large', 'skip the 1 MB source')
    .option('--document <file>', 'the source measured, in the project', 'source/samr-2022-quality-action-plan-qa.md')
    .option('--peers-only', 'only zhiban beside its peers (Typst, pandoc, bare Node)')
    .action(async (flags: {runs: number; corpus: number; json: string; skipLarge?: boolean; document: string; peersOnly?: boolean}) => {
      const {bench} = await import('./bench.ts')
      code = await bench({root, runs: flags.runs, corpus: flags.corpus, json: path.resolve(root, flags.json), large: !flags.skipLarge, document: flags.document, peersOnly: flags.peersOnly === true, io})
    })

  try {
    await program.parseAsync([...argv])
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 || error.code === 'commander.helpDisplayed' || error.code === 'commander.version' ? 0 : 2
    if (error instanceof SetupError) {
      io.stderr.write(`error ${error.message}\n`)
      return 1
    }
    if (error instanceof ConfigError) {
      io.stderr.write(`error ${error.message}\n`)
      return 1
    }
    // Note: loaded only now, so that the CLI does not load the profile, font and template modules up front.
    if (error instanceof Error && ['ProfileError', 'FontError', 'TemplateError'].includes(error.name)) {
      const {formatProjectError, isProjectError} = await import('./diagnostics/project-error.ts')
      if (isProjectError(error)) {
        io.stderr.write(`${formatProjectError(error, root)}\n`)
        return 1
      }
    }
    // Note: a file operation that failed (a folder that cannot be written, a file in the way) is one line, not a stack trace.
    const line = fileErrorLine(error, io.cwd)
    if (line) {
      io.stderr.write(`${line}\n`)
      return 1
    }
    throw error
  }
  return code
}

/** Resolves on the first SIGINT or SIGTERM. */
function stopSignal(): Promise<void> {
  return new Promise((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop)
      process.off('SIGTERM', stop)
      resolve()
    }
    process.on('SIGINT', stop)
    process.on('SIGTERM', stop)
  })
}

/**
 * A build worker thread's start (scripts/worker.cjs calls it from the bundle).
 * @param options the session the worker opens
 */
export async function workerMain(options: import('./run/session.ts').SessionOptions): Promise<void> {
  const worker = await import('./run/worker.ts')
  worker.workerMain(options)
}
