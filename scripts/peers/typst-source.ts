/**
 * The benchmark's Typst peer (scripts/bench-peers.ts): one zhiban document written as a Typst source, so that Typst
 * sets the same text as zhiban's editions: an A4 page in the official profile's sizes (16 pt body, 22 pt title,
 * 28 mm margins), an A5 page in the booklet's, and Typst's HTML export, chosen by `sys.inputs.paper`.
 *
 * Note: every text goes in as a Typst string literal (`#"…"`), whose only escapes are `\` and `"`: no character of a
 * source can turn into Typst markup or code.
 */
import type {Block, Document, Inline} from '../model/types.ts'

/** A Typst string literal. */
function str(text: string): string {
  return `"${text.replace(/[\\"]/g, (c) => `\\${c}`).replace(/\n/g, '\\n')}"`
}

function inline(nodes: readonly Inline[]): string {
  return nodes.map((n) => (n.type === 'link' ? `#link(${str(n.url)})[${inline(n.children)}]` : `#${str(n.value)}`)).join('')
}

function block(b: Block): string {
  if (b.type === 'heading') return `${'='.repeat(b.level)} ${inline(b.children)}`
  if (b.type === 'paragraph') return inline(b.children)
  const row = (cells: readonly {children: Inline[]}[]) => cells.map((c) => `[${inline(c.children)}]`).join(', ')
  const caption = b.caption ? `, caption: [${inline(b.caption.children)}]` : ''
  return `#figure(kind: table${caption}, table(columns: ${b.head.length}, table.header(${row(b.head)}), ${b.rows.map(row).join(', ')}))`
}

/**
 * The Typst source of a document.
 * @param doc the document model
 * @param fonts the body's (and title's) and the headings' font families, as Typst finds them in the font folder
 */
export function typstSource(doc: Readonly<Document>, fonts: {body: string; heading: string}): string {
  const blocks = [...doc.children, ...(doc.attachments ?? []).flatMap((a) => [{type: 'heading', level: 1, id: a.id, children: [{type: 'text', value: `附件${a.number} ${a.title}`}]} as Block, ...a.children])]
  return [
    '#let paper = sys.inputs.at("paper", default: "a4")',
    '#let a4 = paper == "a4"',
    `#set document(title: ${str(doc.meta.title)}, author: ${str(doc.meta.issuer)})`,
    '#set page(paper: if a4 { "a4" } else { "a5" }, margin: if a4 { (top: 37mm, bottom: 35mm, left: 28mm, right: 26mm) } else { (x: 15mm, y: 18mm) }, numbering: "— 1 —", number-align: center)',
    `#set text(font: ${str(fonts.body)}, lang: "zh", region: "cn", size: if a4 { 16pt } else { 10.5pt })`,
    '#set par(justify: true, first-line-indent: (amount: 2em, all: true), leading: if a4 { 0.8em } else { 0.7em })',
    `#show heading: set text(font: ${str(fonts.heading)}, size: if a4 { 16pt } else { 11pt }, weight: "regular")`,
    // Note: `set align` in a scope, not `align()`: Typst's HTML export keeps the text of the one, drops the other.
    '#[',
    '#set align(center)',
    '#set par(first-line-indent: 0em)',
    `#text(size: if a4 { 22pt } else { 16pt }, weight: "black", ${str(doc.meta.title)})`,
    '',
    `#${str(doc.meta.issuer)} #${str(doc.meta.date)}`,
    ']',
    '',
    ...blocks.map(block).flatMap((b) => [b, '']),
  ].join('\n')
}
