/**
 * The PDF's copy text is the source's characters: a glyph that stands for different characters in different places
 * (the `fi` ligature and U+FB01, a Kangxi radical and the ideograph sharing its glyph) copies back as each place's
 * own characters, whichever came first; a ligature the shaper made (`ffi` in `office`) copies back as its letters.
 */
import {execFileSync} from 'node:child_process'
import {mkdirSync, readFileSync, writeFileSync} from 'node:fs'
import path from 'node:path'
import * as fontkit from 'fontkit'
import {describe, expect, it} from 'vitest'
import type {LoadedFont} from '../../scripts/typeset/fonts.ts'
import {renderPdf} from '../../scripts/write/pdf.ts'
import {typeset} from '../../scripts/typeset/typeset.ts'
import {shapeText} from '../../scripts/typeset/shape.ts'
import {contextFor, official, ROOT} from '../typeset/context.ts'

const ARTIFACTS = path.join(ROOT, 'test', 'artifacts', 'copy-text')
const HEAD = '---\ntitle: 关于测试的答记者问\nissuer: 测试机关\ndate: 2022-11-10\nkind: press-qa\n---\n\n'
/** Each pair: the first occurrence would claim the shared glyph's ToUnicode entry for its own text. */
const BODY = 'fine和\uFB01字，\uFB02与flow。\u2F00与一，一与\u2F00。\uFB03与office，efficient与\uFB03。'

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

describe('the characters of each shaped glyph', () => {
  it('should be the text itself, a ligature taking its components, whatever the glyph was first used for', async () => {
    const {fontCache, profile} = await official()
    // Note: a font object of its own, so that its glyph cache and shape memo start empty: U+FB03 is shaped first.
    const font = fontkit.openSync(fontCache.forProfile(profile).get('body')!.path) as fontkit.Font
    for (const text of ['\uFB03', 'office', '\uFB01x', 'efficient', '——', '2022—2025']) {
      const glyphs = shapeText(font, text)
      expect(glyphs.map((g) => String.fromCodePoint(...g.codePoints)).join(''), text).toBe(text)
    }
    expect(shapeText(font, 'office').map((g) => String.fromCodePoint(...g.codePoints))).toEqual(['o', 'ffi', 'c', 'e'])
  })
})

describe('the PDF copy text', () => {
  it('should give back each place\'s own characters where one glyph stands for several texts', async () => {
    const context = await contextFor(HEAD + BODY + '\n')
    const {pdftotext, mutool} = texts(await renderPdf(typeset(context), context), 'shared-glyphs.pdf')
    expect(pdftotext).toContain(BODY)
    expect(mutool).toContain(BODY)
  })

  it('should keep a hyphen-minus before a space wherever the line breaks (the PDF draws it and maps it)', async () => {
    const han = '的一是不了人我在有他这为之大来以个中上们到说国和地也子时道出而要于就下得可你年生自会那后能对着事'
    const paragraphs = Array.from({length: 30}, (_, i) => `${han.slice(0, i)}四是- 加强${han.slice(i, i + 30)}《规划- 》`)
    const context = await contextFor(HEAD + paragraphs.join('\n\n') + '\n')
    mkdirSync(ARTIFACTS, {recursive: true})
    const file = path.join(ARTIFACTS, 'hyphens.pdf')
    writeFileSync(file, await renderPdf(typeset(context), context))
    const mutool = execFileSync('mutool', ['run', path.join(ROOT, 'test', 'robustness', 'pdf-text.js'), file], {encoding: 'utf8'})
    const raw = execFileSync('pdftotext', ['-raw', '-enc', 'UTF-8', file, '-'], {encoding: 'utf8'})
    for (const text of [mutool, raw]) expect(text.replace(/\s+/g, '').match(/-/g)?.length).toBe(60)
    // Note: some of these lines end with `- ` (the break is at the space); pdftotext's default mode joins such a line
    // to the next and drops the hyphen (dehyphenation), which is why the tests read with -raw.
    expect(mutool.split('\n').some((line) => /- ?$/.test(line))).toBe(true)
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
