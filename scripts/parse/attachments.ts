/**
 * Plugin: the attachments (附件) of a 公文 as remark-directive container directives, `:::attachment{title="…"}` …
 * `:::` (scripts/typeset/GONGWEN.md §7.3.7), checked before the structure plugin.
 *
 * remark-directive also reads `:name` inside a sentence as a text directive; zhiban has none, so such a node is
 * turned back into the exact characters of the source (text is never lost or rewritten). A `::name` leaf directive
 * or a container other than `attachment` is an error at its place.
 */
import type {Root, RootContent, Text} from 'mdast'
import type {VFile} from 'vfile'
import {visit, SKIP} from 'unist-util-visit'
import {say} from '../diagnostics/message.ts'
import {isGongwenKind} from '../model/gongwen.ts'

/** Check the attachments and restore stray text directives. */
export default function remarkZhibanAttachments() {
  return (tree: Root, file: VFile): void => {
    const source = String(file.value)
    visit(tree, 'textDirective', (node, index, parent) => {
      const start = node.position?.start.offset
      const end = node.position?.end.offset
      if (!parent || index === undefined || start === undefined || end === undefined) return undefined
      const text: Text = {type: 'text', value: source.slice(start, end), position: node.position!}
      parent.children.splice(index, 1, text)
      return [SKIP, index + 1]
    })
    const kind = file.data.meta?.kind
    let seen = false
    tree.children.forEach((node: RootContent) => {
      if (node.type === 'leafDirective') {
        say(file, 'attachment-form', `\`::${node.name}\` is not a block zhiban knows: attachments are written \`:::attachment{title="…"}\`, the text, then \`:::\``, {place: node.position})
        return
      }
      if (node.type !== 'containerDirective') {
        if (seen && node.type !== 'yaml') say(file, 'attachment-form', 'Text after an attachment: the attachments come after the whole body (GB/T 9704 §7.3.7); move this before the first `:::attachment`', {place: node.position})
        return
      }
      seen = true
      if (node.name !== 'attachment') {
        say(file, 'attachment-form', `\`:::${node.name}\` is not a container zhiban knows: write \`:::attachment{title="…"}\``, {place: node.position})
        return
      }
      if (kind !== undefined && !isGongwenKind(kind)) say(file, 'attachment-form', `A \`${kind}\` has no attachments (附件 belong to the 公文 kinds): write the text in the body, or change \`kind\``, {place: node.position})
      const title = node.attributes?.title?.trim()
      if (!title) say(file, 'attachment-form', 'An attachment needs its title: write `:::attachment{title="名称"}` (the 附件说明 is made from it)', {place: node.position})
      const extra = Object.keys(node.attributes ?? {}).filter((key) => key !== 'title')
      if (extra.length > 0) say(file, 'attachment-form', `Unknown attachment attribute${extra.length > 1 ? 's' : ''} ${extra.map((k) => `\`${k}\``).join(', ')}: an attachment takes \`title\` only`, {place: node.position})
      const label = node.children[0]
      if (label?.type === 'paragraph' && label.data && 'directiveLabel' in label.data && label.data.directiveLabel) {
        say(file, 'attachment-form', 'An attachment takes its title as `{title="…"}`, not as a `[label]`: write `:::attachment{title="名称"}`', {place: label.position})
      }
      if (node.children.every((child) => child.type === 'paragraph' && child.data && 'directiveLabel' in child.data)) {
        say(file, 'attachment-form', 'The attachment is empty: write its text between `:::attachment{…}` and the closing `:::`', {place: node.position})
      }
      for (const child of node.children) {
        if (child.type === 'table') say(file, 'attachment-form', 'A table inside an attachment is not supported yet: put the table in the body, or write its rows as paragraphs', {place: child.position})
        if (child.type === 'containerDirective' || child.type === 'leafDirective') say(file, 'attachment-form', 'An attachment cannot hold another directive: close the attachment with `:::` first', {place: child.position})
      }
    })
  }
}
