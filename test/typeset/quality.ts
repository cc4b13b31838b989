/**
 * Test helper: what a printing office's proofreader circles, read from the lines layout set (issue: line quality):
 * a justified line looser than the profile's limit, a title broken inside a word (Intl.Segmenter's own boundaries), a
 * number split from its unit, a number range split before its dash, a heading last on a page. The marks read from the
 * set lines' text (title words, number and unit, range, heading at a page's foot) are written from the rules (RULES.md
 * §3, §5–7), not from the breaker's code. The looseness check is not independent: a line's looseness is the gap
 * layout reports (setBlock's gapPt), and whether a loose line was avoidable ({@link withinLimitExists}) is searched
 * with the breaker's own legal breaks (canBreakAfter), widths (measureLine) and stretching gaps (gapStretches), only
 * not with its costs: a wrong rule there would be shared by the breaker and this check.
 */
import type {Profile} from '../../scripts/profile.ts'
import type {LayoutInput} from '../../scripts/editions.ts'
import type {LoadedFont} from '../../scripts/typeset/fonts.ts'
import {cellFor, paragraphOptions, setBlock} from '../../scripts/typeset/flow.ts'
import {gapStretches} from '../../scripts/typeset/justify.ts'
import {canBreakAfter, measureLine} from '../../scripts/typeset/linebreak.ts'
import type {Line} from '../../scripts/typeset/page-model.ts'
import {fitOptions, shapeBlock} from '../../scripts/typeset/paragraph.ts'
import type {ShapedUnit} from '../../scripts/typeset/shape.ts'
import type {Options as FitOptions} from '../../scripts/typeset/total-fit.ts'
import {documentBlocks, typeset} from '../../scripts/typeset/typeset.ts'

/** A line's text and how loose it is. */
export interface SetLineInfo {
  role: string
  text: string
  /** Space added per gap, in ems (grid cells). */
  looseness: number
  last: boolean
  /** A non-last line with no gap that does not reach the measure (set flush left). */
  ragged: boolean
  /** Whether the block could be set with no line looser than the limit (see {@link withinLimitExists}). */
  solvable: () => boolean
}

/** Units and measure words a number must not be split from (a sample from the official documents). */
export const UNIT_AFTER_NUMBER = /^[年月日时分秒个项件次人名家条款章节批座元吨亿万余多倍种类级届期户%‰℃]/u

/**
 * Every block of the document set with a profile, line by line.
 * @param context the document as layout gets it
 * @param profile the profile to set with
 * @param fonts its fonts
 */
export function setLines(context: LayoutInput, profile: Profile, fonts: ReadonlyMap<string, LoadedFont>): SetLineInfo[][] {
  return documentBlocks(context).map((block) => {
    const set = setBlock(block, {profile, fonts})
    const em = cellFor(profile, block.profileRole) ?? profile.roles[block.profileRole].size
    let solvable: boolean | undefined
    const options = paragraphOptions(block, {profile, fonts})
    return set.lines.map((line) => ({
      role: block.role, text: line.text, last: line.last, looseness: set.centred ? 0 : line.gapPt / em,
      ragged: !set.centred && !line.last && line.gaps === 0 && line.widthPt < profile.geometry.measurePt - 0.01,
      solvable: () => (solvable ??= withinLimitExists(shapeBlock(block.collected.text, options), fitOptions(options))),
    }))
  })
}

/**
 * What a proofreader would circle in a document set with a profile (empty when there is nothing).
 * @param context the document as layout gets it
 * @param profile the profile
 * @param fonts its fonts
 * @param unavoidable gets the loose lines of blocks that no breaking can set within the limit
 */
export function proofMarks(context: LayoutInput, profile: Profile, fonts: ReadonlyMap<string, LoadedFont>, unavoidable: string[] = []): string[] {
  const marks: string[] = []
  const limit = profile.typesetting.maxLooseness
  const words = new Intl.Segmenter('zh', {granularity: 'word'})
  for (const lines of setLines(context, profile, fonts)) {
    lines.forEach((line, i) => {
      const loose = line.role !== 'title' && !line.last && line.looseness > limit + 1e-9
      if (loose || line.ragged) (line.solvable() ? marks : unavoidable).push(`${line.ragged ? 'ragged' : `loose ${line.looseness.toFixed(3)} em`}: ${line.text}`)
      const next = lines[i + 1]
      if (!next) return
      if (/\d$/u.test(line.text) && UNIT_AFTER_NUMBER.test(next.text)) marks.push(`number split from its unit: ${line.text}|${next.text}`)
      if (/\d$/u.test(line.text) && /^[—～\-–]\d/u.test(next.text)) marks.push(`range split before its dash: ${line.text}|${next.text}`)
    })
    if (lines[0]?.role === 'title' && lines.length > 1) {
      const text = lines.map((l) => l.text).join('')
      const bounds = new Set([...words.segment(text)].map((s) => s.index))
      let at = 0
      for (const line of lines.slice(0, -1)) {
        at += line.text.length
        if (!bounds.has(at)) marks.push(`title broken inside a word: ${text.slice(0, at)}|${text.slice(at)}`)
      }
    }
  }
  for (const page of typeset(context, {profile, fonts}).pages) {
    const body = page.items.filter((i): i is Line => i.kind === 'line' && i.role !== 'footer')
    if (/^h/u.test(body.at(-1)?.role ?? '')) marks.push(`heading last on page ${page.index}: ${body.at(-1)!.runs.map((r) => r.text).join('')}`)
  }
  return marks
}

/**
 * The loosest justified line of a document (title lines are set solid, not justified).
 * @param context the document as layout gets it
 * @param profile the profile
 * @param fonts its fonts
 */
export function loosest(context: LayoutInput, profile: Profile, fonts: ReadonlyMap<string, LoadedFont>): {looseness: number; text: string} {
  let out = {looseness: 0, text: ''}
  for (const lines of setLines(context, profile, fonts)) for (const l of lines) if (l.role !== 'title' && !l.last && l.looseness > out.looseness) out = {looseness: l.looseness, text: l.text}
  return out
}

/**
 * Whether some choice of legal breaks sets every line of a block within the limit: no justified line looser than
 * the limit, none set flush left short of the measure, none more than half an em over it after compressing its
 * line-end mark, and none over it at all unless pushed in at a forbidden break (a search over every break,
 * independent of the breaker's costs, but using its legal breaks, widths and stretching gaps).
 * @param units the block's shaped units
 * @param options measure, em, limit
 */
export function withinLimitExists(units: readonly ShapedUnit[], options: Readonly<FitOptions>): boolean {
  const n = units.length
  const reach = new Array<boolean>(n + 1).fill(false)
  reach[0] = true
  for (let s = 0; s < n; s++) {
    if (!reach[s]) continue
    for (let e = s; e < n; e++) {
      const plain = measureLine(units, s, e, options, {first: s === 0, compressEnd: false}).naturalPt
      if (plain > options.measurePt + 2 * options.emPt) break
      if (e < n - 1 && !canBreakAfter(units, e, options.measurePt)) continue
      if (lineWithinLimit(units, s, e, options)) reach[e + 1] = true
    }
  }
  return reach[n]!
}

/**
 * Whether the line [s, e] can be set within the limit (see {@link withinLimitExists}).
 * @param units shaped units
 * @param s first unit
 * @param e last unit
 * @param options measure, em, limit
 */
export function lineWithinLimit(units: readonly ShapedUnit[], s: number, e: number, options: Readonly<FitOptions>): boolean {
  const closing = units[e]!.unit.kind === 'closing' || units[e]!.unit.kind === 'stop'
  let width = measureLine(units, s, e, options, {first: s === 0, compressEnd: false}).naturalPt
  if (width > options.measurePt + 0.001 && closing) width = measureLine(units, s, e, options, {first: s === 0, compressEnd: true}).naturalPt
  const trailingSpace = e > s && units[e]!.unit.kind === 'space'
  let gaps = 0
  for (let k = s; k < e; k++) if (!(trailingSpace && k === e - 1) && gapStretches(units, k)) gaps++
  const over = width - options.measurePt
  if (over > options.emPt / 2 + 0.001) return false
  if (over > 0.001) {
    // Push-in only where no legal break lies between what fits at natural width and e (RULES.md §4).
    let full = s
    while (full < e && measureLine(units, s, full + 1, options, {first: s === 0, compressEnd: false}).naturalPt <= options.measurePt + 0.001) full++
    for (let k = full; k < e; k++) if (canBreakAfter(units, k, options.measurePt)) return false
    return gaps > 0
  }
  if (e === units.length - 1) return true
  if (gaps === 0) return -over <= 0.001
  return -over / gaps / options.emPt <= options.maxLoosenessEm + 1e-9
}
