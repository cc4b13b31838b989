/**
 * Tables in the Word edition: real `w:tbl` with a repeating header row, the layout's column widths, borders from
 * the profile, cells in `TableText` (the body style without its first-line indent), numbers right-aligned, a
 * landscape section for a wide table; and LibreOffice repeating the header on every page of a long table.
 */
import {execFileSync} from 'node:child_process'
import {existsSync, mkdtempSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {strFromU8} from 'fflate'
import {describe, expect, it} from 'vitest'
import {buildDocx, prettyPart, ROOT, unpack} from './build.ts'

const part = (bytes: Uint8Array, name: string): string => strFromU8(unpack(bytes).get(name)!)

/** Convert with LibreOffice, the open fonts zhiban ships added to fontconfig (as libreoffice.test.ts does). */
function toPdf(bytes: Uint8Array, name: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'zhiban-docx-table-'))
  const dirs = ['node_modules/@expo-google-fonts/noto-serif-sc', 'node_modules/@expo-google-fonts/noto-sans-sc', 'node_modules/.cache/zhiban/fonts']
  const conf = path.join(dir, 'fonts.conf')
  writeFileSync(conf, `<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>\n  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>\n${dirs.map((d) => `  <dir>${path.join(ROOT, d)}</dir>\n`).join('')}  <cachedir>${path.join(dir, 'fc-cache')}</cachedir>\n</fontconfig>\n`)
  const docx = path.join(dir, name)
  writeFileSync(docx, bytes)
  execFileSync('soffice', [`-env:UserInstallation=file://${dir}/profile`, '--headless', '--convert-to', 'pdf', '--outdir', dir, docx], {stdio: 'pipe', timeout: 120_000, env: {...process.env, FONTCONFIG_FILE: conf}})
  const pdf = docx.replace(/\.docx$/, '.pdf')
  if (!existsSync(pdf)) throw new Error(`LibreOffice wrote no PDF for ${name} (apt-get install -y libreoffice-writer-nogui)`)
  return pdf
}

describe('tables in the Word edition', () => {
  it('should match the pretty document.xml of the table fixture', async () => {
    const {bytes} = await buildDocx('test/fixtures/table-basic/input.md')
    await expect(prettyPart(bytes, 'word/document.xml')).toMatchFileSnapshot('../../fixtures/table-basic/document.xml')
  })

  it('should write real tables: header row repeated, rows unsplit, fixed column widths, frame borders, numbers right', async () => {
    const {bytes} = await buildDocx('test/fixtures/table-basic/input.md')
    const xml = part(bytes, 'word/document.xml')
    const tables = xml.split('<w:tbl>').slice(1).map((t) => t.slice(0, t.indexOf('</w:tbl>')))
    expect(tables).toHaveLength(3)
    for (const table of tables) {
      const rows = table.split('<w:tr>').slice(1)
      expect(rows[0]).toContain('<w:tblHeader/>')
      for (const row of rows.slice(1)) expect(row).not.toContain('<w:tblHeader/>')
      for (const row of rows) expect(row).toContain('<w:cantSplit/>')
      expect(table).toContain('<w:tblLayout w:type="fixed"/>')
      // 0.5 pt rules: w:sz is in eighths of a point.
      expect(table).toContain('<w:insideV w:val="single" w:color="000000" w:sz="4"/>')
      const grid = [...table.matchAll(/<w:gridCol w:w="(\d+)"\/>/g)].map((m) => Number(m[1]))
      // The type area is 156 mm = 8844 twips wide; the table fills it.
      expect(Math.abs(grid.reduce((a, b) => a + b, 0) - 8844)).toBeLessThanOrEqual(grid.length)
    }
    expect(tables[0]).toMatch(/<w:pStyle w:val="TableText"\/><w:jc w:val="right"\/><\/w:pPr><w:r><w:t xml:space="preserve">1,286<\/w:t>/)
    expect(xml).toContain('<w:pStyle w:val="TableCaption"/></w:pPr><w:r><w:t xml:space="preserve">表1 2025年度各区产品质量监督抽查情况统计</w:t>')
    const styles = part(bytes, 'word/styles.xml')
    const text = styles.slice(styles.indexOf('w:styleId="TableText"'), styles.indexOf('</w:style>', styles.indexOf('w:styleId="TableText"')))
    expect(text).toContain('<w:basedOn w:val="Normal"/>')
    expect(text).toMatch(/<w:ind w:firstLine="0" w:firstLineChars="0"\/>|<w:ind w:firstLineChars="0" w:firstLine="0"\/>/)
  })

  it('should put a table too wide for portrait into a landscape section of its own', async () => {
    const {bytes} = await buildDocx('test/fixtures/table-wide/input.md')
    const xml = part(bytes, 'word/document.xml')
    const sections = [...xml.matchAll(/<w:pgSz [^>]*\/>/g)].map((m) => m[0])
    expect(sections).toEqual(['<w:pgSz w:w="11906" w:h="16838" w:orient="portrait"/>', '<w:pgSz w:w="16838" w:h="11906" w:orient="landscape"/>', '<w:pgSz w:w="11906" w:h="16838" w:orient="portrait"/>'])
    // The landscape section holds the table and comes right after it; numbering goes on.
    expect(xml.indexOf('</w:tbl>')).toBeLessThan(xml.indexOf('w:orient="landscape"'))
    expect(xml.match(/<w:pgNumType w:start=/g)).toHaveLength(1)
  })

  it('should repeat the header row on every page of a long table in LibreOffice', async () => {
    const {bytes} = await buildDocx('test/fixtures/table-long/input.md')
    const pdf = toPdf(bytes, 'long.docx')
    const pages = execFileSync('pdftotext', ['-enc', 'UTF-8', '-raw', pdf, '-'], {encoding: 'utf8'}).split('\f').filter((page) => page.includes('有限公司'))
    expect(pages.length).toBeGreaterThanOrEqual(3)
    for (const page of pages) expect(page.replace(/\s+/g, '')).toContain('序号企业名称产品抽查结果')
  })
})
