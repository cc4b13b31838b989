/**
 * Attachments as container directives (parse/attachments.ts) and the text remark-directive would otherwise take for
 * directives: `:name` inside a sentence comes back as the exact characters of the source.
 */
import {describe, expect, it} from 'vitest'
import {VFile} from 'vfile'
import {parse} from '../../scripts/parse/processor.ts'
import {toPlainText} from '../../scripts/model/text.ts'

const HEAD = '---\ntitle: 关于测试的通知\nissuer: 测试机关\ndate: 2025-03-18\nkind: notice\nmasthead:\n  organs: [测试机关]\n  number: 测试发〔2025〕7号\n---\n\n'

async function parsed(body: string, head = HEAD) {
  const file = new VFile({path: 'source/test.md', value: head + body})
  const doc = await parse(file, 'test')
  // Note: errors only; a half-width `:` beside Chinese text is a warning (halfwidth-punctuation), not lost text.
  return {doc, messages: file.messages.filter((m) => m.fatal).map(String)}
}

describe('attachments', () => {
  it('become the document\'s numbered attachments with their titles and blocks, after the body', async () => {
    const {doc, messages} = await parsed('正文。\n\n:::attachment{title="名单"}\n一、甲。\n\n## 二、乙\n:::\n\n:::attachment{title="说明"}\n说明的正文。\n:::\n')
    expect(messages).toEqual([])
    expect(doc!.children).toHaveLength(1)
    expect(doc!.attachments!.map((a) => [a.number, a.id, a.title, a.children.map((b) => b.type)])).toEqual([
      [1, 'attachment-1', '名单', ['paragraph', 'heading']],
      [2, 'attachment-2', '说明', ['paragraph']],
    ])
  })

  it('checks the attachment\'s own text like the body\'s (an image inside is refused)', async () => {
    const {doc, messages} = await parsed('正文。\n\n:::attachment{title="名单"}\n![图](a.png)\n:::\n')
    expect(doc).toBeUndefined()
    expect(messages.join('\n')).toContain('An image is not supported')
  })

  it('keeps text that looks like a text directive exactly as written', async () => {
    const body = '比例为3:2，标准号ISO:abc，另见:note[注]{a=1}与mailto:x。\n'
    const {doc, messages} = await parsed(body)
    expect(messages).toEqual([])
    expect(toPlainText(doc!).trim()).toBe(`关于测试的通知\n${body.trim()}`)
  })

  it('keeps a press Q&A without any directive exactly as before', async () => {
    const {doc, messages} = await parsed('导语:abc。\n\n## 一、问题？\n\n答：回答。\n', '---\ntitle: 答记者问\nissuer: 测试机关\ndate: 2025-03-18\nkind: press-qa\n---\n\n')
    expect(messages).toEqual([])
    expect(doc!.attachments).toBeUndefined()
    expect(toPlainText(doc!)).toContain('导语:abc。')
  })
})
