/**
 * End to end: the real build makes every edition of the seed document, every edition carries the
 * source's text exactly (in order, nothing dropped or swapped), and two builds give the same bytes.
 */
import {execFileSync} from 'node:child_process'
import {createHash} from 'node:crypto'
import {mkdtempSync, readFileSync, readdirSync, rmSync} from 'node:fs'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {unzipSync, strFromU8} from 'fflate'
import {VFile} from 'vfile'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {build} from '../../scripts/build.ts'
import {parse} from '../../scripts/parse/processor.ts'
import {blockText} from '../../scripts/model/text.ts'
import type {Document} from '../../scripts/model/types.ts'

import {ROOT as root} from '../root.ts'
const slug = 'samr-2022-quality-action-plan-qa'
let outA: string
let outB: string
let doc: Document

/** The texts every edition must carry, in order: the title, then each block. */
function expectedTexts(): string[] {
  return [doc.meta.title, ...doc.children.map(blockText)]
}

/** Whitespace removed: editions break lines, the text does not change. */
const squash = (s: string) => s.replace(/\s+/g, '')

function containsInOrder(haystack: string, needles: readonly string[]): void {
  let from = 0
  for (const needle of needles) {
    const at = haystack.indexOf(squash(needle), from)
    expect(at, `not found in order: ${needle.slice(0, 40)}…`).toBeGreaterThanOrEqual(0)
    from = at + squash(needle).length
  }
}

function tool(name: string): void {
  try {
    execFileSync('sh', ['-c', `command -v ${name}`], {stdio: 'pipe'})
  } catch {
    throw new Error(`${name} is not installed: .ci/run installs it (apt-get install mupdf-tools)`)
  }
}

beforeAll(async () => {
  outA = mkdtempSync(path.join(tmpdir(), 'zhiban-a-'))
  outB = mkdtempSync(path.join(tmpdir(), 'zhiban-b-'))
  // Note: no build cache, so both builds really run and the byte comparison means something.
  const a = await build({root, files: [`source/${slug}.md`], out: outA, cache: false})
  expect(a.files.flatMap((f) => f.messages.map(String))).toEqual([])
  expect(a.ok).toBe(true)
  const b = await build({root, files: [`source/${slug}.md`], out: outB, cache: false})
  expect(b.ok).toBe(true)
  const file = new VFile({path: `source/${slug}.md`, value: readFileSync(path.join(root, 'source', `${slug}.md`), 'utf8')})
  doc = (await parse(file, slug))!
}, 240_000)

afterAll(() => {
  rmSync(outA, {recursive: true, force: true})
  rmSync(outB, {recursive: true, force: true})
})

describe('the build of the seed document', () => {
  it('should write every edition, the manifest and the listing', () => {
    expect(readdirSync(path.join(outA, slug)).sort()).toEqual(
      [`${slug}.booklet-imposed.pdf`, `${slug}.booklet.pdf`, `${slug}.docx`, `${slug}.ofd`, `${slug}.pdf`, 'embed.html', 'index.html', 'manifest.json'].sort(),
    )
    expect(readdirSync(outA)).toContain('index.html')
  })

  it('should list every file in the manifest with its sha256, bytes and pages', () => {
    const manifest = JSON.parse(readFileSync(path.join(outA, slug, 'manifest.json'), 'utf8')) as {files: {name: string; bytes: number; sha256: string; pages?: number}[]; source: {sha256: string}}
    expect(manifest.source.sha256).toBe(createHash('sha256').update(readFileSync(path.join(root, 'source', `${slug}.md`), 'utf8')).digest('hex'))
    // Every file of the folder but the manifest itself, no more, no fewer.
    expect(manifest.files.map((f) => f.name).sort()).toEqual(readdirSync(path.join(outA, slug)).filter((n) => n !== 'manifest.json').sort())
    for (const f of manifest.files) {
      const bytes = readFileSync(path.join(outA, slug, f.name))
      expect(f.bytes).toBe(bytes.byteLength)
      expect(f.sha256, f.name).toBe(createHash('sha256').update(bytes).digest('hex'))
      if (f.name.endsWith('.pdf')) expect(f.pages).toBeGreaterThan(0)
    }
  })

  it('should give identical bytes on a second build', () => {
    for (const name of readdirSync(path.join(outA, slug))) {
      expect(readFileSync(path.join(outB, slug, name)).equals(readFileSync(path.join(outA, slug, name))), name).toBe(true)
    }
    expect(readFileSync(path.join(outB, 'index.html')).equals(readFileSync(path.join(outA, 'index.html')))).toBe(true)
  })

  it('should carry the text into the official PDF exactly (mutool)', () => {
    tool('mutool')
    const text = execFileSync('mutool', ['draw', '-q', '-F', 'txt', '-o', '-', path.join(outA, slug, `${slug}.pdf`)], {encoding: 'utf8'})
    const body = text.split('\n').filter((line) => !/^—\s*\d+\s*—$/.test(line.trim())).join('\n')
    // Note: a Kangxi radical (U+2F00–U+2FDF) or CJK compatibility ideograph in place of a source character is a swap.
    expect(body).not.toMatch(/[\u2F00-\u2FDF\uF900-\uFAFF]/)
    containsInOrder(squash(body), expectedTexts())
  })

  it('should carry the text into the booklet exactly (mutool)', () => {
    tool('mutool')
    const text = execFileSync('mutool', ['draw', '-q', '-F', 'txt', '-o', '-', path.join(outA, slug, `${slug}.booklet.pdf`)], {encoding: 'utf8'})
    const body = text.split('\n').filter((line) => !/^—?\s*\d+\s*—?$/.test(line.trim())).join('\n')
    containsInOrder(squash(body), expectedTexts().slice(1))
  })

  it('should carry the text into the DOCX exactly', () => {
    const files = unzipSync(readFileSync(path.join(outA, slug, `${slug}.docx`)))
    const xml = strFromU8(files['word/document.xml']!)
    const paragraphs = [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].map((m) => [...m[0].matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((t) => t[1]).join(''))
    containsInOrder(squash(unescapeXml(paragraphs.join('\n'))), expectedTexts())
  })

  it('should carry the text into the HTML page and fragment exactly', () => {
    for (const name of ['index.html', 'embed.html']) {
      const html = readFileSync(path.join(outA, slug, name), 'utf8')
      const body = html.replace(/^[\s\S]*?<body[^>]*>/, '').replace(/<style[\s\S]*?<\/style>/g, '').replace(/<script[\s\S]*?<\/script>/g, '')
      containsInOrder(squash(unescapeXml(body.replace(/<[^>]+>/g, ''))), expectedTexts())
    }
  })
})

function unescapeXml(s: string): string {
  return s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#x27;|&#39;|&apos;/g, "'").replace(/&#x([0-9a-f]+);/gi, (_, h: string) => String.fromCodePoint(parseInt(h, 16))).replace(/&#(\d+);/g, (_, d: string) => String.fromCodePoint(Number(d))).replace(/&amp;/g, '&')
}
