/**
 * A DOCX-only build whose title's lines are kept from before (typeset/title-store.ts) sets no text: it loads neither
 * fontkit nor a font, and writes the same DOCX as the build that set them. A document with a table still sets its
 * columns.
 */
import {mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {VFile} from 'vfile'
import {afterEach, beforeEach, describe, expect, it, vi} from 'vitest'
import {compile} from '../../../scripts/pipeline.ts'
import {loadProfile} from '../../../scripts/profile.ts'
import {loadTemplates} from '../../../scripts/templates.ts'
import * as fonts from '../../../scripts/typeset/fonts.ts'
import {FontFile} from '../../../scripts/typeset/font-file.ts'
import {ROOT} from '../../root.ts'

vi.mock('../../../scripts/typeset/fonts.ts', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../../scripts/typeset/fonts.ts')>()
  return {...original, loadFontkit: vi.fn(original.loadFontkit)}
})

let dir: string
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'zhiban-kept-title-'))
  mkdirSync(path.join(dir, 'cli'))
  writeFileSync(path.join(dir, 'cli', 'cli.cjs'), '')
})
afterEach(() => {
  delete (globalThis as {ZHIBAN_BUNDLE?: unknown}).ZHIBAN_BUNDLE
  vi.restoreAllMocks()
  rmSync(dir, {recursive: true, force: true})
})

/** A DOCX-only build in a fresh font cache, as a new process makes it. */
async function buildDocx(source: string): Promise<Uint8Array> {
  // Note: the profile is loaded outside the stand-in bundle (profile.ts would keep a cache keyed by it).
  delete (globalThis as {ZHIBAN_BUNDLE?: unknown}).ZHIBAN_BUNDLE
  const profile = await loadProfile('official', ROOT)
  // Note: the store is on only in the bundled CLI; a stand-in bundle file turns it on (title-lines/ beside its folder).
  ;(globalThis as {ZHIBAN_BUNDLE?: unknown}).ZHIBAN_BUNDLE = path.join(dir, 'cli', 'cli.cjs')
  const file = new VFile({path: source, value: readFileSync(path.join(ROOT, source), 'utf8')})
  const result = await compile(file, {slug: 'test', profile, fontCache: new fonts.FontCache({root: ROOT}), templates: loadTemplates(ROOT), root: ROOT, editions: ['docx'], loadProfile: (name) => loadProfile(name, ROOT)})
  if (!result) throw new Error(file.messages.map(String).join('\n'))
  return result.outputs[0]!.bytes
}

describe('a DOCX-only build with kept title lines', () => {
  it('should read no font and write the same DOCX', async () => {
    const first = await buildDocx('source/samr-2022-quality-action-plan-qa.md')
    expect(readdirSync(path.join(dir, 'title-lines'))).toHaveLength(1)
    const loadFontkit = vi.mocked(fonts.loadFontkit)
    loadFontkit.mockClear()
    const read = vi.spyOn(FontFile, 'read')
    const readAsync = vi.spyOn(FontFile, 'readAsync')
    const second = await buildDocx('source/samr-2022-quality-action-plan-qa.md')
    expect(loadFontkit).not.toHaveBeenCalled()
    expect(read).not.toHaveBeenCalled()
    expect(readAsync).not.toHaveBeenCalled()
    expect(Buffer.from(second).equals(Buffer.from(first))).toBe(true)
  })

  it('should still load fontkit for a document with a table', async () => {
    await buildDocx('test/fixtures/table-basic/input.md')
    const loadFontkit = vi.mocked(fonts.loadFontkit)
    loadFontkit.mockClear()
    await buildDocx('test/fixtures/table-basic/input.md')
    expect(loadFontkit).toHaveBeenCalled()
  })
})
