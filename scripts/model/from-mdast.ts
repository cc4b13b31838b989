/**
 * mdast → the document model, through a handler table (cf. mdast-util-to-hast `lib/handlers`).
 *
 * The structure plugin has already rejected what the editions cannot render; a node type with no
 * handler here is still reported (`unknown-node`), never dropped.
 */
import type {Heading as MdHeading, Link as MdLink, Paragraph as MdParagraph, PhrasingContent, Root, RootContent, Table as MdTable, Text as MdText} from 'mdast'
import type {VFile} from 'vfile'
import type {ContainerDirective} from 'mdast-util-directive'
import type {Attachment, Block, Document, DocumentMeta, Heading, Inline, Paragraph, Text} from './types.ts'
import {say} from '../diagnostics/message.ts'
import {tableBlock, takeCaption} from './table-mdast.ts'

/** Lead-ins split off the start of a paragraph into a {@link LeadIn} node (their text stays in the paragraph). */
export const LEAD_INS = ['答：', '问：'] as const

interface State {
  file: VFile
  kind: DocumentMeta['kind']
  /** Heading counters per level, for stable anchor ids. */
  counters: number[]
}

type BlockHandler = (node: never, state: State) => Block | undefined
type InlineHandler = (node: never, state: State) => Inline[]

const BLOCKS: Record<string, BlockHandler> = {
  heading: (node: MdHeading, state) => heading(node, state),
  paragraph: (node: MdParagraph, state) => paragraph(node, state),
  table: (node: MdTable, state) => tableBlock(node, (cells) => inlines(cells, state)),
  yaml: () => undefined,
}

const INLINES: Record<string, InlineHandler> = {
  text: (node: MdText) => [text(node)],
  link: (node: MdLink, state) => [link(node, state)],
}

/**
 * Convert a parsed, checked tree to the document model.
 * @param tree mdast root (after the zhiban plugins)
 * @param file its file; `file.data.meta` must be set
 * @param slug the source's slug
 */
export function fromMdast(tree: Root, file: VFile, slug: string): Document {
  const meta = file.data.meta
  if (!meta) throw new Error('fromMdast: file.data.meta is not set (run the front-matter plugin first)')
  const state: State = {file, kind: meta.kind, counters: []}
  const children: Block[] = []
  const attachments: Attachment[] = []
  for (const node of tree.children) {
    // Note: attachments (parse/attachments.ts) become the document's `attachments`, numbered in order.
    if (node.type === 'containerDirective' && node.name === 'attachment') {
      attachments.push(attachment(node, attachments.length + 1, state))
      continue
    }
    const block = one(node, state)
    if (!block) continue
    // Note: a caption is the paragraph right before a table when it starts with `表` and a number (model/table.ts).
    if (block.type === 'table') takeCaption(block, children)
    children.push(block)
  }
  return {type: 'document', meta, slug, children, ...(attachments.length > 0 ? {attachments} : {})}
}

function attachment(node: ContainerDirective, number: number, state: State): Attachment {
  const children: Block[] = []
  for (const child of node.children) {
    if (child.type === 'paragraph' && child.data && 'directiveLabel' in child.data) continue
    const block = one(child, state)
    if (block) children.push(block)
  }
  return {type: 'attachment', number, id: `attachment-${number}`, title: node.attributes?.title?.trim() ?? '', children, ...pos(node)}
}

function one(node: RootContent, state: State): Block | undefined {
  const handler = BLOCKS[node.type]
  if (!handler) {
    say(state.file, 'unknown-node', `A \`${node.type}\` node cannot be rendered: write it as paragraphs or headings`, {place: node.position})
    return undefined
  }
  return handler(node as never, state)
}

function inlines(nodes: readonly PhrasingContent[], state: State): Inline[] {
  const out: Inline[] = []
  for (const node of nodes) {
    const handler = INLINES[node.type]
    if (!handler) {
      say(state.file, 'unknown-node', `A \`${node.type}\` node cannot be rendered: write plain text`, {place: node.position})
      continue
    }
    out.push(...handler(node as never, state))
  }
  return out
}

function heading(node: MdHeading, state: State): Heading {
  const level = Math.min(Math.max(node.depth - 1, 1), 4) as Heading['level']
  state.counters = state.counters.slice(0, level)
  while (state.counters.length < level) state.counters.push(0)
  state.counters[level - 1] = (state.counters[level - 1] ?? 0) + 1
  const prefix = state.kind === 'press-qa' ? 'q' : 's'
  return {type: 'heading', level, id: prefix + state.counters.join('-'), children: inlines(node.children, state), ...pos(node)}
}

function paragraph(node: MdParagraph, state: State): Paragraph {
  const children = inlines(node.children, state)
  const first = children[0]
  if (first?.type === 'text') {
    const lead = LEAD_INS.find((l) => first.value.startsWith(l))
    if (lead) {
      const start = first.position?.start
      const rest: Text = {type: 'text', value: first.value.slice(lead.length)}
      if (first.position && start?.offset !== undefined) {
        rest.position = {start: {line: start.line, column: start.column + lead.length, offset: start.offset + lead.length}, end: first.position.end}
      }
      const leadNode = {type: 'lead' as const, value: lead, ...(first.position && start ? {position: {start, end: rest.position?.start ?? start}} : {})}
      children.splice(0, 1, leadNode, ...(rest.value ? [rest] : []))
    }
  }
  return {type: 'paragraph', children, ...pos(node)}
}

function text(node: MdText): Text {
  return {type: 'text', value: node.value, ...pos(node)}
}

function link(node: MdLink, state: State): Inline {
  const children = inlines(node.children, state).map((child): Text => (child.type === 'text' ? child : {type: 'text', value: child.type === 'lead' ? child.value : ''}))
  return {type: 'link', url: node.url, children, ...pos(node)}
}

function pos(node: {position?: Block['position']}): {position?: NonNullable<Block['position']>} {
  return node.position ? {position: node.position} : {}
}
