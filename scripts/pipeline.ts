/**
 * compile(): the one place that knows the stage order — parse → model → (typeset) → writers.
 *
 * Every edition is made from the same model, so the text cannot drift between them.
 */
import {VFile} from 'vfile'
import {unified} from 'unified'
import remarkParse from 'remark-parse'
import type {Root} from 'mdast'
import type {Block, Document} from './model/types.ts'
import {fromMdast} from './model/from-mdast.ts'
import remarkZhibanNormalize from './parse/normalize.ts'
import remarkZhibanStructure from './parse/structure.ts'
import {parse} from './parse/processor.ts'
import {hasErrors} from './diagnostics/report.ts'
import {checkCoverage} from './diagnostics/coverage.ts'
import type {Profile} from './profile.ts'
import type {FontCache, LoadedFont} from './typeset/fonts.ts'
import type {Templates} from './templates.ts'

import {EDITIONS, inEditionOrder, type EditionName} from './editions.ts'

export {EDITIONS, type EditionName}

/** A file an edition writes into `dist/<slug>/`. */
export interface Output {
  edition: EditionName
  /** File name inside `dist/<slug>/`. */
  name: string
  bytes: Uint8Array
  /** Page count, for paged editions. */
  pages?: number
}

/** Blocks made from the block templates (`templates/blocks/*.hbs`), placed by the writers after the body. */
export interface TemplateBlocks {
  /** The related-document line(s) for screen editions (links). */
  related: Block[]
  /** The related-document line(s) for print editions (the address printed). */
  relatedPrint: Block[]
}

/** Everything a writer gets. */
export interface Context {
  doc: Document
  /** The source file: the only place a writer reports input problems. */
  file: VFile
  /** The edition's profile (the `official` profile for pdf, docx and html). */
  profile: Profile
  /** The profile's fonts, loaded once per process. */
  fonts: Map<string, LoadedFont>
  fontCache: FontCache
  templates: Templates
  blocks: TemplateBlocks
  /** The document's fixed date (from the source's `date`, else SOURCE_DATE_EPOCH). */
  date: Date
  /** Project root. */
  root: string
  /** The booklet's profile, name or file (`booklet` by default). */
  bookletProfile: string
  /** Loads another profile by name (e.g. the booklet's). */
  loadProfile: (name: string) => Promise<Profile>
  /** Where the HTML editions will be published (config `baseUrl`), when known. */
  baseUrl?: string
}

/** What a writer may know of the editions written before it (the HTML page links to them with their sizes). */
export interface WriterOptions {
  files?: readonly {name: string; edition: EditionName; bytes: number; pages?: number}[]
}

/** A writer: one edition's files from the context. */
export type Writer = (context: Context, options?: Readonly<WriterOptions>) => Promise<Output[]>

/** Each edition's writer, loaded only when the edition is built (fonts.md §3: startup dominates). */
export const WRITERS: Record<EditionName, () => Promise<Writer>> = {
  pdf: async () => (await import('./write/pdf.ts')).writePdfEdition,
  booklet: async () => (await import('./write/booklet.ts')).writeBookletEdition,
  docx: async () => (await import('./write/docx/index.ts')).writeDocxEdition,
  ofd: async () => (await import('./write/ofd/index.ts')).writeOfdEdition,
  html: async () => (await import('./write/html/index.ts')).writeHtmlEdition,
}

/** Options of {@link compile}. */
export interface Options {
  slug: string
  profile: Profile
  fontCache: FontCache
  templates: Templates
  root: string
  editions: readonly EditionName[]
  loadProfile: (name: string) => Promise<Profile>
  /** The booklet's profile, name or file (default `booklet`). */
  bookletProfile?: string
  /** The writer table (default {@link WRITERS}); tests and the build's timing wrap inject their own. */
  writers?: Readonly<Record<EditionName, () => Promise<Writer>>>
  /** Config `baseUrl`, handed to the writers. */
  baseUrl?: string
}

/**
 * Compile one source into its editions' files. Input problems go to `file.messages`;
 * returns undefined when any is fatal (nothing is written by this function).
 * @param file the source (`path` relative to the project, `value` its text)
 * @param options profile, fonts, templates and which editions
 */
export async function compile(file: VFile, options: Readonly<Options>): Promise<{doc: Document; outputs: Output[]} | undefined> {
  // Note: the font files (tens of MB) are read on the thread pool while the source is parsed.
  const fontsRead = options.fontCache.prefetch(options.profile)
  const doc = await parse(file, options.slug)
  const blocks = doc && templateBlocks(doc, options.templates, file)
  await fontsRead
  if (!doc || !blocks) return undefined
  const context: Context = {
    doc,
    file,
    profile: options.profile,
    fonts: options.fontCache.forProfile(options.profile),
    fontCache: options.fontCache,
    templates: options.templates,
    blocks,
    date: documentDate(doc),
    root: options.root,
    loadProfile: options.loadProfile,
    bookletProfile: options.bookletProfile ?? 'booklet',
    ...(options.baseUrl === undefined ? {} : {baseUrl: options.baseUrl}),
  }
  const writers = options.writers ?? WRITERS
  // Note: one `missing-glyph` per character, before any writer (diagnostics/coverage.ts).
  if (checkCoverage(doc, [...blocks.related, ...blocks.relatedPrint], file, context.fonts, options.editions.every((e) => e === 'html')) > 0) return undefined
  const outputs: Output[] = []
  for (const edition of inEditionOrder(options.editions)) {
    const write = await writers[edition]()
    // Note: EDITIONS puts html last, so the page can link to every other file with its size.
    const files = outputs.map((o) => ({name: o.name, edition: o.edition, bytes: o.bytes.byteLength, ...(o.pages === undefined ? {} : {pages: o.pages})}))
    outputs.push(...(await write(context, files.length > 0 ? {files} : {})))
    if (hasErrors(file)) return undefined
  }
  return {doc, outputs}
}

/**
 * The document's fixed date: its `date` at 00:00 UTC; SOURCE_DATE_EPOCH only when the source has none.
 * @param doc the document
 */
export function documentDate(doc: Document): Date {
  if (doc.meta.date) return new Date(`${doc.meta.date}T00:00:00Z`)
  const epoch = Number(process.env.SOURCE_DATE_EPOCH)
  return new Date(Number.isFinite(epoch) ? epoch * 1000 : 0)
}

const blockProcessor = unified().use(remarkParse).use(remarkZhibanStructure).use(remarkZhibanNormalize).freeze()

/**
 * Render the block templates and parse their Markdown into model blocks.
 * Problems in a template's output are reported on the source file (they come from its metadata).
 */
export function templateBlocks(doc: Document, templates: Templates, file: VFile): TemplateBlocks | undefined {
  const blocks = {related: renderBlocks('blocks/related', doc, templates, file), relatedPrint: renderBlocks('blocks/related-print', doc, templates, file)}
  return hasErrors(file) ? undefined : blocks
}

/**
 * Render one block template (`blocks/<name>.hbs`, which produces Markdown) with the document's metadata and parse it
 * into model blocks with the source's own plugins. Its problems go to the source file, bar `body-empty` (a template
 * may render nothing, e.g. no related documents).
 * @param name the template, e.g. `blocks/colophon`
 * @param doc the document (its metadata and slug)
 * @param templates the loaded templates
 * @param file the source file the problems are reported on
 */
export function renderBlocks(name: string, doc: Document, templates: Templates, file: VFile): Block[] {
  const blockFile = new VFile({path: `templates/${name}.hbs (output)`, value: templates.render(name, {...doc.meta, slug: doc.slug})})
  blockFile.data.meta = doc.meta
  const tree = blockProcessor.runSync(blockProcessor.parse(blockFile), blockFile) as Root
  for (const message of blockFile.messages) if (message.ruleId !== 'body-empty') file.messages.push(message)
  return fromMdast(tree, blockFile, doc.slug).children
}
