/**
 * Plain text of the model: the reference text every edition is checked against.
 */
import type {Block, Document, Inline} from './types.ts'

/**
 * The text of inline content, in order, lead-ins and link texts included.
 * @param nodes inline nodes
 */
export function inlineText(nodes: readonly Inline[]): string {
  let out = ''
  for (const node of nodes) out += node.type === 'link' ? inlineText(node.children) : node.value
  return out
}

/**
 * The text of one block.
 * @param block a heading, paragraph or table (its texts joined)
 */
export function blockText(block: Block): string {
  return blockInlines(block).map(inlineText).join('')
}

/**
 * The runs of inline content of a block, in reading order (a table's caption, then its cells row by row).
 * @param block any block
 */
export function blockInlines(block: Block): Inline[][] {
  if (block.type !== 'table') return [block.children]
  return [...(block.caption ? [block.caption.children] : []), ...block.head.map((cell) => cell.children), ...block.rows.flatMap((row) => row.map((cell) => cell.children))]
}

/**
 * The document's text: title, then every block, one per line (no other separators).
 * @param doc the document model
 */
export function toPlainText(doc: Document): string {
  return [doc.meta.title, ...doc.children.map(blockText)].join('\n')
}
