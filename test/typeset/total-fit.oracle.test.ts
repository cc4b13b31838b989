/**
 * Total fit's least cost against costs computed here, independently of total-fit.ts (its lineFit, breakPenalty and
 * badness are not used): for text of Han characters and the stops `，` `。` only, on the official grid, where every
 * unit is one cell wide (checked) and a stop may go half a cell at a line's end, a line's cost follows from the file
 * comment of total-fit.ts by arithmetic on cell counts: the lines, the breaks allowed (never before a stop) and the
 * costs are enumerated below from the rules, not from the breaker's code.
 */
import {fc, test} from '@fast-check/vitest'
import {describe, expect, it} from 'vitest'
import {totalFit} from '../../scripts/typeset/total-fit.ts'
import {CELL, unitsOf} from './lines.ts'

const LIMIT = 0.12
const LOOSE = 1e7
const STOPS = new Set(['，', '。'])

// badness of a line stretched by r ems a gap: 100 (r / limit)³, and a line looser than the limit costs 10⁷ more
// (its extra badness capped at 10¹¹).
const stretched = (r: number): number => {
  const b = 100 * (r / LIMIT) ** 3
  return r <= LIMIT + 1e-9 ? b : LOOSE + Math.min(100 * b, 1e11)
}

// The cost of the line chars[s..e] at a measure of `cells` cells (Infinity when it cannot be set).
function lineCost(chars: readonly string[], s: number, e: number, cells: number): number {
  const count = e - s + 1
  const last = e === chars.length - 1
  if (count === cells + 1 && STOPS.has(chars[e]!)) {
    // Pushed in: the stop goes half a cell (1) and the other half cell is taken from the line's count - 1 gaps.
    return 100 * (0.5 / (count - 1) / LIMIT) ** 3 + 1
  }
  if (count > cells) return Infinity
  if (last) return 0
  const slack = cells - count
  // A line of one character is set flush left: loose, plus a line of one gap stretched by its shortfall.
  if (count === 1) return slack > 0 ? LOOSE + stretched(slack) : 0
  return stretched(slack / (count - 1))
}

// Every breaking of the text (a break never before a stop): the least total cost.
function leastCost(chars: readonly string[], cells: number): number {
  const memo = new Map<number, number>()
  const from = (s: number): number => {
    if (s === chars.length) return 0
    if (memo.has(s)) return memo.get(s)!
    let best = Infinity
    for (let e = s; e < chars.length; e++) {
      if (e < chars.length - 1 && STOPS.has(chars[e + 1]!)) continue
      best = Math.min(best, lineCost(chars, s, e, cells) + from(e + 1))
    }
    memo.set(s, best)
    return best
  }
  return from(0)
}

async function chosenCost(text: string, cells: number): Promise<number> {
  const {units, options} = await unitsOf(text, cells)
  for (const unit of units) {
    expect(unit.widthPt).toBeCloseTo(CELL, 9)
    if (STOPS.has(unit.unit.text)) expect(unit.halfPt).toBeCloseTo(CELL / 2, 9)
  }
  const chars = units.map((u) => u.unit.text)
  expect(chars.join('')).toBe(text)
  const lines = totalFit(units, {...options, maxLoosenessEm: LIMIT, rangeBreakPenalty: 10000})
  return lines.reduce((sum, l) => sum + lineCost(chars, l.from, l.to - 1, cells), 0)
}

describe('total fit against independently computed costs', () => {
  it('should push a stop in rather than leave a loose line (hand-computed)', async () => {
    // 5 cells: 一二三四五。 pushed in (half a cell over five gaps, 0.1 em: 100 (0.1 / 0.12)³ + 1 = 58.87…), then
    // 六七八九十 full and 一 last; pushing 五 down would stretch 一二三四 by a third of an em a gap (loose).
    const text = '一二三四五。六七八九十一'
    expect(leastCost([...text], 5)).toBeCloseTo(100 * (0.1 / 0.12) ** 3 + 1, 9)
    expect(await chosenCost(text, 5)).toBeCloseTo(100 * (0.1 / 0.12) ** 3 + 1, 9)
  })

  it('should set full lines at no cost where the text allows (hand-computed)', async () => {
    // 4 cells: 一二三， 四五六。 七 — every line full, the last free.
    expect(leastCost([...'一二三，四五六。七'], 4)).toBe(0)
    expect(await chosenCost('一二三，四五六。七', 4)).toBe(0)
  })

  const text = fc
    .array(fc.oneof({weight: 4, arbitrary: fc.constantFrom(...'质量强国建设深入实施')}, {weight: 1, arbitrary: fc.constantFrom('，', '。')}), {minLength: 1, maxLength: 30})
    .map((parts) => parts.join('').replace(/^[，。]+/u, '').replace(/([，。])[，。]+/gu, '$1'))
    .filter((t) => t.length > 0)
  test.prop([text, fc.integer({min: 3, max: 9})], {numRuns: 200})('should find the least cost of every breaking, costed here', async (t, cells) => {
    const best = leastCost([...t], cells)
    const chosen = await chosenCost(t, cells)
    expect(Math.abs(chosen - best)).toBeLessThanOrEqual(1e-9 * Math.max(1, best))
  })
})
