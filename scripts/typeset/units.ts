/**
 * Text → layout units: the things a line break may fall between (RULES.md §3).
 * A unit is a Han character, a mark, `——`, `……`, a Latin word or number with its unit sign,
 * a number range's halves (`2022—` and `2025`: a line may break after the dash, at a cost), a space,
 * or a piece of a URL.
 */
import {charClass, SEQUENCE_MARK, type CharClass} from './classes.ts'
import {bindNumbers} from './numbers.ts'

/** What a unit is. */
export type UnitKind = CharClass | 'url'

/** A part of a unit drawn in its own slot (a number range is number, connector, number). */
export interface Piece {
  text: string
  /** Offset of the piece's first character in the paragraph text. */
  start: number
  /** A connector inside a number range takes a full cell, centred. */
  connector: boolean
}

/** One unit of layout. */
export interface Unit {
  kind: UnitKind
  text: string
  /** Offsets [start, end) in the paragraph text. */
  start: number
  end: number
  pieces: Piece[]
  /** For URL pieces: which URL of the paragraph (pieces of one URL share it). */
  url?: number
  /** No break after this unit: a sequence mark at the block's start, a number before its unit (numbers.ts). */
  glue?: boolean
  /** The first half of a number range, ending with its dash: a break after it is legal but costs (total-fit.ts). */
  rangeHead?: boolean
}

// Note: sticky (`y`): each is tried at the current offset of the text, which is never copied (a copy of the rest of
// the text at every character made splitting a paragraph quadratic).
const URL = /(?:https?:\/\/|www\.)[\x21-\x7E]+/y
const URL_BREAK_AFTER = new Set([...'/.?&=-_'])
const RANGE = /(\d[\d.,]*[%‰℃°]*)([\u2014～\u2013-])(\d[\d.,]*[%‰℃°]*)/uy
const WORD = /[A-Za-z0-9\u00C0-\u024F\uFF10-\uFF19]+(?:[.,'’\-][A-Za-z0-9\u00C0-\u024F]+)*[%‰℃°]*/uy

/** Whether a UTF-16 code unit is an ASCII digit. */
const isDigit = (c: number): boolean => c >= 0x30 && c <= 0x39

/**
 * Whether a URL, a range or a word may start at a code unit: the first characters URL, RANGE and WORD accept
 * (`h`, `w`, digits, Latin letters, Latin-1 and Latin Extended letters, full-width digits). Elsewhere (Han characters,
 * marks) none is tried.
 */
const mayStartWord = (c: number): boolean => (c < 0x80 ? isDigit(c) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) : (c >= 0xc0 && c <= 0x24f) || (c >= 0xff10 && c <= 0xff19))

/**
 * Texts split before, by text (see {@link toUnits}); emptied when its texts reach {@link MEMO_MOST} characters:
 * some 200 bytes a character, so a document's worth (the official pages and the booklet split the same texts), not
 * a corpus's (with 200,000 the two worker threads of the 200-document benchmark held ~180 MB more at their peak).
 */
const memo = new Map<string, readonly Unit[]>()
const MEMO_MOST = 20_000
let memoChars = 0

/**
 * Split a block's text into units (memoised per process: the official pages and the booklet split the same
 * texts, and a watch session the paragraphs an edit left alone; treat the units as read-only).
 * @param text the block's text (exact source characters)
 */
export function toUnits(text: string): readonly Unit[] {
  let units = memo.get(text)
  if (!units) {
    units = split(text)
    if (memoChars + text.length > MEMO_MOST) {
      memo.clear()
      memoChars = 0
    }
    memo.set(text, units)
    memoChars += text.length
  }
  return units
}

function split(text: string): Unit[] {
  const units: Unit[] = []
  let urls = 0
  let i = 0
  const push = (kind: UnitKind, length: number, pieces?: Piece[]): void => {
    const t = text.slice(i, i + length)
    units.push({kind, text: t, start: i, end: i + length, pieces: pieces ?? [{text: t, start: i, connector: false}]})
    i += length
  }
  while (i < text.length) {
    const code = text.charCodeAt(i)
    if (mayStartWord(code)) {
      URL.lastIndex = i
      const url = code === 0x68 || code === 0x77 ? URL.exec(text) : null
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
      RANGE.lastIndex = i
      const range = isDigit(code) ? RANGE.exec(text) : null
      WORD.lastIndex = i
      const word = WORD.exec(text)
      // Note: a number range unless a longer word starts here: `2024-01-15` is one date, not `2024-01` then `-15`.
      if (range && !(word && word[0].length > range[0].length)) {
        const [, a, c, b] = range as unknown as [string, string, string, string]
        // Note: two units, so that a line may break after the dash (`2022—|2025`), never before it (RULES.md §3).
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
    }
    const ch = String.fromCodePoint(text.codePointAt(i)!)
    const cls = charClass(ch)
    if (cls === 'dash' && text.startsWith('\u2014\u2014', i)) push('dash', 2)
    else if (cls === 'dash') push('connector', 1)
    else if (cls === 'ellipsis' && text.startsWith('\u2026\u2026', i)) push('ellipsis', 2)
    // Note: `-` or `–` between digits that no range took (`2022—2025-3`) is still a connector: it never starts a line.
    else if ((ch === '-' || ch === '\u2013') && isDigit(text.charCodeAt(i - 1)) && isDigit(text.charCodeAt(i + 1))) push('connector', 1)
    else push(cls, ch.length)
  }
  const mark = SEQUENCE_MARK.exec(text)
  if (mark) for (const unit of units) if (unit.end <= mark[0].length) unit.glue = true
  bindNumbers(units)
  return units
}
