/**
 * A table inside a 公文's attachment (附件): its caption and rows on the attachment's pages, after 附件N and the
 * title; a wide one turned landscape with 附件N and the title turned along on its first page; the 版记 after it.
 */
import {describe, expect, it} from 'vitest'
import {contextFor} from './context.ts'
import {typeset} from '../../scripts/typeset/typeset.ts'
import type {Line, Page, PageModel} from '../../scripts/typeset/page-model.ts'
import {PT_PER_MM} from '../../scripts/profile.ts'

const MM = PT_PER_MM
const AREA = {top: 37 * MM, left: 28 * MM, width: 156 * MM, height: 225 * MM}
const PITCH = (225 * MM) / 22

const lines = (page: Page, role?: Line['role']): Line[] => page.items.filter((i): i is Line => i.kind === 'line' && (role === undefined || i.role === role))
const text = (line: Line): string => line.runs.map((r) => r.text).join('')
const pageOf = (m: PageModel, label: string): number => m.pages.findIndex((p) => lines(p, 'attachment-label').some((l) => text(l) === label))

const HEAD = '---\ntitle: 关于测试的通知\nissuer: 测试机关\ndate: 2025-03-18\nkind: notice\nmasthead:\n  organs: [测试机关]\n  number: 测试发〔2025〕7号\nimprint:\n  cc: [另一机关]\n  printer: 测试机关办公室\n  printed: 2025-03-19\n---\n\n正文一段。\n\n'
const numbers = ['1,234', '2,345', '3,456', '4,567', '5,678', '6,789', '7,890', '8,901', '9,012']
const WIDE = `| 单位 | ${numbers.map((_, i) => `${i + 1}月`).join(' | ')} |\n| --- |${' --: |'.repeat(9)}\n| 某局 | ${numbers.join(' | ')} |\n| 另一局 | ${numbers.join(' | ')} |\n`

describe('a table inside an attachment', () => {
  it('sets the sample\'s 附件1 table on the attachment\'s page: caption and rows after 附件N and the title, upright', async () => {
    const m = typeset(await contextFor({file: 'source/gongwen-joint-notice.md'}))
    const at = pageOf(m, '附件1')
    expect(at).toBeGreaterThan(0)
    const page = m.pages[at]!
    const label = lines(page, 'attachment-label')[0]!
    expect(Math.abs(label.yPt - AREA.top)).toBeLessThan(0.5 * MM)
    expect(Math.abs(label.runs[0]!.xPt - AREA.left)).toBeLessThan(0.5 * MM)
    const title = lines(page, 'title').at(-1)!
    const caption = lines(page, 'caption')
    expect(caption.map(text)).toEqual(['表1 重点单位及检查安排'])
    expect(caption[0]!.yPt).toBeGreaterThan(title.yPt)
    const cells = page.items.filter((i): i is Line => i.kind === 'line' && (i.role === 'th' || i.role === 'td'))
    expect(cells.map(text)).toEqual(expect.arrayContaining(['序号', '某市东城农贸市场', '某县视康眼镜店']))
    for (const cell of cells) {
      expect(cell.yPt).toBeGreaterThan(caption[0]!.yPt)
      expect(cell.turned).toBeUndefined()
    }
    // Its rows are that page's, none on 附件2's; its block number is its own (after the body's), not the body's tables'.
    const rows = m.pages.flatMap((p, i) => lines(p, 'td').map(() => i))
    expect(new Set(rows)).toEqual(new Set([at]))
    expect(new Set(cells.map((c) => c.block)).size).toBe(1)
    expect(cells[0]!.block).toBeGreaterThanOrEqual(0)
    // The text of 附件2 still opens its own page.
    expect(pageOf(m, '附件2')).toBe(at + 1)
  })

  it('keeps two attachment tables apart: each its own block number, its own caption', async () => {
    const m = typeset(await contextFor(`${HEAD}:::attachment{title="甲表"}\n表1 甲\n\n| 单位 | 次数 |\n| --- | --: |\n| 甲 | 1 |\n:::\n\n:::attachment{title="乙表"}\n表2 乙\n\n| 单位 | 次数 |\n| --- | --: |\n| 乙 | 2 |\n:::\n`))
    const captions = m.pages.flatMap((p) => lines(p, 'caption'))
    expect(captions.map(text)).toEqual(['表1 甲', '表2 乙'])
    expect(captions[0]!.block).not.toBe(captions[1]!.block)
    expect(m.pages.indexOf(m.pages.find((p) => lines(p, 'caption').includes(captions[1]!))!)).toBe(pageOf(m, '附件2'))
  })

  it('turns a wide table landscape, 附件N top-left and the title centred over it on the same turned page, and the 版记 after it upright', async () => {
    const m = typeset(await contextFor(`${HEAD}:::attachment{title="各局月度统计"}\n表1 各局月度统计\n\n${WIDE}:::\n`))
    const at = pageOf(m, '附件')
    const page = m.pages[at]!
    const label = lines(page, 'attachment-label')[0]!
    const title = lines(page, 'title')[0]!
    const caption = lines(page, 'caption')[0]!
    const cells = lines(page, 'td')
    expect(cells.length).toBeGreaterThan(0)
    // Everything on the attachment's page is turned: no portrait page holds 附件 alone.
    for (const line of [label, title, caption, ...cells]) expect(line.turned, text(line)).toBeDefined()
    // In the turned frame: 附件 at its top-left, the title two lines under it, centred across the frame's width.
    expect(label.yPt).toBeCloseTo(0, 3)
    expect(Math.abs(label.runs[0]!.xPt)).toBeLessThan(0.5)
    expect(label.xPt).toBeCloseTo(0, 3)
    expect(title.yPt - label.yPt).toBeCloseTo(2 * PITCH, 3)
    const mid = (line: Line): number => (line.runs[0]!.xPt + line.runs.at(-1)!.xPt + line.runs.at(-1)!.widthPt) / 2
    expect(Math.abs(mid(title) - AREA.height / 2)).toBeLessThan(1)
    // One empty line after the title, then the caption.
    expect(caption.yPt - title.yPt).toBeCloseTo(2 * PITCH, 3)
    // The 版记 on a later, upright, even page.
    const last = m.pages.at(-1)!
    expect(m.pages.indexOf(last)).toBeGreaterThan(at)
    expect(last.index % 2).toBe(0)
    for (const line of lines(last, 'imprint')) expect(line.turned).toBeUndefined()
    expect(lines(last, 'imprint').length).toBeGreaterThan(0)
  })

  it('leaves 附件N upright on its page when text comes before the wide table', async () => {
    const m = typeset(await contextFor(`${HEAD}:::attachment{title="各局月度统计"}\n说明一段。\n\n${WIDE}:::\n`))
    const at = pageOf(m, '附件')
    const label = lines(m.pages[at]!, 'attachment-label')[0]!
    expect(label.turned).toBeUndefined()
    expect(lines(m.pages[at]!, 'p').map(text)).toEqual(['说明一段。'])
    expect(lines(m.pages[at + 1]!, 'td').every((l) => l.turned)).toBe(true)
  })
})
