/**
 * Plugin: the document's shape. Only what every edition can render passes; anything else is a
 * fatal, positioned message (never silently dropped).
 */
import type {Root, RootContent} from 'mdast'
import type {VFile} from 'vfile'
import {visit} from 'unist-util-visit'
import {say} from '../diagnostics/message.ts'
import {pointAt} from '../diagnostics/place.ts'
import {checkTable} from './table.ts'
import {LINKABLE} from '../chars.ts'

/** Block node types the editions render. */
export const SUPPORTED_BLOCKS = new Set(['paragraph', 'heading', 'table', 'yaml'])
/** Inline node types the editions render. */
export const SUPPORTED_INLINES = new Set(['text', 'link'])

/** Check the tree's shape: supported nodes only, headings `##`–`#####`, safe links, a body that is not empty. */
export default function remarkZhibanStructure() {
  return (tree: Root, file: VFile): void => {
    const body = tree.children.filter((node) => node.type !== 'yaml')
    if (body.length === 0) {
      const end = tree.position?.end
      say(file, 'body-empty', 'The source has no body: write the lead paragraph and one `##` heading per question after the front matter', {place: end ?? {line: 1, column: 1}})
    }
    for (const node of body) checkBlock(node, file)
  }
}

/** A GFM table delimiter row (`|---|:--:|`). */
const DELIMITER_ROW = /^\s*\|?\s*:?-+:?\s*(\|\s*:?-+:?\s*)+\|?\s*$|^\s*\|\s*:?-+:?\s*\|\s*$/
/** A table row (`| a | b |`). */
const PIPE_ROW = /^\s*\|.*\|\s*$/
/** A GFM footnote reference (`[^1]`). */
const FOOTNOTE = /\[\^[^\]\s]+\]/

/**
 * Note: remark-parse reads a footnote (GFM footnotes are not enabled) and pipe rows without a delimiter row (not a
 * GFM table) as plain text; they are found here in the paragraph's source, so neither reaches an edition as a
 * paragraph of pipes or `[^1]`.
 */
function checkGfm(node: RootContent, file: VFile): boolean {
  const start = node.position?.start.offset
  const end = node.position?.end.offset
  if (start === undefined || end === undefined) return false
  const source = String(file.value).slice(start, end)
  const lines = source.split('\n')
  if (lines.some((line) => DELIMITER_ROW.test(line)) || lines.filter((line) => PIPE_ROW.test(line) && (line.match(/\|/g) ?? []).length >= 3).length >= 1) {
    say(file, 'unknown-node', 'Table rows without a delimiter row (`| --- | --: |`) under the header are not a table: add the delimiter row, or write each row as a paragraph', {place: node.position})
    return true
  }
  const footnote = FOOTNOTE.exec(source)
  if (footnote) {
    say(file, 'unknown-node', `A footnote (\`${footnote[0]}\`) is not supported by the editions: put the note's text in the paragraph, in （）`, {place: pointAt(file, start + footnote.index)})
    return true
  }
  return false
}

function checkBlock(node: RootContent, file: VFile): void {
  // Note: an attachment (parse/attachments.ts checked its form) holds body blocks, checked as the body's.
  if (node.type === 'containerDirective' || node.type === 'leafDirective') {
    if (node.type === 'containerDirective') for (const child of node.children) if (!(child.data && 'directiveLabel' in child.data)) checkBlock(child, file)
    return
  }
  if (node.type === 'table') return checkTable(node, file, describe)
  if (!SUPPORTED_BLOCKS.has(node.type)) {
    say(file, 'unknown-node', `${describe(node)} is not supported by the editions: write it as paragraphs or \`##\` headings`, {place: node.position})
    return
  }
  const setext = node.type === 'heading' && node.position?.start.offset !== undefined && String(file.value)[node.position.start.offset] !== '#'
  if (node.type === 'heading' && !setext && (node.depth < 2 || node.depth > 5)) {
    const reason = node.depth === 1
      ? 'A `#` heading is not allowed in the body: the title belongs in the front matter `title`; use `##` for 一、 headings'
      : `A level-${node.depth} heading is deeper than the hierarchy allows (\`##\` 一、, \`###\` （一）, \`####\` 1., \`#####\` （1））: use \`#####\` or less`
    say(file, 'heading-form', reason, {place: node.position})
  }
  // Note: a line of `---` or `===` under a paragraph makes it a (setext) heading in Markdown: the paragraph silently
  // became a heading and the line vanished. The source format writes headings with `#` only.
  if (setext) {
    say(file, 'heading-form', 'A line of `---` or `===` under text makes that text a heading: write a heading as `## …`, or put a blank line before the line (and then remove it: rules are not supported)', {place: node.position})
  }
  if ((node.type === 'paragraph' || node.type === 'heading') && checkGfm(node, file)) return
  if (node.type === 'paragraph' || node.type === 'heading') {
    visit(node, (child) => {
      if (child === node) return
      if (!SUPPORTED_INLINES.has(child.type)) {
        say(file, 'unknown-node', `${describe(child as RootContent)} is not supported by the editions: write plain text (a line break inside a paragraph is joined)`, {place: child.position})
        return 'skip'
      }
      if (child.type === 'link' && !LINKABLE.test(child.url)) {
        say(file, 'link-protocol', `The link \`${child.url}\` is not http(s) or mailto: only those can be published`, {place: child.position})
      }
      return undefined
    })
  }
}

const NAMES: Record<string, string> = {
  html: 'Raw HTML',
  image: 'An image',
  imageReference: 'An image',
  table: 'A table',
  list: 'A list',
  code: 'A code block',
  inlineCode: 'Inline code',
  blockquote: 'A block quote',
  thematicBreak: 'A thematic break (`---`)',
  emphasis: 'Emphasis (`*…*`)',
  strong: 'Strong emphasis (`**…**`)',
  break: 'A hard line break',
  footnoteReference: 'A footnote',
  footnoteDefinition: 'A footnote',
  definition: 'A link definition',
  linkReference: 'A reference link',
}

function describe(node: RootContent): string {
  if ((node.type === 'definition' || node.type === 'linkReference') && node.label?.startsWith('^')) return 'A footnote'
  return NAMES[node.type] ?? `A \`${node.type}\` node`
}
