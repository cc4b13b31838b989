// Bundled in place of `brotli/decompress.js` (scripts/bundle.cjs), which fontkit calls for a WOFF2 font's tables:
// the same result (the decompressed bytes as a Uint8Array) from Node's own brotli.
// Why our own: the package's pure-JavaScript decoder unpacks its 120 KB dictionary when it loads, ~12 ms of every
// fresh process that loads fontkit (issue 19), and adds ~0.5 MB to the bundle; test/bundle/shims.test.ts checks
// that both give the same bytes.
'use strict'
const {brotliDecompressSync} = require('node:zlib')

module.exports = function decompress(buffer) {
  const out = brotliDecompressSync(buffer)
  return new Uint8Array(out.buffer, out.byteOffset, out.byteLength)
}
