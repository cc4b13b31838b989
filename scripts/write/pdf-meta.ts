/**
 * pdfkit writes the PDF/A XMP packet by pasting the info strings into XML unescaped, so a title
 * `</rdf:li><x>` becomes markup in the metadata (and malformed XMP fails PDF/A validation).
 * This wraps the document's `_addInfo` to escape them for that one step; the Info dictionary keeps
 * the exact strings.
 */

/** The XML escape of text content. */
export function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')
}

/**
 * Make pdfkit escape the info strings it writes into the XMP metadata.
 * Note: `_addInfo` is pdfkit 0.20's internal (MetadataMixin); if it is renamed this throws, so an
 * upgrade cannot silently bring the injection back.
 * @param doc a PDFDocument created with `subset: 'PDF/A-…'`
 */
export function escapeXmpInfo(doc: object): void {
  const target = doc as {_addInfo?: () => void; info: Record<string, unknown>}
  const original = target._addInfo
  if (typeof original !== 'function') throw new Error('escapeXmpInfo: pdfkit has no `_addInfo` (upgrade changed it): check the XMP escaping')
  target._addInfo = function addEscapedInfo(this: typeof target): void {
    const info = this.info
    this.info = Object.fromEntries(Object.entries(info).map(([key, value]) => [key, typeof value === 'string' ? escapeXml(value) : value]))
    try {
      original.call(this)
    } finally {
      this.info = info
    }
  }
}
