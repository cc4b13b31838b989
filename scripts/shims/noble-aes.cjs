// Bundled in place of `@noble/ciphers/aes` where pdfkit imports it (scripts/bundle.cjs): the same `cbc` and `ecb`,
// loaded on first call. Why: the package builds its AES tables when it loads (~4 ms quiet, more under load, in
// every process and worker thread that writes a PDF), and zhiban never encrypts a PDF (issue 19). A PDF that
// were encrypted would load the real package here, unchanged.
'use strict'
let real
const aes = () => (real ??= require('@noble/ciphers/aes'))

exports.cbc = (...args) => aes().cbc(...args)
exports.ecb = (...args) => aes().ecb(...args)
