/**
 * compile(): the one place that knows the stage order, and the only module that calls both layout and writers:
 *
 *   parse → template blocks → checks → layout (typeset/layout.ts, for what the selected editions draw) → writers
 *
 * Every edition is made from the same model, so the text cannot drift between them; writers only draw what
 * layout decided (editions.ts holds the contracts, write/writers.ts the writer table).
 */
import {VFile} from 'vfile'
import type {Root} from 'mdast'
import type {Block, Document} from './model/types.ts'
import {fromMdast} from './model/from-mdast.ts'
import {blockProcessor, parse} from './parse/processor.ts'
import {hasErrors} from './diagnostics/report.ts'
import {checkCoverage} from './diagnostics/coverage.ts'
import type {Profile} from './profile.ts'
import {loadFontkit, type FontCache, type LoadedFont} from './typeset/fonts.ts'
import type {Templates} from './templates.ts'
import {inEditionOrder, writtenFile, type Context, type EditionName, type Layout, type Output, type TemplateBlocks, type Writer} from './editions.ts'
import {WRITERS} from './write/writers.ts'
import {documentDate} from './dates.ts'
import {LINT_RULES} from './parse/lint.ts'
import {say} from './diagnostics/message.ts'
import {frontMatterPlace} from './diagnostics/place.ts'
import type {RuleId} from './diagnostics/rules.ts'
import {location} from 'vfile-location'
import {nowMs} from './clock.ts'

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
  /**
   * Writers that replace the built-in ones (tests, the CLI's `ZHIBAN_WRITERS`). Their editions are not laid out
   * unless {@link layoutFor} names them: an injected writer draws no layout.
   */
  writers?: Readonly<Partial<Record<EditionName, Writer>>>
  /** The editions to lay out (default: the selected ones written by built-in writers). */
  layoutFor?: readonly EditionName[]
  /** Filled with each edition's milliseconds (its layout and its writer). */
  editionMs?: Partial<Record<EditionName, number>>
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
  const context = await prepare(file, options)
  if (!context) return undefined
  // 5. Writers.
  const injected = options.writers ?? {}
  const outputs: Output[] = []
  for (const edition of inEditionOrder(options.editions)) {
    const since = nowMs()
    const write = injected[edition] ?? (await WRITERS[edition]())
    // Note: EDITIONS puts html last, so the page can link to every other file with its size.
    const files = outputs.map(writtenFile)
    outputs.push(...(await write(context, files.length > 0 ? {files} : {})))
    time(options, edition, since)
    if (hasErrors(file)) return undefined
  }
  return {doc: context.doc, outputs}
}

/**
 * The stages before the writers: parse, template blocks, checks, layout. Input problems go to `file.messages`.
 * @param file the source
 * @param options profile, fonts, templates and which editions
 * @returns what the writers get, or undefined when a problem is fatal
 */
export async function prepare(file: VFile, options: Readonly<Options>): Promise<Context | undefined> {
  const editions = inEditionOrder(options.editions)
  const injected = options.writers ?? {}
  const layoutFor = options.layoutFor ?? editions.filter((e) => !injected[e])
  // Note: only the HTML edition (laid out by the browser) and no web font: the fonts are not loaded unless a
  // writer asks for them, and glyph coverage is checked from their recorded cmaps (typeset/cmap-cache.ts).
  const fontsNeeded = layoutFor.some((e) => e !== 'html') || options.profile.html.webfont === 'subset'
  // Note: pages laid out (PDF, booklet, OFD) set text in every font: all are read ahead, on the thread pool while
  // the source is parsed; otherwise (the DOCX's title and tables) each font is read when first used, and fontkit
  // loaded before layout only when something is set or subset (step 4).
  const pages = layoutFor.some((e) => e === 'pdf' || e === 'booklet' || e === 'ofd')
  const fontsRead = pages ? options.fontCache.prefetch(options.profile) : undefined
  // 1. Parse.
  const doc = await parse(file, options.slug)
  // 2. Template blocks (the booklet's cover and colophon only when the booklet is laid out).
  const bookletProfile = layoutFor.includes('booklet') ? await loadBookletProfile(options) : undefined
  // Note: the printed related lines are not made for an HTML-only build, which shows the other ones; a check
  // without editions (every check, no writer) makes both.
  const htmlOnly = editions.length > 0 && editions.every((e) => e === 'html')
  const blocks = doc && (await templateBlocks(doc, options.templates, file, bookletProfile, !htmlOnly))
  await fontsRead
  if (!doc || !blocks) return undefined
  let loaded = fontsNeeded ? options.fontCache.forProfile(options.profile, {lazy: !pages}) : undefined
  const fonts = (): Map<string, LoadedFont> => (loaded ??= options.fontCache.forProfile(options.profile))
  // 3. Checks. Note: one `missing-glyph` per character, before any layout or writer (diagnostics/coverage.ts).
  const coverage = pages ? fonts() : await options.fontCache.coverage(options.profile)
  if (checkCoverage(doc, [...blocks.related, ...blocks.relatedPrint], file, coverage, editions.every((e) => e === 'html')) > 0) return undefined
  // 4. Layout, for what the selected editions draw. Note: loaded only then (a web-only build never needs it).
  const layout: Layout = {}
  const {layoutEdition, layoutSetsText} = fontsNeeded ? await import('./typeset/layout.ts') : {layoutEdition: undefined, layoutSetsText: undefined}
  const input = layoutEdition && {doc, file, profile: options.profile, fonts: fonts(), blocks}
  // Note: a DOCX-only build whose title's lines were kept from before, with no table, no 公文 and no subset font,
  // sets nothing and reads no font: fontkit is not loaded.
  const {profile} = options
  if (input && !pages && (profile.html.webfont === 'subset' || profile.docx.embedFonts === 'subset' || layoutFor.some((e) => layoutSetsText!(e, input)))) await loadFontkit()
  for (const edition of editions) {
    if (!layoutFor.includes(edition) || !layoutEdition || !input) continue
    const since = nowMs()
    const booklet = edition === 'booklet' && bookletProfile ? {profile: bookletProfile, fonts: options.fontCache.forProfile(bookletProfile)} : undefined
    const ok = layoutEdition(edition, input, layout, booklet)
    time(options, edition, since)
    if (!ok) return undefined
  }
  return {
    doc,
    file,
    profile: options.profile,
    // Note: read on first use (see fontsNeeded).
    get fonts() {
      return fonts()
    },
    templates: options.templates,
    blocks,
    date: documentDate(doc),
    root: options.root,
    layout,
    ...(options.baseUrl === undefined ? {} : {baseUrl: options.baseUrl}),
  }
}

/** Add the milliseconds since `since` to an edition's time. */
function time(options: Readonly<Options>, edition: EditionName, since: number): void {
  if (options.editionMs) options.editionMs[edition] = (options.editionMs[edition] ?? 0) + nowMs() - since
}

/** The booklet's profile, which must have a `booklet` section. */
async function loadBookletProfile(options: Readonly<Options>): Promise<Profile> {
  const profile = await options.loadProfile(options.bookletProfile ?? 'booklet')
  if (!profile.booklet) throw new Error(`writeBookletEdition: profile \`${profile.name}\` (${profile.file}) has no \`booklet\` section`)
  return profile
}


/**
 * Render the block templates and parse their Markdown into model blocks: the related lines, and with a booklet
 * profile the booklet's cover and (when the profile asks for one) its colophon.
 * Problems in the related lines are reported on the source file (they come from its metadata); the cover's and
 * the colophon's wait in their own files until layout reaches them.
 * @param doc the document
 * @param templates the loaded templates
 * @param file the source file
 * @param booklet the booklet profile, when the booklet is made
 * @param print whether an edition other than the HTML is made (the paged layout sets the printed related lines);
 *   else `relatedPrint` is left empty
 */
export async function templateBlocks(doc: Document, templates: Templates, file: VFile, booklet?: Profile, print = true): Promise<TemplateBlocks | undefined> {
  const blocks: TemplateBlocks = {related: renderBlocks('blocks/related', doc, templates, file), relatedPrint: print ? renderBlocks('blocks/related-print', doc, templates, file) : []}
  if (hasErrors(file)) return undefined
  if (booklet) {
    const {meta, slug} = doc
    const coverFile = new VFile({path: 'templates/blocks/cover.hbs (output)', value: templates.render('blocks/cover', {...meta, titleLines: meta.titleLines ?? null, slug})})
    blocks.cover = {doc: await parse(coverFile, slug), file: coverFile}
    if (booklet.booklet?.colophon) {
      const colophonFile = new VFile({path: 'templates/blocks/colophon.hbs (output)'})
      blocks.colophon = {blocks: renderBlocks('blocks/colophon', doc, templates, colophonFile, file), file: colophonFile}
    }
  }
  return blocks
}
/** Every string of the document's metadata, joined. */
function metaText(value: unknown): string {
  if (typeof value === 'string') return value
  if (Array.isArray(value)) return value.map(metaText).join('\n')
  return value !== null && typeof value === 'object' ? Object.values(value).map(metaText).join('\n') : ''
}

/**
 * Render one block template (`blocks/<name>.hbs`, which produces Markdown) with the document's metadata and parse it
 * into model blocks with the source's own processor and checks (parse/processor.ts `blockProcessor`: characters,
 * structure, lint, normalize). Its problems go to `file`, bar `body-empty` (a template may render nothing, e.g. no
 * related documents) and a character check of what the front matter gave (checked there already); lint of that text
 * is placed at its front-matter field in `source`.
 * @param name the template, e.g. `blocks/colophon`
 * @param doc the document (its metadata and slug)
 * @param templates the loaded templates
 * @param file the file the problems are reported on
 * @param source the source file (where front-matter fields are placed; default `file`)
 */
export function renderBlocks(name: string, doc: Document, templates: Templates, file: VFile, source: VFile = file): Block[] {
  const blockFile = new VFile({path: `templates/${name}.hbs (output)`, value: templates.render(name, {...doc.meta, slug: doc.slug})})
  blockFile.data.meta = doc.meta
  const tree = blockProcessor.runSync(blockProcessor.parse(blockFile), blockFile) as Root
  const output = String(blockFile.value)
  const where = location(blockFile)
  for (const message of blockFile.messages) {
    if (message.ruleId === 'body-empty') continue
    const offset = message.line ? where.toOffset({line: message.line, column: message.column ?? 1}) : undefined
    const char = offset === undefined ? undefined : String.fromCodePoint(output.codePointAt(offset) ?? 0x20)
    // Note: a character the front matter gave was checked there, at its place in the source (it would come twice).
    if ((message.ruleId === 'bidi-control' || message.ruleId === 'control-character') && char !== undefined && (String(source.value).includes(char) || metaText(doc.meta).includes(char))) continue
    if (!LINT_RULES.has(message.ruleId ?? '')) {
      file.messages.push(message)
      continue
    }
    // Note: lint of the text the front matter gave (a related title, the issuer) is placed at that field.
    const field = name.startsWith('blocks/related') ? 'related' : char !== undefined && doc.meta.date.includes(char) ? 'date' : 'issuer'
    const place = frontMatterPlace(source, field, char)
    // Note: the screen and print related lines render the same title: its problem is reported once.
    if (file.messages.some((m) => m.ruleId === message.ruleId && m.reason === message.reason && m.line === place.line && m.column === place.column)) continue
    say(file, message.ruleId as RuleId, message.reason, {place})
  }
  return fromMdast(tree, blockFile, doc.slug).children
}
