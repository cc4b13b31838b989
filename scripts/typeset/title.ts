/**
 * Titles broken by sense into a balanced shape (RULES.md §6): candidates before 关于/就/（/《,
 * after 》; never split a 《…》 name that fits a line, a number range or a word (words.ts: a break inside one costs
 * WORD_BREAK, more than any shape, so it happens only when no title of words fits); never leave 的/和/与/及
 * or an opening mark at a line end. The front matter's `title` list always wins.
 */
import {TITLE_NO_END} from './classes.ts'
import {wordBoundaries} from './words.ts'
import {canBreakAfter, lineWidth, type Options as BreakOptions} from './linebreak.ts'
import type {ShapedUnit} from './shape.ts'

/** The cost of a title break inside a word: above any sum of shape costs of a title of five lines. */
export const WORD_BREAK = 10_000

const NOT_FIRST = {first: false, compressEnd: false}

/** What a title's break search weighs (see {@link titleCosts}). */
export interface TitleCosts {
  /** Natural width of units s..e on one line (memoised). */
  width(s: number, e: number): number
  /** The cost of breaking after unit k (Infinity: never). */
  breakCost(k: number): number
  /** The cost of the lines' shape, from their widths. */
  shapeCost(lines: readonly number[]): number
}

/**
 * The costs a title's lines are chosen by: where a break may fall and what it costs, and how balanced lines are.
 * @param units the title's shaped units
 * @param options measure and spacing (no indent)
 */
export function titleCosts(units: readonly ShapedUnit[], options: Readonly<BreakOptions>): TitleCosts {
  const n = units.length
  const text = units.map((u) => u.unit.text)
  const widths = new Map<number, number>()
  const width = (s: number, e: number): number => {
    const key = s * 4096 + e
    let w = widths.get(key)
    if (w === undefined) widths.set(key, (w = lineWidth(units, s, e, options, NOT_FIRST)))
    return w
  }
  // Names 《…》 that fit one line: a break inside them is not allowed.
  const protectedNames: [number, number][] = []
  for (let i = 0; i < n; i++) {
    if (text[i] !== '《') continue
    let depth = 0
    for (let j = i; j < n; j++) {
      if (text[j] === '《') depth++
      if (text[j] === '》' && --depth === 0) {
        if (width(i, j) <= options.measurePt) protectedNames.push([i, j])
        break
      }
    }
  }
  const costs = new Map<number, number>()
  // Note: segmented only when a break is weighed by words (a title that fits one line is not).
  let words: Set<number> | undefined
  const offset = units[0]?.unit.start ?? 0
  const rawBreakCost = (k: number): number => {
    if (!canBreakAfter(units, k, options.measurePt)) return Infinity
    if (TITLE_NO_END.has(text[k]!) || units[k]!.unit.kind === 'opening' || units[k]!.unit.rangeHead) return Infinity
    if (protectedNames.some(([a, b]) => k >= a && k < b)) return Infinity
    const next = text.slice(k + 1, k + 3).join('')
    if (next.startsWith('关于') || next.startsWith('《') || next.startsWith('（')) return 0
    if (text[k] === '》') return 0
    if (next.startsWith('就')) return 4
    words ??= wordBoundaries(text.join(''))
    return words.has(units[k]!.unit.end - offset) ? 40 : WORD_BREAK
  }
  return {
    width,
    breakCost(k) {
      let c = costs.get(k)
      if (c === undefined) costs.set(k, (c = rawBreakCost(k)))
      return c
    },
    shapeCost: (lines) => shapeCost(lines, options.emPt),
  }
}

/**
 * Choose where a title breaks: the indices of the units each line ends after.
 * @param units the title's shaped units
 * @param options measure and spacing (no indent)
 * @returns the unit index ranges [from, to) of each line
 */
export function breakTitle(units: readonly ShapedUnit[], options: Readonly<BreakOptions>): {from: number; to: number}[] {
  const n = units.length
  const {width, breakCost, shapeCost: linesCost} = titleCosts(units, options)
  if (width(0, n - 1) <= options.measurePt + 0.001) return [{from: 0, to: n}]
  let best: {cost: number; cuts: number[]} | undefined
  // Note: branch and bound, longest lines first, so that a good answer is found early and bounds the rest. The
  // answer is the cheapest; among equal costs, the first in the order of cut positions (the order a search from
  // the shortest lines would meet them), so the result does not depend on the order of the search.
  const better = (total: number, cuts: readonly number[]): boolean => {
    if (!best || total < best.cost - 1e-9) return true
    if (total > best.cost + 1e-9) return false
    for (let i = 0; i < Math.min(cuts.length, best.cuts.length); i++) if (cuts[i] !== best.cuts[i]) return cuts[i]! < best.cuts[i]!
    return cuts.length < best.cuts.length
  }
  const search = (start: number, cuts: number[], cost: number, lines: number[]): void => {
    // Every cut costs 20 in the total and the shape cost is never negative; the rest needs ⌈width / measure⌉ lines.
    const rest = width(start, n - 1)
    const fits = rest <= options.measurePt + 0.001
    if (best && cost + 20 * (cuts.length + (fits ? 0 : Math.max(1, Math.ceil(rest / options.measurePt - 0.001) - 1))) > best.cost + 1e-9) return
    if (fits) {
      const all = [...lines, rest]
      const total = cost + linesCost(all) + 20 * (all.length - 1)
      if (better(total, cuts)) best = {cost: total, cuts: [...cuts]}
      return
    }
    if (cuts.length >= 4) return
    let last = start - 1
    while (last + 1 < n - 1 && width(start, last + 1) <= options.measurePt + 0.001) last++
    for (let k = last; k >= start; k--) {
      const c = breakCost(k)
      if (c === Infinity) continue
      search(k + 1, [...cuts, k], cost + c, [...lines, width(start, k)])
    }
  }
  search(0, [], 0, [])
  return lineRanges(best?.cuts ?? [], n)
}

/**
 * Lines as unit ranges from the units they end after.
 * @param cuts the units lines end after, ascending
 * @param n how many units
 * @returns the ranges [from, to) of each line
 */
export function lineRanges(cuts: readonly number[], n: number): {from: number; to: number}[] {
  const out: {from: number; to: number}[] = []
  let from = 0
  for (const k of cuts) {
    out.push({from, to: k + 1})
    from = k + 1
  }
  out.push({from, to: n})
  return out
}

// Note: balance (梯形: each line no longer than the one above; 菱形: the middle line longest), in ems.
function shapeCost(lines: readonly number[], emPt: number): number {
  const ems = lines.map((w) => w / emPt)
  const max = Math.max(...ems)
  let cost = ems.reduce((a, w) => a + ((max - w) ** 2) / 4, 0)
  const trapezoid = ems.every((w, i) => i === 0 || w <= ems[i - 1]! + 0.01)
  const diamond = ems.length === 3 && ems[1]! >= ems[0]! && ems[1]! >= ems[2]!
  if (!trapezoid && !diamond) cost += 25
  return cost
}
