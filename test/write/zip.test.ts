/**
 * The packages' zip (scripts/write/zip.ts): read back by fflate, entries in the order given, one fixed date, the same
 * bytes for the same entries. (LibreOffice and ofd.js read the real packages in the DOCX's and the OFD's tests.)
 */
import {strFromU8, unzipSync} from 'fflate'
import {describe, expect, it} from 'vitest'
import {zip} from '../../scripts/write/zip.ts'

// Entries of every kind the packages hold: XML text, binary data that deflate cannot shrink, an empty part, a
// name beyond ASCII (UTF-8 flag), a long repetitive part (several deflate blocks).
const noise = Uint8Array.from({length: 70_000}, (_, i) => (i * 2_654_435_761) >>> 24)
const ENTRIES: [string, Uint8Array | string][] = [
  ['[Content_Types].xml', '<?xml version="1.0" encoding="UTF-8"?>\n<Types/>'],
  ['Doc_0/Res/font_1.ttf', noise],
  ['empty.xml', ''],
  ['附件/说明.xml', '<说明>公文</说明>'],
  ['Doc_0/Pages/Page_0/Content.xml', '<ofd:TextCode X="1" Y="2">一二三</ofd:TextCode>'.repeat(5000)],
]

describe('zip', () => {
  const bytes = zip(ENTRIES)

  it('should give back every entry, in the order given, byte for byte', () => {
    const read = Object.entries(unzipSync(bytes))
    expect(read.map(([name]) => name)).toEqual(ENTRIES.map(([name]) => name))
    for (const [name, data] of read) {
      const want = ENTRIES.find(([n]) => n === name)![1]
      if (typeof want === 'string') expect(strFromU8(data)).toBe(want)
      else expect(Buffer.from(data).equals(Buffer.from(want))).toBe(true)
    }
  })

  it('should date every entry 1980-01-01 00:00 in its local header and in the central directory', () => {
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
    const dates: string[] = []
    // Local headers (signature, then the DOS time and date at offsets 10 and 12), then the central directory's
    // entries (at offsets 12 and 14): every one 1980-01-01 (date 0x0021) at 00:00:00 (time 0).
    let at = 0
    for (; view.getUint32(at, true) === 0x04034b50; at += 30 + view.getUint16(at + 26, true) + view.getUint32(at + 18, true)) dates.push(`local ${view.getUint16(at + 12, true)} ${view.getUint16(at + 10, true)}`)
    for (; view.getUint32(at, true) === 0x02014b50; at += 46 + view.getUint16(at + 28, true)) dates.push(`central ${view.getUint16(at + 14, true)} ${view.getUint16(at + 12, true)}`)
    expect(view.getUint32(at, true)).toBe(0x06054b50)
    expect(dates).toEqual([...ENTRIES.map(() => 'local 33 0'), ...ENTRIES.map(() => 'central 33 0')])
  })

  it('should give the same bytes for the same entries, whether given as text or as UTF-8', () => {
    const asBytes = ENTRIES.map(([name, data]): [string, Uint8Array] => [name, typeof data === 'string' ? new TextEncoder().encode(data) : data])
    expect(Buffer.from(zip(asBytes)).equals(Buffer.from(bytes))).toBe(true)
  })

  it('should mark a name beyond ASCII as UTF-8 (general purpose flag bit 11) and no other', () => {
    const flags = new Map<string, number>()
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
    for (let at = 0; view.getUint32(at, true) === 0x04034b50; ) {
      const nameLength = view.getUint16(at + 26, true)
      flags.set(new TextDecoder().decode(bytes.subarray(at + 30, at + 30 + nameLength)), view.getUint16(at + 6, true))
      at += 30 + nameLength + view.getUint32(at + 18, true)
    }
    expect([...flags]).toEqual(ENTRIES.map(([name]) => [name, /^[\x20-\x7e]*$/.test(name) ? 0 : 0x0800]))
  })

  it('should deflate an entry at the level it asks for, read back the same, and refuse a level outside 1–9', () => {
    const font: [string, Uint8Array] = ['Doc_0/Res/font_1.ttf', Uint8Array.from({length: 40_000}, (_, i) => (i % 7 === 0 ? i & 0xff : (i * 31) % 13))]
    const six = zip([font])
    const two = zip([[...font, 2]])
    expect(Buffer.from(zip([[...font, 6]])).equals(Buffer.from(six)), 'level 6 is the default').toBe(true)
    expect(Buffer.from(two).equals(Buffer.from(six))).toBe(false)
    expect(Buffer.from(zip([[...font, 2]])).equals(Buffer.from(two)), 'the same bytes again').toBe(true)
    expect(Buffer.from(unzipSync(two)['Doc_0/Res/font_1.ttf']!).equals(Buffer.from(font[1]))).toBe(true)
    for (const level of [0, 10, 2.5]) expect(() => zip([[...font, level]])).toThrow(/deflate level/)
  })
})
