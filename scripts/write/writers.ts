/**
 * The writer table: each edition's writer, beside the writers, loaded only when the edition is built
 * (scripts/typeset/FONTS.md §3: startup dominates a small build; a PDF-only build never loads docx or the HTML writer).
 */
import type {EditionName, Writer} from '../editions.ts'

/** Each edition's writer, loaded on first use. */
export const WRITERS: Record<EditionName, () => Promise<Writer>> = {
  pdf: async () => (await import('./pdf.ts')).writePdfEdition,
  booklet: async () => (await import('./booklet.ts')).writeBookletEdition,
  docx: async () => (await import('./docx/index.ts')).writeDocxEdition,
  ofd: async () => (await import('./ofd/index.ts')).writeOfdEdition,
  html: async () => (await import('./html/index.ts')).writeHtmlEdition,
}
