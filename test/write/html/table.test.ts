/**
 * Tables in the web edition: the markup (caption, thead, th scope, numeric cells), the sanitiser keeping it, and the
 * page in Chromium at 390 and 1280 px: no axe violation, the page never wider than the screen (a wide table scrolls
 * in its own focusable box), numbers right-aligned.
 */
import {mkdirSync, readFileSync, writeFileSync} from 'node:fs'
import path from 'node:path'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import type {Browser} from 'playwright-core'
import {ARTIFACTS, ROOT, buildFixture, launchChromium} from './helpers.ts'

const AXE = path.join(ROOT, 'node_modules', 'axe-core', 'axe.min.js')
const FIXTURES = ['table-basic', 'table-wide'] as const

let browser: Browser
const files = new Map<string, Map<string, string>>()
const dir = path.join(ARTIFACTS, 'tables')

beforeAll(async () => {
  browser = await launchChromium()
  mkdirSync(dir, {recursive: true})
  for (const name of FIXTURES) {
    const built = await buildFixture(name, undefined, {webOnly: true})
    files.set(name, built.files)
    mkdirSync(path.join(dir, name), {recursive: true})
    for (const [file, text] of built.files) writeFileSync(path.join(dir, name, file), text)
  }
})

afterAll(async () => {
  await browser?.close()
})

describe('tables in the web edition', () => {
  it('should mark a table up with its caption, a header row of column headers and right-aligned numbers', async () => {
    const html = files.get('table-basic')!.get('embed.html')!
    expect(html).toContain('<div class="table-scroll" role="region" tabindex="0" aria-labelledby="zhiban-table-basic-table-1">')
    expect(html).toContain('<caption id="zhiban-table-basic-table-1">表1 2025年度各区产品质量监督抽查情况统计</caption>')
    expect(html).toMatch(/<thead>\s*<tr>\s*<th scope="col">区<\/th>\s*<th scope="col">抽查企业（家）<\/th>/)
    expect(html).toContain('<td class="num">1,286</td>')
    expect(html).toContain('<td class="mid">2026年3月底前</td>')
    // The caption paragraph is the table's caption, not a paragraph of its own.
    expect(html).not.toContain('<p>表1 ')
    // A table without a caption is named for assistive technology all the same.
    expect(html).toContain('<div class="table-scroll" role="region" tabindex="0" aria-label="表格">')
    // The table styles come with the fragment, every selector scoped under .zhiban-doc.
    expect(html).toMatch(/\.zhiban-doc \.table-scroll \{[^}]*overflow-x: auto/)
    const css = readFileSync(path.join(ROOT, 'templates', 'html', 'partials', 'table-css.hbs'), 'utf8').replace(/\/\*[\s\S]*?\*\//g, '')
    const selectors = [...css.matchAll(/([^{};]+)\{/g)].map((m) => m[1]!.trim()).filter((s) => !s.startsWith('@'))
    expect(selectors.length).toBeGreaterThan(5)
    for (const list of selectors) for (const selector of list.split(',')) expect(selector.trim()).toMatch(/^\.zhiban-doc(?![\w-])/)
    // A document without tables carries none of it.
    const plain = await buildFixture('html-basic', undefined, {webOnly: true})
    expect(plain.files.get('index.html')).not.toContain('table-scroll')
  })

  for (const name of FIXTURES) {
    for (const width of [390, 1280]) {
      it(`should show ${name} at ${width} px with no axe violation and no page overflow`, async () => {
        const page = await browser.newPage({viewport: {width, height: 900}})
        await page.goto(`file://${path.join(dir, name, 'index.html')}`)
        await page.screenshot({path: path.join(ARTIFACTS, `${name}-${width}.png`), fullPage: true})
        const overflow = (await page.evaluate('document.documentElement.scrollWidth - document.documentElement.clientWidth')) as number
        expect(overflow, `horizontal overflow at ${width}px`).toBe(0)
        const boxes = (await page.evaluate(`[...document.querySelectorAll('.table-scroll')].map((box) => ({right: box.getBoundingClientRect().right, scrolls: box.scrollWidth > box.clientWidth}))`)) as {right: number; scrolls: boolean}[]
        for (const box of boxes) expect(box.right).toBeLessThanOrEqual(width)
        // The wide table (ten columns of numbers) cannot fit a phone: it scrolls inside its box.
        if (name === 'table-wide' && width === 390) expect(boxes.some((box) => box.scrolls)).toBe(true)
        const align = (await page.evaluate(`[...document.querySelectorAll('td.num')].map((td) => getComputedStyle(td).textAlign)`)) as string[]
        expect(align.length).toBeGreaterThan(0)
        expect(new Set(align)).toEqual(new Set(['right']))
        await page.addScriptTag({path: AXE})
        const violations = (await page.evaluate(`axe.run().then((r) => r.violations.map((v) => v.id + ': ' + v.nodes.map((n) => JSON.stringify(n.target)).join(' ')))`)) as string[]
        expect(violations).toEqual([])
        await page.close()
      })
    }
  }
})
