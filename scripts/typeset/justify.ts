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

/** The run being built: its first slot's features and link, and where its glyphs sit. */
interface Building {
  features: string[] | undefined
  link: string | undefined
  /** The spacing its glyphs share so far (undefined: one glyph, none yet). */
  tc: number | undefined
  text: string
  start: number
  end: number
  glyphs: FontGlyph[]
  firstX: number
  firstAdvance: number
  /** x of its second glyph (NaN while it has one). */
  secondX: number
  lastX: number
  lastAdvance: number
}

/**
 * Place one line's units and return its glyph runs.
 *
 * Note: slots are merged into runs as they are placed (no per-glyph objects): a slot joins the run before it when
 * it has the same features and link and its glyphs keep the run's spacing (see {@link sameSpacing}).
 * @param units the block's shaped units
 * @param line the chosen line
 * @param options font, size, position and measure in pt
 */
export function justify(units: readonly ShapedUnit[], line: Readonly<LineBreak>, options: Readonly<Options>): SetLine {
  const count = line.to - line.from
  const trailingSpace = count > 1 && units[line.to - 1]!.unit.kind === 'space'
  // Note: the gap after unit i stretches unless it lies inside a URL (a URL is one word: RULES.md §5).
  const stretches = (i: number): boolean => !(i === count - 1 || (trailingSpace && i === count - 2)) && gapStretches(units, line.from + i)
  let gaps = 0
  for (let i = 0; i < count; i++) if (stretches(i)) gaps++
  const slack = options.measurePt - line.naturalPt
  // Note: a line over the measure (push-in) is squeezed even when it is the last; a short last line is solid.
  const gapPt = gaps > 0 && (slack < 0 || (options.justify && !line.last)) ? slack / gaps : 0
  const runs: GlyphRun[] = []
  let run: Building | undefined
  let x = options.xPt + line.indentPt
  for (let k = line.from; k < line.to; k++) {
    const i = k - line.from
    x += line.spacesPt[i]!
    const unit = units[k]!
    const width = line.widthsPt[i]!
    let sx = x
    // Note: an indexed loop: in the interpreter a short build runs in, each for-of step is an object made (issue 19).
    const slots = unit.slots
    for (let q = 0; q < slots.length; q++) {
      const slot = slots[q]!
      const w = slots.length === 1 ? width : slot.widthPt
      const offset = slot.align === 'left' ? 0 : slot.align === 'right' ? w - slot.naturalPt : (w - slot.naturalPt) / 2
      const x0 = sx + offset
      const advances = slot.advancesPt
      const start = unit.unit.start + slot.offset
      const link = options.links[start]
      if (run && sameSpacing(run, slot.features, link, x0, advances.length)) {
        run.text += slot.text
      } else {
        if (run) runs.push(toRun(run, options))
        run = {features: slot.features, link, tc: advances.length > 1 ? 0 : undefined, text: slot.text, start, end: 0, glyphs: [], firstX: x0, firstAdvance: advances[0]!, secondX: NaN, lastX: x0, lastAdvance: 0}
      }
      run.end = start + slot.text.length
      let gx = x0
      for (let j = 0; j < advances.length; j++) {
        if (run.glyphs.length === 1) run.secondX = gx
        run.glyphs.push(slot.glyphs[j]!)
        run.lastX = gx
        run.lastAdvance = advances[j]!
        gx += advances[j]!
      }
      sx += w
    }
    x += width + (stretches(i) ? gapPt : 0)
  }
  if (run) runs.push(toRun(run, options))
  return {runs, gapPt, gaps, widthPt: x - options.xPt}
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

const same = (a: readonly string[] | undefined, b: readonly string[] | undefined): boolean => a === b || (a ?? []).join() === (b ?? []).join()

/**
 * Whether a slot placed at `x0` with `count` glyphs joins the run: same features and link, and the space between
 * the run's last glyph and its first is the run's spacing so far (and 0, the spacing inside the slot, when it has
 * several glyphs); when it joins, that space becomes the run's spacing.
 */
function sameSpacing(run: Building, features: readonly string[] | undefined, link: string | undefined, x0: number, count: number): boolean {
  if (!same(run.features, features) || run.link !== link) return false
  const boundary = x0 - (run.lastX + run.lastAdvance)
  if (count > 1 && !(Math.abs(0 - boundary) < 1e-4)) return false
  if (run.tc !== undefined && !(Math.abs(run.tc - boundary) < 1e-4)) return false
  run.tc = boundary
  return true
}

function toRun(run: Readonly<Building>, options: Readonly<Options>): GlyphRun {
  const tc = run.glyphs.length > 1 ? run.secondX - (run.firstX + run.firstAdvance) : 0
  const s = options.offsets[run.start]
  const e = options.offsets[run.end - 1]
  // Note: the keys in the order the page model has always had them (its JSON is compared byte for byte).
  const out = {font: options.fontKey, sizePt: options.sizePt, xPt: run.firstX, text: run.text, characterSpacingPt: Math.abs(tc) < 1e-9 ? 0 : tc} as GlyphRun
  if (run.features) out.features = run.features
  out.glyphs = run.glyphs
  out.widthPt = run.lastX + run.lastAdvance - run.firstX
  if (s !== undefined && e !== undefined) out.source = {start: s, end: e + 1}
  if (run.link) out.link = run.link
  return out
}
