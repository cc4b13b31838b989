/**
 * PDF-extracted plain text → the project's canonical Markdown source (`zhiban import`).
 *
 * Steps: normalise line ends, collect the printed lines (removing autospace artifacts), take the trailing related
 * documents off, rejoin the lines into paragraphs and headings from the printed layout, then write front matter
 * and body. Pure: no I/O.
 */
import {stringify} from 'yaml'
import {MARKDOWN_SPECIAL_START} from './classes.ts'
import {toBlocks, typicalWidthEm, type Block, type Layout} from './paragraphs.ts'
import {collectLines, normalizeText, type ImportWarning} from './printed-lines.ts'
import {guessDate, takeRelated, type RelatedDocument} from './related.ts'

export type {ImportWarning} from './printed-lines.ts'

/** Options for {@link fromText}; every width is in ems. */
export interface FromTextOptions {
  /** Width of a full printed line; default: the most frequent line width. */
  fullLineEm?: number
  /** Indent of a paragraph's first line, dropped by the extraction; default 2. */
  indentEm?: number
  /** How much shorter than full a line must be to end its paragraph; default 1.5. */
  shortfallEm?: number
}

/** The imported source and the guesses made on the way. */
export interface ImportResult {
  /** Canonical Markdown: YAML front matter, then the body; ends with one `\n`. */
  markdown: string
  /** Everything ambiguous the importer had to guess, at its 1-based line and column in the input. */
  warnings: ImportWarning[]
}

const DEFAULT_INDENT_EM = 2
const DEFAULT_SHORTFALL_EM = 1.5

/**
 * Import PDF-extracted plain text as canonical Markdown.
 *
 * @param text - the extracted text: a blank line between printed lines, 3+ blank lines at a page break.
 * @param options - layout overrides in ems (see {@link FromTextOptions}).
 * @returns the Markdown and the warnings: `title` and `issuer` left empty to fill in, `date` when no related URL
 * dates the document, and every layout guess (paragraph breaks near the threshold, headings, blank-line runs).
 */
export function fromText(text: string, options: Readonly<FromTextOptions> = {}): ImportResult {
  const collected = collectLines(normalizeText(text))
  const {body, related, warnings: relatedWarnings} = takeRelated(collected.lines)
  const layout: Layout = {
    fullLineEm: options.fullLineEm ?? typicalWidthEm(body),
    indentEm: options.indentEm ?? DEFAULT_INDENT_EM,
    shortfallEm: options.shortfallEm ?? DEFAULT_SHORTFALL_EM,
  }
  const {blocks, warnings: blockWarnings} = toBlocks(body, layout)
  const date = guessDate(related)
  const metaWarnings: ImportWarning[] = [
    {line: 1, column: 1, reason: 'The importer cannot know the title: fill in `title` in the front matter'},
    {line: 1, column: 1, reason: 'The importer cannot know the issuer: fill in `issuer` in the front matter'},
    ...(date ? [] : [{line: 1, column: 1, reason: 'No related URL gives the date (`tYYYYMMDD_`): fill in `date` in the front matter'}]),
  ]
  const warnings = [...metaWarnings, ...collected.warnings, ...relatedWarnings, ...blockWarnings]
    .sort((a, b) => a.line - b.line || a.column - b.column)
  const frontMatter = toFrontMatter(blocks, related, date)
  return {markdown: blocks.length > 0 ? `${frontMatter}\n${toBody(blocks)}` : frontMatter, warnings}
}

/**
 * Write the front matter: keys in the order the source format gives them.
 */
function toFrontMatter(blocks: readonly Block[], related: readonly RelatedDocument[], date: string | undefined): string {
  const kind = blocks.some((block) => block.type === 'heading' && block.question) ? 'press-qa' : 'notice'
  const meta = {
    title: '',
    issuer: '',
    date: date ?? '',
    kind,
    lang: 'zh-CN',
    ...(related.length > 0 ? {related: related.map(({title, url}) => ({title, url}))} : {}),
  }
  // Note: `lineWidth: 0` keeps long titles on one line; a plain ISO date stays unquoted under the YAML 1.2 core schema.
  return `---\n${stringify(meta, {lineWidth: 0})}---\n`
}

/**
 * Write the body: one block a line, a blank line between blocks, one final `\n`.
 */
function toBody(blocks: readonly Block[]): string {
  return blocks.map((block) => block.type === 'heading' ? `${'#'.repeat(block.depth)} ${block.text}` : escapeStart(block.text)).join('\n\n') + '\n'
}

/**
 * Escape a paragraph start Markdown would read as syntax (`#`, `>`, `-`, `*`, `+`, `1.`, `1)`).
 */
function escapeStart(text: string): string {
  const match = MARKDOWN_SPECIAL_START.exec(text)
  if (!match) return text
  // Note: the backslash goes before the character that makes the syntax: the first one, or the `.`/`)` after digits.
  const at = match[0].length === 1 ? 0 : match[0].length - 1
  return `${text.slice(0, at)}\\${text.slice(at)}`
}
