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
