/**
 * typeset(): the document → the page model, entirely parametrised by a profile (the booklet calls
 * the same function with its own profile and extra blocks).
 */
import type {VFile} from 'vfile'
import type {LayoutInput} from '../editions.ts'
import type {Profile, RoleName} from '../profile.ts'
import type {Block, Inline} from '../model/types.ts'
import {say} from '../diagnostics/message.ts'
import {pointAt, sourceOffsets, frontMatterPlace} from '../diagnostics/place.ts'
import type {LoadedFont} from './fonts.ts'
import type {PageModel, Role} from './page-model.ts'
import type {Collected} from './paragraph.ts'
import {flow, setBlock, type FlowBlock} from './flow.ts'
import {keptTitleLines} from './title-store.ts'
import {finishPages} from './pages.ts'
import {gongwenLayout} from './gongwen.ts'
import {tableFlowBlock, tableGlyphBlocks} from './table-blocks.ts'
import type {TableColumns} from './table.ts'
import {codePoint} from '../chars.ts'
import {draws} from './draws.ts'

/** Options of {@link typeset}. */
export interface Options {
  /** The profile (default: the context's). */
  profile?: Profile
  /** Its fonts (default: the context's). */
  fonts?: ReadonlyMap<string, LoadedFont>
  /** Blocks placed before the document (e.g. a cover), after it (a colophon). */
  before?: FlowBlock[]
  after?: FlowBlock[]
  /** The printed number of the first page. */
  firstNumber?: number
  /** Told each table's columns (the model block's index) as layout sets them. */
  onTableColumns?: (block: number, columns: TableColumns) => void
}

/**
 * Lay out the document: title, body, then the related-document line for print.
 * Reports `missing-glyph` (one per character occurrence) and `unbreakable-overflow` on `context.file`.
 * @param context the document, its profile, fonts and template blocks
 * @param options another profile, extra blocks, the first page's number
 */
export function typeset(context: LayoutInput, options: Readonly<Options> = {}): PageModel {
  const profile = options.profile ?? context.profile
  const fonts = options.fonts ?? context.fonts
  // Note: a 公文 (front matter with a masthead) is laid out by typeset/gongwen.ts around the same flow.
  const gw = context.doc.meta.gongwen
  const gongwen = gw && gongwenLayout({doc: context.doc, file: context.file, title: titleBlock(context), body: documentBlocks(context).slice(1), toFlowBlock}, gw, profile, fonts)
  const blocks = [...(options.before ?? []), ...(gongwen ? gongwen.blocks : documentBlocks(context)), ...(options.after ?? [])]
  checkGlyphs(blocks.flatMap(tableGlyphBlocks), profile, fonts, context.file)
  if (gongwen) return gongwen.layout(blocks, {file: context.file, ...(options.firstNumber !== undefined ? {firstNumber: options.firstNumber} : {})})
  return layoutBlocks(blocks, profile, fonts, {file: context.file, ...(options.firstNumber !== undefined ? {firstNumber: options.firstNumber} : {}), ...(options.onTableColumns ? {onTableColumns: options.onTableColumns} : {})})
}

/**
 * Lay out given blocks with a profile: flow, then page numbers.
 * @param blocks blocks in reading order
 * @param profile the profile
 * @param fonts its fonts
 * @param options the file for overflow warnings, the first page's number, who is told each table's columns
 */
export function layoutBlocks(blocks: readonly FlowBlock[], profile: Profile, fonts: ReadonlyMap<string, LoadedFont>, options: {file?: VFile; firstNumber?: number; onTableColumns?: (block: number, columns: TableColumns) => void} = {}): PageModel {
  const {pages, outline} = flow(blocks, {
    profile, fonts,
    ...(options.onTableColumns ? {onTableColumns: options.onTableColumns} : {}),
    onOverflow: (block, start, end) => {
      if (!options.file) return
      const offset = block.collected.offsets[start]
      say(options.file, 'unbreakable-overflow', `The run \`${block.collected.text.slice(start, end)}\` has no legal break and is longer than a line: it was broken at the measure`, offset !== undefined ? {place: pointAt(options.file, offset)} : {})
    },
  })
  finishPages(pages, {profile, fonts, ...(options.firstNumber !== undefined ? {firstNumber: options.firstNumber} : {})})
  return {profile: profile.name, pages, outline}
}

const HEADING_ROLES: Record<1 | 2 | 3 | 4, [Role, RoleName]> = {1: ['h1', 'heading1'], 2: ['h2', 'heading2'], 3: ['h3', 'heading3'], 4: ['h4', 'heading4']}

/**
 * The document's blocks to flow: the title (one empty grid line after it), the body, the
 * related-document line(s) for print.
 * @param context the document, its profile, fonts and template blocks
 */
export function documentBlocks(context: LayoutInput): readonly FlowBlock[] {
  const {doc, file} = context
  const hit = made.get(doc)
  if (hit && hit.file === file && hit.related === context.blocks.relatedPrint) return hit.blocks
  const out: FlowBlock[] = [titleBlock(context)]
  doc.children.forEach((block, index) => out.push(toFlowBlock(block, index, file)))
  for (const block of context.blocks.relatedPrint) out.push({...toFlowBlock(block, -1, undefined), role: 'related', profileRole: 'related'})
  made.set(doc, {file, related: context.blocks.relatedPrint, blocks: out})
  return out
}

/**
 * The blocks made for each document, with the file and related lines they were made from: the official pages and
 * the booklet flow the same blocks (their text, source offsets and links do not depend on the page), read-only.
 */
const made = new WeakMap<LayoutInput['doc'], {file: VFile; related: LayoutInput['blocks']['relatedPrint']; blocks: readonly FlowBlock[]}>()

/**
 * The title as a block to flow (one empty grid line after it); its characters point into the front matter.
 * @param context the document, its profile, fonts and template blocks
 */
function titleBlock(context: LayoutInput): FlowBlock {
  const {doc, file} = context
  const source = String(file.value)
  const title = doc.meta.title
  const at = source.indexOf(doc.meta.titleLines?.[0] ?? title)
  const titleOffsets = [...Array(title.length).keys()].map((i) => (at >= 0 && !doc.meta.titleLines ? at + i : undefined))
  return {
    role: 'title', profileRole: 'title', block: -1, spaceAfterLines: 1,
    collected: {text: title, offsets: titleOffsets, links: title.split('').map(() => undefined)},
    ...(doc.meta.titleLines ? {titleLines: doc.meta.titleLines} : {}),
  }
}

/**
 * The title's lines as layout breaks them (by sense, balanced; lines fixed in the front matter win).
 * Note: for editions that do not lay out text themselves (DOCX), so that their title breaks where the
 * official PDF's does instead of wherever the client's own line breaker puts it (e.g. inside `2022—2025`).
 * @param context the document, its profile, fonts and template blocks (its official profile and fonts)
 */
export function titleLines(context: LayoutInput): string[] {
  return keptTitleLines(context, () => setTitleLines(context))
}

/**
 * The title's lines as the official pages set them: the title block alone set into lines (flow.ts `setBlock`), what
 * flowing the document places first on its first page, without the page, the page numbers and the rest of the body
 * (the title's lines depend on nothing after it).
 * @param context the document, its profile and fonts
 */
export function setTitleLines(context: LayoutInput): string[] {
  return setBlock(titleBlock(context), {profile: context.profile, fonts: context.fonts}).lines.map((line) => line.runs.map((run) => run.text).join(''))
}

/**
 * The title's lines in a page model (the official pages hold them as titleLines would break them: the same block,
 * profile and fonts, first on the first page).
 * @param model the page model
 */
export function modelTitleLines(model: PageModel): string[] {
  return model.pages.flatMap((page) => page.items.flatMap((item) => (item.kind === 'line' && item.role === 'title' ? [item.runs.map((run) => run.text).join('')] : [])))
}

/**
 * A model block as a block to flow.
 * @param block a heading, paragraph or table
 * @param index its index in the document
 * @param file the file its positions point into (undefined for template blocks)
 */
export function toFlowBlock(block: Block, index: number, file: VFile | undefined): FlowBlock {
  if (block.type === 'table') return tableFlowBlock(block, index, (nodes) => collect(nodes, file))
  const collected = collect(block.children, file)
  if (block.type === 'heading') {
    const [role, profileRole] = HEADING_ROLES[block.level]
    return {role, profileRole, block: index, collected, heading: {level: block.level, title: collected.text}}
  }
  return {role: 'p', profileRole: 'body', block: index, collected}
}

export function collect(nodes: readonly Inline[], file: VFile | undefined, link?: string): Collected {
  const out: Collected = {text: '', offsets: [], links: []}
  for (const node of nodes) {
    if (node.type === 'link') {
      const inner = collect(node.children, file, node.url)
      out.text += inner.text
      for (const offset of inner.offsets) out.offsets.push(offset)
      for (const target of inner.links) out.links.push(target)
      continue
    }
    const start = node.position?.start.offset
    const end = node.position?.end.offset
    out.text += node.value
    if (file && start !== undefined && end !== undefined) for (const offset of sourceOffsets(file, node.value, start, end)) out.offsets.push(offset)
    else for (let i = 0; i < node.value.length; i++) out.offsets.push(undefined)
    for (let i = 0; i < node.value.length; i++) out.links.push(link)
  }
  return out
}

/**
 * Check every character against the font of its block's role; one `missing-glyph` per occurrence.
 * @param blocks the blocks to flow
 * @param profile the profile
 * @param fonts its fonts
 * @param file where to report
 * @returns whether every character has a glyph
 */
export function checkGlyphs(blocks: readonly FlowBlock[], profile: Profile, fonts: ReadonlyMap<string, LoadedFont>, file: VFile): boolean {
  let ok = true
  for (const block of blocks) {
    const key = profile.roles[block.profileRole].font
    const loaded = fonts.get(key)
    if (!loaded) continue
    const text = block.collected.text
    // Note: a text this font was found to draw whole before (the official pages and the booklet check the same
    // blocks, with the same fonts when their profiles name the same files) is not checked again.
    let whole = drawnWhole.get(loaded.font)
    if (!whole) drawnWhole.set(loaded.font, (whole = new Set()))
    if (whole.has(text)) continue
    let blockOk = true
    for (let i = 0; i < text.length; i++) {
      const cp = text.codePointAt(i)!
      const ch = String.fromCodePoint(cp)
      if (!draws(loaded, ch)) {
        ok = false
        blockOk = false
        const offset = block.collected.offsets[i]
        const hex = codePoint(ch)
        say(file, 'missing-glyph', `The font \`${loaded.family}\` of role \`${block.profileRole}\` (profile \`${profile.name}\`) cannot draw "${ch}" (${hex}): add a covering font to the profile or change the character`, {
          // Note: the title has no body offsets: it comes from the front matter, and is placed there.
          place: offset !== undefined ? pointAt(file, offset) : frontMatterPlace(file, block.role === 'related' ? 'related' : 'title', ch),
          actual: ch,
        })
      }
      if (ch.length === 2) i++
    }
    if (blockOk) {
      whole.add(text)
      wholeChars += text.length
      // Note: kept for some 20,000 characters (WHOLE_MOST), then forgotten (a watch session's edits keep adding texts).
      if (wholeChars > WHOLE_MOST) {
        drawnWhole = new WeakMap()
        wholeChars = 0
      }
    }
  }
  return ok
}

/**
 * Per font: block texts it draws every character of (see checkGlyphs), forgotten past {@link WHOLE_MOST} characters:
 * a document's worth (its official pages and booklet check the same texts), not a corpus's (with 200,000 the worker
 * threads of the 200-document benchmark could peak above 600 MB).
 */
let drawnWhole = new WeakMap<LoadedFont['font'], Set<string>>()
const WHOLE_MOST = 20_000
let wholeChars = 0
