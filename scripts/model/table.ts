/**
 * Tables of the document model (GB/T 9704 §8; the types are in types.ts): what every edition needs to agree on is
 * decided here once: what a caption is, which columns are numeric and how each cell aligns.
 */
import type {Block, Document, Table, TableCell} from './types.ts'
import {inlineText} from './text.ts'

export type {ColumnAlign, Table, TableCell} from './types.ts'

/** A caption: `表` and a number (`表1`, `表2-1`, `表３`), then the caption's text. */
export const CAPTION = /^表[0-9０-９]+(?:[-－.．][0-9０-９]+)*(?![0-9０-９])/u

/** A number as a table cell holds it: sign, digits with thousands commas and decimals, a percent or permille. */
const NUMBER = /^[-+−]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?[%‰]?$/u

/**
 * The plain text of a cell.
 * @param cell a cell
 */
export function cellText(cell: Readonly<TableCell>): string {
  return inlineText(cell.children)
}

/**
 * Whether each column is numeric: every non-empty body cell is a number, and at least one is.
 * @param table the table
 */
export function numericColumns(table: Readonly<Table>): boolean[] {
  return table.align.map((_, col) => {
    const texts = table.rows.map((row) => (row[col] ? cellText(row[col]!).trim() : '')).filter((text) => text !== '')
    return texts.length > 0 && texts.every((text) => NUMBER.test(text))
  })
}

/** How a cell is set across its column: the source's alignment, else right for a numeric column, else left. */
export type CellAlign = 'left' | 'center' | 'right'

/**
 * The alignment of each column's body cells (header cells are centred in every edition).
 * @param table the table
 */
export function columnAligns(table: Readonly<Table>): CellAlign[] {
  const numeric = numericColumns(table)
  return table.align.map((align, col) => align ?? (numeric[col] ? 'right' : 'left'))
}

/**
 * Every block of a document in reading order: the body's, then each attachment's. A block's index here is its
 * `block` number in the page model (one numbering, so that two tables never share a structure element or their
 * columns), and the index the Word edition looks its table's columns up by.
 * @param doc the document
 */
export function allBlocks(doc: Readonly<Document>): Block[] {
  return [...doc.children, ...(doc.attachments ?? []).flatMap((a) => a.children)]
}

/**
 * Whether a document holds a table anywhere (its body or an attachment): the editions then add their table styles.
 * @param doc the document
 */
export function hasTable(doc: Readonly<Document>): boolean {
  return allBlocks(doc).some((block) => block.type === 'table')
}
