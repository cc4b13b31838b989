/**
 * Character classes and line patterns the importer reads extracted text with, kept as data.
 *
 * Note: the patterns here are not global (`g`), so they carry no `lastIndex` state between calls; a caller that
 * needs every match builds a local global copy (`new RegExp(X.source, 'gu')`).
 */
import {CLOSING_BRACKETS_CLASS, FULL_WIDTH_CLASS, URL_TO_WHITESPACE} from '../chars.ts'

export {FULL_WIDTH_CLASS}

/** One character set one em wide (see {@link FULL_WIDTH_CLASS}). */
export const FULL_WIDTH_CHAR = new RegExp(`^${FULL_WIDTH_CLASS}$`, 'u')

/** Source of the class of half-width letters and digits that autospace separates from Chinese text. */
export const HALF_WIDTH_ALNUM_CLASS = '[A-Za-z0-9]'

/**
 * Autospace artifacts: spaces between a full-width character and a half-width letter or digit, either order.
 * Note: Word's automatic CJK–Latin spacing is layout, not text (scripts/typeset/RULES.md §5), so the source never holds it.
 */
export const AUTOSPACE = new RegExp(
  `(?<=${FULL_WIDTH_CLASS}) +(?=${HALF_WIDTH_ALNUM_CLASS})|(?<=${HALF_WIDTH_ALNUM_CLASS}) +(?=${FULL_WIDTH_CLASS})`,
  'u',
)

/** Spaces between two full-width characters: not autospace, so kept, but worth a look. */
export const SPACE_BETWEEN_FULL_WIDTH = new RegExp(`(?<=${FULL_WIDTH_CLASS}) +(?=${FULL_WIDTH_CLASS})`, 'u')

/** An http(s) URL: it runs to the next whitespace and is never altered. */
export const URL = URL_TO_WHITESPACE

/** A trailing related-document item: an optional title, then an http(s) URL ending the line. */
export const TITLE_AND_URL = /^(.*?)\s*(https?:\/\/\S+)$/u

/** A URL path part `tYYYYMMDD_` (gov.cn sites date their pages this way). */
export const URL_DATE = /\/t(\d{4})(\d{2})(\d{2})_/u

/** A half-width Latin letter (a join between two of these gets one space). */
export const LATIN_LETTER = /^[A-Za-z]$/u

/** Level-1 sequence mark at the start of a line: `一、` … `十一、`. */
export const LEVEL_1_MARK = /^[一二三四五六七八九十]+、/u

/** Level-2 sequence mark at the start of a line: `（一）` … `（十一）`. */
export const LEVEL_2_MARK = /^（[一二三四五六七八九十]+）/u

/** A question heading ends with a full-width question mark. */
export const QUESTION_END = /？$/u

/**
 * The closing marks that may follow a sentence or clause end (`。”` `？）` `。】`): those of chars.ts `BRACKET_PAIRS`.
 */
const CLOSING_MARKS = `${CLOSING_BRACKETS_CLASS}*$`

/** A sentence end at the end of a line, closing quotes and brackets allowed after it. */
export const SENTENCE_END = new RegExp(`[。！？]${CLOSING_MARKS}`, 'u')

/** Punctuation that ends a clause or sentence: a line ending with it is body text, not a title or heading. */
export const CLAUSE_END = new RegExp(`[。！？；，、：]${CLOSING_MARKS}`, 'u')

/** A line ending a level-2 heading candidate cannot have: a clause or sentence mark makes it body text. */
export const NON_HEADING_END = new RegExp(`[。；，、：]${CLOSING_MARKS}`, 'u')

/** A paragraph start Markdown would read as syntax: ATX heading, block quote, list bullet, ordered list item. */
export const MARKDOWN_SPECIAL_START = /^(?:[#>*+-]|\d+[.)])/u
