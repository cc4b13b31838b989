/**
 * A model table as a block to flow (typeset.ts hooks): its texts collected with their source offsets.
 */
import type {Document, Inline} from '../model/types.ts'
import type {Profile} from '../profile.ts'
import type {LoadedFont} from './fonts.ts'
import {tableColumns, type TableColumns} from './table.ts'
import {allBlocks, columnAligns, numericColumns, type Table} from '../model/table.ts'
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

/**
 * The columns of every table of a document as the layout of a profile sets them, by block index (model/table.ts
 * allBlocks: the body's, then the attachments'; undefined for a block that is no table): what the Word edition, which lays out no text itself, gives its tables.
 * @param doc the document
 * @param profile the profile (the official one)
 * @param fonts its fonts
 */
export function documentTableColumns(doc: Document, profile: Profile, fonts: ReadonlyMap<string, LoadedFont>): (TableColumns | undefined)[] {
  const plain = (nodes: readonly Inline[]): Collected => {
    const text = nodes.map((n) => (n.type === 'link' ? n.children.map((c) => c.value).join('') : n.value)).join('')
    return {text, offsets: Array.from({length: text.length}, () => undefined), links: Array.from({length: text.length}, () => undefined)}
  }
  return allBlocks(doc).map((block, index) => (block.type === 'table' ? tableColumns(tableFlowBlock(block, index, plain).table!, profile, fonts) : undefined))
}
