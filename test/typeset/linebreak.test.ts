import {describe, expect, it} from 'vitest'
import {canBreakAfter, linebreak, measureLine} from '../../scripts/typeset/linebreak.ts'
import {advances} from '../../scripts/typeset/shape.ts'
import {CELL, font, setText, unitsOf} from './lines.ts'

const texts = (lines: {text: string}[]): string[] => lines.map((l) => l.text)
const HAN28 = '质量强国建设深入实施质量提升行动进一步提高产品工程和服务'

describe('linebreak (scripts/typeset/RULES.md §8)', () => {
  it('should keep 2022—2025 whole unless that leaves a line looser than the limit, then break only after —', async () => {
    const text = '……（2022—2025年）》答记者问'
    // Note: below 6 cells `2025年）》` is wider than a line and is cut where it is full (a forced line).
    for (let cells = 6; cells <= 20; cells++) {
      const lines = await setText(text, cells)
      expect(texts(lines).join('')).toBe(text)
      for (const l of lines) expect(l.text[0]).not.toMatch(/[—）》]/)
      if (lines.some((l) => l.text.includes('2022—2025'))) continue
      expect(lines.some((l) => l.text.endsWith('2022—'))).toBe(true)
      // The same paragraph with a range never broken: some line is looser than 0.12 em, or no line holds the range.
      const whole = await setText(text, cells, {rangeBreakPenalty: 1e13})
      const loose = whole.some((l) => !l.last && (l.gaps === 0 ? l.widthPt < cells * CELL - 0.01 : l.gapPt / CELL > 0.12 + 1e-9))
      expect(loose || !whole.some((l) => l.text.includes('2022—2025'))).toBe(true)
    }
    for (let cells = 11; cells <= 20; cells++) expect(texts(await setText(text, cells)).some((t) => t.includes('2022—2025'))).toBe(true)
  })

  it('should never split an ISO date 2024-01-15, while 3-5 is a range that may break after its dash', async () => {
    const text = '本办法于2024-01-15起施行，有效期3-5年。'
    for (let cells = 12; cells <= 20; cells++) {
      const lines = await setText(text, cells)
      expect(texts(lines).join('')).toBe(text)
      expect(lines.some((l) => l.text.includes('2024-01-15'))).toBe(true)
    }
    const {units} = await unitsOf(text, 20)
    expect(units.map((u) => u.unit.text)).toContain('2024-01-15')
    const head = units.findIndex((u) => u.unit.text === '3-')
    expect(units[head]!.unit.pieces.map((p) => p.text)).toEqual(['3', '-'])
    expect(units[head]!.unit.rangeHead).toBe(true)
    expect(units[head + 1]!.unit.text).toBe('5')
  })

  it('should set 。” at 1.5 em inside a line', async () => {
    const {units, options} = await unitsOf('持续提升质量管理水平。”二、', 12)
    const line = measureLine(units, 0, 11, options, {first: true, compressEnd: false})
    expect(line.widthsPt[10]! + line.widthsPt[11]!).toBeCloseTo(1.5 * CELL, 6)
  })

  it('should push 。” in at the measure end rather than start a line with ”', async () => {
    const lines = await setText('持续提升质量管理水平。”二、', 11)
    expect(texts(lines)).toEqual(['持续提升质量管理水平。”', '二、'])
    expect(lines[0]!.widthPt).toBeCloseTo(11 * CELL, 2)
  })

  it('should move —— whole when it falls across the measure', async () => {
    const lines = await setText('这是一个要求——即刻', 7)
    expect(texts(lines)).toEqual(['这是一个要求', '——即刻'])
  })

  it('should shape —— with fwid as one 2-em line', async () => {
    const lines = await setText('要求——即', 10)
    const dash = lines.flatMap((l) => l.runs).find((r) => r.text === '——')!
    expect(dash.features).toEqual(['fwid'])
    expect(dash.widthPt).toBeCloseTo(32, 6)
  })

  it('should put narrow quotes in full em cells, the glyph on its ink side', async () => {
    const lines = await setText('“标龄”偏长', 10, {key: 'heading2'})
    const runs = lines[0]!.runs
    const open = runs.find((r) => r.text.startsWith('“'))!
    const close = runs.find((r) => r.text.includes('”'))!
    const wenkai = (await font('heading2')).font
    const before = close.text.slice(0, close.text.indexOf('”'))
    const closeX = close.xPt + advances(wenkai, before).reduce((a, b) => a + b * 16 / wenkai.unitsPerEm + close.characterSpacingPt, 0)
    expect(open.xPt).toBeCloseTo(CELL - 0.35 * 16, 2)
    expect(closeX).toBeCloseTo(3 * CELL, 2)
  })

  it('should keep 9.6% one unit with a quarter em each side', async () => {
    const {units, options} = await unitsOf('提高到9.6%以上', 20)
    expect(units.map((u) => u.unit.text)).toEqual(['提', '高', '到', '9.6%', '以', '上'])
    const line = measureLine(units, 0, 5, options, {first: true, compressEnd: false})
    expect(line.spacesPt).toEqual([0, 0, 0, CELL / 4, CELL / 4, 0])
  })

  it('should compress 》， and never start a line with ，', async () => {
    const {units, options} = await unitsOf('《行动方案》，', 10)
    expect(measureLine(units, 0, 6, options, {first: true, compressEnd: false}).widthsPt[5]).toBeCloseTo(CELL / 2, 6)
    const lines = await setText('《行动方案》，好', 6)
    expect(texts(lines)).toEqual(['《行动方案》，', '好'])
  })

  it('should break ISO 9001 only at its space, a quarter em before 认', async () => {
    const {units, options} = await unitsOf('ISO 9001认证', 20)
    expect(units.map((u) => u.unit.text)).toEqual(['ISO', ' ', '9001', '认', '证'])
    expect([0, 1, 2].map((k) => canBreakAfter(units, k, options.measurePt))).toEqual([false, true, true])
    expect(measureLine(units, 0, 4, options, {first: true, compressEnd: false}).spacesPt[3]).toBe(CELL / 4)
  })

  it('should keep 。 after 28 Han characters at half width, squeezing the gaps', async () => {
    const lines = await setText(`${HAN28}。再`, 28)
    expect(texts(lines)).toEqual([`${HAN28}。`, '再'])
    expect(lines[0]!.widthPt).toBeCloseTo(28 * CELL, 2)
    expect(lines[0]!.gapPt).toBeCloseTo(-CELL / 2 / 28, 6)
  })

  it('should push the last Han character down with 》。 when push-in is not enough', async () => {
    const lines = await setText(`${HAN28}》。`, 28)
    expect(texts(lines)).toEqual([HAN28.slice(0, 27), `${HAN28.slice(27)}》。`])
    expect(lines[0]!.widthPt).toBeCloseTo(28 * CELL, 2)
  })

  it('should set 40 一 as lines of 28 and 12, the first flush both sides', async () => {
    const lines = await setText('一'.repeat(40), 28)
    expect(texts(lines).map((t) => t.length)).toEqual([28, 12])
    expect(lines[0]!.widthPt).toBeCloseTo(28 * CELL, 2)
    expect(lines[0]!.gapPt).toBeCloseTo(0, 6)
  })

  it('should break an 80-character URL only after / . ? & = - _', async () => {
    const url = 'https://gkml.samr.gov.cn/nsjg/zlfzj/202211/t20221110_351536.html?from=print&id=quality-plan-2022'
    let warned = 0
    const lines = await setText(url, 28, {overflow: () => warned++})
    expect(texts(lines).join('')).toBe(url)
    expect(lines.length).toBeGreaterThan(1)
    for (const l of lines.slice(0, -1)) expect(l.text.at(-1)).toMatch(/[/.?&=\-_]/)
    expect(warned).toBe(0)
  })

  it('should cut a URL piece longer than the measure and warn', async () => {
    const url = `https://example.com/${'a'.repeat(90)}`
    const warned: [number, number][] = []
    const lines = await setText(url, 28, {overflow: (s, e) => warned.push([s, e])})
    expect(texts(lines).join('')).toBe(url)
    expect(warned).toHaveLength(1)
    for (const l of lines) expect(l.widthPt).toBeLessThanOrEqual(28 * CELL + 0.01)
  })

  it('should move a URL that fits a line whole to the next line', async () => {
    const lines = await setText(`相关链接：https://example.com/a/b`, 14)
    expect(texts(lines)).toEqual(['相关链接：', 'https://example.com/a/b'])
  })

  it('should never end a line with a sequence mark alone', async () => {
    const {units, options} = await unitsOf('（一）加强质量', 20)
    expect([0, 1, 2].map((k) => canBreakAfter(units, k, options.measurePt))).toEqual([false, false, false])
    expect(canBreakAfter(units, 3, options.measurePt)).toBe(true)
  })

  it('should never end a line with an opening mark', async () => {
    const lines = await setText('一二三四五六七八九《十》', 10)
    expect(texts(lines)).toEqual(['一二三四五六七八九', '《十》'])
  })

  it('should keep a full-width line of 28 Han characters on the grid', async () => {
    const {units, options} = await unitsOf(HAN28, 28)
    const [line] = linebreak(units, options)
    expect(line!.naturalPt).toBeCloseTo(442.2, 1)
  })
})
