/**
 * The booklet's pages from finished page models: cover, its blank back, the text, the colophon and
 * the blank pages that make the count a multiple of 4 (saddle stitch), then bleed and crop marks.
 *
 * Pure functions over page models: the layout engine sets every line (cover, text and colophon are
 * typeset like any document, with the booklet profile); this module only places finished pages and
 * moves finished lines, as typst's `pages/finalize.rs` works on finished frames.
 */
import type {Box, Item, Line, Page, PageModel, Pt, Rule} from './page-model.ts'
import {paddedPageCount} from './impose.ts'

/** The geometry a page of the booklet needs, in points (from the profile's `geometry`). */
export interface PageGeometry {
  pageWidthPt: Pt
  pageHeightPt: Pt
  topPt: Pt
  bottomPt: Pt
  innerPt: Pt
  outerPt: Pt
  measurePt: Pt
  linePitchPt: Pt
  /** Character cell (or the body size without a grid). */
  cellPt: Pt
  /** Whether inner and outer swap on even pages. */
  mirror: boolean
}

/** Parts of the booklet, each already laid out. */
export interface Parts {
  /** The cover page (see {@link placeCover}). */
  cover: Page
  /** The text, numbered from its first page. */
  text: PageModel
  /** The colophon page, when the profile asks for one. */
  colophon?: Page | undefined
}

/**
 * Assemble the booklet in reading order and pad it with blank pages to a multiple of 4.
 * @param parts the laid-out cover, text and colophon
 * @returns the booklet's page model (pages renumbered 1…n, outline moved with its pages)
 */
export function composeBooklet(parts: Readonly<Parts>): PageModel {
  const {cover, text} = parts
  const blank = (): Page => ({index: 0, widthPt: cover.widthPt, heightPt: cover.heightPt, items: []})
  // Note: the cover's back stays blank, so the text's page 1 is a right-hand page (booklet page 3)
  // and keeps the odd/even margins and number placement the layout gave it.
  const front: Page[] = [cover, blank()]
  const pages: Page[] = [...front, ...text.pages, ...(parts.colophon ? [parts.colophon] : [])]
  const padded = paddedPageCount(pages.length)
  while (pages.length < padded) pages.push(blank())
  return {
    profile: text.profile,
    pages: pages.map((page, i) => ({...page, index: i + 1})),
    outline: text.outline.map((entry) => ({...entry, page: entry.page + front.length})),
    // Note: a 公文's red (the text's inks) carries over.
    ...(text.inks ? {inks: text.inks} : {}),
  }
}

/**
 * The x of the type area's left edge on a booklet page (mirrored margins: the binding side is on the
 * left of right-hand, odd pages and on the right of left-hand, even pages).
 * @param geometry the profile's geometry
 * @param pageNumber 1-based position of the page in the booklet
 */
export function areaLeftPt(geometry: Readonly<PageGeometry>, pageNumber: number): Pt {
  return geometry.mirror && pageNumber % 2 === 0 ? geometry.outerPt : geometry.innerPt
}

/**
 * Place a laid-out cover: the title lines are centred on the type area and moved to a third of the
 * way down the page; the other lines (issuer, date) go to the foot of the type area, keeping their
 * spacing. Page numbers and anything else the layout put in the footer are dropped: a cover carries
 * no number.
 * @param page the first page of the cover document as the layout engine set it
 * @param geometry the booklet's geometry (the cover is page 1, a right-hand page)
 */
export function placeCover(page: Readonly<Page>, geometry: Readonly<PageGeometry>): Page {
  const lines = page.items.filter((item): item is Line => item.kind === 'line' && item.role !== 'footer')
  const title = lines.filter((line) => line.role === 'title')
  const rest = lines.filter((line) => line.role !== 'title')
  const left = areaLeftPt(geometry, 1)
  const titleTop = geometry.pageHeightPt / 3 - (title.length * geometry.linePitchPt) / 2
  const areaBottom = geometry.pageHeightPt - geometry.bottomPt
  const items: Item[] = [
    ...moveBlock(title, titleTop, left, geometry.measurePt),
    ...moveBlock(rest, areaBottom - (rest.length + 1) * geometry.linePitchPt, left, geometry.measurePt),
  ]
  return {index: 1, widthPt: page.widthPt, heightPt: page.heightPt, items: items.map((item) => (item.kind === 'line' ? {...item, role: 'cover' as const} : item))}
}

/** Move lines so the first line's top is at `topPt`, each centred on the measure starting at `leftPt`. */
function moveBlock(lines: readonly Line[], topPt: Pt, leftPt: Pt, measurePt: Pt): Line[] {
  if (lines.length === 0) return []
  const dy = topPt - lines[0]!.yPt
  return lines.map((line) => {
    const ink = inkExtent(line)
    const dx = leftPt + (measurePt - (ink.endPt - ink.startPt)) / 2 - ink.startPt
    return shiftLine({...line, xPt: leftPt, measurePt}, dx, dy)
  })
}

/**
 * Place the colophon (版记) at the foot of the type area: the 印发 line between two rules as wide as
 * the type area, issuer one character in from the left, date one character in from the right (on a
 * second line when both do not fit one).
 * See GB/T 9704-2012 §7.4.1 (版记) and §7.4.5 (印发机关和印发日期).
 * @param issuer the laid-out issuer line
 * @param date the laid-out date line (`…印发`)
 * @param geometry the booklet's geometry
 * @param pageNumber the colophon's 1-based position in the booklet (for the mirrored margins)
 */
export function placeColophon(issuer: Readonly<Line>, date: Readonly<Line>, geometry: Readonly<PageGeometry>, pageNumber: number): Page {
  const left = areaLeftPt(geometry, pageNumber)
  const right = left + geometry.measurePt
  const areaBottom = geometry.pageHeightPt - geometry.bottomPt
  const issuerInk = inkExtent(issuer)
  const dateInk = inkExtent(date)
  // Note: when issuer and date do not fit one line with a character between them, the date takes a second line.
  const oneLine = issuerInk.endPt - issuerInk.startPt + (dateInk.endPt - dateInk.startPt) + 3 * geometry.cellPt <= geometry.measurePt
  const top = areaBottom - (oneLine ? 1 : 2) * geometry.linePitchPt
  // Note: the ideographic em box spans 0.88 em above the baseline to 0.12 em below; centre it in its grid line.
  const baselineFor = (line: Readonly<Line>, row: number) => top + (row + 0.5) * geometry.linePitchPt + 0.38 * (line.runs[0]?.sizePt ?? 0)
  const issuerLine = shiftLine({...issuer, role: 'colophon', xPt: left, measurePt: geometry.measurePt}, left + geometry.cellPt - issuerInk.startPt, baselineFor(issuer, 0) - issuer.baselinePt)
  const dateLine = shiftLine({...date, role: 'colophon', xPt: left, measurePt: geometry.measurePt}, right - geometry.cellPt - dateInk.endPt, baselineFor(date, oneLine ? 0 : 1) - date.baselinePt)
  // Note: GB/T 9704 §7.4.1 draws the first and last rules of the 版记 0.35 mm thick.
  const widthPt = 0.35 * (72 / 25.4)
  const rule = (y: Pt): Rule => ({kind: 'rule', x1Pt: left, y1Pt: y, x2Pt: right, y2Pt: y, widthPt})
  return {index: pageNumber, widthPt: geometry.pageWidthPt, heightPt: geometry.pageHeightPt, items: [rule(top), issuerLine, dateLine, rule(areaBottom)]}
}

/** Where a line's glyphs start and end (the runs' extent, without the trailing spacing of the last glyph). */
export function inkExtent(line: Readonly<Line>): {startPt: Pt; endPt: Pt} {
  if (line.runs.length === 0) return {startPt: line.xPt, endPt: line.xPt}
  const startPt = Math.min(...line.runs.map((run) => run.xPt))
  const endPt = Math.max(...line.runs.map((run) => run.xPt + run.widthPt - (run.text.length > 0 ? run.characterSpacingPt : 0)))
  return {startPt, endPt}
}

function shiftLine(line: Readonly<Line>, dx: Pt, dy: Pt): Line {
  // Note: a turned line (a landscape table) moves with its frame.
  if (line.turned) return {...line, turned: {xPt: line.turned.xPt + dx, yPt: line.turned.yPt + dy}}
  return {...line, xPt: line.xPt + dx, yPt: line.yPt + dy, baselinePt: line.baselinePt + dy, runs: line.runs.map((run) => ({...run, xPt: run.xPt + dx}))}
}

function shiftItem(item: Readonly<Item>, dx: Pt, dy: Pt): Item {
  if (item.kind === 'line') return shiftLine(item, dx, dy)
  if (item.turned) return {...item, turned: {xPt: item.turned.xPt + dx, yPt: item.turned.yPt + dy}}
  return {...item, x1Pt: item.x1Pt + dx, x2Pt: item.x2Pt + dx, y1Pt: item.y1Pt + dy, y2Pt: item.y2Pt + dy}
}

/** Options of {@link withBleed}. */
export interface BleedOptions {
  /** Bleed around the trim (pt); 0 for none. */
  bleedPt: Pt
  /** Draw crop marks at the trim corners. */
  cropMarks: boolean
}

/** Crop marks: how far from the trim they start (at least the bleed) and how long they are (pt). */
export const CROP_MARK = {
  /** Gap between the trim edge and the mark when there is no bleed (3 mm). */
  minOffsetPt: 3 * (72 / 25.4),
  /** Length of each mark (5 mm). */
  lengthPt: 5 * (72 / 25.4),
  /** Line width (0.25 pt, a hairline that survives the plate). */
  widthPt: 0.25,
} as const

/**
 * Give every page its prepress boxes: the MediaBox grows by the bleed (and, with crop marks, by room
 * for them), the content moves in by the same amount, and TrimBox and BleedBox are recorded. Crop
 * marks sit on the lines of the trim edges, outside the bleed, so none touches the trim or bleed area.
 * @param model the booklet at trim size
 * @param options bleed and crop marks
 */
export function withBleed(model: Readonly<PageModel>, options: Readonly<BleedOptions>): PageModel {
  const offsetPt = Math.max(options.bleedPt, options.cropMarks ? CROP_MARK.minOffsetPt : 0)
  const marginPt = options.cropMarks ? offsetPt + CROP_MARK.lengthPt : options.bleedPt
  if (marginPt === 0) return {...model, pages: model.pages.map((page) => ({...page}))}
  const pages = model.pages.map((page): Page => {
    const trim: Box = {xPt: marginPt, yPt: marginPt, widthPt: page.widthPt, heightPt: page.heightPt}
    const bleed: Box = {xPt: marginPt - options.bleedPt, yPt: marginPt - options.bleedPt, widthPt: page.widthPt + 2 * options.bleedPt, heightPt: page.heightPt + 2 * options.bleedPt}
    const items = page.items.map((item) => shiftItem(item, marginPt, marginPt))
    if (options.cropMarks) items.push(...cropMarks(trim, offsetPt, CROP_MARK.lengthPt))
    return {...page, widthPt: page.widthPt + 2 * marginPt, heightPt: page.heightPt + 2 * marginPt, trim, bleed, items}
  })
  return {...model, pages, outline: model.outline.map((entry) => ({...entry, xPt: entry.xPt + marginPt, yPt: entry.yPt + marginPt}))}
}

/** Eight marks, two per trim corner, each on the extension of a trim edge, from `offsetPt` to `offsetPt + lengthPt` out. */
function cropMarks(trim: Readonly<Box>, offsetPt: Pt, lengthPt: Pt): Rule[] {
  const rule = (x1Pt: Pt, y1Pt: Pt, x2Pt: Pt, y2Pt: Pt): Rule => ({kind: 'rule', x1Pt, y1Pt, x2Pt, y2Pt, widthPt: CROP_MARK.widthPt})
  const marks: Rule[] = []
  for (const x of [trim.xPt, trim.xPt + trim.widthPt]) {
    for (const y of [trim.yPt, trim.yPt + trim.heightPt]) {
      const sx = x === trim.xPt ? -1 : 1
      const sy = y === trim.yPt ? -1 : 1
      marks.push(rule(x + sx * offsetPt, y, x + sx * (offsetPt + lengthPt), y))
      marks.push(rule(x, y + sy * offsetPt, x, y + sy * (offsetPt + lengthPt)))
    }
  }
  return marks
}
