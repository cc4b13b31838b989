import {execFileSync} from 'node:child_process'
import {mkdirSync, writeFileSync} from 'node:fs'
import path from 'node:path'
import {beforeAll, describe, expect, it} from 'vitest'
import {contextFor, ROOT} from '../typeset/context.ts'
import {renderImposed, writeBookletEdition} from '../../scripts/write/booklet.ts'
import type {BookletLayout as Booklet, Output} from '../../scripts/editions.ts'
import type {Line, Page} from '../../scripts/typeset/page-model.ts'

const slug = 'samr-2022-quality-action-plan-qa'
const OUT = path.join(ROOT, 'test', 'artifacts', 'booklet')
const A5 = {widthPt: 419.53, heightPt: 595.28}
const A4_LANDSCAPE = {widthPt: 841.89, heightPt: 595.28}
const BLEED_PT = 3 * (72 / 25.4)

/** Run a PDF client; a missing one fails the test with the package to install (never a skip). */
function run(tool: 'pdftotext' | 'pdfinfo' | 'pdffonts' | 'pdftoppm', args: string[]): string {
  try {
    return execFileSync(tool, args, {encoding: 'utf8', maxBuffer: 32 * 1024 * 1024})
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new Error(`\`${tool}\` is not installed: install poppler-utils (apt-get install -y poppler-utils) to run the booklet tests`)
    throw error
  }
}

/** The text a page draws, line by line (runs joined), whitespace removed. */
function pageLines(page: Readonly<Page>): string[] {
  return page.items.filter((item): item is Line => item.kind === 'line').map((line) => line.runs.map((run) => run.text).join('').replace(/\s+/g, ''))
}

/** What a page is, for the readable mapping. */
function describePage(page: Readonly<Page> | undefined): string {
  if (!page) return 'padding'
  const lines = page.items.filter((item): item is Line => item.kind === 'line')
  if (lines.length === 0) return 'blank'
  if (lines.every((line) => line.role === 'cover')) return 'cover'
  if (lines.every((line) => line.role === 'colophon')) return 'colophon'
  const first = lines.find((line) => line.role !== 'footer')
  return `p.${page.label} ${first ? first.runs.map((run) => run.text).join('').slice(0, 12) : ''}`
}

/** Every line's text must appear in the extracted text, in order. */
function expectLinesInOrder(extracted: string, lines: readonly string[], where: string): void {
  const text = extracted.replace(/\s+/g, '')
  let from = 0
  for (const line of lines) {
    const at = text.indexOf(line, from)
    expect(at, `${where}: \`${line}\` not found (in order) in the extracted text`).toBeGreaterThanOrEqual(0)
    from = at + line.length
  }
}

interface Boxes {
  MediaBox: number[]
  BleedBox: number[]
  TrimBox: number[]
}

function boxes(file: string): Boxes[] {
  const out = run('pdfinfo', ['-box', '-f', '1', '-l', '999', file])
  const pages: Boxes[] = []
  for (const match of out.matchAll(/^Page\s+(\d+)\s+(MediaBox|BleedBox|TrimBox):\s+([\d.\s-]+)$/gm)) {
    const index = Number(match[1]) - 1
    pages[index] ??= {MediaBox: [], BleedBox: [], TrimBox: []}
    pages[index][match[2] as keyof Boxes] = match[3]!.trim().split(/\s+/).map(Number)
  }
  return pages
}

const inside = (inner: number[], outer: number[]) => inner[0]! >= outer[0]! - 0.01 && inner[1]! >= outer[1]! - 0.01 && inner[2]! <= outer[2]! + 0.01 && inner[3]! <= outer[3]! + 0.01

describe('the booklet edition', () => {
  let booklet: Booklet
  let outputs: Output[]
  const file = (suffix: string) => path.join(OUT, `${slug}.${suffix}.pdf`)

  let context: Awaited<ReturnType<typeof contextFor>>

  beforeAll(async () => {
    context = await contextFor({file: `source/${slug}.md`}, ['booklet'])
    booklet = context.layout.booklet!
    outputs = await writeBookletEdition(context)
    expect(context.file.messages.map(String)).toEqual([])
    mkdirSync(OUT, {recursive: true})
    for (const output of outputs) writeFileSync(path.join(OUT, output.name), output.bytes)
  })

  it('should write the booklet and the imposed sheets with their page counts', () => {
    expect(outputs.map((o) => [o.edition, o.name, o.pages])).toEqual([
      ['booklet', `${slug}.booklet.pdf`, booklet.model.pages.length],
      ['booklet', `${slug}.booklet-imposed.pdf`, booklet.model.pages.length / 2],
    ])
    expect(booklet.model.pages.length % 4).toBe(0)
    expect(run('pdfinfo', [file('booklet')])).toMatch(new RegExp(`^Pages:\\s+${booklet.model.pages.length}$`, 'm'))
    expect(run('pdfinfo', [file('booklet-imposed')])).toMatch(new RegExp(`^Pages:\\s+${booklet.model.pages.length / 2}$`, 'm'))
  })

  it('should show the booklet\'s pages on the imposed sheets as drawing them again would: the same pixels and text', async () => {
    // Note: the edition shows again what the booklet drew (booklet.ts `showAgain`); without it, the sheets are drawn.
    const drawnAgain = await renderImposed(booklet.model, booklet.sides, booklet.fonts, context)
    const again = path.join(OUT, `${slug}.booklet-imposed.drawn-again.pdf`)
    writeFileSync(again, drawnAgain)
    expect(Buffer.from(drawnAgain).equals(Buffer.from(outputs[1]!.bytes)), 'the edition\'s sheets were drawn again, not shown again').toBe(false)
    for (let i = 1; i <= booklet.sides.length; i++) {
      const pixels = (pdf: string) => execFileSync('pdftoppm', ['-f', String(i), '-l', String(i), '-r', '72', '-gray', pdf], {maxBuffer: 64 * 1024 * 1024})
      expect(pixels(file('booklet-imposed')).equals(pixels(again)), `sheet side ${i}`).toBe(true)
      const text = (pdf: string) => run('pdftotext', ['-f', String(i), '-l', String(i), '-enc', 'UTF-8', pdf, '-']).replace(/\s+/g, '')
      expect([...text(file('booklet-imposed'))].sort().join(''), `sheet side ${i}`).toBe([...text(again)].sort().join(''))
    }
  })

  it('should match the snapshot of the sheet/page mapping', async () => {
    const pages = booklet.model.pages
    // Note: pad by display width (a Chinese character takes two columns) so the halves line up.
    const pad = (text: string, columns: number) => text + ' '.repeat(Math.max(0, columns - [...text].reduce((n, ch) => n + (ch.codePointAt(0)! > 0x2e7f ? 2 : 1), 0)))
    const cell = (index: number | null) => pad(`${index === null ? '-' : String(index + 1)} ${describePage(index === null ? undefined : pages[index])}`, 32)
    const text = booklet.sides.map((s) => `sheet ${s.sheet} ${s.side.padEnd(5)}  ${cell(s.left)} | ${cell(s.right)}`.trimEnd()).join('\n')
    await expect(`${text}\n`).toMatchFileSnapshot(`__snapshots__/${slug}.booklet-imposition.txt`)
  })

  it('should set the cover from the source\'s title, issuer and date (templates/blocks/cover.hbs)', () => {
    // Note: how the title breaks is the layout engine's business (tested there); the cover must carry all of it.
    const lines = pageLines(booklet.model.pages[0]!)
    expect(lines.slice(-2)).toEqual(['国家市场监督管理总局', '2022年11月10日'])
    expect(lines.slice(0, -2).join('')).toBe('市场监管总局有关司局负责同志就《进一步提高产品、工程和服务质量行动方案（2022—2025年）》答记者问')
  })

  it('should end the text with the colophon\'s 印发 line (templates/blocks/colophon.hbs)', () => {
    const colophon = booklet.model.pages.find((page) => describePage(page) === 'colophon')!
    expect(pageLines(colophon)).toEqual(['国家市场监督管理总局', '2022年11月10日印发'])
    expect(colophon.index).toBe(Number(booklet.model.pages.findLast((page) => page.label)!.index) + 1)
  })

  it('should number the text from 1 after the cover and its blank back, on the outer side', () => {
    const pages = booklet.model.pages
    expect(pages[0]!.label).toBeUndefined()
    expect(pages[1]!.items).toEqual([])
    expect(pages[2]!.label).toBe('1')
    for (const page of pages.filter((p) => p.label)) {
      const footer = page.items.find((item): item is Line => item.kind === 'line' && item.role === 'footer')!
      const middle = page.widthPt / 2
      // Odd (right-hand) pages: number on the right; even (left-hand) pages: on the left.
      if (page.index % 2 === 1) expect(footer.xPt).toBeGreaterThan(middle)
      else expect(footer.xPt + footer.measurePt).toBeLessThan(middle)
      expect(Number(page.label) % 2).toBe(page.index % 2)
    }
  })

  it('should hold each page\'s text in the booklet PDF', () => {
    booklet.model.pages.forEach((page, i) => {
      const extracted = run('pdftotext', ['-f', String(i + 1), '-l', String(i + 1), '-enc', 'UTF-8', file('booklet'), '-'])
      expectLinesInOrder(extracted, pageLines(page), `booklet page ${i + 1}`)
      if (pageLines(page).length === 0) expect(extracted.trim()).toBe('')
    })
  })

  it('should hold the two right pages\' text on each side of each imposed sheet', () => {
    booklet.sides.forEach((side, i) => {
      const halves = [side.left, side.right] as const
      halves.forEach((index, half) => {
        // Note: -x/-y/-W/-H crop in pixels at -r 72, i.e. in points: each half of the sheet on its own.
        const crop = ['-x', String(half * Math.floor(A4_LANDSCAPE.widthPt / 2)), '-y', '0', '-W', String(Math.ceil(A4_LANDSCAPE.widthPt / 2)), '-H', String(Math.ceil(A4_LANDSCAPE.heightPt)), '-r', '72']
        const extracted = run('pdftotext', ['-f', String(i + 1), '-l', String(i + 1), ...crop, '-enc', 'UTF-8', file('booklet-imposed'), '-'])
        const lines = index === null ? [] : pageLines(booklet.model.pages[index]!)
        expectLinesInOrder(extracted, lines, `sheet ${side.sheet} ${side.side} ${half ? 'right' : 'left'}`)
        if (lines.length === 0) expect(extracted.trim()).toBe('')
      })
    })
  })

  it('should give the booklet pages A5 trim inside a 3 mm bleed inside the MediaBox', () => {
    const pages = boxes(file('booklet'))
    expect(pages).toHaveLength(booklet.model.pages.length)
    for (const page of pages) {
      expect(inside(page.TrimBox, page.BleedBox)).toBe(true)
      expect(inside(page.BleedBox, page.MediaBox)).toBe(true)
      expect(page.TrimBox[2]! - page.TrimBox[0]!).toBeCloseTo(A5.widthPt, 1)
      expect(page.TrimBox[3]! - page.TrimBox[1]!).toBeCloseTo(A5.heightPt, 1)
      expect(page.BleedBox[2]! - page.BleedBox[0]!).toBeCloseTo(A5.widthPt + 2 * BLEED_PT, 1)
      expect(page.BleedBox[3]! - page.BleedBox[1]!).toBeCloseTo(A5.heightPt + 2 * BLEED_PT, 1)
      // Room for crop marks outside the bleed.
      expect(page.BleedBox[0]! - page.MediaBox[0]!).toBeGreaterThan(0)
    }
  })

  it('should draw crop marks outside the bleed, on the trim lines, none inside the trim', () => {
    for (const page of booklet.prepress.pages) {
      const trim = page.trim!
      let marks = 0
      for (const rule of page.items) {
        if (rule.kind !== 'rule') continue
        const xs = [rule.x1Pt, rule.x2Pt].sort((a, b) => a - b)
        const ys = [rule.y1Pt, rule.y2Pt].sort((a, b) => a - b)
        const outsideBleed = xs[1]! <= trim.xPt - BLEED_PT + 0.01 || xs[0]! >= trim.xPt + trim.widthPt + BLEED_PT - 0.01 || ys[1]! <= trim.yPt - BLEED_PT + 0.01 || ys[0]! >= trim.yPt + trim.heightPt + BLEED_PT - 0.01
        const insideTrim = xs[0]! > trim.xPt && xs[1]! < trim.xPt + trim.widthPt && ys[0]! > trim.yPt && ys[1]! < trim.yPt + trim.heightPt
        // A rule is a crop mark clear of the bleed, or content (the colophon's rules) well inside the trim.
        expect(outsideBleed || insideTrim).toBe(true)
        if (outsideBleed) {
          marks++
          const onTrimLine = [trim.xPt, trim.xPt + trim.widthPt].includes(rule.x1Pt) || [trim.yPt, trim.yPt + trim.heightPt].includes(rule.y1Pt)
          expect(onTrimLine).toBe(true)
        }
      }
      expect(marks).toBe(8)
    }
  })

  it('should embed each font once in each file', () => {
    for (const suffix of ['booklet', 'booklet-imposed']) {
      const names = run('pdffonts', [file(suffix)]).split('\n').slice(2).filter(Boolean).map((line) => line.split(/\s+/)[0]!.replace(/^[A-Z]{6}\+/, ''))
      expect(names.length).toBeGreaterThan(0)
      expect(new Set(names).size, `${suffix}: ${names.join(', ')}`).toBe(names.length)
      expect(run('pdffonts', [file(suffix)])).not.toMatch(/ no {2}/)
    }
  })

  it('should give the same bytes for the same input', async () => {
    const again = await writeBookletEdition(await contextFor({file: `source/${slug}.md`}, ['booklet']))
    expect(again.map((o) => Buffer.from(o.bytes).equals(Buffer.from(outputs.find((p) => p.name === o.name)!.bytes)))).toEqual([true, true])
  })

  it('should impose on A4 landscape sheets', () => {
    const sheets = boxes(file('booklet-imposed'))
    expect(sheets).toHaveLength(outputs[1]!.pages!)
    for (const page of sheets) {
      expect(page.MediaBox[2]! - page.MediaBox[0]!).toBeCloseTo(A4_LANDSCAPE.widthPt, 1)
      expect(page.MediaBox[3]! - page.MediaBox[1]!).toBeCloseTo(A4_LANDSCAPE.heightPt, 1)
    }
  })
})

describe('the booklet at the other trim sizes', () => {
  it.each([
    ['booklet-16k', 185, 260, 420, 297],
    ['booklet-big32k', 140, 203, 297, 210],
  ] as const)('should build %s (%i × %i mm) imposed on a %i × %i mm sheet', async (name, w, h, sheetW, sheetH) => {
    const mm = 72 / 25.4
    const context = await contextFor({file: `source/${slug}.md`}, ['booklet'], name)
    const outputs = await writeBookletEdition(context)
    expect(context.file.messages.map(String)).toEqual([])
    const dir = path.join(OUT, name)
    mkdirSync(dir, {recursive: true})
    for (const output of outputs) writeFileSync(path.join(dir, output.name), output.bytes)
    expect(outputs[0]!.pages! % 4).toBe(0)
    const pages = boxes(path.join(dir, outputs[0]!.name))
    const sheets = boxes(path.join(dir, outputs[1]!.name))
    expect([pages.length, sheets.length]).toEqual([outputs[0]!.pages, outputs[1]!.pages])
    for (const page of pages) {
      expect(page.TrimBox[2]! - page.TrimBox[0]!).toBeCloseTo(w * mm, 1)
      expect(page.TrimBox[3]! - page.TrimBox[1]!).toBeCloseTo(h * mm, 1)
    }
    for (const page of sheets) {
      expect(page.MediaBox[2]! - page.MediaBox[0]!).toBeCloseTo(sheetW * mm, 1)
      expect(page.MediaBox[3]! - page.MediaBox[1]!).toBeCloseTo(sheetH * mm, 1)
    }
  })
})
