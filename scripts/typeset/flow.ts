/**
 * Blocks → lines on the profile's grid → pages (RULES.md §1, §7).
 * Every line takes one grid line; the title's lines are centred and followed by one empty grid
 * line; a heading never ends a page. Lines are set at x = 0 and moved to each page's margin here.
 */
import type {Profile, RoleName} from '../profile.ts'
import type {LoadedFont} from './fonts.ts'
import type {Line, OutlineEntry, Page, Role} from './page-model.ts'
import {layoutParagraph, type Collected, type Options as ParagraphOptions, type ParagraphLine} from './paragraph.ts'
import {toUnits} from './units.ts'
import {shape} from './shape.ts'
import {breakTitle} from './title.ts'
import {flowTable, type TableColumns, type TableSource} from './table.ts'

/** A block to flow: its text and how it is set. */
export interface FlowBlock {
  /** The page-model role (structure tag and dump). */
  role: Role
  /** The profile role that gives font, size and indent. */
  profileRole: RoleName
  /** Index of the model block (-1 for the title and blocks made by layout). */
  block: number
  collected: Collected
  /** Headings go to the outline and never end a page. */
  heading?: {level: number; title: string}
  /** Title lines fixed by the source. */
  titleLines?: string[]
  /** Start a new page before this block. */
  pageBreakBefore?: boolean
  /** Leave this many empty grid lines after the block. */
  spaceAfterLines?: number
  /** A table (typeset/table.ts): `collected` is then empty and the table is set by flowTable. */
  table?: TableSource
  /** Lines already set by the caller (x from the measure's left edge), placed as they are (typeset/gongwen-blocks.ts). */
  preset?: PresetLine[]
}

/** A line set by the caller: its runs, and whether it ends its block. */
export interface PresetLine {
  runs: ParagraphLine['runs']
  widthPt: number
  last: boolean
  sizePt: number
}

/** Options of {@link flow}. */
export interface Options {
  profile: Profile
  fonts: ReadonlyMap<string, LoadedFont>
  /** Called for a run longer than the measure (block index, block-text offsets). */
  onOverflow?: (block: FlowBlock, start: number, end: number) => void
  /** Told each table's columns (the model block's index) once they are set. */
  onTableColumns?: (block: number, columns: TableColumns) => void
  /** The first page's lines start this far below the top of the type area (a 公文's masthead above them). */
  firstPageOffsetPt?: number
}

/** The left edge of the type area on a page (1-based physical index): mirrored on even pages when asked. */
export function areaLeftPt(profile: Profile, index: number): number {
  const g = profile.geometry
  return profile.page.mirror && index % 2 === 0 ? g.outerPt : g.innerPt
}

/**
 * Set the blocks into lines and fill the pages' grid lines from the top.
 * @param blocks what to set, in reading order
 * @param options the profile and its fonts
 * @returns pages (without page numbers) and the outline
 */
export function flow(blocks: readonly FlowBlock[], options: Readonly<Options>): {pages: Page[]; outline: OutlineEntry[]} {
  const {profile} = options
  const g = profile.geometry
  const perPage = profile.grid.linesPerPage
  const pages: Page[] = []
  const outline: OutlineEntry[] = []
  let slot = perPage // Note: forces a first page.
  // Note: the first page may start lower (a 公文's masthead): it holds the grid lines that fit below that offset.
  const offset = options.firstPageOffsetPt ?? 0
  const firstCapacity = Math.max(1, Math.floor((g.areaHeightPt - offset) / g.linePitchPt + 1e-6))
  const capacity = (): number => (pages.length === 1 ? firstCapacity : perPage)
  const newPage = (): void => {
    pages.push({index: pages.length + 1, widthPt: g.pageWidthPt, heightPt: g.pageHeightPt, items: []})
    slot = 0
  }
  // Note: a table's rows are set by flowTable; it has no lines of its own here.
  const sets = blocks.map((block) => (block.table ? NO_LINES : setBlock(block, options)))
  for (const [index, block] of blocks.entries()) {
    if (block.table) {
      // Note: a table on a first page that starts lower (a 公文's masthead) starts that many grid lines further down,
      // rounded up to the grid (flowTable counts its lines from the type area's top); the text after it follows it.
      if (pages.length === 0) newPage()
      const onFirst = pages.length === 1 && offset > 0 && slot < firstCapacity
      const shiftSlots = onFirst ? Math.ceil(offset / g.linePitchPt - 1e-6) : 0
      const before = pages.length
      slot += shiftSlots
      slot = flowTable(block.table, block.block, profile, options.fonts, {
        slot, pages, newPage, areaLeft: (index) => areaLeftPt(profile, index),
        breakBefore: (turn) => {
          const carried = carryHeading(pages, outline, newPage, profile, turn, slot)
          // Note: -1: nothing moved and no page was started; the table goes on where it is.
          if (carried >= 0) slot = carried
          return slot
        },
        onOverflow: (collected, start, end) => options.onOverflow?.({...block, collected}, start, end),
        onColumns: (columns) => options.onTableColumns?.(block.block, columns),
      })
      // Note: back in the text's own slots, never above the table's last line (the offset is not whole grid lines).
      if (shiftSlots > 0 && pages.length === before) slot -= Math.floor(offset / g.linePitchPt + 1e-6)
      continue
    }
    const set = sets[index]!
    if (set.lines.length === 0) continue
    if (block.pageBreakBefore && slot > 0) newPage()
    // Note: a heading is never the last line of a page (RULES.md §7): it needs a line after it.
    const need = block.heading ? keepWithNext(blocks, sets, index) : 1
    if (slot + Math.min(need, perPage) > capacity()) newPage()
    set.lines.forEach((line, i) => {
      if (slot >= capacity()) newPage()
      const page = pages[pages.length - 1]!
      const left = areaLeftPt(profile, page.index)
      const topPt = g.topPt + (page.index === 1 ? offset : 0) + slot * g.linePitchPt
      // Note: the em box is centred in the grid line (ideographic em box: 0.88 em above the baseline).
      const baselinePt = topPt + (g.linePitchPt - set.sizePt) / 2 + 0.88 * set.sizePt
      const shift = left + (set.centred ? (g.measurePt - line.widthPt) / 2 : 0)
      const placed: Line = {
        kind: 'line', role: block.role, block: block.block, yPt: topPt, baselinePt, xPt: left, measurePt: g.measurePt, last: line.last,
        runs: block.preset ? line.runs.map((run) => ({...run, xPt: run.xPt + shift})) : moved(line.runs, shift),
      }
      page.items.push(placed)
      if (i === 0 && block.heading) outline.push({title: block.heading.title, level: block.heading.level, page: page.index - 1, yPt: topPt, xPt: left})
      slot++
    })
    slot += block.spaceAfterLines ?? 0
  }
  if (pages.length === 0) newPage()
  return {pages, outline}
}

/**
 * A set line's runs moved right: in place, since setBlock made them for this line alone (a preset line's runs, the
 * caller's, are copied instead).
 */
function moved(runs: ParagraphLine['runs'], shift: number): ParagraphLine['runs'] {
  for (const run of runs) run.xPt = run.xPt + shift
  return runs
}

/**
 * Start a new page, taking along the heading lines that end the current one (a heading never ends a page, also
 * when what follows it is a table kept whole on the next page); its outline entry moves with it. `turn` places the
 * carried lines in a landscape table's turned frame.
 */
function carryHeading(pages: Page[], outline: OutlineEntry[], newPage: () => void, profile: Profile, turn?: (line: Line) => Line, slot = 0): number {
  const from = pages[pages.length - 1]!
  const tail: Line[] = []
  const take = (roles: RegExp): void => {
    for (let last = from.items[from.items.length - 1]; last?.kind === 'line' && roles.test(last.role); last = from.items[from.items.length - 1]) tail.unshift(from.items.pop() as Line)
  }
  take(/^h[1-4]$/)
  // Note: a landscape table that opens an attachment (typeset/gongwen-blocks.ts) takes 附件N and the attachment's
  // title along, turned: the attachment's first page keeps 附件N top-left and the title above the table.
  const opening = turn !== undefined && takeOpening(from, tail)
  // Note: a page holding nothing but the heading keeps it (moving it would leave the page empty): as it is, or turned
  // when the page becomes a landscape table's.
  const alone = tail.length > 0 && from.items.length === 0
  if (alone && !turn) {
    from.items.push(...tail)
    return -1
  }
  if (!alone) newPage()
  const to = pages[pages.length - 1]!
  if (tail.length === 0) return 0
  // Note: an attachment's opening keeps the empty line after its title (flow's slot counts it; no opening is on page 1).
  const pitch = profile.geometry.linePitchPt
  const carried = opening ? slot - Math.round((tail[0]!.yPt - profile.geometry.topPt) / pitch) : tail.length
  const dx = areaLeftPt(profile, to.index) - areaLeftPt(profile, from.index)
  const dy = profile.geometry.topPt - tail[0]!.yPt
  for (const line of tail) {
    const moved = {...line, yPt: line.yPt + dy, baselinePt: line.baselinePt + dy, xPt: line.xPt + dx, runs: line.runs.map((run) => ({...run, xPt: run.xPt + dx}))}
    to.items.push(turn ? turn(moved) : moved)
  }
  // Note: every heading carried keeps its own outline entry (`一、` then `（一）`): each is found by its line's y.
  const ys = new Set(tail.map((line) => line.yPt))
  for (const entry of outline) {
    if (entry.page !== from.index - 1 || !ys.has(entry.yPt)) continue
    entry.page = to.index - 1
    entry.yPt += dy
    entry.xPt += dx
  }
  return carried
}

/**
 * Move an attachment's opening (its `附件N` label lines, then its title lines) that ends a page into `tail`, before
 * the headings already there; leaves the page as it was when the page does not end with one.
 * @param from the page
 * @param tail the lines being carried (changed in place)
 */
function takeOpening(from: Page, tail: Line[]): boolean {
  const items = from.items
  let i = items.length
  const isRole = (k: number, role: string): boolean => items[k - 1]?.kind === 'line' && (items[k - 1] as Line).role === role
  while (i > 0 && isRole(i, 'title')) i--
  if (i === items.length || !isRole(i, 'attachment-label')) return false
  while (i > 0 && isRole(i, 'attachment-label')) i--
  tail.unshift(...(items.splice(i) as Line[]))
  return true
}

/**
 * The grid lines a heading needs on its page: its own, those of the headings right after it (`一、` then `（一）`:
 * a heading followed by a heading is still a heading at the page's foot), and the first line of what follows.
 * @param blocks the blocks
 * @param sets their lines
 * @param index the heading's index
 */
export function keepWithNext(blocks: readonly FlowBlock[], sets: readonly SetBlock[], index: number): number {
  let need = sets[index]!.lines.length
  for (let j = index + 1; j < blocks.length; j++) {
    // Note: a table keeps its caption and first rows with a heading itself (flowTable's breakBefore): count one line.
    if (blocks[j]!.table) return need + 1
    if (sets[j]!.lines.length === 0) continue
    if (blocks[j]!.pageBreakBefore) break
    if (!blocks[j]!.heading) return need + 1
    need += sets[j]!.lines.length
  }
  return need
}

/** A block set into lines, before they go on the grid. */
export interface SetBlock {
  lines: (ParagraphLine & {last: boolean})[]
  sizePt: number
  centred: boolean
}

const NO_LINES: SetBlock = {lines: [], sizePt: 0, centred: false}

/** The grid cell for a role: the profile's cell when the role has the body's size. */
export function cellFor(profile: Profile, role: RoleName): number | undefined {
  const g = profile.geometry
  return g.cellPt !== undefined && profile.roles[role].size === profile.roles.body.size ? g.cellPt : undefined
}

/**
 * How a block's text is set: font, size, measure, spacing and the line breaker's limits, from the profile.
 * @param block the block
 * @param options the profile and its fonts
 */
export function paragraphOptions(block: FlowBlock, options: Readonly<Options>): ParagraphOptions {
  const {profile, fonts} = options
  const role = profile.roles[block.profileRole]
  const loaded = fonts.get(role.font)
  if (!loaded) throw new Error(`flow: font \`${role.font}\` is not loaded`)
  const cellPt = cellFor(profile, block.profileRole)
  const emPt = cellPt ?? role.size
  const centred = role.align === 'center'
  return {
    fontKey: role.font, font: loaded.font, sizePt: role.size, cellPt, xPt: 0, measurePt: profile.geometry.measurePt,
    cjkLatinSpacePt: profile.typesetting.cjkLatinSpace === 'quarter' ? emPt / 4 : 0,
    lineStartOpening: profile.typesetting.lineStartOpening,
    maxLoosenessEm: profile.typesetting.maxLooseness, rangeBreakPenalty: profile.typesetting.rangeBreakPenalty,
    onOverflow: (start: number, end: number) => options.onOverflow?.(block, start, end),
    firstIndentPt: centred ? 0 : role.firstLineIndent * emPt, justify: !centred,
  }
}

/**
 * Set one block into lines (also what tests read a line's spacing from).
 * @param block the block
 * @param options the profile and its fonts
 */
export function setBlock(block: FlowBlock, options: Readonly<Options>): SetBlock {
  if (block.preset) return {lines: block.preset.map((l) => ({...l, gapPt: 0, forced: false, gaps: 0, text: l.runs.map((r) => r.text).join('')})), sizePt: block.preset[0]?.sizePt ?? options.profile.roles.body.size, centred: false}
  const role = options.profile.roles[block.profileRole]
  const centred = role.align === 'center'
  const base = paragraphOptions(block, options)
  if (!centred) return {lines: layoutParagraph(block.collected, base), sizePt: role.size, centred}
  // Centred (title) lines: broken by sense, each set solid.
  const ranges = titleRanges(block, base)
  const lines = ranges.flatMap(([s, e]) => {
    const part: Collected = {text: block.collected.text.slice(s, e), offsets: block.collected.offsets.slice(s, e), links: block.collected.links.slice(s, e)}
    return layoutParagraph(part, base).map((l) => ({...l, last: false}))
  })
  if (lines.length > 0) lines[lines.length - 1]!.last = true
  return {lines, sizePt: role.size, centred}
}

function titleRanges(block: FlowBlock, base: Readonly<ParagraphOptions>): [number, number][] {
  const text = block.collected.text
  if (block.titleLines && block.titleLines.length > 0) {
    const out: [number, number][] = []
    let at = 0
    for (const line of block.titleLines) {
      out.push([at, at + line.length])
      at += line.length
    }
    return out
  }
  const units = shape(toUnits(text), base)
  const emPt = base.cellPt ?? base.sizePt
  return breakTitle(units, {measurePt: base.measurePt, firstIndentPt: 0, emPt, cjkLatinSpacePt: base.cjkLatinSpacePt, lineStartOpening: base.lineStartOpening}).map(({from, to}) => [units[from]!.unit.start, units[to - 1]!.unit.end])
}
