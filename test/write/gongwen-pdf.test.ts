/**
 * The 公文's official PDF: the red as CMYK process ink in the content streams, black text without colour operators
 * (pure black), and a rendered page (pdftoppm) with the red separator where the page model put it.
 */
import {execFileSync} from 'node:child_process'
import {mkdirSync, readFileSync, writeFileSync} from 'node:fs'
import path from 'node:path'
import {inflateSync} from 'node:zlib'
import {describe, expect, it} from 'vitest'
import {renderPdf} from '../../scripts/write/pdf.ts'
import {typeset} from '../../scripts/typeset/typeset.ts'
import type {Page, Rule} from '../../scripts/typeset/page-model.ts'
import {PT_PER_MM} from '../../scripts/profile.ts'
import {contextFor, ROOT} from '../typeset/context.ts'

const ARTIFACTS = path.join(ROOT, 'test', 'artifacts', 'gongwen-pdf')

/** Every FlateDecode stream of a PDF, inflated, as latin1 text. */
function streams(bytes: Uint8Array): string[] {
  const pdf = Buffer.from(bytes)
  const out: string[] = []
  const text = pdf.toString('latin1')
  for (let at = text.indexOf('stream\n'); at !== -1; at = text.indexOf('stream\n', at + 7)) {
    const startAt = at + 7
    const endAt = text.indexOf('endstream', startAt)
    try {
      out.push(inflateSync(pdf.subarray(startAt, endAt)).toString('latin1'))
    } catch {
      // not a deflated stream
    }
  }
  return out
}

/** A page rendered by pdftoppm as a PPM: width, height and RGB pixels. */
function render(file: string, dpi: number): {width: number; height: number; rgb: (x: number, y: number) => [number, number, number]} {
  const ppm = execFileSync('pdftoppm', ['-r', String(dpi), '-f', '1', '-l', '1', file], {maxBuffer: 64 << 20})
  const header = ppm.subarray(0, 20).toString('latin1').split(/\s+/)
  const [width, height] = [Number(header[1]), Number(header[2])]
  const offset = ppm.indexOf('255\n') + 4
  return {width, height, rgb: (x, y) => {
    const i = offset + 3 * (Math.round(y) * width + Math.round(x))
    return [ppm[i]!, ppm[i + 1]!, ppm[i + 2]!]
  }}
}

describe('a 公文 in the official PDF', async () => {
  const context = await contextFor({file: 'source/gongwen-joint-notice.md'})
  const model = typeset(context)
  const bytes = await renderPdf(model, context)
  mkdirSync(ARTIFACTS, {recursive: true})
  const file = path.join(ARTIFACTS, 'joint-notice.pdf')
  writeFileSync(file, bytes)

  it('fills the mark and strokes the separator in CMYK 0/100/100/0, and sets no other colour', () => {
    const content = streams(bytes).filter((s) => s.includes(' Tf'))
    const page1 = content[0]!
    expect(page1).toMatch(/\b0 1 1 0 k\b/)
    expect(page1).toMatch(/\/DeviceCMYK CS\n0 1 1 0 SCN\b/)
    // Black text keeps the default black (DeviceGray 0): no RGB and no other CMYK anywhere.
    for (const stream of content) {
      expect(stream).not.toMatch(/\b(rg|RG|g|G)\n|\/DeviceRGB|\/DeviceGray/)
      for (const match of stream.matchAll(/([\d.]+) ([\d.]+) ([\d.]+) ([\d.]+) (k|K|SCN|scn)\n/g)) expect(match.slice(1, 5)).toEqual(['0', '1', '1', '0'])
    }
    // The red is only on page 1 (the masthead): the other pages have none.
    for (const stream of content.slice(1)) expect(stream).not.toMatch(/ (k|K|SCN|scn)\n/)
  })

  it('claims no PDF/A (its sRGB output intent forbids the DeviceCMYK red) but stays tagged, while the press Q&A claims PDF/A-2b', async () => {
    const text = Buffer.from(bytes).toString('latin1')
    expect(text).not.toContain('pdfaid:part')
    expect(text).not.toContain('/OutputIntents')
    expect(text).toContain('/StructTreeRoot')
    const seed = await contextFor({file: 'source/samr-2022-quality-action-plan-qa.md'})
    const plain = Buffer.from(await renderPdf(typeset(seed), seed)).toString('latin1')
    expect(plain).toContain('/OutputIntents')
    expect(plain).toMatch(/pdfaid:part[^0-9]*2/)
  })

  it('renders the separator red across the type area (28–184 mm) at the model\'s height, and nothing red outside it', () => {
    const dpi = 100
    const page = render(file, dpi)
    const px = (pt: number): number => (pt / 72) * dpi
    const rule = model.pages[0]!.items.find((i): i is Rule => i.kind === 'rule' && i.ink === 'red')!
    const y = px(rule.y1Pt)
    const isRed = ([r, g, b]: [number, number, number]): boolean => r > 180 && g < 90 && b < 90
    for (let mm = 29; mm <= 183; mm += 2) expect(isRed(page.rgb(px(mm * PT_PER_MM), y)), `${mm} mm`).toBe(true)
    for (const mm of [26, 186]) expect(isRed(page.rgb(px(mm * PT_PER_MM), y)), `${mm} mm`).toBe(false)
    // The mark: red pixels 35–50 mm under the type area's top (its em box starts at 35 mm).
    let red = 0
    for (let mm = 37 + 35; mm < 37 + 50; mm += 0.5) for (let x = 30; x < 180; x += 1) if (isRed(page.rgb(px(x * PT_PER_MM), px(mm * PT_PER_MM)))) red++
    expect(red).toBeGreaterThan(100)
    // Nothing red above the mark.
    for (let mm = 10; mm < 37 + 34; mm += 1) for (let x = 30; x < 180; x += 2) expect(isRed(page.rgb(px(x * PT_PER_MM), px(mm * PT_PER_MM)))).toBe(false)
    expect(readFileSync(file).length).toBe(bytes.length)
  })
})

describe('a 公文 in the booklet', () => {
  it('keeps the red in both booklet files, puts the 版记 on an even text page and adds no colophon of its own', async () => {
    const {writeBookletEdition} = await import('../../scripts/write/booklet.ts')
    const context = await contextFor({file: 'source/gongwen-joint-notice.md'}, ['booklet'])
    const outputs = await writeBookletEdition(context)
    expect(outputs).toHaveLength(2)
    for (const output of outputs) expect(streams(output.bytes).some((s) => /\b0 1 1 0 k\n/.test(s)), output.name).toBe(true)
    const booklet = context.layout.booklet!
    const withImprint = booklet.model.pages.filter((p: Page) => p.items.some((i) => i.kind === 'line' && (i.role === 'imprint' || i.role === 'colophon')))
    expect(withImprint).toHaveLength(1)
    // Booklet page 3 is the text's page 1: the 版记's booklet page is even, as its text page is.
    expect(withImprint[0]!.index % 2).toBe(0)
  })
})
