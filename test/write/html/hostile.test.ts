import {describe, expect, it} from 'vitest'
import {buildFixture, decodeHtml as decode, startTags} from './helpers.ts'

/** The hostile strings of test/fixtures/html-hostile/input.md, as they must read on the page. */
const TITLE = '关于</p><script>alert(1)</script>"><img src=x onerror=alert(1)>]]>&amp;\u202E的答记者问'
const LEAD = '导语</p><script>alert(1)</script>"><img src=x onerror=alert(1)>]]>&amp;\u202E结束。'
const RELATED = '通知</a><script>alert(5)</script>"><img src=x onerror=alert(1)>]]>&amp;\u202E'

describe('hostile input', () => {
  it('should make no element or attribute from the source in the page or the fragment', async () => {
    const {files} = await buildFixture('html-hostile', undefined, {webOnly: true})
    for (const [name, html] of files) {
      // Note: the page's one script element is its JSON-LD (data, not code).
      const scripts = html.match(/<script\b[^>]*>/gi) ?? []
      expect(scripts, name).toEqual(name === 'index.html' ? ['<script type="application/ld+json">'] : [])
      expect(html, name).not.toMatch(/<img\b/i)
      for (const tag of startTags(html)) expect(tag, name).not.toMatch(/\s(on[a-z]+|style)\s*=/i)
      expect(html, name).not.toMatch(/<\/script><script>|<\/title><script>/i)
    }
  })

  it('should keep the hostile text intact, as text', async () => {
    const {files} = await buildFixture('html-hostile', undefined, {webOnly: true})
    const page = files.get('index.html')!
    const text = decode(page.replace(/<script type="application\/ld\+json">[^<]*<\/script>/, '').replace(/<style>[\s\S]*?<\/style>/, '').replace(/<[^>]+>/g, ''))
    expect(text).toContain(TITLE)
    expect(text).toContain(LEAD)
    expect(text).toContain(RELATED)
    expect(text).toContain('一、问题<script>alert(7)</script>？')
    const json = JSON.parse(/<script type="application\/ld\+json">([^<]*)<\/script>/.exec(page)![1]!) as {headline: string}
    expect(json.headline).toBe(TITLE)
  })

  it('should keep a hostile related URL inside its attribute, percent-encoded as a browser would', async () => {
    const {files} = await buildFixture('html-hostile', undefined, {webOnly: true})
    for (const html of files.values()) {
      const href = /相关链接：<a href="([^"]*)">/.exec(html)![1]!
      expect(decode(href)).toBe('https://example.org/x?y=1&z=2%22onmouseover=alert(6)')
    }
  })
})
