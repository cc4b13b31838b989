/**
 * The contracts every stage shares, at the bottom of the import graph: the editions, what layout decides for
 * them, what a writer gets and what it gives back.
 *
 * Note: this module imports types only so that the CLI and the build cache can name the
 * editions without loading the pipeline (unified, fontkit…): a no-op rebuild must start in well under 0.2 s.
 * The data flows one way: compile() (pipeline.ts) parses, renders the template blocks, checks, lays out
 * (typeset/layout.ts) and hands each writer (write/writers.ts) a {@link Context}; writers only draw it.
 */
import type {VFile} from 'vfile'
import type {Block, Document} from './model/types.ts'
import type {Profile} from './profile.ts'
import type {Templates} from './templates.ts'
import type {LoadedFont} from './typeset/fonts.ts'
import type {GongwenWordLayout, PageModel} from './typeset/page-model.ts'
import type {SheetSide} from './typeset/impose.ts'
import type {TableColumns} from './typeset/table.ts'

/** The editions zhiban makes. */
export const EDITIONS = ['pdf', 'booklet', 'docx', 'ofd', 'html'] as const
/** One of {@link EDITIONS}. */
export type EditionName = (typeof EDITIONS)[number]

/**
 * Editions in the order they are written, each once (`--only html,pdf` builds the PDF first: the page lists it).
 * @param names editions in any order
 */
export function inEditionOrder(names: readonly EditionName[]): EditionName[] {
  return EDITIONS.filter((e) => names.includes(e))
}

/** A file an edition wrote, by its size: the one shape the editions after it, the manifest and the listing know. */
export interface WrittenFile {
  /** File name inside `dist/<slug>/`. */
  name: string
  edition: EditionName
  /** Its size in bytes. */
  bytes: number
  /** Page count, for paged editions. */
  pages?: number
}

/** A file an edition writes into `dist/<slug>/`: a {@link WrittenFile} with its bytes. */
export interface Output extends Omit<WrittenFile, 'bytes'> {
  bytes: Uint8Array
}

/**
 * The {@link WrittenFile} of an output.
 * @param output an edition's file
 */
export function writtenFile(output: Readonly<Output>): WrittenFile {
  return {name: output.name, edition: output.edition, bytes: output.bytes.byteLength, ...(output.pages === undefined ? {} : {pages: output.pages})}
}

/** Blocks made from the block templates (`templates/blocks/*.hbs`). */
export interface TemplateBlocks {
  /** The related-document line(s) for screen editions (links), placed after the body. */
  related: Block[]
  /** The related-document line(s) for print editions (the address printed), placed after the body. */
  relatedPrint: Block[]
  /** The booklet's cover (`blocks/cover`), a small source document of its own; only when the booklet is made. */
  cover?: {doc: Document | undefined; file: VFile}
  /**
   * The booklet's colophon (`blocks/colophon`: issuer, date), only when the booklet profile asks for one; its
   * problems wait in `file` until layout reaches the colophon.
   */
  colophon?: {blocks: Block[]; file: VFile}
}

/** What layout gets: the document, its source file (where problems go), a profile and its fonts, the template blocks. */
export interface LayoutInput {
  doc: Document
  /** The source file: the only place input problems are reported. */
  file: VFile
  profile: Profile
  fonts: ReadonlyMap<string, LoadedFont>
  blocks: TemplateBlocks
}

/** The booklet as layout decided it, and how it is imposed. */
export interface BookletLayout {
  profile: Profile
  /** The booklet profile's fonts. */
  fonts: ReadonlyMap<string, LoadedFont>
  /** The booklet at trim size, in reading order (blank pages included). */
  model: PageModel
  /** The same pages with bleed and crop marks, as `<slug>.booklet.pdf` draws them. */
  prepress: PageModel
  /** The sheet sides of the imposition, in saddle-stitch order. */
  sides: SheetSide[]
}

/** What layout decided for the selected editions (each part only when an edition needs it). */
export interface Layout {
  /** The official A4 pages (the PDF and OFD editions). */
  official?: PageModel
  /** The booklet (the booklet edition). */
  booklet?: BookletLayout
  /** The title's lines as the official layout breaks them (the DOCX, which does not lay out text itself). */
  titleLines?: string[]
  /** A 公文's places the DOCX takes from the official layout: the mark's size, the signature's x. */
  gongwenWord?: GongwenWordLayout
  /** Each table's columns as the official layout sets them, by block index (the DOCX's Word tables). */
  tableColumns?: (TableColumns | undefined)[]
}

/** Everything a writer gets. */
export interface Context extends LayoutInput {
  /** The `official` profile (pdf, ofd, docx and html). */
  profile: Profile
  templates: Templates
  /** The document's fixed date (from the source's `date`, else SOURCE_DATE_EPOCH). */
  date: Date
  /** Project root. */
  root: string
  /** Where the HTML editions will be published (config `baseUrl`), when known. */
  baseUrl?: string
  /** What layout decided. */
  layout: Layout
}

/** What a writer may know of the editions written before it (the HTML page links to them with their sizes). */
export interface WriterOptions {
  files?: readonly WrittenFile[]
}

/** A writer: one edition's files from the context. */
export type Writer = (context: Context, options?: Readonly<WriterOptions>) => Promise<Output[]>
