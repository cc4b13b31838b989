/**
 * What docx's API cannot say, written into the package's XML parts (the writer's phase 7): the East Asian
 * settings, Normal's line-breaking rules, the font table with alternate names, the company and the language.
 *
 * Note: each edit inserts elements at the place the WordprocessingML schema orders them (ECMA-376 Part 1
 * §17.15.1 CT_Settings, §17.3.1 CT_PPr, §17.8.3 CT_Font), so Word opens the file without repairing it.
 */
import type {DocumentMeta} from '../../model/types.ts'
import type {Profile} from '../../profile.ts'
import type {Parts} from './normalize.ts'
import {GONGWEN_STYLES} from './gongwen.ts'
import {fontFamilies, STYLE_IDS} from './styles.ts'
import {pruneStyles} from './style-pane.ts'

/** Options of {@link patchParts}. */
export interface Options {
  profile: Profile
  meta: DocumentMeta
}

/**
 * Edit the parts docx wrote.
 * @param parts the package's XML parts (edited in place)
 * @param options the profile and the document's metadata
 * @throws Error when a part does not have the shape docx writes (a programmer error after a docx upgrade)
 */
export function patchParts(parts: Parts, options: Readonly<Options>): void {
  const {profile, meta} = options
  // Settings: compress punctuation as Word's 中文版式 does, and say the East Asian theme language is Chinese.
  edit(parts, 'word/settings.xml', '<w:evenAndOddHeaders/>', '<w:evenAndOddHeaders/><w:characterSpacingControl w:val="compressPunctuation"/>')
  edit(parts, 'word/settings.xml', '</w:compat>', `</w:compat><w:themeFontLang w:val="en-US" w:eastAsia="${xml(meta.lang)}"/>`)
  // Normal: kinsoku (Chinese line-breaking rules) on, hanging punctuation per the profile, Chinese–Latin autospace.
  const normal = new RegExp(`(<w:style w:type="paragraph" w:styleId="${STYLE_IDS.body}"[^>]*>[\\s\\S]*?<w:pPr>)`)
  const hang = profile.typesetting.hangingPunctuation ? '<w:overflowPunct/>' : '<w:overflowPunct w:val="0"/>'
  const autospace = profile.typesetting.cjkLatinSpace === 'quarter' ? '<w:autoSpaceDE/><w:autoSpaceDN/>' : '<w:autoSpaceDE w:val="0"/><w:autoSpaceDN w:val="0"/>'
  edit(parts, 'word/styles.xml', normal, `$1<w:kinsoku/>${hang}${autospace}`)
  // Title: off the line grid. Its exact pitch already sets the line; LibreOffice would otherwise give each 22 pt
  // line two grid lines (Word does not snap exact-spaced paragraphs).
  edit(parts, 'word/styles.xml', new RegExp(`(<w:style w:type="paragraph" w:styleId="${STYLE_IDS.title}"[^>]*>[\\s\\S]*?<w:pPr>(?:<w:keepNext/>|<w:keepLines/>)*)`), '$1<w:snapToGrid w:val="0"/>')
  // 公文 (docx/gongwen.ts): the mark and the 版记 off the line grid like the Title, so that their exact lines are not
  // spread to two grid lines each (the mark's 1.2 em, the 版记's 四号 in the table floating at the foot of the page).
  for (const id of [GONGWEN_STYLES.mark[0], GONGWEN_STYLES.cc[0], GONGWEN_STYLES.printed[0]]) {
    if (!parts.get('word/styles.xml')?.includes(`w:styleId="${id}"`)) continue
    edit(parts, 'word/styles.xml', new RegExp(`(<w:style w:type="paragraph" w:styleId="${id}"[^>]*>(?:(?!</w:style>)[\\s\\S])*?<w:pPr>(?:(?!</w:pPr>)[\\s\\S])*?)(<w:spacing )`), '$1<w:snapToGrid w:val="0"/>$2')
  }
  // 公文 hanging indents (附件说明, 出席, 抄送: the names after the label): as characters (`w:hangingChars`, 3 of the
  // paragraph's own size), which win over Normal's inherited two-character first line; docx has no such option.
  for (const id of [GONGWEN_STYLES.attachmentNote[0], GONGWEN_STYLES.attendance[0], GONGWEN_STYLES.cc[0]]) {
    if (!parts.get('word/styles.xml')?.includes(`w:styleId="${id}"`)) continue
    edit(parts, 'word/styles.xml', new RegExp(`(<w:style w:type="paragraph" w:styleId="${id}"[^>]*>(?:(?!</w:style>)[\\s\\S])*?<w:ind [^>]*?)w:firstLine="0" w:firstLineChars="0"`), '$1w:hangingChars="300"')
  }
  // Footer: the body's grid spacing (docx.grid `lines`) is for 28 body characters a line, not for the page number;
  // docx writes no `w:spacing w:val="0"`, so say it here (CT_RPr orders spacing before sz).
  edit(parts, 'word/styles.xml', new RegExp(`(<w:style w:type="paragraph" w:styleId="${STYLE_IDS.footer}"[^>]*>(?:(?!</w:style>)[\\s\\S])*?<w:rPr>(?:(?!</w:rPr>)[\\s\\S])*?)(<w:sz )`), '$1<w:spacing w:val="0"/>$2')
  // Font table: every family the styles name, with an alternate name Word and WPS can fall back to.
  parts.set('word/fontTable.xml', fontTable(parts.get('word/fontTable.xml') ?? '', profile))
  // Properties: the issuer as company; the document's language.
  edit(parts, 'docProps/app.xml', /<Properties([^>]*)\/>/, `<Properties$1><Company>${xml(meta.issuer)}</Company></Properties>`)
  edit(parts, 'docProps/core.xml', '</cp:coreProperties>', `<dc:language>${xml(meta.lang)}</dc:language></cp:coreProperties>`)
  // Styles pane: the styles used and headings 1–9 only (style-pane.ts).
  pruneStyles(parts)
}

/** Replace once, or fail loudly: a docx upgrade that changes a part must not silently drop a setting. */
function edit(parts: Parts, name: string, find: string | RegExp, replace: string): void {
  const part = parts.get(name)
  const found = part !== undefined && (typeof find === 'string' ? part.includes(find) : find.test(part))
  if (!found) throw new Error(`docx writer: \`${name}\` has no \`${String(find)}\`; docx changed the part's shape`)
  parts.set(name, part.replace(find, replace))
}

/**
 * The font table: docx writes only embedded fonts; Word and WPS want every family named, with `w:altName`,
 * the GB2312 charset (86) and the embedded faces docx wrote kept.
 */
function fontTable(table: string, profile: Profile): string {
  const embedded = new Map([...table.matchAll(/<w:font w:name="([^"]+)">([\s\S]*?)<\/w:font>/g)].map((match) => [match[1]!, match[2]!.replace(/<w:(?:charset|family|pitch)\b[^>]*\/>/g, '')]))
  const fonts = fontFamilies(profile).map(({family, alternates}) => {
    const alt = alternates[0] === undefined ? '' : `<w:altName w:val="${xml(alternates[0])}"/>`
    return `<w:font w:name="${xml(family)}">${alt}<w:charset w:val="86"/><w:family w:val="auto"/><w:pitch w:val="variable"/>${embedded.get(family) ?? ''}</w:font>`
  })
  const latin = profile.docx.latinFont
  fonts.push(`<w:font w:name="${xml(latin)}"><w:charset w:val="00"/><w:family w:val="roman"/><w:pitch w:val="variable"/></w:font>`)
  const open = /<w:fonts\b[^>]*?(?=\/?>)/.exec(table)?.[0]
  if (open === undefined) throw new Error('docx writer: `word/fontTable.xml` has no `<w:fonts>`; docx changed the part')
  return `${table.slice(0, table.indexOf(open))}${open}>${fonts.join('')}</w:fonts>`
}

function xml(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')
}
