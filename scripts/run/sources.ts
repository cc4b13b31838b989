/**
 * The sources of a project: which there are (`source/*.md`, sorted) and how one is read (UTF-8 only, without a
 * BOM, CRLF folded to LF), a problem being a placed `encoding` error rather than an exception.
 */
import {existsSync, readdirSync, readFileSync} from 'node:fs'
import path from 'node:path'
import {VFile} from 'vfile'
import {say} from '../diagnostics/message.ts'

/** Every `source/*.md`, sorted. */
export function listSources(root: string): string[] {
  const dir = path.join(root, 'source')
  if (!existsSync(dir)) return []
  return readdirSync(dir).filter((n) => n.endsWith('.md')).sort().map((n) => path.join('source', n))
}

/**
 * Read a source as UTF-8 (an error if it is not), without a BOM, CRLF folded to LF.
 * Note: folding CRLF keeps lines and columns as an editor shows them, and makes the output identical.
 */
export function readSource(source: string, rel: string): VFile {
  const file = new VFile({path: rel})
  let bytes: Buffer
  try {
    bytes = readFileSync(source)
  } catch {
    file.value = ''
    say(file, 'encoding', `The source \`${rel}\` cannot be read: check the path`, {place: {line: 1, column: 1}})
    return file
  }
  try {
    file.value = new TextDecoder('utf-8', {fatal: true, ignoreBOM: false}).decode(bytes).replace(/\r\n?/g, '\n')
  } catch {
    file.value = ''
    say(file, 'encoding', `The source is not valid UTF-8: save \`${rel}\` as UTF-8`, {place: {line: 1, column: 1}})
  }
  return file
}
