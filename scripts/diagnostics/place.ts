/**
 * Places in a source file: offsets ↔ line:column.
 */
import {location} from 'vfile-location'
import type {VFile} from 'vfile'
import type {Point} from 'unist'

/**
 * The 1-based line:column of an offset in a file's text.
 * @param file the source file (its `value` is the text)
 * @param offset a UTF-16 offset into `file.value`
 */
export function pointAt(file: VFile, offset: number): Point {
  const point = location(file).toPoint(offset)
  return point ?? {line: 1, column: 1, offset}
}

/**
 * The source offset of every character of a model text node. Normalisation removed soft line
 * breaks (and the blanks around them) or turned them into one space, and Markdown escapes drop a
 * backslash, so the node's value is its source slice with characters left out: walk both.
 * @param file the source file
 * @param value the node's text as the model has it
 * @param start the node's `position.start.offset`
 * @param end the node's `position.end.offset`
 */
export function sourceOffsets(file: VFile, value: string, start: number, end: number): (number | undefined)[] {
  const source = String(file.value)
  const out: (number | undefined)[] = []
  let j = start
  for (let i = 0; i < value.length; i++) {
    while (j < end && source[j] !== value[i]) j++
    out.push(j < end ? j : undefined)
    if (j < end) j++
  }
  return out
}

/**
 * Where a character of a front-matter field is in the source: the field's first occurrence of it after the key's
 * line (a YAML escape such as `\t` has no literal occurrence: then the key), or the key itself; the front matter's
 * first line when the key is not there. For text that layout sets from the front matter (the title, the cover).
 * @param file the source file
 * @param key the top-level front-matter key (`title`, `issuer`, …)
 * @param char the character, when one is meant
 */
export function frontMatterPlace(file: VFile, key: string, char?: string): Point {
  const source = String(file.value)
  const end = source.search(/\r?\n---\s*(\r?\n|$)/)
  const head = end < 0 ? source : source.slice(0, end)
  const at = new RegExp(`^${key}:`, 'm').exec(head)
  if (!at) return {line: 1, column: 1}
  // Note: the field runs to the next top-level key.
  const next = /\n[A-Za-z_][\w-]*:/.exec(head.slice(at.index + 1))
  const field = head.slice(at.index, next ? at.index + 1 + next.index : head.length)
  const found = char === undefined ? -1 : field.indexOf(char, key.length + 1)
  return pointAt(file, at.index + (found >= 0 ? found : 0))
}
