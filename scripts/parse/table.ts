/**
 * Plugin: GFM pipe tables, and nothing else of GFM.
 *
 * Note: remark-gfm turns on every GFM extension at once (autolink literals would turn a bare address in a
 * paragraph into a link, `~~` into deletion, `[^1]` into footnotes), and has no option to take only tables. These
 * are its own table parts (micromark-extension-gfm-table and mdast-util-gfm-table, pinned), registered as
 * remark-gfm registers them, so strikethrough, autolinks, footnotes and task lists are read and refused as before.
 */
import {gfmTable} from 'micromark-extension-gfm-table'
import {gfmTableFromMarkdown} from 'mdast-util-gfm-table'
import type {Processor} from 'unified'
import type {RootContent, Table as MdTable} from 'mdast'
import type {VFile} from 'vfile'
import {visit} from 'unist-util-visit'
import {say} from '../diagnostics/message.ts'
import {LINKABLE} from '../chars.ts'

/** Add the table syntax to remark-parse. */
export default function remarkZhibanTable(this: Processor): void {
  const data = this.data()
  data.micromarkExtensions = [...(data.micromarkExtensions ?? []), gfmTable()]
  data.fromMarkdownExtensions = [...(data.fromMarkdownExtensions ?? []), gfmTableFromMarkdown()]
}

/**
 * Check a table: its cells hold plain text and links only (no line break, list, emphasis or HTML: a cell is
 * inline text, set as one paragraph in every edition). Every refusal names the place in the source.
 * @param node the mdast table
 * @param file where to report
 * @param describe how the structure plugin names a node
 */
export function checkTable(node: MdTable, file: VFile, describe: (node: RootContent) => string): void {
  const columns = node.align?.length ?? node.children[0]?.children.length ?? 0
  for (const row of node.children) {
    // Note: GFM ignores the cells past the header's count; zhiban never drops text, so such a row is an error.
    const extra = row.children[columns]
    if (extra) say(file, 'unknown-node', `This row has ${row.children.length} cells but the table has ${columns} columns: remove the extra \`|\` or add a column to the header and delimiter rows`, {place: extra.position})
    for (const cell of row.children) {
      visit(cell, (child) => {
        if (child === cell) return undefined
        if (child.type !== 'text' && child.type !== 'link') {
          const what = child.type === 'html' && /^<br\s*\/?>$/i.test(child.value) ? 'A line break (`<br>`)' : describe(child as RootContent)
          say(file, 'unknown-node', `${what} in a table cell: a cell holds inline text only (plain text and links); write the cell as one run of text, or put the content in a paragraph after the table`, {place: child.position})
          return 'skip'
        }
        if (child.type === 'link' && !LINKABLE.test(child.url)) {
          say(file, 'link-protocol', `The link \`${child.url}\` is not http(s) or mailto: only those can be published`, {place: child.position})
        }
        return undefined
      })
    }
  }
}
