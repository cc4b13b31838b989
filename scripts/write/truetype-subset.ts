/**
 * A TrueType subset for the PDF's embedded fonts: the glyphs a document draws, renumbered in the order they are
 * first drawn (glyph 0 first), composite glyphs' components added after them. It stands in for fontkit's
 * TTFSubset inside pdfkit's embedded font and writes the same tables (head, hhea, maxp, loca, glyf, hmtx, and
 * cvt, fpgm, prep when the font has them), copying each glyph's bytes as they are.
 *
 * Note: fontkit decodes every glyph's outline to learn whether it is a composite, ~30 µs a glyph and again for
 * each PDF; this reads the contour count and the component records straight from the glyf bytes. It also writes
 * table checksums and the head checksum adjustment, which fontkit leaves at 0.
 */

import {tableDirectory, type RangeReader, type TableRecord} from '../typeset/font-file.ts'

// Note: read here and by the other writers' font code (font-metrics.ts, ofd/font.ts), from typeset/font-file.ts.
export {tableDirectory}

// Composite glyph flags (OpenType `glyf`).
const ARG_1_AND_2_ARE_WORDS = 0x0001
const WE_HAVE_A_SCALE = 0x0008
const MORE_COMPONENTS = 0x0020
const WE_HAVE_AN_X_AND_Y_SCALE = 0x0040
const WE_HAVE_A_TWO_BY_TWO = 0x0080

/** The tables a TrueType subset copies when the font has them (hinting programs). */
const COPIED = ['cvt ', 'fpgm', 'prep']


/**
 * Whether {@link TrueTypeSubset} can cut this font: TrueType outlines, not a variable font.
 * @param bytes the font file
 */
export function canSubset(bytes: Uint8Array): boolean {
  if (bytes.byteLength < 12) return false
  const tables = tableDirectory(bytes)
  return ['head', 'hhea', 'maxp', 'loca', 'glyf', 'hmtx'].every((t) => tables.has(t)) && !tables.has('fvar') && !tables.has('gvar')
}

/** The subset pdfkit's embedded font uses: `includeGlyph` while drawing, `encode` when the PDF ends. */
export class TrueTypeSubset {
  /** Original glyph ids, in subset order. */
  readonly glyphs: number[] = []
  readonly #mapping = new Map<number, number>()
  /** Subset glyph by `glyph id:text` ({@link includeGlyphFor}), and the subset glyphs that have a text. */
  readonly #texts = new Map<string, number>()
  readonly #claimed = new Set<number>()
  readonly #bytes: Uint8Array
  readonly #view: DataView
  readonly #tables: Map<string, TableRecord>
  readonly #longLoca: boolean
  readonly #numberOfMetrics: number
  readonly #source: {reader(): RangeReader} | undefined
  #reader: RangeReader | undefined

  /**
   * @param bytes the font file (TrueType outlines; see {@link canSubset}); its `glyf` range may be left zero
   * when `source` reads the outlines
   * @param source reads byte ranges of the file (see font-file.ts); the outlines come from `bytes` without it
   */
  constructor(bytes: Uint8Array, source?: {reader(): RangeReader}) {
    this.#bytes = bytes
    this.#source = source
    this.#view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
    this.#tables = tableDirectory(bytes)
    this.#longLoca = this.#view.getInt16(this.#table('head').offset + 50) === 1
    this.#numberOfMetrics = this.#view.getUint16(this.#table('hhea').offset + 34)
    this.includeGlyph(0)
  }

  /**
   * The subset's id for a glyph, adding it when new.
   * @param id the glyph id in the font
   */
  includeGlyph(id: number): number {
    let gid = this.#mapping.get(id)
    if (gid === undefined) {
      gid = this.glyphs.push(id) - 1
      this.#mapping.set(id, gid)
    }
    return gid
  }

  /**
   * The subset's id for a glyph that stands for these characters. A glyph drawn for different characters in
   * different places (a ligature `fi` and U+FB01, a Kangxi radical and the ideograph it looks like, one font glyph
   * for two code points) gets one subset glyph per text, each with its own outline copy and ToUnicode entry, so
   * the copy text is the source's characters everywhere (the ToUnicode map holds one text a glyph).
   * @param id the glyph id in the font
   * @param text the characters it stands for here, as a key
   */
  includeGlyphFor(id: number, text: string): number {
    const key = `${id}:${text}`
    let gid = this.#texts.get(key)
    if (gid !== undefined) return gid
    const first = this.#mapping.get(id)
    gid = first !== undefined && !this.#claimed.has(first) ? first : this.glyphs.push(id) - 1
    if (first === undefined) this.#mapping.set(id, gid)
    this.#claimed.add(gid)
    this.#texts.set(key, gid)
    return gid
  }

  /**
   * The subset font file.
   * @param extra further tables to write as they are (the OFD edition's cmap, name, OS/2, post)
   */
  encode(extra: readonly [string, Uint8Array][] = []): Uint8Array {
    const glyf: Uint8Array[] = []
    const offsets: number[] = []
    const metrics: [number, number][] = []
    let offset = 0
    this.#reader = this.#source?.reader()
    try {
      // Note: components found on the way are appended to `glyphs`, so the loop also covers them.
      for (let i = 0; i < this.glyphs.length; i++) {
        const data = this.#glyph(this.glyphs[i]!)
        glyf.push(data)
        offsets.push(offset)
        metrics.push(this.#metrics(this.glyphs[i]!))
        offset += data.byteLength
      }
    } finally {
      this.#reader?.close()
      this.#reader = undefined
    }
    offsets.push(offset)
    const n = glyf.length

    const head = this.#copy('head')
    const headView = new DataView(head.buffer)
    headView.setUint32(8, 0)
    headView.setInt16(50, this.#longLoca ? 1 : 0)
    const hhea = this.#copy('hhea')
    new DataView(hhea.buffer).setUint16(34, n)
    const maxp = this.#copy('maxp')
    new DataView(maxp.buffer).setUint16(4, n)
    const loca = new Uint8Array((n + 1) * (this.#longLoca ? 4 : 2))
    const locaView = new DataView(loca.buffer)
    offsets.forEach((o, i) => (this.#longLoca ? locaView.setUint32(4 * i, o) : locaView.setUint16(2 * i, o / 2)))
    const hmtx = new Uint8Array(4 * n)
    const hmtxView = new DataView(hmtx.buffer)
    metrics.forEach(([advance, bearing], i) => {
      hmtxView.setUint16(4 * i, advance)
      hmtxView.setInt16(4 * i + 2, bearing)
    })
    const glyfBytes = new Uint8Array(offset)
    let at = 0
    for (const data of glyf) {
      glyfBytes.set(data, at)
      at += data.byteLength
    }
    const tables: [string, Uint8Array][] = [['glyf', glyfBytes], ['head', head], ['hhea', hhea], ['hmtx', hmtx], ['loca', loca], ['maxp', maxp]]
    for (const tag of COPIED) if (this.#tables.has(tag)) tables.push([tag, this.#copy(tag)])
    tables.push(...extra)
    tables.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    const {file, sum} = writeSfnt(tables)
    // Note: head.checkSumAdjustment makes the whole file sum to 0xB1B0AFBA (OpenType `head`).
    const headAt = tableOffset(file, 'head')
    new DataView(file.buffer).setUint32(headAt + 8, (0xb1b0afba - sum) >>> 0)
    return file
  }

  #table(tag: string): TableRecord {
    const table = this.#tables.get(tag)
    if (!table) throw new Error(`TrueTypeSubset: the font has no \`${tag}\` table`)
    return table
  }

  // Note: a copy, never a view: a Buffer's slice() shares its memory, and these copies get written to.
  #copy(tag: string): Uint8Array {
    const {offset, length} = this.#table(tag)
    return new Uint8Array(this.#bytes.subarray(offset, offset + length))
  }

  #glyph(id: number): Uint8Array {
    const loca = this.#table('loca').offset
    const start = this.#longLoca ? this.#view.getUint32(loca + 4 * id) : this.#view.getUint16(loca + 2 * id) * 2
    const end = this.#longLoca ? this.#view.getUint32(loca + 4 * id + 4) : this.#view.getUint16(loca + 2 * id + 2) * 2
    const glyfAt = this.#table('glyf').offset
    const data = this.#reader ? this.#reader.read(glyfAt + start, end - start) : new Uint8Array(this.#bytes.subarray(glyfAt + start, glyfAt + end))
    // Note: numberOfContours (int16) is negative, a composite, when its high bit is set.
    if (data.byteLength < 10 || data[0]! < 0x80) return data
    const view = new DataView(data.buffer, data.byteOffset, data.byteLength)
    // A composite: renumber each component's glyph id, adding the component to the subset.
    let pos = 10
    for (;;) {
      const flags = view.getUint16(pos)
      view.setUint16(pos + 2, this.includeGlyph(view.getUint16(pos + 2)))
      pos += 4 + (flags & ARG_1_AND_2_ARE_WORDS ? 4 : 2)
      if (flags & WE_HAVE_A_SCALE) pos += 2
      else if (flags & WE_HAVE_AN_X_AND_Y_SCALE) pos += 4
      else if (flags & WE_HAVE_A_TWO_BY_TWO) pos += 8
      if (!(flags & MORE_COMPONENTS)) break
    }
    return data
  }

  /** [advance, left side bearing] from hmtx (glyphs past numberOfHMetrics share the last advance). */
  #metrics(id: number): [number, number] {
    const hmtx = this.#table('hmtx').offset
    const n = this.#numberOfMetrics
    if (id < n) return [this.#view.getUint16(hmtx + 4 * id), this.#view.getInt16(hmtx + 4 * id + 2)]
    return [this.#view.getUint16(hmtx + 4 * (n - 1)), this.#view.getInt16(hmtx + 4 * n + 2 * (id - n))]
  }
}

/** Whether this machine stores a Uint32Array's words little-endian (every platform Node runs on, as it happens). */
const LITTLE_ENDIAN = new Uint8Array(Uint32Array.of(1).buffer)[0] === 1

/**
 * The OpenType table checksum: the sum of the big-endian uint32 words, the last one zero-padded, modulo 2³².
 *
 * Note: summed by byte lane (the word sum is Σ byte 0 × 2²⁴ + Σ byte 1 × 2¹⁶ + …), so the loop makes no call per
 * word, which an unoptimised run pays dearly for; with 4-byte aligned data on a little-endian machine, two lanes a
 * word at once from a Uint32Array, folded every 64 words before a lane can carry into the next.
 */
function checksum(data: Uint8Array): number {
  let b0 = 0
  let b1 = 0
  let b2 = 0
  let b3 = 0
  let i = 0
  const whole = data.byteLength & ~3
  if (LITTLE_ENDIAN && (data.byteOffset & 3) === 0) {
    const words = new Uint32Array(data.buffer, data.byteOffset, whole >>> 2)
    for (let w = 0; w < words.length; ) {
      const end = Math.min(words.length, w + 64)
      let even = 0
      let odd = 0
      for (; w < end; w++) {
        const word = words[w]!
        even += word & 0x00ff00ff
        odd += (word >>> 8) & 0x00ff00ff
      }
      b0 += even & 0xffff
      b2 += even >>> 16
      b1 += odd & 0xffff
      b3 += odd >>> 16
    }
    i = whole
  }
  for (; i < whole; i += 4) {
    b0 += data[i]!
    b1 += data[i + 1]!
    b2 += data[i + 2]!
    b3 += data[i + 3]!
  }
  const rest = data.byteLength - whole
  if (rest > 0) b0 += data[whole]!
  if (rest > 1) b1 += data[whole + 1]!
  if (rest > 2) b2 += data[whole + 2]!
  return (b0 * 0x1000000 + b1 * 0x10000 + b2 * 0x100 + b3) % 0x100000000
}

/**
 * An sfnt file (version 1.0, TrueType outlines) from its tables, in the given (tag) order, each 4-byte aligned, and
 * the whole file's checksum (the directory's and every table's: the padding is zeros).
 */
function writeSfnt(tables: readonly [string, Uint8Array][]): {file: Uint8Array; sum: number} {
  const count = tables.length
  const exponent = Math.floor(Math.log2(count))
  const header = 12 + 16 * count
  let size = header
  for (const [, data] of tables) size += (data.byteLength + 3) & ~3
  const file = new Uint8Array(size)
  const view = new DataView(file.buffer)
  view.setUint32(0, 0x00010000)
  view.setUint16(4, count)
  view.setUint16(6, 2 ** exponent * 16)
  view.setUint16(8, exponent)
  view.setUint16(10, count * 16 - 2 ** exponent * 16)
  let at = header
  let sum = 0
  for (let i = 0; i < count; i++) {
    const [tag, data] = tables[i]!
    const record = 12 + 16 * i
    for (let k = 0; k < 4; k++) file[record + k] = tag.charCodeAt(k)
    file.set(data, at)
    // Note: the table's copy in the file starts 4-byte aligned (the fast checksum), and sums the same.
    const tableSum = checksum(file.subarray(at, at + data.byteLength))
    sum += tableSum
    view.setUint32(record + 4, tableSum)
    view.setUint32(record + 8, at)
    view.setUint32(record + 12, data.byteLength)
    at += (data.byteLength + 3) & ~3
  }
  return {file, sum: (sum + checksum(file.subarray(0, header))) % 0x100000000}
}

function tableOffset(file: Uint8Array, tag: string): number {
  const record = tableDirectory(file).get(tag)
  if (!record) throw new Error(`TrueTypeSubset: no \`${tag}\` table written`)
  return record.offset
}
