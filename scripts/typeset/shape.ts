/**
 * Units → slots of shaped glyphs, via fontkit (`font.layout(text, features)`). The glyphs shaped
 * here are the glyphs drawn: the PDF writer never shapes again. Never breaks, never justifies.
 *
 * See RULES.md §2 (marks in full cells, dash runs with `fwid`) and FONTS.md §2.
 */
import type * as fontkit from 'fontkit'
import type {Glyph} from './page-model.ts'
import type {Unit} from './units.ts'

/** Where a glyph sits in its slot. */
export type Align = 'left' | 'right' | 'center'

/**
 * A slot: one piece of a unit, drawn in one font call. The units of one kind and text share their slots (per font,
 * size and cell): read-only.
 */
export interface Slot {
  text: string
  /** Offset of its first character from its unit's start (its offset in the block text: `unit.start + offset`). */
  offset: number
  features?: string[]
  /** The glyphs fontkit shapes `text` into (font units). */
  glyphs: readonly Glyph[]
  /** Their advances at the size, in pt. */
  advancesPt: number[]
  naturalPt: number
  /** The width the slot takes in the line at full width. */
  widthPt: number
  align: Align
}

/** A unit with its slots. */
export interface ShapedUnit {
  unit: Unit
  slots: Slot[]
  /** Full width. */
  widthPt: number
  /** Width when its blank half is removed (opening, closing, stop marks only). */
  halfPt?: number
}

/** Options of {@link shape}. */
export interface Options {
  font: fontkit.Font
  sizePt: number
  /** The character cell when the text sits on a grid; the em otherwise. */
  cellPt?: number | undefined
}

const cache = new WeakMap<fontkit.Font, Map<string, readonly Glyph[]>>()

/** Texts a font's shape store holds, as saved, and how a saved text becomes glyphs (see {@link storedShapes}). */
interface Stored {
  entries: Record<string, unknown>
  glyphs(saved: unknown): readonly Glyph[] | undefined
}
const stored = new WeakMap<fontkit.Font, Stored>()
/** Per font: how many texts fontkit shaped in this process (shape-store.ts writes only when there are new ones). */
const shapedCount = new WeakMap<fontkit.Font, number>()

/**
 * How many texts fontkit has shaped with a font in this process (a text from the shape store is not counted).
 * @param font the font
 */
export function shapedSoFar(font: fontkit.Font): number {
  return shapedCount.get(font) ?? 0
}

/**
 * Hand a font the texts its shape store holds (shape-store.ts): each becomes glyphs in its memo when first asked
 * for, so a process makes the glyphs of the texts it sets, not of every text the store keeps (issue 19).
 * @param font the font
 * @param entries the saved texts by key (as {@link shapeMemo}'s keys)
 * @param glyphs how a saved text becomes glyphs
 */
export function storedShapes(font: fontkit.Font, entries: Record<string, unknown>, glyphs: (saved: unknown) => readonly Glyph[] | undefined): void {
  stored.set(font, {entries, glyphs})
}

/**
 * The memo of a font's shaped texts, by key (the text, or the features, U+0000 and the text): what
 * shape-store.ts keeps between processes.
 * @param font the font
 */
export function shapeMemo(font: fontkit.Font): Map<string, readonly Glyph[]> {
  let map = cache.get(font)
  if (!map) cache.set(font, (map = new Map()))
  return map
}

/**
 * The glyphs of a text as fontkit lays it out, in font units (memoised per font; treat as read-only).
 * @param font the font
 * @param text the text
 * @param features OpenType features, or the font's defaults
 */
export function shapeText(font: fontkit.Font, text: string, features?: readonly string[]): readonly Glyph[] {
  const map = shapeMemo(font)
  const key = features ? `${features.join(',')}\u0000${text}` : text
  let hit = map.get(key)
  const kept = hit ? undefined : stored.get(font)
  if (!hit && kept && Object.hasOwn(kept.entries, key)) {
    hit = kept.glyphs(kept.entries[key])
    if (hit) map.set(key, hit)
    // Note: a damaged entry is forgotten: the text is shaped again below, and the store writes it anew.
    else delete kept.entries[key]
  }
  if (!hit) {
    const run = font.layout(text, features ? [...features] : undefined)
    const clusters = glyphTexts(font, text, run.glyphs.map((g) => g.id))
    hit = run.glyphs.map((glyph, i): Glyph => {
      const p = run.positions[i]!
      return {id: glyph.id, codePoints: clusters[i]!, advance: p.xAdvance, width: glyph.advanceWidth, ...(p.xOffset ? {dx: p.xOffset} : {}), ...(p.yOffset ? {dy: p.yOffset} : {})}
    })
    map.set(key, hit)
    shapedCount.set(font, shapedSoFar(font) + 1)
  }
  return hit
}

/**
 * The characters each glyph of a shaped text stands for: together, exactly the text, in order.
 *
 * Note: fontkit's `glyph.codePoints` cannot be used: fontkit keeps one Glyph object per glyph id, made with the
 * characters of the glyph's first use, so after `\uFB03` the `ffi` of `office` claims to be U+FB03 (and the
 * reverse), and the PDF's copy text changed the source's characters. fontkit does not expose its clusters; this
 * aligns the glyphs with the text by the font's cmap: a glyph that is the cmap's glyph for the next character takes
 * it; another (a ligature) takes characters until the next glyph is the cmap's for the character that follows;
 * the last glyph takes what is left.
 * @param font the font
 * @param text the shaped text
 * @param ids the glyph ids fontkit laid out, in order (no reordering: Chinese and Latin text)
 */
export function glyphTexts(font: fontkit.Font, text: string, ids: readonly number[]): number[][] {
  const cps = [...text].map((c) => c.codePointAt(0)!)
  if (ids.length === cps.length) return cps.map((cp) => [cp])
  const out: number[][] = []
  let k = 0
  for (let i = 0; i < ids.length; i++) {
    if (i === ids.length - 1) {
      out.push(cps.slice(k))
      break
    }
    const from = k
    const plain = k < cps.length && font.glyphForCodePoint(cps[k]!).id === ids[i]
    if (k < cps.length) k++
    // Note: a glyph that is not the cmap's for its character was substituted (a ligature): it takes characters
    // until the next glyph is the cmap's glyph for the next one.
    const next = ids[i + 1]!
    if (!plain) while (k < cps.length && cps.length - k > ids.length - i - 1 && font.glyphForCodePoint(cps[k]!).id !== next) k++
    out.push(cps.slice(from, k))
  }
  return out
}

/**
 * Glyph advances of a text, in font units, as fontkit lays it out.
 * @param font the font
 * @param text the text
 * @param features OpenType features, or the font's defaults
 */
export function advances(font: fontkit.Font, text: string, features?: readonly string[]): number[] {
  return shapeText(font, text, features).map((g) => g.advance)
}

/** A text's glyphs at a size: what every slot of that text, font and size shares. */
interface Scaled {
  glyphs: readonly Glyph[]
  advancesPt: number[]
  naturalPt: number
}

/** A unit's shape without the unit: its slots and widths, shared by the units of its kind and text. */
interface Shape {
  slots: Slot[]
  widthPt: number
  halfPt: number | undefined
}

/** What {@link shape} keeps per font and size (and cell): each text's glyphs; each kind and text's shape. */
interface Memo {
  scaled: Map<string, Scaled>
  shapes: Map<string, Map<string, Shape>>
}

const memos = new WeakMap<fontkit.Font, Map<string, Memo>>()
/** Per font: whether it has `fwid` (fontkit works the list out again at every call). */
const fwid = new WeakMap<fontkit.Font, boolean>()
const FWID = ['fwid']

/**
 * Shape units into slots.
 *
 * Note: worked out once per process, font, size and cell: a text's glyphs and advances, and the slots and widths of
 * a unit of one piece by its kind and text (a document repeats its characters; the units share them, read-only).
 * @param units the block's units
 * @param options font, size in pt, grid cell in pt
 */
export function shape(units: readonly Unit[], options: Readonly<Options>): ShapedUnit[] {
  const {font, sizePt} = options
  const emPt = options.cellPt ?? sizePt
  const scale = sizePt / font.unitsPerEm
  let bySize = memos.get(font)
  if (!bySize) memos.set(font, (bySize = new Map()))
  const sizeKey = `${sizePt} ${emPt}`
  let memo = bySize.get(sizeKey)
  if (!memo) bySize.set(sizeKey, (memo = {scaled: new Map(), shapes: new Map()}))
  const {scaled: scaledMemo, shapes} = memo
  const scaled = (text: string, features: string[] | undefined): Scaled => {
    const key = features ? `${features.join(',')}\u0000${text}` : text
    let hit = scaledMemo.get(key)
    if (!hit) {
      const glyphs = shapeText(font, text, features)
      const advancesPt = glyphs.map((g) => g.advance * scale)
      hit = {glyphs, advancesPt, naturalPt: advancesPt.reduce((a, b) => a + b, 0)}
      scaledMemo.set(key, hit)
    }
    return hit
  }
  const slot = (text: string, offset: number, align: Align, widthPt?: number, features?: string[]): Slot => {
    const {glyphs, advancesPt, naturalPt} = scaled(text, features)
    const out: Slot = {text, offset, glyphs, advancesPt, naturalPt, widthPt: widthPt ?? naturalPt, align}
    if (features) out.features = features
    return out
  }
  const shapeOf = (unit: Unit): Shape => {
    let slots: Slot[]
    let halfPt: number | undefined
    switch (unit.kind) {
      case 'opening':
      case 'closing':
      case 'stop':
        // Note: a full em cell whatever the glyph's advance; the glyph on its ink side (RULES.md §2).
        slots = [slot(unit.text, 0, unit.kind === 'opening' ? 'right' : 'left', emPt)]
        halfPt = emPt / 2
        break
      case 'middle':
      case 'connector':
        slots = [slot(unit.text, 0, 'center', emPt)]
        break
      case 'dash': {
        // Note: `fwid` makes `——` one 2-em line in Noto; WenKai has no fwid and its two dashes already join.
        let hasFwid = fwid.get(font)
        if (hasFwid === undefined) fwid.set(font, (hasFwid = font.availableFeatures.includes('fwid')))
        slots = [slot(unit.text, 0, 'center', 2 * emPt, hasFwid ? FWID : undefined)]
        break
      }
      case 'ellipsis':
        slots = [slot(unit.text, 0, 'center', emPt * unit.text.length)]
        break
      case 'han':
      case 'other': {
        const s = slot(unit.text, 0, 'center')
        // Note: a full-width glyph takes a grid cell (RULES.md §1: 28 characters fill 442.2 pt).
        if (Math.abs(s.naturalPt - sizePt) < 0.01 * sizePt) s.widthPt = emPt
        slots = [s]
        break
      }
      default:
        slots = unit.pieces.map((p) => (p.connector ? slot(p.text, p.start - unit.start, 'center', emPt) : slot(p.text, p.start - unit.start, 'left')))
    }
    let widthPt = 0
    for (const s of slots) widthPt += s.widthPt
    return {slots, widthPt, halfPt}
  }
  const out: ShapedUnit[] = new Array<ShapedUnit>(units.length)
  for (let u = 0; u < units.length; u++) {
    const unit = units[u]!
    // Note: a unit of one piece, its own text (all but a number range's head), shaped once per kind and text.
    const one = unit.pieces.length === 1 && unit.pieces[0]!.text === unit.text && !unit.pieces[0]!.connector
    let shaped: Shape | undefined
    if (one) {
      let byText = shapes.get(unit.kind)
      if (!byText) shapes.set(unit.kind, (byText = new Map()))
      shaped = byText.get(unit.text)
      if (!shaped) byText.set(unit.text, (shaped = shapeOf(unit)))
    } else shaped = shapeOf(unit)
    const item: ShapedUnit = {unit, slots: shaped.slots, widthPt: shaped.widthPt}
    if (shaped.halfPt !== undefined) item.halfPt = shaped.halfPt
    out[u] = item
  }
  return out
}
