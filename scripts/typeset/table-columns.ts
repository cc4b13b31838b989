/**
 * A table's column widths from its content (GB/T 9704 §8 tables; typesetting by zhiban's own engine).
 *
 * Note: zhiban sets its tables itself instead of using a PDF library's table (pdfkit's, or a layout engine's)
 * because a cell's text must follow the same Chinese line rules as the body (no closing mark at a line's start,
 * numbers whole, Chinese–Latin spacing) and sit on the page grid; no library offers that. The widths follow the
 * automatic table layout of CSS 2.1 §17.5.2.2 (each column between its widest unbreakable run and its text on
 * one line), with two rules of Chinese tables: a numeric column is as narrow as its widest number, and the table
 * spans the type area, the text columns sharing what the numbers leave.
 */
import {canBreakAfter, lineWidth, type Options as BreakOptions} from './linebreak.ts'
import {shape, type Options as ShapeOptions} from './shape.ts'
import {toUnits} from './units.ts'
import type {Collected} from './paragraph.ts'

/** A cell's widths: its widest unbreakable run, and its text set on one line. */
export interface CellMeasure {
  minPt: number
  maxPt: number
}

/**
 * Measure one cell's text.
 * @param collected the cell's text
 * @param options font and size, and the line options (Chinese–Latin spacing, opening marks)
 */
export function measureCell(collected: Readonly<Collected>, options: Readonly<ShapeOptions & Omit<BreakOptions, 'measurePt' | 'firstIndentPt' | 'emPt'>>): CellMeasure {
  if (collected.text === '') return {minPt: 0, maxPt: 0}
  const units = shape(toUnits(collected.text), options)
  const line: BreakOptions = {measurePt: Number.POSITIVE_INFINITY, firstIndentPt: 0, emPt: options.sizePt, cjkLatinSpacePt: options.cjkLatinSpacePt, lineStartOpening: options.lineStartOpening}
  const maxPt = lineWidth(units, 0, units.length - 1, line, {first: true, compressEnd: false})
  let minPt = 0
  let start = 0
  for (let k = 0; k < units.length; k++) {
    // Note: measure 0 lets a URL break after its `/ . ? & = - _` (it will, in a narrow column), never elsewhere.
    if (k < units.length - 1 && !canBreakAfter(units, k, 0)) continue
    minPt = Math.max(minPt, lineWidth(units, start, k, line, {first: start === 0, compressEnd: true}))
    start = k + 1
  }
  return {minPt, maxPt}
}

/** Options of {@link columnWidths}. */
export interface WidthOptions {
  /** The widest the table may be (the type area's width, or its height on a landscape page). */
  measurePt: number
  /** Padding left and right of a cell's text. */
  padPt: number
  /** The em of the cells' text. */
  emPt: number
}

/** A text column narrower than this many characters is no longer read as a column: the table turns landscape. */
export const MIN_TEXT_EMS = 3

/**
 * The width of every column, or undefined when the table cannot fit the measure.
 *
 * Every column starts at its narrowest: a numeric column at its widest number (and its header's widest unbreakable
 * run), a text column at its widest unbreakable run but no narrower than {@link MIN_TEXT_EMS} characters (or its
 * text). Then the room left is handed out one em at a time to the column where it saves the most grid lines
 * (each row as tall as its tallest cell, a cell's lines estimated from its text on one line), then the most cell
 * lines, ties to the column with the most text left to fit; no column grows past its text on one line. What remains goes to the text
 * columns, in proportion to their text, so the table spans the measure.
 * @param head the header cells' measures
 * @param body each column's body cells' measures (body[col][row])
 * @param numeric which columns are numeric
 * @param options measure, padding, em
 */
export function columnWidths(head: readonly CellMeasure[], body: readonly (readonly CellMeasure[])[], numeric: readonly boolean[], options: Readonly<WidthOptions>): number[] | undefined {
  const {measurePt, padPt, emPt} = options
  const pad = 2 * padPt
  const eps = 1e-6
  const cols = head.map((h, col) => {
    const cells = body[col] ?? []
    const bodyMax = Math.max(0, ...cells.map((c) => c.maxPt))
    const bodyMin = Math.max(0, ...cells.map((c) => c.minPt))
    // Note: a header of two characters (序号) never wraps over a column of small numbers.
    if (numeric[col]) return {numeric: true, min: Math.max(bodyMax, h.minPt, Math.min(h.maxPt, 2 * emPt)) + pad, max: Math.max(bodyMax, h.maxPt) + pad}
    const max = Math.max(bodyMax, h.maxPt, emPt)
    return {numeric: false, min: Math.max(bodyMin, h.minPt, Math.min(max, MIN_TEXT_EMS * emPt)) + pad, max: max + pad}
  })
  const widths = cols.map((c) => c.min)
  const sum = (): number => widths.reduce((a, b) => a + b, 0)
  if (sum() > measurePt + eps) return undefined
  const rows = Math.max(0, ...body.map((cells) => cells.length))
  const cellMax = (col: number, row: number): number => (row < 0 ? head[col]!.maxPt : body[col]?.[row]?.maxPt ?? 0)
  const lines = (col: number, row: number, width: number): number => Math.max(1, Math.ceil(cellMax(col, row) / Math.max(width - pad, 1) - eps))
  const height = (row: number, ws: readonly number[]): number => Math.max(...ws.map((w, col) => lines(col, row, w)))
  // Note: the grid lines the table takes, then (to break ties) the lines of every cell: a wrapped cell in a row
  // that another cell makes as tall still costs a line.
  const total = (ws: readonly number[]): number => {
    let n = 0
    let cells = 0
    for (let row = -1; row < rows; row++) {
      n += height(row, ws)
      for (let col = 0; col < ws.length; col++) cells += lines(col, row, ws[col]!)
    }
    return n * 10_000 + cells
  }
  for (;;) {
    const room = measurePt - sum()
    if (room < eps) break
    const now = total(widths)
    let best = -1
    let bestGain = -1
    let bestNeed = 0
    cols.forEach((c, col) => {
      if (widths[col]! >= c.max - eps) return
      const step = Math.min(emPt, room, c.max - widths[col]!)
      const gain = now - total(widths.map((w, i) => (i === col ? w + step : w)))
      const need = c.max - widths[col]!
      if (gain > bestGain || (gain === bestGain && need > bestNeed)) [best, bestGain, bestNeed] = [col, gain, need]
    })
    if (best < 0) break
    widths[best]! += Math.min(emPt, room, cols[best]!.max - widths[best]!)
  }
  const room = measurePt - sum()
  if (room > eps) {
    const text = cols.map((c, col) => (c.numeric ? 0 : cols[col]!.max))
    const weight = text.reduce((a, b) => a + b, 0)
    // Note: a table of numbers only spans the type area too, its columns widened alike.
    widths.forEach((_, col) => (widths[col]! += weight > 0 ? (room * text[col]!) / weight : room / cols.length))
  }
  return widths
}

/**
 * Widths for a table too wide even for a landscape page: the narrowest widths, scaled down to the measure (cells
 * then cut runs longer than their column, each with an `unbreakable-overflow` warning).
 * @param head the header cells' measures
 * @param body each column's body cells' measures
 * @param numeric which columns are numeric
 * @param options measure, padding, em
 */
export function squeezedWidths(head: readonly CellMeasure[], body: readonly (readonly CellMeasure[])[], numeric: readonly boolean[], options: Readonly<WidthOptions>): number[] {
  const mins = head.map((h, col) => Math.max(h.minPt, ...(body[col] ?? []).map((c) => c.minPt), numeric[col] ? 0 : options.emPt) + 2 * options.padPt)
  const sum = mins.reduce((a, b) => a + b, 0)
  return mins.map((w) => (w * options.measurePt) / sum)
}
