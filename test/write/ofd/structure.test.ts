/**
 * The OFD edition's package, read back by the tests' own strict reader (read.ts): every part well-formed, every
 * reference resolving, every font drawn embedded and drawing the page model's glyphs, every glyph where the page
 * model puts it (within 0.5 mm), the text exactly the source's, the structure covering every text object in order,
 * and the same bytes on a rebuild.
 */
import * as fontkit from 'fontkit'
import {beforeAll, describe, expect, it} from 'vitest'
import type {Context} from '../../../scripts/editions.ts'
import type {PageModel, Role, Turn} from '../../../scripts/typeset/page-model.ts'
import {tagOf} from '../../../scripts/write/ofd/document.ts'
import {renderOfd} from '../../../scripts/write/ofd/index.ts'
import {contextFor} from '../../typeset/context.ts'
import {readOfd, type OfdPackage} from './read.ts'

const MM = 25.4 / 72
/** Each source with the date its front matter gives (the OFD's CreationDate). */
const DATES: Readonly<Record<string, string>> = {
  'source/samr-2022-quality-action-plan-qa.md': '2022-11-10',
  'test/fixtures/typeset-basic/input.md': '2022-11-10',
  'test/fixtures/lint-dash/input.md': '2022-11-10',
  'test/fixtures/docx-basic/input.md': '2022-12-01',
  'test/fixtures/html-basic/input.md': '2022-11-10',
  'test/fixtures/docx-title-lines/input.md': '2022-12-01',
  'test/fixtures/table-basic/input.md': '2025-12-20',
  'test/fixtures/table-long/input.md': '2025-12-20',
  'test/fixtures/table-wide/input.md': '2025-10-15',
  // The 公文 samples: red inks, a masthead, roles of their own.
  'source/gongwen-joint-notice.md': '2025-03-18',
  'source/gongwen-letter.md': '2025-06-12',
  'source/gongwen-minutes.md': '2025-04-22',
  'source/gongwen-request.md': '2025-05-06',
  // A table inside an attachment, and a landscape one opening an attachment (its 附件 label and title turned).
  'test/fixtures/gongwen-attachment-table/input.md': '2025-03-18',
}
const SOURCES = Object.keys(DATES)

interface Built {
  context: Context
  model: PageModel
  bytes: Uint8Array
  ofd: OfdPackage
}

const built = new Map<string, Built>()

/** A point of the page model on the page: a turned item's frame point turned a quarter turn counter-clockwise. */
const onPage = (x: number, y: number, turn: Turn | undefined): [number, number] => (turn ? [turn.xPt + y, turn.yPt - x] : [x, y])

beforeAll(async () => {
  for (const file of SOURCES) {
    const context = await contextFor({file}, ['ofd'])
    const model = context.layout.official!
    const bytes = renderOfd(model, context)
    built.set(file, {context, model, bytes, ofd: readOfd(bytes)})
  }
}, 120_000)

describe.each(SOURCES.map((s) => [s]))('the OFD of %s', (source) => {
  const get = (): Built => built.get(source)!

  it('should carry the document information from the source', () => {
    const {ofd, context} = get()
    const {meta} = context.doc
    expect(ofd.docInfo.DocID).toMatch(/^[0-9a-f]{32}$/)
    expect(ofd.docInfo).toMatchObject({Title: meta.title, Author: meta.issuer, Subject: meta.title, CreationDate: DATES[source], Creator: 'zhiban'})
    expect(ofd.keywords).toEqual(meta.keywords)
  })

  it('should resolve every reference and count every unit id once', () => {
    const {ofd, model} = get()
    expect(ofd.pages.length).toBe(model.pages.length)
    const ids = ofd.pages.flatMap((p) => [p.id, ...p.ids])
    const all = [...ofd.fonts.keys(), ...ofd.colorSpaces.keys(), ...ids]
    expect(new Set(all).size).toBe(all.length)
    expect(Math.max(...all)).toBe(ofd.maxUnitId)
    for (const page of ofd.pages) for (const text of page.texts) expect(ofd.fonts.has(text.font), `font ${text.font}`).toBe(true)
    for (const font of ofd.fonts.values()) expect(ofd.files.has(font.file), font.file).toBe(true)
    const pageIds = new Set(ofd.pages.map((p) => p.id))
    for (const entry of ofd.outline) expect(pageIds.has(entry.pageId)).toBe(true)
    const objects = new Map(ofd.pages.flatMap((p) => p.texts.map((t) => [t.id, p.id])))
    for (const block of ofd.structure) for (const ref of block.refs) expect(objects.get(ref.id), `object ${ref.id}`).toBe(ref.page)
  })

  it('should give the outline of the headings', () => {
    const {ofd, model} = get()
    expect(ofd.outline.map((e) => e.title)).toEqual(model.outline.map((e) => e.title))
    expect(ofd.outline.map((e) => e.pageId)).toEqual(model.outline.map((e) => ofd.pages[e.page]!.id))
  })

  it('should draw each run as the source characters, each glyph where the page model puts it and as the same outline', () => {
    const {ofd, model, context} = get()
    const originals = new Map([...context.fonts].map(([key, loaded]) => [key, fontkit.create(loaded.bytes) as fontkit.Font]))
    const embedded = new Map([...ofd.fonts].map(([id, f]) => [id, fontkit.create(Buffer.from(ofd.files.get(f.file)!)) as fontkit.Font]))
    let compared = 0
    model.pages.forEach((page, p) => {
      const runs = page.items.flatMap((item) => (item.kind === 'line' ? item.runs.map((run) => ({run, line: item})) : []))
      const texts = ofd.pages[p]!.texts
      expect(texts.length).toBe(runs.length)
      runs.forEach(({run, line}, r) => {
        const object = texts[r]!
        expect(object.text).toBe(run.text)
        expect(object.sizeMm).toBeCloseTo(run.sizePt * MM, 2)
        const original = originals.get(run.font)!
        const font = embedded.get(object.font)!
        const unit = run.sizePt / original.unitsPerEm
        let x = run.xPt
        run.glyphs.forEach((glyph, g) => {
          const xPt = x + (glyph.dx ?? 0) * unit
          x += glyph.advance * unit + run.characterSpacingPt
          if (object.chars.length !== run.glyphs.length && g > 0) return
          const char = object.chars[g]!
          // A landscape table's frame point (x, y) is page point (turn.x + y, turn.y − x) (GB/T 9704 §8).
          const [pageX, pageY] = onPage(xPt, line.baselinePt - (glyph.dy ?? 0) * unit, line.turned)
          expect(Math.abs(char.xMm - pageX * MM), `x of ${char.char}`).toBeLessThan(0.5)
          expect(Math.abs(char.yMm - pageY * MM), `y of ${char.char}`).toBeLessThan(0.5)
          const gid = char.glyphs ? char.glyphs[0]! : font.glyphForCodePoint(char.char.codePointAt(0)!).id
          expect(gid, `glyph of ${char.char}`).toBeGreaterThan(0)
          expect(font.getGlyph(gid).path.toSVG(), `outline of ${char.char}`).toBe(original.getGlyph(glyph.id).path.toSVG())
          expect(font.getGlyph(gid).advanceWidth).toBe(glyph.width)
          compared += 1
        })
      })
    })
    expect(compared).toBeGreaterThan(0)
  })

  it('should fill each run and stroke each rule in the ink the page model gives it (a 公文’s red), else black', () => {
    const {ofd, model} = get()
    const [space] = [...ofd.colorSpaces.keys()]
    const want = (ink: string | undefined): string => (ink === undefined ? '-:0 0 0' : `${space}:${model.inks![ink as 'red']!.cmyk.map((v) => Math.round((v / 100) * 255)).join(' ')}`)
    const got = (c: {colorSpace?: number; value: string} | undefined): string => `${c?.colorSpace ?? '-'}:${c?.value}`
    model.pages.forEach((page, p) => {
      const runs = page.items.flatMap((i) => (i.kind === 'line' ? i.runs : []))
      expect(ofd.pages[p]!.texts.map((t) => got(t.fill))).toEqual(runs.map((r) => want(r.ink)))
      const rules = page.items.filter((i) => i.kind === 'rule')
      expect(ofd.pages[p]!.paths.map((t) => got(t.stroke))).toEqual(rules.map((r) => want(r.ink)))
    })
    const inked = model.pages.some((page) => page.items.some((i) => (i.kind === 'line' ? i.runs.some((r) => r.ink) : i.ink)))
    expect(inked).toBe(source.includes('/gongwen-'))
    expect([...ofd.colorSpaces.values()]).toEqual(inked ? ['CMYK'] : [])
  })

  it('should draw every rule as a path', () => {
    const {ofd, model} = get()
    model.pages.forEach((page, p) => {
      const rules = page.items.filter((i) => i.kind === 'rule')
      expect(ofd.pages[p]!.paths.length).toBe(rules.length)
      // Each on the page (a landscape table's rules turned onto it, not left in its frame's coordinates).
      for (const path of ofd.pages[p]!.paths) {
        const [x, y, w, h] = path.boundary as [number, number, number, number]
        expect(Math.min(x, y), `rule ${path.id}`).toBeGreaterThanOrEqual(0)
        expect(x + w, `rule ${path.id}`).toBeLessThanOrEqual(page.widthPt * MM + 0.01)
        expect(y + h, `rule ${path.id}`).toBeLessThanOrEqual(page.heightPt * MM + 0.01)
      }
    })
  })

  it('should tag every text object once (a repeated header row not at all), in drawing order, by its block', () => {
    const {ofd, model} = get()
    const refs = ofd.structure.flatMap((b) => b.refs.map((r) => r.id))
    const drawn = ofd.pages.flatMap((p) => p.texts.map((t) => t.id))
    const repeated = model.pages.flatMap((page) => page.items.flatMap((item) => (item.kind === 'line' ? item.runs.map(() => item.cell?.repeat === true) : [])))
    expect([...refs].sort((a, b) => a - b)).toEqual(drawn.filter((_, i) => !repeated[i]).sort((a, b) => a - b))
    const order = new Map(drawn.map((id, i) => [id, i]))
    for (const block of ofd.structure) {
      const positions = block.refs.map((r) => order.get(r.id)!)
      expect(positions).toEqual([...positions].sort((a, b) => a - b))
    }
    expect(ofd.structure[0]?.tag).toBe(source.includes('/gongwen-') ? 'Masthead' : 'Title')
  })

  it('should make the same bytes again', async () => {
    const {bytes} = get()
    const context = await contextFor({file: source}, ['ofd'])
    expect(Buffer.from(renderOfd(context.layout.official!, context)).equals(Buffer.from(bytes))).toBe(true)
  })
})

describe("inks (a 公文's red)", () => {
  it('should draw an inked run and rule in the CMYK the model gives, everything else black', async () => {
    const {model, context} = built.get(SOURCES[0]!)!
    const inked = structuredClone(model)
    const first = inked.pages[0]!.items.find((i) => i.kind === 'line')!
    if (first.kind !== 'line') throw new Error('no line')
    first.runs[0]!.ink = 'red'
    inked.pages[0]!.items.push({kind: 'rule', x1Pt: 80, y1Pt: 300, x2Pt: 520, y2Pt: 300, widthPt: 1, ink: 'red'})
    inked.inks = {red: {cmyk: [0, 100, 100, 0]}}
    const ofd = readOfd(renderOfd(inked, context))
    expect([...ofd.colorSpaces.values()]).toEqual(['CMYK'])
    const [space] = [...ofd.colorSpaces.keys()]
    const page = ofd.pages[0]!
    expect(page.texts[0]!.fill).toEqual({colorSpace: space, value: '0 255 255 0'})
    expect(page.texts.slice(1).every((t) => t.fill?.colorSpace === undefined && t.fill?.value === '0 0 0')).toBe(true)
    expect(page.paths.at(-1)!.stroke).toEqual({colorSpace: space, value: '0 255 255 0'})
    const ids = [...ofd.fonts.keys(), space!, ...ofd.pages.flatMap((p) => [p.id, ...p.ids])]
    expect(new Set(ids).size).toBe(ids.length)
    expect(Math.max(...ids)).toBe(ofd.maxUnitId)
    delete inked.inks
    expect(() => renderOfd(inked, context)).toThrow(/ink `red`/)
  })
})

describe('tagOf', () => {
  it('should tag a role by its own tag, else by its name in PascalCase', () => {
    expect(['title', 'h1', 'p', 'footer', 'related', 'colophon'].map((r) => tagOf(r as Role))).toEqual(['Title', 'H1', 'P', 'PageNumber', 'Related', 'Colophon'])
    expect(tagOf('attachment-note' as Role)).toBe('AttachmentNote')
  })
})
