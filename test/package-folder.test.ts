/**
 * paths.ts `packageFolder` (the folder of a profile font's `npm:` package, and fontkit's): Node's answer, which the
 * bundled CLI keeps (node_modules/.cache/zhiban/packages.json) with the identity of the package's package.json and
 * of the project's; a changed package is resolved again. The bundle is faked by `ZHIBAN_BUNDLE`.
 */
import {mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, symlinkSync, utimesSync, writeFileSync} from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import {afterEach, beforeEach, describe, expect, it, vi} from 'vitest'
import {packageFolder, resolveFontFile} from '../scripts/paths.ts'

const global = globalThis as {ZHIBAN_BUNDLE?: unknown}

describe('packageFolder', () => {
  let root: string
  let record: string
  beforeEach(() => {
    root = mkdtempSync(path.join(os.tmpdir(), 'zhiban-packages-'))
    writeFileSync(path.join(root, 'package.json'), '{"name": "project", "private": true}\n')
    // Note: a plain package, one whose exports map does not name its package.json, and one linked from elsewhere.
    mkdirSync(path.join(root, 'node_modules', 'plain'), {recursive: true})
    writeFileSync(path.join(root, 'node_modules', 'plain', 'package.json'), '{"name": "plain", "version": "1.0.0"}\n')
    mkdirSync(path.join(root, 'node_modules', '@scope', 'closed'), {recursive: true})
    writeFileSync(path.join(root, 'node_modules', '@scope', 'closed', 'package.json'), '{"name": "@scope/closed", "exports": {".": "./index.js"}}\n')
    mkdirSync(path.join(root, 'elsewhere', 'linked'), {recursive: true})
    writeFileSync(path.join(root, 'elsewhere', 'linked', 'package.json'), '{"name": "linked"}\n')
    symlinkSync(path.join(root, 'elsewhere', 'linked'), path.join(root, 'node_modules', 'linked'))
    record = path.join(root, 'node_modules', '.cache', 'zhiban', 'packages.json')
  })
  afterEach(() => {
    delete global.ZHIBAN_BUNDLE
    rmSync(root, {recursive: true, force: true})
  })

  const expected = (): Record<string, string> => ({
    plain: path.join(realpathSync(root), 'node_modules', 'plain'),
    '@scope/closed': path.join(root, 'node_modules', '@scope', 'closed'),
    linked: path.join(realpathSync(root), 'elsewhere', 'linked'),
  })

  it('is where Node resolves the package from the project, its link followed, else node_modules/<name>', () => {
    for (const [name, dir] of Object.entries(expected())) expect(packageFolder(name, root), name).toBe(dir)
    expect(resolveFontFile('npm:@scope/closed/fonts/a.ttf', path.join(root, 'p.yaml'), root)).toBe(path.join(root, 'node_modules', '@scope', 'closed', 'fonts', 'a.ttf'))
    // Note: the sources under test keep nothing.
    expect(() => readFileSync(record)).toThrow()
  })

  it('is kept by the bundled CLI and read back by the next process', async () => {
    global.ZHIBAN_BUNDLE = path.join(root, 'cli.cjs')
    for (const [name, dir] of Object.entries(expected())) expect(packageFolder(name, root), name).toBe(dir)
    const kept = JSON.parse(readFileSync(record, 'utf8')) as Record<string, [string, string]>
    expect(Object.values(kept).map((entry) => entry[1]).sort()).toEqual(Object.values(expected()).sort())
    // Note: what the record says is what the next process gets (it does not resolve again).
    const key = `${path.resolve(root)}\0plain`
    kept[key] = [kept[key]![0], '/kept/answer']
    writeFileSync(record, JSON.stringify(kept))
    vi.resetModules()
    const fresh = (await import('../scripts/paths.ts')) as typeof import('../scripts/paths.ts')
    expect(fresh.packageFolder('plain', root)).toBe('/kept/answer')
  })

  it('resolves again when the package.json changes, or the project\'s', async () => {
    global.ZHIBAN_BUNDLE = path.join(root, 'cli.cjs')
    const key = `${path.resolve(root)}\0linked`
    for (const change of [path.join(root, 'elsewhere', 'linked', 'package.json'), path.join(root, 'package.json')]) {
      expect(packageFolder('linked', root)).toBe(expected().linked)
      const kept = JSON.parse(readFileSync(record, 'utf8')) as Record<string, [string, string]>
      writeFileSync(record, JSON.stringify({...kept, [key]: [kept[key]![0], '/kept/answer']}))
      vi.resetModules()
      const fresh = (await import('../scripts/paths.ts')) as typeof import('../scripts/paths.ts')
      utimesSync(change, new Date(2001, 1, 1), new Date(2001, 1, 1))
      // Note: another identity: Node is asked again (not the record), and the new answer is kept.
      expect(fresh.packageFolder('linked', root)).toBe(expected().linked)
      expect((JSON.parse(readFileSync(record, 'utf8')) as Record<string, [string, string]>)[key]![1]).toBe(expected().linked)
    }
  })
})
