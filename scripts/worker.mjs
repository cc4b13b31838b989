// A build worker thread's entry: runs the same bundle as the main thread (and its code cache), then serves jobs.
import {createRequire} from 'node:module'
import {workerData} from 'node:worker_threads'

const {loadBundle, root} = createRequire(import.meta.url)('./bundle.cjs')
globalThis.ZHIBAN_HOME = root
// Note: as in the main thread (scripts/zhiban.mjs): the bundle's caches keyed by the bundle need it.
globalThis.ZHIBAN_BUNDLE = workerData.bundle
loadBundle(workerData.bundle).exports.workerMain(workerData.options)
