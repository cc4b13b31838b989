#!/usr/bin/env node
// The `zhiban` launcher: bundles scripts/*.ts when a script changed, then runs the bundle (see bundle.cjs).
// Note: CommonJS, as bundle.cjs is: an ES module entry has Node set up its ES module loader at every start (~4 ms
// measured against the same empty file as CommonJS); the project's own code stays ES modules, bundled.
'use strict'
const {cachePart, ensureBundle, loadBundle, root} = require('./bundle.cjs')

async function launch() {
  // Note: until the command's own code is set: a launch that never settles ends the process with 13, as an ES module
  // whose top-level await never settles does, not with success.
  process.exitCode = 13
  const file = await ensureBundle()
  // Note: the bundle lives under node_modules, which may be a link shared by several checkouts; it learns
  // which checkout it was built from here (for the build cache's code hash and the benchmark's child processes).
  globalThis.ZHIBAN_HOME = root
  globalThis.ZHIBAN_BUNDLE = file
  // Note: this process runs one command and ends: a short build may tune V8 for that (build.ts `shortProcess`).
  globalThis.ZHIBAN_PROCESS = true
  const bundle = loadBundle(file, cachePart(process.argv))
  process.exitCode = await bundle.exports.main(process.argv)
  // Note: a short build turns V8's optimising compiler off (build.ts `shortProcess`); V8 keys its code cache on
  // the flags, so they are put back before the cache is made, or no process starting with them would accept it.
  if (process.argv[2] === 'build') {
    if (globalThis.ZHIBAN_NO_OPT) require('node:v8').setFlagsFromString('--opt')
    // Note: the editions this process compiled, as the CLI found them (flags and configuration), and whether it found
    // zhiban's stores filled: see cli.ts.
    bundle.saveCache(globalThis.ZHIBAN_BUILT_EDITIONS ?? [], globalThis.ZHIBAN_STEADY === true)
  }
  // Note: the command is done and has awaited all its work; ending here skips freeing the heap piece by piece
  // (~15 ms after a build). Only when Node's standard output and error hold nothing unwritten (run/std.ts: a full
  // pipe, a slow reader); else the process ends by itself once they are written.
  if (!bundle.exports.outputPending()) process.exit()
}

// Note: an error is an unhandled rejection: Node prints it and exits with 1, as it did for the ES module's await.
launch()
