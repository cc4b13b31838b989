/**
 * A build worker thread: opens one session (fonts loaded once), then compiles one document per message.
 * Started by scripts/worker.cjs, which loads the bundled CLI and calls {@link workerMain}.
 */
import {parentPort} from 'node:worker_threads'
import {Session, type Job, type SessionOptions} from './session.ts'

/**
 * Serve jobs from the parent thread until it terminates the worker.
 * @param options the session to open (plain data from the parent)
 */
export function workerMain(options: SessionOptions): void {
  const session = new Session(options)
  parentPort!.on('message', (job: Job) => {
    session.compile(job).then(
      // Note: the bytes are copied, not transferred: a Buffer may be a view on a shared pool.
      (result) => parentPort!.postMessage({result}),
      (error: unknown) => parentPort!.postMessage({index: job.index, error: error instanceof Error ? {name: error.name, message: error.message, stack: error.stack} : {name: 'Error', message: String(error)}}),
    )
  })
}
