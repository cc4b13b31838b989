/**
 * The OFD edition's embedded fonts: a TrueType subset per profile font (the PDF's subsetter,
 * truetype-subset.ts), made a font file a reader can open on its own.
 *
 * An OFD `TextCode` holds Unicode text, and a reader finds each character's glyph through the embedded font's
 * `cmap` (GB/T 33190 §11.4): so the subset gets a cmap of every character drawn, mapped as the original font maps
 * it, and the `name`, `OS/2` and `post` tables a stand-alone font needs (post cut to version 3, no glyph names).
 * A glyph the cmap does not give for its characters (a `fwid` dash, a ligature) is named by a `CGTransform`
 * instead (see page.ts). A font the subsetter cannot cut (CFF outlines, variable) is embedded whole, its glyph ids
 * kept.
 */
import type {LoadedFont} from '../../typeset/fonts.ts'
import {fontMetrics} from '../font-metrics.ts'
import {canSubset, tableDirectory, TrueTypeSubset} from '../truetype-subset.ts'

/** One embedded font: its resource id, and the glyph ids and characters the pages use. */
export class OfdFont {
  readonly #subset: TrueTypeSubset | undefined
  /** Character → glyph id in the embedded file, as the original cmap maps it. */
  readonly #cmap = new Map<number, number>()
  /** The font's units per em, read once (fontkit's getters go through its tables on every read). */
  readonly unitsPerEm: number
  /** Ascent and descent in ems as a text object's box takes them: at least 1 above the baseline, ¼ below. */
  readonly ascentEm: number
  readonly descentEm: number

  /**
   * @param id the font's resource id (`ofd:Font ID`)
   * @param loaded the profile font
   */
  constructor(readonly id: number, readonly loaded: LoadedFont) {
    this.#subset = canSubset(loaded.file.tables) ? new TrueTypeSubset(loaded.file.tables, loaded.file) : undefined
    // Note: fontkit's values, read from the table bytes (font-metrics.ts; fontkit would decode head and hhea for them).
    const {ascent, descent, unitsPerEm} = fontMetrics(loaded)
    this.unitsPerEm = unitsPerEm
    this.ascentEm = Math.max(ascent / unitsPerEm, 1)
    this.descentEm = Math.max(-descent / unitsPerEm, 0.25)
  }

  /** The file name of the embedded font in the package (`Doc_0/Res/`). */
  get fileName(): string {
    return `font_${this.id}.ttf`
  }

  /**
   * The embedded file's id of a glyph of the original font (adding it to the subset).
   * @param glyph glyph id in the original font
   */
  glyph(glyph: number): number {
    return this.#subset ? this.#subset.includeGlyph(glyph) : glyph
  }

  /**
   * The embedded file's glyph for a character through the cmap written (undefined when the font has none).
   * @param codePoint a Unicode code point
   */
  glyphFor(codePoint: number): number | undefined {
    let gid = this.#cmap.get(codePoint)
    if (gid === undefined) {
      // Note: fontkit's glyph for a code point has the cmap's id, 0 when it maps none (hasGlyphForCodePoint's test).
      const original = this.loaded.font.glyphForCodePoint(codePoint)?.id ?? 0
      if (original === 0) return undefined
      gid = this.glyph(original)
      this.#cmap.set(codePoint, gid)
    }
    return gid
  }

  /**
   * All the embedded file depends on besides the original font file ({@link encode}): the subset's glyphs (original
   * ids in subset order) and the cmap's characters (each one's glyph is the subset's for the glyph the font maps it
   * to, which the font file and the glyphs decide), or that it is the whole file. Call it once every glyph is drawn.
   */
  contentKey(): string {
    if (!this.#subset) return 'ofd whole'
    return `ofd subset ${this.#subset.glyphs.join(',')} cmap ${Uint32Array.from(this.#cmap.keys()).sort().join(',')}`
  }

  /** The font file to embed: the subset with its cmap, or the whole original file. */
  encode(): Uint8Array {
    if (!this.#subset) return new Uint8Array(this.loaded.bytes)
    const original = this.loaded.file.tables
    const directory = tableDirectory(original)
    const copy = (tag: string): Uint8Array | undefined => {
      const table = directory.get(tag)
      return table && new Uint8Array(original.subarray(table.offset, table.offset + table.length))
    }
    const extra: [string, Uint8Array][] = [['cmap', writeCmap(this.#cmap)]]
    for (const tag of ['name', 'OS/2']) {
      const table = copy(tag)
      if (table) extra.push([tag, table])
    }
    const post = copy('post')
    if (post && post.byteLength >= 32) {
      const header = post.slice(0, 32)
      new DataView(header.buffer).setUint32(0, 0x00030000)
      extra.push(['post', header])
    }
    return this.#subset.encode(extra)
  }
}

/**
 * The most segments a format 4 subtable holds: its length is 16-bit (16 bytes + 8 a segment ≤ 65 535), the final
 * 0xFFFF segment included.
 */
export const FORMAT4_MAX_SEGMENTS = Math.floor((0xffff - 16) / 8)

/**
 * A cmap table: a format 4 subtable (Windows Unicode BMP) and, when a character lies beyond the BMP or the BMP's
 * mappings take more segments than format 4 holds, a format 12 subtable (Windows Unicode full) of every mapping.
 * Format 4 then keeps the segments that fit, from the lowest character up (readers take format 12 first when a
 * font has both); its length is never written wrapped.
 * @param map code point → glyph id
 */
export function writeCmap(map: ReadonlyMap<number, number>): Uint8Array {
  // Note: the characters sorted as a typed array: a numeric sort with no comparator to call.
  const codes = Uint32Array.from(map.keys()).sort()
  let bmp = 0
  while (bmp < codes.length && codes[bmp]! <= 0xffff) bmp++
  // Runs of consecutive characters on consecutive glyphs share a segment (format 4) or group (format 12).
  const runs = (end: number): [number, number, number][] => {
    const out: [number, number, number][] = []
    let last: [number, number, number] | undefined
    for (let i = 0; i < end; i++) {
      const cp = codes[i]!
      const gid = map.get(cp)!
      if (last && cp === last[1] + 1 && gid === last[2] + (cp - last[0])) last[1] = cp
      else out.push((last = [cp, cp, gid]))
    }
    return out
  }
  const all = runs(bmp).filter(([start]) => start !== 0xffff)
  const segments = all.slice(0, FORMAT4_MAX_SEGMENTS - 1)
  segments.push([0xffff, 0xffff, 0])
  const n = segments.length
  const format4 = new Uint8Array(16 + 8 * n)
  const v4 = new DataView(format4.buffer)
  const exponent = Math.floor(Math.log2(n))
  v4.setUint16(0, 4)
  v4.setUint16(2, format4.byteLength)
  v4.setUint16(6, 2 * n)
  v4.setUint16(8, 2 * 2 ** exponent)
  v4.setUint16(10, exponent)
  v4.setUint16(12, 2 * n - 2 * 2 ** exponent)
  segments.forEach(([start, end, gid], i) => {
    v4.setUint16(14 + 2 * i, end)
    v4.setUint16(16 + 2 * n + 2 * i, start)
    // Note: the last segment (0xFFFF) maps to glyph 0 by idDelta 1, as the format requires.
    v4.setUint16(16 + 4 * n + 2 * i, start === 0xffff ? 1 : (gid - start) & 0xffff)
  })
  const subtables: [number, Uint8Array][] = [[1, format4]]
  if (bmp < codes.length || segments.length <= all.length) {
    const groups = runs(codes.length)
    const format12 = new Uint8Array(16 + 12 * groups.length)
    const v12 = new DataView(format12.buffer)
    v12.setUint16(0, 12)
    v12.setUint32(4, format12.byteLength)
    v12.setUint32(12, groups.length)
    groups.forEach(([start, end, gid], i) => {
      v12.setUint32(16 + 12 * i, start)
      v12.setUint32(20 + 12 * i, end)
      v12.setUint32(24 + 12 * i, gid)
    })
    subtables.push([10, format12])
  }
  const header = 4 + 8 * subtables.length
  const cmap = new Uint8Array(header + subtables.reduce((sum, [, t]) => sum + t.byteLength, 0))
  const view = new DataView(cmap.buffer)
  view.setUint16(2, subtables.length)
  let at = header
  subtables.forEach(([encoding, table], i) => {
    view.setUint16(4 + 8 * i, 3)
    view.setUint16(6 + 8 * i, encoding)
    view.setUint32(8 + 8 * i, at)
    cmap.set(table, at)
    at += table.byteLength
  })
  return cmap
}
