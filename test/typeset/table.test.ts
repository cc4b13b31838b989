import {describe, expect, it} from 'vitest'
import {dump} from '../../scripts/typeset/dump.ts'
import {typeset} from '../../scripts/typeset/typeset.ts'
import type {Item, Line, PageModel, Rule} from '../../scripts/typeset/page-model.ts'
import {loadProfile} from '../../scripts/profile.ts'
import {NO_LINE_START, charClass} from '../../scripts/typeset/classes.ts'
import {contextFor, official, ROOT} from './context.ts'

const text = (line: Line): string => line.runs.map((run) => run.text).join('')
const isLine = (item: Item): item is Line => item.kind === 'line'
const cells = (model: PageModel): Line[] => model.pages.flatMap((page) => page.items.filter(isLine).filter((line) => line.role === 'th' || line.role === 'td'))
const HEAD = '---\ntitle: 关于测试表格的通知\nissuer: 某机关\ndate: 2025-12-20\nkind: other\n---\n\n'
const end = (line: Line): number => {
  const last = line.runs[line.runs.length - 1]!
  return last.xPt + last.widthPt
}

describe('tables', () => {
  it('should match the page-model dump of the table fixture', async () => {
    const context = await contextFor({file: 'test/fixtures/table-basic/input.md'})
    const model = typeset(context)
    expect(context.file.messages.map(String)).toEqual([])
    await expect(dump(model)).toMatchFileSnapshot('../fixtures/table-basic/pdf.txt')
  })

  it('should match the page-model dumps of a 60-row table and of a table wider than portrait', async () => {
    for (const name of ['table-long', 'table-wide']) {
      const context = await contextFor({file: `test/fixtures/${name}/input.md`})
      const model = typeset(context)
      expect(context.file.messages.map(String)).toEqual([])
      await expect(dump(model)).toMatchFileSnapshot(`../fixtures/${name}/pdf.txt`)
    }
  })

  it('should keep the line rules inside cells: no closing mark or stop starts a cell line, numbers stay whole', async () => {
    for (const name of ['table-basic', 'table-long', 'table-wide']) {
      const model = typeset(await contextFor({file: `test/fixtures/${name}/input.md`}))
      for (const line of cells(model)) {
        const first = String.fromCodePoint(text(line).codePointAt(0)!)
        expect(NO_LINE_START.has(charClass(first)), `${name}: ${text(line)}`).toBe(false)
      }
      for (const line of cells(model).filter((l) => l.role === 'td')) expect(text(line)).not.toMatch(/^[\d,.]*\d[,.]$|^[,.%]/)
    }
  })

  it('should set numbers flush right on their last digit, column by column, and centre header cells', async () => {
    const model = typeset(await contextFor({file: 'test/fixtures/table-basic/input.md'}))
    const block = cells(model)[0]!.block
    const first = cells(model).filter((l) => l.block === block && l.role === 'td')
    for (const col of [1, 2, 3, 4]) {
      const ends = first.filter((l) => l.cell!.col === col).map(end)
      expect(ends).toHaveLength(5)
      for (const e of ends) expect(e).toBeCloseTo(ends[0]!, 6)
    }
    // The text column is set from its left edge, the numbers end one padding before the column's right rule.
    const rules = model.pages[0]!.items.filter((i): i is Rule => i.kind === 'rule' && i.x1Pt === i.x2Pt).map((r) => r.x1Pt)
    const padding = 8
    const numberEnds = [1, 2, 3, 4].map((col) => end(first.find((l) => l.cell!.col === col)!))
    numberEnds.forEach((e, i) => expect(e).toBeCloseTo(rules[i + 2]! - padding, 4))
    for (const head of cells(model).filter((l) => l.block === block && l.role === 'th')) {
      const [left, right] = [rules[head.cell!.col]!, rules[head.cell!.col + 1]!]
      expect(head.runs[0]!.xPt - left, text(head)).toBeCloseTo(right - end(head), 4)
    }
  })

  it('should take the paragraph 表1 … before a table as its caption, centred above it in the level-1 heading font', async () => {
    const model = typeset(await contextFor({file: 'test/fixtures/table-basic/input.md'}))
    const captions = model.pages.flatMap((p) => p.items.filter(isLine).filter((l) => l.role === 'caption'))
    expect(captions.map(text)).toEqual(['表1 2025年度各区产品质量监督抽查情况统计', '表2 重点任务分工表'])
    for (const caption of captions) {
      expect(caption.runs.every((run) => run.font === 'heading1')).toBe(true)
      expect(caption.runs[0]!.xPt - caption.xPt).toBeCloseTo(caption.xPt + caption.measurePt - end(caption), 1)
    }
    expect(model.pages.flatMap((p) => p.items.filter(isLine).filter((l) => l.role === 'p').map(text))).not.toContain('表1 2025年度各区产品质量监督抽查情况统计')
  })

  it('should lay out a 60-row table over three pages and more, the header row at the top of each, no row split', async () => {
    const model = typeset(await contextFor({file: 'test/fixtures/table-long/input.md'}))
    const pages = model.pages.filter((page) => page.items.some((i) => isLine(i) && i.role === 'td'))
    expect(pages.length).toBeGreaterThanOrEqual(3)
    for (const page of pages.slice(1)) {
      const lines = page.items.filter(isLine).filter((l) => l.role === 'th' || l.role === 'td')
      expect(lines.slice(0, 4).map(text)).toEqual(['序号', '企业名称', '产品', '抽查结果'])
      expect(lines.slice(0, 4).every((l) => l.cell?.repeat === true)).toBe(true)
    }
    const rowPages = new Map<number, Set<number>>()
    for (const page of pages) for (const line of page.items.filter(isLine)) if (line.role === 'td') rowPages.set(line.cell!.row, (rowPages.get(line.cell!.row) ?? new Set()).add(page.index))
    expect(rowPages.size).toBe(60)
    for (const [row, on] of rowPages) expect(on.size, `row ${row + 1}`).toBe(1)
  })

  it('should keep the reading order row by row, cell by cell', async () => {
    const model = typeset(await contextFor({file: 'test/fixtures/table-long/input.md'}))
    const order = cells(model).filter((l) => !l.cell!.repeat).map((l) => [l.cell!.row, l.cell!.col] as const)
    for (let i = 1; i < order.length; i++) {
      const [a, b] = [order[i - 1]!, order[i]!]
      expect(b[0] > a[0] || (b[0] === a[0] && b[1] >= a[1]), `${a} then ${b}`).toBe(true)
    }
  })

  it('should split only a row taller than a page, between grid lines, repeating the header', async () => {
    const long = '任务'.repeat(700)
    const model = typeset(await contextFor(`${HEAD}| 序号 | 内容 |\n| --: | --- |\n| 1 | ${long} |\n| 2 | 短 |\n`))
    const row = cells(model).filter((l) => l.role === 'td' && l.cell!.row === 0 && l.cell!.col === 1)
    const pages = new Set(model.pages.filter((p) => p.items.some((i) => row.includes(i as Line))).map((p) => p.index))
    expect(pages.size).toBeGreaterThan(1)
    expect(row.map(text).join('')).toBe(long)
    for (const line of row) expect(line.yPt).toBeLessThan(model.pages[0]!.heightPt - 99)
    for (const index of [...pages].slice(1)) {
      const first = model.pages[index - 1]!.items.filter(isLine)[0]!
      expect([first.role, text(first), first.cell?.repeat]).toEqual(['th', '序号', true])
    }
  })

  it('should set an empty cell as no line and still rule it, and a one-row table', async () => {
    const model = typeset(await contextFor(`${HEAD}| 联系人 | 电话 |\n| --- | --- |\n| 王明 | |\n`))
    expect(cells(model).map(text)).toEqual(['联系人', '电话', '王明'])
    const rules = model.pages[0]!.items.filter((i): i is Rule => i.kind === 'rule')
    // Three horizontal rules (top, under the header, bottom) and three vertical ones.
    expect(rules.filter((r) => r.y1Pt === r.y2Pt)).toHaveLength(3)
    expect(rules.filter((r) => r.x1Pt === r.x2Pt)).toHaveLength(3)
    const header = typeset(await contextFor(`${HEAD}| 只有表头 | 一行 |\n| --- | --- |\n`))
    expect(cells(header).map(text)).toEqual(['只有表头', '一行'])
  })

  it('should break a URL in a cell only after its / . ? & = - _ and warn of nothing', async () => {
    const context = await contextFor(`${HEAD}| 事项 | 网址 |\n| --- | --- |\n| 公开 | https://scjgj.example.gov.cn/cjjg/2025/notice_list.html?page=2&size=50 |\n`)
    const model = typeset(context)
    expect(context.file.messages.map(String)).toEqual([])
    const url = cells(model).filter((l) => l.role === 'td' && l.cell!.col === 1).map(text)
    expect(url.length).toBeGreaterThan(1)
    expect(url.join('')).toBe('https://scjgj.example.gov.cn/cjjg/2025/notice_list.html?page=2&size=50')
    for (const piece of url.slice(0, -1)) expect(piece).toMatch(/[/.?&=\-_]$/)
  })

  it('should turn a table too wide for portrait onto pages of its own, head toward the left edge, the page number upright in place', async () => {
    const model = typeset(await contextFor({file: 'test/fixtures/table-wide/input.md'}))
    const g = (await official()).profile.geometry
    const turnedPages = model.pages.filter((p) => p.items.some((i) => i.turned))
    expect(turnedPages.length).toBeGreaterThanOrEqual(1)
    for (const page of turnedPages) {
      // Nothing but the table and the page number on a turned page.
      expect(page.items.filter((i) => !i.turned).map((i) => (isLine(i) ? i.role : i.kind))).toEqual(['footer'])
      const footer = page.items.find((i): i is Line => isLine(i) && i.role === 'footer')!
      const portrait = model.pages.find((p) => p.index % 2 === page.index % 2 && !p.items.some((i) => i.turned))
      const other = portrait?.items.find((i): i is Line => isLine(i) && i.role === 'footer')
      // Odd pages: flush right (the end in place); even pages: flush left.
      if (other) expect(page.index % 2 === 1 ? end(footer) : footer.xPt).toBeCloseTo(page.index % 2 === 1 ? end(other) : other.xPt, 6)
      // Turned: the frame's origin at the foot of the type area, its y running right from the area's left edge.
      for (const item of page.items.filter((i) => i.turned)) {
        expect(item.turned!.yPt).toBeCloseTo(g.topPt + g.areaHeightPt, 6)
        expect(item.turned!.xPt).toBeGreaterThanOrEqual(g.innerPt - 0.01)
      }
      // The header row comes first on every turned page: the table's head is at the left.
      const first = page.items.filter(isLine).find((l) => l.role === 'th' || l.role === 'td')!
      expect(first.role).toBe('th')
    }
    // The text after the table starts a new portrait page.
    const after = model.pages.find((p) => p.items.some((i) => isLine(i) && text(i).startsWith('请各单位')))!
    expect(after.items.some((i) => i.turned)).toBe(false)
  })

  it('should draw three lines in the three-line style: heavy above and below, thin under the header', async () => {
    const context = await contextFor({file: 'test/fixtures/table-basic/input.md'})
    const profile = await loadProfile('official', ROOT)
    const model = typeset(context, {profile: {...profile, table: {rules: 'three-line', ruleWidth: 0.5, heavyRuleWidth: 1}}})
    const rules = model.pages[0]!.items.filter((i): i is Rule => i.kind === 'rule')
    expect(rules.map((r) => r.widthPt)).toEqual([1, 0.5, 1])
    expect(rules.every((r) => r.y1Pt === r.y2Pt)).toBe(true)
  })

  it('should take a heading that would end a page along with the table it heads, turned with a landscape table', async () => {
    const numbers = Array.from({length: 9}, (_, i) => `${(i + 1) * 1111}`)
    const wide = `| 单位 | ${numbers.map((_, i) => `${i + 1}月`).join(' | ')} |\n| --- |${' --: |'.repeat(9)}\n| 某局 | ${numbers.join(' | ')} |\n`
    const model = typeset(await contextFor(`${HEAD}正文。\n\n## 一、统计\n\n${wide}`))
    const heading = model.pages.flatMap((p) => p.items.filter(isLine).filter((l) => l.role === 'h1').map((l) => ({page: p.index, line: l})))
    expect(heading).toHaveLength(1)
    expect(heading[0]!.line.turned).toBeDefined()
    expect(model.pages[heading[0]!.page - 1]!.items.some((i) => isLine(i) && i.role === 'th')).toBe(true)
    expect(model.outline.map((e) => e.page + 1)).toEqual([heading[0]!.page])
    const rows = Array.from({length: 19}, (_, i) => `第${i + 1}段。`).join('\n\n')
    const tall = typeset(await contextFor(`${HEAD}${rows}\n\n## 二、分工\n\n| 序号 | 任务 |\n| --: | --- |\n| 1 | ${'落实'.repeat(60)} |\n`))
    const h = tall.pages.find((p) => p.items.some((i) => isLine(i) && i.role === 'h1'))!
    expect(h.items.some((i) => isLine(i) && i.role === 'td')).toBe(true)
  })

  it('should leave no page empty around landscape tables and rows taller than a page', async () => {
    const numbers = Array.from({length: 9}, (_, i) => `${(i + 1) * 1111}`)
    const wide = `| 单位 | ${numbers.map((_, i) => `${i + 1}月`).join(' | ')} |\n| --- |${' --: |'.repeat(9)}\n| 某局 | ${numbers.join(' | ')} |\n`
    const tall = `| 序号 | 内容 |\n| --: | --- |\n| 1 | ${'任务落实，'.repeat(160)} |\n`
    for (const body of [`正文。\n\n## 一、统计\n\n${wide}\n## 二、分工\n\n表2 长行\n\n${tall}`, `## 一、统计\n\n${wide}`, `正文。\n\n${tall}\n## 一、统计\n\n${wide}`]) {
      const model = typeset(await contextFor(`${HEAD}${body}`))
      for (const page of model.pages) expect(page.items.filter((i) => !(isLine(i) && i.role === 'footer')).length, `page ${page.index}`).toBeGreaterThan(0)
    }
  })
})

