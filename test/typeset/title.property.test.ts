import {fc, test} from '@fast-check/vitest'
import {describe, expect} from 'vitest'
import {TITLE_NO_END} from '../../scripts/typeset/classes.ts'
import {canBreakAfter, measureLine, type Options as BreakOptions} from '../../scripts/typeset/linebreak.ts'
import type {ShapedUnit} from '../../scripts/typeset/shape.ts'
import {breakTitle} from '../../scripts/typeset/title.ts'
import {unitsOf} from './lines.ts'

// The exhaustive search breakTitle had before its bound: every cut sequence, shortest lines first, the first
// cheapest kept. The bounded search must choose the same lines.
function exhaustive(units: readonly ShapedUnit[], options: Readonly<BreakOptions>): {from: number; to: number}[] {
  const n = units.length
  const text = units.map((u) => u.unit.text)
  const width = (s: number, e: number): number => measureLine(units, s, e, options, {first: false, compressEnd: false}).naturalPt
  if (width(0, n - 1) <= options.measurePt + 0.001) return [{from: 0, to: n}]
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
  const breakCost = (k: number): number => {
    if (!canBreakAfter(units, k, options.measurePt)) return Infinity
    if (TITLE_NO_END.has(text[k]!) || units[k]!.unit.kind === 'opening') return Infinity
    if (protectedNames.some(([a, b]) => k >= a && k < b)) return Infinity
    const next = text.slice(k + 1, k + 3).join('')
    if (next.startsWith('关于') || next.startsWith('《') || next.startsWith('（')) return 0
    if (text[k] === '》') return 0
    if (next.startsWith('就')) return 4
    return 40
  }
  const shapeCost = (lines: readonly number[]): number => {
    const ems = lines.map((w) => w / options.emPt)
    const max = Math.max(...ems)
    let cost = ems.reduce((a, w) => a + ((max - w) ** 2) / 4, 0)
    const trapezoid = ems.every((w, i) => i === 0 || w <= ems[i - 1]! + 0.01)
    const diamond = ems.length === 3 && ems[1]! >= ems[0]! && ems[1]! >= ems[2]!
    if (!trapezoid && !diamond) cost += 25
    return cost
  }
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
  if (!best) return [{from: 0, to: n}]
  const out: {from: number; to: number}[] = []
  let from = 0
  for (const k of best.cuts) {
    out.push({from, to: k + 1})
    from = k + 1
  }
  out.push({from, to: n})
  return out
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
})
