// A font's recorded cmap (scripts/typeset/cmap-cache.ts), which an HTML-only build checks glyph coverage with,
// answers exactly as fontkit does for every code point, and a changed font file is read again.
import {copyFileSync, mkdtempSync, readdirSync, rmSync, utimesSync} from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import {describe, expect, it} from 'vitest'
import {cachedCoverage, coverageOf, hasCoverage, recordCoverage, recordedCoverage, type Coverage} from '../../scripts/typeset/cmap-cache.ts'
import {official} from './context.ts'

describe('recorded cmaps', () => {
  it('answer as fontkit does for every code point of every profile font', async () => {
    const {fontCache, profile} = await official()
    await fontCache.prefetch(profile)
    const dir = mkdtempSync(path.join(os.tmpdir(), 'zhiban-cmap-'))
    try {
      // Note: one file may serve several roles (body and page number): each file once.
      const files = new Map([...fontCache.forProfile(profile).values()].map((f) => [f.path, f]))
      expect(files.size).toBeGreaterThanOrEqual(3)
      for (const loaded of files.values()) {
        let parsed = 0
        const parse = () => (parsed++, loaded.font)
        expect(hasCoverage(dir, loaded.path, 'test')).toBe(false)
        expect(cachedCoverage(dir, loaded.path, 'test', parse)).toBe(loaded.font)
        expect(hasCoverage(dir, loaded.path, 'test')).toBe(true)
        const recorded = cachedCoverage(dir, loaded.path, 'test', parse)
        expect(parsed, loaded.key).toBe(1)
        expect(recorded).not.toBe(loaded.font)
        const differ: number[] = []
        for (let code = 0; code <= 0x10ffff; code++) if (recorded.hasGlyphForCodePoint(code) !== loaded.font.hasGlyphForCodePoint(code)) differ.push(code)
        expect(differ, loaded.key).toEqual([])
        // Note: a record names its fontkit version: another one reads the font again.
        cachedCoverage(dir, loaded.path, 'other', parse)
        expect(parsed).toBe(2)
      }
    } finally {
      rmSync(dir, {recursive: true, force: true})
    }
  }, 120_000)

  it('read a changed font file again', async () => {
    const {fontCache, profile} = await official()
    await fontCache.prefetch(profile)
    const body = fontCache.forProfile(profile).get('body')!
    const dir = mkdtempSync(path.join(os.tmpdir(), 'zhiban-cmap-'))
    try {
      const copy = path.join(dir, 'font.ttf')
      copyFileSync(body.path, copy)
      let parsed = 0
      cachedCoverage(path.join(dir, 'records'), copy, 'test', () => (parsed++, body.font))
      utimesSync(copy, new Date(2001, 0, 1), new Date(2001, 0, 1))
      cachedCoverage(path.join(dir, 'records'), copy, 'test', () => (parsed++, body.font))
      expect(parsed).toBe(2)
      expect(readdirSync(path.join(dir, 'records'))).toHaveLength(2)
    } finally {
      rmSync(dir, {recursive: true, force: true})
    }
  })

  it('answer for a loaded font once it has a record, and the font answers itself without one', async () => {
    const {fontCache, profile} = await official()
    await fontCache.prefetch(profile)
    const body = fontCache.forProfile(profile).get('body')!
    const dir = mkdtempSync(path.join(os.tmpdir(), 'zhiban-cmap-'))
    try {
      expect(recordedCoverage(dir, body.path, 'test')).toBeUndefined()
      // Note: a font told of no record answers itself; asked once, the lookup is not repeated.
      const font = {hasGlyphForCodePoint: (code: number) => body.font.hasGlyphForCodePoint(code)}
      let asked = 0
      recordCoverage(font, () => (asked++, recordedCoverage(dir, body.path, 'test')))
      expect(coverageOf(font)).toBe(font)
      expect(coverageOf(font)).toBe(font)
      expect(asked).toBe(1)
      cachedCoverage(dir, body.path, 'test', () => body.font)
      const other: Coverage = {hasGlyphForCodePoint: (code: number) => body.font.hasGlyphForCodePoint(code)}
      recordCoverage(other, () => recordedCoverage(dir, body.path, 'test'))
      const recorded = coverageOf(other)
      expect(recorded).not.toBe(other)
      for (const ch of '关于印发质量强国建设纲要的通知ABC123，。“”—…𠀀\u{E000}') expect(recorded.hasGlyphForCodePoint(ch.codePointAt(0)!), ch).toBe(body.font.hasGlyphForCodePoint(ch.codePointAt(0)!))
    } finally {
      rmSync(dir, {recursive: true, force: true})
    }
  })
})
