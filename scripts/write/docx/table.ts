/**
 * Tables in the Word edition: a real Word table (`w:tbl`) per model table, as a clerk would make it.
 *
 * - The header row repeats on every page (`w:tblHeader`) and no row breaks across pages (`w:cantSplit`).
 * - Column widths are the official layout's (typeset/table.ts), in twips, with a fixed table layout, so Word and
 *   LibreOffice keep them instead of fitting the columns to their own measure of the text.
 * - Borders from the profile's `table` section: a full frame, or three lines (heavy above and below, a thin rule
 *   under the header row).
 * - Cells hold paragraphs in `TableText` (the body style without its first-line indent), centred vertically; header
 *   cells centred, body cells aligned as their column (numbers right); the caption above in `TableCaption` (the
 *   level-1 heading's font, centred, kept with the table).
 * - A table too wide for portrait goes in a landscape section of its own (writeDocx splits the sections).
 */
import {
  AlignmentType,
  BorderStyle,
  LineRuleType,
  Paragraph,
  Table as WordTable,
  TableCell as WordCell,
  TableLayoutType,
  TableRow,
  VerticalAlign,
  WidthType,
  type FileChild,
  type IParagraphStyleOptions,
  type ParagraphChild,
} from 'docx'
import type {Inline} from '../../model/types.ts'
import {columnAligns, type CellAlign, type Table} from '../../model/table.ts'
import type {Profile} from '../../profile.ts'
import type {TableColumns} from '../../typeset/table.ts'

/** Style ids of the table's paragraphs. */
export const TABLE_STYLE_IDS = {text: 'TableText', caption: 'TableCaption'} as const

const TWIP_PER_PT = 20

/**
 * The table paragraph styles, from the profile.
 * @param profile the profile
 * @param pitch the line pitch (twips)
 */
export function tableStyles(profile: Profile, pitch: number): IParagraphStyleOptions[] {
  const caption = profile.roles.heading1
  const family = profile.fonts[caption.font]!.family
  const latin = profile.docx.latinFont
  return [
    {
      id: TABLE_STYLE_IDS.text, name: '表格文字', basedOn: 'Normal', next: TABLE_STYLE_IDS.text, quickFormat: true,
      paragraph: {indent: {firstLine: 0, firstLineChars: 0}},
    },
    {
      id: TABLE_STYLE_IDS.caption, name: '表题', basedOn: 'Normal', next: 'Normal', quickFormat: true,
      paragraph: {alignment: AlignmentType.CENTER, keepNext: true, keepLines: true, indent: {firstLine: 0, firstLineChars: 0}, spacing: {before: 0, after: 0, line: pitch, lineRule: LineRuleType.EXACT}},
      run: {font: {eastAsia: family, ascii: latin, hAnsi: latin, cs: latin, hint: 'eastAsia'}, size: caption.size * 2, sizeComplexScript: caption.size * 2},
    },
  ]
}

/** A table as Word content, and whether it needs a landscape section. */
export interface WordTableContent {
  children: FileChild[]
  landscape: boolean
}

const ALIGN: Record<CellAlign, (typeof AlignmentType)[keyof typeof AlignmentType]> = {left: AlignmentType.BOTH, center: AlignmentType.CENTER, right: AlignmentType.RIGHT}

/**
 * A model table as its caption paragraph and a Word table.
 * @param table the model table
 * @param columns its columns as the official layout sets them
 * @param profile the official profile
 * @param toRun converts an inline (text, lead-in, link)
 */
export function wordTable(table: Table, columns: Readonly<TableColumns>, profile: Profile, toRun: (inline: Inline) => ParagraphChild): WordTableContent {
  const {widths, landscape, padPt} = columns
  const twips = wordWidths(widths, columns.numeric, profile.roles.body.size).map((w) => Math.round(w * TWIP_PER_PT))
  const aligns = columnAligns(table)
  const spec = profile.table
  const line = (pt: number) => ({style: BorderStyle.SINGLE, size: Math.max(2, Math.round(pt * 8)), color: '000000'})
  const none = {style: BorderStyle.NONE, size: 0, color: 'auto'}
  const frame = spec.rules === 'frame'
  const borders = frame
    ? {top: line(spec.ruleWidth), bottom: line(spec.ruleWidth), left: line(spec.ruleWidth), right: line(spec.ruleWidth), insideHorizontal: line(spec.ruleWidth), insideVertical: line(spec.ruleWidth)}
    : {top: line(spec.heavyRuleWidth), bottom: line(spec.heavyRuleWidth), left: none, right: none, insideHorizontal: none, insideVertical: none}
  // Note: Word's own cell margin is about a quarter em; the layout's half-em padding stays in the column as room
  // for a Latin font wider than the stand-in the widths were measured with.
  const margin = Math.round((padPt / 2) * TWIP_PER_PT)
  const cell = (children: readonly Inline[], col: number, header: boolean): WordCell =>
    new WordCell({
      width: {size: twips[col]!, type: WidthType.DXA},
      verticalAlign: VerticalAlign.CENTER,
      margins: {left: margin, right: margin, top: 0, bottom: 0},
      ...(header && !frame ? {borders: {bottom: line(spec.ruleWidth)}} : {}),
      children: [new Paragraph({style: TABLE_STYLE_IDS.text, alignment: ALIGN[header ? 'center' : aligns[col]!], children: children.map(toRun)})],
    })
  const rows = [
    new TableRow({tableHeader: true, cantSplit: true, children: table.head.map((c, col) => cell(c.children, col, true))}),
    ...table.rows.map((row) => new TableRow({cantSplit: true, children: row.map((c, col) => cell(c.children, col, false))})),
  ]
  const word = new WordTable({
    rows,
    width: {size: twips.reduce((a, b) => a + b, 0), type: WidthType.DXA},
    columnWidths: twips,
    layout: TableLayoutType.FIXED,
    alignment: AlignmentType.CENTER,
    borders,
  })
  const caption = table.caption ? [new Paragraph({style: TABLE_STYLE_IDS.caption, children: table.caption.children.map(toRun)})] : []
  return {children: [...caption, word], landscape}
}

/**
 * The layout's widths with half an em more for each numeric column, taken from the text columns in proportion to
 * their widths: the layout sets a numeric column exactly as wide as its widest number in the stand-in font, and
 * Word or LibreOffice draw digits in the profile's Latin font (Times New Roman), whose `%` is wider.
 * @param widths the layout's widths (pt)
 * @param numeric which columns are numeric
 * @param em the body size (pt)
 */
export function wordWidths(widths: readonly number[], numeric: readonly boolean[], em: number): number[] {
  const text = widths.reduce((n, w, col) => n + (numeric[col] ? 0 : w), 0)
  const slack = (em / 2) * numeric.filter(Boolean).length
  if (slack === 0 || text <= slack * 4) return [...widths]
  return widths.map((w, col) => (numeric[col] ? w + em / 2 : w - (slack * w) / text))
}
