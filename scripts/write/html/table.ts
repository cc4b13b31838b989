/**
 * Tables in the web editions: `<table>` with `<caption>`, `<thead>` of `<th scope="col">` and `<tbody>`, inside a
 * scroll container, so a wide table scrolls sideways on a narrow screen while the page itself never overflows.
 *
 * The container is a labelled, focusable region (keyboard users can scroll it: axe's scrollable-region-focusable);
 * alignment is a class (`num` right, `mid` centred), never a style attribute (the sanitiser allows none). The rules
 * live in `templates/html/partials/table-css.hbs`, scoped under `.zhiban-doc`, added only when a document has tables.
 */
import {h} from 'hastscript'
import type {Element, ElementContent} from 'hast'
import type {Inline} from '../../model/types.ts'
import {columnAligns, type CellAlign, type Table} from '../../model/table.ts'

const CLASS: Record<CellAlign, string | undefined> = {left: undefined, center: 'mid', right: 'num'}

/**
 * A model table as hast.
 * @param table the model table
 * @param index the table's number among the document's tables (for its caption's id)
 * @param idPrefix the document's id prefix
 * @param inlines converts inline content
 */
export function tableElement(table: Table, index: number, idPrefix: string, inlines: (nodes: readonly Inline[]) => ElementContent[]): Element {
  const aligns = columnAligns(table)
  const captionId = `${idPrefix}table-${index}`
  const cell = (tag: 'th' | 'td', children: readonly Inline[], col: number): Element => {
    const align = tag === 'th' ? undefined : CLASS[aligns[col]!]
    return h(tag, {...(tag === 'th' ? {scope: 'col'} : {}), ...(align ? {className: [align]} : {})}, inlines(children))
  }
  const caption = table.caption ? [h('caption', {id: captionId}, inlines(table.caption.children))] : []
  const label = table.caption ? {ariaLabelledBy: captionId} : {ariaLabel: '表格'}
  return h('div.table-scroll', {role: 'region', tabIndex: 0, ...label}, [
    h('table', [
      ...caption,
      h('thead', [h('tr', table.head.map((c, col) => cell('th', c.children, col)))]),
      ...(table.rows.length > 0 ? [h('tbody', table.rows.map((row) => h('tr', row.map((c, col) => cell('td', c.children, col)))))] : []),
    ]),
  ])
}
