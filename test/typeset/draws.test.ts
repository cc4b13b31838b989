/**
 * The one glyph test (typeset/draws.ts) and its three callers: a character no font draws is a placed
 * `missing-glyph` error whichever editions are made, and a character the profile draws but a role's font or an
 * embedded DOCX font does not is one too, from layout's and the DOCX's own checks.
 */
import {describe, expect, it} from 'vitest'
import {draws, needsGlyph} from '../../scripts/typeset/draws.ts'
import type {LoadedFont} from '../../scripts/typeset/fonts.ts'
import {compileDocx} from '../write/docx/build.ts'
import {EDITIONS} from '../../scripts/editions.ts'
import {codePoint} from '../../scripts/chars.ts'

/** A stand-in font that maps exactly `chars`. */
const fake = (chars: string) => ({font: {hasGlyphForCodePoint: (code: number) => [...chars].some((c) => c.codePointAt(0) === code)}}) as unknown as Pick<LoadedFont, 'font'>

describe('needsGlyph', () => {
  it('should exempt only the word space in print: layout would draw a tab or a line end as any character', () => {
    expect(needsGlyph(' ')).toBe(false)
    // The ideographic space and the no-break spaces are set by a font like any character.
    for (const char of ['\t', '\n', '\r', '\u3000', '\u00A0', '\u202F', 'a', '字']) expect(needsGlyph(char), codePoint(char)).toBe(true)
  })

  it('should exempt the white space a browser collapses, and bidirectional controls, on the web alone', () => {
    for (const char of [' ', '\t', '\n', '\r', '\u202E']) expect(needsGlyph(char, 'web'), codePoint(char)).toBe(false)
    expect(needsGlyph('\u202E')).toBe(true)
    expect(needsGlyph('\u3000', 'web')).toBe(true)
  })
})

describe('draws', () => {
  it('should ask the font, or any of its fallbacks', () => {
    expect(draws(fake('字'), '字')).toBe(true)
    expect(draws(fake('字'), '𠀀')).toBe(false)
    expect(draws([fake('字'), fake('𠀀')], '𠀀')).toBe(true)
    expect(draws([], '𠀀')).toBe(false)
    expect(draws([], ' ')).toBe(true)
    expect(draws(fake(''), '\u202E', 'web')).toBe(true)
    expect(draws(fake(''), '\u202E')).toBe(false)
  })
})

type File = Awaited<ReturnType<typeof compileDocx>>['file']
/** The `missing-glyph` errors, as `line:column actual`, in source order. */
const errors = (file: File) => file.messages.filter((m) => m.ruleId === 'missing-glyph' && m.fatal).map((m) => `${m.line}:${m.column} ${m.actual ?? ''}`).sort()
const reasons = (file: File) => file.messages.filter((m) => m.ruleId === 'missing-glyph').map((m) => m.reason).join('\n')

describe('a character no font draws', () => {
  for (const edition of EDITIONS) {
    it(`should be a placed error when only the ${edition} edition is made`, async () => {
      const {result, file} = await compileDocx('test/fixtures/glyph-missing/input.md', undefined, [edition])
      expect(result).toBeUndefined()
      expect(errors(file)).toEqual(['8:10 U+20000', '8:25 U+E000'])
    })
  }
})

describe('a character no font draws in a table cell', () => {
  for (const edition of EDITIONS) {
    it(`should be a placed error when only the ${edition} edition is made`, async () => {
      const {result, file} = await compileDocx('test/fixtures/glyph-missing-table/input.md', undefined, [edition])
      expect(result).toBeUndefined()
      expect(errors(file)).toEqual(['14:10 U+20000'])
    })
  }
})

describe('a tab in the text', () => {
  for (const edition of ['pdf', 'booklet', 'docx'] as const) {
    it(`should be a placed error when the ${edition} edition is made (layout would draw it as a box)`, async () => {
      const {result, file} = await compileDocx('test/fixtures/glyph-tab/input.md', undefined, [edition])
      expect(result).toBeUndefined()
      expect(errors(file)).toEqual(['8:10 U+0009'])
    })
  }

  it('should be white space in the HTML alone', async () => {
    const {result, file} = await compileDocx('test/fixtures/glyph-tab/input.md', undefined, ['html'])
    expect(errors(file)).toEqual([])
    expect(result).toBeDefined()
  })
})

describe('a character the profile draws but a role\'s font does not', () => {
  it('should be placed by layout\'s check (official PDF: 黑体 of the level 1 heading)', async () => {
    const {result, file} = await compileDocx('test/fixtures/glyph-role-font/input.md', undefined, ['pdf'])
    expect(result).toBeUndefined()
    expect(errors(file)).toEqual(['10:6 鿰'])
    expect(reasons(file)).toMatch(/^The font `黑体` of role `heading1`/)
  })

  it('should be placed by the DOCX\'s check of its embedded subset', async () => {
    const {result, file} = await compileDocx('test/fixtures/glyph-role-font/input.md', (profile) => ({...profile, docx: {...profile.docx, embedFonts: 'subset'}}), ['docx'])
    expect(result).toBeUndefined()
    expect(errors(file)).toEqual(['10:6 鿰'])
    expect(reasons(file)).toMatch(/^the font embedded as `黑体`/)
  })

  it('should not stop an edition that does not draw it in that font (the DOCX without embedded fonts, the HTML)', async () => {
    for (const edition of ['docx', 'html'] as const) {
      const {result, file} = await compileDocx('test/fixtures/glyph-role-font/input.md', undefined, [edition])
      expect(errors(file)).toEqual([])
      expect(result).toBeDefined()
    }
  })
})
