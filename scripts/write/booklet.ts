/**
 * The booklet edition for printing offices, in phases:
 *
 * 1. the booklet profile and its fonts;
 * 2. the text laid out by the same engine as the official PDF, with the booklet profile;
 * 3. the cover (templates/blocks/cover.hbs, a small source document) and the colophon
 *    (templates/blocks/colophon.hbs) laid out by the engine, then placed on their pages;
 * 4. the booklet in reading order, padded to a multiple of 4 (typeset/booklet.ts);
 * 5. `<slug>.booklet.pdf`: pages at trim size plus bleed, TrimBox and BleedBox, crop marks;
 * 6. `<slug>.booklet-imposed.pdf`: two pages a sheet side in saddle-stitch order (typeset/impose.ts),
 *    the page model drawn into place: text stays text.
 */
import {VFile} from 'vfile'
import {renderBlocks, type Context, type Output} from '../pipeline.ts'
import {PT_PER_MM, type Profile} from '../profile.ts'
import {parse} from '../parse/processor.ts'
import {hasErrors} from '../diagnostics/report.ts'
import {say} from '../diagnostics/message.ts'
import {frontMatterPlace} from '../diagnostics/place.ts'
import type {RuleId} from '../diagnostics/rules.ts'
import type {LoadedFont} from '../typeset/fonts.ts'
import type {Box, Line, Page, PageModel} from '../typeset/page-model.ts'
import {layoutBlocks, toFlowBlock, typeset} from '../typeset/typeset.ts'
import {composeBooklet, placeColophon, placeCover, withBleed, type PageGeometry} from '../typeset/booklet.ts'
import {impose, sheetFor, type SheetSide} from '../typeset/impose.ts'
import {drawPages, registerFonts} from './pdf.ts'
import {newPdfDocument} from './pdf-meta.ts'

/** The booklet and how it was imposed (for tests and the snapshot of the mapping). */
export interface Booklet {
  profile: Profile
  /** The booklet at trim size, in reading order (blank pages included). */
  model: PageModel
  /** The same pages with bleed and crop marks, as `<slug>.booklet.pdf` draws them. */
  prepress: PageModel
  sides: SheetSide[]
}

/**
 * Write the booklet edition: `<slug>.booklet.pdf` and `<slug>.booklet-imposed.pdf`.
 * Input problems (a character no booklet font can draw) are reported on `context.file`.
 * @param context the pipeline context
 */
export async function writeBookletEdition(context: Context): Promise<Output[]> {
  const booklet = await layoutBooklet(context)
  if (!booklet) return []
  const fonts = context.fontCache.forProfile(booklet.profile)
  const slug = context.doc.slug
  return [
    {edition: 'booklet', name: `${slug}.booklet.pdf`, bytes: await renderBooklet(booklet.prepress, fonts, context), pages: booklet.prepress.pages.length},
    {edition: 'booklet', name: `${slug}.booklet-imposed.pdf`, bytes: await renderImposed(booklet.model, booklet.sides, fonts, context), pages: booklet.sides.length},
  ]
}

/**
 * Lay out the booklet (phases 1–4) and impose it.
 * @param context the pipeline context
 * @returns the booklet, or undefined when an input problem was reported
 */
export async function layoutBooklet(context: Context): Promise<Booklet | undefined> {
  // 1. The booklet profile and its fonts.
  const profile = await context.loadProfile(context.bookletProfile)
  if (!profile.booklet) throw new Error(`writeBookletEdition: profile \`${profile.name}\` (${profile.file}) has no \`booklet\` section`)
  const fonts = context.fontCache.forProfile(profile)
  const geometry = pageGeometry(profile)
  // 2. The text, numbered from its first page.
  const text = typeset(context, {profile, fonts})
  if (hasErrors(context.file)) return undefined
  // 3. Cover and colophon.
  const cover = await layoutCover(context, profile, fonts, geometry)
  if (!cover) return undefined
  let colophon: Page | undefined
  if (profile.booklet.colophon) {
    // Note: the colophon follows the text's last page: cover + blank back + text.
    colophon = layoutColophon(context, profile, fonts, geometry, 2 + text.pages.length + 1)
    if (!colophon) return undefined
  }
  // 4. Reading order, padding, prepress boxes; the imposition.
  const model = composeBooklet({cover, text, colophon})
  const prepress = withBleed(model, {bleedPt: profile.page.bleed * PT_PER_MM, cropMarks: profile.page.cropMarks})
  return {profile, model, prepress, sides: impose(model)}
}

function pageGeometry(profile: Profile): PageGeometry {
  const g = profile.geometry
  return {...g, cellPt: g.cellPt ?? profile.roles.body.size, mirror: profile.page.mirror}
}

/** A profile whose title and body roles are the cover's (or the colophon's) roles. */
function withRoles(profile: Profile, roles: Partial<Profile['roles']>): Profile {
  return {...profile, roles: {...profile.roles, ...roles}}
}

async function layoutCover(context: Context, profile: Profile, fonts: ReadonlyMap<string, LoadedFont>, geometry: PageGeometry): Promise<Page | undefined> {
  const {meta, slug} = context.doc
  const file = new VFile({path: 'templates/blocks/cover.hbs (output)', value: context.templates.render('blocks/cover', {...meta, titleLines: meta.titleLines ?? null, slug})})
  const doc = await parse(file, slug)
  if (!doc) {
    context.file.messages.push(...file.messages)
    return undefined
  }
  const coverProfile = withRoles(profile, {title: profile.booklet!.cover.title, body: profile.booklet!.cover.text})
  const model = typeset({...context, doc, file, blocks: {related: [], relatedPrint: []}}, {profile: coverProfile, fonts})
  // Note: cover problems (a missing glyph in the cover's roles) come from the source's front matter: each is
  // placed at the field its character comes from, in the source (the cover's own text has no place there).
  for (const m of file.messages) {
    const ch = typeof m.actual === 'string' ? m.actual : undefined
    const field = ch === undefined || meta.title.includes(ch) ? 'title' : meta.issuer.includes(ch) ? 'issuer' : 'date'
    say(context.file, (m.ruleId ?? 'missing-glyph') as RuleId, m.reason, {place: frontMatterPlace(context.file, field, ch), ...(ch !== undefined ? {actual: ch} : {})})
  }
  if (hasErrors(context.file)) return undefined
  return placeCover(model.pages[0]!, geometry)
}

function layoutColophon(context: Context, profile: Profile, fonts: ReadonlyMap<string, LoadedFont>, geometry: PageGeometry, pageNumber: number): Page | undefined {
  const blocks = renderBlocks('blocks/colophon', context.doc, context.templates, context.file)
  if (hasErrors(context.file)) return undefined
  if (blocks.length !== 2) throw new Error(`writeBookletEdition: templates/blocks/colophon.hbs must give two paragraphs (issuer, date), not ${blocks.length}`)
  const colophonProfile = withRoles(profile, {body: {...profile.booklet!.colophonRole, firstLineIndent: 0}})
  const model = layoutBlocks(blocks.map((block, i) => toFlowBlock(block, i, undefined)), colophonProfile, fonts, {file: context.file})
  const lines = model.pages[0]!.items.filter((item): item is Line => item.kind === 'line' && item.role === 'p')
  if (lines.length !== 2) throw new Error(`writeBookletEdition: the colophon's issuer and date must each fit one line (got ${lines.length} lines)`)
  return placeColophon(lines[0]!, lines[1]!, geometry, pageNumber)
}

/** A page box in PDF user space (origin bottom-left, y up). */
function pdfBox(box: Readonly<Box>, pageHeightPt: number): number[] {
  return [box.xPt, pageHeightPt - box.yPt - box.heightPt, box.xPt + box.widthPt, pageHeightPt - box.yPt].map((v) => Math.round(v * 1000) / 1000)
}

/**
 * `<slug>.booklet.pdf`: every page of the booklet at trim size plus bleed, with TrimBox and BleedBox.
 * @param model the booklet with bleed and crop marks ({@link withBleed})
 * @param fonts the booklet profile's fonts (each embedded once)
 * @param context the pipeline context (metadata, date)
 */
export async function renderBooklet(model: PageModel, fonts: ReadonlyMap<string, LoadedFont>, context: Context): Promise<Uint8Array> {
  const {doc, done} = newPdfDocument(context, {subject: `${context.doc.meta.title} (booklet)`})
  registerFonts(doc, fonts)
  let next = 0
  // Note: pdfkit has no option for TrimBox and BleedBox; set them in each page's dictionary as it is added.
  doc.on('pageAdded', () => {
    const page = model.pages[next++]
    if (!page) return
    const data = doc.page.dictionary.data as Record<string, unknown>
    if (page.trim) data.TrimBox = pdfBox(page.trim, page.heightPt)
    if (page.bleed) data.BleedBox = pdfBox(page.bleed, page.heightPt)
  })
  drawPages(doc, model, fonts)
  for (const entry of model.outline) {
    const page = model.pages[entry.page]!
    doc.outline.addItem(entry.title, {pageNumber: entry.page, fit: false, top: entry.yPt, left: page.widthPt - entry.xPt} as never)
  }
  doc.end()
  return done
}

/**
 * `<slug>.booklet-imposed.pdf`: each sheet side (the smallest standard landscape sheet that holds two
 * trimmed pages, A4 for A5) with its two pages side by side, centred, at trim size; blank halves stay empty.
 * @param model the booklet at trim size
 * @param sides the imposition ({@link impose})
 * @param fonts the booklet profile's fonts
 * @param context the pipeline context
 */
export async function renderImposed(model: PageModel, sides: readonly SheetSide[], fonts: ReadonlyMap<string, LoadedFont>, context: Context): Promise<Uint8Array> {
  const {doc, done} = newPdfDocument(context, {subject: `${context.doc.meta.title} (booklet, imposed for saddle stitching)`})
  registerFonts(doc, fonts)
  const first = model.pages[0]!
  const sheet = sheetFor(first.widthPt, first.heightPt)
  const x0 = (sheet.widthPt - 2 * first.widthPt) / 2
  const y0 = (sheet.heightPt - first.heightPt) / 2
  for (const side of sides) {
    doc.addPage({size: [sheet.widthPt, sheet.heightPt], margin: 0})
    const halves = [side.left, side.right]
    const pages = halves.flatMap((index, half) => (index === null ? [] : [{...model.pages[index]!, index: half + 1}]))
    drawPages(doc, {profile: model.profile, outline: [], pages}, fonts, {place: (half) => ({addPage: false, x: x0 + half * first.widthPt, y: y0, scale: 1})})
  }
  doc.end()
  return done
}
