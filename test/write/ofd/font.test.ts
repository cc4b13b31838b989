/**
 * The OFD's embedded font files: the subset's own cmap (format 4, and format 12 beyond the BMP) read back by fontkit.
 */
import * as fontkit from 'fontkit'
import {describe, expect, it} from 'vitest'
import {TrueTypeSubset} from '../../../scripts/write/truetype-subset.ts'
import {writeCmap} from '../../../scripts/write/ofd/font.ts'
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
})
