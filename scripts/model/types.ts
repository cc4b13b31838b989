/**
 * The one document model every edition renders from.
 *
 * Note: every node keeps the `position` of the mdast node it came from, so that any later stage
 * (layout, a writer) can point a diagnostic at the character in the source file.
 */
import type {Position} from 'unist'
import {GONGWEN_KINDS, type GongwenMeta} from './gongwen.ts'

/** Kinds of document the source format accepts: the press Q&A, the 公文 kinds (model/gongwen.ts), a speech, other. */
export const DOCUMENT_KINDS = ['press-qa', ...GONGWEN_KINDS, 'speech', 'other'] as const
/** One of {@link DOCUMENT_KINDS}. */
export type DocumentKind = (typeof DOCUMENT_KINDS)[number]

/** A related document (e.g. the notice a Q&A answers questions on). */
export interface RelatedDocument {
  title: string
  url: string
}

/** Validated front matter. */
export interface DocumentMeta {
  /** The title as one string (lines joined without separator). */
  title: string
  /** Title lines fixed by the source (front matter `title` given as a list), or undefined. */
  titleLines?: string[]
  /** 发布机关. */
  issuer: string
  /** ISO date `YYYY-MM-DD`. */
  date: string
  kind: DocumentKind
  /** BCP 47 tag, `zh-CN` by default. */
  lang: string
  /** URL of the original, when known. */
  source?: string
  related: RelatedDocument[]
  keywords: string[]
  /** The 公文 parts (masthead, recipients, signature, imprint), for a 公文 kind only. */
  gongwen?: GongwenMeta
}

/** Plain text. */
export interface Text {
  type: 'text'
  value: string
  position?: Position
}

/** A lead-in such as `答：` at the start of an answer paragraph; its text stays part of the paragraph. */
export interface LeadIn {
  type: 'lead'
  value: string
  position?: Position
}

/** A hyperlink (http, https or mailto only). */
export interface Link {
  type: 'link'
  url: string
  children: Text[]
  position?: Position
}

/** Inline content of a block. */
export type Inline = Text | LeadIn | Link

/** A heading of the official hierarchy: level 1 `一、`, 2 `（一）`, 3 `1.`, 4 `（1）`. */
export interface Heading {
  type: 'heading'
  level: 1 | 2 | 3 | 4
  /** Stable anchor id derived from the heading's sequence mark (e.g. `q1`). */
  id: string
  children: Inline[]
  position?: Position
}

/** A body paragraph. */
export interface Paragraph {
  type: 'paragraph'
  children: Inline[]
  position?: Position
}

/* Tables (GB/T 9704 §8); what a caption is and how columns align: table.ts. */

/** A column's alignment as the source gives it (`:--`, `:-:`, `--:`), or null. */
export type ColumnAlign = 'left' | 'center' | 'right' | null

/** One cell: inline text only. */
export interface TableCell {
  children: Inline[]
  position?: Position
}

/** A table: optional caption (`表1 …`, the paragraph before it), a header row and body rows of equal length. */
export interface Table {
  type: 'table'
  /** The caption's inline content (the source paragraph `表1 2025年度检查情况统计`), when there is one. */
  caption?: {children: Inline[]; position?: Position}
  /** Alignment per column, from the delimiter row. */
  align: ColumnAlign[]
  head: TableCell[]
  rows: TableCell[][]
  position?: Position
}

/** A block of the body. */
export type Block = Heading | Paragraph | Table

/** An attachment (附件): a container directive `:::attachment{title="…"}` after the body. */
export interface Attachment {
  type: 'attachment'
  /** 1-based: `附件1`. */
  number: number
  /** Anchor id (`attachment-1`). */
  id: string
  title: string
  children: Block[]
  position?: Position
}

/** The whole document. */
export interface Document {
  type: 'document'
  meta: DocumentMeta
  /** Slug: the source file's name without `.md`. */
  slug: string
  children: Block[]
  /** 附件, after the body (公文 kinds only). */
  attachments?: Attachment[]
}
