// A font parsed by fontkit on first need (scripts/typeset/lazy-font.ts) answers from its table bytes exactly as
// fontkit does: units per em, every code point's glyph (through the cmap subtable fontkit picks, in formats 12 and
// 4), the features it lists; anything else has fontkit parse the font once and answers with it.
import * as fontkit from 'fontkit'
import {describe, expect, it} from 'vitest'
import {lazyFont} from '../../scripts/typeset/lazy-font.ts'
import {official} from './context.ts'

/** The profile's font files, each once, as the build reads them (outlines left out). */
async function profileFonts(): Promise<{key: string; bytes: Buffer}[]> {
  const {fontCache, profile} = await official()
  await fontCache.prefetch(profile)
  const files = new Map([...fontCache.forProfile(profile).values()].map((f) => [f.path, {key: f.key, bytes: f.file.tables}]))
  expect(files.size).toBeGreaterThanOrEqual(3)
  return [...files.values()]
}

/** A lazy font and how many times it had fontkit parse. */
function lazy(bytes: Buffer): {font: fontkit.Font; parsed: () => number} {
  let count = 0
  const font = lazyFont(bytes, () => (count++, fontkit.create(bytes) as fontkit.Font))
  expect(font).toBeDefined()
  return {font: font!, parsed: () => count}
}

/** The glyph ids of every code point that differ between two fonts (up to `last`). */
function differences(a: fontkit.Font, b: fontkit.Font, last = 0x10ffff): number[] {
  const differ: number[] = []
  for (let code = 0; code <= last; code++) if (a.glyphForCodePoint(code).id !== b.glyphForCodePoint(code).id) differ.push(code)
  return differ
}

/**
 * A copy of a font whose Windows UCS-4 cmap record (3, 10) is renamed (to platform 4): fontkit then reads its
 * Windows BMP subtable (3, 1), format 4.
 */
function withoutFullCmap(bytes: Buffer): Buffer | undefined {
  const copy = Buffer.from(bytes)
  const count = copy.readUInt16BE(4)
  for (let i = 0; i < count; i++) {
    const at = 12 + 16 * i
    if (copy.toString('latin1', at, at + 4) !== 'cmap') continue
    const cmap = copy.readUInt32BE(at + 8)
    let renamed = false
    for (let r = 0; r < copy.readUInt16BE(cmap + 2); r++) {
      const record = cmap + 4 + 8 * r
      if (copy.readUInt16BE(record) === 3 && copy.readUInt16BE(record + 2) === 10) {
        copy.writeUInt16BE(4, record)
        renamed = true
      }
    }
    return renamed ? copy : undefined
  }
  return undefined
}

/**
 * A font of three tables (an empty glyf, head, cmap): a Windows BMP cmap in format 4 whose first segment reads the
 * glyph id array (with a delta, one id 0, one that wraps, one index past the array) and whose second adds a delta.
 */
function syntheticFont(oddSegCount = false): Buffer {
  const u16 = (...values: number[]) => {
    const b = Buffer.alloc(2 * values.length)
    values.forEach((v, i) => b.writeUInt16BE(v & 0xffff, 2 * i))
    return b
  }
  const segCount = 3
  // Segments: A-E through the array (idRangeOffset to its start), a-b by delta, the final 0xFFFF.
  const ends = u16(0x45, 0x62, 0xffff)
  const starts = u16(0x41, 0x61, 0xffff)
  const deltas = u16(2, 10, 1)
  const rangeOffsets = u16(2 * segCount, 0, 0)
  const glyphIds = u16(6, 7, 0, 0xffff)
  const body = Buffer.concat([u16(2 * segCount + (oddSegCount ? 1 : 0), 0, 0, 0), ends, u16(0), starts, deltas, rangeOffsets, glyphIds])
  const subtable = Buffer.concat([u16(4, 6 + body.byteLength, 0), body])
  const cmap = Buffer.concat([u16(0, 1, 3, 1), Buffer.from([0, 0, 0, 12]), subtable])
  const head = Buffer.alloc(54)
  head.writeUInt32BE(0x00010000, 0)
  head.writeUInt32BE(0x5f0f3cf5, 12)
  head.writeUInt16BE(1000, 18)
  const tables: [string, Buffer][] = [['cmap', cmap], ['glyf', Buffer.alloc(0)], ['head', head]]
  const directory = Buffer.alloc(12 + 16 * tables.length)
  directory.writeUInt32BE(0x00010000, 0)
  directory.writeUInt16BE(tables.length, 4)
  let offset = directory.byteLength
  const parts: Buffer[] = [directory]
  tables.forEach(([tag, data], i) => {
    const at = 12 + 16 * i
    directory.write(tag, at, 'latin1')
    directory.writeUInt32BE(offset, at + 8)
    directory.writeUInt32BE(data.byteLength, at + 12)
    const padded = Buffer.alloc((data.byteLength + 3) & ~3)
    data.copy(padded)
    parts.push(padded)
    offset += padded.byteLength
  })
  return Buffer.concat(parts)
}

describe('lazyFont', () => {
  it('should answer units per em, every glyph of the cmap and the features as fontkit does, without parsing', async () => {
    for (const {key, bytes} of await profileFonts()) {
      const real = fontkit.create(bytes) as fontkit.Font
      const {font, parsed} = lazy(bytes)
      expect(font.unitsPerEm, key).toBe(real.unitsPerEm)
      expect(font.availableFeatures, key).toEqual(real.availableFeatures)
      expect(differences(font, real), key).toEqual([])
      expect(parsed(), key).toBe(0)
    }
  }, 120_000)

  it('should read a format 4 subtable as fontkit does', async () => {
    let checked = 0
    for (const {key, bytes} of await profileFonts()) {
      const bmp = withoutFullCmap(bytes)
      if (!bmp) continue
      const real = fontkit.create(bmp) as fontkit.Font
      const {font, parsed} = lazy(bmp)
      expect(differences(font, real, 0x1ffff), key).toEqual([])
      expect(parsed(), key).toBe(0)
      checked++
    }
    expect(checked).toBeGreaterThan(0)
  }, 120_000)

  it('should read glyph ids through a format 4 subtable\'s id array as fontkit does, past its end too', () => {
    const bytes = syntheticFont()
    const real = fontkit.create(bytes) as fontkit.Font
    const {font, parsed} = lazy(bytes)
    const ids = (f: fontkit.Font) => Array.from({length: 0x80}, (_, code) => f.glyphForCodePoint(code).id)
    // Note: 'A'-'D' through the array (delta added, wrapped at 16 bits), 'E' past its end (no glyph), 'a'-'b' by delta.
    expect(ids(font)).toEqual(ids(real))
    expect(ids(font).slice(0x41, 0x46)).toEqual([8, 9, 0, 1, 0])
    expect(ids(font).slice(0x61, 0x63)).toEqual([0x61 + 10, 0x62 + 10])
    expect(parsed()).toBe(0)
  })

  it('should leave a format 4 subtable with an odd segment count to fontkit', () => {
    const bytes = syntheticFont(true)
    const {font, parsed} = lazy(bytes)
    try {
      font.glyphForCodePoint(0x41)
    } catch {
      // Note: whatever fontkit makes of the damaged table is its answer; what matters is that it was asked.
    }
    expect(parsed()).toBe(1)
  })

  it('should have fontkit parse the font once for anything else, and answer with it', async () => {
    const {bytes} = (await profileFonts())[0]!
    const real = fontkit.create(bytes) as fontkit.Font
    const {font, parsed} = lazy(bytes)
    const run = font.layout('质量提升行动')
    expect(parsed()).toBe(1)
    expect(run.glyphs.map((g) => g.id)).toEqual(real.layout('质量提升行动').glyphs.map((g) => g.id))
    expect(font.postscriptName).toBe(real.postscriptName)
    expect(font.glyphForCodePoint(0x8d28).advanceWidth).toBe(real.glyphForCodePoint(0x8d28).advanceWidth)
    expect(font.availableFeatures).toEqual(real.availableFeatures)
    expect(parsed()).toBe(1)
  })

  it('should leave bytes that are not a font it reads to fontkit at once', () => {
    expect(lazyFont(Buffer.from('not a font at all'), () => {
      throw new Error('not called')
    })).toBeUndefined()
  })
})
