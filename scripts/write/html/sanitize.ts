/**
 * The allow-list the body fragment passes through before it is placed in a template: defence in
 * depth behind the writer, which only ever puts source text into text nodes.
 *
 * Only the elements `fromModel` makes survive; no script or style elements, no event handler or
 * style attributes, links only to http(s), mailto or a fragment, ids only with the given prefix.
 */
import {sanitize as hastSanitize, type Schema} from 'hast-util-sanitize'
import type {Root} from 'hast'
import {GONGWEN_KINDS} from '../../model/gongwen.ts'
import {ABSOLUTE_LINK, LINK_PROTOCOLS} from '../../chars.ts'

/** Elements the body fragment may hold. */
export const ALLOWED_TAGS = ['h2', 'h3', 'h4', 'h5', 'p', 'a', 'span', 'footer', 'div', 'section', 'ol', 'li', 'time', 'table', 'caption', 'thead', 'tbody', 'tr', 'th', 'td'] as const

/** Classes of a 公文's parts (gongwen.ts). */
const GONGWEN_CLASSES = new RegExp(`^(${['masthead', 'corner', 'mark', 'organs', 'suffix', 'number', 'signers', 'recipients', 'attendance', 'label', 'attachment-note', 'signature', 'sealed', 'unsealed', 'issuers', 'date', 'note', 'attachment', 'attachment-label', 'attachment-title', 'imprint', 'cc', 'printed', 'printer', ...GONGWEN_KINDS].join('|')})$`)

/** An href the fragment may carry: http(s), mailto, or a fragment of this document. */
export const ALLOWED_HREF = new RegExp(`${ABSOLUTE_LINK.source}|^#`, 'i')

/**
 * The schema for a fragment whose ids carry `idPrefix`.
 * @param idPrefix every id must start with it (`zhiban-<slug>-` in the fragment, `` on the page)
 */
export function sanitizeSchema(idPrefix: string): Schema {
  const id = new RegExp(`^${escapeRegExp(idPrefix)}[a-z][a-z0-9-]*$`)
  return {
    tagNames: [...ALLOWED_TAGS],
    // Note: `strip` drops an element with its content; anything else not allowed is unwrapped
    // (its text kept), so a stray element can never cost the reader a character.
    strip: ['script', 'style'],
    attributes: {
      h2: [['id', id], ['className', GONGWEN_CLASSES]],
      h3: [['id', id]],
      h4: [['id', id]],
      h5: [['id', id]],
      a: ['href', 'ariaLabel', ['className', 'anchor']],
      span: [['className', 'lead', GONGWEN_CLASSES]],
      footer: [['className', 'related', GONGWEN_CLASSES]],
      p: [['className', GONGWEN_CLASSES]],
      // Note: a table's scroll container (write/html/table.ts): a focusable region named by the caption; a 公文's parts.
      div: [['className', 'table-scroll', GONGWEN_CLASSES], ['role', 'region'], ['tabIndex', 0], ['ariaLabelledBy', id], 'ariaLabel'],
      section: [['id', id], ['className', GONGWEN_CLASSES]],
      time: ['dateTime'],
      caption: [['id', id]],
      th: [['scope', 'col']],
      td: [['className', 'num', 'mid']],
    },
    protocols: {href: [...LINK_PROTOCOLS]},
    // Note: ids are prefixed by the writer (so links to them can be too); the schema only checks.
    clobber: [],
    clobberPrefix: '',
    allowComments: false,
    allowDoctypes: false,
  }
}

/**
 * A sanitised copy of a body fragment; an href not matching {@link ALLOWED_HREF} is removed.
 * @param tree the body as hast
 * @param idPrefix the prefix every id must carry
 */
export function sanitize(tree: Root, idPrefix: string): Root {
  const clean = hastSanitize(tree, sanitizeSchema(idPrefix)) as Root
  dropHrefs(clean)
  return clean
}

function dropHrefs(node: Root | Root['children'][number]): void {
  if (node.type === 'element' && typeof node.properties.href === 'string' && !ALLOWED_HREF.test(node.properties.href)) {
    delete node.properties.href
  }
  if ('children' in node) for (const child of node.children) dropHrefs(child)
}

function escapeRegExp(value: string): string {
  return value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}
