/**
 * The 版头 (masthead) of a 公文's first page, placed at the standard's positions (scripts/typeset/GONGWEN.md §7.2,
 * §10): 份号/密级/紧急 顶格 at the top, the red 发文机关标志 with its top 35 mm under the type area (20 mm for an
 * order, 30 mm from the page's top for a letter), the 发文字号 two lines under it, the red separator 4 mm under the
 * number; the letter's red double rules. Returns the placed items and how far below the type area's top the first
 * flowed line (the title) starts.
 */
import type {GongwenMeta} from '../model/gongwen.ts'
import {UPWARD_KINDS} from '../model/gongwen.ts'
import type {Item, Line, Rule} from './page-model.ts'
import {areaLeftPt} from './flow.ts'
import {baselineIn, emOf, join, mm, placed, roleStyle, scaleOf, setOne, shift, type TextContext} from './gongwen-text.ts'

/** The masthead: its items on page 1 and the first flowed line's offset below the type area's top. */
export interface Head {
  items: Item[]
  offsetPt: number
  /** Where the mark's em box starts and ends, the number's line, the separator (for tests and the dump). */
  marks: {markTopPt: number; markBottomPt: number; markSizePt: number; numberBaselinePt?: number; rulePt?: number}
}

/** The separator's thickness (GB/T 9704 gives none; GONGWEN.md §7.2.6). */
const SEPARATOR_MM = 0.35
/** The letter's double rule: thick over thin (GONGWEN.md §10.1). */
const DOUBLE = {thickMm: 0.8, gapMm: 0.5, thinMm: 0.3}

/**
 * Lay out the masthead of a 公文.
 * @param gw the 公文's front matter
 * @param ctx profile, fonts, file
 */
export function layoutHead(gw: GongwenMeta, ctx: TextContext): Head {
  const {profile} = ctx
  const g = profile.geometry
  const T = g.topPt
  const L = areaLeftPt(profile, 1)
  const W = g.measurePt
  const pitch = g.linePitchPt
  const body = roleStyle(profile, 'body')
  const black = roleStyle(profile, 'heading1')
  const kai = roleStyle(profile, 'heading2')
  const cell = emOf(body)
  const m = gw.masthead
  const items: Item[] = []
  const line = (role: Line['role'], runs: Line['runs'], top: number, size = body.sizePt): Line => placed(role, runs, top, baselineIn(top, pitch, size), L, W)
  const red = (y: number, widthMm: number, x1: number, x2: number): Rule => ({kind: 'rule', x1Pt: x1, y1Pt: y, x2Pt: x2, y2Pt: y, widthPt: mm(profile, widthMm), ink: 'red'})

  // 份号, 密级和保密期限, 紧急程度 (§7.2.1–7.2.3): 顶格, one a line; 份号 in Arabic digits of the body font, the others in 黑体.
  const corner = [
    ...(m.copy ? [setOne(m.copy, body, ctx)] : []),
    ...(m.secrecy ? [setOne(m.secrecy, black, ctx)] : []),
    ...(m.urgency ? [setOne(m.urgency, black, ctx)] : []),
  ]

  // The mark (§7.2.4): the organs stacked and centred as a block, the suffix beside the stack, vertically centred.
  const organs = m.organs
  const title = roleStyle(profile, 'title', 'red')
  const unit = {...title, sizePt: 1, cellPt: undefined}
  const widths = organs.map((o) => setOne(o, unit, {...ctx, file: undefined}).widthPt)
  const suffixWidth = m.suffix ? setOne(m.suffix, unit, {...ctx, file: undefined}).widthPt : 0
  const single = organs.length === 1
  // Note: one organ takes its suffix on its own line (`某某局文件`); a stack has it beside, half an em away.
  const stackWidth = Math.max(...widths) + (single && m.suffix ? suffixWidth : 0)
  const total = stackWidth + (!single && m.suffix ? 0.5 + suffixWidth : 0)
  const markSize = Math.min(profile.gongwen.markSize * scaleOf(profile), W / total)
  const markStyle = {...title, sizePt: markSize}
  const stackPitch = 1.2 * markSize
  const markTop = gw.kind === 'letter' ? mm(profile, 30) : T + mm(profile, gw.kind === 'order' ? 20 : 35)
  const markBottom = markTop + (organs.length - 1) * stackPitch + markSize
  const x0 = L + (W - total * markSize) / 2
  organs.forEach((organ, i) => {
    const text = single && m.suffix ? organ + m.suffix : organ
    const set = setOne(text, markStyle, ctx)
    const x = x0 + (stackWidth * markSize - set.widthPt) / 2
    const top = markTop + i * stackPitch
    items.push(placed('masthead', shift(set.runs, x), top, top + 0.88 * markSize, L, W))
  })
  if (!single && m.suffix) {
    const set = setOne(m.suffix, markStyle, ctx)
    const top = (markTop + markBottom) / 2 - markSize / 2
    items.push(placed('masthead', shift(set.runs, x0 + (stackWidth + 0.5) * markSize), top, top + 0.88 * markSize, L, W))
  }
  const marks: Head['marks'] = {markTopPt: markTop, markBottomPt: markBottom, markSizePt: markSize}

  if (gw.kind === 'letter') return letterHead(items, corner, m.number, marks, ctx)

  corner.forEach((set, i) => items.push(line('masthead', shift(set.runs, L), T + i * pitch)))
  // The number two empty lines under the mark (§7.2.4), centred; upward: 左空一字, with 签发人 右空一字 on its line (§7.2.5).
  const numberTop = markBottom + 2 * pitch
  const number = setOne(m.number, body, ctx)
  const upward = UPWARD_KINDS.includes(gw.kind)
  items.push(line('masthead', shift(number.runs, upward ? L + cell : L + (W - number.widthPt) / 2), numberTop))
  if (upward && m.signers.length > 0) {
    const label = setOne('签发人：', body, ctx)
    const rows: string[][] = []
    for (let i = 0; i < m.signers.length; i += 2) rows.push(m.signers.slice(i, i + 2))
    const names = rows.map((row) => setOne(row.join('　'), kai, ctx))
    const namesWidth = Math.max(...names.map((n) => n.widthPt))
    const namesX = L + W - cell - namesWidth
    names.forEach((set, i) => {
      const top = numberTop - (rows.length - 1 - i) * pitch
      const pieces = [...(i === 0 ? [{line: label, xPt: namesX - label.widthPt}] : []), {line: set, xPt: namesX}]
      items.push(line('masthead', join(pieces, body.sizePt).runs, top))
    })
  }
  const numberBaseline = baselineIn(numberTop, pitch, body.sizePt)
  marks.numberBaselinePt = numberBaseline
  if (gw.kind === 'order') {
    // An order has no separator: the body starts two empty lines under the 令号 (§10.2).
    return {items, offsetPt: numberTop + 3 * pitch - T, marks}
  }
  // The separator 4 mm under the number's em box, as wide as the type area (§7.2.6).
  const ruleY = numberBaseline + 0.12 * body.sizePt + mm(profile, 4)
  items.push(red(ruleY, SEPARATOR_MM, L, L + W))
  marks.rulePt = ruleY
  return {items, offsetPt: ruleY + 2 * pitch - T, marks}
}

/** The letter's head (§10.1): the double rules, the corner items and the number under the first rule. */
function letterHead(items: Item[], corner: ReturnType<typeof setOne>[], number: string, marks: Head['marks'], ctx: TextContext): Head {
  const {profile} = ctx
  const g = profile.geometry
  const L = areaLeftPt(profile, 1)
  const W = g.measurePt
  const pitch = g.linePitchPt
  const body = roleStyle(profile, 'body')
  const long = mm(profile, 170)
  const x1 = L + (W - long) / 2
  const x2 = x1 + long
  const thick = mm(profile, DOUBLE.thickMm)
  const thin = mm(profile, DOUBLE.thinMm)
  const gap = mm(profile, DOUBLE.gapMm)
  const rule = (y: number, w: number): Rule => ({kind: 'rule', x1Pt: x1, y1Pt: y, x2Pt: x2, y2Pt: y, widthPt: w, ink: 'red'})
  // Upper double rule 4 mm under the mark: thick over thin.
  const top = marks.markBottomPt + mm(profile, 4)
  items.push(rule(top + thick / 2, thick), rule(top + thick + gap + thin / 2, thin))
  const under = top + thick + gap + thin
  marks.rulePt = top
  // Lower double rule 20 mm above the page's bottom edge: thin over thick.
  const bottom = g.pageHeightPt - mm(profile, 20)
  items.push(rule(bottom - thick - gap - thin / 2, thin), rule(bottom - thick / 2, thick))
  // Corner items 顶格 and the number at the right edge, their em box 7/8 of a 三号 character under the rule.
  const firstEmTop = under + (7 / 8) * body.sizePt
  const rows = Math.max(1, corner.length)
  for (let i = 0; i < rows; i++) {
    const baseline = firstEmTop + i * pitch + 0.88 * body.sizePt
    const boxTop = baseline - baselineIn(0, pitch, body.sizePt)
    const runs = [...(corner[i] ? shift(corner[i]!.runs, L) : [])]
    if (i === 0) {
      const set = setOne(number, body, ctx)
      runs.push(...shift(set.runs, L + W - set.widthPt))
      marks.numberBaselinePt = baseline
    }
    items.push(placed('masthead', runs, boxTop, baseline, L, W))
  }
  const lastBoxTop = firstEmTop + (rows - 1) * pitch - (pitch - body.sizePt) / 2
  return {items, offsetPt: lastBoxTop + 3 * pitch - g.topPt, marks}
}
