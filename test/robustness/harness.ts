/**
 * Drive a fixture case through the real build (`write: false`) and render what the CLI prints:
 * `path:line:column: severity rule-id reason` lines, then `exit N`.
 */
import {cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync} from 'node:fs'
import path from 'node:path'
import {build, type Options} from '../../scripts/build.ts'
import {report} from '../../scripts/diagnostics/report.ts'
import {formatProjectError, isProjectError} from '../../scripts/diagnostics/project-error.ts'
import {EDITIONS, type EditionName} from '../../scripts/editions.ts'

import {ROOT} from '../root.ts'

export {ROOT}

/** A fixture case's options (`options.json`). */
interface CaseOptions {
  frail?: boolean
  /** A profile file inside the case folder. */
  profile?: string
  /** Editions to run (default none: the input checks come before any writer). */
  editions?: EditionName[]
}

/**
 * A scratch project under test/artifacts/: the real templates (plus the case's `templates/`
 * overlay), package.json and a link to node_modules.
 * @param name a folder name under test/artifacts/roots/
 * @param overlay a folder whose `templates/` replaces files of the real one
 */
export function scratchRoot(name: string, overlay?: string): string {
  const root = path.join(ROOT, 'test', 'artifacts', 'roots', name)
  rmSync(root, {recursive: true, force: true})
  mkdirSync(path.join(root, 'source'), {recursive: true})
  cpSync(path.join(ROOT, 'templates'), path.join(root, 'templates'), {recursive: true})
  if (overlay && existsSync(path.join(overlay, 'templates'))) cpSync(path.join(overlay, 'templates'), path.join(root, 'templates'), {recursive: true})
  cpSync(path.join(ROOT, 'package.json'), path.join(root, 'package.json'))
  symlinkSync(path.join(ROOT, 'node_modules'), path.join(root, 'node_modules'))
  return root
}

/**
 * Run a case: `test/fixtures/<name>/input.md` (or `input.bin`), checked with every stage but the writers.
 * @param name the case folder under test/fixtures/
 * @param editions editions to run (default none: the input checks come before any writer)
 */
export async function runCase(name: string, editions: readonly EditionName[] = []): Promise<string> {
  const dir = path.join(ROOT, 'test', 'fixtures', name)
  const options: CaseOptions = existsSync(path.join(dir, 'options.json')) ? JSON.parse(readFileSync(path.join(dir, 'options.json'), 'utf8')) as CaseOptions : {}
  const input = existsSync(path.join(dir, 'input.bin')) ? 'input.bin' : 'input.md'
  let root = ROOT
  let file = path.join('test', 'fixtures', name, input)
  if (existsSync(path.join(dir, 'templates'))) {
    root = scratchRoot(name, dir)
    mkdirSync(path.join(root, 'test', 'fixtures', name), {recursive: true})
    writeFileSync(path.join(root, file), readFileSync(path.join(dir, input)))
  }
  if (input === 'input.bin') {
    // Note: the slug is the file name; give the bytes a `.md` name in a scratch copy.
    const scratch = path.join(ROOT, 'test', 'artifacts', 'cases', name)
    mkdirSync(scratch, {recursive: true})
    writeFileSync(path.join(scratch, 'input.md'), readFileSync(path.join(dir, input)))
    file = path.relative(root, path.join(scratch, 'input.md'))
  }
  const buildOptions: Options = {root, files: [file], write: false, only: options.editions ?? editions, frail: options.frail ?? false, ...(options.profile ? {profile: path.join('test', 'fixtures', name, options.profile)} : {})}
  return runBuild(buildOptions)
}

/**
 * Run a build and render its report as the CLI prints it (without notes), then `exit N`.
 * @param options build options
 */
export async function runBuild(options: Readonly<Options>): Promise<string> {
  try {
    const result = await build({cache: false, ...options})
    const text = report(result.files, {frail: options.frail ?? false, notes: false})
    return `${text ? `${text}\n` : ''}exit ${result.ok ? 0 : 1}\n`
  } catch (error) {
    if (!isProjectError(error)) throw error
    return `${formatProjectError(error, options.root).split('\n')[0]}\nexit 1\n`
  }
}

/** Every edition (each inherits these tests). */
export const READY: readonly EditionName[] = EDITIONS

/** The seed document's text. */
export const SEED = readFileSync(path.join(ROOT, 'source', 'samr-2022-quality-action-plan-qa.md'), 'utf8')

/**
 * Every file under a folder, by relative path, with its bytes.
 * @param dir a folder
 */
export function readTree(dir: string): Map<string, Buffer> {
  const out = new Map<string, Buffer>()
  const walk = (sub: string): void => {
    for (const entry of readdirSync(path.join(dir, sub), {withFileTypes: true})) {
      const rel = sub ? `${sub}/${entry.name}` : entry.name
      if (entry.isDirectory()) walk(rel)
      else out.set(rel, readFileSync(path.join(dir, rel)))
    }
  }
  if (existsSync(dir)) walk('')
  return new Map([...out].sort(([a], [b]) => (a < b ? -1 : 1)))
}
