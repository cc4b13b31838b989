/**
 * Total-fit line breaking of a Chinese paragraph (RULES.md §3–4), in the manner of Knuth and Plass
 * ("Breaking paragraphs into lines", 1981): every break of the paragraph is chosen together, as the shortest path
 * through its legal breaks, minimising the sum of the lines' badness and the penalties of the breaks.
 *
 * Why zhiban writes its own: the npm line breakers either find break opportunities only (`linebreak`,
 * `css-line-break`: Unicode UAX #14, one line at a time) or do Knuth–Plass for Western text (boxes, glue, hyphens).
 * None knows the Chinese line: clreq's line-start and line-end rules, punctuation compressed to half width
 * (adjacent marks, a line-end mark pushed in), squeezing at most half an em before pushing a character out, the
 * 28-cell character grid, numbers kept with their units, and a number range that may break only after its dash.
 *
 * A line's cost (each line but the last is justified to the measure; the em is the grid cell on a grid):
 * - stretch: b = 100 (r / limit)³, r the space added per gap in ems and limit the profile's `maxLooseness`, so a
 *   line at the limit costs 100. A line looser than the limit costs LOOSE + 100 b; a non-last line with no gap to
 *   stretch (set flush left) costs LOOSE plus the cost of a line of one gap stretched by its shortfall: a paragraph that
 *   can be set with no line looser than the limit always is, and one that cannot gets few loose lines, none of
 *   them much looser than it must be (two lines slightly loose rather than one very loose). A range's penalty
 *   (10 000 in `official`, a hundred lines at the limit) thus outweighs what lines within the limit could gain, but
 *   not a loose line made tighter by more than 100 of badness: a range breaks after its dash only when keeping it
 *   whole leaves a line looser than the limit;
 * - squeeze (push-in, at most half an em over the measure, and only where the break at the end of what fits at
 *   natural width is forbidden, as the line-by-line breaker does): the same formula on the space taken out per gap;
 * - a line-end closing or stop mark set at half width: COMPRESS.
 * A break's penalty: after a range's dash, the profile's `rangeBreakPenalty`; inside a URL, URL_PENALTY. Where no
 * legal break fits a line (an unbreakable run longer than it), the line is cut where it is full, as the
 * line-by-line breaker of linebreak.ts does, at a cost above every other.
 *
 * The search runs forward over line starts, each line's width summed as it grows (O(units × units a line)), in
 * two passes as Knuth and Plass's: first only lines within the limit (which reaches few line starts), then, when
 * that finds no way to the paragraph's end, every line.
 */
import {canBreakAfter, measureLine, type LineBreak, type Options as BreakOptions} from './linebreak.ts'
import {gapStretches} from './justify.ts'
import type {ShapedUnit} from './shape.ts'

/** Options of {@link totalFit}: the line-by-line breaker's and the profile's limit and penalty. */
export interface Options extends BreakOptions {
  /** The most space a justified line may add between two units, in ems (official: 0.12). */
  maxLoosenessEm: number
  /** The penalty of a break after a number range's dash, in units of badness (a line at the limit costs 100). */
  rangeBreakPenalty: number
  /**
   * Check every end of every line in the first pass (for comparison: the same breaks as running through the first
   * units of a line that is certainly too loose, which {@link totalFit} does without it).
   */
  everyEnd?: boolean
}

/** The badness of a line at the looseness limit. */
export const AT_LIMIT = 100
/** What a line looser than the limit costs on top of its badness. */
export const LOOSE = 1e7
/** A line-end mark set at half width. */
export const COMPRESS = 1
/** A break inside a URL (allowed only in a URL longer than the measure). */
export const URL_PENALTY = 50
/** A line cut where no legal break exists. */
export const FORCED = 1e15

const EPS = 0.001
const NEG_EPS = -EPS

/** A candidate line and what it costs. */
export interface LineFit {
  /** Whether the line can be set at all (at most half an em over the measure after compression). */
  feasible: boolean
  cost: number
  /** Space per gap in ems: positive when stretched, negative when squeezed; Infinity for an unjustifiable line. */
  looseness: number
  compressEnd: boolean
}

/** The most a loose line's badness adds (a line some 26 ems looser than it should be), far below FORCED. */
const LOOSE_CAP = 1e11

/**
 * Badness of a justified line from its space per gap (ems), with the loose-line cost (see the file's comment).
 * @param r space per gap in ems (negative: squeezed); for a line set flush left, its shortfall in ems
 * @param limit the profile's limit in ems
 */
export function badness(r: number, limit: number): number {
  const b = AT_LIMIT * (Math.abs(r) / limit) ** 3
  if (r <= limit + 1e-9) return b
  return LOOSE + Math.min(100 * b, LOOSE_CAP)
}

/**
 * How many gaps of the line [s, e] take space when it is justified (as justify.ts spreads it).
 * @param units shaped units
 * @param s first unit
 * @param e last unit
 */
export function lineGaps(units: readonly ShapedUnit[], s: number, e: number): number {
  const trailingSpace = e > s && units[e]!.unit.kind === 'space'
  let gaps = 0
  for (let k = s; k < e; k++) if (!(trailingSpace && k === e - 1) && gapStretches(units, k)) gaps++
  return gaps
}

/**
 * The cost of one line [s, e] from its measured width (the reference the fast search must agree with).
 * @param units shaped units
 * @param s first unit
 * @param e last unit
 * @param options measure, em, limit
 */
export function lineFit(units: readonly ShapedUnit[], s: number, e: number, options: Readonly<Options>): LineFit {
  const first = s === 0
  let width = measureLine(units, s, e, options, {first, compressEnd: false}).naturalPt
  let compressEnd = false
  const closeLike = units[e]!.unit.kind === 'closing' || units[e]!.unit.kind === 'stop'
  if (width > options.measurePt + EPS && closeLike) {
    width = measureLine(units, s, e, options, {first, compressEnd: true}).naturalPt
    compressEnd = true
  }
  const fit = fitOf(width, lineGaps(units, s, e), e === units.length - 1, compressEnd, options)
  if (!fit.feasible || width <= options.measurePt + EPS) return fit
  // Squeezed: only where every break from the end of what fits at natural width up to e is forbidden.
  let full = s
  while (full < e && measureLine(units, s, full + 1, options, {first, compressEnd: false}).naturalPt <= options.measurePt + EPS) full++
  for (let k = full; k < e; k++) if (breakPenalty(units, k, options) !== Infinity) return {feasible: false, cost: Infinity, looseness: 0, compressEnd}
  return fit
}

function fitOf(width: number, gaps: number, last: boolean, compressEnd: boolean, options: Readonly<Options>): LineFit {
  const cost = lineCost(width, gaps, last, compressEnd, options)
  if (cost === Infinity) return {feasible: false, cost, looseness: 0, compressEnd}
  const over = width - options.measurePt
  const looseness = over > EPS ? -over / gaps / options.emPt : last ? 0 : gaps === 0 ? (-over > EPS ? Infinity : 0) : Math.max(0, -over) / gaps / options.emPt
  return {feasible: true, cost, looseness, compressEnd}
}

// Note: the cost of a line of a given set width (see the file's comment); Infinity when it cannot be set.
function lineCost(width: number, gaps: number, last: boolean, compressEnd: boolean, options: Readonly<Options>): number {
  const over = width - options.measurePt
  const extra = compressEnd ? COMPRESS : 0
  if (over > options.emPt / 2 + EPS || (over > EPS && gaps === 0)) return Infinity
  if (over > EPS) return badness(-over / gaps / options.emPt, options.maxLoosenessEm) + extra
  if (last) return extra
  const slack = Math.max(0, -over)
  // Note: a line with no gap (one word, a URL's pieces) is set flush left: loose by its whole shortfall.
  if (gaps === 0) return (slack > EPS ? LOOSE + badness(slack / options.emPt, options.maxLoosenessEm) : 0) + extra
  return badness(slack / gaps / options.emPt, options.maxLoosenessEm) + extra
}

/**
 * The penalty of breaking after unit k (Infinity where a line may not break).
 * @param units shaped units
 * @param k the unit before the break
 * @param options measure and the range penalty
 */
export function breakPenalty(units: readonly ShapedUnit[], k: number, options: Readonly<Options>): number {
  if (k === units.length - 1) return 0
  if (!canBreakAfter(units, k, options.measurePt)) return Infinity
  const a = units[k]!.unit
  if (a.rangeHead) return options.rangeBreakPenalty
  if (a.kind === 'url' && units[k + 1]!.unit.url === a.url) return URL_PENALTY
  return 0
}

/**
 * Choose all the lines of a block together (see the file's comment).
 * @param units the block's shaped units
 * @param options measure, indent, em, spacing in pt; the profile's limit and range penalty
 * @returns the lines, as linebreak.ts gives them
 */
export function totalFit(units: readonly ShapedUnit[], options: Readonly<Options>): LineBreak[] {
  const n = units.length
  if (n === 0) return []
  const data = prepare(units, options)
  // Note: as Knuth and Plass do, a first pass tries only lines within the limit (few line starts, fast); a breaking
  // that costs less than LOOSE costs less than any with a loose line, so it is the answer (the profile caps the range
  // penalty far below LOOSE). Else, or when its penalties reach LOOSE, every line.
  const within = search(data, options, true)
  const path = within && within.cost < LOOSE ? within : search(data, options, false)!
  const ends: number[] = []
  for (let at = n; at > 0; at = path.from[at]!) ends.push(at)
  ends.reverse()
  let s = 0
  return ends.map((to) => {
    const e = to - 1
    const first = s === 0
    // Note: measured again with its end compressed only when it is over the measure as it stands (rare).
    const solid = measureLine(units, s, e, options, {first, compressEnd: false})
    const compressEnd = solid.naturalPt > options.measurePt + EPS
    const line = (compressEnd ? measureLine(units, s, e, options, {first, compressEnd}) : solid) as LineBreak
    line.last = e === n - 1
    line.forced = path.forced[to] === 1
    s = to
    return line
  })
}

interface Prepared {
  units: readonly ShapedUnit[]
  /** Per unit: width; width saved at half width; closing or stop; opening. */
  w: Float64Array
  halfCut: Float64Array
  closeLike: Uint8Array
  opening: Uint8Array
  /** Per unit k: the width saved when k and k + 1 share a line (adjacent marks); the space between them. */
  pairCut: Float64Array
  spaceAfter: Float64Array
  /** Whether the gap after k stretches; whether unit k is a space. */
  stretchAfter: Uint8Array
  space: Uint8Array
  penalty: Float64Array
}

function prepare(units: readonly ShapedUnit[], options: Readonly<Options>): Prepared {
  const n = units.length
  const data: Prepared = {
    units, w: new Float64Array(n), halfCut: new Float64Array(n), closeLike: new Uint8Array(n), opening: new Uint8Array(n),
    pairCut: new Float64Array(n), spaceAfter: new Float64Array(n), stretchAfter: new Uint8Array(n), space: new Uint8Array(n), penalty: new Float64Array(n),
  }
  // Per unit: Han (1), Latin or URL (2), neither (0).
  const script = new Uint8Array(n)
  for (let k = 0; k < n; k++) {
    const u = units[k]!
    const kind = u.unit.kind
    data.w[k] = u.widthPt
    data.halfCut[k] = u.widthPt - (u.halfPt ?? u.widthPt)
    data.closeLike[k] = kind === 'closing' || kind === 'stop' ? 1 : 0
    data.opening[k] = kind === 'opening' ? 1 : 0
    data.space[k] = kind === 'space' ? 1 : 0
    data.penalty[k] = breakPenalty(units, k, options)
    script[k] = kind === 'han' ? 1 : kind === 'latin' || kind === 'url' ? 2 : 0
  }
  for (let k = 0; k < n - 1; k++) {
    if (data.closeLike[k] && (data.closeLike[k + 1] || data.opening[k + 1])) data.pairCut[k] = data.halfCut[k]!
    else if (data.opening[k] && data.opening[k + 1]) data.pairCut[k] = data.halfCut[k + 1]!
    const hanLatin = (script[k] === 1 && script[k + 1] === 2) || (script[k] === 2 && script[k + 1] === 1)
    data.spaceAfter[k] = hanLatin ? options.cjkLatinSpacePt : 0
    data.stretchAfter[k] = gapStretches(units, k) ? 1 : 0
  }
  return data
}

/**
 * The least-cost path through the breaks: for each unit, where the line ending before it starts.
 * @param data the prepared units
 * @param options measure, em, limit
 * @param within only lines within the limit (none loose, none cut): undefined when no such breaking exists
 */
function search(data: Prepared, options: Readonly<Options>, within: boolean): {from: Int32Array; forced: Uint8Array; cost: number} | undefined {
  const {units, w, halfCut, closeLike, opening, pairCut, spaceAfter, stretchAfter, space, penalty} = data
  const n = units.length
  const {emPt, measurePt, maxLoosenessEm: limit} = options
  // best[s]: the least cost of the lines before a line starting at unit s; from[s]: where the line before started.
  const best = new Float64Array(n + 1).fill(Infinity)
  const from = new Int32Array(n + 1).fill(-1)
  const forced = new Uint8Array(n + 1)
  best[0] = 0
  // Note: the sums every step compares with, made once (in the interpreter a short build runs in, each sum of
  // fractions is a new heap number: issue 19), and a gap that adds nothing is not added (x + 0 is x).
  const measureEps = measurePt + EPS
  const reach = measurePt + emPt + EPS
  const loose = limit + 1e-9
  // Note: below[g]: a line of g stretching gaps narrower than this is certainly too loose (its slack over EPS and,
  // with gaps, over the limit a gap); a margin of a billionth over the rounding of each side, so the first pass's
  // test of one width against it stands for the check every end would make (slack, then two divisions).
  const below: number[] = []
  const widen = (g: number): void => {
    for (let k = below.length; k <= g; k++) below.push(measurePt - Math.max(EPS, k * emPt * loose) * (1 + 1e-9) - 1e-9)
  }
  for (let s = 0; s < n; s++) {
    if (best[s] === Infinity) continue
    const first = s === 0
    let base = first ? options.firstIndentPt : 0
    if (!first && opening[s] && options.lineStartOpening === 'half') base -= halfCut[s]!
    let gaps = 0
    let legal = false
    let fullAt = s
    let lastLegal = -1
    let e = s
    // Note: in the first pass, the line's first units are run through on their own while the line is certainly
    // too loose at every end (see the file's comment): no width there can be set within the limit, so only what a
    // later end needs is kept (where the line is full, the last legal break). Certain: the line is not the last,
    // and its slack, counted against every gap so far, is over the limit; a trailing space or a compressed end only
    // narrow a line further (this is ~3/4 of the units the pass looks at, the same additions in the same order).
    let summed = false
    if (within && !options.everyEnd) {
      for (; e < n - 1; e++) {
        if (e > s) {
          const gap = spaceAfter[e - 1]! - pairCut[e - 1]!
          if (gap !== 0) base += gap
          if (stretchAfter[e - 1]) gaps++
        }
        base += w[e]!
        if (gaps >= below.length) widen(gaps)
        if (!(base < below[gaps]!)) {
          summed = true
          break
        }
        if (fullAt === e - 1) fullAt = e
        if (penalty[e]! !== Infinity) lastLegal = e
      }
    }
    for (; e < n; e++) {
      if (summed) summed = false
      else {
        if (e > s) {
          const gap = spaceAfter[e - 1]! - pairCut[e - 1]!
          if (gap !== 0) base += gap
          if (stretchAfter[e - 1]) gaps++
        }
        base += w[e]!
      }
      // The line [s, e]: a trailing space takes no width and the gap before it none; a closing mark may go half.
      const trailingSpace = e > s && space[e] === 1
      const width0 = trailingSpace ? base - w[e]! : base
      const lineGaps = trailingSpace && stretchAfter[e - 1] ? gaps - 1 : gaps
      if (width0 <= measureEps && fullAt === e - 1) fullAt = e
      const p = penalty[e]!
      if (p !== Infinity) {
        const compress = width0 > measureEps && closeLike[e] === 1
        const width = compress ? width0 - halfCut[e]! : width0
        // Note: squeezing (push-in) only where the break at the line's natural end is forbidden (RULES.md §4).
        const squeezeOk = width <= measureEps || lastLegal < fullAt
        lastLegal = e
        const last = e === n - 1
        const over = width - measurePt
        const tooLoose = !last && over < NEG_EPS && (lineGaps === 0 || -over / lineGaps / emPt > loose)
        if (squeezeOk && !(within && tooLoose)) {
          const cost = lineCost(width, lineGaps, last, compress, options)
          if (cost !== Infinity) {
            legal = true
            const total = best[s]! + cost + p
            // Note: of equal costs the later start (s ascends), so that earlier lines are the fuller, as line by line.
            if (total <= best[e + 1]! + 1e-9 * Math.max(1, total)) {
              best[e + 1] = total
              from[e + 1] = s
              forced[e + 1] = 0
            }
          }
        }
      }
      // Note: no longer line can be within half an em of the measure (a unit's reduction is at most half an em).
      if (base > reach) break
    }
    if (!legal && !within) {
      // Note: no legal break fits: cut where the line is full, trailing spaces joining it (linebreak.ts does the same).
      let e = fullAt
      while (e + 1 < n && space[e + 1] === 1) e++
      const total = best[s]! + FORCED
      if (total < best[e + 1]!) {
        best[e + 1] = total
        from[e + 1] = s
        forced[e + 1] = 1
      }
    }
  }
  return best[n] === Infinity ? undefined : {from, forced, cost: best[n]!}
}
