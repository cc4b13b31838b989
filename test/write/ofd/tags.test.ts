/**
 * The OFD's structure tags against the tagged PDF's: tables as Table → (Caption, TR → TH/TD) by row and cell, a
 * header row repeated on a later page left out (the PDF's artifact), and the reading order the tags give equal to
 * the one pdf.js reads from the official PDF's structure tree.
 */
import {describe, expect, it} from 'vitest'
import {renderOfd} from '../../../scripts/write/ofd/index.ts'
import {renderPdf} from '../../../scripts/write/pdf.ts'
import {squeeze, textOf} from '../../robustness/editions.ts'
import {contextFor} from '../../typeset/context.ts'
import {taggedText} from '../pdf-reading-order.ts'
import {readOfd} from './read.ts'

const SOURCES = ['test/fixtures/table-basic/input.md', 'test/fixtures/table-long/input.md', 'test/fixtures/table-wide/input.md', 'source/samr-2022-quality-action-plan-qa.md', 'source/gongwen-joint-notice.md', 'source/gongwen-letter.md', 'source/gongwen-minutes.md', 'source/gongwen-request.md']

describe.each(SOURCES.map((s) => [s]))('the structure tags of %s', (source) => {
  it('should read in the tagged PDF’s order, tables by row and cell, a repeated header once', async () => {
    const context = await contextFor({file: source}, ['pdf', 'ofd'])
    const model = context.layout.official!
    const bytes = renderOfd(model, context)
    const ofd = readOfd(bytes)
    const pdf = await taggedText(await renderPdf(model, context))
    expect(pdf.length).toBeGreaterThan(0)
    expect(squeeze(textOf({edition: 'ofd', name: 'x.ofd', bytes, pages: ofd.pages.length}))).toBe(squeeze(pdf.join('')))

    // Every text object tagged once, but a repeated header row's, which are tagged nowhere.
    const lines = model.pages.flatMap((page) => page.items.flatMap((item) => (item.kind === 'line' ? item.runs.map(() => item) : [])))
    const ids = ofd.pages.flatMap((p) => p.texts.map((t) => t.id))
    const refs = ofd.structure.flatMap((b) => b.refs.map((r) => r.id))
    expect(new Set(refs).size).toBe(refs.length)
    expect(refs.sort((a, b) => a - b)).toEqual(ids.filter((_, i) => !lines[i]!.cell?.repeat).sort((a, b) => a - b))
    // Each cell in its row, each row in its table; a row's cells in column order, as many as the table's columns.
    const objects = new Map(ids.map((id, i) => [id, lines[i]!]))
    const cells = ofd.structure.filter((b) => b.tag === 'TH' || b.tag === 'TD')
    for (const cell of cells) {
      expect(cell.parents).toEqual(['Table', 'TR'])
      const places = new Set(cell.refs.map((r) => `${objects.get(r.id)!.cell!.row}:${objects.get(r.id)!.cell!.col}`))
      expect(places.size, `cell ${[...places]}`).toBeLessThanOrEqual(1)
      for (const r of cell.refs) expect(cell.tag).toBe(objects.get(r.id)!.cell!.row < 0 ? 'TH' : 'TD')
    }
    const tableLines = lines.filter((l) => l.cell && !l.cell.repeat)
    const cellsByTable = new Set(tableLines.map((l) => `${l.block}:${l.cell!.row}:${l.cell!.col}`))
    expect(cells.filter((c) => c.refs.length > 0).length).toBe(cellsByTable.size)
    const rows = new Set(tableLines.map((l) => `${l.block}:${l.cell!.row}`))
    expect(cells.length).toBe([...rows].reduce((sum, key) => sum + tableLines.find((l) => `${l.block}:${l.cell!.row}` === key)!.cell!.columns, 0))
  }, 120_000)
})
