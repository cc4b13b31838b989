/**
 * The `zhiban` command: argv → command → exit code. No pipeline logic lives here.
 *
 * Exit codes: 0 ok, 1 errors in the input, 2 wrong usage.
 */
import {existsSync, mkdirSync, readFileSync, writeFileSync} from 'node:fs'
import path from 'node:path'
import {Command, CommanderError, Option} from 'commander'
import {build, VERSION, type Report} from './build.ts'
import {EDITIONS, type EditionName} from './pipeline.ts'
import {report} from './diagnostics/report.ts'
import {ProfileError} from './profile.ts'
import {FontError} from './typeset/fonts.ts'
import {TemplateError} from './templates.ts'

/** Where the command runs: the project root is the nearest folder with a package.json named zhiban, else cwd. */
function projectRoot(): string {
  let dir = process.cwd()
  for (;;) {
    const pkg = path.join(dir, 'package.json')
    if (existsSync(pkg) && existsSync(path.join(dir, 'templates'))) return dir
    const up = path.dirname(dir)
    if (up === dir) return process.cwd()
    dir = up
  }
}

function parseEditions(value: string): EditionName[] {
  const names = value.split(',').map((s) => s.trim()).filter(Boolean)
  for (const name of names) {
    if (!(EDITIONS as readonly string[]).includes(name)) throw new CommanderError(2, 'zhiban.usage', `error: unknown edition '${name}' (choose from ${EDITIONS.join(', ')})`)
  }
  return names as EditionName[]
}

function printReport(result: Report, options: {json?: boolean; quiet?: boolean; frail?: boolean}): void {
  const messages = report(result.files, {frail: options.frail ?? false})
  if (options.json) {
    process.stdout.write(`${JSON.stringify({ok: result.ok, documents: result.documents, messages: result.files.flatMap((f) => f.messages.map((m) => ({file: f.path, line: m.line, column: m.column, ruleId: m.ruleId, fatal: m.fatal, reason: m.reason})))}, null, 2)}\n`)
    return
  }
  if (messages) process.stderr.write(`${messages}\n`)
  if (options.quiet) return
  for (const doc of result.documents) {
    const pages = doc.outputs.reduce((n, o) => n + (o.pages ?? 0), 0)
    const bytes = doc.outputs.reduce((n, o) => n + o.bytes, 0)
    process.stdout.write(`${doc.ok ? 'built' : 'failed'} ${doc.source}: ${doc.outputs.length} files, ${pages} pages, ${bytes} bytes, ${Math.round(doc.ms)} ms\n`)
  }
}

/**
 * Run the CLI.
 * @param argv process.argv
 * @returns the exit code
 */
export async function main(argv: readonly string[]): Promise<number> {
  const root = projectRoot()
  let code = 0
  const program = new Command('zhiban')
    .description('Prepress pipeline for Chinese official documents: one source, every edition.')
    .version(VERSION, '-v, --version')
    .exitOverride()
    .configureOutput({writeErr: (s) => process.stderr.write(s)})
    .showHelpAfterError()

  program
    .command('build')
    .description('build every edition of every source (or of the files given) into dist/')
    .argument('[files...]', 'source files (default: source/*.md)')
    .addOption(new Option('--only <editions>', `editions to build, comma-separated (${EDITIONS.join(',')})`).argParser(parseEditions))
    .option('--profile <name|file>', 'profile for the official editions', 'official')
    .option('--out <dir>', 'output folder', 'dist')
    .option('--frail', 'treat warnings as errors')
    .option('--json', 'print a machine-readable report')
    .option('-q, --quiet', 'print only diagnostics')
    .action(async (files: string[], opts: {only?: EditionName[]; profile: string; out: string; frail?: boolean; json?: boolean; quiet?: boolean}) => {
      const result = await build({root, ...(files.length ? {files} : {}), ...(opts.only ? {only: opts.only} : {}), profile: opts.profile, out: opts.out, frail: opts.frail ?? false})
      printReport(result, opts)
      code = result.ok ? 0 : 1
    })

  program
    .command('check')
    .description('run every check on the sources and report; write nothing')
    .argument('[files...]', 'source files (default: source/*.md)')
    .option('--profile <name|file>', 'profile for the official editions', 'official')
    .option('--frail', 'treat warnings as errors')
    .option('--json', 'print a machine-readable report')
    .action(async (files: string[], opts: {profile: string; frail?: boolean; json?: boolean}) => {
      const result = await build({root, ...(files.length ? {files} : {}), profile: opts.profile, frail: opts.frail ?? false, write: false})
      printReport(result, {...opts, quiet: true})
      code = result.ok ? 0 : 1
    })

  program
    .command('import')
    .description('turn PDF-extracted text into a canonical Markdown source')
    .argument('<file>', 'the extracted text (UTF-8)')
    .option('-o, --output <file>', 'write the source here (default: standard output)')
    .action(async (file: string, opts: {output?: string}) => {
      const {fromText} = await import('./import/from-text.ts')
      const result = fromText(readFileSync(path.resolve(file), 'utf8'))
      for (const w of result.warnings) process.stderr.write(`${file}:${w.line}:${w.column}: warning import ${w.reason}\n`)
      if (opts.output) {
        mkdirSync(path.dirname(path.resolve(opts.output)), {recursive: true})
        writeFileSync(path.resolve(opts.output), result.markdown)
      } else process.stdout.write(result.markdown)
    })

  try {
    await program.parseAsync([...argv])
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 || error.code === 'commander.helpDisplayed' || error.code === 'commander.version' ? 0 : 2
    if (error instanceof ProfileError || error instanceof FontError || error instanceof TemplateError) {
      process.stderr.write(`error ${error.message}\n`)
      return 1
    }
    throw error
  }
  return code
}
