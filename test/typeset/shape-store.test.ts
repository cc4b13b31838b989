import {copyFileSync, mkdtempSync, readdirSync, readFileSync, statSync, utimesSync, writeFileSync} from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import * as fontkit from 'fontkit'
import {describe, expect, it, vi} from 'vitest'
import {ShapeStore} from '../../scripts/typeset/shape-store.ts'
import {shapeMemo, shapeText} from '../../scripts/typeset/shape.ts'
import {wordBoundaries, wordMemo, wordStoreName} from '../../scripts/typeset/words.ts'
import {font} from './lines.ts'

const TEXTS = ['质', '“', '》，', '——', 'ISO 9001', 'https://gkml.samr.gov.cn/']
const LONG = '国'.repeat(65)

/** The body font copied into a new folder, read by fontkit, and an empty store loaded for it. */
async function loadedStore() {
  const body = await font('body')
  const dir = mkdtempSync(path.join(os.tmpdir(), 'zhiban-shapes-'))
  const file = path.join(dir, 'body.ttf')
  copyFileSync(body.path, file)
  const first = fontkit.create(body.bytes) as fontkit.Font
  const store = new ShapeStore(path.join(dir, 'store'), '2.0.4')
  store.load(first, file)
  return {body, dir, file, first, store}
}

describe('ShapeStore', () => {
  it('should give a new process the glyphs fontkit gave the last one, without shaping again', async () => {
    const {body, dir, file, first, store} = await loadedStore()
    const shaped = TEXTS.map((t) => shapeText(first, t, t === '——' ? ['fwid'] : undefined))
    const long = shapeText(first, LONG)
    store.save()

    const second = fontkit.create(body.bytes) as fontkit.Font
    new ShapeStore(path.join(dir, 'store'), '2.0.4').load(second, file)
    const layout = vi.spyOn(second, 'layout')
    expect(TEXTS.map((t) => shapeText(second, t, t === '——' ? ['fwid'] : undefined))).toEqual(shaped)
    expect(layout).not.toHaveBeenCalled()
    // Note: a text longer than a line is not kept: shaped again, the same.
    expect(shapeText(second, LONG)).toEqual(long)
    expect(layout).toHaveBeenCalledTimes(1)

    // A throttled save writes at most once in a while; an immediate one writes what grew.
    const throttled = new ShapeStore(path.join(dir, 'store'), '2.0.4')
    const fifth = fontkit.create(body.bytes) as fontkit.Font
    throttled.load(fifth, file)
    const storeFile = readdirSync(path.join(dir, 'store')).find((f) => f.endsWith('.json'))!
    const size = () => statSync(path.join(dir, 'store', storeFile)).size
    const before = size()
    shapeText(fifth, '强')
    throttled.save(false)
    const once = size()
    expect(once).toBeGreaterThan(before)
    shapeText(fifth, '国')
    throttled.save(false)
    expect(size()).toBe(once)
    throttled.save(true)
    expect(size()).toBeGreaterThan(once)

    // A changed font file (here: its mtime), another fontkit: nothing is taken from the store.
    utimesSync(file, new Date(2001, 0, 1), new Date(2001, 0, 1))
    const third = fontkit.create(body.bytes) as fontkit.Font
    new ShapeStore(path.join(dir, 'store'), '2.0.4').load(third, file)
    expect(shapeMemo(third).size).toBe(0)
    const fourth = fontkit.create(body.bytes) as fontkit.Font
    new ShapeStore(path.join(dir, 'store'), '9.9.9').load(fourth, file)
    expect(shapeMemo(fourth).size).toBe(0)
  })

  it('should keep what two writers of one store shaped, whichever saves last (two worker threads of a build)', async () => {
    const body = await font('body')
    const dir = mkdtempSync(path.join(os.tmpdir(), 'zhiban-shapes-'))
    const file = path.join(dir, 'body.ttf')
    copyFileSync(body.path, file)
    const fonts = [0, 1].map(() => fontkit.create(body.bytes) as fontkit.Font)
    const stores = fonts.map((f) => {
      const store = new ShapeStore(path.join(dir, 'store'), '2.0.4')
      store.load(f, file)
      return store
    })
    shapeText(fonts[0]!, '官方')
    shapeText(fonts[1]!, '小册子')
    stores[0]!.save()
    stores[1]!.save()
    const next = fontkit.create(body.bytes) as fontkit.Font
    new ShapeStore(path.join(dir, 'store'), '2.0.4').load(next, file)
    const layout = vi.spyOn(next, 'layout')
    shapeText(next, '官方')
    shapeText(next, '小册子')
    expect(layout).not.toHaveBeenCalled()
  })

  it('should make glyphs only of the texts a process sets, shape a damaged entry again, and write the store only when it gains a text', async () => {
    const {body, dir, file, first, store} = await loadedStore()
    const shaped = new Map(['质', '量', '“'].map((t) => [t, shapeText(first, t)]))
    store.save()
    const storeFile = path.join(dir, 'store', readdirSync(path.join(dir, 'store')).find((f) => f.endsWith('.json'))!)
    const saved = JSON.parse(readFileSync(storeFile, 'utf8')) as Record<string, unknown>
    const written = {...saved}
    // Note: damaged entries: the format before (arrays of numbers), and a string with a field that is not a number
    // as written (Number('') would read it as 0).
    expect(saved['质']).toMatch(/^\d+(,-?\d+(\.\d+)?)+$/)
    saved['量'] = [['x']]
    saved['质'] = (saved['质'] as string).replace(',', ',,')
    writeFileSync(storeFile, JSON.stringify(saved))

    const second = fontkit.create(body.bytes) as fontkit.Font
    const again = new ShapeStore(path.join(dir, 'store'), '2.0.4')
    again.load(second, file)
    expect(shapeMemo(second).size).toBe(0)
    const layout = vi.spyOn(second, 'layout')
    expect(shapeText(second, '“')).toEqual(shaped.get('“'))
    expect([...shapeMemo(second).keys()]).toEqual(['“'])
    expect(layout).not.toHaveBeenCalled()
    // Note: nothing new: the store is not written.
    utimesSync(storeFile, new Date(2001, 0, 1), new Date(2001, 0, 1))
    again.save()
    expect(statSync(storeFile).mtime.getFullYear()).toBe(2001)
    // Note: the damaged entries are shaped again, the same, and written anew.
    expect(shapeText(second, '量')).toEqual(shaped.get('量'))
    expect(shapeText(second, '质')).toEqual(shaped.get('质'))
    expect(layout).toHaveBeenCalledTimes(2)
    again.save()
    expect(statSync(storeFile).mtime.getFullYear()).not.toBe(2001)
    const rewritten = JSON.parse(readFileSync(storeFile, 'utf8')) as Record<string, unknown>
    expect([rewritten['量'], rewritten['质']]).toEqual([written['量'], written['质']])
    const third = fontkit.create(body.bytes) as fontkit.Font
    new ShapeStore(path.join(dir, 'store'), '2.0.4').load(third, file)
    const thirdLayout = vi.spyOn(third, 'layout')
    expect(['质', '量', '“'].map((t) => shapeText(third, t))).toEqual(['质', '量', '“'].map((t) => shaped.get(t)))
    expect(thirdLayout).not.toHaveBeenCalled()
  })

  it('should give a new process the word boundaries of the titles the last one segmented', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'zhiban-words-'))
    const title = '进一步提高产品、工程和服务质量行动方案'
    const words = [...wordBoundaries(title)].sort((a, b) => a - b)
    expect(words).toEqual([0, 3, 5, 7, 8, 10, 11, 13, 15, 17, 19])
    new ShapeStore(path.join(dir, 'store'), '2.0.4').save()
    // Note: a new process starts with an empty memo; the store seeds it.
    wordMemo().clear()
    new ShapeStore(path.join(dir, 'store'), '2.0.4')
    expect(wordMemo().get(title)).toEqual(words)
    expect([...wordBoundaries(title)].sort((a, b) => a - b)).toEqual(words)
    // Note: another ICU may segment otherwise: the file is named by its version.
    expect(wordStoreName()).toContain(`icu ${process.versions.icu}`)
    expect(readdirSync(path.join(dir, 'store', 'words'))).toHaveLength(1)
  })
})
