/**
 * The PDF's embedded fonts: each font file a document draws with becomes one Type 0 font (Identity-H) over a
 * CIDFontType2 subset (CIDFontType0C for CFF outlines), with its `W` widths and ToUnicode map: the dictionaries
 * pdfkit's EmbeddedFont writes (scripts/typeset/FONTS.md §3).
 *
 * Own code in place of pdfkit's EmbeddedFont, for speed (issue 19): pdfkit reads a font's descriptor values through
 * fontkit, which decodes whole tables for them (the name table for the PostScript name, hmtx for one width: ~2 ms a
 * font in every process), makes a new embedded font each time a second profile key names the same file, and numbers
 * the subset's glyphs in the order they are drawn. Here the descriptor values come from the table bytes
 * (font-metrics.ts), a document's glyphs are numbered before drawing in glyph id order
 * ({@link planFonts}: the same glyphs make the same subset in every PDF, so the booklet and its imposition share one),
 * and a subset's compressed font file is kept for the next PDF that draws the same glyphs (font-file-store.ts).
 */
import {deflateSync} from 'node:zlib'
import {canSubset, TrueTypeSubset} from './truetype-subset.ts'
import {compressedFontFile} from './font-file-store.ts'
import {fontMetrics, type FontMetrics} from './font-metrics.ts'
import type {LoadedFont} from '../typeset/fonts.ts'
import type {Glyph, PageModel} from '../typeset/page-model.ts'

/** A subset: TrueTypeSubset, or fontkit's (CFF outlines, variable fonts). */
interface Subset {
  includeGlyph(id: number): number
  includeGlyphFor?(id: number, text: string): number
  encode(): Uint8Array
  readonly glyphs: readonly number[]
  cff?: unknown
}

/** What this module uses of a pdfkit reference (PDFReference). */
interface Ref {
  data: Record<string, unknown>
  write(chunk: Uint8Array | string): void
  end(chunk?: Uint8Array | string): void
}

/** What this module uses of pdfkit's document. */
interface DocInternals {
  ref(data?: Record<string, unknown>): Ref
  /** PDF/A part (pdfkit's `subset`): PDF/A-1 lists a font's CIDs in a CIDSet. */
  subset?: number
  /** The fonts pdfkit finalizes (embeds) when the document ends. */
  _fontFamilies?: Record<string, {finalize(): void}>
}

/** Compressed ToUnicode maps by their text, the last few. */
const cmaps = new Map<string, Uint8Array>()
const KEPT_CMAPS = 8

/** How a glyph is shown ({@link PdfFont.show}). */
export interface Shown {
  codePoints: readonly number[]
  /** The characters as a string. */
  text: string
  /** The CID, four hex digits. */
  code: string
  /** Whether the font's ToUnicode map gives {@link text} for the CID. */
  copies: boolean
}

function sameCodePoints(a: readonly number[], b: readonly number[]): boolean {
  if (a === b) return true
  if (a.length !== b.length) return false
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false
  return true
}

/** One font file embedded in one document. */
export class PdfFont {
  /** The subset's widths by CID (1000 units an em), the PDF's `W` array. */
  readonly widths: number[]
  /** The characters each CID stands for, the PDF's ToUnicode map. */
  readonly unicode: number[][]
  readonly subset: Subset
  /** Font units to thousandths of an em. */
  readonly scale: number
  readonly metrics: FontMetrics
  #dictionary: Ref | undefined
  #embedded = false
  /** What {@link show} gave for each glyph id, for the first characters it stood for. */
  readonly #shown = new Map<number, Shown>()

  /**
   * @param doc the pdfkit document
   * @param loaded the profile font
   * @param id the resource name (`F1`, …)
   * @param root the project root, whose cache keeps compressed font files between processes (none without it)
   */
  constructor(
    private readonly doc: PDFKit.PDFDocument,
    private readonly loaded: LoadedFont,
    readonly id: string,
    private readonly root?: string,
  ) {
    const tables = loaded.file.tables
    this.subset = canSubset(tables) ? new TrueTypeSubset(tables, loaded.file) : (loaded.font.createSubset() as unknown as Subset)
    this.metrics = fontMetrics(loaded)
    this.scale = 1000 / this.metrics.unitsPerEm
    this.widths = [this.metrics.notdefAdvance * this.scale]
    this.unicode = [[0]]
  }

  /**
   * The CID of a glyph standing for some text, the glyph added to the subset when new.
   * @param glyph the glyph (its id, nominal width and characters)
   * @param text its characters as a string
   */
  cid(glyph: Readonly<Glyph>, text: string): number {
    const gid = this.subset.includeGlyphFor ? this.subset.includeGlyphFor(glyph.id, text) : this.subset.includeGlyph(glyph.id)
    if (this.widths[gid] === undefined) this.widths[gid] = glyph.width * this.scale
    if (this.unicode[gid] === undefined) this.unicode[gid] = glyph.codePoints
    return gid
  }

  /**
   * How a glyph is shown: its CID as four hex digits (the glyph added to the subset when new), its characters, and
   * whether the font's ToUnicode map gives them (false where a subset cannot copy a glyph drawn for two texts).
   * @param glyph the glyph (its id, nominal width and characters)
   */
  show(glyph: Readonly<Glyph>): Shown {
    const seen = this.#shown.get(glyph.id)
    if (seen && sameCodePoints(seen.codePoints, glyph.codePoints)) return seen
    const text = String.fromCodePoint(...glyph.codePoints)
    const cid = this.cid(glyph, text)
    const shown = {codePoints: glyph.codePoints, text, code: cid.toString(16).padStart(4, '0'), copies: String.fromCodePoint(...this.unicode[cid]!) === text}
    if (!seen) this.#shown.set(glyph.id, shown)
    return shown
  }

  /** The height pdfkit gives a line of this font (`currentLineHeight()`): ascender to descender. */
  lineHeight(sizePt: number): number {
    return ((this.metrics.ascent * this.scale - this.metrics.descent * this.scale) / 1000) * sizePt
  }

  /** The Type 0 font dictionary (its reference; written when the document ends). */
  ref(): Ref {
    this.#dictionary ??= (this.doc as unknown as DocInternals).ref()
    return this.#dictionary
  }

  /** Called by pdfkit when the document ends (PDFFont's contract): write the font, once. */
  finalize(): void {
    if (this.#embedded || !this.#dictionary) return
    this.#embedded = true
    this.#embed(this.#dictionary)
  }

  #embed(dictionary: Ref): void {
    const doc = this.doc as unknown as DocInternals
    const {metrics, scale} = this
    const cff = this.subset.cff != null
    const fontFile = doc.ref(cff ? {Subtype: 'CIDFontType0C', Filter: 'FlateDecode'} : {Filter: 'FlateDecode'})
    fontFile.end(this.#fontFile())
    const familyClass = metrics.familyClass >> 8
    let flags = 1 << 2
    if (metrics.fixedPitch) flags |= 1 << 0
    if (familyClass >= 1 && familyClass <= 7) flags |= 1 << 1
    if (familyClass === 10) flags |= 1 << 3
    if (metrics.italic) flags |= 1 << 6
    // Note: the subset tag pdfkit derives from the resource name (six capitals).
    const tag = [1, 2, 3, 4, 5, 6].map((i) => String.fromCharCode((this.id.charCodeAt(i) || 73) + 17)).join('')
    const name = `${tag}+${metrics.postscriptName?.replaceAll(' ', '_')}`
    const [minX, minY, maxX, maxY] = metrics.bbox
    const descriptor = doc.ref({
      Type: 'FontDescriptor',
      FontName: name,
      Flags: flags,
      FontBBox: [minX * scale, minY * scale, maxX * scale, maxY * scale],
      ItalicAngle: metrics.italicAngle,
      Ascent: metrics.ascent * scale,
      Descent: metrics.descent * scale,
      CapHeight: (metrics.capHeight || metrics.ascent) * scale,
      XHeight: (metrics.xHeight || 0) * scale,
      StemV: 0,
      [cff ? 'FontFile3' : 'FontFile2']: fontFile,
    })
    if (doc.subset === 1) {
      // Note: PDF/A-1 wants the CIDs listed (pdfkit does the same); PDF/A-2 does not.
      const set = new Uint8Array(Math.ceil(this.widths.length / 8))
      this.widths.forEach((w, cid) => {
        if (w !== undefined) set[cid >> 3]! |= 0x80 >> cid % 8
      })
      const cidSet = doc.ref()
      cidSet.end(set)
      descriptor.data.CIDSet = cidSet
    }
    descriptor.end()
    const descendant = doc.ref({
      Type: 'Font',
      Subtype: cff ? 'CIDFontType0' : 'CIDFontType2',
      BaseFont: name,
      CIDSystemInfo: {Registry: new String('Adobe'), Ordering: new String('Identity'), Supplement: 0},
      FontDescriptor: descriptor,
      W: [0, this.widths],
      ...(cff ? {} : {CIDToGIDMap: 'Identity'}),
    })
    descendant.end()
    dictionary.data = {Type: 'Font', Subtype: 'Type0', BaseFont: name, Encoding: 'Identity-H', DescendantFonts: [descendant], ToUnicode: this.#toUnicode()}
    dictionary.end()
  }

  /** The subset's font file, compressed: the same glyphs of the same font file give the one kept (font-file-store.ts). */
  #fontFile(): Uint8Array {
    const subset = this.subset
    if (!(subset instanceof TrueTypeSubset)) return deflateSync(subset.encode())
    const font = {tables: this.loaded.file.tables, path: this.loaded.path}
    return compressedFontFile(font, subset.glyphs, () => deflateSync(subset.encode()), this.root)
  }

  /** The ToUnicode CMap (as pdfkit writes it: ranges of 256 CIDs, UTF-16BE). */
  #toUnicode(): Ref {
    const hex = (n: number): string => n.toString(16).padStart(4, '0')
    const entries = this.unicode.map((codePoints) => {
      const encoded: string[] = []
      const values = codePoints ?? []
      for (let i = 0; i < values.length; i++) {
        let value = values[i]!
        if (value > 0xffff) {
          value -= 0x10000
          encoded.push(hex(((value >>> 10) & 0x3ff) | 0xd800))
          value = 0xdc00 | (value & 0x3ff)
        }
        encoded.push(hex(value))
      }
      return `<${encoded.join(' ')}>`
    })
    const ranges: string[] = []
    for (let start = 0; start < entries.length; start += 256) {
      const end = Math.min(start + 256, entries.length)
      ranges.push(`<${hex(start)}> <${hex(end - 1)}> [${entries.slice(start, end).join(' ')}]`)
    }
    const text = `/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n/CIDSystemInfo <<\n  /Registry (Adobe)\n  /Ordering (UCS)\n  /Supplement 0\n>> def\n/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n1 begincodespacerange\n<0000><ffff>\nendcodespacerange\n${ranges.length} beginbfrange\n${ranges.join('\n')}\nendbfrange\nendcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n`
    // Note: compressed once for the PDFs of a process that have the same map (the same subset), and kept between
    // processes with the font's compressed subsets (font-file-store.ts: the same map gives the same bytes).
    let data = cmaps.get(text)
    if (!data) {
      const font = {tables: this.loaded.file.tables, path: this.loaded.path}
      data = compressedFontFile(font, `ToUnicode\0${text}`, () => deflateSync(Buffer.from(text, 'latin1')), this.root)
      if (cmaps.size >= KEPT_CMAPS) cmaps.delete(cmaps.keys().next().value!)
      cmaps.set(text, data)
    }
    const cmap = (this.doc as unknown as DocInternals).ref({Filter: 'FlateDecode'})
    cmap.end(data)
    return cmap
  }
}

/** Each document's fonts, by font file (its table bytes), and its project root (see {@link planFonts}). */
const documents = new WeakMap<object, {fonts: Map<Uint8Array, PdfFont>; root?: string}>()

/**
 * The document's embedded font for a profile font (one per font file, however many profile keys name it), made on
 * first use and handed to pdfkit, which writes it when the document ends.
 * @param doc the pdfkit document
 * @param loaded the profile font
 */
export function pdfFont(doc: PDFKit.PDFDocument, loaded: LoadedFont): PdfFont {
  let entry = documents.get(doc)
  if (!entry) documents.set(doc, (entry = {fonts: new Map()}))
  const fonts = entry.fonts
  let font = fonts.get(loaded.file.tables)
  if (!font) {
    font = new PdfFont(doc, loaded, `F${fonts.size + 1}`, entry.root)
    fonts.set(loaded.file.tables, font)
    const families = (doc as unknown as DocInternals)._fontFamilies
    // Note: pdfkit 0.20's internal list of the fonts to finalize in end(); if an upgrade renames it, this throws
    // rather than leave a font unwritten.
    if (!families || typeof families !== 'object') throw new Error('pdfFont: pdfkit has no `_fontFamilies` (upgrade changed it): check the font embedding')
    families[font.id] = font
  }
  return font
}

/**
 * Whether two documents embed their fonts alike: the same font files under the same resource names, with the same
 * glyphs under the same CIDs standing for the same characters. Then content drawn for one (its `Tf` names, its
 * CIDs, its ActualText) shows the same in the other (pdf-draw.ts `DrawnItem`).
 * @param a a pdfkit document
 * @param b another
 */
export function sameEmbedding(a: PDFKit.PDFDocument, b: PDFKit.PDFDocument): boolean {
  const fa = documents.get(a)?.fonts
  const fb = documents.get(b)?.fonts
  if (!fa || !fb || fa.size !== fb.size) return false
  // Note: by index (the widths and characters may have holes, which every() would skip).
  const sameList = <T>(x: readonly T[], y: readonly T[], same: (p: T, q: T) => boolean): boolean => {
    if (x.length !== y.length) return false
    for (let i = 0; i < x.length; i++) if (!same(x[i]!, y[i]!)) return false
    return true
  }
  for (const [tables, one] of fa) {
    const other = fb.get(tables)
    if (!other || other.id !== one.id) return false
    if (!sameList(one.subset.glyphs, other.subset.glyphs, (p, q) => p === q)) return false
    if (!sameList(one.widths, other.widths, (p, q) => p === q)) return false
    if (!sameList(one.unicode, other.unicode, (p, q) => p === q || (p !== undefined && q !== undefined && sameCodePoints(p, q)))) return false
  }
  return true
}

/**
 * Number every glyph a document will draw before drawing it: each font's glyphs in glyph id order (then by the text
 * they stand for), so that a subset depends on its glyphs only, not on the order of pages or runs. A glyph drawn
 * later that was not planned is added then.
 * @param doc the pdfkit document
 * @param pages the pages the document draws
 * @param fonts the fonts the runs name
 * @param root the project root, whose cache keeps compressed font files between processes (font-file-store.ts)
 */
export function planFonts(doc: PDFKit.PDFDocument, pages: PageModel['pages'], fonts: ReadonlyMap<string, LoadedFont>, root?: string): void {
  if (root !== undefined && !documents.has(doc)) documents.set(doc, {fonts: new Map(), root})
  // Note: each font's glyphs by id, each with the distinct characters it stands for (almost always one).
  const planned = new Map<PdfFont, Map<number, Glyph[]>>()
  // Note: indexed loops: in the interpreter a short build runs in, each for-of step is an object made (issue 19).
  for (let p = 0; p < pages.length; p++) {
    const items = pages[p]!.items
    for (let i = 0; i < items.length; i++) {
      const item = items[i]!
      if (item.kind !== 'line') continue
      for (let r = 0; r < item.runs.length; r++) {
        const run = item.runs[r]!
        const loaded = fonts.get(run.font)
        if (!loaded) continue
        const font = pdfFont(doc, loaded)
        let ids = planned.get(font)
        if (!ids) planned.set(font, (ids = new Map()))
        const glyphs = run.glyphs
        for (let g = 0; g < glyphs.length; g++) {
          const glyph = glyphs[g]!
          const same = ids.get(glyph.id)
          if (!same) ids.set(glyph.id, [glyph])
          else if (!same.some((g) => sameCodePoints(g.codePoints, glyph.codePoints))) same.push(glyph)
        }
      }
    }
  }
  for (const [font, ids] of planned) {
    for (const id of Int32Array.from(ids.keys()).sort()) {
      const same = ids.get(id)!
      if (same.length > 1) same.sort((a, b) => compareText(String.fromCodePoint(...a.codePoints), String.fromCodePoint(...b.codePoints)))
      for (let g = 0; g < same.length; g++) font.show(same[g]!)
    }
  }
}

const compareText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0)
