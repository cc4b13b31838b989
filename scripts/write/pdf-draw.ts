/**
 * Drawing a page model with pdfkit, for the PDF and booklet writers. Decides nothing (cf. typst-pdf
 * `text.rs`): each glyph run is one text object at its x and baseline, with its character spacing,
 * showing the glyphs layout shaped (never shaping the text again); rules are stroked where layout put them.
 *
 * See scripts/typeset/FONTS.md §3: fonts embed through pdfkit as subset CIDFontType2 with ToUnicode; each block is a
 * structure element when the document is tagged.
 */
import {pdfFont} from './pdf-font.ts'
import type {LoadedFont} from '../typeset/fonts.ts'
import type {GlyphRun, Line, PageModel, Role} from '../typeset/page-model.ts'
import {inFrame, tableElement} from './pdf-table.ts'

/** Options of {@link drawPages}. */
export interface Options {
  /** Place each page at this offset and scale on the current sheet instead of adding a page per page. */
  place?: (pageIndex: number) => {addPage: boolean; x: number; y: number; scale: number}
  /** Parent structure element (tagged PDF); tagging is skipped without it. */
  structure?: PDFKit.PDFStructureElement
  /** Told, per page, what each item wrote (see {@link DrawnItem}): another document can show it again. */
  record?: DrawnItem[][]
}

/**
 * What drawing one item wrote: its content, as given to pdfkit, and the boxes of its links (pdfkit's `link`
 * arguments, in page coordinates). Shown again in another document with the same fonts embedded alike
 * (pdf-font.ts `sameEmbedding`), it draws the same item: the imposed booklet shows the booklet's pages this way.
 */
export interface DrawnItem {
  content: (string | Uint8Array)[]
  links: unknown[][]
}

const TAGS: Record<Role, string> = {
  title: 'H1', h1: 'H2', h2: 'H3', h3: 'H4', h4: 'H5', p: 'P', related: 'P', footer: 'Artifact', cover: 'P', colophon: 'P', caption: 'Caption', th: 'TH', td: 'TD',
  masthead: 'P', recipients: 'P', 'attachment-note': 'P', signature: 'P', note: 'P', attendance: 'P', 'attachment-label': 'P', imprint: 'P',
}

/**
 * Draw the model's pages. Without `options.place`, each page is a new PDF page of its own size.
 * Fonts must be registered first (pdf-document.ts `openPdfDocument`).
 * @param doc the pdfkit document
 * @param model the page model
 * @param fonts the fonts the runs name (for each font's ascender)
 * @param options placement on sheets, structure parent
 * @returns structure elements per block (ended)
 */
export function drawPages(doc: PDFKit.PDFDocument, model: PageModel, fonts: ReadonlyMap<string, LoadedFont>, options: Readonly<Options> = {}): void {
  let drawn: DrawnItem | undefined
  const stop = options.record ? recordInto(doc, () => drawn) : undefined
  try {
    drawItems(doc, model, fonts, options, (item) => (drawn = item))
  } finally {
    stop?.()
  }
}

/** Have pdfkit's content and links go to an item's record as well (see {@link DrawnItem}); returns the undoing. */
function recordInto(doc: PDFKit.PDFDocument, current: () => DrawnItem | undefined): () => void {
  const target = doc as unknown as {addContent(data: string | Uint8Array): unknown; link(...args: unknown[]): unknown}
  const {addContent, link} = target
  target.addContent = function (this: unknown, data: string | Uint8Array) {
    current()?.content.push(data)
    return addContent.call(this, data)
  }
  target.link = function (this: unknown, ...args: unknown[]) {
    current()?.links.push(args)
    return link.apply(this, args)
  }
  return () => {
    delete (target as Partial<typeof target>).addContent
    delete (target as Partial<typeof target>).link
  }
}

function drawItems(doc: PDFKit.PDFDocument, model: PageModel, fonts: ReadonlyMap<string, LoadedFont>, options: Readonly<Options>, recording: (item: DrawnItem | undefined) => void): void {
  const blocks = new Map<string, PDFKit.PDFStructureElement>()
  for (const page of model.pages) {
    const place = options.place?.(page.index - 1) ?? {addPage: true, x: 0, y: 0, scale: 1}
    if (place.addPage) doc.addPage({size: [page.widthPt, page.heightPt], margin: 0})
    doc.save()
    if (place.x !== 0 || place.y !== 0 || place.scale !== 1) doc.transform(place.scale, 0, 0, place.scale, place.x, place.y)
    const record: DrawnItem[] = []
    options.record?.push(record)
    for (const item of page.items) {
      if (options.record) {
        const drawn: DrawnItem = {content: [], links: []}
        record.push(drawn)
        recording(drawn)
      }
      if (item.kind === 'rule') {
        const artifact = item.table && options.structure
        if (artifact) doc.markContent('Artifact')
        // Note: an inked rule (a 公文's red) is stroked in CMYK process ink, as the page model's `inks` gives it.
        const ink = item.ink && model.inks?.[item.ink]
        if (ink) doc.save().strokeColor([...ink.cmyk] as [number, number, number, number])
        inFrame(doc, item, () => doc.moveTo(item.x1Pt, item.y1Pt).lineTo(item.x2Pt, item.y2Pt).lineWidth(item.widthPt).stroke())
        if (ink) doc.restore()
        if (artifact) doc.endMarkedContent()
        continue
      }
      inFrame(doc, item, () => drawLine(doc, item, fonts, options.structure, blocks, page.index, model.inks), fonts)
    }
    recording(undefined)
    doc.restore()
  }
  for (const element of blocks.values()) element.end()
}

/** What the writer uses of pdfkit's document beyond its API: the current page's height and font resources. */
interface DocInternals {
  page: {height: number; fonts: Record<string, unknown>}
  addContent(data: string | Uint8Array): void
}

// PDF number syntax as pdfkit writes it (6 decimals at most).
const num = (n: number): number => Math.round(n * 1e6) / 1e6

/**
 * Draw one run: its glyphs, by id, at the run's x on the line's baseline. The glyphs enter the font's
 * subset with their nominal widths and characters (the `W` array and ToUnicode pdfkit writes at the end);
 * where a positioned advance differs from the nominal width, the `TJ` array carries the difference.
 */
function drawRun(doc: PDFKit.PDFDocument, run: GlyphRun, loaded: LoadedFont, baselinePt: number, content: string[], link = true, inks?: PageModel['inks']): void {
  const internals = doc as unknown as DocInternals
  const font = pdfFont(doc, loaded)
  // Note: the link rectangle pdfkit's text() would make: from the top of the line box, the run's width.
  if (run.link && link) doc.link(run.xPt, baselinePt - (font.metrics.ascent / font.metrics.unitsPerEm) * run.sizePt, run.widthPt, font.lineHeight(run.sizePt), run.link)
  if (internals.page.fonts[font.id] == null) internals.page.fonts[font.id] = font.ref()
  const toThousandths = font.scale
  const unitPt = run.sizePt / font.metrics.unitsPerEm
  const y = internals.page.height - baselinePt
  // Note: the run's own graphics state, flipped to y up (what pdfkit's save() and transform() would write).
  const out = content
  out.push('q', `1 0 0 -1 0 ${num(internals.page.height)} cm`, 'BT', `1 0 0 1 ${num(run.xPt)} ${num(y)} Tm`, `/${font.id} ${num(run.sizePt)} Tf`)
  // Note: text in an ink (a 公文's red mark) is filled in DeviceCMYK; black text keeps the default (DeviceGray 0).
  const ink = run.ink && inks?.[run.ink]
  if (ink) out.splice(out.length - 2, 0, `${ink.cmyk.map((v) => num(v / 100)).join(' ')} k`)
  if (run.characterSpacingPt) out.push(`${num(run.characterSpacingPt)} Tc`)
  let segment: string[] = []
  let hex = ''
  // Note: ends the pending TJ (the glyphs since the last adjustment, then the array), before a glyph shown on its own.
  const flush = (): void => {
    if (hex) segment.push(`<${hex}>`)
    hex = ''
    if (segment.length > 0) out.push(`[${segment.join(' ')}] TJ`)
    segment = []
  }
  let x = run.xPt
  // Note: indexed loops in this file and a helper for a glyph shown on its own, not a closure a glyph: the short
  // build runs in the interpreter, where each for-of step and each closure is an object made (issue 19).
  const glyphs = run.glyphs
  for (let i = 0; i < glyphs.length; i++) {
    const glyph = glyphs[i]!
    const shown = font.show(glyph)
    const code = shown.code
    if (!shown.copies) {
      // Note: fontkit's subset (CFF fonts) cannot copy a glyph: where its ToUnicode entry is another text, the
      // glyph carries its own characters as ActualText (pdftotext and Acrobat read it).
      flush()
      out.push(`/Span <</ActualText <FEFF${Buffer.from(shown.text, 'utf16le').swap16().toString('hex').toUpperCase()}>>> BDC`, alone(code, glyph, toThousandths), 'EMC')
      x += glyph.advance * unitPt + run.characterSpacingPt
      continue
    }
    if (glyph.dx || glyph.dy) {
      // Note: a placed glyph (GPOS offset) is shown on its own from its own origin, as pdfkit does.
      flush()
      out.push(`1 0 0 1 ${num(x + (glyph.dx ?? 0) * unitPt)} ${num(y + (glyph.dy ?? 0) * unitPt)} Tm`, alone(code, glyph, toThousandths))
      x += glyph.advance * unitPt + run.characterSpacingPt
      out.push(`1 0 0 1 ${num(x)} ${num(y)} Tm`)
      continue
    }
    hex += code
    if (glyph.advance !== glyph.width) {
      segment.push(`<${hex}> ${num(-(glyph.advance - glyph.width) * toThousandths)}`)
      hex = ''
    }
    x += glyph.advance * unitPt + run.characterSpacingPt
  }
  flush()
  out.push('ET', 'Q')
}

/** A glyph shown on its own: its CID, then the difference of its advance from its nominal width. */
function alone(code: string, glyph: Readonly<GlyphRun['glyphs'][number]>, toThousandths: number): string {
  return `[<${code}> ${num(-(glyph.advance - glyph.width) * toThousandths)}] TJ`
}

function drawLine(doc: PDFKit.PDFDocument, line: Line, fonts: ReadonlyMap<string, LoadedFont>, parent: PDFKit.PDFStructureElement | undefined, blocks: Map<string, PDFKit.PDFStructureElement>, pageIndex: number, inks?: PageModel['inks']): void {
  const tag = TAGS[line.role]
  const draw = (): void => {
    // Note: the line's runs go into the content stream in one piece (one pdfkit call, not five a run).
    const content: string[] = []
    const runs = line.runs
    for (let i = 0; i < runs.length; i++) {
      const run = runs[i]!
      const loaded = fonts.get(run.font)
      if (!loaded) throw new Error(`drawPages: font \`${run.font}\` is not registered`)
      // Note: a turned line's links are added by inFrame, in page coordinates (pdfkit cannot turn a link's box).
      drawRun(doc, run, loaded, line.baselinePt, content, !line.turned, inks)
    }
    // Note: as bytes (the content is ASCII): pdfkit converts a string with a loop of its own, character by character.
    if (content.length > 0) (doc as unknown as DocInternals).addContent(Buffer.from(`${content.join('\n')}\n`, 'latin1'))
  }
  if (!parent) return draw()
  const cell = line.role === 'caption' || line.role === 'th' || line.role === 'td' ? tableElement(doc, parent, line, blocks) : undefined
  if (tag === 'Artifact' || (line.cell?.repeat ?? false)) {
    doc.markContent('Artifact', {type: 'Pagination'})
    draw()
    doc.endMarkedContent()
    return
  }
  if (cell) {
    cell.add(doc.markStructureContent(tag))
    draw()
    doc.endMarkedContent()
    return
  }
  // Note: a block that runs over a page keeps one structure element; each page adds its marked content.
  const key = `${line.role}:${line.block}:${line.block < 0 ? pageIndex : ''}`
  let element = blocks.get(key)
  if (!element) {
    element = doc.struct(tag)
    parent.add(element)
    blocks.set(key, element)
  }
  element.add(doc.markStructureContent(tag))
  draw()
  doc.endMarkedContent()
  if (line.last) {
    element.end()
    blocks.delete(key)
  }
}
