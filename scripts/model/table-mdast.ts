/**
 * mdast table → model table, and the caption rule: the paragraph right before a table whose text starts with
 * `表` and a number (`表1 2025年度检查情况统计`) becomes the table's caption instead of a paragraph.
 */
import type {PhrasingContent, Table as MdTable} from 'mdast'
import type {Block, Inline} from './types.ts'
import {CAPTION, type Table, type TableCell} from './table.ts'
import {inlineText} from './text.ts'

/**
 * A model table from an mdast table (already checked: cells hold text and links only).
 * @param node the mdast table
 * @param inlines converts a cell's phrasing content
 */
export function tableBlock(node: MdTable, inlines: (nodes: readonly PhrasingContent[]) => Inline[]): Table {
  const columns = node.align?.length ?? node.children[0]?.children.length ?? 0
  const cells = (index: number): TableCell[] => {
    const row = node.children[index]
    return Array.from({length: columns}, (_, col) => {
      const cell = row?.children[col]
      return cell ? {children: inlines(cell.children), ...(cell.position ? {position: cell.position} : {})} : {children: []}
    })
  }
  return {
    type: 'table',
    align: Array.from({length: columns}, (_, col) => node.align?.[col] ?? null),
    head: cells(0),
    rows: node.children.slice(1).map((_, i) => cells(i + 1)),
    ...(node.position ? {position: node.position} : {}),
  }
}

/**
 * Move the paragraph before the table into its caption when it reads `表` + a number.
 * @param table the table just made
 * @param blocks the blocks made so far (the caption paragraph is removed from them)
 */
export function takeCaption(table: Table, blocks: Block[]): void {
  const before = blocks[blocks.length - 1]
  if (before?.type !== 'paragraph' || !CAPTION.test(inlineText(before.children))) return
  blocks.pop()
  table.caption = {children: before.children, ...(before.position ? {position: before.position} : {})}
}
