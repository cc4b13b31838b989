import {describe, expect, it} from 'vitest'
import {composeBooklet, CROP_MARK, inkExtent, placeColophon, placeCover, withBleed, type PageGeometry} from '../../scripts/typeset/booklet.ts'
import type {Box, Line, Page, PageModel, Rule} from '../../scripts/typeset/page-model.ts'

const mm = 72 / 25.4
const GEOMETRY: PageGeometry = {pageWidthPt: 148 * mm, pageHeightPt: 210 * mm, topPt: 20 * mm, bottomPt: 22 * mm, innerPt: 20 * mm, outerPt: 15 * mm, measurePt: 113 * mm, linePitchPt: 21.65, cellPt: 12.32, mirror: true}

function line(role: Line['role'], text: string, yPt: number, xPt = GEOMETRY.innerPt): Line {
  const widthPt = text.length * 12
  return {kind: 'line', role, block: 0, yPt, baselinePt: yPt + 10, xPt, measurePt: GEOMETRY.measurePt, last: true, runs: [{font: 'body', sizePt: 12, xPt, text, characterSpacingPt: 0, glyphs: [], widthPt}]}
}

function page(items: Page['items'] = []): Page {
  return {index: 1, widthPt: GEOMETRY.pageWidthPt, heightPt: GEOMETRY.pageHeightPt, items}
}

function text(count: number): PageModel {
  return {profile: 'booklet', pages: Array.from({length: count}, (_, i) => ({...page([line('p', `第${i + 1}页`, 60)]), index: i + 1, label: `— ${i + 1} —`})), outline: [{title: '一、', level: 1, page: 0, yPt: 60, xPt: 57}]}
}

const inside = (a: Box, b: Box) => a.xPt >= b.xPt && a.yPt >= b.yPt && a.xPt + a.widthPt <= b.xPt + b.widthPt && a.yPt + a.heightPt <= b.yPt + b.heightPt

describe('composeBooklet', () => {
  it.each([1, 2, 3, 4, 5, 6, 9])('should put the cover and a blank first and pad %i text pages to a multiple of 4', (count) => {
    const booklet = composeBooklet({cover: page(), text: text(count), colophon: page()})
    expect(booklet.pages.length % 4).toBe(0)
    expect(booklet.pages.length - (count + 3)).toBeLessThan(4)
    expect(booklet.pages.map((p) => p.index)).toEqual(booklet.pages.map((_, i) => i + 1))
    expect(booklet.pages[1]!.items).toEqual([])
    expect(booklet.pages[2]!.label).toBe('— 1 —')
    expect(booklet.pages.slice(count + 3).every((p) => p.items.length === 0)).toBe(true)
  })

  it('should move the outline with its pages', () => {
    expect(composeBooklet({cover: page(), text: text(2)}).outline[0]!.page).toBe(2)
  })
})

describe('placeCover', () => {
  it('should drop the footer, centre the title a third down and put the rest at the foot', () => {
    const cover = placeCover(page([line('title', '标题', 57), line('p', '国家市场监督管理总局', 100), line('p', '2022年11月10日', 122), line('footer', '— 1 —', 560)]), GEOMETRY)
    const lines = cover.items as Line[]
    expect(lines.map((l) => l.runs[0]!.text)).toEqual(['标题', '国家市场监督管理总局', '2022年11月10日'])
    expect(lines.every((l) => l.role === 'cover')).toBe(true)
    const centre = GEOMETRY.innerPt + GEOMETRY.measurePt / 2
    for (const l of lines) {
      const ink = inkExtent(l)
      expect((ink.startPt + ink.endPt) / 2).toBeCloseTo(centre, 6)
    }
    expect(lines[0]!.yPt).toBeLessThan(GEOMETRY.pageHeightPt / 3)
    expect(lines[1]!.yPt).toBeCloseTo(GEOMETRY.pageHeightPt - GEOMETRY.bottomPt - 3 * GEOMETRY.linePitchPt, 6)
    expect(lines[2]!.yPt - lines[1]!.yPt).toBe(22)
  })
})

describe('placeColophon', () => {
  it('should set issuer and date one character in from either edge of the mirrored type area, between two rules', () => {
    const colophon = placeColophon(line('p', '国家市场监督管理总局', 57), line('p', '2022年11月10日印发', 80), GEOMETRY, 8)
    const [top, issuer, date, bottom] = colophon.items as [Rule, Line, Line, Rule]
    const left = GEOMETRY.outerPt // page 8 is a left-hand page: the binding margin is on its right
    expect(inkExtent(issuer).startPt).toBeCloseTo(left + GEOMETRY.cellPt, 6)
    expect(inkExtent(date).endPt).toBeCloseTo(left + GEOMETRY.measurePt - GEOMETRY.cellPt, 6)
    expect(issuer.baselinePt).toBe(date.baselinePt)
    expect([top.x1Pt, top.x2Pt, bottom.x1Pt, bottom.x2Pt]).toEqual([left, left + GEOMETRY.measurePt, left, left + GEOMETRY.measurePt])
    expect(bottom.y1Pt).toBeCloseTo(GEOMETRY.pageHeightPt - GEOMETRY.bottomPt, 6)
    expect(issuer.baselinePt - 0.88 * 12).toBeGreaterThan(top.y1Pt)
    expect(issuer.baselinePt + 0.12 * 12).toBeLessThan(bottom.y1Pt)
    expect(issuer.baselinePt - 0.38 * 12).toBeCloseTo((top.y1Pt + bottom.y1Pt) / 2, 6)
  })
})

describe('placeColophon with a long issuer', () => {
  it('should put the date on a second line when issuer and date do not fit one', () => {
    const colophon = placeColophon(line('p', '国家市场监督管理总局办公厅国家标准化管理委员会', 57), line('p', '2022年11月10日印发', 80), GEOMETRY, 7)
    const [top, issuer, date, bottom] = colophon.items as [Rule, Line, Line, Rule]
    expect(date.baselinePt - issuer.baselinePt).toBeCloseTo(GEOMETRY.linePitchPt, 6)
    expect(bottom.y1Pt - top.y1Pt).toBeCloseTo(2 * GEOMETRY.linePitchPt, 6)
    expect(inkExtent(date).endPt).toBeCloseTo(GEOMETRY.innerPt + GEOMETRY.measurePt - GEOMETRY.cellPt, 6)
  })
})

describe('withBleed', () => {
  const model = composeBooklet({cover: page([line('title', '标题', 57)]), text: text(2)})

  it('should nest the trim in the bleed in the media and move the content by the margin', () => {
    const bled = withBleed(model, {bleedPt: 3 * mm, cropMarks: true})
    const margin = 3 * mm + CROP_MARK.lengthPt
    for (const p of bled.pages) {
      const media: Box = {xPt: 0, yPt: 0, widthPt: p.widthPt, heightPt: p.heightPt}
      expect(inside(p.trim!, p.bleed!)).toBe(true)
      expect(inside(p.bleed!, media)).toBe(true)
      expect(p.trim).toEqual({xPt: margin, yPt: margin, widthPt: GEOMETRY.pageWidthPt, heightPt: GEOMETRY.pageHeightPt})
      expect(p.bleed!.widthPt - p.trim!.widthPt).toBeCloseTo(6 * mm, 6)
    }
    expect((bled.pages[0]!.items[0] as Line).yPt).toBeCloseTo(57 + margin, 6)
  })

  it('should draw eight crop marks per page outside the bleed, on the trim edges, none touching the trim', () => {
    const bled = withBleed(model, {bleedPt: 3 * mm, cropMarks: true})
    for (const p of bled.pages) {
      const marks = p.items.filter((i): i is Rule => i.kind === 'rule')
      expect(marks).toHaveLength(8)
      const trim = p.trim!
      const bleed = p.bleed!
      for (const m of marks) {
        const onVerticalEdge = m.x1Pt === m.x2Pt && (m.x1Pt === trim.xPt || m.x1Pt === trim.xPt + trim.widthPt)
        const onHorizontalEdge = m.y1Pt === m.y2Pt && (m.y1Pt === trim.yPt || m.y1Pt === trim.yPt + trim.heightPt)
        expect(onVerticalEdge || onHorizontalEdge).toBe(true)
        for (const [x, y] of [[m.x1Pt, m.y1Pt], [m.x2Pt, m.y2Pt]] as const) {
          const inBleed = x > bleed.xPt + 1e-6 && x < bleed.xPt + bleed.widthPt - 1e-6 && y > bleed.yPt + 1e-6 && y < bleed.yPt + bleed.heightPt - 1e-6
          expect(inBleed).toBe(false)
          expect(x >= 0 && y >= 0 && x <= p.widthPt + 1e-6 && y <= p.heightPt + 1e-6).toBe(true)
        }
      }
    }
  })

  it('should grow the media by the bleed only, without crop marks', () => {
    const bled = withBleed(model, {bleedPt: 3 * mm, cropMarks: false})
    expect(bled.pages[0]!.widthPt).toBeCloseTo(154 * mm, 6)
    expect(bled.pages[0]!.bleed).toEqual({xPt: 0, yPt: 0, widthPt: bled.pages[0]!.widthPt, heightPt: bled.pages[0]!.heightPt})
    expect(bled.pages[0]!.items.some((i) => i.kind === 'rule')).toBe(false)
  })
})
