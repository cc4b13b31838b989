/**
 * The PDF writer's part for tables: the structure tree Table → (Caption, TR → TH/TD) of a tagged PDF, and the
 * quarter turn of a landscape table's items. Draws nothing itself and decides nothing: layout placed every line.
 */
import type {Item, Line} from '../typeset/page-model.ts'

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
  const row = make(`table:${line.block}:row:${line.cell.row}`, 'TR', table)
  return make(`table:${line.block}:row:${line.cell.row}:${line.cell.col}`, line.cell.row < 0 ? 'TH' : 'TD', row)
}

/**
 * Draw an item in its frame: a turned item (a landscape table) inside a quarter-turn transform.
 * @param doc the pdfkit document
 * @param item the item
 * @param draw draws it in its own coordinates
 */
export function inFrame(doc: PDFKit.PDFDocument, item: Readonly<Item>, draw: () => void): void {
  if (!item.turned) return draw()
  doc.save()
  // Note: frame (x, y) → page (turn.x + y, turn.y − x).
  doc.transform(0, -1, 1, 0, item.turned.xPt, item.turned.yPt)
  draw()
  doc.restore()
}
