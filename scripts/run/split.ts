/**
 * One document's editions on two threads: the booklet (its own profile, layout, booklet and imposed PDFs, ~a
 * fifth of a whole build) is made on a worker thread while this thread makes the others, so that a build of one
 * source uses a second core (issue 19). The worker runs the same bundle and the same session code with the
 * booklet alone; the bytes do not depend on the thread that made them.
 *
 * The booklet arrives here as the writer of the booklet edition (pipeline.ts `deferred`): its problems (a cover
 * or colophon character no font has, say) are added to the source's messages unless this thread reported the same
 * one (both threads parse and check the source); the HTML page waits for it, as it links to every file.
 */
import {Worker} from 'node:worker_threads'
import type {Writer} from '../editions.ts'
import {addMessage, toData, type MessageData} from './messages.ts'
import {WorkerError} from './pool.ts'
import {Session, type Job, type JobResult, type SessionOptions} from './session.ts'

/** A message's identity, to tell whether two threads reported the same one. */
function identity(m: Readonly<MessageData>): string {
  return JSON.stringify([m.ruleId, m.reason, m.place?.start.line, m.place?.start.column, m.fatal])
}

/**
 * Compile one document with the booklet made on a worker thread.
 * @param job the document
 * @param options the session (its editions include the booklet and another one)
 * @param script the worker script (scripts/worker.mjs)
 */
export async function compileSplit(job: Readonly<Job>, options: Readonly<SessionOptions>, script: URL): Promise<JobResult> {
  const worker = new Worker(script, {workerData: {options: {...options, editions: ['booklet']}, bundle: (globalThis as {ZHIBAN_BUNDLE?: unknown}).ZHIBAN_BUNDLE}})
  const remote = new Promise<JobResult>((resolve, reject) => {
    worker.on('message', (message: {result?: JobResult; error?: {message: string; stack?: string}}) => (message.error ? reject(new WorkerError(message.error.message, message.error.stack)) : resolve(message.result!)))
    worker.on('error', reject)
    worker.on('exit', (code) => reject(new WorkerError(`a build worker stopped with code ${code}`)))
  })
  // Note: awaited by the booklet's writer only when this thread gets that far; a failure is never unhandled.
  remote.catch(() => undefined)
  worker.postMessage(job)
  const booklet: Writer = async (context) => {
    const result = await remote
    const seen = new Set(context.file.messages.map((m) => identity(toData(m))))
    for (const m of result.messages) if (!seen.has(identity(m))) addMessage(context.file, m)
    return result.compiled ? result.outputs.filter((o) => o.edition === 'booklet') : []
  }
  try {
    const result = await new Session(options, {booklet}, undefined, ['booklet']).compile(job)
    const made = await remote.catch(() => undefined)
    if (made?.editionMs.booklet !== undefined) result.editionMs.booklet = made.editionMs.booklet
    return result
  } finally {
    await worker.terminate()
  }
}
