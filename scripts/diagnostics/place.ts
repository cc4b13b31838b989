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
