/**
 * Test helper: set a text with the official body font on the character grid at a measure in cells.
 */
import type {LoadedFont} from '../../scripts/typeset/fonts.ts'
import {layoutParagraph, type ParagraphLine} from '../../scripts/typeset/paragraph.ts'
import {shape, type ShapedUnit} from '../../scripts/typeset/shape.ts'
import {toUnits} from '../../scripts/typeset/units.ts'
import type {Options as BreakOptions} from '../../scripts/typeset/linebreak.ts'
import {official} from './context.ts'

/** The official grid cell (442.2 pt / 28). */
export const CELL = 442.2047244094489 / 28

/** A font of the official profile by key. */
export async function font(key = 'body'): Promise<LoadedFont> {
  const {fontCache, profile} = await official()
  return fontCache.forProfile(profile).get(key)!
}

/**
 * Lines of a text set at `cells` cells, no indent, 16 pt on the grid.
 * @param text the text
 * @param cells the measure in grid cells
 */
export async function setText(text: string, cells: number, options: {key?: string; overflow?: (s: number, e: number) => void; indentCells?: number; rangeBreakPenalty?: number} = {}): Promise<ParagraphLine[]> {
  const loaded = await font(options.key)
  return layoutParagraph({text, offsets: [...text].map(() => undefined), links: [...text].map(() => undefined)}, {
    fontKey: options.key ?? 'body', font: loaded.font, sizePt: 16, cellPt: CELL, xPt: 0, measurePt: cells * CELL,
    firstIndentPt: (options.indentCells ?? 0) * CELL, cjkLatinSpacePt: CELL / 4, lineStartOpening: 'full', justify: true, maxLoosenessEm: 0.12, rangeBreakPenalty: options.rangeBreakPenalty ?? 10000,
    ...(options.overflow ? {onOverflow: options.overflow} : {}),
  })
}

/**
 * Shaped units and break options for direct linebreak tests.
 * @param text the text
 * @param cells the measure in grid cells
 */
export async function unitsOf(text: string, cells: number): Promise<{units: ShapedUnit[]; options: BreakOptions}> {
  const loaded = await font()
  return {
    units: shape(toUnits(text), {font: loaded.font, sizePt: 16, cellPt: CELL}),
    options: {measurePt: cells * CELL, firstIndentPt: 0, emPt: CELL, cjkLatinSpacePt: CELL / 4, lineStartOpening: 'full'},
  }
}
