/**
 * A font that fontkit parses on first need: what a build asks of a font whose texts are all in the shape store
 * (shape-store.ts), its coverage recorded (cmap-cache.ts) and its PDF and OFD subsets cut from the table bytes
 * (truetype-subset.ts, font-metrics.ts), is its units per em, its cmap's glyph for a character and whether it has
 * `fwid`: read here from the table bytes. Anything else (shaping a new text, a subset fontkit must make, a name)
 * has fontkit parse the file then, and is answered by the parsed font.
 *
 * Why zhiban reads these itself: loading fontkit (its module's start: tables, state machines, Unicode data) and
 * parsing four fonts was ~6 ms of a whole build in which fontkit shaped nothing. The answers are fontkit's: the cmap
 * subtable chosen in fontkit's order and looked up as fontkit does (formats 4 and 12; another format asks fontkit),
 * the features listed as fontkit lists them for the default script (`availableFeatures`; a font whose GSUB or GPOS
 * cannot be read here asks fontkit). test/typeset/lazy-font.test.ts compares every answer with fontkit's for every
 * profile font.
 *
 * A Proxy, not a wrapper class: the font stays a `fontkit.Font` to every caller and the key of the per-font
 * memos (shape.ts, cmap-cache.ts), whichever of the two answers.
 */
import type * as fontkit from 'fontkit'
import {tableDirectory, type TableRecord} from './font-file.ts'

type Table = TableRecord

/** The tables of an sfnt, by tag, each inside the file (undefined when the bytes are not such a font). */
function directoryOf(bytes: Uint8Array): Map<string, Table> | undefined {
  if (bytes.byteLength < 12) return undefined
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  const version = view.getUint32(0)
  if (version !== 0x00010000 && version !== 0x74727565 && version !== 0x4f54544f) return undefined
  if (12 + 16 * view.getUint16(4) > bytes.byteLength) return undefined
  const tables = tableDirectory(bytes)
  for (const {offset, length} of tables.values()) if (offset + length > bytes.byteLength) return undefined
  return tables
}

/** A cmap subtable's lookup, as fontkit's CmapProcessor does it; undefined for a format read only by fontkit. */
type Lookup = (codePoint: number) => number

/** fontkit's order of preference among a cmap's Unicode subtables (CmapProcessor). */
const PREFERRED: readonly (readonly [number, number])[] = [[3, 10], [0, 6], [0, 4], [3, 1], [0, 3], [0, 2], [0, 1], [0, 0]]

function cmapLookup(bytes: Uint8Array, view: DataView, cmap: Table): Lookup | undefined {
  if (cmap.length < 4) return undefined
  const count = view.getUint16(cmap.offset + 2)
  if (4 + 8 * count > cmap.length) return undefined
  let sub: number | undefined
  for (const [platform, encoding] of PREFERRED) {
    for (let i = 0; i < count && sub === undefined; i++) {
      const record = cmap.offset + 4 + 8 * i
      if (view.getUint16(record) === platform && view.getUint16(record + 2) === encoding) sub = cmap.offset + view.getUint32(record + 4)
    }
    if (sub !== undefined) break
  }
  if (sub === undefined || sub + 8 > cmap.offset + cmap.length) return undefined
  const end = cmap.offset + cmap.length
  const format = view.getUint16(sub)
  if (format === 4) {
    const segCountX2 = view.getUint16(sub + 6)
    const length = view.getUint16(sub + 2)
    // Note: an odd count or length is a damaged table, left to fontkit (which halves them its own way).
    if (segCountX2 % 2 !== 0 || length % 2 !== 0) return undefined
    const segCount = segCountX2 >> 1
    const ends = sub + 14
    const starts = ends + 2 * segCount + 2
    const deltas = starts + 2 * segCount
    const rangeOffsets = deltas + 2 * segCount
    const glyphIds = rangeOffsets + 2 * segCount
    if (glyphIds > end || sub + length > end) return undefined
    const glyphCount = (sub + length - glyphIds) >> 1
    return (codePoint) => {
      let min = 0
      let max = segCount - 1
      while (min <= max) {
        const mid = (min + max) >> 1
        if (codePoint < view.getUint16(starts + 2 * mid)) max = mid - 1
        else if (codePoint > view.getUint16(ends + 2 * mid)) min = mid + 1
        else {
          const rangeOffset = view.getUint16(rangeOffsets + 2 * mid)
          let gid: number
          if (rangeOffset === 0) gid = codePoint + view.getInt16(deltas + 2 * mid)
          else {
            const index = rangeOffset / 2 + (codePoint - view.getUint16(starts + 2 * mid)) - (segCount - mid)
            // Note: fontkit reads past the array as 0 (no glyph).
            gid = index >= 0 && index < glyphCount ? view.getUint16(glyphIds + 2 * index) : 0
            if (gid !== 0) gid += view.getInt16(deltas + 2 * mid)
          }
          return gid & 0xffff
        }
      }
      return 0
    }
  }
  if (format === 12) {
    if (sub + 16 > end) return undefined
    const groups = view.getUint32(sub + 12)
    if (sub + 16 + 12 * groups > end) return undefined
    return (codePoint) => {
      let min = 0
      let max = groups - 1
      while (min <= max) {
        const mid = (min + max) >> 1
        const group = sub + 16 + 12 * mid
        if (codePoint < view.getUint32(group)) max = mid - 1
        else if (codePoint > view.getUint32(group + 4)) min = mid + 1
        else return view.getUint32(group + 8) + (codePoint - view.getUint32(group))
      }
      return 0
    }
  }
  return undefined
}

/**
 * The features of a GSUB or GPOS table as fontkit's OTProcessor lists them when no script is given: the script
 * `DFLT`, else `dflt`, else `latn` (none of them: fontkit answers), its default language system (none: no feature), and
 * that system's features in order, each tag once (the required feature is not listed). Undefined when the table
 * cannot be read here (fontkit then answers).
 */
function layoutFeatures(view: DataView, table: Table): string[] | undefined {
  const at = table.offset
  if (table.length < 10) return undefined
  const scriptOffset = view.getUint16(at + 4)
  const featureOffset = view.getUint16(at + 6)
  // Note: a missing list is read by fontkit as null, which it then treats in ways left to it.
  if (scriptOffset === 0 || featureOffset === 0) return undefined
  const scriptList = at + scriptOffset
  const featureList = at + featureOffset
  const tag = (p: number): string => String.fromCharCode(view.getUint8(p), view.getUint8(p + 1), view.getUint8(p + 2), view.getUint8(p + 3))
  const byTag = new Map<string, number>()
  for (let i = view.getUint16(scriptList) - 1; i >= 0; i--) byTag.set(tag(scriptList + 2 + 6 * i), scriptList + view.getUint16(scriptList + 2 + 6 * i + 4))
  const script = byTag.get('DFLT') ?? byTag.get('dflt') ?? byTag.get('latn')
  // Note: without one of them fontkit keeps the script it last shaped with (its answer depends on what it shaped
  // before): left to fontkit.
  if (script === undefined) return undefined
  const defaultLangSys = view.getUint16(script)
  if (defaultLangSys === 0) return []
  const langSys = script + defaultLangSys
  const count = view.getUint16(langSys + 4)
  const features = view.getUint16(featureList)
  const out: string[] = []
  for (let i = 0; i < count; i++) {
    const index = view.getUint16(langSys + 6 + 2 * i)
    if (index >= features) return undefined
    const name = tag(featureList + 2 + 6 * index)
    if (!out.includes(name)) out.push(name)
  }
  return out
}

/** What the bytes answer, each worked out on first use. */
class Answers {
  readonly #bytes: Uint8Array
  readonly #view: DataView
  readonly #tables: Map<string, Table>
  #lookup: Lookup | undefined | null = null
  #features: string[] | undefined | null = null
  constructor(bytes: Uint8Array, tables: Map<string, Table>) {
    this.#bytes = bytes
    this.#view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
    this.#tables = tables
  }

  get unitsPerEm(): number | undefined {
    const head = this.#tables.get('head')
    return head && head.length >= 20 ? this.#view.getUint16(head.offset + 18) : undefined
  }

  get lookup(): Lookup | undefined {
    if (this.#lookup === null) {
      const cmap = this.#tables.get('cmap')
      this.#lookup = cmap ? safely(() => cmapLookup(this.#bytes, this.#view, cmap)) : undefined
    }
    return this.#lookup
  }

  /** fontkit's `availableFeatures` (GSUB's, then GPOS's, then `kern` for a kern table). */
  get features(): string[] | undefined {
    if (this.#features === null) {
      this.#features = safely(() => {
        // Note: fontkit shapes a font with morx by AAT, one without GSUB and GPOS with no layout engine: left to it.
        if (this.#tables.has('morx') || (!this.#tables.has('GSUB') && !this.#tables.has('GPOS'))) return undefined
        const out: string[] = []
        for (const name of ['GSUB', 'GPOS']) {
          const table = this.#tables.get(name)
          if (!table) continue
          const features = layoutFeatures(this.#view, table)
          if (!features) return undefined
          // Note: each table's own list, one after the other: a tag in both is listed twice, as fontkit lists it.
          out.push(...features)
        }
        if (this.#tables.has('kern') && !out.includes('kern')) out.push('kern')
        return out
      })
    }
    return this.#features
  }
}

/** What a damaged table gives: no answer (fontkit answers, or reports it). */
function safely<T>(read: () => T | undefined): T | undefined {
  try {
    return read()
  } catch {
    return undefined
  }
}

/**
 * A font parsed by fontkit on first need (see the file's comment).
 * @param bytes the font file's bytes as fontkit would get them
 * @param parse parses them with fontkit (once)
 * @returns the font, or undefined when the bytes are not a font read here (the caller parses it at once)
 */
export function lazyFont(bytes: Uint8Array, parse: () => fontkit.Font): fontkit.Font | undefined {
  const tables = directoryOf(bytes)
  if (!tables || !tables.has('head') || !tables.has('cmap')) return undefined
  const answers = new Answers(bytes, tables)
  let parsed: fontkit.Font | undefined
  const font = (): fontkit.Font => (parsed ??= parse())
  const bound = new Map<PropertyKey, unknown>()
  const glyphForCodePoint = (codePoint: number): fontkit.Glyph => {
    const lookup = answers.lookup
    // Note: only the id is read of a glyph the bytes give (ofd/font.ts, shape.ts); a glyph fontkit must make asks it.
    return lookup && !parsed ? ({id: lookup(codePoint)} as fontkit.Glyph) : font().glyphForCodePoint(codePoint)
  }
  return new Proxy({} as fontkit.Font, {
    get(_, key) {
      if (key === 'unitsPerEm') return answers.unitsPerEm ?? font().unitsPerEm
      if (key === 'availableFeatures') {
        // Note: a new list each time, as fontkit gives.
        const features = parsed ? undefined : answers.features
        return features ? [...features] : font().availableFeatures
      }
      if (key === 'glyphForCodePoint') return glyphForCodePoint
      const value = Reflect.get(font(), key) as unknown
      if (typeof value !== 'function') return value
      let method = bound.get(key)
      if (!method) bound.set(key, (method = (value as (...args: unknown[]) => unknown).bind(parsed)))
      return method
    },
    has: (_, key) => Reflect.has(font(), key),
  })
}
