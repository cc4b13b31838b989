/**
 * The DOCX's title lines (typeset.ts `titleLines`) are set from the title block alone: they must be the lines the
 * official layout of the whole document places, on every sample in source/ and on generated titles.
 */
import {readdirSync, readFileSync} from 'node:fs'
import path from 'node:path'
import {fc, test} from '@fast-check/vitest'
import {describe, expect, it} from 'vitest'
import type {LayoutInput} from '../../scripts/editions.ts'
import {modelTitleLines, setTitleLines, titleLines, typeset} from '../../scripts/typeset/typeset.ts'
import {layoutInputFor, ROOT} from './context.ts'

const SOURCES = readdirSync(path.join(ROOT, 'source')).filter((name) => name.endsWith('.md')).map((name) => `source/${name}`)

/**
 * The document title's lines on its official pages: the first title lines in reading order (a 公文's pages, laid out
 * by gongwen.ts, also set each attachment's title in the title role, after other lines).
 */
function officialTitleLines(input: LayoutInput): string[] {
  const lines = typeset(input).pages.flatMap((page) => page.items.flatMap((item) => (item.kind === 'line' ? [item] : [])))
  const first = lines.findIndex((line) => line.role === 'title')
  const end = lines.findIndex((line, index) => index > first && line.role !== 'title')
  return lines.slice(first, end === -1 ? undefined : end).map((line) => line.runs.map((run) => run.text).join(''))
}

describe('title lines set from the title alone', () => {
  it.each(SOURCES)('should be the official layout\'s title lines for %s', async (file) => {
    const input = await layoutInputFor(readFileSync(path.join(ROOT, file), 'utf8'))
    const lines = setTitleLines(input)
    expect(lines.length).toBeGreaterThan(0)
    expect(lines).toEqual(officialTitleLines(input))
    expect(titleLines(input)).toEqual(lines)
  })

  it('should keep the lines the front matter fixes', async () => {
    const input = await layoutInputFor(readFileSync(path.join(ROOT, 'test/fixtures/docx-title-lines/input.md'), 'utf8'))
    expect(setTitleLines(input)).toEqual(['市场监管总局有关司局负责人就', '《方案》答记者问'])
    expect(setTitleLines(input)).toEqual(modelTitleLines(typeset(input)))
  })

  const piece = fc.oneof(
    {weight: 8, arbitrary: fc.constantFrom(...'质量强国建设深入实施提升行动产品工程服务通知意见办法市场监管总局')},
    {weight: 3, arbitrary: fc.constantFrom('关于', '就', '的', '和', '与', '及', '《', '》', '（', '）', '、', '2022—2025年', 'GB/T 9704', '“', '”')},
  )
  /** Generated titles by how many lines they took (index 2: three or more). */
  const counts = [0, 0, 0]
  const title = fc.integer({min: 4, max: 60}).chain((n) => fc.array(piece, {minLength: n, maxLength: n})).map((parts) => parts.join(''))
  test.prop([title], {numRuns: 60})('should be the official layout\'s title lines for a generated title', async (t) => {
    const input = await layoutInputFor(`---\ntitle: "${t}"\nissuer: 市场监管总局\ndate: 2022-12-01\nkind: press-qa\n---\n\n近日，市场监管总局印发《方案》。这是正文的第一段。\n`)
    const lines = setTitleLines(input)
    counts[Math.min(lines.length, 3) - 1]!++
    expect(lines).toEqual(modelTitleLines(typeset(input)))
  })

  it('should have met titles of one, two and three or more lines', () => {
    expect(counts.every((count) => count > 0)).toBe(true)
  })
})
