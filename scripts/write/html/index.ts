/**
 * The web edition: a standalone page (`index.html`) and a fragment a web editor pastes into a
 * CMS (`embed.html`), plus the listing of every document (`dist/index.html`, {@link writeIndex}).
 *
 * The body goes model → hast (`fromModel`) → allow-list (`sanitize`) → pretty whitespace
 * (`hast-util-format`) → HTML (`hast-util-to-html`), once for both files (the fragment's HTML written again with
 * every id prefixed, {@link pageAndEmbed}), and is then placed into the Handlebars
 * templates `templates/html/page.hbs` and `templates/html/embed.hbs`. No script, no request off
 * the page: fonts are the reader's own, named by stacks rendered from the profile (font-stack.ts).
 */
import {format} from 'hast-util-format'
import {toHtml} from 'hast-util-to-html'
import type {Root, RootContent} from 'hast'
import type {Context, Output, WriterOptions, WrittenFile} from '../../editions.ts'
import type {Document, DocumentMeta} from '../../model/types.ts'
import {hasTable} from '../../model/table.ts'
import type {Profile} from '../../profile.ts'
import type {Templates} from '../../templates.ts'
import {fromModel, hrefOf, leadText, mastheadOf} from './from-model.ts'
import {sanitize} from './sanitize.ts'
import {subsetWebfont, webfontCharacters, WEBFONT_FAMILY} from './webfont.ts'
import {cssFontStacks, cssString} from './font-stack.ts'
import {CLOSING_BRACKETS, OPENING_BRACKETS} from '../../chars.ts'
import {listingOrder} from '../manifest.ts'
import {cnDate} from '../../dates.ts'

/** A file of another edition the page links to (editions.ts `WrittenFile`; `bytes` is its size). */
export type EditionFile = WrittenFile

/**
 * Options of {@link writeHtmlEdition}: the other editions' files with their sizes, when the build writes HTML
 * last. Without them the page links to the usual file names and shows no sizes.
 */
export type Options = WriterOptions

/**
 * One document of the listing {@link writeIndex} writes. A document's manifest
 * (`write/manifest.ts` `Manifest`) is one as it is.
 */
export interface IndexEntry {
  slug: string
  title: DocumentMeta['title']
  issuer: DocumentMeta['issuer']
  /** ISO date `YYYY-MM-DD`. */
  date: DocumentMeta['date']
  /** BCP 47 tag of the document (default `zh-CN`). */
  lang?: DocumentMeta['lang']
  /** Every file of the document (html included), by name inside `dist/<slug>/`. */
  files: readonly EditionFile[]
}

/** Longest `<meta name="description">`, in characters (search engines show about this many). */
const DESCRIPTION_MAX_CHARS = 120

/**
 * Write the web edition of one document.
 * @param context the pipeline context (document, templates, related blocks)
 * @param options the other editions' files and sizes (optional; see {@link Options})
 * @returns `index.html` and `embed.html` (and `webfont.woff2` under profile `html.webfont: subset`)
 */
export async function writeHtmlEdition(context: Context, options: Readonly<Options> = {}): Promise<Output[]> {
  const {doc, templates, blocks} = context
  // Phase 1: the data both templates share (escaped by Handlebars where they are placed).
  // Note: a 公文's masthead is the page's header (write/html/gongwen.ts); null for other kinds.
  const shared = {...pageData(doc), red: context.profile.gongwen.red.rgb}
  // Phase 2: the page's body — ids as in the model (`q1`), links to them as `#q1`.
  // Phase 3: the fragment's body — every id prefixed so it cannot clash with the host page.
  const idPrefix = embedIdPrefix(doc.slug)
  const [pageBody, embedBody] = pageAndEmbed(sanitize(fromModel(doc, {idPrefix: '', after: blocks.related, anchorLabel: '本节链接'}), ''), idPrefix)
  const [pageMasthead, embedMasthead] = doc.meta.gongwen ? pageAndEmbed(sanitize(mastheadOf(doc, ''), ''), idPrefix) : [null, null]
  // Phase 4: the editions the page links to, with sizes when the build knows them.
  const editions = editionLinks(options.files)
  // Phase 5: render the templates.
  const fonts = cssFontStacks(context.profile)
  const data = {...shared, masthead: pageMasthead, body: pageBody, editions, jsonLd: jsonLd(doc), fonts, webfont: null}
  let page = templates.render('html/page', data)
  const embed = templates.render('html/embed', {...shared, masthead: embedMasthead, body: embedBody, fonts})
  const encoder = new TextEncoder()
  const outputs: Output[] = []
  // Phase 6 (profile `html.webfont: subset`): the body font cut to the page's characters, and the
  // page rendered again naming it. Note: the fragment never names it: a CMS page would not have
  // the file at the same relative address.
  if (context.profile.html.webfont === 'subset') {
    const font = context.fonts.get(context.profile.roles.body.font)
    if (!font) throw new Error(`writeHtmlEdition: the profile's body font \`${context.profile.roles.body.font}\` is not loaded`)
    const characters = webfontCharacters(page.replace(/<style>[\s\S]*?<\/style>/g, ''))
    outputs.push({edition: 'html', name: WEBFONT_FILE, bytes: await subsetWebfont(font.bytes, characters)})
    const webfont = {href: WEBFONT_FILE, family: cssString(WEBFONT_FAMILY)}
    page = templates.render('html/page', {...data, fonts: cssFontStacks(context.profile, WEBFONT_FAMILY), webfont})
  }
  return [
    {edition: 'html', name: 'index.html', bytes: encoder.encode(page)},
    {edition: 'html', name: 'embed.html', bytes: encoder.encode(embed)},
    ...outputs,
  ]
}

/** The file name of the optional web font, next to index.html. */
export const WEBFONT_FILE = 'webfont.woff2'

/**
 * The listing of every document (`dist/index.html`): title, date, issuer, and a link to each
 * edition with its size. Newest first, then by slug, so the bytes do not depend on input order.
 * @param entries one per document
 * @param templates the loaded templates (`html/listing`)
 * @param profile the web edition's profile (its fonts name the listing's font stacks)
 */
export function writeIndex(entries: readonly IndexEntry[], templates: Templates, profile: Pick<Profile, 'fonts' | 'roles'>): Uint8Array {
  const documents = [...entries]
    .sort(listingOrder)
    .map((entry) => {
      const page = entry.files.find((file) => file.name === 'index.html')
      return {
        slug: entry.slug,
        title: entry.title,
        issuer: entry.issuer,
        lang: entry.lang ?? 'zh-CN',
        date: entry.date,
        dateText: cnDate(entry.date),
        href: `${entry.slug}/${page ? page.name : 'index.html'}`,
        editions: editionLinks(entry.files, `${entry.slug}/`),
      }
    })
  return new TextEncoder().encode(templates.render('html/listing', {documents, fonts: cssFontStacks(profile)}))
}

/** The id prefix of the fragment: `zhiban-<slug>-`. */
export function embedIdPrefix(slug: string): string {
  return `zhiban-${slug}-`
}

/**
 * The page's and the fragment's HTML of one sanitised tree (the body, or a 公文's masthead), formatted once: the
 * page's as it is, then the fragment's with every id and every link to one prefixed, the one difference between
 * them. Note: the tree is made once, with the page's ids (sanitised against `^[a-z][a-z0-9-]*$`), so the fragment's
 * ids are the prefix and such an id; the allow-list lets ids through only on the elements below and references to
 * them only as `id`, `aria-labelledby` and `href="#…"` (sanitize.ts).
 * @param tree the sanitised tree, with the page's ids (prefix ``)
 * @param idPrefix the fragment's id prefix
 */
function pageAndEmbed(tree: Root, idPrefix: string): [string, string] {
  format(tree)
  const page = toHtml(tree).trim()
  prefixIds(tree, idPrefix)
  return [page, toHtml(tree).trim()]
}

function prefixIds(node: Root | RootContent, idPrefix: string): void {
  if (node.type === 'element') {
    const {properties} = node
    if (typeof properties.id === 'string') properties.id = idPrefix + properties.id
    if (typeof properties.href === 'string' && properties.href.startsWith('#')) properties.href = `#${idPrefix}${properties.href.slice(1)}`
    // Note: a space-separated list (hast keeps it as an array; serialised joined by spaces either way).
    const labelledBy: unknown = properties.ariaLabelledBy
    const ids = typeof labelledBy === 'string' ? labelledBy.split(' ') : Array.isArray(labelledBy) ? labelledBy.map(String) : undefined
    if (ids) properties.ariaLabelledBy = ids.map((id) => idPrefix + id)
  }
  if ('children' in node) for (const child of node.children) prefixIds(child, idPrefix)
}

function pageData(doc: Document) {
  const {meta} = doc
  return {
    slug: doc.slug,
    lang: meta.lang,
    title: meta.title,
    issuer: meta.issuer,
    date: meta.date,
    dateText: cnDate(meta.date),
    description: description(leadText(doc)),
    canonical: (meta.source && hrefOf(meta.source)) ?? null,
    ogLocale: meta.lang.replace('-', '_'),
    keywords: meta.keywords.join(','),
    tables: hasTable(doc),
  }
}

function jsonLd(doc: Document): object {
  const {meta} = doc
  return {
    '@context': 'https://schema.org',
    '@type': 'NewsArticle',
    headline: meta.title,
    datePublished: meta.date,
    inLanguage: meta.lang,
    publisher: {'@type': 'Organization', name: meta.issuer},
    author: {'@type': 'Organization', name: meta.issuer},
    ...(meta.keywords.length > 0 ? {keywords: meta.keywords.join(',')} : {}),
    description: description(leadText(doc)),
    ...(meta.source && hrefOf(meta.source) ? {url: hrefOf(meta.source), mainEntityOfPage: hrefOf(meta.source)} : {}),
  }
}

/** Marks that open and close a span a description must not be cut inside (book titles, notes, quotes). */
const OPENING = OPENING_BRACKETS
const CLOSING = CLOSING_BRACKETS

/**
 * A description of at most {@link DESCRIPTION_MAX_CHARS} characters: the lead paragraph cut at
 * the last full stop in its second half, else at the last comma there (then marked `……`), else
 * at the limit; never inside 《…》, （…） or quotes.
 * @param text the lead paragraph's text
 */
export function description(text: string): string {
  // Note: count code points, not UTF-16 units, so a character outside the BMP is never split.
  const chars = Array.from(text)
  if (chars.length <= DESCRIPTION_MAX_CHARS) return text
  const min = DESCRIPTION_MAX_CHARS / 2
  let depth = 0
  let stop = -1
  let comma = -1
  for (let i = 0; i < DESCRIPTION_MAX_CHARS - 1; i++) {
    const char = chars[i]!
    if (OPENING.has(char)) depth += 1
    else if (CLOSING.has(char)) depth = Math.max(0, depth - 1)
    else if (depth === 0 && i >= min && '。！？；'.includes(char)) stop = i
    else if (depth === 0 && i >= min && '，、：'.includes(char)) comma = i
  }
  if (stop >= 0) return chars.slice(0, stop + 1).join('')
  if (comma >= 0) return `${chars.slice(0, comma).join('')}……`
  return `${chars.slice(0, DESCRIPTION_MAX_CHARS - 2).join('')}……`
}

/** Labels of the editions' files, by the end of their name (first match wins), with their place in a list. */
const EDITION_LABELS: readonly (readonly [suffix: string, label: string, rank: number])[] = [
  ['.booklet-imposed.pdf', '小册子拼版 PDF（印刷用）', 3],
  ['.booklet.pdf', '小册子 PDF', 2],
  ['.pdf', '公文版 PDF（A4）', 1],
  ['.docx', 'Word 文档（DOCX）', 4],
  ['.ofd', 'OFD 版式文件（GB/T 33190）', 5],
  ['embed.html', '嵌入片段（HTML）', 6],
  ['.html', '网页版', 0],
]

// Note: only files the build wrote (a build of the web edition alone links to nothing it did not make), and only
// editions' files: the web font is a file of the page, not an edition to offer. The page does not link to itself.
function editionLinks(files: readonly EditionFile[] | undefined, base = '') {
  return (files ?? [])
    .flatMap((file) => {
      const known = EDITION_LABELS.find(([suffix]) => file.name.endsWith(suffix))
      if (!known || (base === '' && file.edition === 'html')) return []
      return [{rank: known[2], href: base + file.name, name: file.name, label: known[1], size: humanSize(file.bytes), pages: file.pages ?? null}]
    })
    .sort((a, b) => a.rank - b.rank || compare(a.name, b.name))
}

/**
 * A human size: `812 B`, `9.4 KB`, `356 KB`, `1.2 MB` (1 KB = 1024 B).
 * @param bytes size in bytes
 */
export function humanSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`
  const units = ['KB', 'MB', 'GB']
  let value = bytes / 1024
  let unit = 0
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024
    unit += 1
  }
  return `${value < 10 ? value.toFixed(1) : Math.round(value)} ${units[unit]}`
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}
