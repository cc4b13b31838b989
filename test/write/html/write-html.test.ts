import {describe, expect, it} from 'vitest'
import * as fontkit from 'fontkit'
import {toPlainText} from '../../../scripts/model/text.ts'
import {description, humanSize, writeHtmlEdition, writeIndex, type IndexEntry} from '../../../scripts/write/html/index.ts'
import type {Context} from '../../../scripts/editions.ts'
import {loadProfile} from '../../../scripts/profile.ts'
import {ROOT, buildFixture, decodeHtml, templates} from './helpers.ts'

/** The text of an HTML string's body: style removed, tags removed, references decoded. */
function textOf(html: string): string {
  return decodeHtml(html.replace(/<style>[\s\S]*?<\/style>/g, '').replace(/<[^>]+>/g, ''))
}

describe('writeHtmlEdition', () => {
  it('should write index.html and embed.html as the goldens', async () => {
    const {files} = await buildFixture('html-basic')
    expect([...files.keys()]).toEqual(['index.html', 'embed.html'])
    await expect(files.get('index.html')).toMatchFileSnapshot('../../fixtures/html-basic/index.html')
    await expect(files.get('embed.html')).toMatchFileSnapshot('../../fixtures/html-basic/embed.html')
  })

  it('should keep every character of the document in the page and the fragment', async () => {
    const {doc, files} = await buildFixture('html-basic')
    for (const name of ['index.html', 'embed.html']) {
      const text = textOf(files.get(name)!)
      for (const line of toPlainText(doc).split('\n')) expect(text).toContain(line)
    }
  })

  it('should mark up the header, the question headings with anchors and the lead-in', async () => {
    const {files} = await buildFixture('html-basic')
    const page = files.get('index.html')!
    expect(page).toMatch(/<html lang="zh-CN">/)
    expect(page).toContain('<time datetime="2022-11-10">2022年11月10日</time>')
    expect(page).toContain('<h2 id="q1">一、制定《方案》的背景过程是什么？<a class="anchor" href="#q1" aria-label="本节链接"></a></h2>')
    expect(page).toContain('<p><span class="lead">答：</span>党中央')
    expect(page).toContain('<link rel="canonical" href="https://www.samr.gov.cn/xw/zj/202211/t20221110_351401.html">')
    expect(page).not.toMatch(/<script(?! type="application\/ld\+json")/)
  })

  it('should prefix every id of the fragment and the links to them', async () => {
    const {files} = await buildFixture('html-basic')
    const embed = files.get('embed.html')!
    const ids = [...embed.matchAll(/ id="([^"]*)"/g)].map((m) => m[1])
    expect(ids).toEqual(['zhiban-html-basic-q1', 'zhiban-html-basic-q2'])
    const fragments = [...embed.matchAll(/ href="#([^"]*)"/g)].map((m) => m[1])
    expect(fragments).toEqual(ids)
    expect(embed.trimEnd().startsWith('<article class="zhiban-doc" lang="zh-CN">')).toBe(true)
    expect(embed.trimEnd().endsWith('</article>')).toBe(true)
    expect(embed).not.toMatch(/<(script|html|head|body)\b/)
  })

  it('should scope every selector of the fragment\'s style under .zhiban-doc', async () => {
    const {files} = await buildFixture('html-basic')
    const css = /<style>([\s\S]*?)<\/style>/.exec(files.get('embed.html')!)![1]!
    const selectors = cssSelectors(css)
    expect(selectors.length).toBeGreaterThan(10)
    for (const selector of selectors) expect(selector, selector).toMatch(/^\.zhiban-doc(?![\w-])/)
  })

  it('should embed JSON-LD with < escaped', async () => {
    const {files} = await buildFixture('html-basic')
    const json = /<script type="application\/ld\+json">([^<]*)<\/script>/.exec(files.get('index.html')!)![1]!
    expect(JSON.parse(json)).toMatchObject({'@type': 'NewsArticle', datePublished: '2022-11-10', inLanguage: 'zh-CN', publisher: {'@type': 'Organization', name: '市场监管总局'}, keywords: '质量提升行动,质量强国'})
  })

  it('should list the editions with their sizes when the build passes them', async () => {
    const {doc} = await buildFixture('html-basic')
    const context = {doc, templates, profile: await loadProfile('official', ROOT), blocks: {related: [], relatedPrint: []}} as unknown as Context
    const [page] = await writeHtmlEdition(context, {files: [
      {name: 'html-basic.pdf', edition: 'pdf', bytes: 123_456, pages: 4},
      {name: 'html-basic.docx', edition: 'docx', bytes: 9_800},
      {name: 'index.html', edition: 'html', bytes: 1},
    ]})
    const html = new TextDecoder().decode(page!.bytes)
    expect(html).toContain('<li><a href="html-basic.pdf">公文版 PDF（A4）</a><span class="size">121 KB，4 页</span></li>')
    expect(html).toContain('<li><a href="html-basic.docx">Word 文档（DOCX）</a><span class="size">9.6 KB</span></li>')
    expect(html).not.toContain('href="index.html"')
  })
})

describe('the web font (profile html.webfont: subset)', () => {
  it('should write a WOFF2 holding every character of the text, named by the page only', async () => {
    const {doc, files, outputs} = await buildFixture('html-basic', {webfont: 'subset'})
    const woff2 = outputs.find((o) => o.name === 'webfont.woff2')
    expect(woff2).toBeDefined()
    expect(new TextDecoder().decode(woff2!.bytes.slice(0, 4))).toBe('wOF2')
    const font = fontkit.create(Buffer.from(woff2!.bytes)) as fontkit.Font
    const missing = Array.from(new Set(Array.from(toPlainText(doc) + doc.meta.issuer + '答年月日相关链接'))).filter((c) => !/\s/.test(c) && !font.hasGlyphForCodePoint(c.codePointAt(0)!))
    expect(missing).toEqual([])
    expect(woff2!.bytes.byteLength).toBeLessThan(200_000)
    expect(files.get('index.html')).toContain('src: url("webfont.woff2") format("woff2");')
    expect(files.get('embed.html')).not.toContain('webfont')
  })

  it('should give the same bytes twice', async () => {
    const a = (await buildFixture('html-basic', {webfont: 'subset'})).outputs.find((o) => o.name === 'webfont.woff2')!
    const b = (await buildFixture('html-basic', {webfont: 'subset'})).outputs.find((o) => o.name === 'webfont.woff2')!
    expect(Buffer.from(a.bytes).equals(Buffer.from(b.bytes))).toBe(true)
  })
})

describe('the page of a build of the web edition alone', () => {
  it('should link to no edition the build did not make', async () => {
    const {files} = await buildFixture('html-basic', undefined, {webOnly: true})
    expect(files.get('index.html')).not.toContain('editions-title')
    expect(files.get('index.html')).not.toContain('html-basic.pdf')
  })
})

const official = await loadProfile('official', ROOT)

describe('writeIndex', () => {
  const entry = (slug: string, date: string, title: string): IndexEntry => ({slug, title, issuer: '市场监管总局', date, files: [
    {name: 'embed.html', edition: 'html', bytes: 20_000},
    {name: 'index.html', edition: 'html', bytes: 30_000},
    {name: `${slug}.pdf`, edition: 'pdf', bytes: 2_400_000, pages: 6},
  ]})

  it('should list documents newest first as the golden', async () => {
    const bytes = writeIndex([entry('a-old', '2021-01-02', '旧文件 & <b>'), entry('b-new', '2022-11-10', '新文件')], templates, official)
    const html = new TextDecoder().decode(bytes)
    expect(html.indexOf('新文件')).toBeLessThan(html.indexOf('旧文件'))
    expect(html).toContain('旧文件 &amp; &lt;b&gt;')
    await expect(html).toMatchFileSnapshot('__snapshots__/listing.html')
  })

  it('should offer editions only, not the web font beside the page', () => {
    const withFont = {...entry('c', '2022-01-01', 'C'), files: [...entry('c', '2022-01-01', 'C').files, {name: 'webfont.woff2', edition: 'html' as const, bytes: 90_000}]}
    const html = new TextDecoder().decode(writeIndex([withFont], templates, official))
    expect(html).toContain('c/c.pdf')
    expect(html).not.toContain('webfont.woff2')
  })

  it('should give the same bytes whatever the input order', () => {
    const a = entry('a', '2022-01-01', 'A')
    const b = entry('b', '2022-01-01', 'B')
    expect(writeIndex([a, b], templates, official)).toEqual(writeIndex([b, a], templates, official))
  })
})

describe('description', () => {
  it('should keep a short lead whole', () => {
    expect(description('短导语。')).toBe('短导语。')
  })

  it('should cut at a full stop outside 《》 within 120 characters', () => {
    const text = `${'甲'.repeat(70)}。${'乙'.repeat(30)}《${'丙'.repeat(30)}。》${'丁'.repeat(30)}`
    expect(description(text)).toBe(`${'甲'.repeat(70)}。`)
  })

  it('should never split a character outside the BMP', () => {
    const out = description('𠀀'.repeat(200))
    expect(Array.from(out).length).toBe(120)
    expect(out.endsWith('……')).toBe(true)
    expect(out).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/)
  })
})

describe('humanSize', () => {
  it('should print bytes, KB and MB', () => {
    expect([812, 9_626, 364_544, 1_258_291].map(humanSize)).toEqual(['812 B', '9.4 KB', '356 KB', '1.2 MB'])
  })
})

/** Every selector of a style sheet, at-rules' blocks included (no CSS comments with braces). */
export function cssSelectors(css: string): string[] {
  const out: string[] = []
  const text = css.replace(/\/\*[\s\S]*?\*\//g, '')
  for (const match of text.matchAll(/([^{}]+)\{/g)) {
    const prelude = match[1]!.trim()
    if (prelude.startsWith('@')) continue
    out.push(...prelude.split(',').map((s) => s.trim()))
  }
  return out
}
