/**
 * A model table as a block to flow (typeset.ts hooks): its texts collected with their source offsets.
 */
import type {Inline} from '../model/types.ts'
import {columnAligns, numericColumns, type Table} from '../model/table.ts'
import type {FlowBlock} from './flow.ts'
import type {Collected} from './paragraph.ts'

const EMPTY: Collected = {text: '', offsets: [], links: []}

/**
 * The flow block of a table.
 * @param table the model table
 * @param index its index in the document
 * @param collect collects inline content with its source offsets
 */
export function tableFlowBlock(table: Table, index: number, collect: (nodes: readonly Inline[]) => Collected): FlowBlock {
  return {
    role: 'td', profileRole: 'body', block: index, collected: EMPTY,
    table: {
      ...(table.caption ? {caption: collect(table.caption.children)} : {}),
      head: table.head.map((cell) => collect(cell.children)),
      rows: table.rows.map((row) => row.map((cell) => collect(cell.children))),
      aligns: columnAligns(table),
      numeric: numericColumns(table),
    },
  }
}

/**
 * A flow block as the blocks whose glyphs are checked: a table's caption (in the level-1 heading's font) and its
 * cells (in the body's), each with its own source offsets; any other block as it is.
 * @param block a flow block
 */
export function tableGlyphBlocks(block: FlowBlock): FlowBlock[] {
  const table = block.table
  if (!table) return [block]
  const cells = [...table.head, ...table.rows.flat()].map((collected): FlowBlock => ({...block, table: undefined, collected}))
  return [...(table.caption ? [{...block, table: undefined, profileRole: 'heading1' as const, collected: table.caption}] : []), ...cells]
}
