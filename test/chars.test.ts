/**
 * The one module of character classes (scripts/chars.ts) and the stages that use it agreeing on it.
 */
import {VFile} from 'vfile'
import {describe, expect, it} from 'vitest'
import {ABSOLUTE_LINK, BRACKET_PAIRS, CJK_PUNCTUATION, CLOSING_BRACKETS, codePoint, HAN, HAN_FOR_LAYOUT, isBidiControl, JOINS_WITHOUT_SPACE, LINKABLE, STAGE_CLASSES, URL_IN_TEXT} from '../scripts/chars.ts'
import {CLAUSE_END, FULL_WIDTH_CHAR, NON_HEADING_END, SENTENCE_END} from '../scripts/import/classes.ts'
import {parse} from '../scripts/parse/processor.ts'
import {charClass} from '../scripts/typeset/classes.ts'
import {description} from '../scripts/write/html/index.ts'

const HEAD = '---\ntitle: 标题\nissuer: 机关\ndate: 2022-11-10\nkind: press-qa\n---\n\n'

describe('the character classes', () => {
  it('should name a character as U+XXXX, beyond the BMP too', () => {
    expect([codePoint('\u0000'), codePoint('—'), codePoint('𠀀'), codePoint('\u202E')]).toEqual(['U+0000', 'U+2014', 'U+20000', 'U+202E'])
  })

  it('should know the bidirectional controls and nothing else', () => {
    expect([...'\u061C\u200E\u200F\u202A\u202E\u2066\u2069'].every(isBidiControl)).toBe(true)
    expect([...'a中\u200B\u2060'].some(isBidiControl)).toBe(false)
  })

  it('should take http(s) and mailto links only', () => {
    expect(['http://a', 'HTTPS://a', 'mailto:a@b'].map((u) => LINKABLE.test(u) && ABSOLUTE_LINK.test(u))).toEqual([true, true, true])
    expect(['javascript:alert(1)', 'ftp://a', 'data:x', '//a'].some((u) => LINKABLE.test(u) || ABSOLUTE_LINK.test(u))).toBe(false)
  })

  it('should give every bracket pair to layout, lint and the HTML description alike', async () => {
    for (const [open, close] of Object.entries(BRACKET_PAIRS)) {
      expect([charClass(open), charClass(close)], `${open}${close}`).toEqual(['opening', 'closing'])
      const file = new VFile({path: 'source/test.md', value: `${HEAD}文字${open}未闭合。\n`})
      await parse(file, 'test')
      expect(file.messages.map((m) => m.ruleId), `${open}`).toEqual(['unbalanced-brackets'])
      // Note: the description is cut at a full stop in its second half, never inside a pair.
      const text = `${'甲'.repeat(70)}。${open}${'乙'.repeat(30)}。${'丙'.repeat(40)}${close}${'丁'.repeat(30)}`
      expect(description(text), `${open}`).toBe(`${'甲'.repeat(70)}。`)
    }
  })
})

describe('the CJK classes of the stages, from the one set of ranges', () => {
  // Each stage's question (chars.ts STAGE_CLASSES), as the stage asks it.
  const stages = {
    joinsWithoutSpace: (c: string) => JOINS_WITHOUT_SPACE.test(c),
    lintHan: (c: string) => HAN.test(c),
    lintPunctuation: (c: string) => CJK_PUNCTUATION.test(c),
    fullWidth: (c: string) => FULL_WIDTH_CHAR.test(c),
    layoutHan: (c: string) => HAN_FOR_LAYOUT.test(c) && charClass(c) === 'han',
  }
  // 1 = in the stage's class. The columns differ where the stages' questions do.
  const TABLE: Array<[char: string, what: string, joins: number, lintHan: number, lintPunct: number, fullWidth: number, layoutHan: number]> = [
    ['中', 'a Han character', 1, 1, 0, 1, 1],
    ['𠀀', 'Extension B (plane 2)', 1, 1, 0, 1, 1],
    ['\u{30000}', 'Extension G (plane 3)', 1, 1, 0, 1, 1],
    ['あ', 'hiragana', 1, 0, 0, 1, 1],
    ['ㄱ', 'Hangul compatibility jamo', 1, 0, 0, 0, 0],
    ['。', 'CJK punctuation', 1, 0, 1, 1, 0],
    ['，', 'a full-width form', 1, 0, 1, 1, 0],
    ['“', 'a Western-coded mark Chinese fonts set full width', 1, 0, 1, 1, 0],
    ['·', 'the middle dot', 1, 0, 1, 0, 0],
    ['￥', 'a full-width sign', 1, 0, 0, 1, 0],
    ['ｱ', 'a half-width katakana', 1, 0, 0, 0, 0],
    ['︵', 'a vertical form', 1, 0, 0, 0, 0],
    ['a', 'a Latin letter', 0, 0, 0, 0, 0],
    ['한', 'a Hangul syllable', 0, 0, 0, 0, 0],
  ]

  it('should list the stages the table checks', () => {
    expect(Object.keys(stages)).toEqual(Object.keys(STAGE_CLASSES))
  })

  for (const [char, what, ...expected] of TABLE) {
    it(`should class ${what} (${codePoint(char)}) as each stage asks`, () => {
      expect(Object.values(stages).map((inClass) => (inClass(char) ? 1 : 0))).toEqual(expected)
    })
  }

  it('should end a URL in Chinese text at CJK punctuation and full-width forms', () => {
    expect('见https://a.cn/x，或www.b.cn。'.match(URL_IN_TEXT)).toEqual(['https://a.cn/x', 'www.b.cn'])
  })
})

describe('the importer\'s sentence ends', () => {
  it('should take every closing mark of the bracket pairs after a sentence or clause end', () => {
    for (const close of CLOSING_BRACKETS) {
      expect(SENTENCE_END.test(`完了。${close}`), close).toBe(true)
      expect(CLAUSE_END.test(`未完，${close}${close}`), close).toBe(true)
      expect(NON_HEADING_END.test(`未完；${close}`), close).toBe(true)
    }
    expect(SENTENCE_END.test('完了。a')).toBe(false)
    expect(SENTENCE_END.test('完了（')).toBe(false)
  })
})
