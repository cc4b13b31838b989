import {readFileSync} from 'node:fs'
import {describe, expect, it} from 'vitest'
import {FontFile} from '../../scripts/typeset/font-file.ts'
import {tableDirectory, TrueTypeSubset} from '../../scripts/write/truetype-subset.ts'
import {font} from './lines.ts'

describe('FontFile', () => {
  it('should hold every table but the outlines, read the outlines on demand and the whole file when asked', async () => {
    const body = await font('body')
    const whole = readFileSync(body.path)
    for (const read of [FontFile.read(body.path), await FontFile.readAsync(body.path)]) {
      expect(read.complete).toBe(false)
      const glyf = tableDirectory(whole).get('glyf')!
      expect(read.tables.byteLength).toBe(whole.byteLength)
      expect(read.tables.subarray(0, glyf.offset).equals(whole.subarray(0, glyf.offset))).toBe(true)
      expect(read.tables.subarray(glyf.offset + glyf.length).equals(whole.subarray(glyf.offset + glyf.length))).toBe(true)
      expect(read.tables.subarray(glyf.offset, glyf.offset + glyf.length).every((b) => b === 0)).toBe(true)
      const reader = read.reader()
      const range = reader.read(glyf.offset + 1000, 5000)
      expect(Buffer.from(range).equals(whole.subarray(glyf.offset + 1000, glyf.offset + 6000))).toBe(true)
      // Note: ranges are kept for the next reader; each read is a copy a caller may write to.
      range.fill(0xff)
      reader.close()
      const again = read.reader()
      expect(Buffer.from(again.read(glyf.offset + 1000, 5000)).equals(whole.subarray(glyf.offset + 1000, glyf.offset + 6000))).toBe(true)
      again.close()
      // Note: an empty range (a glyph with no outline) reads nothing and leaves the kept range at that offset.
      const third = read.reader()
      expect(third.read(glyf.offset + 1000, 0).byteLength).toBe(0)
      expect(Buffer.from(third.read(glyf.offset + 1000, 5000)).equals(whole.subarray(glyf.offset + 1000, glyf.offset + 6000))).toBe(true)
      third.close()
      expect(read.bytes().equals(whole)).toBe(true)
      // The whole file is the tables with their outlines read in: one copy in memory.
      expect(read.bytes()).toBe(read.tables)
      expect(read.complete).toBe(true)
    }
  })

  it('should cut the same subset from the outlines on demand as from the whole file', async () => {
    const body = await font('body')
    const ids = [...'国家市场监督管理总局“”《》'].map((c) => body.font.glyphForCodePoint(c.codePointAt(0)!).id)
    const sparse = FontFile.read(body.path)
    const a = new TrueTypeSubset(sparse.tables, sparse)
    const b = new TrueTypeSubset(readFileSync(body.path))
    for (const id of ids) {
      a.includeGlyph(id)
      b.includeGlyph(id)
    }
    expect(Buffer.from(a.encode()).equals(Buffer.from(b.encode()))).toBe(true)
  })

  it('should read a font without TrueType outlines whole', async () => {
    const body = await font('body')
    // Note: a copy of the body font with its sfnt version made 'OTTO' (CFF): not cut.
    const bytes = Buffer.from(readFileSync(body.path))
    bytes.write('OTTO', 0, 'latin1')
    const {mkdtempSync, writeFileSync} = await import('node:fs')
    const {tmpdir} = await import('node:os')
    const file = `${mkdtempSync(`${tmpdir()}/zhiban-font-`)}/cff.otf`
    writeFileSync(file, bytes)
    const read = FontFile.read(file)
    expect(read.complete).toBe(true)
    expect(read.tables.equals(bytes)).toBe(true)
  })
})
