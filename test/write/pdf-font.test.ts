import {inflateSync} from 'node:zlib'
import * as fontkit from 'fontkit'
import {describe, expect, it} from 'vitest'
import {familyName, fontMetrics} from '../../scripts/write/font-metrics.ts'
import {openPdfDocument} from '../../scripts/write/pdf-document.ts'
import {drawPages} from '../../scripts/write/pdf-draw.ts'
import {typeset} from '../../scripts/typeset/typeset.ts'
import type {PageModel} from '../../scripts/typeset/page-model.ts'
import {contextFor, official} from '../typeset/context.ts'

/** Each embedded TrueType font of a PDF: its name without the subset tag, and its font file (decompressed). */
function fontFiles(pdf: Uint8Array): Map<string, Buffer> {
  const text = Buffer.from(pdf).toString('latin1')
  const objects = new Map<string, string>()
  for (const m of text.matchAll(/(\d+) 0 obj\n([\s\S]*?)endobj/g)) objects.set(m[1]!, m[2]!)
  const out = new Map<string, Buffer>()
  for (const body of objects.values()) {
    const file = /\/FontFile2 (\d+) 0 R/.exec(body)
    if (!body.includes('/FontDescriptor') || !file) continue
    const name = /\/FontName \/[A-Z]{6}\+(\S+)/.exec(body)![1]!
    const stream = objects.get(file[1]!)!
    const data = stream.slice(stream.indexOf('stream\n') + 7, stream.lastIndexOf('\nendstream'))
    out.set(name, inflateSync(Buffer.from(data, 'latin1')))
  }
  return out
}

describe('fontMetrics', () => {
  it('should read from the table bytes the descriptor values fontkit gives, for every font of the profile', async () => {
    const {fontCache, profile} = await official()
    for (const [key, loaded] of fontCache.forProfile(profile)) {
      // Note: parsed anew from the whole file, so that nothing read for layout stands in for it.
      const font = fontkit.create(loaded.bytes) as fontkit.Font & {post: {isFixedPitch: number}; head: {macStyle: {italic: boolean}}; 'OS/2': {sFamilyClass: number}}
      expect(fontMetrics(loaded), key).toEqual({
        postscriptName: font.postscriptName,
        unitsPerEm: font.unitsPerEm,
        ascent: font.ascent,
        descent: font.descent,
        capHeight: font.capHeight || 0,
        xHeight: font.xHeight || 0,
        bbox: [font.bbox.minX, font.bbox.minY, font.bbox.maxX, font.bbox.maxY],
        italicAngle: font.italicAngle,
        fixedPitch: font.post.isFixedPitch !== 0,
        familyClass: font['OS/2'].sFamilyClass,
        italic: font.head.macStyle.italic,
        notdefAdvance: font.getGlyph(0).advanceWidth,
      })
      expect(familyName(loaded), key).toBe(font.familyName)
    }
  })
})

describe('planFonts', () => {
  it('should embed the same subset of the same glyphs whatever order the pages are drawn in', async () => {
    const context = await contextFor({file: 'source/samr-2022-quality-action-plan-qa.md'})
    const model = typeset(context)
    const render = (pages: PageModel['pages']): Promise<Uint8Array> => {
      const pdf = openPdfDocument({meta: context.doc.meta, date: context.date, subject: 'test', fonts: context.fonts, pages})
      drawPages(pdf.doc, {...model, pages}, context.fonts)
      return pdf.finish()
    }
    const forward = fontFiles(await render(model.pages))
    const backward = fontFiles(await render([...model.pages].reverse()))
    expect(forward.size).toBeGreaterThan(1)
    expect([...backward.keys()].sort()).toEqual([...forward.keys()].sort())
    for (const [name, file] of forward) expect(Buffer.compare(file, backward.get(name)!), name).toBe(0)
  })
})
