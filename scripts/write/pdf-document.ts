/**
 * The one PDF document writer of the PDF and booklet editions: a pdfkit document with the document's metadata
 * (pdf-meta.ts: Info, XMP, fixed dates), its fonts (pdf-font.ts), the structure root when tagged, the outline
 * layout made; {@link PdfDocument.finish} gives the bytes.
 */
import {newPdfDocument, type PdfKind} from './pdf-meta.ts'
import {planFonts} from './pdf-font.ts'
import type {DocumentMeta} from '../model/types.ts'
import type {LoadedFont} from '../typeset/fonts.ts'
import type {PageModel} from '../typeset/page-model.ts'

/** Options of {@link openPdfDocument}: the file's kind (subject, archival: pdf-meta.ts) and what it holds. */
export interface Options extends PdfKind {
  meta: DocumentMeta
  /** The document's fixed date (creation and modification). */
  date: Date
  /** The fonts the pages name. */
  fonts: ReadonlyMap<string, LoadedFont>
  /** The pages the document will draw: their glyphs are numbered in each font's subset up front (pdf-font.ts). */
  pages: PageModel['pages']
  /** The project root, whose cache keeps the PDFs' compressed font files between processes. */
  root?: string
}

/** An open PDF document. */
export interface PdfDocument {
  doc: PDFKit.PDFDocument
  /** The structure root (`Document`) of a tagged document. */
  structure?: PDFKit.PDFStructureElement
  /** End the document (ending the structure root) and give its bytes. */
  finish(): Promise<Uint8Array>
}

/**
 * Open a PDF document with its metadata and fonts.
 * @param options metadata, date, fonts, whether archival and tagged
 */
export function openPdfDocument(options: Readonly<Options>): PdfDocument {
  const {doc, done} = newPdfDocument({doc: {meta: options.meta}, date: options.date}, options)
  planFonts(doc, options.pages, options.fonts, options.root)
  let structure: PDFKit.PDFStructureElement | undefined
  if (options.archival) {
    structure = doc.struct('Document')
    doc.addStructure(structure)
  }
  return {
    doc,
    ...(structure ? {structure} : {}),
    finish: () => {
      doc.end()
      return done
    },
  }
}

/**
 * The outline (bookmarks) layout made: each heading at its place on its page.
 * @param doc the pdfkit document, its pages drawn
 * @param model the page model
 */
export function writeOutline(doc: PDFKit.PDFDocument, model: Readonly<PageModel>): void {
  for (const entry of model.outline) {
    const page = model.pages[entry.page]!
    // Note: pdfkit writes `left` as page width − value and `top` as page height − value.
    doc.outline.addItem(entry.title, {pageNumber: entry.page, fit: false, top: entry.yPt, left: page.widthPt - entry.xPt} as never)
  }
}
