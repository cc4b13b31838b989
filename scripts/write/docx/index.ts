/**
 * writeDocx: the document model → a Word document departments can keep editing (GB/T 9704 in styles).
 *
 * Written in phases, as pandoc's `writeDocx` is (jgm/pandoc src/Text/Pandoc/Writers/Docx.hs): styles from the
 * profile, the section, the footers, the body, the related line, the fonts, packing, then the parts docx cannot
 * say and the deterministic zip. See ../shared/design/fonts.md §4 for what Word and LibreOffice need.
 */
import {
  Document as WordDocument,
  DocumentGridType,
  ExternalHyperlink,
  Footer,
  Packer,
  PageNumber,
  Paragraph,
  TextRun,
  type FileChild,
  type ISectionOptions,
  type ParagraphChild,
} from 'docx'
import subsetFont from 'subset-font'
import type {Block, Inline} from '../../model/types.ts'
import type {Context, Output} from '../../pipeline.ts'
import type {Profile} from '../../profile.ts'
import {normalizeDocx} from './normalize.ts'
import {patchParts} from './parts.ts'
import {blockStyle, charSpace, docxStyles, sectionTwips, STYLE_IDS, type SectionTwips} from './styles.ts'

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
  const styles = docxStyles(profile, section)

  // Phase 2: the footers: `— PAGE —` as a field, right on odd pages and left on even ones (GB/T 9704 §7.5).
  const footers = {default: pageNumberFooter(profile, STYLE_IDS.footerOdd), even: pageNumberFooter(profile, STYLE_IDS.footerEven)}

  // Phase 3: the body: the title, then each block in its style; runs carry no direct formatting.
  const children: FileChild[] = [titleParagraph(doc.meta.titleLines ?? [doc.meta.title]), ...doc.children.map((block) => toParagraph(block))]

  // Phase 4: the related-document line(s) after the body, with real external hyperlinks.
  children.push(...context.blocks.related.map((block) => toParagraph(block, STYLE_IDS.related)))

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
    sections: [sectionOptions(profile, section, footers, children)],
  })
  const packed = new Uint8Array(await Packer.toBuffer(word))

  // Phase 7: what docx's API cannot say (settings, Normal's East Asian line rules, font table, company, language).
  // Phase 8: the deterministic zip: fixed dates, stable relationship ids, fixed entry order and mtime.
  return normalizeDocx(packed, {date: context.date, patch: (parts) => patchParts(parts, {profile, meta: doc.meta})})
}

/** The one section: A4, the profile's margins, the grid, the odd/even footers. */
function sectionOptions(profile: Profile, section: SectionTwips, footers: {default: Footer; even: Footer}, children: FileChild[]): ISectionOptions {
  // Note: `linesAndChars` with a negative charSpace is what Word writes for 28 × 22, but LibreOffice 7.4 then spreads
  // every line; `lines` keeps Word's 22-line grid and gets 28 characters from the body style's character spacing
  // (fonts.md §4, profile docx.grid).
  const grid =
    profile.docx.grid === 'linesAndChars'
      ? {type: DocumentGridType.LINES_AND_CHARS, linePitch: section.linePitch, charSpace: charSpace(profile, section.measure)}
      : {type: DocumentGridType.LINES, linePitch: section.linePitch}
  return {
    properties: {
      page: {
        size: {width: section.width, height: section.height},
        margin: {top: section.top, bottom: section.bottom, left: section.left, right: section.right, header: 851, footer: section.footer, gutter: 0},
        pageNumbers: {start: profile.pageNumber.startAt},
      },
      grid,
    },
    footers,
    children,
  }
}

/** A footer holding the page number in the profile's format, `{n}` a PAGE field (never static text). */
function pageNumberFooter(profile: Profile, style: string): Footer {
  const [before = '', after = ''] = profile.pageNumber.format.split('{n}')
  return new Footer({children: [new Paragraph({style, children: [new TextRun({children: [before, PageNumber.CURRENT, after]})]})]})
}

/** The title: one Title paragraph; lines fixed by the source are kept as line breaks. */
function titleParagraph(lines: readonly string[]): Paragraph {
  return new Paragraph({style: STYLE_IDS.title, children: lines.map((text, index) => new TextRun({text, break: index > 0 ? 1 : 0}))})
}

/** A model block as a paragraph in its style. */
function toParagraph(block: Block, style = blockStyle(block)): Paragraph {
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

/**
 * Subsets of the open fonts the document uses, each under the office family name its roles ask for.
 * Licensed fonts (from ZHIBAN_FONT_DIR) are never embedded.
 */
async function embeddedFonts(context: Context): Promise<Array<{name: string; data: Buffer}>> {
  const {profile, doc, fonts} = context
  const text = new Map<string, string>()
  const add = (key: string, value: string) => text.set(key, (text.get(key) ?? '') + value)
  const inlineText = (inline: Inline): string => (inline.type === 'link' ? inline.children.map((child) => child.value).join('') : inline.value)
  add(profile.roles.title.font, doc.meta.title)
  for (const block of [...doc.children, ...context.blocks.related]) {
    const role = block.type === 'heading' ? profile.roles[`heading${block.level}`] : profile.roles.body
    for (const inline of block.children) add(inline.type === 'lead' && profile.docx.leadIn.font ? profile.docx.leadIn.font : role.font, inlineText(inline))
  }
  add(profile.pageNumber.font, `${profile.pageNumber.format.replace('{n}', '')}0123456789`)
  const out: Array<{name: string; data: Buffer}> = []
  const families = new Map<string, {key: string; chars: Set<string>}>()
  for (const [key, chars] of [...text].sort(([a], [b]) => a.localeCompare(b))) {
    const family = profile.fonts[key]!.family
    const entry = families.get(family) ?? {key, chars: new Set<string>()}
    for (const char of chars) entry.chars.add(char)
    families.set(family, entry)
  }
  for (const [family, {key, chars}] of families) {
    const font = fonts.get(key)
    if (!font || font.licensed) continue
    const data = await subsetFont(font.bytes, [...chars].sort().join(''), {targetFormat: 'truetype'})
    out.push({name: family, data})
  }
  return out
}
