import {describe, expect, it} from 'vitest'
import {dump} from '../../scripts/typeset/dump.ts'
import {typeset} from '../../scripts/typeset/typeset.ts'
import type {Line} from '../../scripts/typeset/page-model.ts'
import {contextFor} from './context.ts'

const text = (line: Line): string => line.runs.map((run) => run.text).join('')

describe('tables', () => {
  it('should match the page-model dump of the table fixture', async () => {
    const context = await contextFor({file: 'test/fixtures/table-basic/input.md'})
    const model = typeset(context)
    expect(context.file.messages.map(String)).toEqual([])
    await expect(dump(model)).toMatchFileSnapshot('../fixtures/table-basic/pdf.txt')
  })

  it('should match the page-model dumps of a 60-row table and of a table wider than portrait', async () => {
    for (const name of ['table-long', 'table-wide']) {
      const context = await contextFor({file: `test/fixtures/${name}/input.md`})
      const model = typeset(context)
      expect(context.file.messages.map(String)).toEqual([])
      await expect(dump(model)).toMatchFileSnapshot(`../fixtures/${name}/pdf.txt`)
    }
  })
})
