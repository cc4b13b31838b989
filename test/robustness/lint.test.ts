/**
 * The Chinese text lint on the seed document (clean) and on the forms it must not flag.
 */
import path from 'node:path'
import {readFileSync} from 'node:fs'
import {VFile} from 'vfile'
import {describe, expect, it} from 'vitest'
import {parse} from '../../scripts/parse/processor.ts'
import {ROOT} from './harness.ts'

const HEAD = '---\ntitle: 标题\nissuer: 机关\ndate: 2022-11-10\nkind: press-qa\n---\n\n'

async function messages(body: string): Promise<string[]> {
  const file = new VFile({path: 'source/test.md', value: HEAD + body})
  await parse(file, 'test')
  return file.messages.map((m) => `${m.line}:${m.column} ${m.ruleId}`)
}

describe('the Chinese text lint', () => {
  it('should find nothing in the seed document', async () => {
    const slug = 'samr-2022-quality-action-plan-qa'
    const file = new VFile({path: `source/${slug}.md`, value: readFileSync(path.join(ROOT, 'source', `${slug}.md`), 'utf8')})
    const doc = await parse(file, slug)
    expect(file.messages.map(String)).toEqual([])
    expect(doc).toBeDefined()
  })

  it.each([
    ['numbers and times', '数字9.6、时间10:30和比例1:2。\n'],
    ['a URL in Chinese text', '网址https://example.gov.cn/a_(b).html,c;d不算。\n'],
    ['Latin text with its own punctuation', '引用 GB/T 9704-2012 (Chinese standard), p. 3: fine.\n'],
    ['a space between Chinese and Latin', '使用 Word 文档和 PDF 文件。\n'],
    ['balanced nested brackets', '《关于〈方案〉的“说明（草案）”》。\n'],
    ['a soft wrap between Chinese characters', '这一行\n接着下一行。\n'],
    ['only standard dashes', '2022—2025年——这是破折号。\n'],
    ['a link inside quotes', '见“[通知](https://example.gov.cn/a.html)”。\n'],
  ])('should not flag %s', async (_name, body) => {
    expect(await messages(body)).toEqual([])
  })

  it.each([
    ['a half-width comma after Chinese', '中文,中文。\n', '8:3 halfwidth-punctuation'],
    ['a quote closed across a link', '“[通知](https://example.gov.cn/a.html)。\n', '8:1 unbalanced-brackets'],
    ['a space across a link boundary', '见 [通知](https://example.gov.cn/a.html)。\n', '8:2 space-between-cjk'],
    ['a lone en dash range with no em dash', '2022–2025年。\n', undefined],
  ])('should report %s as shown', async (_name, body, expected) => {
    expect(await messages(body)).toEqual(expected ? [expected] : [])
  })
})
