/**
 * Safe output: hostile strings in the title, the body and a related title stay text in every
 * edition — no markup in HTML, no element in the DOCX XML, no operator in the PDF content stream.
 */
import {execFileSync} from 'node:child_process'
import {mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {beforeAll, describe, expect, it} from 'vitest'
import {build} from '../../scripts/build.ts'
import {READY, readTree, scratchRoot} from './harness.ts'
import {squeeze, textOf, unzipDocx} from './editions.ts'
import {readOfd} from '../write/ofd/read.ts'

const HOSTILE = ['</p><script>alert(1)</script>', ']]>', 'A&B', '<w:t>x</w:t>', ') Tj (', '"onmouseover="x', "'--"]

// Note: in the body the Markdown is escaped (`\<`), so the text is the hostile string itself, not raw HTML.
const mdEscape = (s: string): string => s.replace(/[<>\\[\]()*_`&]/g, (c) => (c === '&' ? '&amp;' : `\\${c}`))
const SOURCE = `---
title: '测试${HOSTILE[0]}标题${HOSTILE[3]}'
issuer: '机关${HOSTILE[4]}'
date: 2022-11-10
kind: press-qa
related:
  - title: '通知${HOSTILE[1]}${HOSTILE[2]}'
    url: https://example.gov.cn/a.html?x=1&y=2
---

导语${HOSTILE.map(mdEscape).join('和')}。

## 一、问题${mdEscape(HOSTILE[0]!)}？

答：答案${mdEscape(HOSTILE[4]!)}。
`

describe('hostile strings', () => {
  let outputs = new Map<string, Buffer>()
  beforeAll(async () => {
    const root = scratchRoot('hostile')
    writeFileSync(path.join(root, 'source', 'doc.md'), SOURCE)
    const result = await build({root, cache: false, only: READY})
    expect(result.files[0]!.messages.filter((m) => m.fatal).map(String)).toEqual([])
    expect(result.ok).toBe(true)
    outputs = readTree(path.join(root, 'dist'))
  })

  it.each(READY.map((e) => [e]))('should carry every hostile string as text into the %s edition', (edition) => {
    const name = {pdf: 'doc/doc.pdf', docx: 'doc/doc.docx', html: 'doc/index.html', booklet: 'doc/doc.booklet.pdf', ofd: 'doc/doc.ofd'}[edition]
    const text = squeeze(textOf({edition, name, bytes: outputs.get(name)!}))
    for (const hostile of HOSTILE) expect(text, hostile).toContain(squeeze(hostile))
  })

  it('should put no element or script from the source into the HTML page or fragment', () => {
    for (const name of ['doc/index.html', 'doc/embed.html', 'index.html']) {
      const html = outputs.get(name)!.toString('utf8')
      // Note: every tag in the file; text (even `"onmouseover="x`) between tags is harmless.
      const tags = [...html.matchAll(/<([a-zA-Z][\w:-]*)((?:[^>"']|"[^"]*"|'[^']*')*)>/g)]
      expect(tags.filter((t) => t[1] === 'script' && !/type="application\/ld\+json"/.test(t[2]!)).map((t) => t[0]), name).toEqual([])
      expect(tags.filter((t) => /\son\w+=/i.test(t[2]!)).map((t) => t[0]), name).toEqual([])
      expect(tags.filter((t) => t[1] === 'w:t').map((t) => t[0]), name).toEqual([])
      // JSON-LD: `</script>` inside it would end the element.
      for (const ld of html.matchAll(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/g)) expect(ld[1]).not.toMatch(/<\//)
    }
  })

  it('should put no XML element from the source into the DOCX parts', () => {
    const parts = unzipDocx(outputs.get('doc/doc.docx')!)
    for (const [name, xml] of parts) {
      if (!name.endsWith('.xml')) continue
      expect(xml, name).not.toContain('<w:t>x</w:t>')
      expect(xml, name).not.toContain('<script>')
      expect(xml, name).not.toMatch(/\]\]>(?!.*<!\[CDATA)/s)
    }
  })

  it('should draw `) Tj (` as glyphs, not as a PDF operator', () => {
    const pdf = outputs.get('doc/doc.pdf')!.toString('latin1')
    // Note: pdfkit writes text as hex glyph ids (`<0012…> Tj`); a literal string operand would show the source text.
    const xmp = /<x:xmpmeta[\s\S]*<\/x:xmpmeta>/.exec(pdf)?.[0] ?? ''
    // Note: the content streams are compressed; `mutool clean -d` writes them out plain.
    const dir = mkdtempSync(path.join(tmpdir(), 'zhiban-hostile-'))
    writeFileSync(path.join(dir, 'in.pdf'), outputs.get('doc/doc.pdf')!)
    execFileSync('mutool', ['clean', '-d', path.join(dir, 'in.pdf'), path.join(dir, 'out.pdf')])
    const plain = readFileSync(path.join(dir, 'out.pdf'), 'latin1').replace(/<x:xmpmeta[\s\S]*<\/x:xmpmeta>/, '')
    rmSync(dir, {recursive: true, force: true})
    expect(plain).toMatch(/> Tj|\] TJ/)
    expect(plain).not.toContain(') Tj (')
    expect(plain).not.toMatch(/\((?:[^()\\]|\\.)*\)\s*Tj/)
    expect(plain).not.toContain('<script>')
    // The XMP metadata is XML: the title is escaped there, not markup.
    expect(xmp).toContain('&lt;/p&gt;&lt;script&gt;')
    expect(xmp).not.toContain('<script>')
    expect(xmp).not.toContain('<w:t>')
  })

  it('should keep every hostile string text in the OFD parts: each part well-formed, no element from the source', () => {
    // Note: readOfd parses every XML part strictly (a well-formedness error throws).
    const ofd = readOfd(outputs.get('doc/doc.ofd')!)
    expect(ofd.docInfo.Title).toBe(`测试${HOSTILE[0]}标题${HOSTILE[3]}`)
    expect(ofd.docInfo.Author).toBe(`机关${HOSTILE[4]}`)
    expect(ofd.outline.map((e) => e.title)).toContain(`一、问题${HOSTILE[0]}？`)
    const known = /^(ofd:[A-Z]\w*|zb:[A-Z]\w*)$/
    for (const [name, doc] of ofd.xml) {
      const names = new Set(Array.from(doc.getElementsByTagName('*') as unknown as ArrayLike<Element>).map((e) => e.tagName))
      expect([...names].filter((n) => !known.test(n)), name).toEqual([])
    }
  })
})
