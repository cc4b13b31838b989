/**
 * Break opportunities, line widths and the line-by-line breaker: compress before push (RULES.md §3–4; clreq
 * https://www.w3.org/TR/clreq/#prohibition_rules_for_line_start_end and
 * https://www.w3.org/TR/clreq/#compression_rules_for_adjacent_punctuation_marks; JIS X 4051 §5: 追い込み before 追い出し).
 */
import {NO_LINE_END, NO_LINE_START} from './classes.ts'
import type {ShapedUnit} from './shape.ts'

/** Options of {@link linebreak}. */
export interface Options {
  measurePt: number
  /** Indent of the block's first line. */
  firstIndentPt: number
  /** The em (the grid cell on a grid). */
  emPt: number
  /** Space between Han and a Latin word or number (0 for `cjkLatinSpace: none`). */
  cjkLatinSpacePt: number
  /** An opening mark at the start of a line other than the first: full or half width. */
  lineStartOpening: 'full' | 'half'
}

/** One chosen line. */
export interface LineBreak {
  /** Units [from, to). */
  from: number
  to: number
  /** Set width of each unit of the line (index k - from), after compression. */
  widthsPt: number[]
  /** Space added before each unit (Chinese–Latin spacing). */
  spacesPt: number[]
  indentPt: number
  /** Indent + widths + spaces. */
  naturalPt: number
  /** The block's last line. */
  last: boolean
  /** No legal break existed: the line was cut where it was full. */
  forced: boolean
}

const closeLike = (u: ShapedUnit): boolean => u.unit.kind === 'closing' || u.unit.kind === 'stop'
const latinLike = (u: ShapedUnit): boolean => u.unit.kind === 'latin' || u.unit.kind === 'url'

/**
 * The widths of units [s, e] set on one line.
 * Adjacent punctuation: closing/stop before closing/stop/opening → the first at half width; opening
 * before opening → the second at half width; opening before closing: both full (RULES.md §4).
 */
export function measureLine(units: readonly ShapedUnit[], s: number, e: number, options: Readonly<Options>, flags: {first: boolean; compressEnd: boolean}): Omit<LineBreak, 'last' | 'forced'> {
  const widthsPt: number[] = new Array<number>(e - s + 1)
  const spacesPt: number[] = new Array<number>(e - s + 1)
  const naturalPt = measure(units, s, e, options, flags.first, flags.compressEnd, widthsPt, spacesPt)
  return {from: s, to: e + 1, widthsPt, spacesPt, indentPt: flags.first ? options.firstIndentPt : 0, naturalPt}
}

/**
 * The natural width of units [s, e] set on one line: {@link measureLine}'s `naturalPt`, without its arrays.
 * @param units shaped units
 * @param s first unit
 * @param e last unit
 * @param options indent, spacing
 * @param flags the block's first line; a closing mark at the end set at half width
 */
export function lineWidth(units: readonly ShapedUnit[], s: number, e: number, options: Readonly<Options>, flags: {first: boolean; compressEnd: boolean}): number {
  return measure(units, s, e, options, flags.first, flags.compressEnd)
}

// Note: the widths and the spaces are summed apart, each from 0 in order, and added to the indent last.
function measure(units: readonly ShapedUnit[], s: number, e: number, options: Readonly<Options>, first: boolean, compressEnd: boolean, widthsPt?: number[], spacesPt?: number[]): number {
  let widthSum = 0
  let spaceSum = 0
  for (let k = s; k <= e; k++) {
    const u = units[k]!
    const kind = u.unit.kind
    let w = u.widthPt
    const next = k < e ? units[k + 1] : undefined
    const prev = k > s ? units[k - 1] : undefined
    if (next && closeLike(u) && (closeLike(next) || next.unit.kind === 'opening')) w = u.halfPt ?? w
    if (prev && prev.unit.kind === 'opening' && kind === 'opening') w = u.halfPt ?? w
    if (k === e && compressEnd && closeLike(u)) w = u.halfPt ?? w
    if (k === s && !first && kind === 'opening' && options.lineStartOpening === 'half') w = u.halfPt ?? w
    // Note: a space at the end of a line is kept in the text (copy returns it) but takes no width.
    if (k === e && k > s && kind === 'space') w = 0
    widthSum += w
    const hanLatin = prev && ((prev.unit.kind === 'han' && latinLike(u)) || (latinLike(prev) && kind === 'han'))
    const space = hanLatin ? options.cjkLatinSpacePt : 0
    spaceSum += space
    if (widthsPt) widthsPt[k - s] = w
    if (spacesPt) spacesPt[k - s] = space
  }
  const indentPt = first ? options.firstIndentPt : 0
  return indentPt + widthSum + spaceSum
}

/**
 * Whether a line may break between units k and k+1 (RULES.md §3).
 * @param units shaped units
 * @param k index of the unit before the break
 * @param measurePt the measure (a URL longer than it may break inside)
 */
export function canBreakAfter(units: readonly ShapedUnit[], k: number, measurePt: number): boolean {
  const a = units[k]!.unit
  const b = units[k + 1]?.unit
  if (!b) return true
  if (a.glue) return false
  if (NO_LINE_END.has(a.kind as never) || NO_LINE_START.has(b.kind as never)) return false
  if (b.kind === 'space') return false
  if (a.kind === 'url' && b.kind === 'url' && a.url === b.url) {
    // Note: a URL breaks inside only when it cannot fit a line (RULES.md §3).
    return urlWidth(units, a.url!) > measurePt
  }
  // Note: a number range may break after its dash (`2022—|2025`), at a cost the total-fit breaker weighs.
  if (a.rangeHead) return true
  if (latinLike(units[k]!) && latinLike(units[k + 1]!)) return false
  return true
}

/** Per block: the width of each of its URLs (summed once, not at every break inside it). */
const urlWidths = new WeakMap<readonly ShapedUnit[], Map<number, number>>()

function urlWidth(units: readonly ShapedUnit[], url: number): number {
  let widths = urlWidths.get(units)
  if (!widths) urlWidths.set(units, (widths = new Map()))
  let width = widths.get(url)
  if (width === undefined) widths.set(url, (width = units.filter((u) => u.unit.url === url).reduce((n, u) => n + u.widthPt, 0)))
  return width
}

/**
 * Choose the lines of a block one at a time: as many units as fit at natural width; at a forbidden break, first
 * push in (line-end mark at half width, overflow ≤ ½ em taken from the gaps), else push the last
 * character down with the unit that must not start a line. Layout uses total-fit.ts, which takes the same
 * lines where nothing is gained and cuts a line as this does where no legal break exists; this breaker stays
 * as the reference it is tested against (its lines never cost less, nor are they all within the limit where the
 * total fit's are not).
 * @param units the block's shaped units
 * @param options measure, indent, em, spacing, in pt
 */
export function linebreak(units: readonly ShapedUnit[], options: Readonly<Options>): LineBreak[] {
  const eps = 0.001
  const lines: LineBreak[] = []
  const n = units.length
  let s = 0
  while (s < n) {
    const first = s === 0
    const fits = (e: number, compressEnd = false) => measureLine(units, s, e, options, {first, compressEnd})
    let e0 = s
    while (e0 + 1 < n && fits(e0 + 1).naturalPt <= options.measurePt + eps) e0++
    // Note: a trailing space may always join the line (it takes no width at the end).
    while (e0 + 1 < n && units[e0 + 1]!.unit.kind === 'space') e0++
    let chosen = e0
    let forced = false
    if (e0 < n - 1 && !canBreakAfter(units, e0, options.measurePt)) {
      let e1 = e0 + 1
      while (e1 < n - 1 && !canBreakAfter(units, e1, options.measurePt)) e1++
      let e2 = e0 - 1
      while (e2 >= s && !canBreakAfter(units, e2, options.measurePt)) e2--
      if (fits(e1, true).naturalPt - options.measurePt <= options.emPt / 2 + eps) chosen = e1
      else if (e2 >= s) chosen = e2
      else forced = true
    }
    const compressEnd = measureLine(units, s, chosen, options, {first, compressEnd: false}).naturalPt > options.measurePt + eps
    const line = measureLine(units, s, chosen, options, {first, compressEnd})
    lines.push({...line, last: chosen === n - 1, forced})
    s = chosen + 1
  }
  return lines
}
