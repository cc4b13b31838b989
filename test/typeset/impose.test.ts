import {describe, expect, it} from 'vitest'
import {formatImposition, impose, paddedPageCount, sheetFor, type SheetSide} from '../../scripts/typeset/impose.ts'

const COUNTS = Array.from({length: 33}, (_, i) => i + 1)

/**
 * Print, stack, fold and read: a physical mock-up independent of the imposition formula.
 *
 * Each sheet lies face up with its front showing; the half at x > 0 carries front.right and, since
 * a short-edge duplex flip turns the sheet about a vertical axis, back.left on its underside; the
 * half at x < 0 carries front.left on top and back.right underneath. The printed sheets are stacked
 * face up with sheet 1 on top, then the stack is folded along x = 0, the x < 0 halves going under
 * (so sheet 1 ends up outermost). Reading the booklet leaf by leaf from the top (the cover) gives
 * each leaf's upper face, then its lower face.
 */
function foldAndRead(sides: readonly SheetSide[]): (number | null)[] {
  const sheets = new Map<number, {front?: SheetSide; back?: SheetSide}>()
  for (const side of sides) {
    const entry = sheets.get(side.sheet) ?? {}
    entry[side.side] = side
    sheets.set(side.sheet, entry)
  }
  type Half = {up: number | null; down: number | null}
  // Halves as physical objects: x > 0 half and x < 0 half of every sheet, outermost sheet first.
  const order = [...sheets.keys()].sort((a, b) => a - b)
  const plusHalves: Half[] = order.map((n) => ({up: sheets.get(n)!.front!.right, down: sheets.get(n)!.back!.left}))
  const minusHalves: Half[] = order.map((n) => ({up: sheets.get(n)!.front!.left, down: sheets.get(n)!.back!.right}))
  // Folding the x < 0 halves under turns each over (up ↔ down) and reverses their stacking order.
  const folded: Half[] = [...plusHalves, ...minusHalves.reverse().map((h) => ({up: h.down, down: h.up}))]
  return folded.flatMap((leaf) => [leaf.up, leaf.down])
}

describe('impose', () => {
  it('should impose 8 pages as 8|1 2|7 and 6|3 4|5', () => {
    expect(formatImposition(impose(8))).toBe(['sheet 1 front 8 | 1', 'sheet 1 back  2 | 7', 'sheet 2 front 6 | 3', 'sheet 2 back  4 | 5', ''].join('\n'))
  })

  it.each(COUNTS)('should place every page of %i exactly once, blanks only at the end', (count) => {
    const sides = impose(count)
    const padded = paddedPageCount(count)
    expect(padded % 4).toBe(0)
    expect(padded - count).toBeLessThan(4)
    expect(sides).toHaveLength(padded / 2)
    const placed = sides.flatMap((s) => [s.left, s.right])
    const pages = placed.filter((p): p is number => p !== null).sort((a, b) => a - b)
    expect(pages).toEqual(Array.from({length: count}, (_, i) => i))
    expect(placed.filter((p) => p === null)).toHaveLength(padded - count)
  })

  it.each(COUNTS)('should read %i pages in order once folded, then the blanks', (count) => {
    const read = foldAndRead(impose(count))
    const padded = paddedPageCount(count)
    expect(read).toEqual([...Array.from({length: count}, (_, i) => i), ...Array.from({length: padded - count}, () => null)])
  })

  it('should number sheets from 1 with front before back', () => {
    expect(impose(12).map((s) => `${s.sheet}${s.side}`)).toEqual(['1front', '1back', '2front', '2back', '3front', '3back'])
  })

  it('should take a page model as well as a count', () => {
    const model = {profile: 'booklet', outline: [], pages: Array.from({length: 5}, (_, i) => ({index: i + 1, widthPt: 1, heightPt: 1, items: []}))}
    expect(impose(model)).toEqual(impose(5))
  })

  it('should refuse a count that is not a positive integer', () => {
    expect(() => impose(0)).toThrow(RangeError)
    expect(() => impose(2.5)).toThrow(RangeError)
  })

  it('should impose A5 on A4, 16开 on A3 and 大32开 on A4', () => {
    const mm = 72 / 25.4
    expect(sheetFor(148 * mm, 210 * mm).name).toBe('A4')
    expect(sheetFor(185 * mm, 260 * mm).name).toBe('A3')
    expect(sheetFor(140 * mm, 203 * mm).name).toBe('A4')
    expect(sheetFor(300 * mm, 400 * mm)).toMatchObject({name: 'custom', widthPt: 600 * mm, heightPt: 400 * mm})
  })
})
