import {fc, test} from '@fast-check/vitest'
import {describe, expect} from 'vitest'
import {charClass, NO_LINE_END, NO_LINE_START} from '../../scripts/typeset/classes.ts'
import {CELL, setText} from './lines.ts'

const piece = fc.oneof(
  {weight: 6, arbitrary: fc.constantFrom(...'质量强国建设深入实施提升行动一二三产品工程和服务')},
  {weight: 3, arbitrary: fc.constantFrom(...'，。、；：？！（）《》“”‘’·')},
  {weight: 1, arbitrary: fc.constantFrom('——', '……', '2022—2025', '9.6%', '18', 'ISO 9001', ' ')},
  {weight: 2, arbitrary: fc.stringMatching(/^[A-Za-z0-9]{1,5}$/)},
)
// Note: up to 400 pieces (some 1,000 characters), generated at every size up to it, not fast-check's default 10.
const text = fc.array(piece, {minLength: 1, maxLength: 400, size: 'max'}).map((parts) => parts.join(''))
const cells = fc.integer({min: 8, max: 30})

describe('linebreak properties', () => {
  test.prop([text, cells], {numRuns: 100})('should give back the text exactly when the lines are joined', async (t, n) => {
    const lines = await setText(t, n)
    expect(lines.map((l) => l.text).join('')).toBe(t)
  })

  test.prop([text, cells], {numRuns: 100})('should start and end no line with a forbidden character unless no legal break exists', async (t, n) => {
    // Note: a run wider than the line (a long word) is cut where the line is full, with a warning: not checked.
    const overflows: [number, number][] = []
    const lines = await setText(t, n, {overflow: (s, e) => overflows.push([s, e])})
    let at = 0
    const starts = lines.map((l) => (at += l.text.length) - l.text.length)
    const cut = (offset: number): boolean => overflows.some(([s, e]) => offset >= s && offset <= e)
    lines.forEach((line, i) => {
      if (line.forced || lines[i - 1]?.forced) return
      if (i > 0 && !cut(starts[i]!)) expect(NO_LINE_START.has(charClass(line.text[0]!))).toBe(false)
      if (!line.last && !cut(starts[i]! + line.text.length)) expect(NO_LINE_END.has(charClass(line.text.at(-1)!))).toBe(false)
    })
  })

  test.prop([text, cells], {numRuns: 100})('should fill the measure within 0.01 pt on every line but the last', async (t, n) => {
    const lines = await setText(t, n)
    for (const line of lines.slice(0, -1)) {
      // Note: a line of one word has no gap to spread space over; it is set flush left.
      if (line.gaps === 0) continue
      expect(Math.abs(line.widthPt - n * CELL)).toBeLessThan(0.01)
    }
  })

  test.prop([text, cells], {numRuns: 100})('should let nothing overflow the measure', async (t, n) => {
    const lines = await setText(t, n)
    for (const line of lines) expect(line.widthPt).toBeLessThanOrEqual(n * CELL + 0.01)
  })
})
