// The benchmark's Typst peer sets the same text: every character of a document reaches Typst's output as written,
// none turns into Typst markup or code (scripts/peers/typst-source.ts).
import {createRequire} from 'node:module'
import {describe, expect, it} from 'vitest'
import type {Document} from '../../scripts/model/types.ts'
import {typstSource} from '../../scripts/peers/typst-source.ts'

const require = createRequire(import.meta.url)
const {NodeCompiler} = require('@myriaddreamin/typst-ts-node-compiler') as typeof import('@myriaddreamin/typst-ts-node-compiler')

const hostile = ['#panic("x")', 'a\\"b', '*强调* _斜_ `代码` $x$', '<b>&amp;</b> @ref', '] [ ) (', '= 标题', '- 列表', '// 注释 /* 块', 'https://example.com/a?b=1&c=2']

function doc(): Document {
  const text = (value: string) => ({type: 'text' as const, value})
  return {
    type: 'document',
    slug: 'x',
    meta: {title: hostile.join('｜'), issuer: '机关"\\', date: '2026-11-30', kind: 'press-qa', lang: 'zh-CN', related: [], keywords: []},
    children: [
      {type: 'heading', level: 1, id: 'q1', children: [text(hostile[0]!)]},
      ...hostile.map((value) => ({type: 'paragraph' as const, children: [text(value)]})),
      {type: 'paragraph', children: [{type: 'link', url: 'https://example.com/"x"', children: [text('链接#1')]}]},
      {type: 'table', align: [null, null], head: [{children: [text('甲#')]}, {children: [text('乙]')]}], rows: [[{children: [text('1"')]}, {children: [text('\\2')]}]]},
    ],
  }
}

describe('the Typst peer source', () => {
  it('hands every text to Typst as text', () => {
    const out = NodeCompiler.create().tryHtml({mainFileContent: typstSource(doc(), {body: 'Noto Serif SC', heading: 'Noto Sans SC'})})
    if (!out.result) out.printErrors()
    const html = out.result!.html()
    const decode = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&')
    const text = decode(html.replace(/<[^>]*>/g, ''))
    for (const value of [...hostile, '机关"\\', '链接#1', '甲#', '乙]', '1"', '\\2']) expect(text).toContain(value)
    expect(html).not.toContain('<strong>')
    expect(html).toContain('href="https://example.com/&quot;x&quot;"')
  })
})
