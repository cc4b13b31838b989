/**
 * The document model → hast: the body of the web page and of the embeddable fragment.
 *
 * One handler per model node type (cf. mdast-util-to-hast `lib/handlers`). Text goes into hast
 * text nodes only, so `hast-util-to-html` escapes it; nothing here builds HTML by string.
 */
import {h} from 'hastscript'
import type {Element, ElementContent, Root} from 'hast'
import type {Block, Document, Heading, Inline, Paragraph} from '../../model/types.ts'
import {blockText} from '../../model/text.ts'
import {gongwenHtml} from './gongwen.ts'
import {tableElement} from './table.ts'
import {LINK_PROTOCOLS} from '../../chars.ts'

/** Options of {@link fromModel}. */
export interface Options {
  /** Prefix for every id and every fragment link (`zhiban-<slug>-` in the fragment, `` on the page). */
  idPrefix: string
  /** Blocks placed after the body (the related-document line), in a `<footer>`. */
  after: readonly Block[]
  /** Label of the anchor link a heading carries (its accessible name). */
  anchorLabel: string
}

/** Heading elements by model level: level 1 (`一、`) is `<h2>`, the title being the page's `<h1>`. */
const HEADING_TAGS = {1: 'h2', 2: 'h3', 3: 'h4', 4: 'h5'} as const

/**
 * The body of a document as a hast root: headings, paragraphs, then a `<footer>` with the
 * related-document blocks (when there are any).
 * @param doc the document model
 * @param options id prefix and the blocks placed after the body
 */
export function fromModel(doc: Document, options: Readonly<Options>): Root {
  // Note: a 公文's recipients, signature, attachments and imprint around the body (gongwen.ts); none for other kinds.
  const gongwen = gongwenHtml(doc, options.idPrefix, (blocks) => blocks.flatMap((block) => (block.type === 'table' ? [] : [one(block, options)])))
  let tables = 0
  const children: ElementContent[] = [...gongwen.before, ...doc.children.map((block) => (block.type === 'table' ? tableElement(block, ++tables, options.idPrefix, (nodes) => inlines(nodes, options)) : one(block, options))), ...gongwen.after]
  if (options.after.length > 0) {
    children.push(h('footer.related', options.after.flatMap((block) => (block.type === 'table' ? [] : [one(block, options)]))))
  }
  return {type: 'root', children}
}

/**
 * The 公文 masthead for the page's header, as hast (empty for other kinds).
 * @param doc the document
 * @param idPrefix the id prefix
 */
export function mastheadOf(doc: Document, idPrefix: string): Root {
  return {type: 'root', children: gongwenHtml(doc, idPrefix, () => []).masthead}
}

function one(block: Exclude<Block, {type: 'table'}>, options: Readonly<Options>): Element {
  return block.type === 'heading' ? heading(block, options) : paragraph(block, options)
}

function heading(node: Heading, options: Readonly<Options>): Element {
  const id = options.idPrefix + node.id
  // Note: the anchor link is empty and shows its mark through CSS (`::before`), so the heading's
  // text stays exactly the source's (text extraction, copy and paste) while a reader can still
  // take a deep link; its accessible name is its aria-label.
  return h(HEADING_TAGS[node.level], {id}, [...inlines(node.children, options), h('a.anchor', {href: `#${id}`, ariaLabel: options.anchorLabel})])
}

function paragraph(node: Paragraph, options: Readonly<Options>): Element {
  return h('p', inlines(node.children, options))
}

function inlines(nodes: readonly Inline[], options: Readonly<Options>): ElementContent[] {
  return nodes.map((node): ElementContent => {
    switch (node.type) {
      case 'text':
        return {type: 'text', value: node.value}
      case 'lead':
        // Note: `答：` is a lead-in, not emphasis of meaning; a styled <span> keeps it out of the
        // document outline and screen readers' "strong" announcements.
        return h('span.lead', node.value)
      case 'link': {
        const href = hrefOf(node.url)
        return h('a', href === undefined ? {} : {href}, inlines(node.children, options))
      }
    }
  })
}

/**
 * The text of the document's first paragraph (the lead paragraph); '' when there is none.
 * @param doc the document model
 */
export function leadText(doc: Document): string {
  const first = doc.children.find((block) => block.type === 'paragraph')
  return first ? blockText(first) : ''
}

/**
 * A URL as an href: parsed and serialised by the WHATWG URL parser, which percent-encodes what a
 * URL may not hold (`"`, `<`, spaces …) exactly as a browser would; undefined when it is not an
 * absolute http(s) or mailto URL (the link's text stays, without a target).
 * @param url a URL from the source
 */
export function hrefOf(url: string): string | undefined {
  try {
    const parsed = new URL(url)
    return LINK_PROTOCOLS.some((p) => parsed.protocol === `${p}:`) ? parsed.href : undefined
  } catch {
    return undefined
  }
}
