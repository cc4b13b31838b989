// Bundled in place of the `tiny-inflate` package (scripts/bundle.cjs): the same function — raw DEFLATE data
// inflated into `dest`, returning `dest`, or the part of it written when shorter — done by Node's zlib.
// Why our own: unicode-trie (under fontkit, unicode-properties and linebreak) inflates its Unicode tables with
// tiny-inflate when it loads, which took ~15 ms of every fresh process that lays out text (issue 19); zlib's
// inflate gives the same bytes (test/bundle/shims.test.ts compares them on every trie the bundle loads).
'use strict'
const {inflateRawSync} = require('node:zlib')

module.exports = function inflate(source, dest) {
  const out = inflateRawSync(source)
  if (!dest) return new Uint8Array(out.buffer, out.byteOffset, out.byteLength)
  if (out.byteLength > dest.length) throw new Error('Data error')
  dest.set(out)
  return out.byteLength < dest.length ? dest.slice(0, out.byteLength) : dest
}
