/**
 * The PDF's copy text is the source's characters: a glyph that stands for different characters in different places
 * (the `fi` ligature and U+FB01, a Kangxi radical and the ideograph sharing its glyph) copies back as each place's
 * own characters, whichever came first.
 */
import {execFileSync} from 'node:child_process'
import {mkdirSync, readFileSync, writeFileSync} from 'node:fs'
import path from 'node:path'
import {describe, expect, it} from 'vitest'
import type {LoadedFont} from '../../scripts/typeset/fonts.ts'
import {renderPdf} from '../../scripts/write/pdf.ts'
import {typeset} from '../../scripts/typeset/typeset.ts'
import {contextFor, ROOT} from '../typeset/context.ts'

const ARTIFACTS = path.join(ROOT, 'test', 'artifacts', 'copy-text')
const HEAD = '---\ntitle: 关于测试的答记者问\nissuer: 测试机关\ndate: 2022-11-10\nkind: press-qa\n---\n\n'
/** Each pair: the first occurrence would claim the shared glyph's ToUnicode entry for its own text. */
const BODY = 'fine和\uFB01字，\uFB02与flow。\u2F00与一，一与\u2F00。'

/** The PDF's text by pdftotext and by mutool (which expands ligature characters unless told not to), no whitespace. */
function texts(bytes: Uint8Array, name: string): {pdftotext: string; mutool: string} {
  mkdirSync(ARTIFACTS, {recursive: true})
  const file = path.join(ARTIFACTS, name)
  writeFileSync(file, bytes)
  const squeeze = (s: string): string => s.replace(/\s+/g, '')
  return {
    pdftotext: squeeze(execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], {encoding: 'utf8'})),
    mutool: squeeze((execFileSync('mutool', ['convert', '-F', 'text', '-O', 'preserve-ligatures', '-o', `${file}.txt`, file], {stdio: 'ignore'}), readFileSync(`${file}.txt`, 'utf8'))),
  }
}

describe('the PDF copy text', () => {
  it('should give back each place\'s own characters where one glyph stands for several texts', async () => {
    const context = await contextFor(HEAD + BODY + '\n')
    const {pdftotext, mutool} = texts(await renderPdf(typeset(context), context), 'shared-glyphs.pdf')
    expect(pdftotext).toContain(BODY)
    expect(mutool).toContain(BODY)
  })

  it('should carry them as ActualText with a font the writer cannot copy glyphs in (CFF: fontkit\'s subset)', async () => {
    const context = await contextFor(HEAD + BODY + '\n')
    // Note: a font whose tables the TrueType subsetter refuses keeps pdfkit's own (fontkit) subset.
    const fonts = new Map([...context.fonts].map(([key, font]) => [key, {...font, file: {...font.file, tables: new Uint8Array(0)}} as LoadedFont]))
    const model = typeset(context)
    const {pdftotext} = texts(await renderPdf(model, {...context, fonts}), 'shared-glyphs-fontkit.pdf')
    expect(pdftotext).toContain(BODY)
  })
})
