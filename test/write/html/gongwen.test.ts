/**
 * A 公文 in the web edition: every part carried semantically (the masthead in the page's header, the signature with
 * its <time>, the attachments as <section>s with their ids, the imprint as the article's <footer>), untrusted text
 * escaped, the fragment the same with prefixed ids, and in Chromium the mark and the separator red.
 */
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {mkdirSync, writeFileSync} from 'node:fs'
import path from 'node:path'
import type {Browser} from 'playwright-core'
import {ARTIFACTS, buildFixture, launchChromium} from './helpers.ts'

let files: Map<string, string>
let browser: Browser

beforeAll(async () => {
  files = (await buildFixture('gongwen-html')).files
  browser = await launchChromium()
})

afterAll(async () => {
  await browser?.close()
})

describe('a 公文 in the web edition', () => {
  it('puts the masthead in the page header and the parts around the body, in reading order', () => {
    const page = files.get('index.html')!
    const header = page.slice(page.indexOf('<header>'), page.indexOf('</header>'))
    expect(header).toContain('<div class="masthead notice">')
    expect(header).toContain('<span>某省市场监督管理局</span><span>某省工业和信息化厅</span></span><span class="suffix">文件</span>')
    expect(header).toContain('<p class="number"><span>某市监计发〔2025〕7号</span></p>')
    const order = ['<p class="recipients">各市、县（区）市场监督管理局、工业和信息化主管部门，省局各有关处室：</p>', '<h2 id="s1">', '<div class="attachment-note">', '<div class="signature sealed">', '<time datetime="2025-03-18">2025年3月18日</time>', '<section class="attachment" id="attachment-1">', '<section class="attachment" id="attachment-2">', '<footer class="imprint">', '</article>']
    const at = order.map((s) => page.indexOf(s))
    expect(at.every((i) => i > 0), order.filter((_, i) => at[i]! < 0).join(' | ')).toBe(true)
    expect([...at].sort((a, b) => a - b)).toEqual(at)
    expect(page).toContain('<li><a href="#attachment-1">1．2025年度计量器具专项监督检查重点单位名单</a></li>')
    expect(page).toContain('<p class="cc"><span class="label">抄送：</span>国家市场监督管理总局计量司，省人民政府办公厅。</p>')
    expect(page).toContain('<time datetime="2025-03-19">2025年3月19日</time>印发')
  })

  it('escapes untrusted text from the front matter', () => {
    for (const name of ['index.html', 'embed.html']) {
      const html = files.get(name)!
      expect(html).not.toContain('<script>alert')
      expect(html).toContain('（此件公开发布&#x3C;script>alert(1)&#x3C;/script>）')
      expect(html).not.toContain('的<通知>')
      expect(html).toMatch(/专项监督检查的(&lt;|&#x3C;)通知(&gt;|>)/)
    }
  })

  it('gives the fragment the same parts with prefixed ids', () => {
    const embed = files.get('embed.html')!
    expect(embed).toContain('<div class="masthead notice">')
    expect(embed).toContain('<section class="attachment" id="zhiban-gongwen-html-attachment-1">')
    expect(embed).toContain('<a href="#zhiban-gongwen-html-attachment-2">')
    expect(embed).toContain('<footer class="imprint">')
  })

  it('shows the mark and the separator in the profile\'s red in Chromium, the text black', async () => {
    const dir = path.join(ARTIFACTS, 'gongwen')
    mkdirSync(dir, {recursive: true})
    for (const [name, text] of files) writeFileSync(path.join(dir, name), text)
    for (const name of ['index.html', 'embed.html']) {
      const page = await browser.newPage({viewport: {width: 1000, height: 900}})
      const errors: string[] = []
      page.on('pageerror', (e) => errors.push(String(e)))
      page.on('console', (m) => m.type() === 'error' && errors.push(m.text()))
      await page.goto(`file://${path.join(dir, name)}`)
      const colours = (await page.evaluate(`(() => {
        const s = (sel) => getComputedStyle(document.querySelector(sel))
        return {mark: s('.masthead .mark').color, rule: s('.masthead .number').borderBottomColor, ruleWidth: s('.masthead .number').borderBottomWidth, body: s('.recipients').color, imprint: s('footer.imprint').borderBottomStyle, sections: document.querySelectorAll('section.attachment').length}
      })()`)) as Record<string, string | number>
      expect(colours).toEqual({mark: 'rgb(230, 0, 18)', rule: 'rgb(230, 0, 18)', ruleWidth: '2px', body: 'rgb(26, 26, 26)', imprint: 'solid', sections: 2})
      if (name === 'index.html') await page.screenshot({path: path.join(dir, 'index.png'), fullPage: true})
      expect(errors).toEqual([])
      await page.close()
    }
  })
})
