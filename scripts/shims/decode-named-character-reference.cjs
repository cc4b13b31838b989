// Bundled in place of the `decode-named-character-reference` package (scripts/bundle.cjs): the same function, which
// loads the table of HTML's named character references (character-entities, 2,125 names) when it is first called,
// not when the Markdown parser loads: building that table was ~1.3 ms of every fresh process, and most sources
// have no `&name;` at all. test/bundle/shims.test.ts compares it with the package on every name.
'use strict'
const own = {}.hasOwnProperty
let entities

exports.decodeNamedCharacterReference = function decodeNamedCharacterReference(value) {
  entities ??= require('character-entities').characterEntities
  return own.call(entities, value) ? entities[value] : false
}
