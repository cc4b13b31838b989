/**
 * Layout for the selected editions: what each built-in writer draws, decided here and nowhere else.
 *
 * - `pdf`, `ofd`: the official pages (the official profile, A4), laid out once for both;
 * - `booklet`: the booklet with the booklet profile, in phases: the text (numbered from its first page), the
 *   cover (`blocks/cover`, a small source document) and the colophon (`blocks/colophon`) laid out by the same
 *   engine and placed on their pages, the booklet in reading order padded to a multiple of 4 (booklet.ts),
 *   bleed and crop marks, the imposition (impose.ts);
 * - `docx`: the title's lines as the official layout breaks them, and each table's columns as the official layout
 *   sets them (Word does the rest of the text itself);
 * - `html`: nothing (the browser lays it out).
 */
import type {BookletLayout, EditionName, Layout, LayoutInput} from '../editions.ts'
import {hasErrors} from '../diagnostics/report.ts'
import {say} from '../diagnostics/message.ts'
import {frontMatterPlace} from '../diagnostics/place.ts'
import type {RuleId} from '../diagnostics/rules.ts'
import {PT_PER_MM, type Profile} from '../profile.ts'
import type {LoadedFont} from './fonts.ts'
import type {Line, Page, PageModel} from './page-model.ts'
import type {TableColumns} from './table.ts'
import {layoutBlocks, modelTitleLines, titleLines, toFlowBlock, typeset} from './typeset.ts'
import {composeBooklet, placeColophon, placeCover, withBleed, type PageGeometry} from './booklet.ts'
import {impose} from './impose.ts'
import {gongwenWordLayout} from './gongwen.ts'
import {documentTableColumns} from './table-blocks.ts'
import {hasKeptTitleLines} from './title-store.ts'
import {hasTable} from '../model/table.ts'

/** For each official page model made here: the profile it was made with and its tables' columns (by block index). */
const OFFICIAL = new WeakMap<PageModel, {profile: Profile; columns: (TableColumns | undefined)[]}>()

/** The booklet profile and its fonts. */
export interface BookletProfile {
  profile: Profile
  fonts: ReadonlyMap<string, LoadedFont>
}

/**
 * Lay out what one edition's writer draws into `layout`. Input problems go to `input.file`.
 * @param edition the edition
 * @param input the document, the official profile and fonts, the template blocks
 * @param layout what layout decided so far (filled in)
 * @param booklet the booklet profile and fonts (for the booklet edition)
 * @returns false when an input problem stops the build
 */
export function layoutEdition(edition: EditionName, input: LayoutInput, layout: Layout, booklet?: BookletProfile): boolean {
  switch (edition) {
    case 'pdf':
    case 'ofd':
      // Note: the OFD draws the official PDF's pages: one layout for both.
      if (!layout.official) {
        const columns: (TableColumns | undefined)[] = input.doc.children.map(() => undefined)
        layout.official = typeset(input, {onTableColumns: (block, set) => (columns[block] = set)})
        // Note: a 公文's pages are gongwen.ts's, which does not report its tables' columns: nothing to reuse.
        if (!input.doc.meta.gongwen) OFFICIAL.set(layout.official, {profile: input.profile, columns})
      }
      break
    case 'booklet': {
      if (!booklet) throw new Error('layoutEdition: the booklet edition needs the booklet profile')
      const made = layoutBooklet(input, booklet)
      if (!made) return false
      layout.booklet = made
      break
    }
    case 'docx': {
      // Note: the official layout, when made with this profile, already broke the title and set the tables (not
      // for a 公文, whose official layout is gongwen.ts's: the DOCX's are computed as before).
      const official = layout.official && OFFICIAL.get(layout.official)
      const reuse = layout.official && official?.profile === input.profile ? {official: layout.official, columns: official.columns} : undefined
      layout.titleLines = reuse ? modelTitleLines(reuse.official) : titleLines(input)
      if (input.doc.meta.gongwen) layout.gongwenWord = gongwenWordLayout(input.doc, input.doc.meta.gongwen, input.profile, input.fonts)
      layout.tableColumns = reuse ? reuse.columns : documentTableColumns(input.doc, input.profile, input.fonts)
      break
    }
    case 'html':
      break
  }
  return !hasErrors(input.file)
}

/**
 * Whether laying out an edition sets text with the fonts (fontkit must then be loaded first): every edition of pages
 * does; the DOCX only for a table's columns, a 公文's places, or a title whose lines were not kept from a process
 * before (title-store.ts); the HTML never.
 * @param edition the edition
 * @param input the document, the official profile and fonts
 */
export function layoutSetsText(edition: EditionName, input: LayoutInput): boolean {
  if (edition === 'html') return false
  if (edition !== 'docx') return true
  return input.doc.meta.gongwen !== undefined || hasTable(input.doc) || !hasKeptTitleLines(input)
}

/**
 * Lay out the booklet and impose it.
 * @param input the document and its template blocks (`cover`, and `colophon` when the profile has one)
 * @param booklet the booklet profile and its fonts
 * @returns the booklet, or undefined when an input problem was reported
 */
export function layoutBooklet(input: LayoutInput, booklet: BookletProfile): BookletLayout | undefined {
  const {profile, fonts} = booklet
  if (!profile.booklet) throw new Error(`writeBookletEdition: profile \`${profile.name}\` (${profile.file}) has no \`booklet\` section`)
  const geometry = pageGeometry(profile)
  // The text, numbered from its first page.
  const text = typeset(input, {profile, fonts})
  if (hasErrors(input.file)) return undefined
  // Cover and colophon.
  const cover = layoutCover(input, profile, fonts, geometry)
  if (!cover) return undefined
  let colophon: Page | undefined
  // Note: a 公文 with a 版记 has its imprint on its own last even page; the booklet adds no second one.
  if (profile.booklet.colophon && !input.doc.meta.gongwen?.imprint) {
    // Note: the colophon follows the text's last page: cover + blank back + text.
    colophon = layoutColophon(input, profile, fonts, geometry, 2 + text.pages.length + 1)
    if (!colophon) return undefined
  }
  // Reading order, padding, prepress boxes; the imposition.
  const model = composeBooklet({cover, text, colophon})
  const prepress = withBleed(model, {bleedPt: profile.page.bleed * PT_PER_MM, cropMarks: profile.page.cropMarks})
  return {profile, fonts, model, prepress, sides: impose(model)}
}

function pageGeometry(profile: Profile): PageGeometry {
  const g = profile.geometry
  return {...g, cellPt: g.cellPt ?? profile.roles.body.size, mirror: profile.page.mirror}
}

/** A profile whose title and body roles are the cover's (or the colophon's) roles. */
function withRoles(profile: Profile, roles: Partial<Profile['roles']>): Profile {
  return {...profile, roles: {...profile.roles, ...roles}}
}

function layoutCover(input: LayoutInput, profile: Profile, fonts: ReadonlyMap<string, LoadedFont>, geometry: PageGeometry): Page | undefined {
  const cover = input.blocks.cover
  if (!cover) throw new Error('layoutBooklet: the cover was not rendered (compile() renders it when the booklet edition is selected)')
  const {doc, file} = cover
  if (!doc) {
    input.file.messages.push(...file.messages)
    return undefined
  }
  const coverProfile = withRoles(profile, {title: profile.booklet!.cover.title, body: profile.booklet!.cover.text})
  const model = typeset({...input, doc, file, blocks: {related: [], relatedPrint: []}}, {profile: coverProfile, fonts})
  // Note: cover problems (a missing glyph in the cover's roles) come from the source's front matter: each is
  // placed at the field its character comes from, in the source (the cover's own text has no place there).
  const {meta} = input.doc
  for (const m of file.messages) {
    const ch = typeof m.actual === 'string' ? m.actual : undefined
    const field = ch === undefined || meta.title.includes(ch) ? 'title' : meta.issuer.includes(ch) ? 'issuer' : 'date'
    say(input.file, (m.ruleId ?? 'missing-glyph') as RuleId, m.reason, {place: frontMatterPlace(input.file, field, ch), ...(ch !== undefined ? {actual: ch} : {})})
  }
  if (hasErrors(input.file)) return undefined
  return placeCover(model.pages[0]!, geometry)
}

function layoutColophon(input: LayoutInput, profile: Profile, fonts: ReadonlyMap<string, LoadedFont>, geometry: PageGeometry, pageNumber: number): Page | undefined {
  const colophon = input.blocks.colophon
  if (!colophon) throw new Error('layoutBooklet: the colophon was not rendered (compile() renders it when the booklet profile has one)')
  input.file.messages.push(...colophon.file.messages)
  if (hasErrors(input.file)) return undefined
  const {blocks} = colophon
  if (blocks.length !== 2) throw new Error(`writeBookletEdition: templates/blocks/colophon.hbs must give two paragraphs (issuer, date), not ${blocks.length}`)
  const colophonProfile = withRoles(profile, {body: {...profile.booklet!.colophonRole, firstLineIndent: 0}})
  const model = layoutBlocks(blocks.map((block, i) => toFlowBlock(block, i, undefined)), colophonProfile, fonts, {file: input.file})
  const lines = model.pages[0]!.items.filter((item): item is Line => item.kind === 'line' && item.role === 'p')
  if (lines.length !== 2) throw new Error(`writeBookletEdition: the colophon's issuer and date must each fit one line (got ${lines.length} lines)`)
  return placeColophon(lines[0]!, lines[1]!, geometry, pageNumber)
}
