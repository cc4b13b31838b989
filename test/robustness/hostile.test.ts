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
import type {EditionName} from '../../scripts/editions.ts'
import {READY, readTree, scratchRoot} from './harness.ts'
import {squeeze, textOf, unzipDocx} from './editions.ts'
import {readOfd} from '../write/ofd/read.ts'

const HOSTILE = ['</p><script>alert(1)</script>', ']]>', 'A&B', '<w:t>x</w:t>', ') Tj (', '"onmouseover="x', "'--"]

// Note: in the body the Markdown is escaped (`\<`), so the text is the hostile string itself, not raw HTML.
const mdEscape = (s: string): string => s.replace(/[<>\\[\]()*_`&]/g, (c) => (c === '&' ? '&amp;' : `\\${c}`))
const TITLE = `测试${HOSTILE[0]}标题${HOSTILE[3]}</title>`
const ISSUER = `机关]]>${HOSTILE[3]}${HOSTILE[4]}`
const SOURCE = `---
title: '${TITLE}'
issuer: '${ISSUER}'
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

  /** Every file of every edition, as the manifest lists them (so an edition added later is covered too). */
  const files = (): {name: string; edition: string; bytes: Buffer}[] => {
    const manifest = JSON.parse(outputs.get('doc/manifest.json')!.toString('utf8')) as {files: {name: string; edition: string}[]}
    return manifest.files.map((f) => ({...f, bytes: outputs.get(`doc/${f.name}`)!}))
  }

  it('should list every edition in the manifest', () => {
    expect(new Set(files().map((f) => f.edition))).toEqual(new Set(READY))
    expect(files().map((f) => f.name)).toEqual(expect.arrayContaining(['doc.pdf', 'doc.booklet.pdf', 'doc.booklet-imposed.pdf']))
  })

  it('should carry every hostile string as text into every file of every edition', () => {
    for (const file of files()) {
      const text = squeeze(textOf({edition: file.edition as EditionName, name: file.name, bytes: file.bytes}))
      for (const hostile of HOSTILE) expect(text, `${file.name}: ${hostile}`).toContain(squeeze(hostile))
    }
  })

  it('should write every PDF\'s XMP metadata as well-formed XML holding the strings as text', () => {
    const pdfs = files().filter((f) => f.name.endsWith('.pdf'))
    expect(pdfs.length).toBeGreaterThanOrEqual(3)
    for (const pdf of pdfs) {
      const xmp = /<x:xmpmeta[\s\S]*<\/x:xmpmeta>/.exec(pdf.bytes.toString('utf8'))?.[0]
      expect(xmp, pdf.name).toBeDefined()
      // Only the XMP schemas' own elements; a title like `</title><script>` must not add or close any.
      const names = new Set([...xmp!.matchAll(/<\/?([A-Za-z][\w.-]*(?::[\w.-]+)?)/g)].map((m) => m[1]!))
      for (const name of names) expect(name, pdf.name).toMatch(/^(x|rdf|dc|xmp|pdf|pdfaid|pdfuaid):/)
      expect(xmp, pdf.name).not.toContain(']]>')
      expect(xmp, pdf.name).toContain(`<rdf:li xml:lang="x-default">${TITLE.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')}</rdf:li>`)
      expect(xmp, pdf.name).toContain(`<rdf:li>${ISSUER.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')}</rdf:li>`)
      // Balanced: every element opened is closed, in order.
      const stack: string[] = []
      for (const m of xmp!.matchAll(/<(\/?)([\w:.-]+)[^>]*?(\/?)>/g)) {
        if (m[3]) continue
        if (m[1]) expect(stack.pop(), `${pdf.name}: </${m[2]}>`).toBe(m[2])
        else stack.push(m[2]!)
      }
      expect(stack, pdf.name).toEqual([])
    }
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
    expect(ofd.docInfo.Title).toBe(TITLE)
    expect(ofd.docInfo.Author).toBe(ISSUER)
    expect(ofd.outline.map((e) => e.title)).toContain(`一、问题${HOSTILE[0]}？`)
    const known = /^(ofd:[A-Z]\w*|zb:[A-Z]\w*)$/
    for (const [name, doc] of ofd.xml) {
      const names = new Set(Array.from(doc.getElementsByTagName('*') as unknown as ArrayLike<Element>).map((e) => e.tagName))
      expect([...names].filter((n) => !known.test(n)), name).toEqual([])
    }
  })
})
