/**
 * Headings carried to the next page ahead of a table keep their bookmarks: every carried heading's outline entry
 * moves with its line (`一、` then `（一）`), in the page model and in the PDF's outline.
 */
import {execFileSync} from 'node:child_process'
import {mkdirSync, writeFileSync} from 'node:fs'
import path from 'node:path'
import {describe, expect, it} from 'vitest'
import {typeset} from '../../scripts/typeset/typeset.ts'
import type {Item, Line} from '../../scripts/typeset/page-model.ts'
import {writePdfEdition} from '../../scripts/write/pdf.ts'
import {contextFor, ROOT} from './context.ts'

const HEAD = '---\ntitle: 关于测试表格的通知\nissuer: 某机关\ndate: 2025-12-20\nkind: other\n---\n\n'
const isLine = (item: Item): item is Line => item.kind === 'line'
const text = (line: Line): string => line.runs.map((run) => run.text).join('')

describe('headings carried ahead of a table', () => {
  it('should move the outline entry of every carried heading to the page and line it is drawn on', async () => {
    const rows = Array.from({length: 17}, (_, i) => `第${i + 1}段。`).join('\n\n')
    const source = `${HEAD}${rows}\n\n## 一、统计\n\n### （一）分工\n\n| 序号 | 任务 |\n| --: | --- |\n| 1 | 落实 |\n| 2 | 检查 |\n`
    const context = await contextFor(source)
    const model = typeset(context)
    const heads = model.pages.flatMap((p) => p.items.filter(isLine).filter((l) => l.role === 'h1' || l.role === 'h2').map((line) => ({page: p.index, line})))
    expect(heads.map((h) => text(h.line))).toEqual(['一、统计', '（一）分工'])
    // Note: the case is a carry: both headings open a page after the first, which ends with a paragraph.
    expect(heads.every((h) => h.page === heads[0]!.page && h.page > 1)).toBe(true)
    const before = model.pages[heads[0]!.page - 2]!.items.filter(isLine).filter((l) => l.role !== 'footer')
    expect(before[before.length - 1]!.role).toBe('p')
    const expected = heads.map((h) => `${text(h.line)} ${h.page} ${h.line.xPt.toFixed(2)} ${h.line.yPt.toFixed(2)}`)
    expect(model.outline.map((e) => `${e.title} ${e.page + 1} ${e.xPt.toFixed(2)} ${e.yPt.toFixed(2)}`)).toEqual(expected)

    const dir = path.join(ROOT, 'test', 'artifacts', 'carry-outline')
    mkdirSync(dir, {recursive: true})
    const file = path.join(dir, 'carry.pdf')
    writeFileSync(file, Buffer.from((await writePdfEdition(context))[0]!.bytes))
    const show = execFileSync('mutool', ['show', file, 'outline'], {encoding: 'utf8'})
    const found = show.split('\n').filter(Boolean).map((line) => {
      const m = /"(.*)"\s+#page=(\d+)&zoom=[\d.]+,([\d.]+),([\d.]+)/.exec(line)!
      return `${m[1]} ${m[2]} ${Number(m[3]).toFixed(2)} ${Number(m[4]).toFixed(2)}`
    })
    expect(found).toEqual(expected)
  })
})
