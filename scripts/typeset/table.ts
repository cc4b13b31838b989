/**
 * Tables in the page model (GB/T 9704 §8), set by zhiban's own engine (why: table-columns.ts).
 *
 * - Cells are set by the body's line breaker (paragraph.ts) at the column's inner width, so every rule of the Chinese
 *   line holds inside a cell; left cells are justified, centred and right cells set solid and moved, so a
 *   right-aligned number ends flush on its last digit at the column's padding.
 * - Every cell line takes one grid line: a row is a whole number of grid lines and its rules fall on the grid, the
 *   half-leading above and below each line being the cell's vertical padding (the grid's rhythm); horizontal
 *   padding is half an em.
 * - The caption (`表1 …`) is centred above the table in the level-1 heading's font and kept with the header and the
 *   first row; the header row is repeated at the top of every page the table continues on; a row moves whole to
 *   the next page unless it alone is taller than a page, and only then is it split between grid lines.
 * - A table too wide for the type area goes on pages of its own, turned a quarter turn with its head toward the
 *   page's left edge (the binding side of odd pages, the cut side of even pages: the same turn on both); the page
 *   number stays upright where it is on every page (flow.ts, pages.ts).
 * - Items go into the page in reading order: caption, then row by row, cell by cell; the rules after them.
 */
import type {Profile} from '../profile.ts'
import type {CellAlign} from '../model/table.ts'
import type {LoadedFont} from './fonts.ts'
import type {CellPlace, Item, Line, Page, Rule, TableRole, Turn} from './page-model.ts'
import {layoutParagraph, type Collected, type ParagraphLine} from './paragraph.ts'
import {columnWidths, measureCell, squeezedWidths} from './table-columns.ts'

/** A table as layout takes it: the texts of its caption and cells, and how each column aligns. */
export interface TableSource {
  caption?: Collected
  head: Collected[]
  rows: Collected[][]
  aligns: CellAlign[]
  numeric: boolean[]
}

/** A table's columns as layout decides them: widths (pt, padding included), a landscape page or not, the padding. */
export interface TableColumns {
  widths: number[]
  landscape: boolean
  /** Padding left and right of a cell's text (pt). */
  padPt: number
  /** Which columns are numeric. */
  numeric: boolean[]
}

/** Where {@link flowTable} continues the flow. */
export interface Cursor {
  /** Grid lines used on the current page. */
  slot: number
  /** The pages so far (the last is the current one). */
  pages: Page[]
  /** Start a new page (it becomes the last of `pages`). */
  newPage: () => void
  /**
   * Start a new page to keep the table's start together, taking a heading that ends the page along (placed by
   * `turn` on a turned page); returns the grid lines the heading takes.
   */
  breakBefore: (turn?: (line: Line) => Line) => number
  /** The left edge of the type area on a page (1-based index). */
  areaLeft: (pageIndex: number) => number
  /** A run with no legal break, longer than its column (the cell's text, offsets in it). */
  onOverflow?: (collected: Collected, start: number, end: number) => void
  /** Told the table's columns once they are set (layout.ts keeps them for the DOCX). */
  onColumns?: (columns: TableColumns) => void
}

interface SetCell {
  lines: ParagraphLine[]
  /** x of each line's start inside the cell's text box. */
  shifts: number[]
}

interface SetRow {
  cells: SetCell[]
  /** Height in grid lines. */
  height: number
  /** -1 for the header. */
  row: number
}

interface Frame {
  /** Width the table may take, and grid lines on a page, in the frame. */
  measurePt: number
  perPage: number
  turned: boolean
}

/**
 * A table's column widths (pt) and whether it needs a landscape page: it does when its columns cannot fit the type
 * area's width at their narrowest (table-columns.ts). The DOCX edition takes the same widths.
 * @param source the table's texts and alignments
 * @param profile the profile (the body role sets cells)
 * @param fonts its fonts
 */
export function tableColumns(source: Readonly<TableSource>, profile: Profile, fonts: ReadonlyMap<string, LoadedFont>): TableColumns {
  const g = profile.geometry
  const body = profile.roles.body
  const loaded = fonts.get(body.font)
  if (!loaded) throw new Error(`table: font \`${body.font}\` is not loaded`)
  const em = body.size
  const padPt = em / 2
  const measure = {font: loaded.font, sizePt: body.size, cjkLatinSpacePt: profile.typesetting.cjkLatinSpace === 'quarter' ? em / 4 : 0, lineStartOpening: profile.typesetting.lineStartOpening}
  const heads = source.head.map((c) => measureCell(c, measure))
  const cols = source.head.map((_, col) => source.rows.map((row) => measureCell(row[col]!, measure)))
  const options = {padPt, emPt: em}
  const portrait = columnWidths(heads, cols, source.numeric, {...options, measurePt: g.measurePt})
  if (portrait) return {widths: portrait, landscape: false, padPt, numeric: source.numeric}
  const widths = columnWidths(heads, cols, source.numeric, {...options, measurePt: g.areaHeightPt}) ?? squeezedWidths(heads, cols, source.numeric, {...options, measurePt: g.areaHeightPt})
  return {widths, landscape: true, padPt, numeric: source.numeric}
}

/**
 * Set a table and place it from the cursor on; returns the grid line the flow continues at (a landscape table
 * ends its last page: the flow continues on a new page).
 * @param source the table's texts and alignments
 * @param block index of the model block
 * @param profile the profile
 * @param fonts its fonts
 * @param cursor the flow's position and pages
 */
export function flowTable(source: Readonly<TableSource>, block: number, profile: Profile, fonts: ReadonlyMap<string, LoadedFont>, cursor: Cursor): number {
  const g = profile.geometry
  const body = profile.roles.body
  const loaded = fonts.get(body.font)
  if (!loaded) throw new Error(`table: font \`${body.font}\` is not loaded`)
  const padPt = body.size / 2
  const lineOptions = {cjkLatinSpacePt: profile.typesetting.cjkLatinSpace === 'quarter' ? body.size / 4 : 0, lineStartOpening: profile.typesetting.lineStartOpening}
  const breaking = {maxLoosenessEm: profile.typesetting.maxLooseness, rangeBreakPenalty: profile.typesetting.rangeBreakPenalty}
  const columns = tableColumns(source, profile, fonts)
  cursor.onColumns?.(columns)
  const {widths, landscape} = columns
  const frame: Frame = landscape ? {measurePt: g.areaHeightPt, perPage: Math.floor(g.measurePt / g.linePitchPt), turned: true} : {measurePt: g.measurePt, perPage: profile.grid.linesPerPage, turned: false}
  const tableWidth = widths.reduce((a, b) => a + b, 0)
  const setCell = (collected: Collected, col: number, header: boolean): SetCell => {
    const align: CellAlign = header ? 'center' : source.aligns[col] ?? 'left'
    // Note: a numeric column is exactly as wide as its widest number; the allowance keeps float rounding from cutting it.
    const inner = widths[col]! - 2 * padPt + 1e-6
    const lines = layoutParagraph(collected, {
      fontKey: body.font, font: loaded.font, sizePt: body.size, cellPt: undefined, xPt: 0, measurePt: inner, firstIndentPt: 0,
      cjkLatinSpacePt: lineOptions.cjkLatinSpacePt, lineStartOpening: lineOptions.lineStartOpening, justify: align === 'left', ...breaking,
      onOverflow: (start, end) => cursor.onOverflow?.(collected, start, end),
    })
    const shifts = lines.map((line) => (align === 'right' ? inner - line.widthPt : align === 'center' ? (inner - line.widthPt) / 2 : 0))
    return {lines, shifts}
  }
  const setRow = (cells: readonly Collected[], row: number): SetRow => {
    const set = cells.map((c, col) => setCell(c, col, row < 0))
    return {cells: set, height: Math.max(1, ...set.map((c) => c.lines.length)), row}
  }
  const head = setRow(source.head, -1)
  const rows = source.rows.map((cells, i) => setRow(cells, i))
  const caption = source.caption ? setCaption(source.caption, profile, fonts, tableWidth) : []
  return place({caption, head, rows, widths, tableWidth, padPt, block, frame, profile, cursor})
}

function setCaption(caption: Collected, profile: Profile, fonts: ReadonlyMap<string, LoadedFont>, widthPt: number): ParagraphLine[] {
  const role = profile.roles.heading1
  const loaded = fonts.get(role.font)
  if (!loaded) throw new Error(`table: font \`${role.font}\` is not loaded`)
  return layoutParagraph(caption, {
    fontKey: role.font, font: loaded.font, sizePt: role.size, cellPt: undefined, xPt: 0, measurePt: widthPt, firstIndentPt: 0,
    cjkLatinSpacePt: profile.typesetting.cjkLatinSpace === 'quarter' ? role.size / 4 : 0, lineStartOpening: profile.typesetting.lineStartOpening, justify: false,
    maxLoosenessEm: profile.typesetting.maxLooseness, rangeBreakPenalty: profile.typesetting.rangeBreakPenalty,
  })
}

interface Placing {
  caption: ParagraphLine[]
  head: SetRow
  rows: SetRow[]
  widths: number[]
  tableWidth: number
  padPt: number
  block: number
  frame: Frame
  profile: Profile
  cursor: Cursor
}

/** One page's part of the table: its top, the row edges below it, and whether it starts with the header. */
interface Segment {
  topSlot: number
  edges: number[]
  headEdge?: number
}

function place(p: Placing): number {
  const {profile, cursor, frame} = p
  const g = profile.geometry
  const pitch = g.linePitchPt
  const perPage = frame.perPage
  let slot = cursor.slot
  const fresh = (): void => {
    cursor.newPage()
    slot = 0
  }
  const page = (): Page => cursor.pages[cursor.pages.length - 1]!
  const frameOf = (page: Page): {left: number; top: number; turn?: Turn} => {
    if (!frame.turned) return {left: cursor.areaLeft(page.index) + (g.measurePt - p.tableWidth) / 2, top: g.topPt}
    // Note: the turned frame's x runs up the page from the type area's foot, its y rightwards from the area's left.
    const turn: Turn = {xPt: cursor.areaLeft(page.index) + (g.measurePt - perPage * pitch) / 2, yPt: g.topPt + g.areaHeightPt}
    return {left: (frame.measurePt - p.tableWidth) / 2, top: 0, turn}
  }
  // Note: a landscape table starts a page of its own; a heading that ended the page before goes with it, turned too.
  const turnLine = (line: Line): Line => {
    // Note: a title carried along (an attachment's, flow.ts) is centred again across the turned frame.
    const dx = -cursor.areaLeft(page().index) + (line.role === 'title' ? (frame.measurePt - g.measurePt) / 2 : 0)
    return {...line, yPt: line.yPt - g.topPt, baselinePt: line.baselinePt - g.topPt, xPt: line.xPt + dx, runs: line.runs.map((run) => ({...run, xPt: run.xPt + dx})), turned: frameOf(page()).turn!}
  }
  if (frame.turned && slot > 0) slot = cursor.breakBefore(turnLine)
  else if (frame.turned && cursor.pages.length === 0) fresh()
  const repeatHead = p.head.height + 1 <= perPage / 2
  const first = p.rows[0]?.height ?? 0
  // Note: caption, header and first row stay together; a first row taller than a page is split anyway, so only its
  // first line has to come along.
  const head = p.caption.length + p.head.height
  const keep = head + (first > perPage - head ? 1 : first)
  if (slot > 0 && slot + Math.min(keep, perPage) > perPage) slot = cursor.breakBefore()
  if (cursor.pages.length === 0) fresh()
  const size = profile.roles.body.size
  const baseline = (top: number, sizePt: number): number => top + (pitch - sizePt) / 2 + 0.88 * sizePt
  const turnOf = (f: {turn?: Turn}): {turned?: Turn} => (f.turn ? {turned: f.turn} : {})
  // The caption, centred over the table.
  for (const line of p.caption) {
    const f = frameOf(page())
    const top = f.top + slot * pitch
    const shift = f.left + (p.tableWidth - line.widthPt) / 2
    page().items.push(lineItem('caption', p.block, top, baseline(top, line.runs[0]?.sizePt ?? size), f.left, p.tableWidth, line, shift, undefined, f.turn))
    slot++
  }
  let segment: Segment = {topSlot: slot, edges: []}
  const putRow = (row: SetRow, from: number, to: number, repeat: boolean): void => {
    const f = frameOf(page())
    const whole = from === 0 && to === row.height
    let x = f.left
    row.cells.forEach((cell, col) => {
      // Note: a whole row centres each cell's lines vertically; the parts of a split row start at their tops.
      const offset = whole ? (row.height - cell.lines.length) / 2 : 0
      cell.lines.forEach((line, i) => {
        const at = i + offset - from
        if (i < from || i >= to) return
        const top = f.top + (slot + at) * pitch
        const place: CellPlace = {row: row.row, col, columns: row.cells.length, ...(repeat ? {repeat: true} : {})}
        page().items.push(lineItem(row.row < 0 ? 'th' : 'td', p.block, top, baseline(top, size), x, p.widths[col]!, line, x + p.padPt + cell.shifts[i]!, place, f.turn))
      })
      x += p.widths[col]!
    })
    slot += to - from
    segment.edges.push(slot)
    if (row.row < 0) segment.headEdge = slot
  }
  const closeSegment = (): void => {
    const f = frameOf(page())
    page().items.push(...rules(segment, f, p, pitch).map((rule) => ({...rule, ...turnOf(f)})))
  }
  const nextPage = (): void => {
    closeSegment()
    fresh()
    segment = {topSlot: slot, edges: []}
    if (repeatHead) putRow(p.head, 0, p.head.height, true)
  }
  putRow(p.head, 0, p.head.height, false)
  for (const row of p.rows) {
    const room = perPage - slot
    if (row.height <= room) {
      putRow(row, 0, row.height, false)
      continue
    }
    const fits = row.height <= perPage - (repeatHead ? p.head.height : 0)
    if (fits) {
      nextPage()
      putRow(row, 0, row.height, false)
      continue
    }
    // Note: a row taller than a page is split between grid lines, filling each page.
    let from = 0
    if (room <= 0) nextPage()
    while (from < row.height) {
      const take = Math.min(row.height - from, perPage - slot)
      putRow(row, from, from + take, false)
      from += take
      if (from < row.height) nextPage()
    }
  }
  closeSegment()
  return frame.turned ? profile.grid.linesPerPage : slot
}

function lineItem(role: TableRole, block: number, top: number, baselinePt: number, xPt: number, measurePt: number, line: ParagraphLine, shift: number, cell: CellPlace | undefined, turn: Turn | undefined): Line {
  return {
    kind: 'line', role, block, yPt: top, baselinePt, xPt, measurePt, last: line.last,
    runs: line.runs.map((run) => ({...run, xPt: run.xPt + shift})),
    ...(cell ? {cell} : {}),
    ...(turn ? {turned: turn} : {}),
  }
}

/** The rules of one page's part of the table: a full frame, or three lines (heavy, thin under the header, heavy). */
function rules(segment: Segment, f: {left: number; top: number}, p: Placing, pitch: number): Rule[] {
  const spec = p.profile.table
  const y = (slot: number): number => f.top + slot * pitch
  const right = f.left + p.tableWidth
  const bottom = segment.edges[segment.edges.length - 1] ?? segment.topSlot
  const h = (slot: number, widthPt: number): Rule => ({kind: 'rule', x1Pt: f.left, y1Pt: y(slot), x2Pt: right, y2Pt: y(slot), widthPt, table: true})
  if (spec.rules === 'three-line') {
    const out = [h(segment.topSlot, spec.heavyRuleWidth)]
    if (segment.headEdge !== undefined && segment.headEdge !== bottom) out.push(h(segment.headEdge, spec.ruleWidth))
    out.push(h(bottom, spec.heavyRuleWidth))
    return out
  }
  const out = [h(segment.topSlot, spec.ruleWidth), ...segment.edges.map((edge) => h(edge, spec.ruleWidth))]
  let x = f.left
  for (const edge of [0, ...p.widths]) {
    x += edge
    out.push({kind: 'rule', x1Pt: x, y1Pt: y(segment.topSlot), x2Pt: x, y2Pt: y(bottom), widthPt: spec.ruleWidth, table: true})
  }
  return out
}

/**
 * Every item of a page's table part in page coordinates (for tests and the dump): a turned item's points turned.
 * @param item an item
 */
export function onPage(item: Readonly<Item>): {x1: number; y1: number; x2: number; y2: number} {
  const turn = item.turned
  const [x1, y1, x2, y2] = item.kind === 'rule' ? [item.x1Pt, item.y1Pt, item.x2Pt, item.y2Pt] : [item.xPt, item.yPt, item.xPt + item.measurePt, item.yPt]
  if (!turn) return {x1, y1, x2, y2}
  return {x1: turn.xPt + y1, y1: turn.yPt - x1, x2: turn.xPt + y2, y2: turn.yPt - x2}
}
