/**
 * The one module of character classes (scripts/chars.ts) and the stages that use it agreeing on it.
 */
import {VFile} from 'vfile'
import {describe, expect, it} from 'vitest'
import {ABSOLUTE_LINK, BRACKET_PAIRS, codePoint, isBidiControl, LINKABLE} from '../scripts/chars.ts'
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
