/**
 * Saddle-stitch imposition (骑马订): which booklet page goes where on which side of which sheet.
 *
 * A pure function of the page count. Each sheet is folded once in the middle and the sheets are
 * nested (sheet 1 outermost), so sheet s (0-based) of a booklet of P pages carries, with 0-based
 * page indices,
 *
 *   front: left P−1−2s | right 2s        back: left 2s+1 | right P−2−2s
 *
 * which for 8 pages is the classic 8|1, 2|7 on sheet 1 and 6|3, 4|5 on sheet 2.
 *
 * Note: the back is laid out for duplex printing that flips on the SHORT edge of the landscape
 * sheet (the sheet turns over like a book page, about a vertical axis): the page behind the front's
 * right half is the back's left half, and both sides stay upright, so no page is rotated.
 */
import type {PageModel} from './page-model.ts'

/** Which side of a sheet. */
export type Side = 'front' | 'back'

/** One side of one sheet: two booklet pages side by side (0-based page indices, null = blank). */
export interface SheetSide {
  /** 1-based sheet number (sheet 1 is the outermost of the folded stack). */
  sheet: number
  side: Side
  /** Page index drawn on the left half, or null for a blank added by padding. */
  left: number | null
  /** Page index drawn on the right half, or null for a blank added by padding. */
  right: number | null
}

/**
 * The page count padded to a whole number of sheets (a multiple of 4, at least 4).
 * @param pages the booklet's page count (≥ 1)
 * @throws RangeError when the count is not a positive integer (a programmer error)
 */
export function paddedPageCount(pages: number): number {
  if (!Number.isInteger(pages) || pages < 1) throw new RangeError(`impose: a booklet needs a whole number of pages ≥ 1, not ${pages}`)
  return Math.ceil(pages / 4) * 4
}

/**
 * Impose a booklet for saddle stitching: every sheet's front then back, sheet by sheet.
 * Pages beyond the count (the padding up to a multiple of 4) are null, so blanks only ever fall at
 * the end of the booklet.
 * @param input the laid-out booklet or its page count
 * @returns two entries per sheet (front, back), in printing order
 */
export function impose(input: PageModel | number): SheetSide[] {
  const count = typeof input === 'number' ? input : input.pages.length
  const padded = paddedPageCount(count)
  const page = (index: number): number | null => (index < count ? index : null)
  const sides: SheetSide[] = []
  for (let s = 0; s < padded / 4; s++) {
    sides.push({sheet: s + 1, side: 'front', left: page(padded - 1 - 2 * s), right: page(2 * s)})
    sides.push({sheet: s + 1, side: 'back', left: page(2 * s + 1), right: page(padded - 2 - 2 * s)})
  }
  return sides
}

/**
 * The imposition as readable text, one sheet side a line, pages 1-based (`-` for a blank):
 * `sheet 1 front   8 |  1`.
 * @param sides the result of {@link impose}
 */
export function formatImposition(sides: readonly SheetSide[]): string {
  const width = String(sides.length * 2).length
  const cell = (index: number | null) => (index === null ? '-' : String(index + 1)).padStart(width)
  return sides.map((s) => `sheet ${s.sheet} ${s.side.padEnd(5)} ${cell(s.left)} | ${cell(s.right)}`).join('\n') + '\n'
}

/** Size of the sheet the booklet is imposed on, in points. */
export interface SheetSize {
  widthPt: number
  heightPt: number
  /** The paper's name (`A4`, `A3`) or `custom` when no standard sheet holds two pages. */
  name: string
}

const PT_PER_MM = 72 / 25.4
/** Standard landscape sheets tried in order (ISO 216, in mm). */
const SHEETS: readonly {name: string; widthMm: number; heightMm: number}[] = [
  {name: 'A4', widthMm: 297, heightMm: 210},
  {name: 'A3', widthMm: 420, heightMm: 297},
]

/**
 * The smallest standard landscape sheet that holds two trimmed pages side by side (A4 for A5, A3 for
 * 16开); a sheet of exactly two pages when none does.
 * @param trimWidthPt width of one trimmed page (pt)
 * @param trimHeightPt height of one trimmed page (pt)
 */
export function sheetFor(trimWidthPt: number, trimHeightPt: number): SheetSize {
  const epsilon = 0.01
  for (const sheet of SHEETS) {
    const widthPt = sheet.widthMm * PT_PER_MM
    const heightPt = sheet.heightMm * PT_PER_MM
    if (2 * trimWidthPt <= widthPt + epsilon && trimHeightPt <= heightPt + epsilon) return {name: sheet.name, widthPt, heightPt}
  }
  return {name: 'custom', widthPt: 2 * trimWidthPt, heightPt: trimHeightPt}
}
