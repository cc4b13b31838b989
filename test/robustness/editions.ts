/**
 * The text of each edition, for checks that the wording survives: PDF through pdftotext (`-raw`), DOCX
 * from its `w:t` runs, HTML with tags stripped and references decoded.
 */
import {execFileSync} from 'node:child_process'
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {strFromU8, unzipSync} from 'fflate'
import {readOfd} from '../write/ofd/read.ts'
import type {Output} from '../../scripts/editions.ts'

/** Decode the five XML entities and numeric references. */
export function decodeXml(text: string): string {
  return text.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|amp|lt|gt|quot|apos);/g, (_m, ref: string) => {
    if (ref.startsWith('#x')) return String.fromCodePoint(Number.parseInt(ref.slice(2), 16))
    if (ref.startsWith('#')) return String.fromCodePoint(Number(ref.slice(1)))
    return {amp: '&', lt: '<', gt: '>', quot: '"', apos: "'"}[ref]!
  })
}

/** Files of a DOCX (zip), by name. */
export function unzipDocx(bytes: Uint8Array): Map<string, string> {
  return new Map(Object.entries(unzipSync(bytes)).map(([name, data]) => [name, strFromU8(data)]))
}

/**
 * The visible text of an output file.
 * @param output an edition's file (`.pdf`, `.docx`, `.ofd` or `.html`)
 */
export function textOf(output: Output): string {
  if (output.name.endsWith('.pdf')) {
    const dir = mkdtempSync(path.join(tmpdir(), 'zhiban-text-'))
    try {
      const file = path.join(dir, 'x.pdf')
      writeFileSync(file, output.bytes)
      // Note: without -raw, pdftotext joins a line that ends with a hyphen-minus to the next and drops the hyphen
      // (its dehyphenation of words split across lines): `四是- 加强` broken after `- ` read as `四是加强`.
      return execFileSync('pdftotext', ['-raw', '-enc', 'UTF-8', file, '-'], {encoding: 'utf8'})
    } finally {
      rmSync(dir, {recursive: true, force: true})
    }
  }
  if (output.name.endsWith('.ofd')) {
    // The text in the reading order the structure tags give (what a reader that uses them searches and copies),
    // a line end between blocks; page numbers are tagged apart (`PageNumber`) and left out, as the PDF's are.
    const ofd = readOfd(output.bytes)
    const texts = new Map(ofd.pages.flatMap((p) => p.texts.map((t) => [t.id, t.text])))
    return ofd.structure
      .filter((block) => block.tag !== 'PageNumber')
      .map((block) => block.refs.map((r) => texts.get(r.id) ?? '').join(''))
      .join('\n')
  }
  if (output.name.endsWith('.docx')) {
    const xml = unzipDocx(output.bytes).get('word/document.xml') ?? ''
    return [...xml.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>|<w:p[\s>]/g)].map((m) => (m[1] === undefined ? '\n' : decodeXml(m[1]))).join('')
  }
  const html = Buffer.from(output.bytes).toString('utf8')
  const body = html.replace(/<(script|style)[\s\S]*?<\/\1>/gi, '').replace(/<[^>]+>/g, '')
  return decodeXml(body)
}

/** Text without any whitespace (line ends, justification and CJK–Latin spacing differ by edition). */
export function squeeze(text: string): string {
  return text.replace(/\s+/g, '')
}
