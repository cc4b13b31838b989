import {strFromU8} from 'fflate'
import mammoth from 'mammoth'
import {describe, expect, it} from 'vitest'
import {toPlainText} from '../../../scripts/model/text.ts'
import {buildDocx, prettyPart, ROOT, unpack} from './build.ts'

const FIXTURE = 'test/fixtures/docx-basic/input.md'
const GOLDEN = `${ROOT}/test/fixtures/docx-basic/docx/`
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
      // The title's lines are the official layout's (broken before 就), kept as line breaks.
      'h1 市场监管总局有关司局负责人<br />就《方案》答记者问',
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

  it('should set A4 in twips with the profile margins, a 579-twip line grid and the footer 7 mm under the type area', async () => {
    const document = strFromU8(unpack((await built).bytes).get('word/document.xml')!)
    const section = /<w:sectPr>.*<\/w:sectPr>/.exec(document)?.[0]
    expect(section).toBe(
      '<w:sectPr><w:footerReference w:type="default" r:id="rId3"/><w:footerReference w:type="even" r:id="rId4"/>' +
        '<w:pgSz w:w="11906" w:h="16838" w:orient="portrait"/>' +
        '<w:pgMar w:top="2098" w:right="1474" w:bottom="1984" w:left="1587" w:header="851" w:footer="1307" w:gutter="0"/>' +
        '<w:pgNumType w:start="1"/><w:docGrid w:type="lines" w:linePitch="579"/></w:sectPr>',
    )
  })

  it('should set the body as Normal: 16 pt, 2-character indent in both forms, exact pitch, justified, Chinese rules', async () => {
    const styles = strFromU8(unpack((await built).bytes).get('word/styles.xml')!)
    const normal = /<w:style w:type="paragraph" w:styleId="Normal".*?<\/w:style>/.exec(styles)?.[0]
    expect(normal).toBe(
      '<w:style w:type="paragraph" w:styleId="Normal" w:default="1"><w:name w:val="Normal"/><w:qFormat/>' +
        '<w:pPr><w:kinsoku/><w:overflowPunct w:val="0"/><w:autoSpaceDE/><w:autoSpaceDN/>' +
        '<w:spacing w:after="0" w:before="0" w:line="579" w:lineRule="exact"/><w:ind w:firstLine="640" w:firstLineChars="200"/><w:jc w:val="both"/></w:pPr>' +
        '<w:rPr><w:rFonts w:ascii="Times New Roman" w:cs="Times New Roman" w:eastAsia="仿宋_GB2312" w:hAnsi="Times New Roman" w:hint="eastAsia"/>' +
        '<w:spacing w:val="-5"/><w:sz w:val="32"/><w:szCs w:val="32"/><w:lang w:val="en-US" w:eastAsia="zh-CN"/></w:rPr></w:style>',
    )
  })

  it('should keep title lines fixed by the source as line breaks in one Title paragraph', async () => {
    const document = strFromU8(unpack((await buildDocx('test/fixtures/docx-title-lines/input.md')).bytes).get('word/document.xml')!)
    expect(/<w:p><w:pPr><w:pStyle w:val="Title"\/><\/w:pPr>.*?<\/w:p>/.exec(document)?.[0]).toBe(
      '<w:p><w:pPr><w:pStyle w:val="Title"/></w:pPr><w:r><w:t xml:space="preserve">市场监管总局有关司局负责人就</w:t></w:r>' +
        '<w:r><w:br/><w:t xml:space="preserve">《方案》答记者问</w:t></w:r></w:p>',
    )
  })

  it('should give Word a 28 × 22 Word grid when the profile asks for linesAndChars', async () => {
    const {bytes} = await buildDocx(FIXTURE, (profile) => ({...profile, docx: {...profile.docx, grid: 'linesAndChars'}}))
    const document = strFromU8(unpack(bytes).get('word/document.xml')!)
    const styles = strFromU8(unpack(bytes).get('word/styles.xml')!)
    expect(document).toContain('<w:docGrid w:type="linesAndChars" w:linePitch="579" w:charSpace="-841"/>')
    expect(styles).not.toMatch(/<w:spacing w:val="-\d+"\/>/)
  })

})
