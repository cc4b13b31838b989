import {describe, expect, it} from 'vitest'
import {dump} from '../../scripts/typeset/dump.ts'
import {typeset} from '../../scripts/typeset/typeset.ts'
import type {Line} from '../../scripts/typeset/page-model.ts'
import {contextFor, layoutInputFor} from './context.ts'

const SEED = 'source/samr-2022-quality-action-plan-qa.md'
const lines = (model: ReturnType<typeof typeset>): Line[] => model.pages.flatMap((p) => p.items.filter((i): i is Line => i.kind === 'line'))

describe('typeset', () => {
  it('should match the page-model dump of the fixture', async () => {
    const context = await contextFor({file: 'test/fixtures/typeset-basic/input.md'})
    await expect(dump(typeset(context))).toMatchFileSnapshot('../fixtures/typeset-basic/pdf.txt')
  })

  it('should match the page-model dump of the seed document', async () => {
    const context = await contextFor({file: SEED})
    await expect(dump(typeset(context))).toMatchFileSnapshot('../fixtures/samr-2022-quality-action-plan-qa/pdf.txt')
  })

  it('should break the seed title into three balanced lines by sense', async () => {
    const model = typeset(await contextFor({file: SEED}))
    const title = lines(model).filter((l) => l.role === 'title').map((l) => l.runs.map((r) => r.text).join(''))
    expect(title).toEqual(['市场监管总局有关司局负责同志就', '《进一步提高产品、工程和服务质量行动方案', '（2022—2025年）》答记者问'])
  })

  it('should let the front matter fix the title lines', async () => {
    const context = await contextFor('---\ntitle: [关于质量工作的, 通知]\nissuer: 某机关\ndate: 2022-11-10\nkind: other\n---\n\n正文。\n')
    const title = lines(typeset(context)).filter((l) => l.role === 'title').map((l) => l.runs.map((r) => r.text).join(''))
    expect(title).toEqual(['关于质量工作的', '通知'])
  })

  it('should hold 22 grid lines a page and 28 Han characters on a full body line', async () => {
    const model = typeset(await contextFor({file: SEED}))
    for (const page of model.pages) expect(page.items.filter((i) => i.kind === 'line' && i.role !== 'footer').length).toBeLessThanOrEqual(22)
    const full = lines(model).filter((l) => l.role === 'p' && !l.last).map((l) => l.runs.map((r) => r.text).join(''))
    expect(full.some((t) => /^[\p{Script=Han}，。、；：？！“”《》（）]{28}$/u.test(t))).toBe(true)
  })

  it('should never end a page with a heading', async () => {
    const model = typeset(await contextFor({file: SEED}))
    for (const page of model.pages) {
      const body = page.items.filter((i): i is Line => i.kind === 'line' && i.role !== 'footer')
      expect(body.at(-1)!.role).not.toMatch(/^h/)
    }
  })

  it('should number odd pages at the right and even pages at the left, one character in', async () => {
    const context = await contextFor({file: SEED})
    const model = typeset(context)
    const g = context.profile.geometry
    for (const page of model.pages) {
      const footer = page.items.find((i): i is Line => i.kind === 'line' && i.role === 'footer')!
      const run = footer.runs[0]!
      expect(run.text).toBe(`— ${page.index} —`)
      expect(run.sizePt).toBe(14)
      expect(footer.yPt).toBeCloseTo(g.topPt + g.areaHeightPt + 7 * 72 / 25.4, 6)
      if (page.index % 2 === 1) expect(run.xPt + run.widthPt).toBeCloseTo(g.innerPt + g.measurePt - 14, 6)
      else expect(run.xPt).toBeCloseTo(g.innerPt + 14, 6)
    }
  })

  it('should report one missing-glyph per occurrence at its source place (UTF-16 columns, across a soft break)', async () => {
    const context = await layoutInputFor('---\ntitle: 标题\nissuer: 某机关\ndate: 2022-11-10\nkind: other\n---\n\n第一\n段𠀀文字𠀀。\n')
    typeset(context)
    const messages = context.file.messages.filter((m) => m.ruleId === 'missing-glyph')
    expect(messages.map((m) => `${m.line}:${m.column} ${m.actual}`)).toEqual(['9:2 𠀀', '9:6 𠀀'])
  })
})
