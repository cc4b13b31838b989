import {fc, test} from '@fast-check/vitest'
import {describe, expect} from 'vitest'
import type {Options as BreakOptions} from '../../scripts/typeset/linebreak.ts'
import type {ShapedUnit} from '../../scripts/typeset/shape.ts'
import {breakTitle, lineRanges, titleCosts, WORD_BREAK} from '../../scripts/typeset/title.ts'
import {unitsOf} from './lines.ts'

// The exhaustive search breakTitle had before its bound, on the same costs: every cut sequence, shortest lines
// first, the first cheapest kept. The bounded search must choose the same lines.
function exhaustive(units: readonly ShapedUnit[], options: Readonly<BreakOptions>, wordsOnly = false): {from: number; to: number}[] | undefined {
  const n = units.length
  const costs = titleCosts(units, options)
  const {width, shapeCost} = costs
  const breakCost = (k: number): number => (wordsOnly && costs.breakCost(k) >= WORD_BREAK ? Infinity : costs.breakCost(k))
  if (width(0, n - 1) <= options.measurePt + 0.001) return [{from: 0, to: n}]
  let best: {cost: number; cuts: number[]} | undefined
  const search = (start: number, cuts: number[], cost: number, lines: number[]): void => {
    if (width(start, n - 1) <= options.measurePt + 0.001) {
      const all = [...lines, width(start, n - 1)]
      const total = cost + shapeCost(all) + 20 * (all.length - 1)
      if (!best || total < best.cost - 1e-9) best = {cost: total, cuts: [...cuts]}
      return
    }
    if (cuts.length >= 4) return
    for (let k = start; k < n - 1 && width(start, k) <= options.measurePt + 0.001; k++) {
      const c = breakCost(k)
      if (c !== Infinity) search(k + 1, [...cuts, k], cost + c, [...lines, width(start, k)])
    }
  }
  search(0, [], 0, [])
  if (wordsOnly && !best) return undefined
  return lineRanges(best?.cuts ?? [], n)
}

const piece = fc.oneof(
  {weight: 8, arbitrary: fc.constantFrom(...'质量强国建设深入实施提升行动产品工程服务通知意见办法')},
  {weight: 3, arbitrary: fc.constantFrom('关于', '就', '的', '和', '与', '及', '《', '》', '（', '）', '、', '2022—2025年')},
)
const title = fc.array(piece, {minLength: 12, maxLength: 60}).map((parts) => parts.join(''))

describe('title break properties', () => {
  test.prop([title, fc.integer({min: 10, max: 22})], {numRuns: 150})('should choose the lines the exhaustive search chooses', async (t, cells) => {
    const {units, options} = await unitsOf(t, cells)
    expect(breakTitle(units, options)).toEqual(exhaustive(units, options))
  })

  test.prop([title, fc.integer({min: 10, max: 22})], {numRuns: 150})('should break only between words (Intl.Segmenter) when a title of words exists', async (t, cells) => {
    const {units, options} = await unitsOf(t, cells)
    if (!exhaustive(units, options, true)) return
    const bounds = new Set([...new Intl.Segmenter('zh', {granularity: 'word'}).segment(t)].map((s) => s.index))
    for (const {to} of breakTitle(units, options).slice(0, -1)) expect(bounds.has(units[to - 1]!.unit.end)).toBe(true)
  })
})
