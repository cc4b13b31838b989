/**
 * The OFD edition in a real OFD reader: ofd.js (the DLTech21 renderer, from npm) parses the package and renders
 * every page in headless Chromium. Each page must render, show the PDF's text, and place every character where a
 * PDF reader (mutool) finds it in the official PDF, within 0.5 mm. The embedded fonts are handed to the browser as
 * web fonts under the names the package gives them: the browser's font sanitiser must accept each one.
 *
 * Note: ofd.js draws text in the browser's fonts by family name and ignores CGTransform; it reads positions from
 * the TextCode, which is what is compared here. Screenshots go to test/artifacts/ofd/ (git-ignored) for looking.
 */
import {execFileSync} from 'node:child_process'
import {mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync} from 'node:fs'
import {createRequire} from 'node:module'
import {tmpdir} from 'node:os'
import path from 'node:path'
import type {Browser} from 'playwright-core'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {renderOfd} from '../../../scripts/write/ofd/index.ts'
import {renderPdf} from '../../../scripts/write/pdf.ts'
import {decodeXml} from '../../robustness/editions.ts'
import {contextFor, ROOT} from '../../typeset/context.ts'
import {ARTIFACTS as HTML_ARTIFACTS, launchChromium} from '../html/helpers.ts'
import {readOfd} from './read.ts'

const ARTIFACTS = path.join(HTML_ARTIFACTS, '..', 'ofd')
const READER = createRequire(import.meta.url).resolve('ofd.js/lib/ofd.umd.js')
const MM = 25.4 / 72
// Note: every 公文 sample under source/ too (their red is CMYK, which ofd.js shows as RGB: cyan).
const SOURCES = ['source/samr-2022-quality-action-plan-qa.md', 'test/fixtures/typeset-basic/input.md', 'test/fixtures/table-basic/input.md', 'test/fixtures/table-wide/input.md', ...readdirSync(path.join(ROOT, 'source')).filter((f) => f.startsWith('gongwen-')).map((f) => `source/${f}`)]

/** A name for a source's screenshots: its file name, or its fixture's folder. */
const shotName = (source: string): string => (path.basename(source) === 'input.md' ? path.basename(path.dirname(source)) : path.basename(source, '.md'))

interface Char {
  c: string
  x: number
  y: number
  /** The first font family the reader asks the browser for. */
  family?: string
}

/** What ofd.js drew: per page, its size in px and every text element's character at its origin (mm). */
interface Rendered {
  scale: number
  fontsLoaded: string[]
  pages: {width: number; height: number; chars: Char[]; paths: number}[]
}

/** The PDF's characters per page as mutool reads them: origin in mm from the top-left corner. */
function pdfChars(file: string): Char[][] {
  const xml = execFileSync('mutool', ['draw', '-F', 'stext', '-o', '-', file], {encoding: 'utf8', maxBuffer: 1 << 28})
  return xml.split(/<page /).slice(1).map((page) => [...page.matchAll(/<char [^>]*x="([^"]+)" y="([^"]+)"[^>]* c="([^"]*)"/g)].map((m) => ({c: decodeXml(m[3]!), x: Number(m[1]) * MM, y: Number(m[2]) * MM})))
}

function pdfPageText(file: string, page: number): string {
  return execFileSync('pdftotext', ['-raw', '-enc', 'UTF-8', '-f', String(page), '-l', String(page), file, '-'], {encoding: 'utf8'})
}

const squeeze = (s: string): string => s.replace(/\s+/g, '')

let browser: Browser
let dir: string
beforeAll(async () => {
  browser = await launchChromium()
  dir = mkdtempSync(path.join(tmpdir(), 'zhiban-ofd-'))
  mkdirSync(ARTIFACTS, {recursive: true})
}, 60_000)
afterAll(async () => {
  await browser?.close()
  if (dir) rmSync(dir, {recursive: true, force: true})
})

describe('the sources read in ofd.js', () => {
  it('should include the 公文 samples', () => {
    expect(SOURCES.filter((s) => s.startsWith('source/gongwen-'))).toEqual(['source/gongwen-joint-notice.md', 'source/gongwen-letter.md', 'source/gongwen-minutes.md', 'source/gongwen-request.md'])
  })
})

describe.each(SOURCES.map((s) => [s]))('%s in ofd.js', (source) => {
  it('should render every page with the PDF text, each character where the PDF has it', async () => {
    const context = await contextFor({file: source}, ['pdf', 'ofd'])
    const model = context.layout.official!
    const ofdBytes = renderOfd(model, context)
    const pdfFile = path.join(dir, `${shotName(source)}.pdf`)
    writeFileSync(pdfFile, await renderPdf(model, context))
    const pdf = pdfChars(pdfFile)
    const ofd = readOfd(ofdBytes)
    const fonts = [...new Map([...ofd.fonts.values()].map((f) => [f.family, Buffer.from(ofd.files.get(f.file)!).toString('base64')]))]

    const page = await browser.newPage({viewport: {width: 900, height: 1200}})
    try {
      await page.setContent('<!DOCTYPE html><html><head><meta charset="utf-8"></head><body style="margin:0;background:#777"></body></html>')
      await page.addScriptTag({path: READER})
      const rendered: Rendered = await page.evaluate(
        async ({ofdBase64, fonts}) => {
          const bytes = (b64: string): Uint8Array<ArrayBuffer> => Uint8Array.from(atob(b64), (c) => c.charCodeAt(0))
          const fontsLoaded: string[] = []
          for (const [family, data] of fonts) {
            const face = new FontFace(family, bytes(data))
            await face.load()
            document.fonts.add(face)
            fontsLoaded.push(family)
          }
          const reader = (window as unknown as {ofd: {parseOfdDocument(o: object): void; renderOfd(width: number, doc: unknown): HTMLElement[]; getPageScale(): number}}).ofd
          const docs = await new Promise<unknown[]>((resolve, reject) => reader.parseOfdDocument({ofd: bytes(ofdBase64).buffer, success: resolve, fail: reject}))
          const divs = reader.renderOfd(794, docs[0])
          const scale = reader.getPageScale()
          for (const div of divs) {
            div.style.background = '#fff'
            div.style.marginBottom = '8px'
            document.body.appendChild(div)
          }
          await document.fonts.ready
          const px = (value: string): number => Number.parseFloat(value || '0')
          const pages = divs.map((div) => {
            const chars = [...div.querySelectorAll('svg > text')].map((text) => {
              const svg = text.parentElement as unknown as SVGSVGElement
              const family = (text as SVGTextElement).style.fontFamily.split(',')[0]!.trim().replace(/^["']|["']$/g, '')
              // The origin as drawn: through the element's transform (the TextObject's CTM), when it has one.
              const [x0, y0] = [px(text.getAttribute('x')!), px(text.getAttribute('y')!)]
              const m = (text as SVGTextElement).transform.baseVal.consolidate()?.matrix ?? {a: 1, b: 0, c: 0, d: 1, e: 0, f: 0}
              const [x, y] = [m.a * x0 + m.c * y0 + m.e, m.b * x0 + m.d * y0 + m.f]
              return {c: text.textContent ?? '', x: (px(svg.style.left) + x) / scale, y: (px(svg.style.top) + y) / scale, family}
            })
            return {width: div.getBoundingClientRect().width, height: div.getBoundingClientRect().height, chars, paths: div.querySelectorAll('svg > path').length}
          })
          return {scale, fontsLoaded, pages}
        },
        {ofdBase64: Buffer.from(ofdBytes).toString('base64'), fonts},
      )
      expect(rendered.fontsLoaded).toEqual(fonts.map(([family]) => family))
      expect(rendered.pages.length).toBe(pdf.length)
      // Note: ofd.js swaps some family names for system ones of its own table (a family with `Kai` in it becomes
      // KaiTi); for the screenshots, each name it asks for that only one embedded font stands behind gets that font.
      const asked = new Map<string, Set<number>>()
      rendered.pages.forEach((drawn, i) => {
        const written = ofd.pages[i]!.texts.flatMap((t) => t.chars.map(() => t.font))
        drawn.chars.forEach((c, k) => {
          if (!c.family || fonts.some(([family]) => family === c.family)) return
          asked.set(c.family, (asked.get(c.family) ?? new Set()).add(written[k]!))
        })
      })
      const aliases = [...asked].filter(([, ids]) => ids.size === 1).map(([name, ids]) => [name, Buffer.from(ofd.files.get(ofd.fonts.get([...ids][0]!)!.file)!).toString('base64')] as const)
      await page.evaluate(async (list) => {
        for (const [family, data] of list) {
          const face = new FontFace(family, Uint8Array.from(atob(data), (c) => c.charCodeAt(0)))
          await face.load()
          document.fonts.add(face)
        }
        await document.fonts.ready
      }, aliases)
      const divs = await page.$$('body > div')
      for (const [i, drawn] of rendered.pages.entries()) {
        const name = `${shotName(source)}-page-${i + 1}.png`
        await divs[i]!.screenshot({path: path.join(ARTIFACTS, name)})
        const pageModel = model.pages[i]!
        expect(drawn.width / rendered.scale, `page ${i + 1} width`).toBeCloseTo(pageModel.widthPt * MM, 0)
        expect(drawn.height / rendered.scale, `page ${i + 1} height`).toBeCloseTo(pageModel.heightPt * MM, 0)
        expect(drawn.paths).toBe(pageModel.items.filter((item) => item.kind === 'rule').length)
        // Text: what the reader shows, in its drawing order, is the PDF's page text in its content stream's order.
        expect(squeeze(drawn.chars.map((c) => c.c).join('')), `text of page ${i + 1}`).toBe(squeeze(pdfPageText(pdfFile, i + 1)))
        // Positions: each drawn character that has a glyph of its own matched to the nearest unused PDF character of
        // the same text. A further character of a glyph (the second dash of a `——` drawn as one glyph) has no
        // position of its own in either format (PDF readers differ on where to put it): it must be left over once.
        const written = ofd.pages[i]!.texts.flatMap((t) => t.chars)
        expect(drawn.chars.map((c) => c.c).join(''), `the reader's characters of page ${i + 1}`).toBe(written.map((c) => c.char).join(''))
        const pdfPage = pdf[i]!.filter((c) => c.c.trim() !== '')
        const used = new Set<number>()
        const ownGlyph = drawn.chars.filter((c, k) => c.c.trim() !== '' && written[k]!.glyphs?.length !== 0)
        const further = drawn.chars.filter((c, k) => c.c.trim() !== '' && written[k]!.glyphs?.length === 0).map((c) => c.c)
        for (const char of ownGlyph) {
          let best = -1
          let distance = Infinity
          pdfPage.forEach((p, k) => {
            if (used.has(k) || p.c !== char.c) return
            const d = Math.hypot(p.x - char.x, p.y - char.y)
            if (d < distance) [best, distance] = [k, d]
          })
          expect(distance, `“${char.c}” at ${char.x.toFixed(2)}, ${char.y.toFixed(2)} mm on page ${i + 1}`).toBeLessThan(0.5)
          used.add(best)
        }
        expect(pdfPage.filter((_, k) => !used.has(k)).map((c) => c.c).sort(), `characters of page ${i + 1} without a glyph of their own`).toEqual(further.sort())
      }
    } finally {
      await page.close()
    }
  }, 120_000)
})
