/**
 * The DOCX's styles pane: the styles the package uses and headings 1–9 with their outline levels, nothing else.
 */
import {strFromU8} from 'fflate'
import {describe, expect, it} from 'vitest'
import {buildDocx, unpack} from './build.ts'

describe('the DOCX styles part', () => {
  it('should hold the styles used, defaults and Heading1–9 with outline levels 0–8, and nothing unused', async () => {
    const parts = new Map([...unpack((await buildDocx('source/samr-2022-quality-action-plan-qa.md')).bytes)].map(([name, data]) => [name, strFromU8(data)]))
    const styles = parts.get('word/styles.xml')!
    const ids = [...styles.matchAll(/<w:style\b[^>]*\bw:styleId="([^"]+)"/g)].map((m) => m[1]!)
    const used = new Set<string>()
    for (const [name, xml] of parts) {
      if (name === 'word/styles.xml' || !name.endsWith('.xml')) continue
      for (const m of xml.matchAll(/<w:(?:pStyle|rStyle|tblStyle)\s+w:val="([^"]+)"/g)) used.add(m[1]!)
    }
    for (const m of styles.matchAll(/<w:(?:basedOn|next|link)\s+w:val="([^"]+)"/g)) used.add(m[1]!)
    for (let level = 1; level <= 9; level++) {
      const xml = new RegExp(`<w:style\\b[^>]*w:styleId="Heading${level}"[\\s\\S]*?</w:style>`).exec(styles)?.[0]
      expect(xml, `Heading${level}`).toContain(`<w:outlineLvl w:val="${level - 1}"/>`)
      expect(xml, `Heading${level}`).toContain(`<w:name w:val="heading ${level}"/>`)
    }
    const unused = ids.filter((id) => !used.has(id) && !/^Heading[1-9]$/.test(id) && !new RegExp(`w:styleId="${id}"[^>]*w:default="1"|w:default="1"[^>]*w:styleId="${id}"`).test(styles))
    expect(unused).toEqual([])
    for (const gone of ['TOC1', 'Caption', 'FootnoteText', 'Bibliography', 'ListParagraph', 'Strong']) expect(ids).not.toContain(gone)
  })
})
