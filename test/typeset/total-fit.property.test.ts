import {fc, test} from '@fast-check/vitest'
import {describe, expect} from 'vitest'
import {charClass, NO_LINE_END, NO_LINE_START} from '../../scripts/typeset/classes.ts'
import type {ShapedUnit} from '../../scripts/typeset/shape.ts'
import {linebreak} from '../../scripts/typeset/linebreak.ts'
import {breakPenalty, lineFit, totalFit, type Options} from '../../scripts/typeset/total-fit.ts'
import {MAX_RANGE_BREAK_PENALTY} from '../../scripts/profile.ts'
import {toUnits} from '../../scripts/typeset/units.ts'
import {CELL, setText, unitsOf} from './lines.ts'
import {lineWithinLimit, UNIT_AFTER_NUMBER, withinLimitExists} from './quality.ts'

const LIMIT = 0.12
const PENALTY = 10000

const piece = fc.oneof(
  {weight: 8, arbitrary: fc.constantFrom(...'质量强国建设深入实施提升行动一二三产品工程和服务')},
  {weight: 3, arbitrary: fc.constantFrom(...'，。、；：？！（）《》“”·')},
  {weight: 2, arbitrary: fc.constantFrom('10月', '2021年', '1,286项', '15%', '5G', '1.2亿元', '300余项', '3天')},
  {weight: 2, arbitrary: fc.constantFrom('2022—2025', '2022—2025年', '3-5', '2026～2030年', '——', '……')},
  {weight: 1, arbitrary: fc.constantFrom('ISO 9001', ' ', '见https://example.com/a/b?c=d，')},
  {weight: 1, arbitrary: fc.stringMatching(/^[A-Za-z0-9]{1,6}$/)},
)
const short = fc.array(piece, {minLength: 1, maxLength: 10, size: 'max'}).map((parts) => parts.join(''))
// Note: paragraphs of up to ~3,000 characters: far past fast-check's default of 10 items.
const long = fc.array(piece, {minLength: 50, maxLength: 1500, size: 'max'}).map((parts) => parts.join(''))

const fitOptions = async (text: string, cells: number): Promise<{units: ShapedUnit[]; options: Options}> => {
  const {units, options} = await unitsOf(text, cells)
  return {units, options: {...options, maxLoosenessEm: LIMIT, rangeBreakPenalty: PENALTY}}
}

// Every legal breaking of a short paragraph, each line as the reference lineFit costs it: the least total (the
// least cost of the rest from a unit is remembered, which is what keeps trying every breaking affordable).
// Note: this oracle is not independent: it takes the breaks allowed (breakPenalty) and the line costs (lineFit) from
// total-fit.ts itself, so it proves only that the fast search finds the least total of the code's own costs, not that
// those costs are right. total-fit.oracle.test.ts checks the least cost against costs computed in the test.
function exhaustiveCost(units: readonly ShapedUnit[], options: Readonly<Options>): number {
  const n = units.length
  const memo = new Map<number, number>()
  const search = (s: number): number => {
    if (s === n) return 0
    const known = memo.get(s)
    if (known !== undefined) return known
    let best = Infinity
    for (let e = s; e < n; e++) {
      const p = breakPenalty(units, e, options)
      if (p === Infinity) continue
      const fit = lineFit(units, s, e, options)
      if (!fit.feasible) continue
      best = Math.min(best, fit.cost + p + search(e + 1))
    }
    memo.set(s, best)
    return best
  }
  return search(0)
}

// Every legal breaking of a short paragraph: is there one with every line within the limit?
function exhaustiveWithinLimit(units: readonly ShapedUnit[], options: Readonly<Options>): boolean {
  const n = units.length
  const failed = new Set<number>()
  const search = (s: number): boolean => {
    if (s === n) return true
    if (failed.has(s)) return false
    for (let e = s; e < n; e++) {
      if (e < n - 1 && breakPenalty(units, e, options) === Infinity) continue
      if (lineWithinLimit(units, s, e, options) && search(e + 1)) return true
    }
    failed.add(s)
    return false
  }
  return search(0)
}

const looseLine = (l: {last: boolean; gaps: number; gapPt: number; widthPt: number}, cells: number): boolean =>
  !l.last && (l.gaps === 0 ? l.widthPt < cells * CELL - 0.01 : l.gapPt / CELL > LIMIT + 1e-9)

// The rules of RULES.md §3 that a reader can see in the lines' text.
// Breaks inside a run wider than the line, or at its ends, are the overflow fallback's (cut where the line is full,
// with a warning) and are not checked.
function ruleBreaks(lines: readonly {text: string; forced: boolean; last: boolean}[], overflows: readonly [number, number][] = []): string[] {
  const out: string[] = []
  let at = 0
  lines.forEach((line, i) => {
    at += line.text.length
    const next = lines[i + 1]
    if (!next || line.forced || overflows.some(([s, e]) => at >= s && at <= e)) return
    const a = line.text
    const b = next.text
    if (NO_LINE_START.has(charClass(b[0]!))) out.push(`starts with ${b[0]}: ${a}|${b}`)
    if (NO_LINE_END.has(charClass(a.at(-1)!))) out.push(`ends with ${a.at(-1)}: ${a}|${b}`)
    if (/[A-Za-z0-9]$/u.test(a) && /^[A-Za-z0-9]/u.test(b) && !/https?:|www\./u.test(a)) out.push(`word or number split: ${a}|${b}`)
    // Note: `——` and `……` come in pairs; a break after an odd run of them splits one.
    if (/(?:^|[^—])(?:——)*—$/u.test(a) && b.startsWith('—')) out.push(`—— split: ${a}|${b}`)
    if (/(?:^|[^…])(?:……)*…$/u.test(a) && b.startsWith('…')) out.push(`…… split: ${a}|${b}`)
    if (/\d$/u.test(a) && UNIT_AFTER_NUMBER.test(b)) out.push(`number split from its unit: ${a}|${b}`)
    if (/\d$/u.test(a) && /^[—～\-–]\d/u.test(b)) out.push(`range split before its dash: ${a}|${b}`)
  })
  return out
}

describe('total-fit line breaking properties', () => {
  test.prop([fc.oneof(short, long), fc.integer({min: 3, max: 40}), fc.integer({min: 0, max: 4}), fc.constantFrom(0.05, LIMIT, 0.5)], {numRuns: 300})('should break as checking every end of every line does', async (t, cells, indent, limit) => {
    const {units, options} = await fitOptions(t, cells)
    const tuned = {...options, firstIndentPt: indent * CELL, maxLoosenessEm: limit}
    expect(totalFit(units, tuned)).toEqual(totalFit(units, {...tuned, everyEnd: true}))
  })

  test.prop([short, fc.integer({min: 5, max: 12})], {numRuns: 200})('should find the least cost an exhaustive search finds', async (t, cells) => {
    const {units, options} = await fitOptions(t, cells)
    const lines = totalFit(units, options)
    if (lines.some((l) => l.forced)) return
    const cost = lines.reduce((sum, l) => sum + lineFit(units, l.from, l.to - 1, options).cost + breakPenalty(units, l.to - 1, options), 0)
    const best = exhaustiveCost(units, options)
    expect(Math.abs(cost - best)).toBeLessThanOrEqual(1e-9 * Math.max(1, best))
  })

  // Note: at the profile's largest range penalty, and far above it (1e9, which the profile refuses), a range break can
  // cost more than a loose line: the first pass's breaking (lines within the limit only) is then not the answer.
  const ranged = fc.array(fc.oneof({weight: 2, arbitrary: piece}, {weight: 1, arbitrary: fc.constantFrom('2022—2025', '2026～2030年', '3-5')}), {minLength: 1, maxLength: 10, size: 'max'}).map((parts) => parts.join(''))
  test.prop([ranged, fc.integer({min: 5, max: 12}), fc.constantFrom(MAX_RANGE_BREAK_PENALTY, 1e9)], {numRuns: 300})('should find the least cost an exhaustive search finds with a large range penalty', async (t, cells, penalty) => {
    const {units, options: base} = await fitOptions(t, cells)
    const options = {...base, rangeBreakPenalty: penalty}
    const lines = totalFit(units, options)
    if (lines.some((l) => l.forced)) return
    const cost = lines.reduce((sum, l) => sum + lineFit(units, l.from, l.to - 1, options).cost + breakPenalty(units, l.to - 1, options), 0)
    const best = exhaustiveCost(units, options)
    expect(Math.abs(cost - best)).toBeLessThanOrEqual(1e-9 * Math.max(1, best))
  })

  test.prop([short, fc.integer({min: 5, max: 12})], {numRuns: 300})('should set no line looser than the limit when an exhaustive search finds a breaking that does', async (t, cells) => {
    const {units, options} = await fitOptions(t, cells)
    const lines = await setText(t, cells)
    if (lines.some((l) => l.forced)) return
    if (exhaustiveWithinLimit(units, options)) expect(lines.filter((l) => looseLine(l, cells)).map((l) => l.text)).toEqual([])
  })

  test.prop([long, fc.integer({min: 8, max: 30})], {numRuns: 30})('should keep the text and every rule of a long paragraph, and no loose line where a breaking without one exists', async (t, cells) => {
    const overflows: [number, number][] = []
    const lines = await setText(t, cells, {overflow: (s, e) => overflows.push([s, e])})
    expect(lines.map((l) => l.text).join('')).toBe(t)
    expect(ruleBreaks(lines, overflows)).toEqual([])
    for (const line of lines) expect(line.widthPt).toBeLessThanOrEqual(cells * CELL + 0.01)
    if (lines.some((l) => l.forced)) return
    const {units, options} = await fitOptions(t, cells)
    if (withinLimitExists(units, options)) expect(lines.filter((l) => looseLine(l, cells)).map((l) => l.text)).toEqual([])
  })

  test.prop([long, fc.integer({min: 8, max: 30})], {numRuns: 30})('should never cost more than the line-by-line breaker, nor set a loose line where it sets none', async (t, cells) => {
    const {units, options} = await fitOptions(t, cells)
    const greedy = linebreak(units, options)
    const total = totalFit(units, options)
    if (greedy.some((l) => l.forced) || total.some((l) => l.forced)) return
    const cost = (lines: readonly {from: number; to: number}[]): number => lines.reduce((sum, l) => sum + lineFit(units, l.from, l.to - 1, options).cost + breakPenalty(units, l.to - 1, options), 0)
    const loose = (lines: readonly {from: number; to: number}[]): number => lines.filter((l) => lineFit(units, l.from, l.to - 1, options).looseness > LIMIT + 1e-9).length
    expect(cost(total)).toBeLessThanOrEqual(cost(greedy) * (1 + 1e-9))
    if (loose(greedy) === 0) expect(loose(total)).toBe(0)
  })

  test.prop([fc.array(piece, {minLength: 1, maxLength: 40, size: 'max'}).map((p) => p.join('')), fc.integer({min: 6, max: 30})], {numRuns: 300})('should break a range after its dash only where keeping it whole leaves a line looser than the limit', async (t, cells) => {
    const overflows: [number, number][] = []
    const lines = await setText(t, cells, {overflow: (s, e) => overflows.push([s, e])})
    expect(ruleBreaks(lines, overflows)).toEqual([])
    // Note: where a number range ends its first half (`a2022—2025` is a word, a connector and a number: no range).
    const heads = new Set(toUnits(t).filter((u) => u.rangeHead).map((u) => u.end))
    const splitsRange = (set: readonly {text: string; forced: boolean}[]): boolean => {
      let at = 0
      return set.map((l) => ({forced: l.forced, end: (at += l.text.length)})).some((l) => !l.forced && heads.has(l.end))
    }
    if (!splitsRange(lines)) return
    // The same paragraph where a range breaks only to avoid cutting a line where no break is legal: a line is too
    // loose or cut, or a range still breaks (keeping them all whole needs a cut).
    const whole = await setText(t, cells, {rangeBreakPenalty: 1e13})
    expect(whole.some((l) => looseLine(l, cells) || l.forced) || splitsRange(whole)).toBe(true)
  })
})
