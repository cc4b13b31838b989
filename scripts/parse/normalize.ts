/**
 * Plugin: the normalisations the source format documents, and no others.
 *
 * 1. A line break inside a paragraph or heading (a soft wrap in the source) is removed when either
 *    side is CJK text or punctuation, and becomes one space between two Latin characters
 *    (README "The source format": "wrap lines freely").
 * Nothing else is rewritten: the characters of the text are the author's.
 */
import type {Root} from 'mdast'
import {visit} from 'unist-util-visit'
import {JOINS_WITHOUT_SPACE as CJK} from '../chars.ts'

/** Join soft-wrapped lines. */
export default function remarkZhibanNormalize() {
  return (tree: Root): void => {
    visit(tree, 'text', (node) => {
      if (!node.value.includes('\n')) return
      node.value = node.value.replace(/[ \t]*\n[ \t]*/g, (_match, offset: number, whole: string) => {
        // Note: by code point: a Han character beyond U+FFFF (𬘩, common in names) is two UTF-16 units.
        const before = Array.from(whole.slice(Math.max(0, offset - 2), offset)).at(-1) ?? ''
        const after = String.fromCodePoint(whole.codePointAt(offset + _match.length) ?? 0x20)
        return CJK.test(before) || CJK.test(after) ? '' : ' '
      })
    })
  }
}
