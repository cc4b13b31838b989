/**
 * Character classes, in one place for parse, lint, import, typeset and the writers: which characters count as
 * Chinese, the bracket pairs, the bidirectional controls, the link protocols and URL patterns, and how a
 * character is named in a message (`U+XXXX`). Data only, no imports: every stage may use it.
 *
 * The classes are built from the same pieces; where two stages ask different questions they keep different
 * classes, each named for its question (e.g. "is this a character a soft wrap joins without a space" takes every
 * CJK block, "is this a Chinese neighbour of a half-width mark" only Han and CJK punctuation).
 * Sources: Unicode blocks (CJK Symbols and Punctuation U+3000–303F, Hiragana/Katakana U+3040–30FF, Halfwidth and
 * Fullwidth Forms U+FF00–FFEF); GB/T 15834-2011 §4 (the marks), W3C clreq §3.1 (their width).
 */

// The pieces (contents of a regular-expression class).
/** Han characters, by script (every CJK ideograph block, extensions included). */
const HAN_SCRIPT = '\\p{Script=Han}'
/** CJK Symbols and Punctuation: `　` `、` `。` `〈〉` `《》` `「」` `【】` `〔〕`…, 々 and 〇. */
const CJK_SYMBOLS = '\\u3000-\\u303F'
/** Hiragana and katakana (with `・`). */
const KANA = '\\u3040-\\u30FF'
/** Full-width ASCII forms: `！` … `～`, `（）` `，` `：` `；` `？`, and the white parentheses `｟｠`. */
const FULL_WIDTH_FORMS = '\\uFF01-\\uFF60'
/** Full-width signs: `￠` `￡` `￢` `￣` `￤` `￥` `￦`. */
const FULL_WIDTH_SIGNS = '\\uFFE0-\\uFFE6'
/** Punctuation Unicode codes as Western but Chinese fonts draw full width: `—` `‘` `’` `“` `”` `…`. */
const WESTERN_CODED = '\\u2014\\u2018\\u2019\\u201C\\u201D\\u2026'
/** The middle dot `·` (U+00B7), the one GB/T 15834 uses between the parts of a foreign name. */
const MIDDLE_DOT = '\\u00B7'

/**
 * A character a soft wrap beside it is joined without a space (parse/normalize.ts): every CJK block (radicals to
 * unified ideographs, compatibility ideographs, vertical and full-width forms), CJK punctuation, and any
 * character beyond U+FFFF in planes 2–3 (the ideograph extensions), tested as two UTF-16 units.
 */
export const JOINS_WITHOUT_SPACE = new RegExp(`[\\u2E80-\\u9FFF\\uF900-\\uFAFF\\uFE30-\\uFE4F\\uFF00-\\uFFEF${CJK_SYMBOLS}${WESTERN_CODED}${MIDDLE_DOT}]|[\\uD840-\\uD87F][\\uDC00-\\uDFFF]`)

/** A Han character (lint: the Chinese text a half-width mark or a space stands beside). */
export const HAN = new RegExp(HAN_SCRIPT, 'u')

/** CJK punctuation and full-width forms (lint: neighbours that make a half-width mark wrong). */
export const CJK_PUNCTUATION = new RegExp(`[${CJK_SYMBOLS}${FULL_WIDTH_FORMS}${WESTERN_CODED}${MIDDLE_DOT}]`)

/**
 * Source of the class of characters set one em wide in Chinese text (import: the width of a printed line):
 * Han, kana, CJK symbols and punctuation, full-width forms and signs, and {@link WESTERN_CODED}.
 */
export const FULL_WIDTH_CLASS = `[${HAN_SCRIPT}${CJK_SYMBOLS}${KANA}${FULL_WIDTH_FORMS}${FULL_WIDTH_SIGNS}${WESTERN_CODED}]`

/** A character layout sets as Han (typeset: class `han`): Han, `々`, `〇` and kana. */
export const HAN_FOR_LAYOUT = new RegExp(`[${HAN_SCRIPT}\\u3005\\u3007${KANA}]`, 'u')

/**
 * Brackets and quotes, opening → closing (GB/T 15834-2011 §4.5, §4.8, §4.11; clreq §3.1.6): lint checks they
 * balance, layout gives them half-em blanks and keeps them off the wrong line end, the HTML description never
 * cuts inside them.
 */
export const BRACKET_PAIRS: Readonly<Record<string, string>> = {'《': '》', '“': '”', '‘': '’', '（': '）', '【': '】', '〈': '〉', '「': '」', '『': '』', '〔': '〕', '［': '］', '｛': '｝', '〖': '〗'}
/** The opening marks of {@link BRACKET_PAIRS}. */
export const OPENING_BRACKETS: ReadonlySet<string> = new Set(Object.keys(BRACKET_PAIRS))
/** The closing marks of {@link BRACKET_PAIRS}. */
export const CLOSING_BRACKETS: ReadonlySet<string> = new Set(Object.values(BRACKET_PAIRS))

/** Bidirectional marks, embeddings, overrides and isolates (ALM, LRM, RLM, LRE…RLO, LRI…PDI). */
const BIDI_CLASS = '[\\u061C\\u200E\\u200F\\u202A-\\u202E\\u2066-\\u2069]'
/** Every bidirectional control of a text (global: use with `matchAll`). */
export const BIDI_CONTROLS = new RegExp(BIDI_CLASS, 'g')
/**
 * Whether a character is a bidirectional control.
 * @param char one character
 */
export function isBidiControl(char: string): boolean {
  return BIDI_ONE.test(char)
}
const BIDI_ONE = new RegExp(`^${BIDI_CLASS}$`)

/** The protocols a link may have: only these can be published (and opened safely). */
export const LINK_PROTOCOLS = ['http', 'https', 'mailto'] as const
/** A URL with a link protocol (`http:…`, `https:…`, `mailto:…`). */
export const LINKABLE = new RegExp(`^(?:${LINK_PROTOCOLS.join('|')}):`, 'i')
/** An absolute URL with a link protocol, as the front matter and the HTML sanitizer take it (`http(s)://…`, `mailto:…`). */
export const ABSOLUTE_LINK = /^(?:https?:\/\/|mailto:)/i

/** An http(s) URL in extracted text (import): it runs to the next whitespace and is never altered. */
export const URL_TO_WHITESPACE = /https?:\/\/\S+/u
/**
 * A URL written in Chinese text (lint: no half-width-mark warning inside it): http(s), mailto or `www.`, up to
 * whitespace, CJK punctuation, a full-width form or a curly quote (global).
 */
export const URL_IN_TEXT = /(?:https?:\/\/|mailto:|www\.)[^\s\u3000-\u303F\uFF00-\uFFEF“”‘’]+/gi

/**
 * A character as `U+XXXX` (at least four hex digits, upper case), as messages name it.
 * @param char a character (its first code point is named)
 */
export function codePoint(char: string): string {
  return `U+${(char.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`
}
