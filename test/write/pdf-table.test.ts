/**
 * Tables in the official PDF: the text comes out row by row, cell by cell; the structure tree has Table, TR, TH and
 * TD (an empty cell too, a repeated header as an artifact); a landscape table's text runs up the page while the page
 * number stays upright.
 */
import {execFileSync} from 'node:child_process'
import {mkdirSync, writeFileSync} from 'node:fs'
import path from 'node:path'
import {describe, expect, it} from 'vitest'
import {writePdfEdition} from '../../scripts/write/pdf.ts'
import {contextFor, ROOT} from '../typeset/context.ts'

const ARTIFACTS = path.join(ROOT, 'test', 'artifacts', 'write-pdf')

async function pdfOf(name: string): Promise<{file: string; text: string}> {
  const [output] = await writePdfEdition(await contextFor({file: `test/fixtures/${name}/input.md`}))
  mkdirSync(ARTIFACTS, {recursive: true})
  const file = path.join(ARTIFACTS, `${name}.pdf`)
  writeFileSync(file, output!.bytes)
  return {file, text: Buffer.from(output!.bytes).toString('latin1')}
}

const count = (text: string, tag: string): number => text.match(new RegExp(`/S /${tag}\\b`, 'g'))?.length ?? 0

describe('tables in the PDF', () => {
  it('should give back the text row by row, cell by cell', async () => {
    const {file} = await pdfOf('table-basic')
    const raw = execFileSync('pdftotext', ['-raw', '-f', '1', '-l', '1', file, '-'], {encoding: 'utf8'})
    const rows = ['东城区 312 1,045 31 97.0%', '西城区 287 968 42 95.7%', '南湖新区 405 1,320 45 96.6%', '北山区 282 907 38 95.8%', '合计 1,286 4,240 156 96.3%']
    const lines = raw.split('\n')
    const at = rows.map((row) => lines.indexOf(row))
    expect(at.every((i) => i > 0)).toBe(true)
    expect(at).toEqual([...at].sort((a, b) => a - b))
  })

  it('should tag the tables Table, Caption, TR, TH and TD, an empty cell included, a repeated header not', async () => {
    const basic = (await pdfOf('table-basic')).text
    expect(count(basic, 'Table')).toBe(3)
    expect(count(basic, 'Caption')).toBe(2)
    // Rows: 1 + 5, 1 + 3, 1 + 1; header cells 5 + 5 + 2; body cells 25 + 15 + 2 (the empty one too).
    expect(count(basic, 'TR')).toBe(12)
    expect(count(basic, 'TH')).toBe(12)
    expect(count(basic, 'TD')).toBe(42)
    const long = await pdfOf('table-long')
    expect(count(long.text, 'TR')).toBe(61)
    expect(count(long.text, 'TH')).toBe(4)
    // The header row repeated on later pages is drawn as a pagination artifact, so it is read once.
    const pages = execFileSync('mutool', ['info', long.file], {encoding: 'utf8'}).match(/Pages: (\d+)/)![1]
    expect(Number(pages)).toBeGreaterThanOrEqual(3)
  })

  it('should draw a landscape table turned, its text running up the page, the page number upright', async () => {
    const {file} = await pdfOf('table-wide')
    const xml = execFileSync('mutool', ['draw', '-F', 'stext', '-o', '-', file, '2'], {encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore']})
    const decode = (c: string): string => c.replace(/&#x([0-9a-f]+);/gi, (_, hex: string) => String.fromCodePoint(parseInt(hex, 16))).replace(/&quot;/g, '"').replace(/&amp;/g, '&')
    const lines = [...xml.matchAll(/<line [^>]*dir="([^"]+)"[^>]*>([\s\S]*?)<\/line>/g)].map(([, dir, body]) => ({dir, text: [...body!.matchAll(/c="([^"]*)"/g)].map((m) => decode(m[1]!)).join('')}))
    const upright = lines.filter((l) => l.dir === '1 0')
    expect(upright.map((l) => l.text.replace(/\s/g, ''))).toEqual(['—2—'])
    expect(lines.filter((l) => l.dir === '0 -1').map((l) => l.text)).toContain('单位')
    // The turned page is still a portrait page.
    const info = execFileSync('mutool', ['pages', file, '2'], {encoding: 'utf8'})
    expect(info).toContain('<MediaBox l="0" b="0" r="595.2756" t="841.8898" />')
  })

  it('should put the link of a cell in a turned table over its turned text', async () => {
    const cells = Array.from({length: 9}, (_, i) => `${(i + 1) * 1111}`)
    const source = `---\ntitle: 关于测试表格的通知\nissuer: 某机关\ndate: 2025-12-20\nkind: other\n---\n\n| 单位 | ${cells.map((_, i) => `${i + 1}月`).join(' | ')} |\n| --- |${' --: |'.repeat(9)}\n| [某局](https://example.gov.cn/a) | ${cells.join(' | ')} |\n`
    const context = await contextFor(source)
    const [output] = await writePdfEdition(context)
    const text = Buffer.from(output!.bytes).toString('latin1')
    const rect = /\/Subtype \/Link[\s\S]*?\/Rect \[([^\]]+)\]/.exec(text) ?? /\/Rect \[([^\]]+)\][\s\S]*?\/Subtype \/Link/.exec(text)
    expect(rect).not.toBeNull()
    const [x1, y1, x2, y2] = rect![1]!.trim().split(/\s+/).map(Number) as [number, number, number, number]
    // Turned: the box is taller than wide (the text runs up the page), inside the type area (PDF y from the foot).
    expect(Math.abs(y2 - y1)).toBeGreaterThan(Math.abs(x2 - x1))
    const g = context.profile.geometry
    for (const x of [x1, x2]) expect(x).toBeGreaterThanOrEqual(g.innerPt - 1)
    for (const x of [x1, x2]) expect(x).toBeLessThanOrEqual(g.innerPt + g.measurePt + 1)
    for (const y of [y1, y2]) expect(y).toBeGreaterThanOrEqual(g.pageHeightPt - g.topPt - g.areaHeightPt - 1)
    for (const y of [y1, y2]) expect(y).toBeLessThanOrEqual(g.pageHeightPt - g.topPt + 1)
  })
})

