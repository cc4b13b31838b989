// A build worker thread's entry: runs the same bundle as the main thread (and its code cache), then serves jobs.
import {workerData} from 'node:worker_threads'
import {loadBundle, root} from './bundle.mjs'

globalThis.ZHIBAN_HOME = root
loadBundle(workerData.bundle).exports.workerMain(workerData.options)
