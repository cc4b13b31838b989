/**
 * Finish pages last (cf. typst `pages/finalize.rs`): page numbers `— 1 —`, 四号, the line's top
 * 7 mm below the type area; odd pages flush right one character in, even pages flush left one
 * character in (GB/T 9704 §7.5; RULES.md §1).
 */
import {PT_PER_MM, type Profile} from '../profile.ts'
import type {LoadedFont} from './fonts.ts'
import type {Page} from './page-model.ts'
import {areaLeftPt} from './flow.ts'
import {shapeText} from './shape.ts'

/** Options of {@link finishPages}. */
export interface Options {
  profile: Profile
  fonts: ReadonlyMap<string, LoadedFont>
  /** The printed number of the first page (the booklet numbers after its cover). */
  firstNumber?: number
}

/**
 * Add page numbers to pages in place, and their labels.
 * @param pages the flowed pages
 * @param options profile, fonts, the first page's number
 */
export function finishPages(pages: Page[], options: Readonly<Options>): Page[] {
  const {profile} = options
  const spec = profile.pageNumber
  const g = profile.geometry
  const loaded = options.fonts.get(spec.font)
  if (!loaded) throw new Error(`pages: font \`${spec.font}\` is not loaded`)
  const first = options.firstNumber ?? 1
  for (const page of pages) {
    const n = page.index - 1 + first
    if (n < spec.startAt) continue
    const text = spec.format.replace('{n}', String(n))
    const glyphs = shapeText(loaded.font, text)
    const widthPt = glyphs.reduce((a, g) => a + g.advance, 0) * spec.size / loaded.font.unitsPerEm
    const left = areaLeftPt(profile, page.index)
    const inset = spec.insetChars * spec.size
    const right = spec.placement === 'right' || (spec.placement === 'outer' && n % 2 === 1)
    const x = spec.placement === 'center' ? left + (g.measurePt - widthPt) / 2 : right ? left + g.measurePt - inset - widthPt : left + inset
    const yPt = g.topPt + g.areaHeightPt + spec.below * PT_PER_MM
    page.label = String(n)
    page.items.push({
      kind: 'line', role: 'footer', block: -1, yPt, baselinePt: yPt + 0.88 * spec.size, xPt: x, measurePt: widthPt, last: true,
      runs: [{font: spec.font, sizePt: spec.size, xPt: x, text, characterSpacingPt: 0, glyphs, widthPt}],
    })
  }
  return pages
}
