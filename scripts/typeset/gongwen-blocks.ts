/**
 * The 主体 of a 公文 as blocks to flow (scripts/typeset/GONGWEN.md §7.3): title, 主送机关, body, 纪要's attendance,
 * 附件说明, the signature block (sealed or not, §7.3.5), 附注, then each attachment on a new page opening with
 * `附件N` (§7.3.7). The lines the body's own setter cannot make (hanging indents, right-aligned names) are set
 * here and handed to flow as preset lines.
 */
import type {VFile} from 'vfile'
import type {GongwenMeta} from '../model/gongwen.ts'
import type {Block, Document} from '../model/types.ts'
import type {FlowBlock, PresetLine} from './flow.ts'
import type {Role} from './page-model.ts'
import {blankLine, emOf, join, roleStyle, setLines, setOne, shift, type Style, type TextContext} from './gongwen-text.ts'
import {cnDate} from '../dates.ts'

const preset = (role: Role, lines: PresetLine[], extra: Partial<FlowBlock> = {}): FlowBlock => ({
  role, profileRole: 'body', block: -1, collected: {text: '', offsets: [], links: []}, preset: lines, ...extra,
})

/**
 * A label and a list after it, wrapping aligned after the label (`出席：王某某、…`, `抄送：…`).
 * @param label the label, e.g. `抄送：`
 * @param text the list's text
 * @param labelStyle the label's style
 * @param style the list's style
 * @param leftPt where the label starts
 * @param rightPt where lines end at the latest
 * @param ctx profile, fonts, file
 */
export function labelled(label: string, text: string, labelStyle: Style, style: Style, leftPt: number, rightPt: number, ctx: TextContext): PresetLine[] {
  const head = setOne(label, labelStyle, ctx)
  const x = leftPt + head.widthPt
  const lines = setLines(text, style, rightPt - x, ctx, {justify: true})
  return lines.map((line, i) => (i === 0 ? join([{line: head, xPt: leftPt}, {line, xPt: x}], style.sizePt) : {...line, runs: shift(line.runs, x)}))
}

/**
 * What typeset.ts hands over of an ordinary document's blocks (so that this module does not import it).
 */
export interface BaseBlocks {
  doc: Document
  file: VFile
  /** The title block. */
  title: FlowBlock
  /** The body and the related-document line(s), as for any document. */
  body: FlowBlock[]
  /** A model block as a block to flow. */
  toFlowBlock: (block: Block, index: number, file: VFile | undefined) => FlowBlock
}

/**
 * The blocks of a 公文's main part and attachments, in reading order.
 * @param base the document and its ordinary blocks
 * @param gw its 公文 front matter
 * @param ctx the profile to set with, its fonts, the file
 */
export function gongwenBlocks(base: BaseBlocks, gw: GongwenMeta, ctx: TextContext): FlowBlock[] {
  const {profile} = ctx
  const W = profile.geometry.measurePt
  const body = roleStyle(profile, 'body')
  const cell = emOf(body)
  const out: FlowBlock[] = []
  // The title two empty lines under the separator (the offset of the first page does that); an order has none (§10.2).
  if (gw.kind !== 'order') out.push(base.title)
  // 主送机关 (§7.3.2): 顶格, wrapping flush left, a full-width colon after the last.
  if (gw.recipients.length > 0) out.push(preset('recipients', setLines(`${gw.recipients.join('，')}：`, body, W, ctx, {justify: true})))
  out.push(...base.body)
  // 纪要 (§10.3): 出席/请假/列席 one line under the body, 左空二字, the names wrapping after the colon.
  if (gw.minutes) {
    const black = roleStyle(profile, 'heading1')
    const rows: [string, string[]][] = [['出席：', gw.minutes.present], ['请假：', gw.minutes.absent], ['列席：', gw.minutes.attending]]
    const lines = rows.filter(([, names]) => names.length > 0).flatMap(([label, names]) => labelled(label, names.join('、'), black, body, 2 * cell, W, ctx))
    if (lines.length > 0) out.push(preset('attendance', [blankLine(body.sizePt), ...lines]))
  }
  // 附件说明 (§7.3.4): one empty line under the body, 左空二字; several: numbered, the names aligned.
  const attachments = base.doc.attachments ?? []
  if (attachments.length > 0) {
    const lines: PresetLine[] = [blankLine(body.sizePt)]
    const label = setOne('附件：', body, ctx)
    const x = 2 * cell + label.widthPt
    attachments.forEach((a, i) => {
      const text = attachments.length > 1 ? `${a.number}．${a.title}` : a.title
      const set = setLines(text, body, W - x, ctx, {justify: true})
      set.forEach((l, j) => lines.push(i === 0 && j === 0 ? join([{line: label, xPt: 2 * cell}, {line: l, xPt: x}], body.sizePt) : {...l, runs: shift(l.runs, x)}))
    })
    out.push(preset('attachment-note', lines))
  }
  out.push(preset('signature', signature(gw, base.doc.meta.date, ctx)))
  // 附件 (§7.3.7): a new page each, `附件N` 黑体 顶格 on its first line, its title centred on the third.
  for (const a of attachments) {
    const label = setOne(attachments.length > 1 ? `附件${a.number}` : '附件', roleStyle(profile, 'heading1'), ctx)
    out.push(preset('attachment-label', [label, blankLine(body.sizePt)], {pageBreakBefore: true}))
    out.push({role: 'title', profileRole: 'title', block: -1, spaceAfterLines: 1, collected: {text: a.title, offsets: [...a.title].map(() => undefined), links: [...a.title].map(() => undefined)}})
    a.children.forEach((block) => out.push(base.toFlowBlock(block, -1, base.file)))
  }
  return out
}

/**
 * The signature block and the 附注 (§7.3.5, §7.3.6) as lines: the empty lines before it included, so that flow
 * keeps them as one block and gongwen-pages.ts can keep it with the body.
 * @param gw the 公文 front matter
 * @param iso the 成文日期
 * @param ctx profile, fonts, file
 */
export function signature(gw: GongwenMeta, iso: string, ctx: TextContext): PresetLine[] {
  const {profile} = ctx
  const W = profile.geometry.measurePt
  const body = roleStyle(profile, 'body')
  const cell = emOf(body)
  const date = setOne(cnDate(iso), body, ctx)
  const names = gw.issuers.map((n) => setOne(n, body, ctx))
  const lines: PresetLine[] = []
  if (gw.sealed) {
    // Sealed (§7.3.5.1): the seal's top within one line under the text, so the names start on the third line after
    // it; the date 右空四字; one organ centred on the date; several side by side, evenly across the type area.
    lines.push(blankLine(body.sizePt), blankLine(body.sizePt))
    const dateX = W - 4 * cell - date.widthPt
    if (names.length === 1) {
      const name = names[0]!
      lines.push({...name, runs: shift(name.runs, dateX + (date.widthPt - name.widthPt) / 2)})
    } else {
      const column = W / names.length
      lines.push(join(names.map((name, i) => ({line: name, xPt: i * column + (column - name.widthPt) / 2})), body.sizePt))
    }
    lines.push({...date, runs: shift(date.runs, dateX)})
  } else {
    // Unsealed (§7.3.5.2): one empty line, the name 右空二字, the date under it two cells further right; a longer
    // date is 右空二字 and the name moves left to keep that relation. Several organs: one a line, aligned.
    lines.push(blankLine(body.sizePt))
    const nameWidth = Math.max(...names.map((n) => n.widthPt))
    let nameX = W - 2 * cell - nameWidth
    let dateX = nameX + 2 * cell
    if (dateX + date.widthPt > W - 2 * cell) {
      dateX = W - 2 * cell - date.widthPt
      nameX = dateX - 2 * cell
    }
    for (const name of names) lines.push({...name, runs: shift(name.runs, nameX)})
    lines.push({...date, runs: shift(date.runs, dateX)})
  }
  // 附注 (§7.3.6): in round brackets, 左空二字, on the line after the date.
  if (gw.note) {
    const note = setLines(`（${gw.note}）`, body, W - 2 * cell, ctx, {justify: true})
    lines.push(...note.map((l) => ({...l, runs: shift(l.runs, 2 * cell)})))
  }
  return lines
}
