import {execFileSync} from 'node:child_process'
import {mkdirSync, writeFileSync} from 'node:fs'
import path from 'node:path'
import {describe, expect, it} from 'vitest'
import {renderPdf, writePdfEdition} from '../../scripts/write/pdf.ts'
import {typeset} from '../../scripts/typeset/typeset.ts'
import type {Line} from '../../scripts/typeset/page-model.ts'
import {contextFor, ROOT} from '../typeset/context.ts'

const SEED = 'source/samr-2022-quality-action-plan-qa.md'
const ARTIFACTS = path.join(ROOT, 'test', 'artifacts', 'write-pdf')

function mutoolText(file: string): string {
  try {
    return execFileSync('mutool', ['draw', '-F', 'txt', '-o', '-', file], {encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe']})
  } catch (error) {
    throw new Error(`mutool is required for this test (apt-get install -y mupdf-tools): ${(error as Error).message}`)
  }
}

const CJK = '[\\p{Script=Han}\\u3000-\\u303F\\uFF00-\\uFFEF“”‘’《》—…·]'
const HAN = '[\\p{Script=Han}\\u3000-\\u303F\\uFF00-\\uFFEF“”‘’《》…·]'

describe('writePdfEdition', () => {
  it('should write one file named after the slug with its page count', async () => {
    const context = await contextFor({file: SEED})
    const [output] = await writePdfEdition(context)
    expect(output!.name).toBe('samr-2022-quality-action-plan-qa.pdf')
    expect(output!.pages).toBe(typeset(context).pages.length)
    expect(Buffer.from(output!.bytes.subarray(0, 8)).toString('latin1')).toBe('%PDF-1.7')
  })

  it('should give back the model text from mutool, with no space between Chinese characters and no Kangxi look-alikes', async () => {
    const context = await contextFor({file: SEED})
    const model = typeset(context)
    const bytes = await renderPdf(model, context)
    mkdirSync(ARTIFACTS, {recursive: true})
    const file = path.join(ARTIFACTS, 'seed.pdf')
    writeFileSync(file, bytes)
    const raw = mutoolText(file)
    expect(raw).not.toMatch(/[\u2F00-\u2FDF\u2E80-\u2EFF]/u)
    expect(raw).not.toMatch(new RegExp(`${CJK} +${CJK}`, 'u'))
    // Note: the quarter em between Han and Latin is read as a space, as in the printed original; drop those.
    const extracted = raw.replace(/[\n\f]/g, '').replace(new RegExp(`(${HAN}) +(?=[A-Za-z0-9])|([A-Za-z0-9%]) +(?=${HAN})`, 'gu'), '$1$2')
    const expected = model.pages.flatMap((p) => p.items.filter((i): i is Line => i.kind === 'line').map((l) => l.runs.map((r) => r.text).join(''))).join('')
    expect(extracted).toBe(expected)
  })

  it('should write the same bytes on two builds', async () => {
    const a = await writePdfEdition(await contextFor({file: SEED}))
    const b = await writePdfEdition(await contextFor({file: SEED}))
    expect(Buffer.compare(Buffer.from(a[0]!.bytes), Buffer.from(b[0]!.bytes))).toBe(0)
  })

  it('should embed CID TrueType subsets, never Type 3, with tags, outline and metadata', async () => {
    const context = await contextFor({file: SEED})
    const bytes = Buffer.from((await writePdfEdition(context))[0]!.bytes)
    const file = path.join(ARTIFACTS, 'seed-info.pdf')
    mkdirSync(ARTIFACTS, {recursive: true})
    writeFileSync(file, bytes)
    const fonts = execFileSync('mutool', ['info', '-F', file], {encoding: 'utf8'})
    expect(fonts).toMatch(/Type0 '[A-Z]{6}\+NotoSerifSC-Regular' Identity-H/)
    expect(fonts).not.toMatch(/Type3/)
    const text = bytes.toString('latin1')
    expect(text).toMatch(/\/Subtype \/CIDFontType2/)
    expect(text).toMatch(/\/StructTreeRoot/)
    expect(text).toMatch(/\/S \/Document/)
    expect(text).toMatch(/\/Outlines/)
    expect(text).toMatch(/pdfaid:part/)
    const show = execFileSync('mutool', ['show', file, 'outline'], {encoding: 'utf8'})
    const model = typeset(context)
    // Note: each bookmark lands on its heading's line: page, left edge of the type area, top of the grid line.
    const expected = model.outline.map((e) => `${e.title} ${e.page + 1} ${e.xPt.toFixed(2)} ${e.yPt.toFixed(2)}`)
    const found = show.split('\n').filter(Boolean).map((line) => {
      const m = /"(.*)"\s+#page=(\d+)&zoom=[\d.]+,([\d.]+),([\d.]+)/.exec(line)!
      return `${m[1]} ${m[2]} ${Number(m[3]).toFixed(2)} ${Number(m[4]).toFixed(2)}`
    })
    expect(found).toEqual(expected)
  })
})

describe('the PDF output', () => {
  it('should be collected as the bytes pdfkit streams (its header, every object, the cross-reference table)', async () => {
    const {default: PDFDocument} = await import('pdfkit')
    const {collectOutput} = await import('../../scripts/write/pdf-meta.ts')
    const context = await contextFor({file: 'test/fixtures/typeset-basic/input.md'})
    const {drawPages} = await import('../../scripts/write/pdf-draw.ts')
    const model = typeset(context)
    const write = async (collect: boolean): Promise<Buffer> => {
      const doc = new PDFDocument({autoFirstPage: false, compress: true, info: {Title: '制版 \u00ff', CreationDate: context.date, ModDate: context.date}})
      const collected = collect ? collectOutput(doc) : []
      const streamed: Buffer[] = []
      doc.on('data', (c: Buffer) => streamed.push(c))
      const ended = new Promise((resolve) => doc.on('end', resolve))
      drawPages(doc, model, context.fonts)
      doc.end()
      await ended
      if (collect) expect(streamed).toEqual([])
      return Buffer.concat(collect ? collected : streamed)
    }
    const collected = await write(true)
    expect(collected.subarray(0, 8).toString('latin1')).toBe('%PDF-1.3')
    expect(collected.equals(await write(false))).toBe(true)
  })
})

describe('drawPages', () => {
  it('should draw pages at an offset and scale onto other sheets (for the booklet)', async () => {
    const {default: PDFDocument} = await import('pdfkit')
    const {drawPages} = await import('../../scripts/write/pdf-draw.ts')
    const context = await contextFor({file: 'test/fixtures/typeset-basic/input.md'})
    const model = typeset(context)
    const doc = new PDFDocument({autoFirstPage: false, info: {CreationDate: context.date, ModDate: context.date}})
    const chunks: Buffer[] = []
    doc.on('data', (c: Buffer) => chunks.push(c))
    const ended = new Promise((resolve) => doc.on('end', resolve))
    doc.addPage({size: [841.89, 595.28], margin: 0})
    drawPages(doc, model, context.fonts, {place: () => ({addPage: false, x: 420.94, y: 0, scale: 0.707})})
    doc.end()
    await ended
    mkdirSync(ARTIFACTS, {recursive: true})
    const file = path.join(ARTIFACTS, 'placed.pdf')
    writeFileSync(file, Buffer.concat(chunks))
    const text = mutoolText(file).replace(/[\n\f]/g, '')
    expect(text).toContain('市场监管总局有关司局负责同志就')
    const bbox = execFileSync('mutool', ['draw', '-F', 'stext', '-o', '-', file], {encoding: 'utf8'})
    const xs = [...bbox.matchAll(/<line bbox="([\d.]+) /g)].map((m) => Number(m[1]))
    expect(Math.min(...xs)).toBeGreaterThan(420)
  })

  it('should draw every glyph where layout placed it, and one link annotation per line of a link', async () => {
    const context = await contextFor({file: SEED})
    const model = typeset(context)
    const bytes = await renderPdf(model, context)
    const file = path.join(ARTIFACTS, 'seed-glyphs.pdf')
    mkdirSync(ARTIFACTS, {recursive: true})
    writeFileSync(file, bytes)
    const key = (page: number, x: number, y: number, c: string) => `${page} ${y.toFixed(2)} ${x.toFixed(2)} ${c}`
    const expected: string[] = []
    let linkLines = 0
    for (const page of model.pages) {
      for (const line of page.items) {
        if (line.kind !== 'line') continue
        if (line.runs.some((r) => r.link)) linkLines++
        for (const run of line.runs) {
          const unitPt = run.sizePt / context.fonts.get(run.font)!.font.unitsPerEm
          let x = run.xPt
          for (const glyph of run.glyphs) {
            expected.push(key(page.index, x, line.baselinePt, String.fromCodePoint(...glyph.codePoints)))
            x += glyph.advance * unitPt + run.characterSpacingPt
          }
        }
      }
    }
    const drawn: string[] = []
    for (const page of model.pages) {
      const xml = execFileSync('mutool', ['draw', '-F', 'stext', '-o', '-', file, String(page.index)], {encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore']})
      for (const m of xml.matchAll(/<char [^>]*x="([-\d.]+)" y="([-\d.]+)"[^>]*c="([^"]+)"/g)) {
        const c = m[3]!.replace(/&#x([0-9a-f]+);/gi, (_, h: string) => String.fromCodePoint(parseInt(h, 16))).replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"')
        drawn.push(key(page.index, Number(m[1]), Number(m[2]), c))
      }
    }
    // Note: mutool adds a space of its own where a gap is wide (Han next to Latin); those are not glyphs.
    const glyphs = new Set(expected)
    expect(drawn.filter((k) => !k.endsWith('  ') || glyphs.has(k)).sort()).toEqual(expected.sort())
    // Note: a link is one annotation per line it runs on (the runs of a line share it), not one per run.
    expect(linkLines).toBeGreaterThan(0)
    expect(Buffer.from(bytes).toString('latin1').match(/\/Subtype \/Link/g)?.length).toBe(linkLines)
  })
})
