// Bundled in place of `fontkit` where pdfkit imports it (scripts/bundle.cjs): the same `create`, fontkit loaded on
// first call. Why: pdfkit imports fontkit to open fonts it embeds itself, and zhiban embeds its own
// (write/pdf-font.ts): pdfkit opens none, but loading it started fontkit's module (its tables, state machines and
// Unicode data: a few ms) in every process that writes a PDF, even one in which fontkit shapes nothing
// (typeset/lazy-font.ts). A font pdfkit did open would load the real package here, unchanged.
'use strict'
exports.create = (...args) => require('fontkit').create(...args)
