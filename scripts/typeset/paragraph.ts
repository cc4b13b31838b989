/**
 * One block of text → set lines, as five steps (cf. typst `layout_inline_impl`).
 */
import type * as fontkit from 'fontkit'
import type {GlyphRun} from './page-model.ts'
import {toUnits, type Unit} from './units.ts'
import {shape, type ShapedUnit} from './shape.ts'
import {linebreak} from './linebreak.ts'
import {justify} from './justify.ts'

/** A block's text with, per character, its source offset and link. */
export interface Collected {
  text: string
  offsets: (number | undefined)[]
  links: (string | undefined)[]
}

/** Options of {@link layoutParagraph}. */
export interface Options {
  fontKey: string
  font: fontkit.Font
  sizePt: number
  /** Grid cell, when the text sits on the character grid. */
  cellPt?: number | undefined
  xPt: number
  measurePt: number
  firstIndentPt: number
  cjkLatinSpacePt: number
  lineStartOpening: 'full' | 'half'
  /** Justify full lines (body) or set every line solid (title lines). */
  justify: boolean
  /** Called with the block-text offset of a run that was longer than the measure and cut. */
  onOverflow?: (start: number, end: number) => void
}

/** A set line of a block. */
export interface ParagraphLine {
  runs: GlyphRun[]
  widthPt: number
  gapPt: number
  last: boolean
  /** No legal break existed: the line was cut where it was full. */
  forced: boolean
  /** How many gaps could take space (0: one word or one URL, set flush left). */
  gaps: number
  /** Block text of the line. */
  text: string
}

/**
 * Lay out one block's text into lines.
 * @param collected the block's text, offsets and links
 * @param options font, size, measure and spacing, in pt
 */
export function layoutParagraph(collected: Readonly<Collected>, options: Readonly<Options>): ParagraphLine[] {
  if (collected.text === '') return []
  // 1. Collect: the caller gathered the text; cut it into units (Han, marks, words, ranges, URL pieces).
  const units = toUnits(collected.text)
  // 2. Shape: every unit's glyphs and advances from fontkit, marks in full cells.
  const shaped = splitOverlong(shape(units, options), options)
  const emPt = options.cellPt ?? options.sizePt
  // 3. Line break: compress before push.
  const breaks = linebreak(shaped, {measurePt: options.measurePt, firstIndentPt: options.firstIndentPt, emPt, cjkLatinSpacePt: options.cjkLatinSpacePt, lineStartOpening: options.lineStartOpening})
  // 4. Justify: spread the slack over the gaps; the last line solid.
  const set = breaks.map((line) => ({line, set: justify(shaped, line, {...options, offsets: collected.offsets, links: collected.links})}))
  // 5. Lines: what flow places on the grid.
  return set.map(({line, set}) => ({runs: set.runs, widthPt: set.widthPt, gapPt: set.gapPt, last: line.last, forced: line.forced, gaps: set.gaps, text: collected.text.slice(shaped[line.from]!.unit.start, shaped[line.to - 1]!.unit.end)}))
}

// Note: the only overflow fallback (RULES.md §3): a unit wider than the measure is cut into
// characters that may break anywhere; the caller warns `unbreakable-overflow`.
function splitOverlong(shaped: ShapedUnit[], options: Readonly<Options>): ShapedUnit[] {
  if (!shaped.some((u) => u.widthPt > options.measurePt)) return shaped
  const out: ShapedUnit[] = []
  let id = 10_000
  for (const u of shaped) {
    if (u.widthPt <= options.measurePt) {
      out.push(u)
      continue
    }
    options.onOverflow?.(u.unit.start, u.unit.end)
    const url = id++
    const pieces: Unit[] = [...u.unit.text].map((ch, i) => {
      const start = u.unit.start + [...u.unit.text].slice(0, i).join('').length
      return {kind: 'url', text: ch, start, end: start + ch.length, pieces: [{text: ch, start, connector: false}], url}
    })
    out.push(...shape(pieces, options))
  }
  return out
}
