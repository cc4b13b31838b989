// Bundled in place of `node:child_process` where commander requires it (scripts/bundle.cjs): the same module, loaded
// on first use. Why: commander requires it when it loads, only to run a subcommand that is a separate executable,
// which zhiban never defines; loading it pulls in net, dgram and the stream wrappers (~2 ms of every start, issue 19).
'use strict'
let real
const childProcess = () => (real ??= require('node:child_process'))

exports.spawn = (...args) => childProcess().spawn(...args)
