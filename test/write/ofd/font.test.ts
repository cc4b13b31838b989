/**
 * The OFD's embedded font files: the subset's own cmap (format 4, and format 12 beyond the BMP) read back by fontkit.
 */
import * as fontkit from 'fontkit'
import {describe, expect, it} from 'vitest'
import {TrueTypeSubset} from '../../../scripts/write/truetype-subset.ts'
import {FORMAT4_MAX_SEGMENTS, OfdFont, writeCmap} from '../../../scripts/write/ofd/font.ts'
import {official} from '../../typeset/context.ts'

describe('writeCmap', () => {
  it('should map BMP characters (runs and single ones) and characters beyond the BMP to their glyphs', async () => {
    const {fontCache, profile} = await official()
    const body = fontCache.forProfile(profile).get('body')!
    const subset = new TrueTypeSubset(body.file.tables, body.file)
    for (let i = 1; i <= 12; i++) subset.includeGlyph(100 + i)
    const map = new Map([
      [0x41, 3],
      [0x4e00, 5],
      [0x4e01, 6],
      [0x4e02, 7],
      [0x4e10, 2],
      [0x20000, 9],
      [0x20001, 10],
      [0xfffd, 12],
    ])
    const font = fontkit.create(Buffer.from(subset.encode([['cmap', writeCmap(map)]]))) as fontkit.Font
    for (const [cp, gid] of map) expect(font.glyphForCodePoint(cp).id, cp.toString(16)).toBe(gid)
    expect(font.hasGlyphForCodePoint(0x42)).toBe(false)
    expect(font.hasGlyphForCodePoint(0x4e03)).toBe(false)
  })

  it('should write a format 4 subtable only when every character is in the BMP', () => {
    const cmap = writeCmap(new Map([[0x4e00, 1]]))
    const view = new DataView(cmap.buffer)
    expect(view.getUint16(2)).toBe(1)
    expect([view.getUint16(4), view.getUint16(6)]).toEqual([3, 1])
    expect(view.getUint16(view.getUint32(8))).toBe(4)
  })

  it('should keep 9,000 BMP characters of 9,000 segments whole in format 12, format 4 only what its 16-bit length holds', async () => {
    const {fontCache, profile} = await official()
    const body = fontCache.forProfile(profile).get('body')!
    const subset = new TrueTypeSubset(body.file.tables, body.file)
    for (let i = 1; i <= 9000; i++) subset.includeGlyph(100 + i)
    // Every other character from U+4E00, each on its own glyph: no two share a segment.
    const map = new Map(Array.from({length: 9000}, (_, i) => [0x4e00 + 2 * i, i + 1] as [number, number]))
    const cmap = writeCmap(map)
    const view = new DataView(cmap.buffer)
    const count = view.getUint16(2)
    const tables = Array.from({length: count}, (_, i) => ({platform: view.getUint16(4 + 8 * i), encoding: view.getUint16(6 + 8 * i), offset: view.getUint32(8 + 8 * i)}))
    expect(tables.map((t) => [t.platform, t.encoding])).toEqual([
      [3, 1],
      [3, 10],
    ])
    const [f4, f12] = tables as [(typeof tables)[0], (typeof tables)[0]]
    expect(view.getUint16(f4.offset)).toBe(4)
    const length4 = view.getUint16(f4.offset + 2)
    const segments = view.getUint16(f4.offset + 6) / 2
    expect(segments).toBe(FORMAT4_MAX_SEGMENTS)
    // The length written is the subtable's real length: it ends where format 12 starts.
    expect(length4).toBe(16 + 8 * segments)
    expect(f4.offset + length4).toBe(f12.offset)
    expect(view.getUint16(f12.offset)).toBe(12)
    expect(f12.offset + view.getUint32(f12.offset + 4)).toBe(cmap.byteLength)
    expect(view.getUint32(f12.offset + 12)).toBe(9000)
    const font = fontkit.create(Buffer.from(subset.encode([['cmap', cmap]]))) as fontkit.Font
    for (const [cp, gid] of map) if (font.glyphForCodePoint(cp).id !== gid) expect(font.glyphForCodePoint(cp).id, cp.toString(16)).toBe(gid)
    expect(font.hasGlyphForCodePoint(0x4e01)).toBe(false)
  })
})

describe('OfdFont.contentKey', () => {
  it('should name the glyphs in order and every character of the cmap, so that a kept font file stands only for its own', async () => {
    const {fontCache, profile} = await official()
    const body = fontCache.forProfile(profile).get('body')!
    const id = (c: string): number => body.font.glyphForCodePoint(c.codePointAt(0)!).id
    // Each: characters drawn through the cmap, then glyphs drawn by id alone (a CGTransform's).
    const key = (chars: string, glyphs: number[] = []): string => {
      const font = new OfdFont(1, body)
      for (const c of chars) font.glyphFor(c.codePointAt(0)!)
      for (const g of glyphs) font.glyph(g)
      return font.contentKey()
    }
    expect(key('质量')).toBe(key('质量'))
    expect(key('质量')).not.toBe(key('量质'))
    // The same glyphs, in the same order, but one not in the cmap: another font file.
    expect(key('质', [id('量')])).not.toBe(key('质量'))
    expect(key('质量')).not.toMatch(/^[\d,]*$/)
  })
})
