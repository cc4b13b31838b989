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

/** A slot: one piece of a unit, drawn in one font call. */
export interface Slot {
  text: string
  /** Offset of its first character in the block text. */
  start: number
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
  if (!hit) {
    const run = font.layout(text, features ? [...features] : undefined)
    hit = run.glyphs.map((glyph, i): Glyph => {
      const p = run.positions[i]!
      return {id: glyph.id, codePoints: glyph.codePoints, advance: p.xAdvance, width: glyph.advanceWidth, ...(p.xOffset ? {dx: p.xOffset} : {}), ...(p.yOffset ? {dy: p.yOffset} : {})}
    })
    map.set(key, hit)
  }
  return hit
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

/**
 * Shape units into slots.
 * @param units the block's units
 * @param options font, size in pt, grid cell in pt
 */
export function shape(units: readonly Unit[], options: Readonly<Options>): ShapedUnit[] {
  const {font, sizePt} = options
  const emPt = options.cellPt ?? sizePt
  const scale = sizePt / font.unitsPerEm
  const slot = (text: string, start: number, align: Align, widthPt?: number, features?: string[]): Slot => {
    const glyphs = shapeText(font, text, features)
    const advancesPt = glyphs.map((g) => g.advance * scale)
    const naturalPt = advancesPt.reduce((a, b) => a + b, 0)
    return {text, start, ...(features ? {features} : {}), glyphs, advancesPt, naturalPt, widthPt: widthPt ?? naturalPt, align}
  }
  return units.map((unit): ShapedUnit => {
    let slots: Slot[]
    let halfPt: number | undefined
    switch (unit.kind) {
      case 'opening':
      case 'closing':
      case 'stop':
        // Note: a full em cell whatever the glyph's advance; the glyph on its ink side (RULES.md §2).
        slots = [slot(unit.text, unit.start, unit.kind === 'opening' ? 'right' : 'left', emPt)]
        halfPt = emPt / 2
        break
      case 'middle':
      case 'connector':
        slots = [slot(unit.text, unit.start, 'center', emPt)]
        break
      case 'dash':
        // Note: `fwid` makes `——` one 2-em line in Noto; WenKai has no fwid and its two dashes already join.
        slots = [slot(unit.text, unit.start, 'center', 2 * emPt, font.availableFeatures.includes('fwid') ? ['fwid'] : undefined)]
        break
      case 'ellipsis':
        slots = [slot(unit.text, unit.start, 'center', emPt * unit.text.length)]
        break
      case 'han':
      case 'other': {
        const s = slot(unit.text, unit.start, 'center')
        // Note: a full-width glyph takes a grid cell (RULES.md §1: 28 characters fill 442.2 pt).
        if (Math.abs(s.naturalPt - sizePt) < 0.01 * sizePt) s.widthPt = emPt
        slots = [s]
        break
      }
      default:
        slots = unit.pieces.map((p) => (p.connector ? slot(p.text, p.start, 'center', emPt) : slot(p.text, p.start, 'left')))
    }
    const widthPt = slots.reduce((a, s) => a + s.widthPt, 0)
    return {unit, slots, widthPt, ...(halfPt !== undefined ? {halfPt} : {})}
  })
}
