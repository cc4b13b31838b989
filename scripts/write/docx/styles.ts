/**
 * Word styles from the profile: which style each model node takes, and what each style says.
 *
 * Note: a clerk's document carries its look in styles (Normal, Title, Heading 1–9, a character style for `答：`,
 * Hyperlink, the page-number footers), never in direct formatting on runs. Everything here is read from the
 * profile (`roles`, `fonts`, `geometry`, `pageNumber`, `docx`); the only literals are Word's own style ids.
 * See GB/T 9704-2012 §7.3 (body 三号仿宋, headings 黑体/楷体), §7.5 (page numbers) and scripts/typeset/FONTS.md §4.
 */
import {AlignmentType, LineRuleType, type IParagraphStylePropertiesOptions, type IRunStylePropertiesOptions, type IStylesOptions} from 'docx'
import type {Profile, RoleName} from '../../profile.ts'
import {tableStyles} from './table.ts'

/** Twentieths of a point (Word's unit for lengths). */
export type Twip = number

/** Twips per point. */
const TWIP_PER_PT = 20
/** Twips per millimetre. */
const TWIP_PER_MM = 1440 / 25.4

/** Word's style ids, by the model role they carry. `Heading1`… are Word's built-in ids, so its navigation pane, TOC and outline view know them. */
export const STYLE_IDS = {
  body: 'Normal',
  title: 'Title',
  heading1: 'Heading1',
  heading2: 'Heading2',
  heading3: 'Heading3',
  heading4: 'Heading4',
  related: 'Related',
  lead: 'LeadIn',
  hyperlink: 'Hyperlink',
  footer: 'Footer',
  footerOdd: 'FooterOdd',
  footerEven: 'FooterEven',
} as const

/** Display names Word shows (built-in names are Word's own English names, which it localises itself). */
const STYLE_NAMES: Record<keyof typeof STYLE_IDS, string> = {
  body: 'Normal',
  title: 'Title',
  heading1: 'heading 1',
  heading2: 'heading 2',
  heading3: 'heading 3',
  heading4: 'heading 4',
  related: '相关链接',
  lead: '答语',
  hyperlink: 'Hyperlink',
  footer: 'footer',
  footerOdd: '页码（单页）',
  footerEven: '页码（双页）',
}

/** Section geometry in twips, from the profile. */
export interface SectionTwips {
  width: Twip
  height: Twip
  top: Twip
  bottom: Twip
  left: Twip
  right: Twip
  /** Distance from the page's foot to the footer's foot. */
  footer: Twip
  /** Exact line pitch (also the docGrid `linePitch`). */
  linePitch: Twip
  /** Width of the type area. */
  measure: Twip
}

/**
 * Section geometry in twips.
 * @param profile the edition profile (mm in `page`, pt in `geometry`)
 * @returns page size and margins rounded to twips; the line pitch truncated, so that `linesPerPage` lines fit the type area
 */
export function sectionTwips(profile: Profile): SectionTwips {
  const {page, pageNumber, geometry} = profile
  // Note: A4 is 11906 × 16838 twips in Word; convertMillimetersToTwip(210) floors to 11905 (scripts/typeset/FONTS.md §4).
  const width = Math.round(page.width * TWIP_PER_MM)
  const height = Math.round(page.height * TWIP_PER_MM)
  const top = Math.round(page.margins.top * TWIP_PER_MM)
  const bottom = Math.round(page.margins.bottom * TWIP_PER_MM)
  const left = Math.round(page.margins.inner * TWIP_PER_MM)
  const right = Math.round(page.margins.outer * TWIP_PER_MM)
  // Note: 28.99 pt × 20 = 579.8; Word writes 579, and 22 × 580 would overflow the 225 mm type area by 4 twips.
  const linePitch = Math.floor(geometry.linePitchPt * TWIP_PER_PT)
  // Note: the number line's top sits `pageNumber.below` mm under the type area; Word measures the footer distance
  // from the page's foot to the footer's foot, and the footer line is set exactly one number size high.
  const footer = Math.round((page.margins.bottom - pageNumber.below) * TWIP_PER_MM - pageNumber.size * TWIP_PER_PT)
  return {width, height, top, bottom, left, right, footer, linePitch, measure: width - left - right}
}

/**
 * The grid's character pitch as Word's `w:charSpace`: (pitch − Normal size) × 4096, truncated as Word does.
 * @param profile the profile (grid.charsPerLine, roles.body.size in pt)
 * @param measure the type area's width in twips
 */
export function charSpace(profile: Profile, measure: Twip): number {
  const chars = profile.grid.charsPerLine
  if (!chars) return 0
  return Math.trunc((measure / TWIP_PER_PT / chars - profile.roles.body.size) * 4096)
}

/**
 * Character spacing (twips, ≤ 0) the body style needs so that `charsPerLine` characters of the body size fill the
 * measure without a character grid (docx.grid `lines`).
 * @param profile the profile
 * @param measure the type area's width in twips
 */
export function gridCharacterSpacing(profile: Profile, measure: Twip): Twip {
  const chars = profile.grid.charsPerLine
  if (!chars) return 0
  const cell = measure / chars
  const size = profile.roles.body.size * TWIP_PER_PT
  return cell >= size ? 0 : Math.floor(cell - size)
}

/** The run fonts of a profile font: the office family for East Asian text, the profile's Latin font for the rest. */
function runFont(profile: Profile, fontKey: string, latin = profile.docx.latinFont): IRunStylePropertiesOptions['font'] {
  const family = profile.fonts[fontKey]!.family
  // Note: hint eastAsia makes Word set shared characters (“”, ——, ……, ·) in the East Asian font, as a
  // Chinese document needs; ascii/hAnsi keep Latin letters and digits in the office's Latin face.
  return {eastAsia: family, ascii: latin, hAnsi: latin, cs: latin, hint: 'eastAsia'}
}

/** Paragraph and run properties of a profile role. */
function roleStyle(profile: Profile, name: RoleName, pitch: Twip): {paragraph: IParagraphStylePropertiesOptions; run: IRunStylePropertiesOptions} {
  const role = profile.roles[name]
  const sizeTw = role.size * TWIP_PER_PT
  const indentChars = role.firstLineIndent
  return {
    paragraph: {
      alignment: role.align === 'center' ? AlignmentType.CENTER : AlignmentType.BOTH,
      spacing: {before: 0, after: 0, line: pitch, lineRule: LineRuleType.EXACT},
      // Note: both forms: Word prefers firstLineChars, LibreOffice reads only firstLine (scripts/typeset/FONTS.md §4).
      indent: indentChars > 0 ? {firstLineChars: Math.round(indentChars * 100), firstLine: Math.round(indentChars * sizeTw)} : {firstLine: 0},
    },
    run: {font: runFont(profile, role.font), size: role.size * 2, sizeComplexScript: role.size * 2, ...(role.bold ? {bold: true, boldComplexScript: true} : {})},
  }
}

/**
 * Every style the Word edition uses, from the profile.
 * @param profile the edition profile
 * @param section the section geometry (line pitch and measure, twips)
 * @param options `tables`: the document has tables (their styles are added, table.ts)
 */
export function docxStyles(profile: Profile, section: SectionTwips, options: {tables?: boolean} = {}): IStylesOptions {
  const pitch = section.linePitch
  const body = roleStyle(profile, 'body', pitch)
  const spacing = profile.docx.grid === 'lines' ? gridCharacterSpacing(profile, section.measure) : 0
  // Note: levels 5–9 have no role in the source format; they look like level 4, and exist with their outline levels
  // so that a clerk who adds a deeper heading in Word gets one the navigation pane and a table of contents see.
  const heading = (name: 'heading1' | 'heading2' | 'heading3' | 'heading4', outlineLevel: number, displayName: string = STYLE_NAMES[name]) => {
    const style = roleStyle(profile, name, pitch)
    return {
      name: displayName,
      basedOn: STYLE_IDS.body,
      next: STYLE_IDS.body,
      quickFormat: true,
      uiPriority: 9,
      paragraph: {...style.paragraph, keepNext: true, keepLines: true, outlineLevel},
      run: {...style.run, color: '000000'},
    }
  }
  const title = roleStyle(profile, 'title', pitch)
  const number = profile.pageNumber
  const numberFont = profile.fonts[number.font]!.family
  const inset = Math.round(number.insetChars * number.size * TWIP_PER_PT)
  const lead = profile.docx.leadIn
  return {
    default: {
      document: {run: {language: {value: 'en-US', eastAsia: 'zh-CN'}}},
      title: {
        name: STYLE_NAMES.title,
        basedOn: STYLE_IDS.body,
        next: STYLE_IDS.body,
        quickFormat: true,
        // Note: one blank line of the body's pitch between the title and the body (GB/T 9704 §7.3.3).
        paragraph: {...title.paragraph, spacing: {before: 0, after: pitch, line: pitch, lineRule: LineRuleType.EXACT}},
        run: {...title.run, color: '000000'},
      },
      heading1: heading('heading1', 0),
      heading2: heading('heading2', 1),
      heading3: heading('heading3', 2),
      heading4: heading('heading4', 3),
      heading5: heading('heading4', 4, 'heading 5'),
      heading6: heading('heading4', 5, 'heading 6'),
      hyperlink: {name: STYLE_NAMES.hyperlink, run: {color: '0000FF', underline: {type: 'single'}}},
    },
    paragraphStyles: [
      ...[7, 8, 9].map((level) => ({id: `Heading${level}`, ...heading('heading4', level - 1, `heading ${level}`)})),
      {
        id: STYLE_IDS.body,
        name: STYLE_NAMES.body,
        quickFormat: true,
        paragraph: body.paragraph,
        run: {...body.run, ...(spacing !== 0 ? {characterSpacing: spacing} : {}), language: {value: 'en-US', eastAsia: 'zh-CN'}},
      },
      {id: STYLE_IDS.related, name: STYLE_NAMES.related, basedOn: STYLE_IDS.body, next: STYLE_IDS.body, ...roleStyle(profile, 'related', pitch)},
      {
        id: STYLE_IDS.footer,
        name: STYLE_NAMES.footer,
        basedOn: STYLE_IDS.body,
        uiPriority: 99,
        unhideWhenUsed: true,
        paragraph: {spacing: {before: 0, after: 0, line: number.size * TWIP_PER_PT, lineRule: LineRuleType.EXACT}, indent: {firstLine: 0, firstLineChars: 0}},
        run: {font: runFont(profile, number.font, numberFont), size: number.size * 2, sizeComplexScript: number.size * 2},
      },
      // Note: GB/T 9704 §7.5: odd pages' numbers right, even pages' left, each one character in from the type area.
      {id: STYLE_IDS.footerOdd, name: STYLE_NAMES.footerOdd, basedOn: STYLE_IDS.footer, paragraph: {alignment: AlignmentType.RIGHT, indent: {right: inset}}},
      {id: STYLE_IDS.footerEven, name: STYLE_NAMES.footerEven, basedOn: STYLE_IDS.footer, paragraph: {alignment: AlignmentType.LEFT, indent: {left: inset}}},
      ...(options.tables ? tableStyles(profile, pitch) : []),
    ],
    characterStyles: [
      {
        id: STYLE_IDS.lead,
        name: STYLE_NAMES.lead,
        basedOn: 'DefaultParagraphFont',
        quickFormat: true,
        run: {...(lead.font ? {font: runFont(profile, lead.font)} : {}), ...(lead.bold ? {bold: true, boldComplexScript: true} : {})},
      },
    ],
  }
}

/** The style id of each model block kind. */
export function blockStyle(block: {type: 'heading'; level: 1 | 2 | 3 | 4} | {type: 'paragraph'}): string {
  return block.type === 'heading' ? STYLE_IDS[`heading${block.level}`] : STYLE_IDS.body
}

/** The office families the edition names, with their alternates (for the font table's `w:altName`). */
export function fontFamilies(profile: Profile): Array<{family: string; alternates: string[]}> {
  const seen = new Map<string, string[]>()
  for (const spec of Object.values(profile.fonts)) if (!seen.has(spec.family)) seen.set(spec.family, spec.alternates)
  return [...seen].map(([family, alternates]) => ({family, alternates}))
}
