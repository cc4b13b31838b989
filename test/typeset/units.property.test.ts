import {fc, test} from '@fast-check/vitest'
import {describe, expect, it} from 'vitest'
import {charClass, SEQUENCE_MARK} from '../../scripts/typeset/classes.ts'
import {bindNumbers} from '../../scripts/typeset/numbers.ts'
import {toUnits, type Piece, type Unit, type UnitKind} from '../../scripts/typeset/units.ts'

// The splitter as it was before it was made faster (units.ts tries its patterns at an offset of the text instead of
// on a copy of the rest, and only where a word may start): the oracle the fast one must agree with, unit for unit.
const URL = /^(?:https?:\/\/|www\.)[\x21-\x7E]+/
const URL_BREAK_AFTER = new Set([...'/.?&=-_'])
const RANGE = /^(\d[\d.,]*[%‰℃°]*)([\u2014～\u2013-])(\d[\d.,]*[%‰℃°]*)/u
const WORD = /^[A-Za-z0-9\u00C0-\u024F\uFF10-\uFF19]+(?:[.,'’\-][A-Za-z0-9\u00C0-\u024F]+)*[%‰℃°]*/u

function reference(text: string): Unit[] {
  const units: Unit[] = []
  let urls = 0
  let i = 0
  const push = (kind: UnitKind, length: number, pieces?: Piece[]): void => {
    const t = text.slice(i, i + length)
    units.push({kind, text: t, start: i, end: i + length, pieces: pieces ?? [{text: t, start: i, connector: false}]})
    i += length
  }
  while (i < text.length) {
    const rest = text.slice(i)
    const url = URL.exec(rest)
    if (url) {
      const id = urls++
      let from = 0
      for (let k = 0; k < url[0].length; k++) {
        if (!URL_BREAK_AFTER.has(url[0][k]!) && k !== url[0].length - 1) continue
        push('url', k + 1 - from)
        units[units.length - 1]!.url = id
        from = k + 1
      }
      continue
    }
    const range = RANGE.exec(rest)
    const word = WORD.exec(rest)
    if (range && !(word && word[0].length > range[0].length)) {
      const [, a, c, b] = range as unknown as [string, string, string, string]
      push('latin', a.length + c.length, [
        {text: a, start: i, connector: false},
        {text: c, start: i + a.length, connector: c === '\u2014' || c === '～'},
      ])
      units[units.length - 1]!.rangeHead = true
      push('latin', b.length)
      continue
    }
    if (word) {
      push('latin', word[0].length)
      continue
    }
    const ch = String.fromCodePoint(rest.codePointAt(0)!)
    const cls = charClass(ch)
    if (cls === 'dash' && rest.startsWith('\u2014\u2014')) push('dash', 2)
    else if (cls === 'dash') push('connector', 1)
    else if (cls === 'ellipsis' && rest.startsWith('\u2026\u2026')) push('ellipsis', 2)
    else if ((ch === '-' || ch === '\u2013') && /\d/u.test(text[i - 1] ?? '') && /\d/u.test(rest[1] ?? '')) push('connector', 1)
    else push(cls, ch.length)
  }
  const mark = SEQUENCE_MARK.exec(text)
  if (mark) for (const unit of units) if (unit.end <= mark[0].length) unit.glue = true
  bindNumbers(units)
  return units
}

const piece = fc.oneof(
  {weight: 6, arbitrary: fc.constantFrom(...'质量强国建设一二三年月项个万亿余', '（一）', '一、', '1.', '（1）')},
  {weight: 4, arbitrary: fc.constantFrom(...'，。、；：？！（）《》“”·—…～-–%‰℃° .,;:!?()[]{}\'"’\u00A0')},
  {weight: 4, arbitrary: fc.constantFrom(...'0123456789hwtpsAZaz\u00C0\u00E9\u024F\uFF10\uFF19')},
  {weight: 2, arbitrary: fc.constantFrom('https://', 'http://', 'www.', 'example.com/a/b?c=d&e=f_g', '2022—2025', '3-5', '2026～2030', '2024-01-15', '1,286', '9.6%', 'ISO 9001', '——', '……', '𠀀', '\uD800')},
)

describe('toUnits', () => {
  test.prop([fc.array(piece, {maxLength: 40}).map((parts) => parts.join(''))], {numRuns: 400})('should cut every text as the splitter before it did', (text) => {
    expect(toUnits(text)).toEqual(reference(text))
  })

  it('should give the same units again for the same text (memoised, read-only)', () => {
    const text = '2022—2025年，见https://www.samr.gov.cn/。'
    expect(toUnits(text)).toBe(toUnits(text))
    expect(toUnits(text)).toEqual(reference(text))
  })
})
