/**
 * The web edition in a real browser (Debian's Chromium through playwright-core): it loads from
 * file:// with no console error and no request off the page, axe-core finds nothing, and the
 * fragment keeps its look inside a host page with aggressive styles of its own.
 */
import {mkdirSync, writeFileSync} from 'node:fs'
import path from 'node:path'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import type {Browser, Page} from 'playwright-core'
import {ARTIFACTS, ROOT, buildFixture, hostPage, launchChromium} from './helpers.ts'

const AXE = path.join(ROOT, 'node_modules', 'axe-core', 'axe.min.js')

/** A host page's own styles, as a careless CMS theme might have them. */
const HOST_STYLE = `<style>
body { font: 14px/1.1 Arial, sans-serif; color: #333; }
p { color: red; text-indent: 0; font-family: monospace; line-height: 1; margin: 40px; text-align: right; }
h1, h2 { font-family: cursive; font-size: 40px; color: blue; margin: 0; text-indent: 5em; }
a { color: orange; }
#q1 { color: green; }
article { max-width: 200px; }
</style>
`

let browser: Browser
let dir: string

beforeAll(async () => {
  browser = await launchChromium()
  dir = path.join(ARTIFACTS, 'browser')
  mkdirSync(dir, {recursive: true})
  const basic = await buildFixture('html-basic')
  for (const [name, text] of basic.files) writeFileSync(path.join(dir, name), text)
  const host = hostPage(basic.files.get('embed.html')!, {
    head: HOST_STYLE,
    before: '<main>\n<h2 id="q1">Host heading</h2>\n<p class="host">Host paragraph.</p>\n',
    after: '<p class="host-after">After.</p>\n</main>\n',
  })
  writeFileSync(path.join(dir, 'host.html'), host)
  const withFont = await buildFixture('html-basic', {webfont: 'subset'})
  mkdirSync(path.join(dir, 'webfont'), {recursive: true})
  for (const output of withFont.outputs) writeFileSync(path.join(dir, 'webfont', output.name), output.bytes)
})

afterAll(async () => {
  await browser?.close()
})

/**
 * Run code in the page and return its (JSON) result. Note: the code is a string because the
 * project's TypeScript has no DOM library (it is Node code); Chromium checks it at run time.
 */
async function inPage<T>(page: Page, code: string): Promise<T> {
  return (await page.evaluate(code)) as T
}

/** Open a file of the artifacts folder; collect console errors, page errors and requests. */
async function open(name: string, width: number): Promise<{page: Page; errors: string[]; requests: string[]}> {
  const page = await browser.newPage({viewport: {width, height: 900}})
  const errors: string[] = []
  const requests: string[] = []
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text())
  })
  page.on('pageerror', (error) => errors.push(error.message))
  page.on('request', (request) => requests.push(request.url()))
  await page.goto(`file://${path.join(dir, name)}`)
  return {page, errors, requests}
}

describe('the page in Chromium', () => {
  it('should load from file:// with no console error and no request off the page', async () => {
    const {page, errors, requests} = await open('index.html', 1280)
    await page.waitForLoadState('networkidle')
    expect(errors).toEqual([])
    expect(requests.filter((url) => !url.startsWith('file://'))).toEqual([])
    await page.close()
  })

  it('should have no axe-core violation', async () => {
    const {page} = await open('index.html', 1280)
    await page.addScriptTag({path: AXE})
    const violations = await page.evaluate(async () => {
      const result = await (globalThis as unknown as {axe: {run: () => Promise<{violations: {id: string; nodes: {target: unknown}[]}[]}>}}).axe.run()
      return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => JSON.stringify(n.target)).join(' ')}`)
    })
    expect(violations).toEqual([])
    await page.close()
  })

  it('should set Chinese text at a readable measure, 2em indent and 1.8 line height', async () => {
    for (const width of [390, 1280]) {
      const {page} = await open('index.html', width)
      await page.screenshot({path: path.join(ARTIFACTS, `index-${width}.png`), fullPage: true})
      const style = await inPage<{fontSize: number; indent: number; lineHeight: number; width: number; align: string; lineBreak: string}>(page, `(() => {
        const p = document.querySelector('.zhiban-doc > p')
        const s = getComputedStyle(p)
        return {fontSize: parseFloat(s.fontSize), indent: parseFloat(s.textIndent), lineHeight: parseFloat(s.lineHeight), width: p.getBoundingClientRect().width, align: s.textAlign, lineBreak: s.lineBreak}
      })()`)
      expect(style.indent).toBeCloseTo(2 * style.fontSize, 1)
      expect(style.lineHeight / style.fontSize).toBeCloseTo(1.8, 2)
      expect(style.align).toBe('justify')
      expect(style.lineBreak).toBe('strict')
      // Note: a measure of at most ~38 characters on a desktop, the whole width (less margins) on a phone.
      expect(style.width / style.fontSize).toBeLessThanOrEqual(38.01)
      expect(style.width).toBeLessThanOrEqual(width)
      const overflow = await inPage<number>(page, 'document.documentElement.scrollWidth - document.documentElement.clientWidth')
      expect(overflow, `horizontal overflow at ${width}px`).toBe(0)
      await page.close()
    }
  })

  it('should hide the edition links and show link addresses in print', async () => {
    const {page} = await open('index.html', 1280)
    await page.emulateMedia({media: 'print'})
    expect(await inPage<string>(page, `getComputedStyle(document.querySelector('.editions')).display`)).toBe('none')
    const after = await inPage<string>(page, `getComputedStyle(document.querySelector('footer.related a'), '::after').content`)
    expect(after).toContain('https://www.samr.gov.cn/')
    await page.close()
  })
})

describe('the page with its own web font', () => {
  it('should load the subset from beside the page and draw the text with it', async () => {
    const {page, errors, requests} = await open('webfont/index.html', 1280)
    await page.waitForLoadState('networkidle')
    const status = await inPage<string[]>(page, `document.fonts.ready.then(() => [...document.fonts].filter((f) => f.family.replace(/"/g, '') === 'zhiban-web').map((f) => f.status))`)
    await page.screenshot({path: path.join(ARTIFACTS, 'webfont-1280.png')})
    expect(errors).toEqual([])
    expect(requests.filter((url) => !url.startsWith('file://'))).toEqual([])
    expect(requests.some((url) => url.endsWith('/webfont/webfont.woff2'))).toBe(true)
    expect(status).toEqual(['loaded'])
    await page.close()
  })
})

describe('the fragment in a hostile host page', () => {
  it('should keep its own look while the host keeps its own', async () => {
    const {page, errors, requests} = await open('host.html', 1280)
    await page.screenshot({path: path.join(ARTIFACTS, 'host-1280.png'), fullPage: true})
    await page.setViewportSize({width: 390, height: 844})
    await page.screenshot({path: path.join(ARTIFACTS, 'host-390.png'), fullPage: true})
    await page.setViewportSize({width: 1280, height: 900})
    expect(errors).toEqual([])
    expect(requests.filter((url) => !url.startsWith('file://'))).toEqual([])
    const doc = await inPage<{fontSize: number; indent: number; color: string; fontFamily: string; lineHeight: number; align: string}>(page, `(() => {
      const s = getComputedStyle(document.querySelector('.zhiban-doc > p'))
      return {fontSize: parseFloat(s.fontSize), indent: parseFloat(s.textIndent), color: s.color, fontFamily: s.fontFamily, lineHeight: parseFloat(s.lineHeight), align: s.textAlign}
    })()`)
    expect(doc.indent).toBeCloseTo(2 * doc.fontSize, 1)
    expect(doc.color).toBe('rgb(26, 26, 26)')
    expect(doc.fontFamily).toMatch(/^"?仿宋_GB2312"?, "?仿宋"?, FangSong, STFangsong, /)
    expect(doc.lineHeight / doc.fontSize).toBeCloseTo(1.8, 2)
    expect(doc.align).toBe('justify')
    const heading = await inPage<{family: string; color: string}>(page, `(() => {
      const s = getComputedStyle(document.getElementById('zhiban-html-basic-q1'))
      return {family: s.fontFamily, color: s.color}
    })()`)
    expect(heading.family).toMatch(/^"?黑体"?, SimHei, /)
    expect(heading.color).toBe('rgb(26, 26, 26)')
    const host = await inPage<{color: string; indent: string; family: string}>(page, `(() => {
      const s = getComputedStyle(document.querySelector('p.host'))
      return {color: s.color, indent: s.textIndent, family: s.fontFamily}
    })()`)
    expect(host).toEqual({color: 'rgb(255, 0, 0)', indent: '0px', family: 'monospace'})
    expect(await page.$$eval('[id="q1"]', (nodes) => nodes.map((n) => n.textContent))).toEqual(['Host heading'])
    expect(await inPage<string>(page, `getComputedStyle(document.getElementById('q1')).color`)).toBe('rgb(0, 128, 0)')
    await page.close()
  })

  it('should scope every rule of its style sheet under .zhiban-doc (as Chromium parses it)', async () => {
    const {page} = await open('host.html', 1280)
    const selectors = await inPage<string[]>(page, `(() => {
      const out = []
      const walk = (rules) => {
        for (const rule of rules) {
          if (rule instanceof CSSStyleRule) out.push(rule.selectorText)
          else if (rule.cssRules) walk(rule.cssRules)
          else out.push('unexpected rule: ' + rule.cssText)
        }
      }
      walk(document.querySelector('.zhiban-doc > style').sheet.cssRules)
      return out
    })()`)
    expect(selectors.length).toBeGreaterThan(10)
    for (const list of selectors) {
      for (const selector of list.split(',')) expect(selector.trim(), list).toMatch(/^\.zhiban-doc(?![\w-])/)
    }
    await page.close()
  })

  it('should take a deep link to its own prefixed heading', async () => {
    const {page} = await open('host.html', 1280)
    await page.click('#zhiban-html-basic-q2 a.anchor', {force: true})
    expect(new URL(page.url()).hash).toBe('#zhiban-html-basic-q2')
    await page.close()
  })
})
