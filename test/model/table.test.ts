import {VFile} from 'vfile'
import {unified} from 'unified'
import remarkParse from 'remark-parse'
import type {Root} from 'mdast'
import {describe, expect, it} from 'vitest'
import {parse} from '../../scripts/parse/processor.ts'
import remarkZhibanTable from '../../scripts/parse/table.ts'
import {columnAligns, numericColumns} from '../../scripts/model/table.ts'
import type {Table} from '../../scripts/model/types.ts'

const HEAD = '---\ntitle: 标题\nissuer: 机关\ndate: 2022-11-10\nkind: other\n---\n\n'

async function load(body: string) {
  const file = new VFile({path: 'source/test.md', value: HEAD + body})
  const doc = await parse(file, 'test')
  return {file, doc, messages: file.messages.map(String)}
}

describe('tables in the model', () => {
  it('should read a GFM table with its alignments, header and rows, and the 表1 paragraph before it as its caption', async () => {
    const {doc, messages} = await load('前文。\n\n表1 2025年度检查情况统计\n\n| 单位 | 检查次数 | 说明 |\n| :-- | --: | :-: |\n| 某局 | 1,286 | 已完成 |\n| 某处 |  | [通知](https://example.gov.cn/a) |\n')
    expect(messages).toEqual([])
    expect(doc!.children.map((b) => b.type)).toEqual(['paragraph', 'table'])
    const table = doc!.children[1] as Table
    expect(table.caption?.children).toMatchObject([{type: 'text', value: '表1 2025年度检查情况统计'}])
    expect(table.caption?.position?.start.line).toBe(10)
    expect(table.align).toEqual(['left', 'right', 'center'])
    expect(table.head.map((c) => c.children.map((i) => (i.type === 'text' ? i.value : '')).join(''))).toEqual(['单位', '检查次数', '说明'])
    expect(table.rows).toHaveLength(2)
    expect(table.rows[1]![1]!.children).toEqual([])
    expect(table.rows[1]![2]!.children[0]).toMatchObject({type: 'link', url: 'https://example.gov.cn/a'})
    expect(numericColumns(table)).toEqual([false, true, false])
    expect(columnAligns(table)).toEqual(['left', 'right', 'center'])
  })

  it('should right-align a numeric column with no alignment of its own and leave a paragraph that is no caption alone', async () => {
    const {doc} = await load('表格如下。\n\n| 项目 | 比例 | 编号 |\n| --- | --- | --- |\n| 甲 | 9.6% | A-1 |\n| 乙 | -12.5% | B-2 |\n')
    expect(doc!.children.map((b) => b.type)).toEqual(['paragraph', 'table'])
    const table = doc!.children[1] as Table
    expect(table.caption).toBeUndefined()
    expect(columnAligns(table)).toEqual(['left', 'right', 'left'])
  })

  it('should take as a caption only 表 followed by a number', async () => {
    for (const [caption, taken] of [['表2-1 各单位联系人', true], ['表３ 全角数字', true], ['表格说明如下', false], ['表一 汉字数字', false]] as const) {
      const {doc} = await load(`${caption}\n\n| a | b |\n| - | - |\n| c | d |\n`)
      expect(doc!.children.map((b) => b.type), caption).toEqual(taken ? ['table'] : ['paragraph', 'table'])
    }
  })

  it('should refuse block content and markup in a cell, naming its place', async () => {
    const {doc, messages} = await load('| 项目 | 说明 |\n| --- | --- |\n| *甲* | 一<br>二 |\n| ![图](a.png) | `代码` |\n')
    expect(doc).toBeUndefined()
    expect(messages).toEqual([
      'source/test.md:10:3-10:6: Emphasis (`*…*`) in a table cell: a cell holds inline text only (plain text and links); write the cell as one run of text, or put the content in a paragraph after the table',
      'source/test.md:10:10-10:14: A line break (`<br>`) in a table cell: a cell holds inline text only (plain text and links); write the cell as one run of text, or put the content in a paragraph after the table',
      'source/test.md:11:3-11:14: An image in a table cell: a cell holds inline text only (plain text and links); write the cell as one run of text, or put the content in a paragraph after the table',
      'source/test.md:11:17-11:21: Inline code in a table cell: a cell holds inline text only (plain text and links); write the cell as one run of text, or put the content in a paragraph after the table',
    ])
  })

  it('should read every other GFM syntax as before: strikethrough and bare addresses stay text, task lists and footnotes are refused', async () => {
    const plain = unified().use(remarkParse)
    const withTables = unified().use(remarkParse).use(remarkZhibanTable)
    const source = '~~删除~~线和 https://example.gov.cn/ 和 www.example.gov.cn 留作文字。\n\n- [ ] 任务\n\n脚注[^1]。\n\n[^1]: 内容。\n'
    const strip = (tree: Root) => JSON.parse(JSON.stringify(tree, (key, value) => (key === 'position' ? undefined : value)))
    expect(strip(withTables.parse(source))).toEqual(strip(plain.parse(source)))
    const {doc, messages} = await load(source)
    expect(doc).toBeUndefined()
    expect(messages.map((m) => m.replace(/^source\/test\.md:(\d+:\d+).*?: /, '$1 '))).toEqual([
      '10:1 A list is not supported by the editions: write it as paragraphs or `##` headings',
      '12:3 A footnote (`[^1]`) is not supported by the editions: put the note\'s text in the paragraph, in （）',
      '14:1 A footnote is not supported by the editions: write it as paragraphs or `##` headings',
    ])
    const ok = await load('~~删除~~线和 https://example.gov.cn/ 留作文字。\n')
    expect(ok.messages.filter((m) => !m.includes('halfwidth') && !m.includes('space'))).toEqual([])
    expect(ok.doc!.children[0]).toMatchObject({type: 'paragraph', children: [{type: 'text', value: '~~删除~~线和 https://example.gov.cn/ 留作文字。'}]})
  })

  it('should refuse a row with more cells than the table has columns, and read a short row as ending in empty cells', async () => {
    const {messages} = await load('| 项目 | 数量 |\n| --- | --: |\n| 甲 | 1 | 多余 |\n')
    expect(messages).toEqual(['source/test.md:10:9-10:15: This row has 3 cells but the table has 2 columns: remove the extra `|` or add a column to the header and delimiter rows'])
    const {doc} = await load('| 项目 | 数量 |\n| --- | --: |\n| 甲 |\n')
    expect((doc!.children[0] as Table).rows[0]!.map((cell) => cell.children.length)).toEqual([1, 0])
  })
})

