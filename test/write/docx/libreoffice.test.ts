/**
 * The Word edition in LibreOffice 7.4 (the client CI can run): it converts, its text comes back without spaces
 * between Chinese characters, its headings are the PDF's outline, and the real document fills the expected pages.
 *
 * Note: this test never skips. Without `soffice` (apt-get install -y libreoffice-writer-nogui) and poppler-utils
 * and mupdf-tools it fails and says what to install; CI installs them.
 */
import {execFileSync} from 'node:child_process'
import {existsSync, mkdtempSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {describe, expect, it} from 'vitest'
import {toPlainText} from '../../../scripts/model/text.ts'
import type {Document} from '../../../scripts/model/types.ts'
import {buildDocx, compileDocx} from './build.ts'

const TOOLS = {soffice: 'libreoffice-writer-nogui', pdftotext: 'poppler-utils', pdfinfo: 'poppler-utils', mutool: 'mupdf-tools'}

function requireTools(): void {
  const missing = Object.entries(TOOLS).filter(([tool]) => {
    try {
      execFileSync('sh', ['-c', `command -v ${tool}`], {stdio: 'ignore'})
      return false
    } catch {
      return true
    }
  })
  if (missing.length > 0) throw new Error(`the LibreOffice test needs ${missing.map(([tool, pkg]) => `\`${tool}\` (apt-get install -y ${pkg})`).join(', ')}`)
}

import {ROOT as root} from '../../root.ts'

/**
 * A private fontconfig file that adds the open fonts zhiban ships from npm to the system's.
 * Note: a fresh machine has no Chinese font at all; without this LibreOffice draws the text in a fallback with
 * other metrics and the page count says nothing about the DOCX. The office names (仿宋_GB2312, 黑体 …) are
 * substituted by fontconfig's language match, as on a clerk's machine without the licensed fonts.
 */
function fontConfig(dir: string): string {
  const dirs = ['node_modules/@expo-google-fonts/noto-serif-sc', 'node_modules/@expo-google-fonts/noto-sans-sc', 'node_modules/.cache/zhiban/fonts']
  const file = path.join(dir, 'fonts.conf')
  writeFileSync(file, `<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>\n  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>\n${dirs.map((d) => `  <dir>${path.join(root, d)}</dir>\n`).join('')}  <cachedir>${path.join(dir, 'fc-cache')}</cachedir>\n</fontconfig>\n`)
  return file
}

/** Convert a DOCX with LibreOffice to a PDF with bookmarks; a private profile so parallel runs do not collide. */
function toPdf(bytes: Uint8Array, name: string): string {
  requireTools()
  const dir = mkdtempSync(path.join(tmpdir(), 'zhiban-docx-'))
  const docx = path.join(dir, name)
  writeFileSync(docx, bytes)
  const filter = 'pdf:writer_pdf_Export:{"ExportBookmarks":{"type":"boolean","value":"true"}}'
  execFileSync('soffice', [`-env:UserInstallation=file://${dir}/profile`, '--headless', '--convert-to', filter, '--outdir', dir, docx], {stdio: 'pipe', timeout: 120_000, env: {...process.env, FONTCONFIG_FILE: fontConfig(dir)}})
  const pdf = docx.replace(/\.docx$/, '.pdf')
  if (!existsSync(pdf)) throw new Error(`LibreOffice wrote no PDF for ${name}`)
  return pdf
}

const run = (command: string, args: string[]) => execFileSync(command, args, {encoding: 'utf8'})
const pages = (pdf: string) => Number(/^Pages:\s+(\d+)/m.exec(run('pdfinfo', [pdf]))?.[1])
/** Headings of a model as `mutool show outline` nests them (one tab a level). */
const outline = (doc: Document) =>
  doc.children.flatMap((block) => (block.type === 'heading' && block.level <= 2 ? [`${'\t'.repeat(block.level)}"${block.children.map((inline) => ('value' in inline ? inline.value : '')).join('')}"`] : []))
/** A footer line as pdftotext reads it (it drops the spaces around the number). */
const PAGE_NUMBER = /^—\s*\d+\s*—$/
const CJK = '[\\u3000-\\u303f\\u4e00-\\u9fff\\uff00-\\uffef《》“”]'

describe('the Word edition in LibreOffice', () => {
  it('should convert the fixture, keep its text and put its headings in the outline', async () => {
    const {bytes, doc} = await buildDocx('test/fixtures/docx-basic/input.md')
    const pdf = toPdf(bytes, 'basic.docx')
    const text = run('pdftotext', ['-enc', 'UTF-8', pdf, '-'])
    expect(text).not.toMatch(new RegExp(`${CJK}[ \\t]+${CJK}`, 'u'))
    const body = text.split('\n').filter((line) => !PAGE_NUMBER.test(line.trim())).join('').replace(/\s+/g, '')
    const related = '相关链接：关于印发《进一步提高产品、工程和服务质量行动方案（2022—2025年）》的通知'
    expect(body).toBe(`${toPlainText(doc)}${related}`.replace(/\s+/g, ''))
    const found = run('mutool', ['show', pdf, 'outline']).split('\n').map((line) => line.replace(/^[|+-]/, '').replace(/\t#page=.*$/, '')).filter((line) => line.trim() !== '')
    expect(found).toEqual(outline(doc))
  })

  it('should set the real document within one page of the official PDF, on 28 × 22', async () => {
    const source = 'source/samr-2022-quality-action-plan-qa.md'
    const {bytes} = await buildDocx(source)
    const official = (await compileDocx(source, undefined, ['pdf'])).result?.outputs[0]?.pages
    expect(official).toBeGreaterThan(0)
    const pdf = toPdf(bytes, 'material.docx')
    expect(Math.abs(pages(pdf) - official!)).toBeLessThanOrEqual(1)
    // A full line of Chinese holds 28 characters: every line of Han characters only is 28 long, and 28 is the
    // commonest length of the lines without Latin text (punctuation compression lets a few hold 29 or 30).
    const lines = run('pdftotext', ['-enc', 'UTF-8', '-layout', pdf, '-']).split('\n').map((line) => line.trim())
    // The title breaks where the official layout breaks it, never inside the number range (scripts/typeset/RULES.md §3, §6).
    expect(lines.slice(0, 6).filter(Boolean).slice(0, 3).map((line) => line.replace(/\s+/g, ''))).toEqual(['市场监管总局有关司局负责同志就', '《进一步提高产品、工程和服务质量行动方案', '（2022—2025年）》答记者问'])
    const han = lines.filter((line) => /^[\u4e00-\u9fff]{20,}$/u.test(line))
    expect(han.length).toBeGreaterThan(0)
    expect(new Set(han.map((line) => [...line].length))).toEqual(new Set([28]))
    const lengths = new Map<number, number>()
    for (const line of lines.filter((line) => new RegExp(`^${CJK}{20,}$`, 'u').test(line))) lengths.set([...line].length, (lengths.get([...line].length) ?? 0) + 1)
    const commonest = [...lengths].sort((a, b) => b[1] - a[1])[0]![0]
    expect(commonest).toBe(28)
    expect(Math.max(...lengths.keys())).toBeLessThanOrEqual(30)
    // 22 lines of type a page: none holds more, and the body pages (not the title page, not the last) hold 22, or
    // 21 when a heading was kept with its paragraph on the next page.
    const perPage = run('pdftotext', ['-enc', 'UTF-8', '-layout', pdf, '-'])
      .split('\f')
      .slice(0, pages(pdf))
      .map((page) => page.split('\n').filter((line) => line.trim() !== '' && !PAGE_NUMBER.test(line.trim())).length)
    expect(Math.max(...perPage)).toBe(22)
    for (const count of perPage.slice(1, -1)) expect(count).toBeGreaterThanOrEqual(21)
  })
})
