// Bundled in place of `unicode-properties` where fontkit imports it (scripts/bundle.cjs): the same functions,
// the package loaded on their first call. Why: the package unpacks its Unicode data (base64, inflate, a trie) when
// it loads (~2 ms in every process that loads fontkit), and fontkit asks it only when it shapes a text, which a
// build whose texts are all in the shape store (typeset/shape-store.ts) never does (issue 19). A text shaped
// loads the real package here, unchanged.
'use strict'
let real
const properties = () => (real ??= require('unicode-properties'))

for (const name of ['getCategory', 'getCombiningClass', 'getScript', 'getEastAsianWidth', 'getNumericValue', 'isAlphabetic', 'isDigit', 'isPunctuation', 'isLowerCase', 'isUpperCase', 'isTitleCase', 'isWhiteSpace', 'isBaseForm', 'isMark']) {
  exports[name] = (...args) => properties()[name](...args)
}
