/**
 * A build worker thread: opens one session (fonts loaded once), then compiles one document per message.
 */
import {parentPort, workerData} from 'node:worker_threads'
import {Session, type Job, type SessionOptions} from './session.ts'

const session = new Session(workerData as SessionOptions)
parentPort!.on('message', (job: Job) => {
  session.compile(job).then(
    // Note: the bytes are copied, not transferred: a Buffer may be a view on a shared pool.
    (result) => parentPort!.postMessage({result}),
    (error: unknown) => parentPort!.postMessage({index: job.index, error: error instanceof Error ? {name: error.name, message: error.message, stack: error.stack} : {name: 'Error', message: String(error)}}),
  )
})
