/**
 * The booklet edition for printing offices: the booklet layout made (typeset/layout.ts: the text, cover and
 * colophon with the booklet profile, padded to a multiple of 4, with bleed and crop marks, and its imposition)
 * drawn into two files:
 *
 * - `<slug>.booklet.pdf`: pages at trim size plus bleed, TrimBox and BleedBox, crop marks;
 * - `<slug>.booklet-imposed.pdf`: two pages a sheet side in saddle-stitch order (typeset/impose.ts),
 *   the page model drawn into place: text stays text.
 */
import type {BookletLayout, Context, Output} from '../editions.ts'
import type {LoadedFont} from '../typeset/fonts.ts'
import type {Box, Page, PageModel} from '../typeset/page-model.ts'
import {sheetFor, type SheetSide} from '../typeset/impose.ts'
import {drawPages, type DrawnItem} from './pdf-draw.ts'
import {openPdfDocument, writeOutline} from './pdf-document.ts'
import {pdfFont, sameEmbedding} from './pdf-font.ts'

/**
 * Write the booklet edition: `<slug>.booklet.pdf` and `<slug>.booklet-imposed.pdf`.
 * @param context the pipeline context (its `layout.booklet`)
 */
export async function writeBookletEdition(context: Context): Promise<Output[]> {
  const booklet: BookletLayout | undefined = context.layout.booklet
  if (!booklet) throw new Error('writeBookletEdition: no booklet layout (compile() lays it out when the booklet edition is selected)')
  const slug = context.doc.slug
  const drawn: Drawn = {model: booklet.prepress, pages: []}
  return [
    {edition: 'booklet', name: `${slug}.booklet.pdf`, bytes: await renderBooklet(booklet.prepress, booklet.fonts, context, drawn), pages: booklet.prepress.pages.length},
    {edition: 'booklet', name: `${slug}.booklet-imposed.pdf`, bytes: await renderImposed(booklet.model, booklet.sides, booklet.fonts, context, drawn), pages: booklet.sides.length},
  ]
}

/**
 * The booklet's pages as {@link renderBooklet} drew them, for {@link renderImposed} to show again: each page's items
 * (pdf-draw.ts `DrawnItem`), the model drawn (its pages' trim boxes), and the document (its fonts).
 */
export interface Drawn {
  model: PageModel
  pages: DrawnItem[][]
  doc?: PDFKit.PDFDocument
}

/** A page box in PDF user space (origin bottom-left, y up). */
function pdfBox(box: Readonly<Box>, pageHeightPt: number): number[] {
  return [box.xPt, pageHeightPt - box.yPt - box.heightPt, box.xPt + box.widthPt, pageHeightPt - box.yPt].map((v) => Math.round(v * 1000) / 1000)
}

/**
 * `<slug>.booklet.pdf`: every page of the booklet at trim size plus bleed, with TrimBox and BleedBox.
 * @param model the booklet with bleed and crop marks (typeset/booklet.ts `withBleed`)
 * @param fonts the booklet profile's fonts (each embedded once)
 * @param context the pipeline context (metadata, date; the project root for its cache)
 */
export async function renderBooklet(model: PageModel, fonts: ReadonlyMap<string, LoadedFont>, context: Pick<Context, 'doc' | 'date'> & Partial<Pick<Context, 'root'>>, drawn?: Drawn): Promise<Uint8Array> {
  const pdf = openPdfDocument({meta: context.doc.meta, date: context.date, subject: `${context.doc.meta.title} (booklet)`, fonts, pages: model.pages, root: context.root})
  const doc = pdf.doc
  let next = 0
  // Note: pdfkit has no option for TrimBox and BleedBox; set them in each page's dictionary as it is added.
  doc.on('pageAdded', () => {
    const page = model.pages[next++]
    if (!page) return
    const data = doc.page.dictionary.data as Record<string, unknown>
    if (page.trim) data.TrimBox = pdfBox(page.trim, page.heightPt)
    if (page.bleed) data.BleedBox = pdfBox(page.bleed, page.heightPt)
  })
  drawPages(doc, model, fonts, drawn ? {record: drawn.pages} : {})
  if (drawn) drawn.doc = doc
  writeOutline(doc, model)
  return pdf.finish()
}

/**
 * `<slug>.booklet-imposed.pdf`: each sheet side (the smallest standard landscape sheet that holds two
 * trimmed pages, A4 for A5) with its two pages side by side, centred, at trim size; blank halves stay empty.
 * @param model the booklet at trim size
 * @param sides the imposition (typeset/impose.ts `impose`)
 * @param fonts the booklet profile's fonts
 * @param context the pipeline context (metadata, date; the project root for its cache)
 */
export async function renderImposed(model: PageModel, sides: readonly SheetSide[], fonts: ReadonlyMap<string, LoadedFont>, context: Pick<Context, 'doc' | 'date'> & Partial<Pick<Context, 'root'>>, drawn?: Drawn): Promise<Uint8Array> {
  const pdf = openPdfDocument({meta: context.doc.meta, date: context.date, subject: `${context.doc.meta.title} (booklet, imposed for saddle stitching)`, fonts, pages: model.pages, root: context.root})
  const first = model.pages[0]!
  const sheet = sheetFor(first.widthPt, first.heightPt)
  const x0 = (sheet.widthPt - 2 * first.widthPt) / 2
  const y0 = (sheet.heightPt - first.heightPt) / 2
  // Note: the booklet's pages are shown again as it drew them (its items, without the crop marks after them), where
  // both documents embed the fonts alike: drawing them again cost as much as the booklet's own drawing (issue 19).
  const again = drawn?.doc && drawn.pages.length === model.pages.length && sameEmbedding(drawn.doc, pdf.doc) ? drawn : undefined
  for (const side of sides) {
    pdf.doc.addPage({size: [sheet.widthPt, sheet.heightPt], margin: 0})
    const halves = [side.left, side.right]
    if (again) {
      halves.forEach((index, half) => {
        if (index !== null) showAgain(pdf.doc, model.pages[index]!, fonts, again, index, x0 + half * first.widthPt, y0)
      })
      continue
    }
    const pages = halves.flatMap((index, half) => (index === null ? [] : [{...model.pages[index]!, index: half + 1}]))
    drawPages(pdf.doc, {profile: model.profile, outline: [], pages, ...(model.inks ? {inks: model.inks} : {})}, fonts, {place: (half) => ({addPage: false, x: x0 + half * first.widthPt, y: y0, scale: 1})})
  }
  return pdf.finish()
}

/**
 * Show a booklet page again on a sheet with its top left corner at (x, y): the items the booklet drew for it (at
 * their places on the page with bleed, hence moved back by the trim box's corner), its links and its fonts.
 * @param doc the imposed document
 * @param page the page at trim size (its items are the first of the drawn page's, in order: typeset/booklet.ts `withBleed`)
 * @param fonts the booklet's fonts
 * @param drawn what the booklet drew
 * @param index the page's index
 * @param x where its left edge goes on the sheet
 * @param y where its top edge goes
 */
function showAgain(doc: PDFKit.PDFDocument, page: Page, fonts: ReadonlyMap<string, LoadedFont>, drawn: Drawn, index: number, x: number, y: number): void {
  const internals = doc as unknown as {page: {fonts: Record<string, unknown>}; addContent(data: string | Uint8Array): void}
  const trim = drawn.model.pages[index]!.trim ?? {xPt: 0, yPt: 0}
  doc.save()
  doc.transform(1, 0, 0, 1, x - trim.xPt, y - trim.yPt)
  drawn.pages[index]!.slice(0, page.items.length).forEach((item, i) => {
    const model = page.items[i]!
    // Note: the page's resources name each font it shows, in the order drawRun names them.
    if (model.kind === 'line') {
      for (const run of model.runs) {
        const loaded = fonts.get(run.font)
        if (!loaded) throw new Error(`renderImposed: font \`${run.font}\` is not registered`)
        const font = pdfFont(doc, loaded)
        internals.page.fonts[font.id] ??= font.ref()
      }
    }
    for (const args of item.links) (doc.link as (...a: unknown[]) => unknown)(...args)
    for (const data of item.content) internals.addContent(data)
  })
  doc.restore()
}
