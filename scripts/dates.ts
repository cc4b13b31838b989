/**
 * Dates, in one place: the form official documents print a date in (the cover, the colophon, the web page, the
 * listing), and the fixed date of a document's files.
 */
import type {Document} from './model/types.ts'

/**
 * An ISO date as official documents print it: `2022年11月10日` (GB/T 9704 §7.3.5.3: Arabic numerals, no leading
 * zeros).
 * @param iso a date `YYYY-MM-DD`
 * @throws Error when it is not one
 */
export function cnDate(iso: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso)
  if (!match) throw new Error(`cnDate: \`${iso}\` is not an ISO date`)
  return `${match[1]}年${Number(match[2])}月${Number(match[3])}日`
}

/**
 * The document's fixed date: its `date` at 00:00 UTC; SOURCE_DATE_EPOCH only when the source has none.
 * @param doc the document
 */
export function documentDate(doc: Document): Date {
  if (doc.meta.date) return new Date(`${doc.meta.date}T00:00:00Z`)
  const epoch = Number(process.env.SOURCE_DATE_EPOCH)
  return new Date(Number.isFinite(epoch) ? epoch * 1000 : 0)
}
