#!/usr/bin/env node
// `npm run fuzz -- --n 20000 [--seed S] [--threads T] [--batch B]`: the generated corpus of test/robustness/corpus.test.ts
// at any size. Bundles corpus-run.ts and its worker (esbuild, as the CLI is bundled) under test/artifacts/fuzz/, prints
// the figures (cases, refused by rule, built, failures, time) and writes the failures to test/artifacts/fuzz/failures.json.
// Exit 1 when a case failed.
import {mkdirSync, writeFileSync} from 'node:fs'
import path from 'node:path'
import {parseArgs} from 'node:util'
import {build} from 'esbuild'

const root = path.resolve(import.meta.dirname, '..', '..')
const {values} = parseArgs({options: {n: {type: 'string', default: '20000'}, seed: {type: 'string', default: '20221110'}, threads: {type: 'string'}, batch: {type: 'string', default: '40'}}})
const outdir = path.join(root, 'test', 'artifacts', 'fuzz')
mkdirSync(outdir, {recursive: true})
await build({
  entryPoints: {run: path.join(root, 'test', 'robustness', 'corpus-run.ts'), worker: path.join(root, 'test', 'robustness', 'corpus-worker.ts')},
  outdir, bundle: true, splitting: true, format: 'esm', platform: 'node', target: 'node20', packages: 'external', logLevel: 'error',
})
const {runCorpus} = await import(path.join(outdir, 'run.js'))
const n = Number(values.n)
let shown = 0
const result = await runCorpus({
  root, worker: path.join(outdir, 'worker.js'), n, seed: Number(values.seed), batch: Number(values.batch),
  ...(values.threads ? {threads: Number(values.threads)} : {}),
  onBatch: (t) => {
    if (t.cases - shown >= 1000 || t.cases === n) {
      shown = t.cases
      process.stderr.write(`${t.cases}/${n} cases, ${t.failures.length} failures\n`)
    }
  },
})
writeFileSync(path.join(outdir, 'failures.json'), `${JSON.stringify(result.failures, null, 1)}\n`)
const rules = Object.entries(result.rules).sort((a, b) => b[1] - a[1]).map(([r, k]) => `${r} ${k}`).join(', ')
console.log(`${result.cases} cases (seed ${values.seed}): ${result.refused} refused (${rules}), ${result.built} built, ${result.failures.length} failures, ${(result.ms / 1000).toFixed(1)} s`)
for (const f of result.failures.slice(0, 5)) console.log(`#${f.index}: ${f.problem}`)
process.exitCode = result.failures.length > 0 ? 1 : 0
