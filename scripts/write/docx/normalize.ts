/**
 * The deterministic zip: same input, same bytes.
 *
 * docx writes `new Date()` into docProps/core.xml, random hyperlink relationship ids and random font keys, and its
 * zip entries carry the current time. This unpacks the package, fixes the dates, renames relationship ids in a
 * stable order (in the part and its .rels together), derives font keys from the font data (re-obfuscating the
 * embedded fonts), and zips the entries in a fixed order with a fixed date (../zip.ts: 1980-01-01, the earliest DOS
 * date, the same in every time zone). See scripts/typeset/FONTS.md §4.
 */
import {createHash} from 'node:crypto'
import {createRequire} from 'node:module'
import {zip} from '../zip.ts'

// Note: the parts are decoded and encoded as fflate's strFromU8/strToU8 do (TextDecoder, TextEncoder), and fflate is
// loaded only to unpack a zip (docx's own package, when its compiler is not where docx 9 keeps it): docx carries its
// own copy of fflate, and setting up a second one at load cost every DOCX build ~1.5 ms.
const decoder = new TextDecoder()
const encoder = new TextEncoder()
const unzip = (bytes: Uint8Array): Record<string, Uint8Array> => (createRequire(import.meta.url)('fflate') as typeof import('fflate')).unzipSync(bytes)

/** The package's XML parts by path (`word/document.xml`, `word/_rels/document.xml.rels`, …). */
export type Parts = Map<string, string>

/** Options of {@link normalizeDocx}. */
export interface Options {
  /** The document's fixed date (core.xml created/modified). */
  date: Date
  /** Edits the XML parts before ids are renamed (the writer's phase 7). */
  patch?: (parts: Parts) => void
}

/** Entries first in the zip, in this order (as Word writes them); the rest follow sorted by path. */
const FIRST_ENTRIES = ['[Content_Types].xml', '_rels/.rels', 'word/document.xml', 'word/_rels/document.xml.rels']

/**
 * Make a DOCX package deterministic.
 * @param bytes the package docx packed, or its entries before packing
 * @param options the fixed date and the part patcher
 * @returns the package with fixed dates, stable ids and a fixed zip layout
 */
export function normalizeDocx(bytes: Uint8Array | ReadonlyMap<string, string | Uint8Array>, options: Readonly<Options>): Uint8Array {
  const entries = bytes instanceof Uint8Array ? Object.entries(unzip(bytes)) : [...bytes]
  const parts: Parts = new Map()
  const binaries = new Map<string, Uint8Array>()
  for (const [name, data] of entries) {
    if (/\.(xml|rels)$/.test(name)) parts.set(name, typeof data === 'string' ? data : decoder.decode(data))
    else binaries.set(name, typeof data === 'string' ? encoder.encode(data) : data)
  }
  fixDates(parts, options.date)
  options.patch?.(parts)
  for (const name of [...parts.keys()]) if (name.endsWith('.rels') && name !== '_rels/.rels') renumberRelationships(parts, name)
  fixFontKeys(parts, binaries)

  const names = [...parts.keys(), ...binaries.keys()].sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0))
  return zip(names.map((name) => [name, parts.get(name) ?? binaries.get(name)!]))
}

function rank(name: string): number {
  const index = FIRST_ENTRIES.indexOf(name)
  return index === -1 ? FIRST_ENTRIES.length : index
}

/** core.xml: created and modified are the document's date (W3CDTF, whole seconds). */
function fixDates(parts: Parts, date: Date): void {
  const core = parts.get('docProps/core.xml')
  if (core === undefined) return
  const stamp = date.toISOString().replace(/\.\d{3}Z$/, 'Z')
  parts.set('docProps/core.xml', core.replace(/(<dcterms:(created|modified)[^>]*>)[^<]*(<\/dcterms:\2>)/g, `$1${stamp}$3`))
}

/**
 * Rename the relationship ids of one part to rId1…rIdN, ordered by (type, target), in the .rels and in the part.
 * @param parts the package parts
 * @param relsName e.g. `word/_rels/document.xml.rels`
 */
function renumberRelationships(parts: Parts, relsName: string): void {
  const rels = parts.get(relsName)!
  const partName = relsName.replace(/_rels\/([^/]+)\.rels$/, '$1')
  const found = [...rels.matchAll(/<Relationship\b[^>]*>/g)].map((match) => {
    const tag = match[0]
    return {id: attr(tag, 'Id'), key: `${attr(tag, 'Type')}\u0000${attr(tag, 'Target')}\u0000${attr(tag, 'TargetMode')}`}
  })
  const order = [...found].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
  const rename = new Map(order.map((rel, index) => [rel.id, `rId${index + 1}`]))
  // Note: one pass over each part, so an old id that equals a new one (rId3 → rId1, rId1 → rId3) cannot be renamed twice.
  parts.set(relsName, rels.replace(/(<Relationship\b[^>]*\bId=")([^"]+)"/g, (whole, head: string, id: string) => `${head}${rename.get(id) ?? id}"`))
  const part = parts.get(partName)
  if (part !== undefined) parts.set(partName, part.replace(/(\br:(?:id|embed|link|pict|embedRegular|embedBold|embedItalic|embedBoldItalic)=")([^"]+)"/g, (whole, head: string, id: string) => `${head}${rename.get(id) ?? id}"`))
}

function attr(tag: string, name: string): string {
  return new RegExp(`\\b${name}="([^"]*)"`).exec(tag)?.[1] ?? ''
}

/**
 * Embedded fonts are obfuscated with a key written beside them (ECMA-376 Part 1 §17.8.1: the first 32 bytes XORed
 * with the GUID's bytes in reverse order). docx draws the key at random; derive it from the font's bytes instead.
 */
function fixFontKeys(parts: Parts, binaries: Map<string, Uint8Array>): void {
  const table = parts.get('word/fontTable.xml')
  const rels = parts.get('word/_rels/fontTable.xml.rels')
  if (table === undefined || rels === undefined) return
  const targets = new Map([...rels.matchAll(/<Relationship\b[^>]*>/g)].map((match) => [attr(match[0], 'Id'), `word/${attr(match[0], 'Target')}`]))
  const fixed = table.replace(/<w:(embed(?:Regular|Bold|Italic|BoldItalic))\b([^>]*?)(\/?)>/g, (whole, element: string, attributes: string, close: string) => {
    const id = /r:id="([^"]+)"/.exec(attributes)?.[1]
    const oldKey = /w:fontKey="([^"]+)"/.exec(attributes)?.[1]
    const target = id === undefined ? undefined : targets.get(id)
    const data = target === undefined ? undefined : binaries.get(target)
    if (oldKey === undefined || data === undefined || target === undefined) return whole
    const plain = obfuscate(data, oldKey)
    const hex = createHash('sha256').update(plain).digest('hex').slice(0, 32).toUpperCase()
    const newKey = `{${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}}`
    binaries.set(target, obfuscate(plain, newKey))
    return `<w:${element}${attributes.replace(oldKey, newKey)}${close}>`
  })
  parts.set('word/fontTable.xml', fixed)
}

/** XOR the first 32 bytes with the key's 16 bytes in reverse order (its own inverse). */
function obfuscate(data: Uint8Array, guid: string): Uint8Array {
  const hex = guid.replace(/[{}-]/g, '')
  const key = Array.from({length: 16}, (_, index) => Number.parseInt(hex.slice(30 - index * 2, 32 - index * 2), 16))
  const out = new Uint8Array(data)
  for (let index = 0; index < 32 && index < out.length; index++) out[index]! ^= key[index % 16]!
  return out
}
