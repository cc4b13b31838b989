/**
 * Justification and glyph runs: spread a line's slack over its inter-unit gaps (never inside
 * `——`, `……`, a number or a Latin word: those are units), set the last line solid and flush left,
 * and merge the placed glyphs into runs of uniform character spacing (the PDF `Tc`).
 * See RULES.md §5 and FONTS.md §3 (one call per run; ≤ ~0.12 em per gap).
 */
import type * as fontkit from 'fontkit'
import type {Glyph as FontGlyph, GlyphRun} from './page-model.ts'
import type {LineBreak} from './linebreak.ts'
import type {ShapedUnit} from './shape.ts'

/** Options of {@link justify}. */
export interface Options {
  /** The profile's font key and the font. */
  fontKey: string
  font: fontkit.Font
  sizePt: number
  /** x of the line's left edge (the measure's start). */
  xPt: number
  measurePt: number
  /** Justify full lines (false: set every line solid, e.g. centred title lines). */
  justify: boolean
  /** Source offset of each character of the block text (undefined where layout made it). */
  offsets: readonly (number | undefined)[]
  /** Link target of each character. */
  links: readonly (string | undefined)[]
}

/** A line set: its runs, the space added per gap, and its set width. */
export interface SetLine {
  runs: GlyphRun[]
  gapPt: number
  /** How many gaps could take space (0: the line is one word and set flush left). */
  gaps: number
  widthPt: number
}

interface Glyph {
  x: number
  advance: number
  glyph: FontGlyph
}

interface Draft {
  text: string
  start: number
  end: number
  features?: string[]
  link?: string | undefined
  glyphs: Glyph[]
}

/**
 * Place one line's units and return its glyph runs.
 * @param units the block's shaped units
 * @param line the chosen line
 * @param options font, size, position and measure in pt
 */
export function justify(units: readonly ShapedUnit[], line: Readonly<LineBreak>, options: Readonly<Options>): SetLine {
  const count = line.to - line.from
  const trailingSpace = count > 1 && units[line.to - 1]!.unit.kind === 'space'
  // Note: the gap after unit i stretches unless it lies inside a URL (a URL is one word: RULES.md §5).
  const stretches = Array.from({length: count}, (_, i) => {
    const k = line.from + i
    if (i === count - 1 || (trailingSpace && i === count - 2)) return false
    return gapStretches(units, k)
  })
  const gaps = stretches.filter(Boolean).length
  const slack = options.measurePt - line.naturalPt
  // Note: a line over the measure (push-in) is squeezed even when it is the last; a short last line is solid.
  const gapPt = gaps > 0 && (slack < 0 || (options.justify && !line.last)) ? slack / gaps : 0
  const drafts: Draft[] = []
  let x = options.xPt + line.indentPt
  for (let k = line.from; k < line.to; k++) {
    const i = k - line.from
    x += line.spacesPt[i]!
    const unit = units[k]!
    const width = line.widthsPt[i]!
    let sx = x
    for (const slot of unit.slots) {
      const w = unit.slots.length === 1 ? width : slot.widthPt
      const offset = slot.align === 'left' ? 0 : slot.align === 'right' ? w - slot.naturalPt : (w - slot.naturalPt) / 2
      let gx = sx + offset
      const glyphs = slot.advancesPt.map((advance, j) => {
        const g = {x: gx, advance, glyph: slot.glyphs[j]!}
        gx += advance
        return g
      })
      drafts.push({text: slot.text, start: slot.start, end: slot.start + slot.text.length, ...(slot.features ? {features: slot.features} : {}), link: options.links[slot.start], glyphs})
      sx += w
    }
    x += width + (stretches[i] ? gapPt : 0)
  }
  return {runs: toRuns(drafts, options), gapPt, gaps, widthPt: x - options.xPt}
}

/**
 * Whether the gap after unit k (inside a line) takes space when the line is justified: not inside a URL, nor
 * inside a number range (`2022—` and `2025` are two units only so that a line may break after the dash).
 * @param units the block's shaped units
 * @param k the unit before the gap
 */
export function gapStretches(units: readonly ShapedUnit[], k: number): boolean {
  const a = units[k]!.unit
  const b = units[k + 1]!.unit
  return !(a.kind === 'url' && b.kind === 'url' && a.url === b.url) && !a.rangeHead
}

const same = (a: readonly string[] | undefined, b: readonly string[] | undefined): boolean => (a ?? []).join() === (b ?? []).join()

/** Merge placed slots into runs whose glyphs all advance by their own width plus one constant. */
function toRuns(drafts: readonly Draft[], options: Readonly<Options>): GlyphRun[] {
  const groups: Draft[][] = []
  let tc: number | undefined
  for (const d of drafts) {
    const group = groups[groups.length - 1]
    const lastDraft = group?.[group.length - 1]
    let ok = false
    let nextTc = tc
    if (group && lastDraft && same(lastDraft.features, d.features) && lastDraft.link === d.link) {
      const lastGlyph = lastDraft.glyphs[lastDraft.glyphs.length - 1]!
      const boundary = d.glyphs[0]!.x - (lastGlyph.x + lastGlyph.advance)
      const internal = d.glyphs.length > 1 ? 0 : undefined
      const groupTc = tc
      const candidates = [boundary, internal, groupTc].filter((v): v is number => v !== undefined)
      ok = candidates.every((v) => Math.abs(v - boundary) < 1e-4)
      nextTc = boundary
    }
    if (ok) {
      group!.push(d)
      tc = nextTc
    } else {
      groups.push([d])
      tc = d.glyphs.length > 1 ? 0 : undefined
    }
  }
  // Note: no check that the merged text shapes as its slots did: the writer draws the slots' own glyphs.
  return groups.map((group) => toRun(group, options))
}

function toRun(group: readonly Draft[], options: Readonly<Options>): GlyphRun {
  const glyphs = group.flatMap((d) => d.glyphs)
  const first = glyphs[0]!
  const last = glyphs[glyphs.length - 1]!
  const tc = glyphs.length > 1 ? glyphs[1]!.x - (first.x + first.advance) : 0
  const start = group[0]!.start
  const end = group[group.length - 1]!.end
  const s = options.offsets[start]
  const e = options.offsets[end - 1]
  const link = group[0]!.link
  return {
    font: options.fontKey,
    sizePt: options.sizePt,
    xPt: first.x,
    text: group.map((d) => d.text).join(''),
    characterSpacingPt: Math.abs(tc) < 1e-9 ? 0 : tc,
    ...(group[0]!.features ? {features: group[0]!.features} : {}),
    glyphs: glyphs.map((g) => g.glyph),
    widthPt: last.x + last.advance - first.x,
    ...(s !== undefined && e !== undefined ? {source: {start: s, end: e + 1}} : {}),
    ...(link ? {link} : {}),
  }
}
