/**
 * A font file as layout reads it: every table in memory but the TrueType outlines (`glyf`, most of a CJK font's
 * bytes), whose range stays zero; a glyph's outline bytes are read from the file when a subset needs them, and the
 * whole file when a subsetter that needs it (HarfBuzz, for DOCX and the web font) asks.
 *
 * Note: the four stand-in fonts are 56 MB, of which `glyf` is ~45 MB: reading them whole was the largest fixed cost
 * of a fresh build. fontkit never needs an outline for layout: advances come from `hmtx`, glyph ids from `cmap`,
 * `GSUB` and `GPOS`. (A font without `vmtx` has fontkit read the outline's bounding box for vertical metrics, which
 * zhiban does not use: it reads zeros there.) The PDF's subsets are cut by truetype-subset.ts from
 * {@link FontFile.reader}, never from fontkit's outlines.
 */
import {close, closeSync, fstat, fstatSync, open, openSync, read, readFileSync, readSync} from 'node:fs'

/** Reads byte ranges of a file (see {@link FontFile.reader}). */
export interface RangeReader {
  /** A copy of `length` bytes at `offset`. */
  read(offset: number, length: number): Uint8Array
  close(): void
}

/** Where the outlines are, when they can be left out. */
function outlineRange(head: Uint8Array, size: number): {offset: number; length: number} | undefined {
  if (head.byteLength < 12) return undefined
  const view = new DataView(head.buffer, head.byteOffset, head.byteLength)
  const version = view.getUint32(0)
  // Note: TrueType outlines only (0x00010000 or 'true'); CFF fonts and collections are read whole.
  if (version !== 0x00010000 && version !== 0x74727565) return undefined
  const count = view.getUint16(4)
  if (head.byteLength < 12 + 16 * count) return undefined
  let glyf: {offset: number; length: number} | undefined
  for (let i = 0; i < count; i++) {
    const at = 12 + 16 * i
    const tag = String.fromCharCode(head[at]!, head[at + 1]!, head[at + 2]!, head[at + 3]!)
    // Note: a variable font's outlines are read through fontkit (gvar): such a font is read whole.
    if (tag === 'gvar' || tag === 'fvar') return undefined
    if (tag === 'glyf') glyf = {offset: view.getUint32(at + 8), length: view.getUint32(at + 12)}
  }
  if (!glyf || glyf.offset + glyf.length > size || glyf.length < 1 << 20) return undefined
  return glyf
}

/** A table of an sfnt file: where its bytes are. */
export interface TableRecord {
  offset: number
  length: number
}

/**
 * The table directory of a TrueType/OpenType file (as its header says; the caller checks what it relies on).
 * @param bytes the font file
 */
export function tableDirectory(bytes: Uint8Array): Map<string, TableRecord> {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  const count = view.getUint16(4)
  const tables = new Map<string, TableRecord>()
  for (let i = 0; i < count; i++) {
    const at = 12 + 16 * i
    const tag = String.fromCharCode(bytes[at]!, bytes[at + 1]!, bytes[at + 2]!, bytes[at + 3]!)
    tables.set(tag, {offset: view.getUint32(at + 8), length: view.getUint32(at + 12)})
  }
  return tables
}

/** Read until `length` bytes are in (a read may return fewer). */
function readFully(fd: number, into: Uint8Array, at: number, length: number, position: number): void {
  let done = 0
  while (done < length) {
    const n = readSync(fd, into, at + done, length - done, position + done)
    if (n === 0) throw new Error(`font file ended early (${position + done} of ${position + length} bytes)`)
    done += n
  }
}

/** A callback of node:fs as a promise. */
function promise<T>(start: (done: (error: NodeJS.ErrnoException | null, value: T) => void) => void): Promise<T> {
  return new Promise((resolve, reject) => start((error, value) => (error ? reject(error) : resolve(value))))
}

/** {@link readFully} on the thread pool. */
async function readFullyAsync(fd: number, into: Uint8Array, at: number, length: number, position: number): Promise<void> {
  let done = 0
  while (done < length) {
    const bytesRead = await promise<number>((then) => read(fd, into, at + done, length - done, position + done, then))
    if (bytesRead === 0) throw new Error(`font file ended early (${position + done} of ${position + length} bytes)`)
    done += bytesRead
  }
}

/** The longest table directory read up front (4,096 tables). */
const DIRECTORY_BYTES = 12 + 16 * 4096

/** One font file, its tables in memory. */
export class FontFile {
  #full: Buffer | undefined
  readonly #ranges = new Map<number, Uint8Array>()
  private constructor(
    readonly path: string,
    /** The file's bytes, with the outline range zero until {@link bytes} reads it. */
    readonly tables: Buffer,
    /** Where the outlines are when they were left out. */
    readonly outlines: {offset: number; length: number} | undefined,
  ) {
    if (!outlines) this.#full = tables
  }

  /** Whether {@link tables} holds the whole file (read whole, or its outlines read since). */
  get complete(): boolean {
    return this.#full !== undefined
  }

  /**
   * Read a font file (its outlines left out when they can be).
   * @param file the path
   */
  static read(file: string): FontFile {
    const fd = openSync(file, 'r')
    try {
      const size = fstatSync(fd).size
      const head = Buffer.alloc(Math.min(size, DIRECTORY_BYTES))
      readFully(fd, head, 0, head.byteLength, 0)
      const glyf = outlineRange(head, size)
      if (!glyf) return new FontFile(file, readFileSync(file), undefined)
      const tables = Buffer.alloc(size)
      readFully(fd, tables, 0, glyf.offset, 0)
      const after = glyf.offset + glyf.length
      if (after < size) readFully(fd, tables, after, size - after, after)
      return new FontFile(file, tables, glyf)
    } finally {
      closeSync(fd)
    }
  }

  /**
   * {@link read} on the thread pool.
   * @param file the path
   */
  static async readAsync(file: string): Promise<FontFile> {
    // Note: node:fs's callbacks, not node:fs/promises, which loads a dozen more of Node's modules (its file handles,
    // readline for readLines, watchers) at the first read (~1 ms).
    const fd = await promise<number>((then) => open(file, 'r', then))
    try {
      const size = (await promise<{size: number}>((then) => fstat(fd, then))).size
      const head = Buffer.alloc(Math.min(size, DIRECTORY_BYTES))
      await readFullyAsync(fd, head, 0, head.byteLength, 0)
      const glyf = outlineRange(head, size)
      const tables = Buffer.alloc(size)
      if (!glyf) {
        await readFullyAsync(fd, tables, 0, size, 0)
        return new FontFile(file, tables, undefined)
      }
      const after = glyf.offset + glyf.length
      await Promise.all([readFullyAsync(fd, tables, 0, glyf.offset, 0), after < size ? readFullyAsync(fd, tables, after, size - after, after) : undefined])
      return new FontFile(file, tables, glyf)
    } finally {
      await promise<undefined>((then) => close(fd, (error) => then(error, undefined)))
    }
  }

  /** The whole file (read on the first call when the outlines were left out). */
  bytes(): Buffer {
    if (!this.#full) {
      // Note: only the outlines are missing: read into their place (the tables stay one copy of the file).
      const {offset, length} = this.outlines!
      const fd = openSync(this.path, 'r')
      try {
        readFully(fd, this.tables, offset, length, offset)
      } finally {
        closeSync(fd)
      }
      this.#full = this.tables
    }
    return this.#full
  }

  /**
   * A reader of byte ranges of the file (close it after): from memory when the file is, else from the file, each
   * range read once per process (the next PDF of the same glyphs finds them; a glyph is a few hundred bytes).
   */
  reader(): RangeReader {
    const full = this.#full
    if (full) return {read: (offset, length) => new Uint8Array(full.subarray(offset, offset + length)), close: () => undefined}
    let fd: number | undefined
    const ranges = this.#ranges
    const path = this.path
    return {
      read(offset, length) {
        if (length === 0) return new Uint8Array(0)
        let bytes = ranges.get(offset)
        if (!bytes || bytes.byteLength !== length) {
          fd ??= openSync(path, 'r')
          bytes = new Uint8Array(length)
          readFully(fd, bytes, 0, length, offset)
          ranges.set(offset, bytes)
        }
        // Note: a copy: the subset rewrites a composite glyph's component ids in it.
        return new Uint8Array(bytes)
      },
      close: () => {
        if (fd !== undefined) closeSync(fd)
        fd = undefined
      },
    }
  }
}
