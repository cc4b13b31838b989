/**
 * writeDocx: the document model → a Word document departments can keep editing (GB/T 9704 in styles).
 *
 * Written in phases, as pandoc's `writeDocx` is (jgm/pandoc src/Text/Pandoc/Writers/Docx.hs): styles from the
 * profile, the section, the footers, the body, the related line, the fonts, packing, then the parts docx cannot
 * say and the deterministic zip. See scripts/typeset/FONTS.md §4 for what Word and LibreOffice need.
 */
import {
  Document as WordDocument,
  DocumentGridType,
  ExternalHyperlink,
  Footer,
  Packer,
  PageNumber,
  PageOrientation,
  Paragraph,
  TextRun,
  type FileChild,
  type ISectionOptions,
  type ParagraphChild,
} from 'docx'
import {subsetFont} from '../subset.ts'
import type {Point, Position} from 'unist'
import {pointAt} from '../../diagnostics/place.ts'
import {say} from '../../diagnostics/message.ts'
import type {Block, Inline} from '../../model/types.ts'
import type {Context, Output} from '../../editions.ts'
import type {Profile} from '../../profile.ts'
import {normalizeDocx} from './normalize.ts'
import {wordTable} from './table.ts'
import {patchParts} from './parts.ts'
import {closingParagraphs, GONGWEN_STYLES, gongwenStyles, letterFooterRule, mastheadParagraphs} from './gongwen.ts'
import type {GongwenWordLayout} from '../../typeset/page-model.ts'
import type {TableColumns} from '../../typeset/table.ts'
import {blockStyle, charSpace, docxStyles, sectionTwips, STYLE_IDS, type SectionTwips} from './styles.ts'
import {codePoint} from '../../chars.ts'
import {draws, needsGlyph} from '../../typeset/draws.ts'

/**
 * Build the Word edition.
 * @param context the pipeline context (model, profile, fonts, template blocks, fixed date)
 * @returns one output, `<slug>.docx`
 */
export async function writeDocxEdition(context: Context): Promise<Output[]> {
  const bytes = await writeDocx(context)
  return [{edition: 'docx', name: `${context.doc.slug}.docx`, bytes}]
}

/**
 * The DOCX bytes of a document: the same input gives the same bytes.
 * @param context the pipeline context
 */
export async function writeDocx(context: Context): Promise<Uint8Array> {
  const {doc, profile} = context
  // Phase 1: the section's geometry in twips, and the styles (all formatting lives in styles.ts, from the profile).
  const section = sectionTwips(profile)
  const gw = doc.meta.gongwen
  const plain = docxStyles(profile, section, {tables: doc.children.some((block) => block.type === 'table')})
  // Note: a 公文's own styles and parts (gongwen.ts) around the body, at the places the official layout decided
  // (the mark's size, the signature's x); none for other kinds.
  const places = gw && gongwenPlaces(context)
  const extra = gw && places ? gongwenStyles(profile, section, gw, places) : undefined
  const styles = extra ? {...plain, paragraphStyles: [...(plain.paragraphStyles ?? []), ...extra.paragraphStyles], characterStyles: [...(plain.characterStyles ?? []), ...extra.characterStyles]} : plain

  // Phase 2: the footers: `— PAGE —` as a field, right on odd pages and left on even ones (GB/T 9704 §7.5).
  const footers = {default: pageNumberFooter(profile, STYLE_IDS.footerOdd), even: pageNumberFooter(profile, STYLE_IDS.footerEven)}

  // Phase 3: the body: the title, then each block in its style; runs carry no direct formatting. A table is a Word
  // table (table.ts) with the columns layout gave it; one too wide for portrait takes a landscape section of its own.
  // A 公文's masthead comes before the title, its recipients after it (gongwen.ts).
  const parts: SectionPart[] = [{landscape: false, children: [
    ...(gw && places ? mastheadParagraphs(context, gw, section, places) : []),
    ...(gw?.kind === 'order' ? [] : [titleParagraph(docxTitleLines(context))]),
    ...(gw && gw.recipients.length > 0 ? [new Paragraph({style: GONGWEN_STYLES.recipients[0], children: [new TextRun(`${gw.recipients.join('，')}：`)]})] : []),
  ]}]
  doc.children.forEach((block, index) => {
    const content = block.type === 'table' ? wordTable(block, docxTableColumns(context, index), profile, toRun) : {landscape: false, children: [toParagraph(block)]}
    addToSections(parts, content)
  })

  // Phase 4: the related-document line(s) after the body, with real external hyperlinks.
  addToSections(parts, {landscape: false, children: context.blocks.related.flatMap((block) => (block.type === 'table' ? [] : [toParagraph(block, STYLE_IDS.related)]))})
  // Then a 公文's 附件说明, signature, 附注, attachments and 版记.
  if (gw && places) addToSections(parts, {landscape: false, children: closingParagraphs(context, gw, section, places, (block) => attachmentParagraph(block), (text) => titleParagraph([text]))})

  // Phase 5: the fonts: subsets of the open stand-ins, embedded under the office's names (profile docx.embedFonts).
  const fonts = profile.docx.embedFonts === 'subset' ? await embeddedFonts(context) : []

  // Phase 6: the Word document, packed by docx.
  const word = new WordDocument({
    title: doc.meta.title,
    subject: doc.meta.title,
    creator: doc.meta.issuer,
    lastModifiedBy: doc.meta.issuer,
    description: `${doc.meta.issuer} ${doc.meta.date}`,
    keywords: doc.meta.keywords.join('; '),
    revision: 1,
    styles,
    evenAndOddHeaderAndFooters: true,
    fonts,
    // Note: a letter's first page carries no page number (GB/T 9704 §10.1): a first-page footer of its own.
    sections: parts.map((part, index) => {
      const options = sectionOptions(profile, section, index === 0 ? footers : undefined, part)
      return index === 0 && gw?.kind === 'letter' ? letterSection(options, profile, section) : options
    }),
  })
  const packed = await packageEntries(word)

  // Phase 7: what docx's API cannot say (settings, Normal's East Asian line rules, font table, company, language).
  // Phase 8: the deterministic zip: fixed dates, stable relationship ids, fixed entry order and mtime.
  return normalizeDocx(packed, {date: context.date, patch: (parts) => patchParts(parts, {profile, meta: doc.meta})})
}

/**
 * The package's entries as docx's compiler makes them, before docx zips them (normalizeDocx zips them once, in
 * its fixed order; zipping twice and unzipping between cost ~20 ms). Falls back to docx's own zip when its
 * compiler is not where docx 9 keeps it.
 * @param word the document
 */
async function packageEntries(word: WordDocument): Promise<ReadonlyMap<string, string | Uint8Array> | Uint8Array> {
  const compiler = (Packer as unknown as {compiler?: {compile?: (file: WordDocument) => unknown}}).compiler
  const entries = typeof compiler?.compile === 'function' ? compiler.compile(word) : undefined
  if (entries instanceof Map) return entries as Map<string, string | Uint8Array>
  return new Uint8Array(await Packer.toBuffer(word))
}

/** A run of body content in one orientation. */
interface SectionPart {
  landscape: boolean
  children: FileChild[]
}

function addToSections(parts: SectionPart[], content: Readonly<SectionPart>): void {
  const last = parts[parts.length - 1]
  if (last && last.landscape === content.landscape) last.children.push(...content.children)
  else parts.push({landscape: content.landscape, children: [...content.children]})
}

/**
 * A section: A4, the profile's margins, the grid, the odd/even footers (on the first; later sections inherit them and
 * continue the numbering). A landscape section (a wide table) turns the page and its margins a quarter turn.
 */
function sectionOptions(profile: Profile, section: SectionTwips, footers: {default: Footer; even: Footer} | undefined, part: Readonly<SectionPart>): ISectionOptions {
  const {children} = part
  // Note: `linesAndChars` with a negative charSpace is what Word writes for 28 × 22, but LibreOffice 7.4 then spreads
  // every line; `lines` keeps Word's 22-line grid and gets 28 characters from the body style's character spacing
  // (scripts/typeset/FONTS.md §4, profile docx.grid).
  const grid =
    profile.docx.grid === 'linesAndChars'
      ? {type: DocumentGridType.LINES_AND_CHARS, linePitch: section.linePitch, charSpace: charSpace(profile, section.measure)}
      : {type: DocumentGridType.LINES, linePitch: section.linePitch}
  return {
    properties: {
      page: part.landscape
        ? {
            // Note: docx swaps width and height itself for a landscape page (w:pgSz w > h, w:orient landscape).
            size: {width: section.width, height: section.height, orientation: PageOrientation.LANDSCAPE},
            margin: {top: section.left, bottom: section.right, left: section.bottom, right: section.top, header: 851, footer: section.footer, gutter: 0},
          }
        : {
            size: {width: section.width, height: section.height},
            margin: {top: section.top, bottom: section.bottom, left: section.left, right: section.right, header: 851, footer: section.footer, gutter: 0},
            ...(footers ? {pageNumbers: {start: profile.pageNumber.startAt}} : {}),
          },
      grid,
    },
    ...(footers ? {footers} : {}),
    children,
  }
}

/** A footer holding the page number in the profile's format, `{n}` a PAGE field (never static text). */
function pageNumberFooter(profile: Profile, style: string): Footer {
  const [before = '', after = ''] = profile.pageNumber.format.split('{n}')
  return new Footer({children: [new Paragraph({style, children: [new TextRun({children: [before, PageNumber.CURRENT, after]})]})]})
}

/** The title's lines as layout broke them. */
function gongwenPlaces(context: Context): GongwenWordLayout {
  if (!context.layout.gongwenWord) throw new Error('writeDocx: no 公文 places (compile() lays them out when the docx edition is selected)')
  return context.layout.gongwenWord
}

/** A block of an attachment (parse/attachments.ts refuses tables there). */
function attachmentParagraph(block: Block): Paragraph {
  if (block.type === 'table') throw new Error('writeDocx: a table in an attachment (parse/attachments.ts refuses it)')
  return toParagraph(block)
}

/** A letter's section: its first page has a footer of its own (`w:titlePg`), no number, the lower red double rule. */
function letterSection(options: ISectionOptions, profile: Profile, section: SectionTwips): ISectionOptions {
  return {...options, properties: {...options.properties, titlePage: true}, footers: {...options.footers, first: new Footer({children: [letterFooterRule(profile, section)]})}}
}

/** A table's columns as the official layout set them (layout.ts, for the docx edition). */
function docxTableColumns(context: Context, index: number): TableColumns {
  const columns = context.layout.tableColumns?.[index]
  if (!columns) throw new Error(`writeDocx: no columns for the table at block ${index} (compile() lays them out when the docx edition is selected)`)
  return columns
}

function docxTitleLines(context: Context): readonly string[] {
  if (!context.layout.titleLines) throw new Error('writeDocx: no title lines (compile() lays them out when the docx edition is selected)')
  return context.layout.titleLines
}

/** The title: one Title paragraph, its lines (as the official layout breaks them) kept as line breaks. */
function titleParagraph(lines: readonly string[]): Paragraph {
  return new Paragraph({style: STYLE_IDS.title, children: lines.map((text, index) => new TextRun({text, break: index > 0 ? 1 : 0}))})
}

/** A model heading or paragraph as a paragraph in its style. */
function toParagraph(block: Exclude<Block, {type: 'table'}>, style = blockStyle(block)): Paragraph {
  // Note: Normal is the default paragraph style; Word writes no pStyle for it, and neither do we.
  return new Paragraph({...(style === STYLE_IDS.body ? {} : {style}), children: block.children.map(toRun)})
}

/** A model inline as a run: text plain, the lead-in in its character style, a link as a hyperlink. */
function toRun(inline: Inline): ParagraphChild {
  switch (inline.type) {
    case 'text':
      return new TextRun(inline.value)
    case 'lead':
      return new TextRun({text: inline.value, style: STYLE_IDS.lead})
    case 'link':
      return new ExternalHyperlink({link: inline.url, children: inline.children.map((child) => new TextRun({text: child.value, style: STYLE_IDS.hyperlink}))})
  }
}

/** Text a font must draw, with where it came from. */
interface Use {
  text: string
  position: Position | undefined
}

/**
 * Subsets of the open fonts the document uses, each under the office family name its roles ask for.
 * Licensed fonts (from ZHIBAN_FONT_DIR) are never embedded. A character the embedded font cannot draw is a
 * `missing-glyph` error on the source (the copy would otherwise show it in a fallback face or as a box).
 */
async function embeddedFonts(context: Context): Promise<Array<{name: string; data: Buffer}>> {
  const {profile, doc, fonts, file} = context
  const uses = new Map<string, Use[]>()
  const add = (key: string, text: string, position: Position | undefined) => uses.set(key, [...(uses.get(key) ?? []), {text, position}])
  add(profile.roles.title.font, doc.meta.title, undefined)
  for (const block of [...doc.children, ...context.blocks.related]) {
    const role = block.type === 'heading' ? profile.roles[`heading${block.level}`] : profile.roles.body
    // Note: a table's caption is set in the level-1 heading's font, its cells in the body's.
    if (block.type === 'table' && block.caption) for (const inline of block.caption.children) add(profile.roles.heading1.font, inline.type === 'link' ? inline.children.map((c) => c.value).join('') : inline.value, inline.position)
    for (const inline of block.type === 'table' ? [...block.head, ...block.rows.flat()].flatMap((cell) => cell.children) : block.children) {
      const key = inline.type === 'lead' && profile.docx.leadIn.font ? profile.docx.leadIn.font : role.font
      if (inline.type === 'link') for (const child of inline.children) add(key, child.value, child.position ?? inline.position)
      else add(key, inline.value, inline.position)
    }
  }
  add(profile.pageNumber.font, `${profile.pageNumber.format.replace('{n}', '')}0123456789`, undefined)
  // Note: two roles may name the same office family (body and page number are both Noto Serif SC by default but
  // 仿宋_GB2312 and 宋体 by name): one subset per family, of the characters of every role that names it.
  const families = new Map<string, {key: string; uses: Use[]}>()
  for (const [key, list] of [...uses].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const family = profile.fonts[key]!.family
    const entry = families.get(family) ?? {key, uses: []}
    entry.uses.push(...list)
    families.set(family, entry)
  }
  const out: Array<{name: string; data: Buffer}> = []
  for (const [family, {key, uses: list}] of families) {
    const font = fonts.get(key)
    if (!font || font.licensed) continue
    const chars = new Set<string>()
    for (const use of list) {
      let index = 0
      for (const char of use.text) {
        const at = index
        index += char.length
        if (chars.has(char) || !needsGlyph(char)) continue
        chars.add(char)
        if (!draws(font, char)) {
          const code = codePoint(char)
          say(file, 'missing-glyph', `the font embedded as \`${family}\` (profile font \`${key}\`) cannot draw "${char}" (${code}); add a covering font to profile ${profile.name}`, {place: placeOf(file, use.position, use.text, at), actual: char})
        }
      }
    }
    out.push({name: family, data: await subsetFont(font.bytes, [...chars].sort().join(''), 'truetype')})
  }
  return out
}

/**
 * The source point of the character at `index` of an inline's text: exact when the text spans its source
 * one to one (no soft wrap was joined), else the inline's start.
 */
function placeOf(file: Context['file'], position: Position | undefined, text: string, index: number): Position | Point | undefined {
  const start = position?.start.offset
  const end = position?.end.offset
  if (position === undefined || start === undefined || end === undefined) return position
  return end - start === text.length ? pointAt(file, start + index) : position
}
