/**
 * The block templates' output goes through the source's own processor and checks (pipeline.ts renderBlocks):
 * lint of a related title is reported at its front-matter field; a character the front matter gave is not
 * reported twice.
 */
import {VFile} from 'vfile'
import {describe, expect, it} from 'vitest'
import {parse} from '../scripts/parse/processor.ts'
import {templateBlocks} from '../scripts/pipeline.ts'
import {loadTemplates} from '../scripts/templates.ts'
import {ROOT} from './root.ts'

async function messages(related: string): Promise<string[]> {
  const file = new VFile({path: 'source/t.md', value: `---\ntitle: 标题\nissuer: 机关\ndate: 2022-11-10\nkind: press-qa\nrelated:\n  - title: ${related}\n    url: https://example.gov.cn/a.html\n---\n\n正文。\n`})
  const doc = await parse(file, 't')
  expect(doc).toBeDefined()
  await templateBlocks(doc!, loadTemplates(ROOT), file)
  return file.messages.map((m) => `${m.line}:${m.column} ${m.ruleId}`)
}

describe('the block templates', () => {
  it('should lint a related title, placed at its character in the front matter', async () => {
    expect(await messages('关于测试,通知')).toEqual(['7:16 halfwidth-punctuation'])
  })

  it('should not report a character of the front matter a second time', async () => {
    expect(await messages('"关于\\u202E测试通知"')).toEqual(['7:15 bidi-control'])
  })

  it('should make the printed related lines only when an edition prints them', async () => {
    const file = new VFile({path: 'source/t.md', value: `---\ntitle: 标题\nissuer: 机关\ndate: 2022-11-10\nkind: press-qa\nrelated:\n  - title: 关于测试的通知\n    url: https://example.gov.cn/a.html\n---\n\n正文。\n`})
    const doc = await parse(file, 't')
    const templates = loadTemplates(ROOT)
    const all = await templateBlocks(doc!, templates, file)
    expect(all!.related.length).toBeGreaterThan(0)
    expect(JSON.stringify(all!.relatedPrint)).toContain('example.gov.cn/a.html')
    const web = await templateBlocks(doc!, templates, file, undefined, false)
    expect(web!.related).toEqual(all!.related)
    expect(web!.relatedPrint).toEqual([])
  })
})
