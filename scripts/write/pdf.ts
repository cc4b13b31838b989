/**
 * The official PDF edition: the official page model (layout's) drawn into one archival, tagged PDF
 * (PDF/A-2b, root `Document`, outline to headings).
 */
import type {Context, Output} from '../editions.ts'
import type {PageModel} from '../typeset/page-model.ts'
import {drawPages} from './pdf-draw.ts'
import {openPdfDocument, writeOutline} from './pdf-document.ts'

/**
 * Write the official PDF: draw the page model layout made with the official profile.
 * @param context the pipeline context (its `layout.official`)
 */
export async function writePdfEdition(context: Context): Promise<Output[]> {
  const model = context.layout.official
  if (!model) throw new Error('writePdfEdition: no official layout (compile() lays it out when the pdf edition is selected)')
  const bytes = await renderPdf(model, context)
  return [{edition: 'pdf', name: `${context.doc.slug}.pdf`, bytes, pages: model.pages.length}]
}

/**
 * Render a page model to PDF bytes with the document's metadata (same input, same bytes).
 * @param model the page model
 * @param context the pipeline context (fonts, metadata, date; the project root for its cache)
 */
export async function renderPdf(model: PageModel, context: Pick<Context, 'doc' | 'fonts' | 'date'> & Partial<Pick<Context, 'root'>>): Promise<Uint8Array> {
  const {meta} = context.doc
  const pdf = openPdfDocument({meta, date: context.date, subject: meta.title, fonts: context.fonts, pages: model.pages, root: context.root, archival: true, deviceCmyk: Object.keys(model.inks ?? {}).length > 0})
  drawPages(pdf.doc, model, context.fonts, {structure: pdf.structure!})
  pdf.structure!.end()
  writeOutline(pdf.doc, model)
  return pdf.finish()
}
