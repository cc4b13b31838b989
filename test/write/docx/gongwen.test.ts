/**
 * A 公文 in the Word edition: each element in its own named style (the mark red, the separator the number's red
 * bottom border), the parts in reading order, attachments after page breaks, the 版记 a floating table; and in
 * LibreOffice 7.4 the mark near 35 mm under the type area and the 版记 at the foot of the last page.
 */
import {execFileSync} from 'node:child_process'
import {existsSync, mkdtempSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {strFromU8} from 'fflate'
import {describe, expect, it} from 'vitest'
import {buildDocx, ROOT, unpack} from './build.ts'

const PT_PER_MM = 72 / 25.4
const AREA = {top: 37 * PT_PER_MM, bottom: (37 + 225) * PT_PER_MM}

/** Convert with LibreOffice, the npm fonts added to fontconfig (as libreoffice.test.ts does). */
function toPdf(bytes: Uint8Array, name: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'zhiban-gongwen-docx-'))
  const docx = path.join(dir, name)
  writeFileSync(docx, bytes)
  const dirs = ['node_modules/@expo-google-fonts/noto-serif-sc', 'node_modules/@expo-google-fonts/noto-sans-sc', 'node_modules/.cache/zhiban/fonts']
  const conf = path.join(dir, 'fonts.conf')
  writeFileSync(conf, `<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>\n  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>\n${dirs.map((d) => `  <dir>${path.join(ROOT, d)}</dir>\n`).join('')}  <cachedir>${path.join(dir, 'fc-cache')}</cachedir>\n</fontconfig>\n`)
  execFileSync('soffice', [`-env:UserInstallation=file://${dir}/profile`, '--headless', '--convert-to', 'pdf', '--outdir', dir, docx], {stdio: 'pipe', timeout: 120_000, env: {...process.env, FONTCONFIG_FILE: conf}})
  const pdf = docx.replace(/\.docx$/, '.pdf')
  if (!existsSync(pdf)) throw new Error(`LibreOffice wrote no PDF for ${name} (apt-get install -y libreoffice-writer-nogui)`)
  return pdf
}

/** Words of a page with their boxes, from `pdftotext -bbox`. */
function words(pdf: string, page: number): {text: string; yMin: number; yMax: number}[] {
  const html = execFileSync('pdftotext', ['-bbox', '-f', String(page), '-l', String(page), pdf, '-'], {encoding: 'utf8'})
  return [...html.matchAll(/<word xMin="[\d.]+" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">([^<]*)<\/word>/g)].map((m) => ({text: m[3]!, yMin: Number(m[1]), yMax: Number(m[2])}))
}

describe('a 公文 in the Word edition', async () => {
  const {bytes} = await buildDocx('source/gongwen-joint-notice.md')
  const parts = unpack(bytes)
  const styles = strFromU8(parts.get('word/styles.xml')!)
  const document = strFromU8(parts.get('word/document.xml')!)
  const styleOf = (id: string): string => styles.slice(styles.indexOf(`w:styleId="${id}"`), styles.indexOf('</w:style>', styles.indexOf(`w:styleId="${id}"`)))

  it('has a named style for every element, the mark red and the separator the number\'s red bottom border', () => {
    for (const name of ['发文机关标志', '发文字号', '主送机关', '附件说明', '署名', '成文日期', '附注', '附件标识', '抄送', '印发']) expect(styles).toContain(`<w:name w:val="${name}"/>`)
    expect(styleOf('GwMark')).toContain('<w:color w:val="E60012"/>')
    expect(styleOf('GwMark')).toContain('<w:snapToGrid w:val="0"/>')
    expect(styleOf('GwNumber')).toMatch(/<w:bottom w:val="single" w:color="E60012" w:sz="8" w:space="11"\/>/)
  })

  it('writes the parts in reading order, each in its style, the attachments after page breaks and the 版记 a floating table', () => {
    const order = ['GwMark', 'GwNumber', 'Title', 'GwRecipients', 'GwAttachmentNote', 'GwIssuer', 'GwDate', 'GwNote', 'GwAttachmentLabel', 'GwCc', 'GwPrinted']
    const at = order.map((id) => document.indexOf(`<w:pStyle w:val="${id}"/>`))
    expect(at.every((i) => i >= 0)).toBe(true)
    expect([...at].sort((a, b) => a - b)).toEqual(at)
    expect(document.match(/<w:pStyle w:val="GwAttachmentLabel"\/><w:pageBreakBefore\/>/g)).toHaveLength(2)
    expect(document).toMatch(/<w:tblpPr w:tblpX="\d+" w:tblpY="\d+" w:horzAnchor="margin" w:vertAnchor="margin"\/>/)
    expect(document).not.toContain('<w:drawing')
    expect(document).toContain('抄送：国家市场监督管理总局计量司，省人民政府办公厅。')
    expect(document).toContain('（此件公开发布）')
  })

  it('shows the mark near 35 mm under the type area and the 版记 at the foot of the last page in LibreOffice', () => {
    const pdf = toPdf(bytes, 'joint-notice.docx')
    const count = Number(/^Pages:\s+(\d+)/m.exec(execFileSync('pdfinfo', [pdf], {encoding: 'utf8'}))?.[1])
    const first = words(pdf, 1)
    const mark = first.find((w) => w.text.includes('某省市场监督管理局'))!
    // The em box's top 35 mm under the type area; the glyphs' box starts a little lower (±2 mm).
    expect(Math.abs(mark.yMin - (AREA.top + 35 * PT_PER_MM))).toBeLessThan(2 * PT_PER_MM)
    const last = words(pdf, count)
    const printed = last.find((w) => w.text.includes('印发'))!
    expect(last.some((w) => w.text.startsWith('抄送'))).toBe(true)
    expect(Math.abs(printed.yMax - AREA.bottom), JSON.stringify(last.slice(-6))).toBeLessThan(4 * PT_PER_MM)
  })
})
