/**
 * The sources of a project: which there are (`source/*.md`, sorted) and how one is read (UTF-8 only, without a
 * BOM, CRLF folded to LF), a problem being a placed `encoding` error rather than an exception.
 */
import {existsSync, readdirSync, readFileSync, statSync} from 'node:fs'
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
  } catch (error) {
    file.value = ''
    say(file, 'encoding', unreadable(source, rel, error), {place: {line: 1, column: 1}, note: 'Name a Markdown source file (`.md`) that exists and that you may read.'})
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

/** Why a source cannot be read, in words (a folder, a missing file, no permission). */
function unreadable(source: string, rel: string, error: unknown): string {
  const code = (error as {code?: unknown}).code
  let folder = false
  try {
    folder = statSync(source).isDirectory()
  } catch {
    // Note: a missing path says so below.
  }
  if (folder) return `\`${rel}\` is a folder, not a source file: name its \`.md\` files (e.g. \`${rel}/*.md\`)`
  if (code === 'ENOENT' || code === 'ENOTDIR') return `The source \`${rel}\` does not exist: check the path`
  if (code === 'EACCES' || code === 'EPERM') return `The source \`${rel}\` cannot be read (permission denied): allow reading it`
  return `The source \`${rel}\` cannot be read (${typeof code === 'string' ? code : 'error'}): check the path`
}

/**
 * Sources built together whose slugs clash: each source's other sources of the same slug. Slugs equal but for
 * letter case clash too: their output folders would be one folder on Windows and macOS (a dist/ copied there).
 * @param sources absolute source paths (no path twice)
 * @returns source → the other sources of its slug (only sources that clash)
 */
export function slugClashes(sources: readonly string[]): Map<string, string[]> {
  const bySlug = new Map<string, string[]>()
  for (const source of sources) {
    const key = path.basename(source, '.md').toLowerCase()
    bySlug.set(key, [...(bySlug.get(key) ?? []), source])
  }
  const out = new Map<string, string[]>()
  for (const group of bySlug.values()) if (group.length > 1) for (const source of group) out.set(source, group.filter((s) => s !== source))
  return out
}
