// A build worker thread's entry: runs the same bundle as the main thread (and its code cache), then serves jobs.
// Note: CommonJS, as the launcher (zhiban.cjs) is: no ES module loader to set up in each thread.
'use strict'
const {workerData} = require('node:worker_threads')
const {loadBundle, root} = require('./bundle.cjs')

globalThis.ZHIBAN_HOME = root
// Note: as in the main thread (scripts/zhiban.cjs): the bundle's caches keyed by the bundle need it.
globalThis.ZHIBAN_BUNDLE = workerData.bundle
loadBundle(workerData.bundle).exports.workerMain(workerData.options)
