/**
 * The trailing related-document items of extracted text (`<title> <URL>`), and the date their URLs give away.
 */
import {CLAUSE_END, TITLE_AND_URL, URL_DATE} from './classes.ts'
import {joinText} from './paragraphs.ts'
import type {ImportWarning, PrintedLine} from './printed-lines.ts'
import type {RelatedDocument} from '../model/types.ts'

/** A related document (the model's, model/types.ts). */
export type {RelatedDocument}

/** What {@link takeRelated} found. */
export interface RelatedResult {
  /** The lines before the related items: the body. */
  body: PrintedLine[]
  /** The related documents, in the order printed. */
  related: RelatedDocument[]
  warnings: ImportWarning[]
}

// Note: a title longer than this many printed lines is more likely body text ending in a URL.
const MAX_TITLE_LINES = 3

/**
 * Take the related-document items off the end of the text: each is a title (it may wrap) and an http(s) URL
 * ending its last line. The title starts after the last line that ends with clause or sentence punctuation.
 *
 * @param lines - all printed lines, in order.
 * @returns the body lines, the related documents, and a warning for a trailing URL with no title (left in the body).
 */
export function takeRelated(lines: readonly PrintedLine[]): RelatedResult {
  const body = [...lines]
  const related: RelatedDocument[] = []
  const warnings: ImportWarning[] = []
  for (;;) {
    const last = body.at(-1)
    const match = last ? TITLE_AND_URL.exec(last.text) : null
    if (!last || !match) break
    const [, tail = '', url = ''] = match
    let start = body.length - 1
    while (start > 0 && body.length - start < MAX_TITLE_LINES) {
      const previous = body[start - 1]
      if (!previous || CLAUSE_END.test(previous.text) || TITLE_AND_URL.test(previous.text)) break
      start -= 1
    }
    const title = [...body.slice(start, -1).map((line) => line.text), tail].reduce(joinText, '')
    if (title === '') {
      warnings.push({line: last.line, column: last.column, reason: 'The last line is a URL with no title before it: kept in the body; add it to `related` by hand if it is a related document'})
      break
    }
    related.unshift({title, url})
    body.splice(start)
  }
  return {body, related, warnings}
}

/**
 * Guess the document's date from a related URL's `tYYYYMMDD_` path part (`t20221110_` → `2022-11-10`).
 *
 * @param related - the related documents.
 * @returns the first valid ISO date found, or `undefined`.
 */
export function guessDate(related: readonly RelatedDocument[]): string | undefined {
  for (const {url} of related) {
    const match = URL_DATE.exec(url)
    if (!match) continue
    const iso = `${match[1]}-${match[2]}-${match[3]}`
    const date = new Date(`${iso}T00:00:00Z`)
    if (!Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === iso) return iso
  }
  return undefined
}
