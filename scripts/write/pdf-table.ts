/**
 * The PDF writer's part for tables: the structure tree Table → (Caption, TR → TH/TD) of a tagged PDF, and the
 * quarter turn of a landscape table's items. Draws nothing itself and decides nothing: layout placed every line.
 */
import type {Item, Line} from '../typeset/page-model.ts'
import type {LoadedFont} from '../typeset/fonts.ts'
import {fontMetrics} from './font-metrics.ts'

/** Structure elements by key, kept for the document (a table runs over pages). */
export type Elements = Map<string, PDFKit.PDFStructureElement>

/**
 * The structure element a table's line belongs to (made on first use, under the table's element), or undefined
 * for a header row repeated on a later page (drawn as a pagination artifact: its text is read once).
 * @param doc the pdfkit document
 * @param parent the document's structure root
 * @param line a line of role caption, th or td
 * @param elements the elements made so far
 */
export function tableElement(doc: PDFKit.PDFDocument, parent: PDFKit.PDFStructureElement, line: Readonly<Line>, elements: Elements): PDFKit.PDFStructureElement | undefined {
  if (line.cell?.repeat) return undefined
  const make = (key: string, tag: string, under: PDFKit.PDFStructureElement): PDFKit.PDFStructureElement => {
    let element = elements.get(key)
    if (!element) {
      element = doc.struct(tag as never)
      under.add(element)
      elements.set(key, element)
    }
    return element
  }
  const table = make(`table:${line.block}`, 'Table', parent)
  if (!line.cell) return make(`table:${line.block}:caption`, 'Caption', table)
  const rowKey = `table:${line.block}:row:${line.cell.row}`
  const fresh = !elements.has(rowKey)
  const row = make(rowKey, 'TR', table)
  const cell = (col: number) => make(`${rowKey}:${col}`, line.cell!.row < 0 ? 'TH' : 'TD', row)
  // Note: every cell of a row gets its element, in column order, an empty cell too (a table's columns stay aligned).
  if (fresh) for (let col = 0; col < line.cell.columns; col++) cell(col)
  return cell(line.cell.col)
}

/**
 * Draw an item in its frame: a turned item (a landscape table) inside a quarter-turn transform; a turned line's
 * links are then added in page coordinates (pdfkit maps a link's box through the transform incorrectly for a turn).
 * @param doc the pdfkit document
 * @param item the item
 * @param draw draws it in its own coordinates
 * @param fonts the fonts (for a link box's top: the font's ascent)
 */
export function inFrame(doc: PDFKit.PDFDocument, item: Readonly<Item>, draw: () => void, fonts?: ReadonlyMap<string, LoadedFont>): void {
  const turn = item.turned
  if (!turn) return draw()
  doc.save()
  // Note: frame (x, y) → page (turn.x + y, turn.y − x).
  doc.transform(0, -1, 1, 0, turn.xPt, turn.yPt)
  draw()
  doc.restore()
  if (item.kind !== 'line' || !fonts) return
  for (const run of item.runs) {
    const loaded = fonts.get(run.font)
    if (!run.link || !loaded) continue
    // Note: fontkit's ascent, descent and units per em, read from the table bytes (a font is not parsed for them).
    const {ascent, descent, unitsPerEm} = fontMetrics(loaded)
    const top = item.baselinePt - (ascent / unitsPerEm) * run.sizePt
    const height = ((ascent - descent) / unitsPerEm) * run.sizePt
    doc.link(turn.xPt + top, turn.yPt - run.xPt - run.widthPt, height, run.widthPt, run.link)
  }
}
