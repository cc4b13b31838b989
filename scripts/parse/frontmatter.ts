/**
 * Plugin: the YAML front matter → a validated {@link DocumentMeta} on `file.data.meta`.
 *
 * The validation (the YAML parser and the zod schema, frontmatter-schema.ts) is loaded only for a front matter whose
 * text the running code has not validated before: the bundled CLI keeps each valid front matter's metadata under
 * node_modules/.cache/zhiban/frontmatter/, named by the hash of the text and of the bundle's identity, so a new
 * process building an unchanged front matter (a republished document, a CMS's next save) reads one JSON file instead
 * of loading and running both (~15 ms of a fresh HTML-only build, issue 19). A front matter with a problem is never
 * kept: it is validated, and its problems reported, every time. Outside the bundled CLI (the sources under test)
 * nothing is kept.
 */
import {createHash} from 'node:crypto'
import {readFileSync} from 'node:fs'
import path from 'node:path'
import {isDeepStrictEqual} from 'node:util'
import type {Root} from 'mdast'
import type {VFile} from 'vfile'
import type {DocumentMeta} from '../model/types.ts'
import {say} from '../diagnostics/message.ts'
import {writeFileAtomic} from '../atomic.ts'
import {bundleIdentity} from '../file-hashes.ts'

declare module 'vfile' {
  interface DataMap {
    meta: DocumentMeta
  }
}

/**
 * Read and validate the front matter; on success set `file.data.meta`.
 * Reports `frontmatter-missing`, `frontmatter-yaml` and `frontmatter-invalid`.
 */
export default function remarkZhibanFrontmatter() {
  return async (tree: Root, file: VFile): Promise<void> => {
    const first = tree.children[0]
    if (!first || first.type !== 'yaml') {
      say(file, 'frontmatter-missing', 'The source has no front matter: start it with `---`, the YAML fields, then `---`', {place: {line: 1, column: 1}})
      return
    }
    const kept = keptFile(first.value)
    const known = kept === undefined ? undefined : readKept(kept)
    if (known) {
      file.data.meta = known
      return
    }
    // Note: the YAML text starts on the line after `---`.
    const {validateFrontMatter} = await import('./frontmatter-schema.ts')
    const meta = validateFrontMatter(first.value, (first.position?.start.line ?? 1) + 1, file)
    if (!meta) return
    file.data.meta = meta
    // Note: kept only when JSON gives the same metadata back (it is strings, lists, booleans).
    if (kept !== undefined && isDeepStrictEqual(JSON.parse(JSON.stringify(meta)), meta)) {
      try {
        const json = JSON.stringify(meta)
        writeFileAtomic(kept, `${sha256(json)}\n${json}`)
      } catch {
        // Note: a cache that cannot be written only costs the next process a validation.
      }
    }
  }
}

/** Where the metadata of a valid front matter with this text is kept, or undefined outside the bundled CLI. */
function keptFile(text: string): string | undefined {
  const code = bundleIdentity()
  const bundle = (globalThis as {ZHIBAN_BUNDLE?: unknown}).ZHIBAN_BUNDLE
  if (code === undefined || typeof bundle !== 'string') return undefined
  // Note: beside the bundle's own folder (node_modules/.cache/zhiban/cli-<hash>/), which holds only its files.
  return path.join(path.dirname(path.dirname(bundle)), 'frontmatter', `${createHash('sha256').update(`${code}\0${text}`).digest('hex').slice(0, 32)}.json`)
}

/**
 * The metadata kept in a file, when the file is whole: its first line is the SHA-256 of the rest (a damaged or cut
 * entry is validated again, never used).
 * @param file the entry
 */
function readKept(file: string): DocumentMeta | undefined {
  try {
    const text = readFileSync(file, 'utf8')
    const newline = text.indexOf('\n')
    const json = text.slice(newline + 1)
    if (newline !== 64 || text.slice(0, 64) !== sha256(json)) return undefined
    return JSON.parse(json) as DocumentMeta
  } catch {
    return undefined
  }
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex')
}
