/**
 * The PDFs' compressed subset font files (and the OFDs' deflated ones, ofd/index.ts), kept in the process and
 * between processes: a PDF that draws the same
 * glyphs of the same font file as one made before finds its font file ready, instead of reading each glyph's
 * outline from the font file and compressing the subset again (~10-20 ms for a CJK body font in a new process, most
 * of the official PDF's time; a document's editions and its rebuilds draw the same glyphs).
 *
 * Note: an entry kept between processes (node_modules/.cache/zhiban/pdf-fonts/) is named by the hash of the font
 * file's identity (path, size, mtime, inode, as typeset/shape-store.ts names its stores), the glyph list, the running
 * code (the bundled CLI's file, as profile.ts keys its cache: a changed subsetter never finds an old entry) and
 * zlib's version (the same subset compresses to the same bytes only with the same zlib). So a PDF has the same bytes
 * whether or not its font file came from the store. Outside the bundled CLI (the test runner) nothing is kept on
 * disk. Each entry starts with the SHA-256 of its data: a damaged one is made again. The most recently used
 * {@link MOST} entries stay (a few more between two prunings).
 */
import {createHash} from 'node:crypto'
import {readFileSync, utimesSync} from 'node:fs'
import path from 'node:path'
import {versions} from 'node:process'
import {writeFileAtomic} from '../atomic.ts'
import {bundleIdentity, fileIdentity} from '../file-hashes.ts'
import {pruneFolder} from '../prune.ts'

/**
 * The most entries kept on disk (a CJK body font's is ~90 KB, a ToUnicode map's under 10 KB). Note: a document makes
 * ~11 (its PDFs' and OFD's fonts and maps; the five samples in source/ 58): 512 keep those of some forty documents
 * (~6 MB per 58), so that a project's documents built in turn do not push each other's out.
 */
const MOST = 512
/** Writes of this process between two prunings (a corpus build writes an entry a document and font). */
const PRUNE_EVERY = 16
/** The entries kept in the process for each font file. */
const IN_PROCESS = 4

/** Compressed font files by font (its table bytes) and glyph list, this process's. */
const memory = new WeakMap<Uint8Array, Map<string, Uint8Array>>()
/** Entries this process wrote. */
let written = 0
// Note: a font file's identity is read at every lookup (one stat), never remembered: a watch session that finds a
// font replaced opens a new session in the same process, and an entry of the old file must not stand for the new one's.

/**
 * The compressed font file of a subset: kept in the process, then on disk, else made (and kept).
 * @param font the font's table bytes (the key within the process) and its file's path
 * @param glyphs the subset's glyph list (original glyph ids in subset order), which the font file depends on alone;
 * or, for a file that depends on more (the OFD's, with its cmap), a text naming all it depends on besides the font
 * file, which no glyph list can be (not only digits and commas)
 * @param make makes the compressed font file
 * @param root the project root (its node_modules/.cache/zhiban/pdf-fonts/), or undefined for none on disk
 */
export function compressedFontFile(font: {tables: Uint8Array; path: string}, glyphs: readonly number[] | string, make: () => Uint8Array, root?: string): Uint8Array {
  let kept = memory.get(font.tables)
  if (!kept) memory.set(font.tables, (kept = new Map()))
  const list = typeof glyphs === 'string' ? glyphs : glyphs.join(',')
  let data = kept.get(list)
  if (data) return data
  const file = root === undefined ? undefined : entryFile(root, font.path, list)
  data = (file && readEntry(file)) || undefined
  if (!data) {
    data = make()
    if (file) writeEntry(file, data)
  }
  if (kept.size >= IN_PROCESS) kept.delete(kept.keys().next().value!)
  kept.set(list, data)
  return data
}

function entryFile(root: string, fontPath: string, list: string): string | undefined {
  const code = bundleIdentity()
  const font = fileIdentity(fontPath)
  if (code === undefined || font === undefined) return undefined
  const key = createHash('sha256').update(`${code}\0${font}\0${versions.zlib}\0${list}`).digest('hex').slice(0, 32)
  return path.join(root, 'node_modules', '.cache', 'zhiban', 'pdf-fonts', `${key}.bin`)
}

function readEntry(file: string): Uint8Array | undefined {
  let bytes: Buffer
  try {
    bytes = readFileSync(file)
  } catch {
    return undefined
  }
  const data = bytes.subarray(32)
  if (bytes.byteLength < 32 || !createHash('sha256').update(data).digest().equals(bytes.subarray(0, 32))) return undefined
  try {
    // Note: its time marks it used (the least recently used entries go first).
    const now = new Date()
    utimesSync(file, now, now)
  } catch {
    // Note: removed meanwhile by another process's pruning: the data read stays good.
  }
  return new Uint8Array(data)
}

function writeEntry(file: string, data: Uint8Array): void {
  try {
    writeFileAtomic(file, Buffer.concat([createHash('sha256').update(data).digest(), data]))
    // Note: the folder is listed on a process's first write and every PRUNE_EVERY after, not on each.
    if (written++ % PRUNE_EVERY === 0) pruneStore(path.dirname(file))
  } catch {
    // Note: a store that cannot be written only costs the next process the subset's making.
  }
}

/**
 * Remove the least recently used entries beyond the most kept.
 * @param dir the store's folder
 * @param most the entries kept ({@link MOST})
 */
export function pruneStore(dir: string, most = MOST): void {
  pruneFolder(dir, '.bin', most)
}
