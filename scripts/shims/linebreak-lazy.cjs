// Bundled in place of `linebreak` where pdfkit imports it (scripts/bundle.cjs): the same class, loaded on first use.
// Why: pdfkit breaks lines with it only in its own text layout (`text()` with a width, its LineWrapper), which zhiban
// never calls (typeset/ breaks every line, write/pdf-draw.ts draws glyph runs); loading it started its module and
// inflated its Unicode line-breaking trie in every process that writes a PDF. A pdfkit text layout would load the
// real package here, unchanged.
'use strict'
module.exports = function LineBreaker(...args) {
  const Real = require('linebreak')
  return new Real(...args)
}
