import {mkdtempSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {afterEach, beforeEach, describe, expect, it, vi} from 'vitest'
import {compressedFontFile, pruneStore} from '../../scripts/write/font-file-store.ts'
import {typeset} from '../../scripts/typeset/typeset.ts'
import {contextFor} from '../typeset/context.ts'

const global = globalThis as {ZHIBAN_BUNDLE?: string}

describe('compressedFontFile', () => {
  let root: string
  let fontPath: string
  beforeEach(() => {
    root = mkdtempSync(path.join(tmpdir(), 'zhiban-font-store-'))
    // Note: the store keeps entries on disk only for the bundled CLI, named by its file.
    global.ZHIBAN_BUNDLE = path.join(root, 'cli.cjs')
    writeFileSync(global.ZHIBAN_BUNDLE, 'bundle')
    fontPath = path.join(root, 'font.ttf')
    writeFileSync(fontPath, 'font')
  })
  afterEach(() => {
    delete global.ZHIBAN_BUNDLE
    rmSync(root, {recursive: true, force: true})
  })
  const dir = (): string => path.join(root, 'node_modules', '.cache', 'zhiban', 'pdf-fonts')
  /** The font as another process would have it: new table bytes, same file. */
  const font = (): {tables: Uint8Array; path: string} => ({tables: new Uint8Array(1), path: fontPath})

  it('should make a font file once, then give the kept one in this process and the next', () => {
    let made = 0
    const make = (): Uint8Array => new Uint8Array([1, 2, ++made])
    const first = font()
    expect([...compressedFontFile(first, [0, 5, 7], make, root)]).toEqual([1, 2, 1])
    expect([...compressedFontFile(first, [0, 5, 7], make, root)]).toEqual([1, 2, 1])
    expect([...compressedFontFile(font(), [0, 5, 7], make, root)], 'read from disk').toEqual([1, 2, 1])
    expect(made).toBe(1)
    expect([...compressedFontFile(font(), [0, 7, 5], make, root)], 'another glyph list').toEqual([1, 2, 2])
    expect(made).toBe(2)
  })

  it('should make it again for a changed font file, a changed program or a damaged entry, and keep nothing without the bundle', () => {
    let made = 0
    const make = (): Uint8Array => new Uint8Array([++made])
    compressedFontFile(font(), [0, 1], make, root)
    const [entry] = readdirSync(dir())
    const bytes = readFileSync(path.join(dir(), entry!))
    bytes[bytes.byteLength - 1]! ^= 0xff
    writeFileSync(path.join(dir(), entry!), bytes)
    expect([...compressedFontFile(font(), [0, 1], make, root)], 'damaged').toEqual([2])
    // Note: a font file replaced in place (a watch session reads it again into new tables): not the old entry.
    const changed = path.join(root, 'font2.ttf')
    writeFileSync(changed, 'font')
    expect([...compressedFontFile({tables: new Uint8Array(1), path: changed}, [0, 1], make, root)], 'another font file').toEqual([3])
    writeFileSync(changed, 'a newer font')
    expect([...compressedFontFile({tables: new Uint8Array(1), path: changed}, [0, 1], make, root)], 'the font file replaced').toEqual([4])
    writeFileSync(global.ZHIBAN_BUNDLE!, 'another bundle')
    expect([...compressedFontFile(font(), [0, 1], make, root)], 'another program').toEqual([5])
    delete global.ZHIBAN_BUNDLE
    const before = readdirSync(dir()).length
    expect([...compressedFontFile(font(), [0, 2], make, root)]).toEqual([6])
    expect(readdirSync(dir()).length).toBe(before)
  })

  it('should keep the most recently used entries', () => {
    for (let i = 0; i < 10; i++) compressedFontFile(font(), [0, i], () => new Uint8Array([i]), root)
    const files = readdirSync(dir()).sort()
    expect(files.length).toBe(10)
    // Note: every entry used a minute after the one before, then the first one used again now.
    files.forEach((name, i) => utimesSync(path.join(dir(), name), new Date(2020, 0, 1, 0, i), new Date(2020, 0, 1, 0, i)))
    utimesSync(path.join(dir(), files[0]!), new Date(), new Date())
    pruneStore(dir(), 4)
    expect(readdirSync(dir()).sort()).toEqual([files[0], ...files.slice(7)].sort())
  })
})

describe('renderPdf with the font file store', () => {
  it('should write the same bytes whether the font files are made or read from the store', async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'zhiban-font-store-'))
    global.ZHIBAN_BUNDLE = path.join(root, 'cli.cjs')
    writeFileSync(global.ZHIBAN_BUNDLE, 'bundle')
    try {
      const context = await contextFor({file: 'source/samr-2022-quality-action-plan-qa.md'})
      const model = typeset(context)
      // Note: each render in modules loaded anew, as in a new process (the store keeps font files in the process too).
      const render = async (withRoot: boolean): Promise<Buffer> => {
        vi.resetModules()
        const {renderPdf} = await import('../../scripts/write/pdf.ts')
        return Buffer.from(await renderPdf(model, {...context, root: withRoot ? root : undefined}))
      }
      const made = await render(false)
      const filling = await render(true)
      const store = path.join(root, 'node_modules', '.cache', 'zhiban', 'pdf-fonts')
      const entries = readdirSync(store)
      expect(entries.length).toBeGreaterThan(0)
      for (const name of entries) utimesSync(path.join(store, name), new Date(2020, 0, 1), new Date(2020, 0, 1))
      const read = await render(true)
      expect(entries.every((name) => statSync(path.join(store, name)).mtime.getFullYear() > 2020), 'every entry read').toBe(true)
      expect(Buffer.compare(filling, made)).toBe(0)
      expect(Buffer.compare(read, made)).toBe(0)
    } finally {
      delete global.ZHIBAN_BUNDLE
      rmSync(root, {recursive: true, force: true})
    }
  })
})
