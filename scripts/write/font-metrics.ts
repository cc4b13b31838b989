/**
 * A font's PDF descriptor values (PostScript name, metrics, flags' inputs) read from its table bytes, for the PDF's
 * embedded fonts (pdf-font.ts).
 *
 * Note: fontkit gives the same values, but decodes whole tables for them (the name table for the PostScript name,
 * hmtx and a glyph for one width: ~2 ms a font in every process); here each is a few bytes read at an offset
 * (OpenType `head`, `hhea`, `OS/2`, `post`, `hmtx`, `name`). fontkit is asked only where the bytes cannot answer (a
 * missing table, a name in an encoding read here neither as UTF-16BE nor as ASCII). A test compares the two for
 * every profile font.
 */
import {tableDirectory} from './truetype-subset.ts'
import type {LoadedFont} from '../typeset/fonts.ts'

/** A font's descriptor values, in font units. */
export interface FontMetrics {
  postscriptName: string | null
  unitsPerEm: number
  ascent: number
  descent: number
  /** 0 when the font does not say (the descriptor then gives the ascent). */
  capHeight: number
  /** 0 when the font does not say. */
  xHeight: number
  bbox: [number, number, number, number]
  italicAngle: number
  fixedPitch: boolean
  /** OS/2 sFamilyClass (0 without OS/2). */
  familyClass: number
  italic: boolean
  /** The advance of glyph 0 (.notdef). */
  notdefAdvance: number
}

const metricsCache = new WeakMap<object, FontMetrics>()

/**
 * The descriptor values of a font, read from its table bytes (the values fontkit gives: test/write/pdf-font.test.ts
 * compares them), else from fontkit when a table is missing or a name is in an encoding this does not read.
 * @param loaded the profile font
 */
export function fontMetrics(loaded: LoadedFont): FontMetrics {
  let metrics = metricsCache.get(loaded.font)
  if (!metrics) metricsCache.set(loaded.font, (metrics = fromTables(loaded.file.tables) ?? fromFontkit(loaded)))
  return metrics
}

function fromTables(bytes: Uint8Array): FontMetrics | undefined {
  if (bytes.byteLength < 12) return undefined
  const tables = tableDirectory(bytes)
  const [head, hhea, post, hmtx, name] = ['head', 'hhea', 'post', 'hmtx', 'name'].map((t) => tables.get(t))
  if (!head || !hhea || !post || !hmtx || !name) return undefined
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  const postscriptName = readEnglishName(bytes, view, name.offset, 6)
  if (postscriptName === undefined) return undefined
  const os2 = tables.get('OS/2')
  const os2Version = os2 ? view.getUint16(os2.offset) : 0
  // Note: OS/2 has capHeight and xHeight from version 2 on; 0 stands for none (the descriptor then gives the ascent and 0).
  const hasHeights = os2 !== undefined && os2Version >= 2
  return {
    postscriptName,
    unitsPerEm: view.getUint16(head.offset + 18),
    ascent: view.getInt16(hhea.offset + 4),
    descent: view.getInt16(hhea.offset + 6),
    capHeight: hasHeights ? view.getInt16(os2.offset + 88) : 0,
    xHeight: hasHeights ? view.getInt16(os2.offset + 86) : 0,
    bbox: [view.getInt16(head.offset + 36), view.getInt16(head.offset + 38), view.getInt16(head.offset + 40), view.getInt16(head.offset + 42)],
    italicAngle: view.getInt32(post.offset + 4) / 65536,
    fixedPitch: view.getUint32(post.offset + 12) !== 0,
    familyClass: os2 ? view.getInt16(os2.offset + 30) : 0,
    italic: (view.getUint16(head.offset + 44) & 2) !== 0,
    notdefAdvance: view.getUint16(hmtx.offset),
  }
}

/**
 * The family name (name ID 1) fontkit gives (`familyName`), read from the name table when it can be (as the
 * PostScript name is), else asked of fontkit (whose answer decodes the whole name table).
 * @param loaded the profile font
 */
export function familyName(loaded: LoadedFont): string | null {
  const bytes = loaded.file.tables
  const name = bytes.byteLength >= 12 ? tableDirectory(bytes).get('name') : undefined
  // Note: an empty English name is left to fontkit, which then takes another language's.
  const read = name && readEnglishName(bytes, new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength), name.offset, 1)
  return read || loaded.font.familyName
}

/**
 * A name (name ID 6, the PostScript name; 1, the family) as fontkit picks it: the last English record (Macintosh
 * language 0 or Windows 0x409); undefined when there is none, or when it is in an encoding read here neither as
 * UTF-16BE nor as ASCII.
 */
function readEnglishName(bytes: Uint8Array, view: DataView, at: number, id: number): string | null | undefined {
  const count = view.getUint16(at + 2)
  const strings = at + view.getUint16(at + 4)
  let found: string | undefined
  for (let i = 0; i < count; i++) {
    const record = at + 6 + 12 * i
    const [platform, encoding, language, nameId, length, offset] = [0, 2, 4, 6, 8, 10].map((k) => view.getUint16(record + k)) as [number, number, number, number, number, number]
    if (nameId !== id) continue
    const english = (platform === 1 && language === 0) || (platform === 3 && language === 0x409)
    if (!english) continue
    const data = bytes.subarray(strings + offset, strings + offset + length)
    if (platform === 3 && length % 2 === 0 && (encoding === 1 || encoding === 10)) found = Buffer.from(data).swap16().toString('utf16le')
    else if (platform === 1 && encoding === 0 && data.every((b) => b < 0x80)) found = Buffer.from(data).toString('latin1')
    else return undefined
  }
  return found
}

function fromFontkit(loaded: LoadedFont): FontMetrics {
  const font = loaded.font as LoadedFont['font'] & {post: {isFixedPitch: number}; head: {macStyle: {italic: boolean}}; 'OS/2'?: {sFamilyClass?: number}}
  const {bbox} = font
  return {
    postscriptName: font.postscriptName,
    unitsPerEm: font.unitsPerEm,
    ascent: font.ascent,
    descent: font.descent,
    capHeight: font.capHeight || 0,
    xHeight: font.xHeight || 0,
    bbox: [bbox.minX, bbox.minY, bbox.maxX, bbox.maxY],
    italicAngle: font.italicAngle,
    fixedPitch: Boolean(font.post.isFixedPitch),
    familyClass: font['OS/2']?.sFamilyClass ?? 0,
    italic: font.head.macStyle.italic,
    notdefAdvance: font.getGlyph(0).advanceWidth,
  }
}
