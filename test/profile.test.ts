import path from 'node:path'
import {cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, symlinkSync, utimesSync, writeFileSync} from 'node:fs'
import os from 'node:os'
import {describe, expect, it} from 'vitest'
import {loadProfile, ProfileError} from '../scripts/profile.ts'
import {profileData, validateProfile} from '../scripts/profile-schema.ts'

import {ROOT as root} from './root.ts'
const mm = 72 / 25.4

function booklet(edit: (data: Record<string, any>) => void): () => unknown {
  const file = path.join(root, 'templates/profiles/booklet.yaml')
  const data = profileData(file, root) as Record<string, any>
  edit(data)
  return () => validateProfile(data, file)
}

describe('extends', () => {
  const project = (files: Record<string, string>): string => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'zhiban-extends-'))
    mkdirSync(path.join(dir, 'templates', 'profiles'), {recursive: true})
    cpSync(path.join(root, 'templates', 'profiles', 'official.yaml'), path.join(dir, 'templates', 'profiles', 'official.yaml'))
    for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, 'templates', 'profiles', `${name}.yaml`), text)
    return dir
  }

  it('should give the booklet sizes the official fonts, section by section', async () => {
    const official = await loadProfile('official', root)
    for (const name of ['booklet', 'booklet-16k', 'booklet-big32k']) {
      const profile = await loadProfile(name, root)
      expect(profile.fonts, name).toEqual(official.fonts)
      expect(profile.name).toBe(name)
    }
    // Note: a section given replaces the inherited one whole (no deep merge).
    expect((await loadProfile('booklet-16k', root)).page.margins).toEqual({top: 25, bottom: 27, inner: 25, outer: 20})
  })

  it.each([
    ['an unknown profile', {a: 'extends: nowhere\nname: a\n'}, 'a', /a\.yaml: extends: no profile `nowhere`/],
    ['a circle', {a: 'extends: b\nname: a\n', b: 'extends: a\nname: b\n'}, 'a', /b\.yaml: extends: makes a circle \(a\.yaml → b\.yaml → a\.yaml\)/],
    ['itself', {a: 'extends: a\nname: a\n'}, 'a', /a\.yaml: extends: makes a circle/],
    ['not a name', {a: 'extends: [official]\nname: a\n'}, 'a', /a\.yaml: extends: must be a profile name or file/],
  ])('should refuse %s at the `extends` key', async (_what, files, name, message) => {
    const dir = project(files)
    await expect(loadProfile(name, dir)).rejects.toThrow(message)
    await expect(loadProfile(name, dir)).rejects.toBeInstanceOf(ProfileError)
  })

  it('should place a problem of an inherited section in the file that gives it', async () => {
    const dir = project({a: 'extends: official\nname: a\n'})
    const official = path.join(dir, 'templates', 'profiles', 'official.yaml')
    writeFileSync(official, readFileSync(official, 'utf8').replace('charsPerLine: 28', 'charsPerLine: -1'))
    await expect(loadProfile('a', dir)).rejects.toThrow(/official\.yaml: grid\.charsPerLine: /)
  })
})

describe('the booklet profiles', () => {
  it.each([
    ['booklet', 148, 210, 26],
    ['booklet-16k', 185, 260, 28],
    ['booklet-big32k', 140, 203, 25],
  ] as const)('should load %s at %i × %i mm with %i characters a line', async (name, width, height, chars) => {
    const profile = await loadProfile(name, root)
    expect([profile.page.width, profile.page.height, profile.grid.charsPerLine]).toEqual([width, height, chars])
    expect(profile.geometry.pageWidthPt).toBeCloseTo(width * mm, 6)
    expect(profile.page.margins.inner).toBeGreaterThan(profile.page.margins.outer)
    expect(profile.page.mirror).toBe(true)
    expect(profile.geometry.cellPt! / profile.roles.body.size).toBeGreaterThanOrEqual(1)
    expect(profile.geometry.cellPt! / profile.roles.body.size).toBeLessThan(1.05)
  })

  it('should give the A5 booklet a 3 mm bleed, crop marks, 12 pt body and a colophon', async () => {
    const profile = await loadProfile('booklet', root)
    expect([profile.page.bleed, profile.page.cropMarks, profile.roles.body.size, profile.booklet?.colophon]).toEqual([3, true, 12, true])
    expect(profile.geometry.pageWidthPt).toBeCloseTo(419.53, 2)
    expect(profile.geometry.pageHeightPt).toBeCloseTo(595.28, 2)
  })

  it('should refuse a page size that disagrees with the width given', () => {
    expect(booklet((d) => (d.page.width = 150))).toThrow(/page\.size: `A5` is 148 × 210 mm/)
  })

  it('should refuse a page with neither a size nor both lengths', () => {
    expect(booklet((d) => delete d.page.size)).toThrow(ProfileError)
    expect(booklet((d) => delete d.page.size)).toThrow(/page\.size: give `page\.size`/)
  })

  it('should refuse an unknown size name', () => {
    expect(booklet((d) => (d.page.size = 'A6'))).toThrow(/page\.size/)
  })

  it('should refuse a range-break penalty outside 0 to 100000, at its key, saying the range', () => {
    // Note: above the cap a paragraph's penalties could outweigh a loose line and total fit's first pass would not be least-cost.
    for (const value of [1e9, 100001, -1]) {
      expect(booklet((d) => (d.typesetting = {...d.typesetting, rangeBreakPenalty: value}))).toThrow(/booklet\.yaml: typesetting\.rangeBreakPenalty: must be from 0 to 100000/)
    }
    expect(booklet((d) => (d.typesetting = {...d.typesetting, rangeBreakPenalty: 100000}))()).toMatchObject({typesetting: {rangeBreakPenalty: 100000}})
  })

  it('should refuse a cover role naming a font that is not under fonts', () => {
    expect(booklet((d) => (d.booklet.cover.title.font = 'nope'))).toThrow(/booklet\.cover\.title\.font: names font `nope`/)
  })

  it('should keep the official profile as it was (explicit width and height, no booklet section)', async () => {
    const profile = await loadProfile('official', root)
    expect([profile.page.width, profile.page.height, profile.page.size, profile.booklet]).toEqual([210, 297, undefined, undefined])
  })
})

describe('the validated-profile cache of the bundled CLI', () => {
  it('should give back the profile it validated, and validate again when the code or the profile changes', async () => {
    const project = mkdtempSync(path.join(os.tmpdir(), 'zhiban-profiles-'))
    cpSync(path.join(root, 'templates'), path.join(project, 'templates'), {recursive: true})
    // Note: the fonts resolve through node_modules; the cache goes to node_modules/.cache, so a folder of its own.
    const modules = path.join(project, 'node_modules')
    cpSync(path.join(root, 'package.json'), path.join(project, 'package.json'))
    mkdirSync(modules, {recursive: true})
    for (const pkg of ['@expo-google-fonts', '@fontsource']) {
      symlinkSync(path.join(root, 'node_modules', pkg), path.join(modules, pkg))
    }
    const bundle = path.join(project, 'cli.cjs')
    writeFileSync(bundle, '// stands for the bundled CLI\n')
    const told = globalThis as {ZHIBAN_BUNDLE?: string}
    told.ZHIBAN_BUNDLE = bundle
    try {
      const cache = path.join(modules, '.cache', 'zhiban', 'profiles')
      // Note: beside each validated profile, each file's parsed YAML (`yaml-…`), found by its text.
      const kept = () => readdirSync(cache).filter((f) => !f.startsWith('yaml-'))
      const parsed = () => readdirSync(cache).filter((f) => f.startsWith('yaml-'))
      const first = await loadProfile('official', project)
      expect(kept()).toHaveLength(1)
      expect(parsed()).toHaveLength(1)
      expect(await loadProfile('official', project)).toEqual(first)
      expect(kept()).toHaveLength(1)
      expect(parsed()).toHaveLength(1)
      utimesSync(bundle, new Date(2001, 0, 1), new Date(2001, 0, 1))
      expect(await loadProfile('official', project)).toEqual(first)
      expect(kept()).toHaveLength(2)
      const file = path.join(project, 'templates', 'profiles', 'official.yaml')
      writeFileSync(file, readFileSync(file, 'utf8').replace('charsPerLine: 28', 'charsPerLine: 27'))
      expect((await loadProfile('official', project)).grid.charsPerLine).toBe(27)
      writeFileSync(file, readFileSync(file, 'utf8').replace('charsPerLine: 27', 'charsPerLine: zero'))
      await expect(loadProfile('official', project)).rejects.toThrow(ProfileError)
      // Note: YAML that does not parse is refused from its text, kept or not.
      const good = readFileSync(file, 'utf8')
      writeFileSync(file, `${good}\n  : [unclosed\n`)
      await expect(loadProfile('official', project)).rejects.toThrow(/\(yaml\)/)
      // Note: the booklet extends the official profile: it loads through the kept YAML of both files.
      writeFileSync(file, good)
      const booklet = await loadProfile('booklet', project)
      expect(booklet.name).toBe('booklet')
    } finally {
      delete told.ZHIBAN_BUNDLE
    }
  })
})
