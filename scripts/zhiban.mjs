#!/usr/bin/env node
// The `zhiban` launcher: bundles scripts/*.ts with esbuild into node_modules/.cache/zhiban/cli
// when a script changed, then runs it. Note: a bundle (one file per lazily loaded edition)
// starts in a fraction of the time a TypeScript loader would take.
import {createHash} from 'node:crypto'
import {existsSync, readdirSync, statSync} from 'node:fs'
import path from 'node:path'
import {fileURLToPath, pathToFileURL} from 'node:url'

const here = path.dirname(fileURLToPath(import.meta.url))
const root = path.dirname(here)
// Note: keyed by the project folder, so two checkouts sharing one node_modules never run each other's code.
const key = createHash('sha256').update(root).digest('hex').slice(0, 12)
const outdir = path.join(root, 'node_modules', '.cache', 'zhiban', `cli-${key}`)
const entry = path.join(outdir, 'cli.js')

function newest(dir) {
  let t = 0
  for (const e of readdirSync(dir, {withFileTypes: true})) {
    const full = path.join(dir, e.name)
    t = Math.max(t, e.isDirectory() ? newest(full) : e.name.endsWith('.ts') || e.name === 'zhiban.mjs' ? statSync(full).mtimeMs : 0)
  }
  return t
}

if (!existsSync(entry) || statSync(entry).mtimeMs < Math.max(newest(here), statSync(path.join(root, 'package-lock.json')).mtimeMs)) {
  const {build} = await import('esbuild')
  await build({
    entryPoints: {cli: path.join(here, 'cli.ts'), worker: path.join(here, 'run', 'worker.ts')},
    outdir,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    packages: 'external',
    logLevel: 'error',
    sourcemap: 'inline',
  })
}
// Note: the bundle lives under node_modules, which may be a link shared by several checkouts; it learns
// which checkout it was built from here (for the build cache's code hash and the benchmark's child processes).
globalThis.ZHIBAN_HOME = root
const {main} = await import(pathToFileURL(entry).href)
process.exitCode = await main(process.argv)
