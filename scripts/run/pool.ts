/**
 * Compile many documents on worker threads, one document per task. Each result goes to the caller as it
 * arrives and is not kept (a corpus's files are not all held in memory); the caller places it by job index,
 * so what is written does not depend on scheduling.
 */
import {existsSync} from 'node:fs'
import path from 'node:path'
import {pathToFileURL} from 'node:url'
import {Worker} from 'node:worker_threads'
import {zhibanHome} from '../paths.ts'
import type {Job, JobResult, SessionOptions} from './session.ts'

/**
 * The worker script (scripts/worker.cjs), when this code runs from the bundled CLI (see scripts/bundle.cjs).
 * Note: under vitest the sources are TypeScript and a worker cannot load them; the build then stays in-process.
 */
export function workerScript(): URL | undefined {
  if (typeof (globalThis as {ZHIBAN_BUNDLE?: unknown}).ZHIBAN_BUNDLE !== 'string') return undefined
  const file = path.join(zhibanHome(), 'scripts', 'worker.cjs')
  return existsSync(file) ? pathToFileURL(file) : undefined
}

/** A worker reported an exception (a programmer error, not an input problem). */
export class WorkerError extends Error {
  constructor(message: string, stack?: string) {
    super(message)
    this.name = 'WorkerError'
    if (stack) this.stack = stack
  }
}

/**
 * Run jobs on `threads` workers.
 * @param jobs the documents
 * @param options the session every worker opens
 * @param threads how many workers (≥ 1)
 * @param script the worker script
 * @param onResult called as each document finishes (in completion order)
 */
export async function runPool(jobs: readonly Job[], options: Readonly<SessionOptions>, threads: number, script: URL, onResult: (result: JobResult) => void): Promise<void> {
  let next = 0
  const workers: Worker[] = []
  try {
    await Promise.all(
      Array.from({length: Math.min(threads, jobs.length)}, () =>
        new Promise<void>((resolve, reject) => {
          const worker = new Worker(script, {workerData: {options, bundle: (globalThis as {ZHIBAN_BUNDLE?: unknown}).ZHIBAN_BUNDLE}})
          workers.push(worker)
          const feed = () => {
            if (next >= jobs.length) return resolve()
            worker.postMessage(jobs[next++])
          }
          worker.on('message', (message: {result?: JobResult; error?: {message: string; stack?: string}}) => {
            if (message.error) return reject(new WorkerError(message.error.message, message.error.stack))
            onResult(message.result!)
            feed()
          })
          worker.on('error', reject)
          worker.on('exit', (code) => {
            if (code !== 0) reject(new WorkerError(`a build worker stopped with code ${code}`))
          })
          feed()
        }),
      ),
    )
  } finally {
    await Promise.all(workers.map((w) => w.terminate()))
  }
}
