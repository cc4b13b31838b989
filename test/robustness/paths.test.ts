/**
 * Paths: no source name, profile or output name can make a build read or write outside the
 * project or dist/; what the user names on the command line is on purpose.
 */
import {existsSync, mkdirSync, readdirSync, symlinkSync, writeFileSync} from 'node:fs'
import {createRequire} from 'node:module'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {describe, expect, it} from 'vitest'
import {build} from '../../scripts/build.ts'
import {fontPathProblem, isInside, resolveFontFile, safeJoin, slugProblem} from '../../scripts/paths.ts'
import {ROOT} from '../root.ts'
import {READY, readTree, runBuild, scratchRoot, SEED} from './harness.ts'

describe('slugs', () => {
  it.each(['samr-2022-quality-action-plan-qa', '质量行动方案', 'doc_2', '2022'])('should accept `%s`', (slug) => {
    expect(slugProblem(slug)).toBeUndefined()
  })

  it.each(['.', '..', '...', '.hidden', 'a b', 'a/b', 'a\\b', '-x', 'con', 'NUL.txt', '', 'x'.repeat(121), 'a\u202Eb', 'a..b', 'a.b'])('should refuse `%s`', (slug) => {
    expect(slugProblem(slug)).toBeTypeOf('string')
  })

  it('should refuse a source named `...md` (its slug `..` would be the project root) without writing anything', async () => {
    const root = scratchRoot('slug-dots')
    writeFileSync(path.join(root, 'source', '...md'), SEED)
    writeFileSync(path.join(root, 'source', '.hidden.md'), SEED)
    const before = readdirSync(root).sort()
    expect(await runBuild({root, only: READY})).toBe([
      'source/...md:1:1: error slug-invalid The source\'s name cannot name its output folder: `..` is not a usable folder name in dist/ (letters, digits, `-` and `_` only, starting with a letter or digit)',
      'source/.hidden.md:1:1: error slug-invalid The source\'s name cannot name its output folder: `.hidden` is not a usable folder name in dist/ (letters, digits, `-` and `_` only, starting with a letter or digit)',
      'exit 1',
      '',
    ].join('\n'))
    expect(readdirSync(root).sort()).toEqual(before)
  })
})

describe('sources', () => {
  it('should refuse a listed source that links outside the project', async () => {
    const root = scratchRoot('source-link')
    const outside = path.join(tmpdir(), `zhiban-outside-${process.pid}.md`)
    writeFileSync(outside, SEED)
    symlinkSync(outside, path.join(root, 'source', 'doc.md'))
    expect(await runBuild({root, only: READY})).toBe('source/doc.md:1:1: error path-outside `source/doc.md` leads outside the project: replace the link with the file\nexit 1\n')
  })

  it('should build a source named on the command line from outside the project (on purpose)', async () => {
    const root = scratchRoot('source-outside')
    const dir = path.join(tmpdir(), `zhiban-outside-${process.pid}`)
    mkdirSync(dir, {recursive: true})
    writeFileSync(path.join(dir, 'doc.md'), SEED)
    const out = path.join(dir, 'out')
    const result = await build({root, cache: false, files: [path.join(dir, 'doc.md')], only: READY, out})
    expect(result.ok).toBe(true)
    expect([...readTree(out).keys()]).toContain('doc/doc.pdf')
    expect(existsSync(path.join(root, 'dist'))).toBe(false)
  })
})

describe('font paths in a profile', () => {
  const root = '/project'
  const profile = '/project/templates/profiles/official.yaml'
  it.each([
    ['npm:@expo-google-fonts/noto-serif-sc/400Regular/NotoSerifSC_400Regular.ttf', undefined],
    ['../fonts/a.ttf', undefined],
    ['fonts/a.ttf', undefined],
    ['../../../etc/passwd', 'leads outside the project'],
    ['/etc/passwd', 'is an absolute path'],
    ['C:\\Windows\\Fonts\\simsun.ttc', 'is an absolute path'],
    ['npm:../../etc/passwd', 'is not `npm:<package>/<path inside it>`'],
    ['npm:@scope/pkg/../../../etc/passwd', 'is not `npm:<package>/<path inside it>`'],
    ['npm:pkg', 'is not `npm:<package>/<path inside it>`'],
  ])('`%s` → %s', (file, problem) => {
    const got = fontPathProblem(file, profile, root)
    if (problem === undefined) expect(got).toBeUndefined()
    else expect(got).toContain(problem)
  })

  it('should allow fonts beside a profile given on the command line from outside the project', () => {
    expect(fontPathProblem('fonts/a.ttf', '/elsewhere/my.yaml', root)).toBeUndefined()
    expect(fontPathProblem('../../etc/passwd', '/elsewhere/my.yaml', root)).toContain('leads outside')
  })

  it('should find an npm font where Node\'s lookup finds the package, and under node_modules when it is not installed', () => {
    const real = path.join(ROOT, 'templates', 'profiles', 'official.yaml')
    const file = 'npm:@expo-google-fonts/noto-serif-sc/400Regular/NotoSerifSC_400Regular.ttf'
    const nodeLookup = path.dirname(createRequire(path.join(ROOT, 'package.json')).resolve('@expo-google-fonts/noto-serif-sc/package.json'))
    expect(resolveFontFile(file, real, ROOT)).toBe(path.join(nodeLookup, '400Regular', 'NotoSerifSC_400Regular.ttf'))
    expect(existsSync(resolveFontFile(file, real, ROOT))).toBe(true)
    // Note: asked again (the package's folder is remembered), the same.
    expect(resolveFontFile(file, real, ROOT)).toBe(path.join(nodeLookup, '400Regular', 'NotoSerifSC_400Regular.ttf'))
    expect(resolveFontFile('npm:@zhiban-none/none/a.ttf', real, ROOT)).toBe(path.join(ROOT, 'node_modules', '@zhiban-none', 'none', 'a.ttf'))
    expect(resolveFontFile('fonts/a.ttf', real, ROOT)).toBe(path.join(ROOT, 'templates', 'profiles', 'fonts', 'a.ttf'))
  })

  it('should say the same wherever the project sits (a golden must not depend on the clone\'s place)', () => {
    const at = (base: string): string | undefined => fontPathProblem('../../../../etc/passwd', `${base}/test/fixtures/case/profile.yaml`, base)
    const shallow = at('/p')
    expect(shallow).toBe('`../../../../etc/passwd` leads outside the project (to `../etc/passwd` from the project root): keep fonts inside the project, or put them in ZHIBAN_FONT_DIR')
    expect(at('/home/clerk/work/checkouts/deep/zhiban')).toBe(shallow)
  })
})

describe('output names', () => {
  it.each(['../x.pdf', '..', '.', '', 'a/b.pdf', 'a\\b.pdf', 'a\u0000.pdf'])('should refuse the edition file name `%s`', (name) => {
    expect(() => safeJoin('/out/doc', name)).toThrow(/not a plain file name/)
  })

  it('should keep plain names inside the folder', () => {
    expect(isInside('/out/doc', safeJoin('/out/doc', 'doc.pdf'))).toBe(true)
  })
})
