/**
 * Printed lines → blocks (paragraphs and headings), deciding paragraph ends from the printed layout.
 */
import {LATIN_LETTER, LEVEL_1_MARK, LEVEL_2_MARK, NON_HEADING_END, QUESTION_END, SENTENCE_END} from './classes.ts'
import type {ImportWarning, PrintedLine, TextPoint} from './printed-lines.ts'

/** A block of the imported body; it starts at `line`:`column` of the input. */
export type Block =
  | (TextPoint & {type: 'paragraph'; text: string})
  | (TextPoint & {type: 'heading'; depth: 2 | 3; text: string; question: boolean})

/** The page layout the lines were printed with, in ems. */
export interface Layout {
  /** Width of a full line. */
  fullLineEm: number
  /** Indent of a paragraph's first line (dropped by the extraction). */
  indentEm: number
  /** How much shorter than full a line must be to end its paragraph. */
  shortfallEm: number
}

/** What {@link toBlocks} found. */
export interface BlocksResult {
  blocks: Block[]
  warnings: ImportWarning[]
}

// Note: a question heading longer than this many printed lines is more likely body text that starts with `一、`.
const MAX_HEADING_LINES = 3

/**
 * Find the typical full-line width: the most frequent line width (the wider one on a tie).
 *
 * @param lines - the body's printed lines.
 * @returns the width in ems, or 0 when there are no lines.
 */
export function typicalWidthEm(lines: readonly PrintedLine[]): number {
  const counts = new Map<number, number>()
  for (const {widthEm} of lines) counts.set(widthEm, (counts.get(widthEm) ?? 0) + 1)
  let best = 0
  let bestCount = 0
  for (const [widthEm, count] of counts) {
    if (count > bestCount || (count === bestCount && widthEm > best)) {
      best = widthEm
      bestCount = count
    }
  }
  return best
}

/**
 * Join two pieces of wrapped text: nothing goes between them, except one space between two Latin letters.
 *
 * @param before - the text so far (may be empty).
 * @param after - the next line.
 * @returns the joined text.
 */
export function joinText(before: string, after: string): string {
  if (before === '') return after
  return LATIN_LETTER.test(before.slice(-1)) && LATIN_LETTER.test(after.slice(0, 1)) ? `${before} ${after}` : before + after
}

/**
 * Rejoin printed lines into paragraphs and headings, across page breaks too.
 *
 * A line ends its paragraph when it is more than `shortfallEm` shorter than a full line (a first line is measured
 * against the full width less the indent), when a heading follows, or when it is the last line.
 *
 * @param lines - the body's printed lines, in order.
 * @param layout - the page layout in ems.
 * @returns the blocks, and warnings for every guess: a break taken from the next line's indent alone, a line
 * within ½ em of the shortfall threshold, a line after a paragraph end that is not indented, and a `一、` line that
 * is not a question heading.
 */
export function toBlocks(lines: readonly PrintedLine[], layout: Readonly<Layout>): BlocksResult {
  const blocks: Block[] = []
  const warnings: ImportWarning[] = []
  let index = 0
  while (index < lines.length) {
    const start = lines[index]
    if (!start) break
    const heading = matchHeading(lines, index, layout)
    if (heading) {
      const text = lines.slice(index, heading.end + 1).reduce((joined, line) => joinText(joined, line.text), '')
      blocks.push({type: 'heading', depth: heading.depth, text, question: QUESTION_END.test(text), line: start.line, column: start.column})
      index = heading.end + 1
      continue
    }
    if (LEVEL_1_MARK.test(start.text)) {
      warnings.push({...point(start), reason: 'The line starts with a sequence mark like `一、` but is not a question ending in `？`: kept as a paragraph; make it `## …` by hand if it is a heading'})
    }
    if (start.widthEm > layout.fullLineEm - layout.indentEm + layout.shortfallEm) {
      warnings.push({...point(start), reason: 'The line starts a paragraph but is not indented (it is nearly full width): check that the line before really ends its paragraph'})
    }
    let text = ''
    for (let first = true; index < lines.length; first = false) {
      const line = lines[index]
      if (!line) break
      text = joinText(text, line.text)
      index += 1
      const next = lines[index]
      if (!next || matchHeading(lines, index, layout)) break
      const shortfallEm = layout.fullLineEm - (first ? layout.indentEm : 0) - line.widthEm
      if (shortfallEm > layout.shortfallEm - 0.5 && shortfallEm <= layout.shortfallEm + 0.5) {
        warnings.push({...point(line), reason: `The line is ${shortfallEm} em short of full, near the ${layout.shortfallEm} em that ends a paragraph: check the paragraph break here`})
      }
      if (shortfallEm > layout.shortfallEm) break
      // Note: a paragraph can end exactly at the measure; the only trace is the next line's indent. A full line
      // ending a sentence, followed by a line exactly as wide as an indented one, is taken as such an end.
      const indentedWidthEm = layout.fullLineEm - layout.indentEm
      if (SENTENCE_END.test(line.text) && Math.abs(next.widthEm - indentedWidthEm) <= 0.5) {
        warnings.push({...point(next), reason: 'The line before ends a sentence at full width and this line is as wide as an indented one: guessed a paragraph break before it'})
        break
      }
    }
    blocks.push({type: 'paragraph', text, line: start.line, column: start.column})
  }
  return {blocks, warnings}
}

/** A heading found at a line: its Markdown depth and the index of its last line. */
interface HeadingMatch {
  depth: 2 | 3
  end: number
}

/**
 * Whether a heading starts at `index`: `一、…？` (it may wrap), or a whole short line `（一）…`.
 */
function matchHeading(lines: readonly PrintedLine[], index: number, layout: Readonly<Layout>): HeadingMatch | undefined {
  const first = lines[index]
  if (!first) return undefined
  if (LEVEL_1_MARK.test(first.text)) {
    let text = ''
    for (let end = index; end < lines.length && end < index + MAX_HEADING_LINES; end += 1) {
      const line = lines[end]
      if (!line) break
      text = joinText(text, line.text)
      if (QUESTION_END.test(text)) return {depth: 2, end}
      if (isShort(line, end === index, layout)) break
    }
    return undefined
  }
  if (LEVEL_2_MARK.test(first.text) && isShort(first, true, layout) && !NON_HEADING_END.test(first.text)) {
    return {depth: 3, end: index}
  }
  return undefined
}

function isShort(line: PrintedLine, first: boolean, layout: Readonly<Layout>): boolean {
  return line.widthEm < layout.fullLineEm - (first ? layout.indentEm : 0) - layout.shortfallEm
}

function point(line: PrintedLine): TextPoint {
  return {line: line.line, column: line.column}
}
