/**
 * Character classes, in one place for parse, lint, import, typeset and the writers: which characters count as
 * Chinese, the bracket pairs, the bidirectional controls, the link protocols and URL patterns, and how a
 * character is named in a message (`U+XXXX`). Data only, no imports: every stage may use it.
 *
 * The CJK ranges are defined once ({@link CJK_RANGES}); where stages ask different questions they keep different
 * classes, each a named list of those ranges ({@link STAGE_CLASSES}: e.g. "is this a character a soft wrap joins
 * without a space" takes every CJK block, "is this a Chinese neighbour of a half-width mark" only Han and CJK
 * punctuation).
 * Sources: Unicode blocks (CJK Symbols and Punctuation U+3000–303F, Hiragana/Katakana U+3040–30FF, Halfwidth and
 * Fullwidth Forms U+FF00–FFEF); GB/T 15834-2011 §4 (the marks), W3C clreq §3.1 (their width).
 */

/**
 * The ranges, each defined once (contents of a regular-expression class, for the `u` flag). Every stage's class
 * below is a list of these names ({@link STAGE_CLASSES}), so where two stages differ the difference is a name in one
 * list and not in the other, and test/chars.test.ts shows it character by character.
 */
export const CJK_RANGES = {
  /** Han characters, by script (every CJK ideograph block, extensions included). */
  han: '\\p{Script=Han}',
  /**
   * Every CJK block from CJK Radicals Supplement to CJK Unified Ideographs (U+2E80–9FFF: radicals, CJK symbols
   * and punctuation, kana, bopomofo, Hangul compatibility jamo, enclosed and compatibility letters, Extension A).
   */
  cjkBlocks: '\\u2E80-\\u9FFF',
  /** CJK Compatibility Ideographs. */
  compatibilityIdeographs: '\\uF900-\\uFAFF',
  /** CJK Compatibility Forms (vertical punctuation). */
  compatibilityForms: '\\uFE30-\\uFE4F',
  /** Halfwidth and Fullwidth Forms, the whole block. */
  halfAndFullWidthForms: '\\uFF00-\\uFFEF',
  /** The ideograph extensions beyond U+FFFF, planes 2 and 3 (Extensions B–H, compatibility supplement). */
  supplementaryIdeographs: '\\u{20000}-\\u{3FFFF}',
  /** CJK Symbols and Punctuation: `　` `、` `。` `〈〉` `《》` `「」` `【】` `〔〕`…, 々 and 〇. */
  cjkSymbols: '\\u3000-\\u303F',
  /** The iteration mark 々 and the ideographic zero 〇 (in {@link CJK_RANGES.cjkSymbols}; layout sets them as Han). */
  ideographicMarks: '\\u3005\\u3007',
  /** Hiragana and katakana (with `・`). */
  kana: '\\u3040-\\u30FF',
  /** Full-width ASCII forms: `！` … `～`, `（）` `，` `：` `；` `？`, and the white parentheses `｟｠`. */
  fullWidthForms: '\\uFF01-\\uFF60',
  /** Full-width signs: `￠` `￡` `￢` `￣` `￤` `￥` `￦`. */
  fullWidthSigns: '\\uFFE0-\\uFFE6',
  /** Punctuation Unicode codes as Western but Chinese fonts draw full width: `—` `‘` `’` `“` `”` `…`. */
  westernCoded: '\\u2014\\u2018\\u2019\\u201C\\u201D\\u2026',
  /** The middle dot `·` (U+00B7), the one GB/T 15834 uses between the parts of a foreign name. */
  middleDot: '\\u00B7',
} as const

/** A name of {@link CJK_RANGES}. */
export type CjkRange = keyof typeof CJK_RANGES

/**
 * Each stage's question, answered by the ranges it takes:
 * - `joinsWithoutSpace` (parse/normalize.ts: a soft wrap beside it is joined without a space): every CJK block,
 *   kana and Hangul included, and the punctuation Chinese text uses, so a wrap is never turned into a space
 *   inside East Asian text;
 * - `lintHan` and `lintPunctuation` (parse/lint.ts: the Chinese text and the marks beside which a half-width mark
 *   or a space is wrong): Han only, then the CJK and full-width punctuation, but not kana or radicals (Japanese
 *   quoted in a document keeps its own conventions);
 * - `fullWidth` (import: what a printed line sets one em wide, to measure a line): Han, kana and every full-width
 *   mark and sign, but not the half-width forms (U+FF61–FFDC) nor Hangul;
 * - `layoutHan` (typeset/classes.ts, class `han`): what layout sets as an ideograph (no blank to compress, may
 *   break on either side): Han, 々, 〇 and kana; punctuation has classes of its own there.
 */
export const STAGE_CLASSES = {
  joinsWithoutSpace: ['cjkBlocks', 'compatibilityIdeographs', 'compatibilityForms', 'halfAndFullWidthForms', 'supplementaryIdeographs', 'westernCoded', 'middleDot'],
  lintHan: ['han'],
  lintPunctuation: ['cjkSymbols', 'fullWidthForms', 'westernCoded', 'middleDot'],
  fullWidth: ['han', 'cjkSymbols', 'kana', 'fullWidthForms', 'fullWidthSigns', 'westernCoded'],
  layoutHan: ['han', 'ideographicMarks', 'kana'],
} as const satisfies Record<string, readonly CjkRange[]>

/**
 * The source of a stage's class (`[…]`, for the `u` flag).
 * @param stage a name of {@link STAGE_CLASSES}
 */
export function stageClass(stage: keyof typeof STAGE_CLASSES): string {
  return `[${STAGE_CLASSES[stage].map((range: CjkRange) => CJK_RANGES[range]).join('')}]`
}

/** A character a soft wrap beside it is joined without a space (parse/normalize.ts; `joinsWithoutSpace`). */
export const JOINS_WITHOUT_SPACE = new RegExp(stageClass('joinsWithoutSpace'), 'u')

/** A Han character (lint: the Chinese text a half-width mark or a space stands beside; `lintHan`). */
export const HAN = new RegExp(stageClass('lintHan'), 'u')

/** CJK punctuation and full-width forms (lint: neighbours that make a half-width mark wrong; `lintPunctuation`). */
export const CJK_PUNCTUATION = new RegExp(stageClass('lintPunctuation'), 'u')

/** Source of the class of characters set one em wide in Chinese text (import: the width of a printed line; `fullWidth`). */
export const FULL_WIDTH_CLASS = stageClass('fullWidth')

/** A character layout sets as Han (typeset: class `han`; `layoutHan`). */
export const HAN_FOR_LAYOUT = new RegExp(stageClass('layoutHan'), 'u')

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
/** The source of a class of the closing marks of {@link BRACKET_PAIRS} (`[》”…]`, import: after a sentence end). */
export const CLOSING_BRACKETS_CLASS = `[${[...CLOSING_BRACKETS].map((mark) => mark.replace(/[\\\]^-]/g, '\\$&')).join('')}]`

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
export const URL_IN_TEXT = new RegExp(`(?:https?://|mailto:|www\\.)[^\\s${CJK_RANGES.cjkSymbols}${CJK_RANGES.halfAndFullWidthForms}“”‘’]+`, 'giu')

/**
 * A character as `U+XXXX` (at least four hex digits, upper case), as messages name it.
 * @param char a character (its first code point is named)
 */
export function codePoint(char: string): string {
  return `U+${(char.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`
}
