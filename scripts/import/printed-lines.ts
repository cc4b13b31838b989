/**
 * Extracted text → the printed lines it holds, with autospace artifacts removed and widths measured in ems.
 */
import {AUTOSPACE, FULL_WIDTH_CHAR, SPACE_BETWEEN_FULL_WIDTH, URL} from './classes.ts'

/** A position in the input text: 1-based line and column (UTF-16 code units, as vfile counts). */
export interface TextPoint {
  line: number
  column: number
}

/** A warning about something the importer had to guess, at its place in the input text. */
export interface ImportWarning extends TextPoint {
  reason: string
}

/** One line of the printed page. */
export interface PrintedLine extends TextPoint {
  /** The line's text with surrounding whitespace and autospace artifacts removed. */
  text: string
  /** Width in ems: full-width characters count 1, anything else ½. */
  widthEm: number
  /** Whether a page break (3+ blank lines) comes right before this line. */
  pageBreakBefore: boolean
}

/** What {@link collectLines} found. */
export interface CollectedLines {
  lines: PrintedLine[]
  warnings: ImportWarning[]
}

/**
 * Normalise line ends (CRLF, CR) and drop a leading byte order mark.
 *
 * @param text - the input as read.
 * @returns the text with `\n` line ends only; line numbers are unchanged.
 */
export function normalizeText(text: string): string {
  return text.replace(/^\uFEFF/u, '').replace(/\r\n?/gu, '\n')
}

/**
 * Collect the printed lines of extracted text: one printed line per non-blank input line.
 *
 * @param text - normalised text (see {@link normalizeText}).
 * @returns the lines, and warnings for a run of exactly two blank lines (neither a line gap nor a page break) and
 * for spaces between two full-width characters (kept, since they are not autospace).
 */
export function collectLines(text: string): CollectedLines {
  const lines: PrintedLine[] = []
  const warnings: ImportWarning[] = []
  let blankRun = 0
  text.split('\n').forEach((raw, index) => {
    const trimmed = raw.trim()
    if (trimmed === '') {
      blankRun += 1
      return
    }
    const line = index + 1
    const column = raw.length - raw.trimStart().length + 1
    if (blankRun === 2 && lines.length > 0) {
      warnings.push({line, column, reason: 'Two blank lines before this line: read as a line gap, not a page break (three or more); check the extraction'})
    }
    const inner = SPACE_BETWEEN_FULL_WIDTH.exec(trimmed)
    if (inner) {
      warnings.push({line, column: column + inner.index, reason: 'A space between two full-width characters is not autospace, so it was kept: delete it if the extraction added it'})
    }
    const clean = removeAutospace(trimmed)
    lines.push({text: clean, widthEm: measureEm(clean), line, column, pageBreakBefore: blankRun >= 3 && lines.length > 0})
    blankRun = 0
  })
  return {lines, warnings}
}

/**
 * Remove autospace artifacts (a space between a full-width character and a half-width letter or digit).
 *
 * @param text - one printed line.
 * @returns the line with those spaces dropped; spaces inside Latin runs (`ISO 9001`) stay, and a URL and the
 * spaces that set it off are left exactly as they are.
 */
export function removeAutospace(text: string): string {
  const autospace = new RegExp(AUTOSPACE.source, 'gu')
  let out = ''
  let from = 0
  for (const match of text.matchAll(new RegExp(URL.source, 'gu'))) {
    // Note: each stretch between URLs is cleaned alone, so the lookarounds never see the URL's first or last
    // character and the space that separates a URL from Chinese text survives (it is a separator, not layout).
    out += text.slice(from, match.index).replace(autospace, '') + match[0]
    from = match.index + match[0].length
  }
  return out + text.slice(from).replace(autospace, '')
}

/**
 * Measure a line's width.
 *
 * @param text - a printed line, autospace already removed.
 * @returns the width in ems: 1 for each full-width character, ½ for anything else.
 */
export function measureEm(text: string): number {
  let widthEm = 0
  for (const char of text) widthEm += FULL_WIDTH_CHAR.test(char) ? 1 : 0.5
  return widthEm
}
