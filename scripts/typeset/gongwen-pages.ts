/**
 * The 公文's last steps on the flowed pages (scripts/typeset/GONGWEN.md §7.3.5.5, §7.4, §7.5):
 * - the signature block never stands alone on a page: if flow carried any of it over, it comes back to the page of
 *   the body's last line, whose lines are set closer to make room (the standard's "调整行距");
 * - the 版记 at the foot of the last even page, its last rule on the type area's bottom edge; a page added for it
 *   (and a blank page before it) carries no number;
 * - the empty lines flow kept in place are removed.
 */
import type {GongwenMeta} from '../model/gongwen.ts'
import type {Line, OutlineEntry, Page, Rule} from './page-model.ts'
import {areaLeftPt} from './flow.ts'
import {labelled} from './gongwen-blocks.ts'
import {baselineIn, mm, placed, roleStyle, setOne, shift, type TextContext} from './gongwen-text.ts'
import {cnDate} from '../dates.ts'

/** The closest a page's lines may be set to make room for the signature block, as a share of the grid's pitch. */
const MIN_PITCH = 0.8

const isLine = (item: Page['items'][number]): item is Line => item.kind === 'line'

/**
 * Keep the signature block on the page of the body's last line, tightening that page's line pitch if needed.
 * @param pages the flowed pages (changed in place; pages left empty are removed)
 * @param outline the outline (its page indexes follow)
 * @param ctx profile
 * @param firstOffsetPt where page 1's flowed lines start under the type area's top
 */
export function keepSignature(pages: Page[], outline: OutlineEntry[], ctx: TextContext, firstOffsetPt: number): void {
  const g = ctx.profile.geometry
  const at = pages.findIndex((page) => page.items.some((item) => isLine(item) && item.role === 'signature'))
  if (at < 0) return
  const group = pages.flatMap((page) => page.items.filter((item): item is Line => isLine(item) && item.role === 'signature'))
  // The page of the last line before the block that draws something.
  let home = at
  const before = (page: Page): Line[] => page.items.filter((item): item is Line => isLine(item) && item.role !== 'signature' && item.role !== 'masthead')
  const firstSig = pages[at]!.items.findIndex((item) => isLine(item) && item.role === 'signature')
  const drawnBefore = pages[at]!.items.slice(0, firstSig).some((item) => isLine(item) && item.role !== 'masthead' && item.runs.length > 0)
  if (!drawnBefore && at > 0) home = at - 1
  const sameHome = group.every((line) => pages[home]!.items.includes(line)) && (drawnBefore || at === 0)
  if (sameHome) return
  // Note: where each moved line was, so that it follows its new page's left edge (mirrored margins).
  const origin = new Map<Line, number>()
  for (const p of pages) for (const item of p.items) if (isLine(item)) origin.set(item, p.index)
  for (const page of pages) page.items = page.items.filter((item) => !group.includes(item as Line))
  const page = pages[home]!
  const flowed = before(page)
  const top = g.topPt + (page.index === 1 ? firstOffsetPt : 0)
  // Each line keeps its grid slot (the empty lines flow left stay); the block follows the page's last line.
  const slotOf = (line: Line): number => Math.round((line.yPt - top) / g.linePitchPt)
  const lastSlot = Math.max(-1, ...flowed.map(slotOf))
  const pitch = (g.topPt + g.areaHeightPt - top) / (lastSlot + 1 + group.length)
  // Note: a heading's bookmark on the home page follows its line (matched by the line's old top).
  const marks = outline.filter((entry) => entry.page === home)
  const move = (line: Line, y: number): void => {
    for (const entry of marks) if (Math.abs(entry.yPt - line.yPt) < 0.01 && line.role.startsWith('h')) entry.yPt = y
    line.baselinePt += y - line.yPt
    line.yPt = y
  }
  if (pitch >= MIN_PITCH * g.linePitchPt) {
    const slots = new Map<Line, number>([...flowed.map((line) => [line, slotOf(line)] as const), ...group.map((line, k) => [line, lastSlot + 1 + k] as const)])
    for (const [line, slot] of slots) move(line, top + slot * Math.min(g.linePitchPt, pitch))
    page.items.push(...group)
  } else {
    // Closer than that would crowd the lines: the body's last line goes over with the block instead (§7.3.5.5).
    const carried = flowed.filter((line) => slotOf(line) === lastSlot)
    page.items = page.items.filter((item) => !carried.includes(item as Line))
    // Note: on the page the block had gone to when flow left it alone there, else on a page of its own after this one.
    let next = pages[home + 1]
    if (!next || next.items.length > 0) {
      pages.splice(home + 1, 0, (next = {index: 0, widthPt: page.widthPt, heightPt: page.heightPt, items: []}))
      for (const entry of outline) if (entry.page > home) entry.page++
    }
    for (const line of carried) move(line, g.topPt)
    group.forEach((line, k) => move(line, g.topPt + (1 + k) * g.linePitchPt))
    next.items = [...carried, ...group]
  }
  // Pages the block alone stood on are gone; the pages after move up.
  for (let i = pages.length - 1; i > home; i--) {
    if (pages[i]!.items.length === 0) {
      pages.splice(i, 1)
      for (const entry of outline) if (entry.page >= i) entry.page--
    }
  }
  pages.forEach((p, i) => (p.index = i + 1))
  for (const p of pages) {
    for (const item of p.items) {
      const from = isLine(item) ? origin.get(item) : undefined
      if (!isLine(item) || from === undefined || from === p.index) continue
      const dx = areaLeftPt(ctx.profile, p.index) - areaLeftPt(ctx.profile, from)
      if (dx === 0) continue
      item.xPt += dx
      item.runs = shift(item.runs, dx)
    }
  }
}

/**
 * Remove the empty lines flow kept (they hold a grid line, draw nothing).
 * @param pages the pages
 */
export function dropBlankLines(pages: Page[]): void {
  for (const page of pages) page.items = page.items.filter((item) => !isLine(item) || item.runs.length > 0)
}

/**
 * Place the 版记 (§7.4) at the foot of the last even page (a letter: of the last page, without rules or 印发 line).
 * @param pages the pages (pages are added when needed, marked `unnumbered`)
 * @param gw the 公文 front matter
 * @param ctx profile, fonts, file
 * @returns the rules and lines placed, or undefined when the 公文 has no 版记
 */
export function placeImprint(pages: Page[], gw: GongwenMeta, ctx: TextContext, options: {recipients?: boolean} = {}): {page: Page; items: (Line | Rule)[]} | undefined {
  // Note: 主送机关 that would have pushed the body off the first page come here, set like 抄送 above it (§7.3.2).
  const imprint = gw.imprint ?? (options.recipients ? {cc: []} : undefined)
  if (!imprint) return undefined
  const {profile} = ctx
  const g = profile.geometry
  const letter = gw.kind === 'letter'
  const pitch = g.linePitchPt
  const body = roleStyle(profile, 'body')
  // 四号 at the official scale: 14/16 of the body's size.
  const style = {...body, sizePt: (body.sizePt * 14) / 16, cellPt: undefined}
  const em = style.sizePt
  const cc = [
    ...(options.recipients ? labelled('主送：', `${gw.recipients.join('，')}。`, style, style, em, g.measurePt - em, ctx) : []),
    ...(imprint.cc.length > 0 ? labelled('抄送：', `${imprint.cc.join('，')}。`, style, style, em, g.measurePt - em, ctx) : []),
  ]
  const printLine = !letter && (imprint.printer || imprint.printed)
  const rows = cc.length + (printLine ? 1 : 0)
  if (rows === 0) return undefined
  const need = rows * pitch
  const bottom = g.topPt + g.areaHeightPt
  const free = (page: Page): number => bottom - Math.max(g.topPt, ...page.items.filter((item): item is Line => isLine(item) && item.role !== 'footer' && item.runs.length > 0).map((line) => line.yPt + pitch))
  const add = (): Page => {
    const page: Page = {index: pages.length + 1, widthPt: g.pageWidthPt, heightPt: g.pageHeightPt, unnumbered: true, items: []}
    pages.push(page)
    return page
  }
  let page = pages[pages.length - 1]!
  if (letter) {
    if (free(page) < need) page = add()
  } else {
    if (page.index % 2 === 1 || free(page) < need) {
      if (page.index % 2 === 0) add()
      page = add()
      // Note: a blank page added before it carries no number either (§7.5).
    }
  }
  const L = areaLeftPt(profile, page.index)
  const W = g.measurePt
  const items: (Line | Rule)[] = []
  const rule = (y: number, widthMm: number): Rule => ({kind: 'rule', x1Pt: L, y1Pt: y, x2Pt: L + W, y2Pt: y, widthPt: mm(profile, widthMm)})
  const firstTop = bottom - rows * pitch
  cc.forEach((line, i) => {
    const top = firstTop + i * pitch
    items.push(placed('imprint', shift(line.runs, L), top, baselineIn(top, pitch, style.sizePt), L, W))
  })
  if (printLine) {
    const top = bottom - pitch
    const runs = []
    if (imprint.printer) runs.push(...shift(setOne(imprint.printer, style, ctx).runs, L + em))
    if (imprint.printed) {
      const date = setOne(`${cnDate(imprint.printed)}印发`, style, ctx)
      runs.push(...shift(date.runs, L + W - em - date.widthPt))
    }
    items.push(placed('imprint', runs, top, baselineIn(top, pitch, style.sizePt), L, W))
  }
  if (!letter) {
    // Rules (§7.4.1): the first and the last 0.35 mm, the last on the type area's bottom edge; 0.25 mm between items.
    items.unshift(rule(firstTop, 0.35))
    if (cc.length > 0 && printLine) items.push(rule(bottom - pitch, 0.25))
    items.push(rule(bottom, 0.35))
  }
  page.items.push(...items)
  return {page, items}
}

/**
 * Remove the page numbers of pages that carry none: pages added for the 版记, and a letter's first page (§10.1).
 * @param pages the numbered pages
 * @param gw the 公文 front matter
 */
export function unnumber(pages: Page[], gw: GongwenMeta): void {
  for (const page of pages) {
    if (page.unnumbered || (gw.kind === 'letter' && page.index === 1)) {
      page.items = page.items.filter((item) => !(isLine(item) && item.role === 'footer'))
      delete page.label
    }
  }
}
