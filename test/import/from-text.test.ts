import {readFileSync} from 'node:fs'
import {describe, expect, it} from 'vitest'
import {fromText} from '../../scripts/import/from-text.ts'
import {inRoot} from '../root.ts'

// The press Q&A as text extracted from the printed original: the importer's real input, kept with the tests.
const MATERIAL = readFileSync(inRoot('test', 'fixtures', 'import-material', 'press-qa.txt'), 'utf8')
const SOURCE = readFileSync(inRoot('source', 'samr-2022-quality-action-plan-qa.md'), 'utf8')
const RELATED_LINE = '关于印发进一步提高产品、工程和服务质量行动方案（2022—2025年）的通知https://gkml.samr.gov.cn/nsjg/zlfzj/202211/t20221110_351536.html'

/** A printed page as extraction gives it: a blank line between lines, `null` for a page break. */
function extracted(...lines: Array<string | null>): string {
  return lines.map((line) => line ?? '\n').join('\n\n') + '\n'
}

/** A run of `widthEm` Han characters (one em each), ending with `end`. */
function han(widthEm: number, end = ''): string {
  return '质'.repeat(widthEm - [...end].length) + end
}

/** Everything after the front matter's closing `---\n\n`. */
function bodyOf(markdown: string): string {
  const close = markdown.indexOf('\n---\n', 3)
  return markdown.slice(close + '\n---\n\n'.length)
}

function bodyFrom(text: string): string {
  return bodyOf(fromText(text).markdown)
}

describe('fromText on the material', () => {
  it('should give exactly the body of the canonical source', () => {
    expect(bodyFrom(MATERIAL)).toBe(bodyOf(SOURCE))
  })

  it('should keep the original wording: the source body equals the material bar whitespace, markers and the related line', () => {
    const sourceText = bodyOf(SOURCE).replace(/^#{2,3} /gmu, '').replace(/\s/gu, '')
    const materialText = MATERIAL.replace(/\s/gu, '')
    expect(materialText.endsWith(RELATED_LINE)).toBe(true)
    expect(sourceText).toBe(materialText.slice(0, -RELATED_LINE.length))
  })

  it('should put the notice in related and date the document from its URL', () => {
    const {markdown} = fromText(MATERIAL)
    expect(markdown.slice(0, markdown.indexOf('\n---\n', 3) + 5)).toBe([
      '---',
      'title: ""',
      'issuer: ""',
      'date: 2022-11-10',
      'kind: press-qa',
      'lang: zh-CN',
      'related:',
      '  - title: 关于印发进一步提高产品、工程和服务质量行动方案（2022—2025年）的通知',
      '    url: https://gkml.samr.gov.cn/nsjg/zlfzj/202211/t20221110_351536.html',
      '---',
      '',
    ].join('\n'))
  })

  it('should warn only that the title and issuer must be filled in', () => {
    expect(fromText(MATERIAL).warnings.map(({line, column}) => [line, column])).toEqual([[1, 1], [1, 1]])
  })
})

describe('fromText', () => {
  it('should drop the autospace around 18 in 18 部门', () => {
    expect(bodyFrom(extracted('市场监管总局等 18 部门近日联合印发。'))).toBe('市场监管总局等18部门近日联合印发。\n')
  })

  it('should drop the autospace on both sides of 2017 and 9 in 2017 年 9 月', () => {
    expect(bodyFrom(extracted('答：党中央高度重视。2017 年 9 月，印发意见。'))).toBe('答：党中央高度重视。2017年9月，印发意见。\n')
  })

  it('should keep the space inside ISO 9001', () => {
    expect(bodyFrom(extracted('通过 ISO 9001 认证。'))).toBe('通过ISO 9001认证。\n')
  })

  it('should keep a URL and the spaces that set it off intact', () => {
    const line = '详见 https://www.samr.gov.cn/a/t1_2.html?x=1 网站公告。'
    expect(bodyFrom(extracted(line))).toBe(`${line}\n`)
  })

  it('should rejoin a paragraph wrapped across a page break', () => {
    const text = extracted(han(24), han(26), han(26), null, han(26), '质量社会氛围。')
    expect(bodyFrom(text)).toBe(`${han(24)}${han(26)}${han(26)}${han(26)}质量社会氛围。\n`)
  })

  it('should insert one space when a join falls between two Latin letters', () => {
    expect(bodyFrom(extracted(`${han(22)}ISO`, `management${han(21)}`, han(26), '质量。'))).toBe(`${han(22)}ISO management${han(21)}${han(26)}质量。\n`)
  })

  it('should not end a paragraph at a full-width line ending in 。 but end it at a short one', () => {
    const text = extracted(han(24), han(26, '。'), han(26), '质量工作。', han(24), han(26), '质量。')
    expect(bodyFrom(text)).toBe(`${han(24)}${han(26, '。')}${han(26)}质量工作。\n\n${han(24)}${han(26)}质量。\n`)
  })

  it('should recognise a question heading and make the document a press Q&A', () => {
    const {markdown} = fromText(extracted(han(24), '质量。', '一、制定《方案》的背景过程是什么？', '答：质量。'))
    expect(bodyOf(markdown)).toBe(`${han(24)}质量。\n\n## 一、制定《方案》的背景过程是什么？\n\n答：质量。\n`)
    expect(markdown).toContain('\nkind: press-qa\n')
  })

  it('should end the paragraph before a heading even when its last line is full', () => {
    const text = extracted(han(24), han(26), han(26, '。'), '二、总体思路是什么？', '答：质量。')
    expect(bodyFrom(text)).toBe(`${han(24)}${han(26)}${han(26, '。')}\n\n## 二、总体思路是什么？\n\n答：质量。\n`)
  })

  it('should recognise a whole short （一） line as a level-2 heading', () => {
    const text = extracted(han(24), han(26), '质量。', '（一）总体要求', han(24), han(26), '质量。')
    expect(bodyFrom(text)).toBe(`${han(24)}${han(26)}质量。\n\n### （一）总体要求\n\n${han(24)}${han(26)}质量。\n`)
  })

  it('should take a trailing title and URL, the title wrapped, as a related document', () => {
    const {markdown} = fromText(extracted('营造更好质量社会氛围。', '关于印发行动方案（2022—2025 年）的', '通知 https://gkml.samr.gov.cn/nsjg/zlfzj/202211/t20221110_351536.html'))
    expect(bodyOf(markdown)).toBe('营造更好质量社会氛围。\n')
    expect(markdown).toContain('related:\n  - title: 关于印发行动方案（2022—2025年）的通知\n    url: https://gkml.samr.gov.cn/nsjg/zlfzj/202211/t20221110_351536.html\n')
  })

  it('should guess the date 2022-11-10 from t20221110_ in a related URL', () => {
    expect(fromText(extracted('质量。', '通知 https://example.gov.cn/202211/t20221110_1.html')).markdown).toContain('\ndate: 2022-11-10\n')
  })

  it('should leave the date empty and warn when no related URL gives it', () => {
    const {markdown, warnings} = fromText(extracted('质量。'))
    expect(markdown).toContain('\ndate: ""\n')
    expect(warnings.some(({reason}) => reason.includes('`date`'))).toBe(true)
  })

  it('should give the same output for CRLF line ends and a BOM as for LF', () => {
    const text = extracted(han(24), han(26), null, '质量 18 部门。', '二、总体思路是什么？', '答：质量。')
    expect(fromText(`\uFEFF${text.replace(/\n/gu, '\r\n')}`)).toEqual(fromText(text))
  })

  it.each([
    ['1.加强组织领导。', '1\\.加强组织领导。'],
    ['2)完善机制。', '2\\)完善机制。'],
    ['#标签不是标题。', '\\#标签不是标题。'],
    ['>不是引用。', '\\>不是引用。'],
    ['-5℃以下。', '\\-5℃以下。'],
    ['*号不是列表。', '\\*号不是列表。'],
    ['+号不是列表。', '\\+号不是列表。'],
  ])('should escape the Markdown-special start of %s', (line, escaped) => {
    expect(bodyFrom(extracted(line))).toBe(`${escaped}\n`)
  })

  it('should warn at the line when it guesses a break from the next line’s indent alone', () => {
    const text = extracted(han(24), han(26), han(26, '。'), han(24), han(26), '质量。')
    const {markdown, warnings} = fromText(text)
    expect(bodyOf(markdown)).toBe(`${han(24)}${han(26)}${han(26, '。')}\n\n${han(24)}${han(26)}质量。\n`)
    expect(warnings.filter(({line}) => line > 1).map(({line, column}) => [line, column])).toEqual([[7, 1]])
  })
})
