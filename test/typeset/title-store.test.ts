/**
 * The title's lines kept between processes (title-store.ts): a new process takes kept lines only when everything they
 * were set from is the same (code, profile, font files, title, fixed lines), and sets them again otherwise.
 */
import {mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {afterEach, beforeEach, describe, expect, it, vi} from 'vitest'
import type {LayoutInput} from '../../scripts/editions.ts'

type StoreModule = typeof import('../../scripts/typeset/title-store.ts')

/** The store module as a new process has it (nothing remembered in memory). */
async function freshProcess(): Promise<StoreModule> {
  vi.resetModules()
  return import('../../scripts/typeset/title-store.ts')
}

let dir: string
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'zhiban-title-store-'))
})
afterEach(() => rmSync(dir, {recursive: true, force: true}))

function inputOf(title: string, options: {fontFile: string; size?: number; titleLines?: string[]; source?: boolean}): LayoutInput {
  const fonts = new Map([['title', {key: 'title', ...(options.source === false ? {} : {source: options.fontFile})}]])
  return {doc: {meta: {title, ...(options.titleLines ? {titleLines: options.titleLines} : {})}}, profile: {name: 'official', roles: {title: {size: options.size ?? 22}}}, fonts} as unknown as LayoutInput
}

describe('kept title lines', () => {
  it('should set the lines once and read them in a new process', async () => {
    const fontFile = path.join(dir, 'font.ttf')
    writeFileSync(fontFile, 'a font')
    const store = {dir: path.join(dir, 'store'), code: 'bundle 1'}
    const input = inputOf('关于开展计量器具专项监督检查的通知', {fontFile})
    const set = vi.fn(() => ['关于开展计量器具', '专项监督检查的通知'])
    const first = await freshProcess()
    expect(first.hasKeptTitleLines(input, store)).toBe(false)
    expect(first.keptTitleLines(input, set, store)).toEqual(['关于开展计量器具', '专项监督检查的通知'])
    expect(set).toHaveBeenCalledTimes(1)
    const second = await freshProcess()
    expect(second.hasKeptTitleLines(input, store)).toBe(true)
    expect(second.keptTitleLines(input, set, store)).toEqual(['关于开展计量器具', '专项监督检查的通知'])
    expect(set).toHaveBeenCalledTimes(1)
  })

  it('should set the lines again when the code, ICU, the profile, a font file, the title or the fixed lines change', async () => {
    const fontFile = path.join(dir, 'font.ttf')
    writeFileSync(fontFile, 'a font')
    const store = {dir: path.join(dir, 'store'), code: 'bundle 1'}
    const set = vi.fn(() => ['一行'])
    ;(await freshProcess()).keptTitleLines(inputOf('标题', {fontFile}), set, store)
    const changed: [LayoutInput, {dir: string; code: string}][] = [
      [inputOf('标题', {fontFile}), {...store, code: 'bundle 2'}],
      [inputOf('标题', {fontFile, size: 16}), store],
      [inputOf('另一个标题', {fontFile}), store],
      [inputOf('标题', {fontFile, titleLines: ['标', '题']}), store],
    ]
    for (const [input, where] of changed) expect((await freshProcess()).hasKeptTitleLines(input, where)).toBe(false)
    // Another ICU (Node's word segmentation, which title breaks follow).
    vi.doMock('../../scripts/typeset/words.ts', async (importOriginal) => ({...(await importOriginal<object>()), wordStoreName: () => 'words 1 icu 0'}))
    expect((await freshProcess()).hasKeptTitleLines(inputOf('标题', {fontFile}), store)).toBe(false)
    vi.doUnmock('../../scripts/typeset/words.ts')
    expect((await freshProcess()).hasKeptTitleLines(inputOf('标题', {fontFile}), store)).toBe(true)
    // A font file changed in place (another size and time): its identity changes.
    writeFileSync(fontFile, 'another font')
    utimesSync(fontFile, new Date(2001, 1, 1), new Date(2001, 1, 1))
    expect((await freshProcess()).hasKeptTitleLines(inputOf('标题', {fontFile}), store)).toBe(false)
  })

  it('should keep nothing for a font whose file is not known without loading it', async () => {
    const store = {dir: path.join(dir, 'store'), code: 'bundle 1'}
    const input = inputOf('标题', {fontFile: path.join(dir, 'none.ttf'), source: false})
    const set = vi.fn(() => ['标题'])
    const module = await freshProcess()
    expect(module.keptTitleLines(input, set, store)).toEqual(['标题'])
    expect(module.keptTitleLines(input, set, store)).toEqual(['标题'])
    expect(set).toHaveBeenCalledTimes(2)
    expect(readdirSync(dir)).toEqual([])
  })

  it('should set the lines again for a damaged entry, and write it anew', async () => {
    const fontFile = path.join(dir, 'font.ttf')
    writeFileSync(fontFile, 'a font')
    const store = {dir: path.join(dir, 'store'), code: 'bundle 1'}
    const input = inputOf('标题', {fontFile})
    ;(await freshProcess()).keptTitleLines(input, () => ['标题'], store)
    const [entry] = readdirSync(store.dir)
    const whole = readFileSync(path.join(store.dir, entry!), 'utf8')
    for (const damage of ['["标', '{"lines": 1}', '[1, 2]', '[]', '["错误的行"]', `${whole.slice(0, 65)}["错误的行"]`, whole.slice(0, -3)]) {
      writeFileSync(path.join(store.dir, entry!), damage)
      const set = vi.fn(() => ['标题'])
      expect((await freshProcess()).keptTitleLines(input, set, store)).toEqual(['标题'])
      expect(set).toHaveBeenCalledTimes(1)
    }
    expect((await freshProcess()).hasKeptTitleLines(input, store)).toBe(true)
  })

  it('should keep only the most recently used entries', async () => {
    const {pruneTitleStore} = await freshProcess()
    for (const [index, name] of ['a', 'b', 'c'].entries()) {
      writeFileSync(path.join(dir, `${name}.json`), '[]')
      utimesSync(path.join(dir, `${name}.json`), new Date(2020, 0, 1 + index), new Date(2020, 0, 1 + index))
    }
    pruneTitleStore(dir, 2)
    expect(readdirSync(dir).sort()).toEqual(['b.json', 'c.json'])
  })

  it('should keep nothing outside the bundled CLI', async () => {
    expect((await freshProcess()).storeOf()).toBeUndefined()
  })
})
