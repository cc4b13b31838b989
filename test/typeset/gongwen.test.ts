/**
 * The 公文 layout measured in millimetres against GB/T 9704-2012's figures (scripts/typeset/GONGWEN.md), from the
 * page model (±0.5 mm, the issue's tolerance), on the samples in source/ and on made-up sources.
 */
import {describe, expect, it} from 'vitest'
import {contextFor} from './context.ts'
import {typeset} from '../../scripts/typeset/typeset.ts'
import type {Line, Page, PageModel, Rule} from '../../scripts/typeset/page-model.ts'
import {PT_PER_MM} from '../../scripts/profile.ts'

const MM = PT_PER_MM
/** The official type area, in pt from the page's top-left corner. */
const AREA = {top: 37 * MM, left: 28 * MM, width: 156 * MM, bottom: (37 + 225) * MM}
const PITCH = (225 * MM) / 22
const CELL = (156 * MM) / 28
const TOLERANCE = 0.5 * MM

const lines = (page: Page, role?: Line['role']): Line[] => page.items.filter((i): i is Line => i.kind === 'line' && (role === undefined || i.role === role))
const rules = (page: Page): Rule[] => page.items.filter((i): i is Rule => i.kind === 'rule')
const text = (line: Line): string => line.runs.map((r) => r.text).join('')
const start = (line: Line): number => line.runs[0]!.xPt
const end = (line: Line): number => line.runs.at(-1)!.xPt + line.runs.at(-1)!.widthPt
const size = (line: Line): number => line.runs[0]!.sizePt
/** The top of a line's em box (0.88 em above the baseline) and its bottom. */
const emTop = (line: Line): number => line.baselinePt - 0.88 * size(line)
const emBottom = (line: Line): number => line.baselinePt + 0.12 * size(line)
const near = (actual: number, expected: number): void => expect(Math.abs(actual - expected), `${(actual / MM).toFixed(2)} mm vs ${(expected / MM).toFixed(2)} mm`).toBeLessThanOrEqual(TOLERANCE)

async function model(file: string): Promise<PageModel> {
  return typeset(await contextFor({file: `source/${file}.md`}))
}

async function modelOf(source: string): Promise<PageModel> {
  return typeset(await contextFor(source))
}

describe('the general format (joint notice with attachments, sealed)', async () => {
  const m = await model('gongwen-joint-notice')
  const first = m.pages[0]!
  const mark = lines(first, 'masthead').filter((l) => size(l) > 16)
  const number = lines(first, 'masthead').find((l) => text(l).includes('〔2025〕'))!
  const red = rules(first).find((r) => r.ink === 'red')!

  it('puts the mark in red, its top 35 mm under the type area, the organs stacked and 文件 beside them, centred on the stack', () => {
    const organs = mark.filter((l) => text(l) !== '文件')
    expect(organs.map(text)).toEqual(['某省市场监督管理局', '某省工业和信息化厅'])
    near(emTop(organs[0]!) - AREA.top, 35 * MM)
    expect(mark.every((l) => l.runs.every((r) => r.ink === 'red'))).toBe(true)
    const suffix = mark.find((l) => text(l) === '文件')!
    near((emTop(suffix) + emBottom(suffix)) / 2, (emTop(organs[0]!) + emBottom(organs[1]!)) / 2)
    expect(start(suffix)).toBeGreaterThan(Math.max(...organs.map(end)))
    // The whole mark (stack and suffix) is centred in the type area and no wider than it.
    near((start(organs[0]!) + end(suffix)) / 2, AREA.left + AREA.width / 2)
    expect(end(suffix) - start(organs[0]!)).toBeLessThanOrEqual(AREA.width)
  })

  it('puts the number centred two empty lines under the mark, and the red separator 4 mm under it across the type area', () => {
    near(number.yPt - Math.max(...mark.map(emBottom)), 2 * PITCH)
    near((start(number) + end(number)) / 2, AREA.left + AREA.width / 2)
    near(red.y1Pt - emBottom(number), 4 * MM)
    expect(red.y2Pt).toBe(red.y1Pt)
    near(red.x1Pt, AREA.left)
    near(red.x2Pt - red.x1Pt, 156 * MM)
  })

  it('starts the title two empty lines under the separator and the recipients 顶格 one empty line under it, with a colon', () => {
    const title = lines(first, 'title')
    near(title[0]!.yPt - red.y1Pt, 2 * PITCH)
    const recipients = lines(first, 'recipients')
    near(recipients[0]!.yPt - title.at(-1)!.yPt, 2 * PITCH)
    near(start(recipients[0]!), AREA.left)
    expect(text(recipients.at(-1)!).endsWith('：')).toBe(true)
  })

  it('lists the attachments 左空二字 with their numbers and names aligned, made from the attachments themselves', () => {
    const page = m.pages.find((p) => lines(p, 'attachment-note').length > 0)!
    const note = lines(page, 'attachment-note')
    expect(note.map(text)).toEqual(['附件：1．2025年度计量器具专项监督检查重点单位名单', '2．计量器具专项监督检查情况统计表填报说明'])
    near(start(note[0]!), AREA.left + 2 * CELL)
    near(start(note[1]!), AREA.left + 5 * CELL)
  })

  it('sets a joint sealed signature side by side with the date 右空四字 under it, and the note 左空二字 after the date', () => {
    const page = m.pages.find((p) => lines(p, 'signature').length > 0)!
    const [names, date, note] = lines(page, 'signature')
    expect(text(names!)).toBe('某省市场监督管理局某省工业和信息化厅')
    near(names!.runs[0]!.xPt + names!.runs[0]!.widthPt / 2, AREA.left + AREA.width / 4)
    expect(text(date!)).toBe('2025年3月18日')
    near(end(date!), AREA.left + AREA.width - 4 * CELL)
    expect(text(note!)).toBe('（此件公开发布）')
    near(start(note!), AREA.left + 2 * CELL)
    // Room for the seal: two empty lines between the body (the attachment list) and the names, in the page's own line
    // pitch (a page that had to take the signature block is set closer, §7.3.5.5).
    const pitch = date!.yPt - names!.yPt
    expect(pitch).toBeLessThanOrEqual(PITCH + 0.01)
    const above = lines(page).filter((l) => l.yPt < names!.yPt && l.role !== 'footer').at(-1)!
    near(names!.yPt - above.yPt, 3 * pitch)
  })

  it('bookmarks each attachment with its label and title, in page order', () => {
    const entries = m.outline.filter((e) => e.title.startsWith('附件'))
    expect(entries.map((e) => [e.title, e.level])).toEqual([['附件1 2025年度计量器具专项监督检查重点单位名单', 1], ['附件2 计量器具专项监督检查情况统计表填报说明', 1]])
    expect(m.outline.map((e) => e.page)).toEqual([...m.outline.map((e) => e.page)].sort((a, b) => a - b))
    // Every bookmark points at its line's top, also on a page set closer for the signature block.
    for (const entry of m.outline) expect(lines(m.pages[entry.page]!).some((l) => Math.abs(l.yPt - entry.yPt) < 0.01), entry.title).toBe(true)
  })

  it('opens each attachment on a new page with 附件N 顶格 and its title on the third line', () => {
    for (const [n, title] of [[1, '2025年度计量器具专项监督检查重点单位名单'], [2, '计量器具专项监督检查情况统计表填报说明']] as const) {
      const page = m.pages.find((p) => lines(p, 'attachment-label').some((l) => text(l) === `附件${n}`))!
      const label = lines(page, 'attachment-label')[0]!
      expect(lines(page).filter((l) => l.role !== 'footer')[0]).toBe(label)
      near(label.yPt, AREA.top)
      near(start(label), AREA.left)
      const heading = lines(page, 'title')[0]!
      expect(lines(page, 'title').map(text).join('')).toBe(title)
      near(heading.yPt - label.yPt, 2 * PITCH)
    }
  })

  it('puts the 版记 at the foot of the last page, an even one, between rules of 0.35 and 0.25 mm, the last on the type area\'s bottom edge', () => {
    const last = m.pages.at(-1)!
    expect(last.index % 2).toBe(0)
    const imprint = lines(last, 'imprint')
    expect(imprint.map(text)).toEqual(['抄送：国家市场监督管理总局计量司，省人民政府办公厅。', '某省市场监督管理局办公室2025年3月19日印发'])
    const [top, middle, bottom] = rules(last)
    near(bottom!.y1Pt, AREA.bottom)
    near(bottom!.widthPt, 0.35 * MM)
    near(top!.widthPt, 0.35 * MM)
    near(middle!.widthPt, 0.25 * MM)
    for (const rule of [top!, middle!, bottom!]) {
      near(rule.x1Pt, AREA.left)
      near(rule.x2Pt, AREA.left + AREA.width)
      expect(rule.ink).toBeUndefined()
    }
    // The 印发 line: the organ 左空一字 and the date 右空一字 (四号, 14 pt), just above the last rule.
    const print = imprint[1]!
    expect(size(print)).toBe(14)
    near(start(print), AREA.left + 14)
    near(end(print), AREA.left + AREA.width - 14)
    expect(print.yPt).toBeGreaterThan(middle!.y1Pt - 0.01)
    expect(imprint[0]!.yPt).toBeGreaterThan(top!.y1Pt - 0.01)
    // A page number on every page with text.
    expect(m.pages.every((p) => p.label === String(p.index))).toBe(true)
  })
})

describe('an upward request (份号, 密级, 紧急, 签发人, unsealed)', async () => {
  const m = await model('gongwen-request')
  const first = m.pages[0]!
  const head = lines(first, 'masthead')

  it('sets 份号, 密级 and 紧急 顶格 on the first three lines of the type area', () => {
    for (const [i, value] of ['000012', '秘密★1年', '加急'].entries()) {
      const line = head.find((l) => text(l) === value)!
      near(line.yPt, AREA.top + i * PITCH)
      near(start(line), AREA.left)
    }
  })

  it('sets the number 左空一字 and 签发人 右空一字 on its line, the names in 楷体', () => {
    const number = head.find((l) => text(l) === '某县市监〔2025〕21号')!
    const signer = head.find((l) => text(l) === '签发人：张某某')!
    near(start(number), AREA.left + CELL)
    expect(signer.baselinePt).toBe(number.baselinePt)
    near(end(signer), AREA.left + AREA.width - CELL)
    expect(signer.runs[0]!.font).toBe('body')
    expect(signer.runs.at(-1)!.font).toBe('heading2')
    expect(signer.runs.at(-1)!.text).toBe('张某某')
  })

  it('sets the unsealed signature: the date two cells right of the name\'s start, the longer of the two 右空二字, on the page of the body', () => {
    const [name, date] = lines(first, 'signature')
    near(start(date!), start(name!) + 2 * CELL)
    near(Math.max(end(name!), end(date!)), AREA.left + AREA.width - 2 * CELL)
    expect(lines(first, 'p').length).toBeGreaterThan(0)
  })

  it('adds an unnumbered even page for the 版记 when the text ends on an odd page', () => {
    expect(m.pages).toHaveLength(2)
    expect(m.pages[0]!.label).toBe('1')
    expect(m.pages[1]!.label).toBeUndefined()
    expect(lines(m.pages[1]!, 'footer')).toHaveLength(0)
    expect(lines(m.pages[1]!, 'imprint').map(text)).toEqual(['某县市场监督管理局办公室2025年5月6日印发'])
  })
})

describe('the letter format (函)', async () => {
  const m = await model('gongwen-letter')
  const first = m.pages[0]!

  it('puts the mark 30 mm from the paper\'s top, the red double rules 170 mm long 4 mm under it and 20 mm above the bottom edge', () => {
    const mark = lines(first, 'masthead').find((l) => size(l) > 16)!
    near(emTop(mark), 30 * MM)
    expect(text(mark)).toBe('某省市场监督管理局')
    const red = rules(first).filter((r) => r.ink === 'red').sort((a, b) => a.y1Pt - b.y1Pt)
    expect(red).toHaveLength(4)
    for (const rule of red) {
      near(rule.x2Pt - rule.x1Pt, 170 * MM)
      near((rule.x1Pt + rule.x2Pt) / 2, AREA.left + AREA.width / 2)
    }
    // Upper pair: thick over thin, its top 4 mm under the mark; lower pair: thin over thick, its bottom 20 mm above the edge.
    near(red[0]!.y1Pt - red[0]!.widthPt / 2 - emBottom(mark), 4 * MM)
    expect(red[0]!.widthPt).toBeGreaterThan(red[1]!.widthPt)
    expect(red[3]!.widthPt).toBeGreaterThan(red[2]!.widthPt)
    near(first.heightPt - (red[3]!.y1Pt + red[3]!.widthPt / 2), 20 * MM)
  })

  it('sets the number flush right under the upper rule, 7/8 of a 三号 character below it, and no page number on page 1', () => {
    const red = rules(first).filter((r) => r.ink === 'red').sort((a, b) => a.y1Pt - b.y1Pt)
    const number = lines(first, 'masthead').find((l) => text(l) === '某市监计函〔2025〕15号')!
    near(end(number), AREA.left + AREA.width)
    near(emTop(number) - (red[1]!.y1Pt + red[1]!.widthPt / 2), 14)
    expect(lines(first, 'footer')).toHaveLength(0)
  })

  it('sets its 版记 (抄送 only) at the foot of the last page without rules', () => {
    const last = m.pages.at(-1)!
    const imprint = lines(last, 'imprint')
    expect(imprint.map(text)).toEqual(['抄送：某省工业和信息化厅。'])
    near(imprint[0]!.yPt + PITCH, AREA.bottom)
    expect(rules(last).filter((r) => r.ink === undefined)).toHaveLength(0)
  })
})

describe('the minutes and order formats', () => {
  it('sets a 纪要\'s attendance 左空二字 after the body, the label in 黑体', async () => {
    const m = await model('gongwen-minutes')
    const all = m.pages.flatMap((p) => lines(p, 'attendance'))
    expect(all.map(text)).toEqual(['出席：王某某、张某某、李某某、赵某某、刘某某', '请假：陈某某', '列席：市局办公室、计量科、法规科'])
    for (const line of all) {
      near(start(line), AREA.left + 2 * CELL)
      expect(line.runs[0]!.font).toBe('heading1')
    }
  })

  it('puts an order\'s mark 20 mm under the type area, its 令号 centred two lines under it, no separator and no title', async () => {
    const m = await modelOf(`---
title: 某省人民政府令
issuer: 某省人民政府
date: 2025-02-01
kind: order
masthead:
  organs: [某省人民政府]
  suffix: 令
  number: 第12号
sealed: false
---

《某省计量监督管理办法》已经省人民政府常务会议通过，现予公布，自2025年4月1日起施行。
`)
    const first = m.pages[0]!
    const mark = lines(first, 'masthead').find((l) => size(l) > 16)!
    expect(text(mark)).toBe('某省人民政府令')
    near(emTop(mark) - AREA.top, 20 * MM)
    const number = lines(first, 'masthead').find((l) => text(l) === '第12号')!
    near(number.yPt - emBottom(mark), 2 * PITCH)
    near((start(number) + end(number)) / 2, AREA.left + AREA.width / 2)
    expect(rules(first)).toHaveLength(0)
    expect(lines(first, 'title')).toHaveLength(0)
    near(lines(first, 'p')[0]!.yPt - number.yPt, 3 * PITCH)
  })
})

describe('the signature block is never alone on a page (§7.3.5.5)', () => {
  it('keeps it on the page of the body\'s last line, however long the body, within the type area', async () => {
    for (let n = 8; n <= 26; n++) {
      for (const sealed of [true, false]) {
        const body = Array.from({length: n}, (_, i) => `第${i + 1}段正文。`).join('\n\n')
        const m = await modelOf(`---\ntitle: 关于测试的通知\nissuer: 测试机关\ndate: 2025-03-18\nkind: notice\nmasthead:\n  organs: [测试机关]\n  suffix: 文件\n  number: 测试发〔2025〕7号\nrecipients: [各有关单位]\nsealed: ${sealed}\nnote: 此件公开发布\n---\n\n${body}\n`)
        const page = m.pages.find((p) => lines(p, 'signature').length > 0)!
        expect(m.pages.filter((p) => lines(p, 'signature').length > 0), `n=${n} sealed=${sealed}`).toHaveLength(1)
        expect(lines(page, 'p').map(text), `n=${n} sealed=${sealed}`).toContain(`第${n}段正文。`)
        const last = lines(page).filter((l) => l.role !== 'footer').at(-1)!
        expect(emBottom(last)).toBeLessThanOrEqual(AREA.bottom + 0.01)
        // The 版记-less document's pages are all numbered and continuous.
        expect(m.pages.map((p) => p.index)).toEqual(m.pages.map((_, i) => i + 1))
      }
    }
  })
})

describe('a press Q&A', () => {
  it('has no masthead, no red and no imprint', async () => {
    const m = await model('samr-2022-quality-action-plan-qa')
    const items = m.pages.flatMap((p) => p.items)
    expect(items.some((i) => i.kind === 'line' && ['masthead', 'imprint', 'signature'].includes(i.role))).toBe(false)
    expect(items.some((i) => (i.kind === 'rule' ? i.ink !== undefined : i.runs.some((r) => r.ink !== undefined)))).toBe(false)
    expect(m.inks).toBeUndefined()
  })
})

describe('the samples\' page models', () => {
  it('match their readable goldens (one line per placed line and rule)', async () => {
    const {dump} = await import('../../scripts/typeset/dump.ts')
    for (const name of ['gongwen-joint-notice', 'gongwen-request', 'gongwen-letter', 'gongwen-minutes']) {
      await expect(dump(await model(name))).toMatchFileSnapshot(`../fixtures/gongwen-samples/${name}.txt`)
    }
  })
})

describe('recipients that would push the body off the first page (§7.3.2)', () => {
  it('move into the 版记, set like 抄送 above it, and the body starts on page 1', async () => {
    const many = Array.from({length: 40}, (_, i) => `第${i + 1}测试单位`).join(', ')
    const m = await modelOf(`---\ntitle: 关于测试的通知\nissuer: 测试机关\ndate: 2025-03-18\nkind: notice\nmasthead:\n  organs: [测试机关]\n  suffix: 文件\n  number: 测试发〔2025〕7号\nrecipients: [${many}]\nimprint:\n  cc: [另一机关]\n  printer: 测试机关办公室\n  printed: 2025-03-19\n---\n\n正文第一段。\n\n正文第二段。\n`)
    expect(m.pages.flatMap((p) => lines(p, 'recipients'))).toHaveLength(0)
    expect(lines(m.pages[0]!, 'p').length).toBeGreaterThan(0)
    const imprint = lines(m.pages.at(-1)!, 'imprint')
    expect(text(imprint[0]!).startsWith('主送：第1测试单位，第2测试单位')).toBe(true)
    expect(imprint.map(text).join('')).toContain('第40测试单位。抄送：另一机关。')
    expect(m.pages.at(-1)!.index % 2).toBe(0)
  })

  it('stay under the title when the body still starts on page 1', async () => {
    const m = await model('gongwen-joint-notice')
    expect(lines(m.pages[0]!, 'recipients')).toHaveLength(2)
    expect(lines(m.pages.at(-1)!, 'imprint').some((l) => text(l).startsWith('主送'))).toBe(false)
  })
})

describe('a table in a 公文\'s body', () => {
  it('starts under the masthead on the first page, and the text after it follows it', async () => {
    const m = await modelOf(`---\ntitle: 关于测试的通知\nissuer: 测试机关\ndate: 2025-03-18\nkind: notice\nmasthead:\n  organs: [测试机关]\n  suffix: 文件\n  number: 测试发〔2025〕7号\n---\n\n| 单位 | 次数 |\n| --- | --: |\n| 甲 | 1 |\n\n表后的一段正文。\n`)
    const first = m.pages[0]!
    const title = lines(first, 'title').at(-1)!
    const cells = first.items.filter((i): i is Line => i.kind === 'line' && (i.role === 'th' || i.role === 'td'))
    const tableRules = rules(first).filter((r) => r.table)
    expect(cells.length).toBeGreaterThan(0)
    for (const cell of cells) expect(cell.yPt).toBeGreaterThan(title.yPt)
    for (const rule of tableRules) expect(Math.min(rule.y1Pt, rule.y2Pt)).toBeGreaterThan(title.yPt)
    const after = lines(first, 'p').find((l) => text(l) === '表后的一段正文。')!
    expect(after.yPt).toBeGreaterThan(Math.max(...tableRules.map((r) => Math.max(r.y1Pt, r.y2Pt))) - 0.01)
  })
})
