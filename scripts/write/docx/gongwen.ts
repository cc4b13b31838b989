/**
 * A 公文's parts in the Word edition (scripts/typeset/GONGWEN.md), as a secretariat builds them by hand: each element
 * in its own named paragraph style (发文机关标志, 发文字号, 主送机关, 附件说明, 署名, 成文日期, 附注, 附件标识, 抄送,
 * 印发, 版头要素, 出席), the red separator as the 发文字号 paragraph's red bottom border, a joint mark as a table
 * without borders (the names stacked, 文件 beside them), attachments after page breaks, and the 版记 as a table
 * floating at the foot of the type area, so that it stays there while the clerk edits. Horizontal positions the
 * styles cannot say (the signature's) come from the official layout (typeset/gongwen-blocks.ts), as the title's
 * lines do.
 */
import {
  AlignmentType, BorderStyle, LineRuleType, Paragraph, Table, TableAnchorType, TableCell, TableRow,
  TableLayoutType, TabStopType, TextRun, VerticalAlignTable, WidthType, type FileChild, type IParagraphStyleOptions, type ICharacterStyleOptions,
} from 'docx'
import {UPWARD_KINDS, type GongwenMeta} from '../../model/gongwen.ts'
import type {Block} from '../../model/types.ts'
import type {Context} from '../../editions.ts'
import type {Profile} from '../../profile.ts'
import {PT_PER_MM} from '../../profile.ts'
import type {GongwenWordLayout} from '../../typeset/page-model.ts'
import type {SectionTwips} from './styles.ts'
import {cnDate} from '../../dates.ts'

/** The 公文 styles: ids (ASCII, stable) and the names Word shows. */
export const GONGWEN_STYLES = {
  corner: ['GwCorner', '版头要素'], mark: ['GwMark', '发文机关标志'], number: ['GwNumber', '发文字号'], recipients: ['GwRecipients', '主送机关'],
  attachmentNote: ['GwAttachmentNote', '附件说明'], issuer: ['GwIssuer', '署名'], date: ['GwDate', '成文日期'], note: ['GwNote', '附注'],
  attachmentLabel: ['GwAttachmentLabel', '附件标识'], cc: ['GwCc', '抄送'], printed: ['GwPrinted', '印发'], attendance: ['GwAttendance', '出席'],
} as const
/** The 签发人's names (楷体), a character style. */
export const SIGNER_STYLE = ['GwSigner', '签发人姓名'] as const

const TWIP_PER_PT = 20
const twips = (pt: number): number => Math.round(pt * TWIP_PER_PT)
const mmTw = (mm: number): number => twips(mm * PT_PER_MM)

function font(profile: Profile, key: string): {eastAsia: string; ascii: string; hAnsi: string; cs: string; hint: 'eastAsia'} {
  const family = profile.fonts[key]!.family
  const latin = profile.docx.latinFont
  return {eastAsia: family, ascii: latin, hAnsi: latin, cs: latin, hint: 'eastAsia'}
}

/**
 * The 公文 paragraph and character styles, from the profile.
 * @param profile the profile
 * @param section the section's geometry (pitch, measure)
 * @param gw the 公文 front matter
 * @param word the places the official layout decided (the mark's size)
 */
export function gongwenStyles(profile: Profile, section: SectionTwips, gw: GongwenMeta, word: GongwenWordLayout): {paragraphStyles: IParagraphStyleOptions[]; characterStyles: ICharacterStyleOptions[]} {
  const pitch = section.linePitch
  const red = profile.gongwen.red.rgb.slice(1).toUpperCase()
  const cell = section.measure / (profile.grid.charsPerLine ?? 28)
  const exact = {before: 0, after: 0, line: pitch, lineRule: LineRuleType.EXACT}
  const flush = {firstLine: 0, firstLineChars: 0}
  const black = font(profile, profile.roles.heading1.font)
  const mark = word.markSizePt
  const imprintSize = (profile.roles.body.size * 14) / 16
  const style = (key: keyof typeof GONGWEN_STYLES, paragraph: IParagraphStyleOptions['paragraph'], run: IParagraphStyleOptions['run'] = {}): IParagraphStyleOptions => ({
    id: GONGWEN_STYLES[key][0], name: GONGWEN_STYLES[key][1], basedOn: 'Normal', next: 'Normal', quickFormat: true, paragraph, run,
  })
  return {
    paragraphStyles: [
      style('corner', {spacing: exact, indent: flush, alignment: AlignmentType.LEFT}, {font: black}),
      // The mark: red, centred, its top 35 mm under the type area (the corner lines above it take their grid lines).
      style('mark', {spacing: {before: 0, after: 0, line: twips(mark * 1.2), lineRule: LineRuleType.EXACT}, indent: flush, alignment: AlignmentType.CENTER},
        {font: font(profile, profile.roles.title.font), size: Math.round(mark * 2), sizeComplexScript: Math.round(mark * 2), color: red, characterSpacing: 0}),
      // The number two lines under the mark, the red separator 4 mm under it as the paragraph's bottom border.
      style('number', {
        spacing: {before: 2 * pitch, after: 2 * pitch, line: pitch, lineRule: LineRuleType.EXACT}, indent: flush, alignment: UPWARD_KINDS.includes(gw.kind) ? AlignmentType.LEFT : AlignmentType.CENTER,
        ...(gw.kind === 'order' ? {} : {border: {bottom: gw.kind === 'letter' ? {style: BorderStyle.NONE, size: 0, color: 'auto'} : {style: BorderStyle.SINGLE, size: 8, space: 11, color: red}}}),
      }),
      style('recipients', {spacing: exact, indent: flush, alignment: AlignmentType.BOTH}),
      style('attachmentNote', {spacing: exact, indent: {left: Math.round(5 * cell), hanging: Math.round(3 * cell), firstLine: 0, firstLineChars: 0}, alignment: AlignmentType.LEFT}),
      style('issuer', {spacing: exact, indent: flush, alignment: AlignmentType.LEFT, keepNext: true}),
      style('date', {spacing: exact, indent: flush, alignment: AlignmentType.LEFT, keepNext: true}),
      style('note', {spacing: exact, indent: {left: Math.round(2 * cell), firstLine: 0, firstLineChars: 0}, alignment: AlignmentType.LEFT}),
      style('attachmentLabel', {spacing: {before: 0, after: pitch, line: pitch, lineRule: LineRuleType.EXACT}, indent: flush, alignment: AlignmentType.LEFT}, {font: black}),
      style('attendance', {spacing: exact, indent: {left: Math.round(5 * cell), hanging: Math.round(3 * cell), firstLine: 0, firstLineChars: 0}, alignment: AlignmentType.LEFT}),
      style('cc', {spacing: exact, indent: {left: twips(imprintSize * 4), right: twips(imprintSize), hanging: twips(imprintSize * 3), firstLine: 0, firstLineChars: 0}, alignment: AlignmentType.LEFT},
        {size: Math.round(imprintSize * 2), sizeComplexScript: Math.round(imprintSize * 2), characterSpacing: 0}),
      style('printed', {spacing: exact, indent: {left: twips(imprintSize), right: twips(imprintSize), firstLine: 0, firstLineChars: 0}, alignment: AlignmentType.LEFT},
        {size: Math.round(imprintSize * 2), sizeComplexScript: Math.round(imprintSize * 2), characterSpacing: 0}),
    ],
    characterStyles: [{id: SIGNER_STYLE[0], name: SIGNER_STYLE[1], basedOn: 'DefaultParagraphFont', quickFormat: true, run: {font: font(profile, profile.roles.heading2.font)}}],
  }
}

const p = (style: keyof typeof GONGWEN_STYLES, children: (string | TextRun)[], extra: Record<string, unknown> = {}): Paragraph =>
  new Paragraph({style: GONGWEN_STYLES[style][0], children: children.map((c) => (typeof c === 'string' ? new TextRun(c) : c)), ...extra})

/**
 * The masthead's paragraphs, before the title.
 * @param context the pipeline context
 * @param gw the 公文 front matter
 * @param section the section's geometry
 * @param word the places the official layout decided (the mark's size)
 */
export function mastheadParagraphs(context: Context, gw: GongwenMeta, section: SectionTwips, word: GongwenWordLayout): FileChild[] {
  const {profile} = context
  const m = gw.masthead
  const out: FileChild[] = []
  const corner = [m.copy, m.secrecy, m.urgency].filter((v): v is string => v !== undefined)
  for (const text of corner) out.push(p('corner', [text]))
  const mark = word.markSizePt
  // The mark's top 35 mm (order 20 mm) under the type area; a letter's 30 mm from the page's top edge.
  const topTw = gw.kind === 'letter' ? Math.max(0, mmTw(30) - section.top) : mmTw(gw.kind === 'order' ? 20 : 35)
  const before = Math.max(0, topTw - corner.length * section.linePitch - twips(mark * 0.1))
  if (m.organs.length === 1 || !m.suffix) {
    const lines = m.organs.map((o, i) => p('mark', [m.organs.length === 1 && m.suffix ? o + m.suffix : o], i === 0 ? {spacing: {before}} : {}))
    out.push(...lines)
  } else {
    // Joint issuance: the names stacked in the left cell, the suffix in the right one, centred on the stack.
    const left = twips(Math.max(...m.organs.map((o) => [...o].length)) * mark) + 40
    const right = twips(([...m.suffix].length + 0.5) * mark) + 40
    const none = {style: BorderStyle.NONE, size: 0, color: 'auto'}
    const borders = {top: none, bottom: none, left: none, right: none, insideHorizontal: none, insideVertical: none}
    // Note: the space above the mark as the spacing before a one-twip-high empty paragraph (LibreOffice gives an empty
    // paragraph's exact line height no room).
    if (before > 0) out.push(new Paragraph({style: GONGWEN_STYLES.mark[0], spacing: {before: before - 20, after: 0, line: 20, lineRule: LineRuleType.EXACT}, children: []}))
    out.push(new Table({
      // Note: columns as wide as the stack and the suffix (half an em away), so the mark is centred as a whole.
      alignment: AlignmentType.CENTER, borders, width: {size: left + right, type: WidthType.DXA}, columnWidths: [left, right], layout: TableLayoutType.FIXED,
      margins: {left: 0, right: 0, top: 0, bottom: 0},
      rows: [new TableRow({children: [
        new TableCell({borders, width: {size: left, type: WidthType.DXA}, verticalAlign: VerticalAlignTable.CENTER, children: m.organs.map((o) => p('mark', [o]))}),
        new TableCell({borders, width: {size: right, type: WidthType.DXA}, verticalAlign: VerticalAlignTable.CENTER, children: [p('mark', [m.suffix], {alignment: AlignmentType.RIGHT})]}),
      ]})],
    }))
  }
  const signers = UPWARD_KINDS.includes(gw.kind) && m.signers.length > 0
  const cell = section.measure / (profile.grid.charsPerLine ?? 28)
  out.push(p('number', [m.number, ...(signers ? ['\t签发人：', new TextRun({text: m.signers.join('　'), style: SIGNER_STYLE[0]})] : [])], {
    ...(signers ? {indent: {left: Math.round(cell), firstLine: 0}, tabStops: [{type: TabStopType.RIGHT, position: section.measure - Math.round(cell)}]} : {}),
    ...(gw.kind === 'letter' ? {alignment: AlignmentType.RIGHT, border: {top: {style: BorderStyle.THICK_THIN_MEDIUM_GAP, size: 24, space: 4, color: profile.gongwen.red.rgb.slice(1).toUpperCase()}}} : {}),
  }))
  return out
}

/**
 * The paragraphs after the body: attendance, 附件说明, signature, 附注, then the attachments and the 版记.
 * @param context the pipeline context
 * @param gw the 公文 front matter
 * @param section the section's geometry
 * @param word the places the official layout decided (signature)
 * @param body a model block as a paragraph, as the body's are written
 * @param title the attachment's title as a paragraph in the Title style
 */
export function closingParagraphs(context: Context, gw: GongwenMeta, section: SectionTwips, word: GongwenWordLayout, body: (block: Block) => Paragraph, title: (text: string) => Paragraph): FileChild[] {
  const {profile, doc} = context
  const out: FileChild[] = []
  const pitch = section.linePitch
  if (gw.minutes) {
    const rows: [string, string[]][] = [['出席：', gw.minutes.present], ['请假：', gw.minutes.absent], ['列席：', gw.minutes.attending]]
    rows.filter(([, names]) => names.length > 0).forEach(([label, names], i) => out.push(p('attendance', [new TextRun({text: label, font: profile.fonts[profile.roles.heading1.font]!.family}), names.join('、')], i === 0 ? {spacing: {before: pitch}} : {})))
  }
  const attachments = doc.attachments ?? []
  // Note: the first name after `附件：` (the style's hanging indent), the next ones at the same left edge.
  attachments.forEach((a, i) => out.push(p('attachmentNote', [...(i === 0 ? ['附件：'] : []), attachments.length > 1 ? `${a.number}．${a.title}` : a.title], i === 0 ? {spacing: {before: pitch}} : {indent: {left: Math.round(5 * (section.measure / (profile.grid.charsPerLine ?? 28))), firstLine: 0, firstLineChars: 0}})))
  // The signature block where the official layout puts it (x from the type area's left edge, in pt).
  const {signature} = word
  signature.names.forEach((line, i) => {
    const tabbed = line.length > 1
    out.push(p('issuer', tabbed ? line.flatMap((name) => ['\t', name.text]) : [line[0]!.text], {
      ...(i === 0 ? {spacing: {before: signature.emptyLines * pitch}} : {}),
      ...(tabbed ? {tabStops: line.map((name) => ({type: TabStopType.LEFT, position: twips(name.xPt)}))} : {indent: {left: twips(line[0]!.xPt), firstLine: 0}}),
    }))
  })
  out.push(p('date', [cnDate(doc.meta.date)], {indent: {left: twips(signature.dateXPt), firstLine: 0}}))
  if (gw.note) out.push(p('note', [`（${gw.note}）`]))
  for (const a of attachments) {
    out.push(p('attachmentLabel', [attachments.length > 1 ? `附件${a.number}` : '附件'], {pageBreakBefore: true}))
    out.push(title(a.title), ...a.children.map(body))
  }
  // Note: a floating table needs a paragraph after it to anchor to (LibreOffice drops one that ends the document).
  const imprint = imprintTable(context, gw, section)
  if (imprint.length > 0) out.push(...imprint, new Paragraph({style: GONGWEN_STYLES.printed[0], children: []}))
  return out
}

/**
 * The 版记 (§7.4) as a one-column table floating at the foot of the type area (`w:tblpPr`, anchored to the margin, its
 * top at the type area's height less its own rows), so that it stays at the bottom of the last page while the clerk
 * edits: the rules are the table's borders, 0.35 mm over the first row and under the last, 0.25 mm between 抄送 and
 * 印发, no sides. A letter's has no rules (§10.1).
 */
function imprintTable(context: Context, gw: GongwenMeta, section: SectionTwips): Table[] {
  const {profile} = context
  const imprint = gw.imprint
  if (!imprint) return []
  const size = (profile.roles.body.size * 14) / 16
  const letter = gw.kind === 'letter'
  const rows: Paragraph[] = []
  if (imprint.cc.length > 0) rows.push(p('cc', [`抄送：${imprint.cc.join('，')}。`]))
  if (!letter && (imprint.printer || imprint.printed)) {
    rows.push(p('printed', [imprint.printer ?? '', ...(imprint.printed ? ['\t', `${cnDate(imprint.printed)}印发`] : [])], {tabStops: [{type: TabStopType.RIGHT, position: section.measure - 2 * twips(size)}]}))
  }
  if (rows.length === 0) return []
  const none = {style: BorderStyle.NONE, size: 0, color: 'auto'}
  const rule = (eighths: number) => (letter ? none : {style: BorderStyle.SINGLE, size: eighths, color: '000000'})
  const area = section.height - section.top - section.bottom
  // Note: LibreOffice (7.4) floats a table only when it is clearly narrower than the type area (it sets one of
  // 8640 of 8845 twips in line, one of 8500 at its place): the Word edition's rules are 96 % of the type area's width,
  // centred (the PDF editions' are exact).
  const width = Math.round(section.measure * 0.96)
  // The table's top: its lines up from the type area's foot; 抄送 counted at full-width characters (a Word client does
  // not compress punctuation as the official layout does), after its label, one em in from each side.
  const ccText = `${imprint.cc.join('，')}。`
  const cc = imprint.cc.length > 0 ? Math.ceil(([...ccText].length * size) / (width / TWIP_PER_PT - 5 * size)) : 0
  const lines = cc + (rows.length - (imprint.cc.length > 0 ? 1 : 0))
  return [new Table({
    width: {size: width, type: WidthType.DXA},
    columnWidths: [width],
    float: {horizontalAnchor: TableAnchorType.MARGIN, verticalAnchor: TableAnchorType.MARGIN, absoluteHorizontalPosition: Math.round((section.measure - width) / 2), absoluteVerticalPosition: area - lines * section.linePitch},
    borders: {top: rule(8), bottom: rule(8), left: none, right: none, insideHorizontal: rule(6), insideVertical: none},
    margins: {left: 0, right: 0, top: 0, bottom: 0},
    rows: rows.map((row) => new TableRow({children: [new TableCell({width: {size: width, type: WidthType.DXA}, children: [row]})]})),
  })]
}

/**
 * The letter's lower red double rule (§10.1: thin over thick, 170 mm, near 20 mm above the paper's bottom edge) as the
 * bottom border of the first page's footer paragraph, reaching 7 mm past the type area on each side.
 * @param profile the profile (its red)
 * @param section the section's geometry
 */
export function letterFooterRule(profile: Profile, section: SectionTwips): Paragraph {
  const out = Math.round((mmTw(170) - section.measure) / 2)
  return new Paragraph({
    style: GONGWEN_STYLES.corner[0],
    indent: {left: -out, right: -out, firstLine: 0},
    border: {bottom: {style: BorderStyle.THIN_THICK_SMALL_GAP, size: 24, space: 1, color: profile.gongwen.red.rgb.slice(1).toUpperCase()}},
    children: [],
  })
}
