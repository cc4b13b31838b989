import {strFromU8} from 'fflate'
import mammoth from 'mammoth'
import {describe, expect, it} from 'vitest'
import {toPlainText} from '../../../scripts/model/text.ts'
import {buildDocx, prettyPart, ROOT, unpack} from './build.ts'

const FIXTURE = 'test/fixtures/docx-basic/input.md'
const GOLDEN = `${ROOT}test/fixtures/docx-basic/docx/`
const built = buildDocx(FIXTURE)

describe('writeDocxEdition', () => {
  it('should name the file after the slug', async () => {
    expect((await built).name).toBe('input.docx')
  })

  for (const part of ['word/document.xml', 'word/styles.xml', 'word/settings.xml', 'word/footer1.xml', 'word/footer2.xml', 'word/fontTable.xml', 'docProps/core.xml', 'docProps/app.xml']) {
    it(`should write ${part} as the golden says`, async () => {
      await expect(prettyPart((await built).bytes, part)).toMatchFileSnapshot(`${GOLDEN}${part}`)
    })
  }

  it('should give mammoth back the exact text, paragraph by paragraph', async () => {
    const {bytes, doc} = await built
    const {value} = await mammoth.extractRawText({buffer: Buffer.from(bytes)})
    const paragraphs = value.split('\n').filter((line) => line !== '')
    const related = ['相关链接：关于印发《进一步提高产品、工程和服务质量行动方案（2022—2025年）》的通知']
    expect(paragraphs).toEqual([...toPlainText(doc).split('\n'), ...related])
  })

  it('should let mammoth find the headings as headings and the link as a link', async () => {
    const {bytes} = await built
    const styleMap = ["p[style-name='Title'] => h1.title:fresh", "p[style-name='heading 1'] => h2:fresh", "p[style-name='heading 2'] => h3:fresh", "p[style-name='相关链接'] => p.related:fresh", "r[style-name='答语'] => strong"]
    const {value, messages} = await mammoth.convertToHtml({buffer: Buffer.from(bytes)}, {styleMap})
    expect(messages.filter((message) => message.type === 'warning')).toEqual([])
    expect([...value.matchAll(/<(h\d)[^>]*>(.*?)<\/\1>/g)].map((match) => `${match[1]} ${match[2]}`)).toEqual([
      'h1 市场监管总局有关司局负责人就《方案》答记者问',
      'h2 一、《方案》出台的背景是什么？',
      'h3 （一）总体要求',
      'h2 二、《方案》的主要内容有哪些？',
    ])
    expect(value).toContain('<p><strong>答：</strong>2017年9月')
    expect(value).toContain('<a href="https://www.samr.gov.cn/zw/zfxxgk/fdzdgknr/zljds/art/2023/art_1.html">')
  })

  it('should write the page number as a PAGE field between em dashes, never as static text', async () => {
    const {bytes} = await built
    for (const footer of ['word/footer1.xml', 'word/footer2.xml']) {
      const xml = strFromU8(unpack(bytes).get(footer)!)
      expect(xml).toMatch(/<w:t xml:space="preserve">— <\/w:t>.*<w:instrText xml:space="preserve">PAGE<\/w:instrText>.*<w:t xml:space="preserve"> —<\/w:t>/)
    }
  })

  it('should give Word a 28 × 22 Word grid when the profile asks for linesAndChars', async () => {
    const {bytes} = await buildDocx(FIXTURE, (profile) => ({...profile, docx: {...profile.docx, grid: 'linesAndChars'}}))
    const document = strFromU8(unpack(bytes).get('word/document.xml')!)
    const styles = strFromU8(unpack(bytes).get('word/styles.xml')!)
    expect(document).toContain('<w:docGrid w:type="linesAndChars" w:linePitch="579" w:charSpace="-841"/>')
    expect(styles).not.toMatch(/<w:spacing w:val="-\d+"\/>/)
  })

})
