/**
 * A private bundle of the CLI for tests that spawn a real process (signals, TZ/LANG), under
 * test/artifacts/ (not the launcher's shared cache).
 */
import {mkdirSync, writeFileSync} from 'node:fs'
import path from 'node:path'
import {build} from 'esbuild'
import {ROOT} from './harness.ts'

/**
 * Bundle scripts/cli.ts; returns the path of a runner script: `node <runner> build …`.
 * @param name a folder name under test/artifacts/
 */
export async function bundleCli(name: string): Promise<string> {
  const outdir = path.join(ROOT, 'test', 'artifacts', name)
  mkdirSync(outdir, {recursive: true})
  await build({entryPoints: {cli: path.join(ROOT, 'scripts', 'cli.ts')}, outdir, bundle: true, splitting: true, format: 'esm', platform: 'node', target: 'node20', packages: 'external', logLevel: 'error'})
  const runner = path.join(outdir, 'run.mjs')
  writeFileSync(runner, "import {main} from './cli.js'\nprocess.exitCode = await main(process.argv)\n")
  return runner
}

/**
 * Bundle the fuzz worker (test/robustness/fuzz-worker.ts); returns the path of its entry.
 * @param name a folder name under test/artifacts/
 */
export async function bundleFuzzWorker(name: string): Promise<string> {
  const outdir = path.join(ROOT, 'test', 'artifacts', name)
  mkdirSync(outdir, {recursive: true})
  await build({entryPoints: {worker: path.join(ROOT, 'test', 'robustness', 'fuzz-worker.ts')}, outdir, bundle: true, splitting: true, format: 'esm', platform: 'node', target: 'node20', packages: 'external', logLevel: 'error'})
  return path.join(outdir, 'worker.js')
}

/**
 * Bundle the corpus worker (test/robustness/corpus-worker.ts); returns the path of its entry.
 * @param name a folder name under test/artifacts/
 */
export async function bundleCorpusWorker(name: string): Promise<string> {
  const outdir = path.join(ROOT, 'test', 'artifacts', name)
  mkdirSync(outdir, {recursive: true})
  await build({entryPoints: {worker: path.join(ROOT, 'test', 'robustness', 'corpus-worker.ts')}, outdir, bundle: true, splitting: true, format: 'esm', platform: 'node', target: 'node20', packages: 'external', logLevel: 'error'})
  return path.join(outdir, 'worker.js')
}
