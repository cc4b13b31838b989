import {readFileSync} from 'node:fs'
import {VFile} from 'vfile'
import {describe, expect, it} from 'vitest'
import {parse} from '../../scripts/parse/processor.ts'
import {toPlainText} from '../../scripts/model/text.ts'

import {inRoot} from '../root.ts'
const slug = 'samr-2022-quality-action-plan-qa'

function place(p: {start: {line: number; column: number}; end: {line: number; column: number}}): string {
  return `${p.start.line}:${p.start.column}-${p.end.line}:${p.end.column}`
}

async function load(value: string, path = 'source/test.md') {
  const file = new VFile({path, value})
  const doc = await parse(file, 'test')
  return {file, doc}
}

const HEAD = '---\ntitle: 标题\nissuer: 机关\ndate: 2022-11-10\nkind: press-qa\n---\n\n'

describe('the document model', () => {
  it('should match the snapshot of the seed document', async () => {
    const file = new VFile({path: `source/${slug}.md`, value: readFileSync(inRoot('source', `${slug}.md`), 'utf8')})
    const doc = await parse(file, slug)
    expect(file.messages.map(String)).toEqual([])
    // Note: positions are written as `line:column-line:column` so the golden stays readable.
    const compact = (key: string, value: unknown) => (key === 'position' && value && typeof value === 'object' ? place(value as never) : value)
    await expect(`${JSON.stringify(doc, compact, 2)}\n`).toMatchFileSnapshot(`../fixtures/${slug}/model.json`)
  })

  it('should carry the source wording into the plain text exactly', async () => {
    const value = readFileSync(inRoot('source', `${slug}.md`), 'utf8')
    const {doc} = await load(value, `source/${slug}.md`)
    const body = value.split('\n---\n')[1]!.replace(/^## /gm, '').replace(/\s+/g, '')
    const text = toPlainText(doc!).split('\n').slice(1).join('').replace(/\s+/g, '')
    expect(text).toBe(body)
  })

  it('should split the 答： lead-in off an answer and keep its text', async () => {
    const {doc} = await load(`${HEAD}## 一、问题？\n\n答：回答。\n`)
    const answer = doc!.children[1]!
    if (answer.type === 'table') throw new Error('expected a paragraph')
    expect(answer.children.map((c) => [c.type, 'value' in c ? c.value : ''])).toEqual([['lead', '答：'], ['text', '回答。']])
  })

  it('should give question headings stable ids by position', async () => {
    const {doc} = await load(`${HEAD}## 一、甲？\n\n### （一）乙\n\n## 二、丙？\n`)
    expect(doc!.children.map((b) => (b.type === 'heading' ? [b.level, b.id] : null))).toEqual([[1, 'q1'], [2, 'q1-1'], [1, 'q2']])
  })

  it('should join a soft-wrapped Chinese line without a space', async () => {
    const {doc} = await load(`${HEAD}第一行\n第二行，ISO\n9001认证。\n`)
    expect(toPlainText(doc!).split('\n')[1]).toBe('第一行第二行，ISO 9001认证。')
  })

  it('should join a wrap beside a Han character beyond U+FFFF (𬘩) without a space', async () => {
    const {doc} = await load(`${HEAD}张𬘩\n𬘩同志。\n`)
    expect(toPlainText(doc!).split('\n')[1]).toBe('张𬘩𬘩同志。')
  })

  it('should report a missing title at the front matter with file, line and column', async () => {
    const {file, doc} = await load('---\nissuer: 机关\ndate: 2022-11-10\nkind: press-qa\n---\n\n正文。\n')
    expect(doc).toBeUndefined()
    expect(file.messages.map((m) => `${m.line}:${m.column} ${m.ruleId} ${m.reason}`)).toEqual(['1:1 frontmatter-invalid Front-matter field `title` is required: add it'])
  })

  it('should report a bad date at its value', async () => {
    const {file} = await load('---\ntitle: 标题\nissuer: 机关\ndate: 2022-13-40\nkind: press-qa\n---\n\n正文。\n')
    expect(file.messages.map((m) => `${m.line}:${m.column} ${m.ruleId}`)).toEqual(['4:7 frontmatter-invalid'])
  })

  it('should reject raw HTML in the body, not drop it', async () => {
    const {file, doc} = await load(`${HEAD}<script>alert(1)</script>\n`)
    expect(doc).toBeUndefined()
    expect(file.messages.map((m) => `${m.line}:${m.column} ${m.ruleId}`)).toEqual(['8:1 unknown-node'])
  })
})
