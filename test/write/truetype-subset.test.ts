import {createHash} from 'node:crypto'
import * as fontkit from 'fontkit'
import {describe, expect, it} from 'vitest'
import {canSubset, tableDirectory, TrueTypeSubset} from '../../scripts/write/truetype-subset.ts'
import {font} from '../typeset/lines.ts'

function parse(bytes: Uint8Array): fontkit.Font {
  return fontkit.create(Buffer.from(bytes)) as fontkit.Font
}

/** The sum of a file's big-endian uint32 words (the last one zero-padded). */
function sum(bytes: Uint8Array, start = 0, end = bytes.byteLength): number {
  let s = 0
  for (let i = start; i < end; i += 4) {
    let word = 0
    for (let k = 0; k < 4; k++) word = (word << 8) | (i + k < end ? bytes[i + k]! : 0)
    s = (s + (word >>> 0)) >>> 0
  }
  return s
}

describe('TrueTypeSubset', () => {
  it('should keep each glyph drawn, in first-drawn order, with its outline and metrics', async () => {
    const body = await font('body')
    expect(canSubset(body.bytes)).toBe(true)
    const chosen = [...'质量强国，“》A9'].map((c) => body.font.glyphForCodePoint(c.codePointAt(0)!).id)
    // Note: the layout's font has no outlines in memory (font-file.ts); the reference is parsed from the whole file.
    const reference = parse(body.bytes)
    const before = createHash('sha256').update(body.bytes).digest('hex')
    const subset = new TrueTypeSubset(body.bytes)
    const ids = chosen.map((id) => subset.includeGlyph(id))
    expect(ids).toEqual(chosen.map((_, i) => i + 1))
    expect(subset.includeGlyph(chosen[2]!)).toBe(3)
    const cut = parse(subset.encode())
    expect(createHash('sha256').update(body.bytes).digest('hex'), 'the font file in memory is left as it was').toBe(before)
    expect(cut.numGlyphs).toBe(chosen.length + 1)
    chosen.forEach((id, i) => {
      const original = reference.getGlyph(id)
      const copy = cut.getGlyph(i + 1)
      expect(copy.path.toSVG()).toBe(original.path.toSVG())
      expect(copy.advanceWidth).toBe(original.advanceWidth)
      expect(copy.bbox).toEqual(original.bbox)
    })
    expect(cut.getGlyph(0).path.toSVG()).toBe(reference.getGlyph(0).path.toSVG())
  })

  it('should write valid table checksums and the head checksum adjustment', async () => {
    const body = await font('body')
    const subset = new TrueTypeSubset(body.bytes)
    for (const c of '市场监管总局') subset.includeGlyph(body.font.glyphForCodePoint(c.codePointAt(0)!).id)
    const bytes = subset.encode()
    expect(sum(bytes)).toBe(0xb1b0afba)
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
    const tables = tableDirectory(bytes)
    expect([...tables.keys()]).toEqual([...tables.keys()].sort())
    tables.forEach(({offset, length}, tag) => {
      const record = 12 + 16 * [...tables.keys()].indexOf(tag)
      const stored = view.getUint32(record + 4)
      if (tag === 'head') {
        // Note: the head checksum is taken with checkSumAdjustment at 0.
        const copy = bytes.slice(offset, offset + length)
        new DataView(copy.buffer).setUint32(8, 0)
        expect(sum(copy)).toBe(stored)
      } else expect(sum(bytes, offset, offset + length)).toBe(stored)
      expect(offset % 4).toBe(0)
    })
  })

  it('should sum a large table of high bytes without a carry lost (the checksum sums byte lanes)', async () => {
    const body = await font('body')
    const subset = new TrueTypeSubset(body.bytes)
    // Note: 0xFF bytes (the largest lane sums) over more than a 64-word block, and a length not a multiple of 4.
    const extra: [string, Uint8Array][] = [['zzzz', new Uint8Array(70_003).fill(0xff)], ['zzzy', Uint8Array.from({length: 4097}, (_, i) => (i * 2_654_435_761) >>> 24)]]
    const bytes = subset.encode(extra)
    expect(sum(bytes)).toBe(0xb1b0afba)
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
    const tables = tableDirectory(bytes)
    for (const [tag, data] of extra) {
      const {offset, length} = tables.get(tag)!
      expect(length).toBe(data.byteLength)
      expect(view.getUint32(12 + 16 * [...tables.keys()].indexOf(tag) + 4)).toBe(sum(data))
      expect(offset % 4).toBe(0)
    }
  })

  it('should add a composite glyph’s components and renumber them', async () => {
    const kai = await font('heading2')
    const reference = parse(kai.bytes)
    let composite: {id: number; components: number[]} | undefined
    for (let id = 0; id < reference.numGlyphs && !composite; id++) {
      const decoded = (reference.getGlyph(id) as unknown as {_decode(): {numberOfContours: number; components?: {glyphID: number}[]} | null})._decode()
      if (decoded && decoded.numberOfContours < 0) composite = {id, components: decoded.components!.map((c) => c.glyphID)}
    }
    expect(composite, 'the WenKai stand-in has composite glyphs').toBeDefined()
    const subset = new TrueTypeSubset(kai.bytes)
    expect(subset.includeGlyph(composite!.id)).toBe(1)
    const cut = parse(subset.encode())
    expect(subset.glyphs.slice(2)).toEqual(composite!.components)
    expect(cut.numGlyphs).toBe(2 + composite!.components.length)
    const copy = (cut.getGlyph(1) as unknown as {_decode(): {components: {glyphID: number}[]}})._decode()
    expect(copy.components.map((c) => c.glyphID)).toEqual(composite!.components.map((_, i) => 2 + i))
    expect(cut.getGlyph(1).path.toSVG()).toBe(reference.getGlyph(composite!.id).path.toSVG())
  })
})
