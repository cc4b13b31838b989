/**
 * The DOCX's title lines and table columns come from the official layout when it was made with the same profile
 * (layout.ts): the title is not laid out again nor every table cell shaped again; without it they are computed.
 */
import {describe, expect, it, vi} from 'vitest'
import * as tableBlocks from '../../scripts/typeset/table-blocks.ts'
import * as typesetModule from '../../scripts/typeset/typeset.ts'
import {contextFor} from './context.ts'

vi.mock('../../scripts/typeset/table-blocks.ts', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../scripts/typeset/table-blocks.ts')>()
  return {...original, documentTableColumns: vi.fn(original.documentTableColumns)}
})
vi.mock('../../scripts/typeset/typeset.ts', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../scripts/typeset/typeset.ts')>()
  return {...original, titleLines: vi.fn(original.titleLines)}
})

const FILES = ['test/fixtures/table-basic/input.md', 'test/fixtures/table-wide/input.md', 'test/fixtures/docx-title-lines/input.md', 'source/samr-2022-quality-action-plan-qa.md']

describe('DOCX layout from the official layout', () => {
  it.each(FILES)('should take the title lines and table columns of %s from the official pages, equal to computing them', async (file) => {
    const columns = vi.mocked(tableBlocks.documentTableColumns)
    const title = vi.mocked(typesetModule.titleLines)
    columns.mockClear()
    title.mockClear()
    const both = await contextFor({file}, ['pdf', 'docx'])
    expect(columns).not.toHaveBeenCalled()
    expect(title).not.toHaveBeenCalled()
    const alone = await contextFor({file}, ['docx'])
    expect(columns).toHaveBeenCalledTimes(1)
    expect(title).toHaveBeenCalledTimes(1)
    expect(both.layout.titleLines).toEqual(alone.layout.titleLines)
    expect(both.layout.tableColumns).toEqual(alone.layout.tableColumns)
    expect(both.layout.titleLines!.length).toBeGreaterThan(0)
  })
})
