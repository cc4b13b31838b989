/**
 * The one writer of PDF metadata: every PDF zhiban makes (official, booklet, imposed booklet) is created here, with
 * the same Info dictionary (title, issuer, subject, keywords, fixed dates) and the same XMP packet.
 *
 * pdfkit writes the XMP packet by pasting the info strings into XML unescaped, so a title `</rdf:li><x>` would become
 * markup in the metadata (and malformed XMP fails PDF/A validation and breaks any XMP reader). The document made here
 * escapes them for that one step; the Info dictionary keeps the exact strings (pdfkit encodes those as PDF strings).
 * See scripts/typeset/FONTS.md §3.
 */
import PDFDocument from 'pdfkit'
import type {DocumentMeta} from '../model/types.ts'

/**
 * PDFDocument options for no default font: pdfkit would otherwise parse Helvetica's metrics for every document,
 * and nothing is ever set in it (pdfkit's `font: null`; its types only allow a name).
 */
export const NO_DEFAULT_FONT = {font: null} as unknown as Pick<PDFKit.PDFDocumentOptions, 'font'>

/** What distinguishes one PDF of a document from another. */
export interface PdfKind {
  /** The Info dictionary's and the XMP's subject. */
  subject: string
  /**
   * A tagged PDF/A-2b with its XMP and a `Document` structure root (the official edition); the booklets are plain
   * PDF 1.7 for prepress.
   */
  archival?: boolean
  /**
   * The pages draw in DeviceCMYK (a 公文's red ink): the file is then tagged but claims no PDF/A, whose sRGB output
   * intent forbids device CMYK (PDF/A-2 §6.2.4.3); a CMYK output intent would need an ICC profile zhiban does not ship.
   */
  deviceCmyk?: boolean
}

/** The XML escape of text content. */
export function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')
}

/**
 * A pdfkit document carrying the document's metadata, with fixed dates (same input, same bytes), and the promise of
 * its bytes once `doc.end()` is called.
 * @param context the document's metadata and fixed date
 * @param kind the file's subject and whether it is the archival (tagged PDF/A) edition
 */
export function newPdfDocument(context: {doc: {meta: DocumentMeta}; date: Date}, kind: PdfKind): {doc: PDFKit.PDFDocument; done: Promise<Uint8Array>} {
  const {meta} = context.doc
  const doc = new PDFDocument({
    autoFirstPage: false,
    ...NO_DEFAULT_FONT,
    ...(kind.archival ? {tagged: true, ...(kind.deviceCmyk ? {} : {subset: 'PDF/A-2b' as const})} : {}),
    lang: meta.lang,
    displayTitle: true,
    pdfVersion: '1.7',
    compress: true,
    info: {
      Title: meta.title,
      Author: meta.issuer,
      Subject: kind.subject,
      Keywords: meta.keywords.join(', '),
      Creator: 'zhiban',
      Producer: 'zhiban (pdfkit)',
      CreationDate: context.date,
      ModDate: context.date,
    },
  } as PDFKit.PDFDocumentOptions)
  escapeXmpInfo(doc)
  const chunks = collectOutput(doc)
  const done = new Promise<Uint8Array>((resolve, reject) => {
    doc.on('end', () => resolve(new Uint8Array(Buffer.concat(chunks))))
    doc.on('error', reject)
  })
  // Note: the stream still ends (pdfkit pushes its end): flowing, it emits 'end'; nothing else goes through it.
  doc.on('data', () => undefined)
  return {doc, done}
}

/**
 * Collect what pdfkit writes straight into a list, the same bytes: pdfkit 0.20 pushes each piece (every object,
 * every line of the cross-reference table: thousands a file) through its Node stream, and turns a string into bytes
 * with a loop of its own, character by character; here a string becomes bytes as Latin-1 (what that loop does: the
 * low byte of each UTF-16 unit) and a piece is kept as it comes (issue 19).
 * Note: `_write` is pdfkit 0.20's internal (PDFDocument); if it is renamed this throws rather than lose the output.
 * @param doc a PDFDocument
 */
export function collectOutput(doc: object): Buffer[] {
  const target = doc as {_write?: (data: string | Uint8Array) => void; _offset: number}
  if (typeof target._write !== 'function' || typeof target._offset !== 'number') throw new Error('newPdfDocument: pdfkit has no `_write` (upgrade changed it): check how the output is collected')
  // Note: what the constructor wrote (the header) waits in the stream, not flowing yet: it comes first.
  const head = (doc as {read(): Buffer | null}).read()
  const chunks: Buffer[] = head ? [head] : []
  target._write = function collect(this: typeof target, data: string | Uint8Array): void {
    const bytes = data instanceof Uint8Array ? Buffer.from(data.buffer, data.byteOffset, data.byteLength) : Buffer.from(`${data}\n`, 'latin1')
    chunks.push(bytes)
    this._offset += bytes.length
  }
  return chunks
}

/**
 * Make pdfkit escape the info strings it writes into the XMP metadata.
 * Note: `_addInfo` is pdfkit 0.20's internal (MetadataMixin); if it is renamed this throws, so an
 * upgrade cannot silently bring the injection back.
 * @param doc a PDFDocument
 */
function escapeXmpInfo(doc: object): void {
  const target = doc as {_addInfo?: () => void; info: Record<string, unknown>}
  const original = target._addInfo
  if (typeof original !== 'function') throw new Error('newPdfDocument: pdfkit has no `_addInfo` (upgrade changed it): check the XMP escaping')
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
