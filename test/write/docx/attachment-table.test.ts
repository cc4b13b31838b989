/**
 * A table inside an attachment in the Word edition: a real `w:tbl` after the attachment's page break, 附件N and its
 * title, with its caption; a wide one in a landscape section that holds 附件N and the title too; the 版记 after it
 * in an upright section of its own.
 */
import {strFromU8} from 'fflate'
import {describe, expect, it} from 'vitest'
import {buildDocx, unpack} from './build.ts'

describe('a table inside an attachment in the Word edition', async () => {
  const {bytes} = await buildDocx('test/fixtures/gongwen-attachment-table/input.md')
  const xml = strFromU8(unpack(bytes).get('word/document.xml')!)
  const at = (s: string, from = 0): number => xml.indexOf(s, from)

  it('writes the table as a w:tbl inside the attachment, after its page break, 附件1, the title and the caption', () => {
    const label = at('>附件1</w:t>')
    expect(label).toBeGreaterThan(0)
    const paragraph = xml.lastIndexOf('<w:p>', label)
    expect(xml.slice(paragraph, label)).toContain('<w:pageBreakBefore/>')
    const title = at('>重点任务分工表</w:t>', label)
    const caption = at('>表2 重点任务分工</w:t>', title)
    const table = at('<w:tbl>', caption)
    expect(title).toBeGreaterThan(label)
    expect(caption).toBeGreaterThan(title)
    expect(table).toBeGreaterThan(caption)
    const end = at('</w:tbl>', table)
    expect(xml.slice(table, end)).toContain('>开展计量器具专项检查</w:t>')
    expect(xml.slice(table, end)).toContain('<w:tblHeader/>')
    // Before 附件2: the attachment's table is the only one between the two labels.
    expect(xml.slice(label, at('>附件2</w:t>')).split('<w:tbl>')).toHaveLength(2)
  })

  it('puts a wide table that opens an attachment, with 附件2 and its title, in a landscape section, and the 版记 after it upright', () => {
    const label = at('>附件2</w:t>')
    const landscape = at('w:orient="landscape"')
    // The section's properties close it: 附件2, the title, the caption and the table come before them, after the
    // portrait section that closes 附件1.
    const portraitBefore = xml.lastIndexOf('w:orient="portrait"', label)
    expect(portraitBefore).toBeGreaterThan(at('>附件1</w:t>'))
    expect(label).toBeLessThan(landscape)
    expect(at('>表3 各局月度统计</w:t>', label)).toBeLessThan(landscape)
    expect(at('>9,012</w:t>', label)).toBeLessThan(landscape)
    // The section's own break starts its page: no page break before 附件2's label.
    expect(xml.slice(xml.lastIndexOf('<w:p>', label), label)).not.toContain('<w:pageBreakBefore/>')
    // The 版记 (a floating table) in the last, upright section.
    const imprint = at('抄送：另一机关。')
    expect(imprint).toBeGreaterThan(landscape)
    expect([...xml.matchAll(/w:orient="(\w+)"/g)].map((m) => m[1])).toEqual(['portrait', 'landscape', 'portrait'])
  })
})
