/**
 * Run the generated corpus (corpus-sources.ts) on worker threads, in batches: the figures and every failure.
 * Used by test/robustness/corpus.test.ts (in `npm test`) and by `npm run fuzz -- --n N` (test/robustness/fuzz.mjs).
 */
import {readFileSync} from 'node:fs'
import {availableParallelism} from 'node:os'
import path from 'node:path'
import {Worker} from 'node:worker_threads'
import {corpus} from './corpus-sources.ts'
import type {Tally} from './corpus-check.ts'

/** Options of {@link runCorpus}. */
export interface RunOptions {
  root: string
  /** The bundled worker (corpus-worker.ts). */
  worker: string
  n: number
  seed: number
  threads?: number
  batch?: number
  onBatch?: (done: Tally) => void
}

/**
 * Generate `n` sources from the seed document and check them all.
 * @param options where, how many, which seed, how many threads
 */
export async function runCorpus(options: Readonly<RunOptions>): Promise<Tally & {ms: number}> {
  const started = performance.now()
  const seed = readFileSync(path.join(options.root, 'source', 'samr-2022-quality-action-plan-qa.md'), 'utf8')
  const cases = corpus(seed, options.n, options.seed).map((c) => c.markdown)
  const batch = options.batch ?? 40
  const batches: {first: number; cases: string[]}[] = []
  for (let first = 0; first < cases.length; first += batch) batches.push({first, cases: cases.slice(first, first + batch)})
  const total: Tally = {cases: 0, refused: 0, built: 0, rules: {}, failures: []}
  const threads = Math.max(1, Math.min(options.threads ?? availableParallelism(), batches.length))
  const script = path.join(options.root, 'test', 'robustness', 'pdf-text.js')
  const run = async (): Promise<void> => {
    const worker = new Worker(options.worker, {workerData: {root: options.root, script}})
    try {
      for (let next = batches.shift(); next; next = batches.shift()) {
        const answer = await new Promise<{tally?: Tally; error?: string}>((resolve, reject) => {
          const done = (value: {tally?: Tally; error?: string}): void => {
            worker.off('error', fail)
            resolve(value)
          }
          const fail = (error: Error): void => {
            worker.off('message', done)
            reject(error)
          }
          worker.once('message', done)
          worker.once('error', fail)
          worker.postMessage(next)
        })
        if (answer.error !== undefined) throw new Error(`corpus worker: ${answer.error}`)
        const tally = answer.tally!
        total.cases += tally.cases
        total.refused += tally.refused
        total.built += tally.built
        for (const [rule, n] of Object.entries(tally.rules)) total.rules[rule] = (total.rules[rule] ?? 0) + n
        total.failures.push(...tally.failures)
        options.onBatch?.(total)
      }
    } finally {
      await worker.terminate()
    }
  }
  await Promise.all(Array.from({length: threads}, run))
  total.failures.sort((a, b) => a.index - b.index)
  return {...total, ms: performance.now() - started}
}
