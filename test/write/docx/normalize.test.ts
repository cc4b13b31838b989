import {strFromU8, strToU8, zipSync} from 'fflate'
import * as fontkit from 'fontkit'
import {describe, expect, it} from 'vitest'
import {normalizeDocx} from '../../../scripts/write/docx/normalize.ts'
import {report} from '../../../scripts/diagnostics/report.ts'
import {buildDocx, compileDocx, ROOT, unpack} from './build.ts'

const FIXTURE = 'test/fixtures/docx-basic/input.md'
const subset = buildDocx(FIXTURE, (profile) => ({...profile, docx: {...profile.docx, embedFonts: 'subset'}}))

/** Undo the ECMA-376 font obfuscation (XOR of the first 32 bytes with the key's bytes reversed). */
function deobfuscate(data: Uint8Array, guid: string): Buffer {
  const hex = guid.replace(/[{}-]/g, '')
  const key = Array.from({length: 16}, (_, index) => Number.parseInt(hex.slice(30 - index * 2, 32 - index * 2), 16))
  const out = Buffer.from(data)
  for (let index = 0; index < 32; index++) out[index]! ^= key[index % 16]!
  return out
}

describe('normalizeDocx', () => {
  it('should make the same package from docx\'s entries as from docx\'s zip of them', async () => {
    const {bytes} = await buildDocx(FIXTURE)
    const entries = new Map([...unpack(bytes)].map(([name, data]) => [name, /\.(xml|rels)$/.test(name) ? strFromU8(data) : data]))
    const date = new Date('2022-11-10T00:00:00Z')
    const fromZip = normalizeDocx(zipSync(Object.fromEntries([...entries].map(([n, d]) => [n, typeof d === 'string' ? strToU8(d) : d]))), {date})
    expect(entries.size).toBeGreaterThan(5)
    expect(Buffer.from(normalizeDocx(entries, {date})).equals(Buffer.from(fromZip))).toBe(true)
  })

  it('should give the same bytes for the same input', async () => {
    const [first, second] = await Promise.all([buildDocx(FIXTURE), buildDocx(FIXTURE)])
    expect(Buffer.from(first.bytes).equals(Buffer.from(second.bytes))).toBe(true)
  })

  it('should give the same bytes with embedded font subsets', async () => {
    const again = await buildDocx(FIXTURE, (profile) => ({...profile, docx: {...profile.docx, embedFonts: 'subset'}}))
    expect(Buffer.from((await subset).bytes).equals(Buffer.from(again.bytes))).toBe(true)
  })

  it('should write the document date, not the build time, into core.xml', async () => {
    const core = strFromU8(unpack((await buildDocx(FIXTURE)).bytes).get('docProps/core.xml')!)
    expect([...core.matchAll(/<dcterms:(created|modified)[^>]*>([^<]*)</g)].map((match) => `${match[1]} ${match[2]}`)).toEqual(['created 2022-12-01T00:00:00Z', 'modified 2022-12-01T00:00:00Z'])
  })

  it('should number relationships in a stable order and keep document.xml pointing at the same targets', () => {
    const rels = (ids: string[]) =>
      `<Relationships>${ids.map((id, index) => `<Relationship Id="${id}" Type="t/${['hyperlink', 'styles', 'footer'][index]}" Target="x${index}"/>`).join('')}</Relationships>`
    const make = (ids: string[]) => {
      const entries = new Map<string, string>([
        ['word/_rels/document.xml.rels', rels(ids)],
        ['word/document.xml', `<w:document><w:hyperlink r:id="${ids[0]}"/><w:footerReference r:id="${ids[2]}"/></w:document>`],
      ])
      return normalizeDocx(zip(entries), {date: new Date(0)})
    }
    const a = make(['rIdA1b2', 'rId1', 'rId3'])
    const b = make(['rIdZz9', 'rId1', 'rId3'])
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true)
    const parts = unpack(a)
    expect(strFromU8(parts.get('word/document.xml')!)).toBe('<w:document><w:hyperlink r:id="rId2"/><w:footerReference r:id="rId1"/></w:document>')
    expect(strFromU8(parts.get('word/_rels/document.xml.rels')!)).toBe('<Relationships><Relationship Id="rId2" Type="t/hyperlink" Target="x0"/><Relationship Id="rId3" Type="t/styles" Target="x1"/><Relationship Id="rId1" Type="t/footer" Target="x2"/></Relationships>')
  })

  it('should embed subsets that still map every character of the document', async () => {
    const {bytes, doc} = await subset
    const parts = unpack(bytes)
    const table = strFromU8(parts.get('word/fontTable.xml')!)
    const rels = strFromU8(parts.get('word/_rels/fontTable.xml.rels')!)
    const embeds = [...table.matchAll(/<w:font w:name="([^"]+)">(?:(?!<\/w:font>)[\s\S])*?<w:embedRegular r:id="([^"]+)" w:fontKey="([^"]+)"/g)]
    expect(embeds.map((match) => match[1])).toEqual(['方正小标宋简体', '仿宋_GB2312', '黑体', '楷体_GB2312', '宋体'])
    const body = embeds.find((match) => match[1] === '仿宋_GB2312')!
    const target = new RegExp(`Id="${body[2]}"[^>]*Target="([^"]+)"`).exec(rels)?.[1] ?? new RegExp(`Target="([^"]+)"[^>]*Id="${body[2]}"`).exec(rels)?.[1]
    const font = fontkit.create(deobfuscate(parts.get(`word/${target}`)!, body[3]!)) as fontkit.Font
    // The body font draws the paragraphs' text (the lead-in is in the heading font, headings in theirs).
    const paragraphs = doc.children.flatMap((block) => (block.type === 'paragraph' ? block.children.flatMap((inline) => (inline.type === 'text' ? [inline.value] : [])) : [])).join('')
    const missing = [...new Set(paragraphs)].filter((char) => !font.hasGlyphForCodePoint(char.codePointAt(0)!))
    expect(missing).toEqual([])
    expect(bytes.length).toBeLessThan(400_000)
  })

  it('should report a character the embedded font cannot draw as missing-glyph at its place', async () => {
    const {result, file} = await compileDocx('test/fixtures/docx-missing-glyph/input.md', (profile) => ({...profile, docx: {...profile.docx, embedFonts: 'subset'}}))
    expect(result).toBeUndefined()
    await expect(report([file])).toMatchFileSnapshot(`${ROOT}/test/fixtures/docx-missing-glyph/messages.txt`)
  })
})

function zip(entries: Map<string, string>): Uint8Array {
  return zipSync(Object.fromEntries([...entries].map(([name, text]) => [name, strToU8(text)])))
}
