/**
 * Character classes of the Chinese line, as data (RULES.md §2–3).
 *
 * Sources: GB/T 15834-2011 (标点符号用法) §5 and Appendix A (placement of marks in a line);
 * W3C clreq, https://www.w3.org/TR/clreq/#punctuation_width_adjustment and
 * https://www.w3.org/TR/clreq/#prohibition_rules_for_line_start_end.
 */

import {CLOSING_BRACKETS, HAN_FOR_LAYOUT, OPENING_BRACKETS} from '../chars.ts'

/** The class a character takes in layout. */
export type CharClass = 'opening' | 'closing' | 'stop' | 'middle' | 'dash' | 'ellipsis' | 'connector' | 'han' | 'latin' | 'latin-close' | 'latin-open' | 'space' | 'other'

/** Opening marks: blank left half of the em (clreq §3.1.6; GB/T 15834 §5.1). */
export const OPENING = OPENING_BRACKETS
/** Closing marks: blank right half (clreq §3.1.6). */
export const CLOSING = CLOSING_BRACKETS
/** Stops (句读): set bottom-left in Simplified Chinese fonts, blank right half (clreq §3.1.6, GB/T 15834 A.1). */
export const STOPS = new Set([...'，。、；：？！'])
/** Middle dots: a quarter em blank each side. */
export const MIDDLE = new Set([...'·・'])
/** Connectors other than the em dash: wave dash and full-width hyphen forms. */
export const CONNECTORS = new Set([...'～〜'])
/** Half-width Latin punctuation that closes (never starts a line). */
export const LATIN_CLOSE = new Set([...'.,;:!?)]}\'"'])
/** Half-width Latin punctuation that opens (never ends a line). */
export const LATIN_OPEN = new Set([...'([{'])
/** Signs that belong to the number before them (RULES.md §3). */
export const UNIT_SIGNS = new Set([...'%‰℃°'])

/**
 * Magnitudes and approximations that may stand between a number and its unit (`1.2万亿元`, `300余项`, `20多家`):
 * numbers.ts keeps a number with them and its unit (RULES.md §3).
 */
export const MAGNITUDES = new Set([...'十百千万亿余多几'])

/** Units and measure words of one character. */
export const UNIT_CHARS = new Set([
  ...'年月日时分秒周天岁号',
  ...'个项件次人名位家所条款章节篇部册本页张幅台套批辆艘架座栋间户种类级届期轮倍',
  ...'元角吨斤克米里亩升度点成股只头支把双对份场例宗起处',
])

/** Units and measure words of several characters, longest first, as characters. */
export const UNIT_WORDS = ['平方公里', '平方千米', '立方米', '平方米', '千瓦时', '公里', '公斤', '公顷', '千米', '千克', '千瓦', '兆瓦', '小时', '分钟', '周年', '个月', '人次', '万元', '亿元'].map((w) => [...w])

/**
 * Classes that must not start a line: closing, stop, middle dot, connector (clreq 3.1.7 "行首禁则"; GB/T 15834 A.2).
 */
export const NO_LINE_START: ReadonlySet<CharClass> = new Set<CharClass>(['closing', 'stop', 'middle', 'connector', 'latin-close'])
/** Classes that must not end a line: opening marks (clreq 3.1.7 "行尾禁则"). */
export const NO_LINE_END: ReadonlySet<CharClass> = new Set<CharClass>(['opening', 'latin-open'])

/** Particles a title line must not end with (RULES.md §6). */
export const TITLE_NO_END = new Set([...'的和与及'])

/**
 * Sequence marks at the start of a block (`一、` `（一）` `1.` `（1）`) that never end a line alone
 * (RULES.md §3; GB/T 9704 §7.3.3).
 */
export const SEQUENCE_MARK = /^(?:[一二三四五六七八九十百〇零]+、|（[一二三四五六七八九十百〇零]+）|\d+\.|（\d+）)/u

const HAN = HAN_FOR_LAYOUT
const LATIN = /[A-Za-z0-9\u00C0-\u024F\uFF10-\uFF19]/u

/** Classes found before, by character (a document has a few thousand different characters at most). */
const classes = new Map<string, CharClass>()

/**
 * The class of one character (a code point); memoised per process.
 * @param ch a single code point
 */
export function charClass(ch: string): CharClass {
  let cls = classes.get(ch)
  if (cls === undefined) {
    if (classes.size >= 65_536) classes.clear()
    classes.set(ch, (cls = classOf(ch)))
  }
  return cls
}

function classOf(ch: string): CharClass {
  if (OPENING.has(ch)) return 'opening'
  if (CLOSING.has(ch)) return 'closing'
  if (STOPS.has(ch)) return 'stop'
  if (MIDDLE.has(ch)) return 'middle'
  if (ch === '\u2014') return 'dash'
  if (ch === '\u2026') return 'ellipsis'
  if (CONNECTORS.has(ch)) return 'connector'
  if (ch === ' ' || ch === '\u00A0') return 'space'
  if (LATIN.test(ch)) return 'latin'
  if (LATIN_CLOSE.has(ch) || UNIT_SIGNS.has(ch)) return 'latin-close'
  if (LATIN_OPEN.has(ch)) return 'latin-open'
  if (HAN.test(ch)) return 'han'
  return 'other'
}
