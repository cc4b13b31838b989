// A build worker thread's entry: runs the same bundle as the main thread (and its code cache), then serves jobs.
import {workerData} from 'node:worker_threads'
import {loadBundle, root} from './bundle.mjs'

globalThis.ZHIBAN_HOME = root
// Note: as in the main thread (scripts/zhiban.mjs): the bundle's caches keyed by the bundle need it.
globalThis.ZHIBAN_BUNDLE = workerData.bundle
loadBundle(workerData.bundle).exports.workerMain(workerData.options)
