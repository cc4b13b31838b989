/**
 * One block of text → set lines, as five steps (cf. typst `layout_inline_impl`).
 */
import type {GlyphRun} from './page-model.ts'
import {toUnits, type Unit} from './units.ts'
import {shape, type ShapedUnit} from './shape.ts'
import {totalFit, type Options as FitOptions} from './total-fit.ts'
import {justify, type Options as JustifyOptions} from './justify.ts'

/** A block's text with, per character, its source offset and link. */
export interface Collected {
  text: string
  offsets: (number | undefined)[]
  links: (string | undefined)[]
}

/** Options of {@link layoutParagraph}: those of justify.ts (its offsets and links come from the block's text), and more. */
export interface Options extends Omit<JustifyOptions, 'offsets' | 'links'> {
  /** Grid cell, when the text sits on the character grid. */
  cellPt?: number | undefined
  firstIndentPt: number
  cjkLatinSpacePt: number
  lineStartOpening: 'full' | 'half'
  /** The profile's looseness limit (ems per gap) and the penalty of a break after a range's dash (total-fit.ts). */
  maxLoosenessEm: number
  rangeBreakPenalty: number
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
  // 1–2. Collect and shape (shapeBlock).
  const shaped = shapeBlock(collected.text, options)
  // 3. Line break: all the block's breaks together (total fit), compress before push.
  const breaks = totalFit(shaped, fitOptions(options))
  // 4. Justify: spread the slack over the gaps; the last line solid.
  const justifyOptions = {...options, offsets: collected.offsets, links: collected.links}
  // 5. Lines: what flow places on the grid.
  return breaks.map((line) => {
    const set = justify(shaped, line, justifyOptions)
    return {runs: set.runs, widthPt: set.widthPt, gapPt: set.gapPt, last: line.last, forced: line.forced, gaps: set.gaps, text: collected.text.slice(shaped[line.from]!.unit.start, shaped[line.to - 1]!.unit.end)}
  })
}

/**
 * Steps 1 and 2 of {@link layoutParagraph}: the caller gathered the text; cut it into units (Han, marks, words,
 * range halves, URL pieces), then shape every unit (glyphs and advances from fontkit, marks in full cells).
 * @param text the block's text
 * @param options font, size, measure
 */
export function shapeBlock(text: string, options: Readonly<Options>): ShapedUnit[] {
  return splitOverlong(shape(toUnits(text), options), options)
}

/**
 * What the line breaker of {@link layoutParagraph} is given.
 * @param options the paragraph's options
 */
export function fitOptions(options: Readonly<Options>): FitOptions {
  return {
    measurePt: options.measurePt, firstIndentPt: options.firstIndentPt, emPt: options.cellPt ?? options.sizePt, cjkLatinSpacePt: options.cjkLatinSpacePt,
    lineStartOpening: options.lineStartOpening, maxLoosenessEm: options.maxLoosenessEm, rangeBreakPenalty: options.rangeBreakPenalty,
  }
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
