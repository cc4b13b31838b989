/**
 * The front matter's schema and its validation: the YAML text → a {@link DocumentMeta}, or its problems reported at
 * the offending key's line:column in the source file. Loaded by frontmatter.ts only when a front matter's text was
 * not validated before (it holds the YAML parser and zod, which a new process would otherwise load every time).
 */
import {isMap, isScalar, isSeq, LineCounter, parseDocument, type Node as YamlNode} from 'yaml'
import * as z from 'zod/v4'
import type {VFile} from 'vfile'
import type {Point} from 'unist'
import {DOCUMENT_KINDS, type DocumentMeta} from '../model/types.ts'
import {say} from '../diagnostics/message.ts'
import {checkGongwen, GONGWEN_FIELDS, gongwenMeta} from './gongwen-frontmatter.ts'
import {ABSOLUTE_LINK} from '../chars.ts'

const nonEmpty = z.string().trim().min(1, 'must not be empty')
// Note: a tab or a line break in a title, an issuer or a related title has no place on a printed line (the PDF's fonts
// have no glyph for it, and the DOCX and HTML would show a space): a title of several lines is a list.
const oneLine = nonEmpty.refine((s) => !/[\t\n\r\v\f\u0085\u2028\u2029]/.test(s), 'must be one line, without tabs or line breaks (give a title of several lines as a list: `title: [line 1, line 2]`)')
const httpUrl = z.string().regex(new RegExp(`${ABSOLUTE_LINK.source}[^\\s\\u0000-\\u001F\\u007F]+$`, 'i'), 'must be an http(s) or mailto URL without spaces or control characters')
// Note: a related URL is written into the Markdown of the block templates (`<url>`, `[title](url)`):
// `<`, `>` or an unpaired parenthesis would end it early and turn the rest into Markdown.
const relatedUrl = httpUrl
  .refine((url) => !/[<>]/.test(url), 'must not contain `<` or `>` (percent-encode them as `%3C`, `%3E`)')
  .refine((url) => [...url].reduce((depth, c) => (depth < 0 ? depth : depth + (c === '(' ? 1 : c === ')' ? -1 : 0)), 0) === 0, 'must not have unpaired parentheses (percent-encode them as `%28`, `%29`)')

/** The front-matter schema (see README "The source format"). */
export const FRONTMATTER_SCHEMA = z.strictObject({
  title: z.union([oneLine, z.array(oneLine).min(1)]),
  // Note: a list for joint issuance (公文); the model's `issuer` joins it with 、.
  issuer: z.union([oneLine, z.array(oneLine).min(1)]),
  date: z.union([z.date(), z.string()]).transform((value, ctx) => {
    const iso = value instanceof Date ? value.toISOString().slice(0, 10) : value
    if (!/^\d{4}-\d{2}-\d{2}$/.test(iso) || Number.isNaN(Date.parse(`${iso}T00:00:00Z`)) || new Date(`${iso}T00:00:00Z`).toISOString().slice(0, 10) !== iso) {
      ctx.addIssue({code: 'custom', message: `must be an ISO date like \`2022-11-10\`, not \`${String(value)}\``})
      return z.NEVER
    }
    return iso
  }),
  kind: z.enum(DOCUMENT_KINDS, {error: (issue) => `must be one of ${DOCUMENT_KINDS.map((k) => `\`${k}\``).join(', ')}, not \`${String(issue.input)}\``}),
  lang: z.string().regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'must be a language tag like `zh-CN`').default('zh-CN'),
  source: httpUrl.optional(),
  related: z.array(z.strictObject({title: oneLine, url: relatedUrl})).default([]),
  keywords: z.array(oneLine).default([]),
  ...GONGWEN_FIELDS,
}).superRefine(checkGongwen)

/**
 * Validate a front matter's YAML; its problems go to `file` (`frontmatter-yaml`, `frontmatter-invalid`).
 * @param text the YAML text (between the `---` lines)
 * @param startLine the source line the YAML text starts on
 * @param file the source file
 * @returns the document's metadata, or undefined when the front matter has a problem
 */
export function validateFrontMatter(text: string, startLine: number, file: VFile): DocumentMeta | undefined {
  const counter = new LineCounter()
  const doc = parseDocument(text, {lineCounter: counter, prettyErrors: false, uniqueKeys: true})
  const toPoint = (offset: number): Point => {
    const {line, col} = counter.linePos(offset)
    return {line: line + startLine - 1, column: col}
  }
  if (doc.errors.length > 0) {
    for (const error of doc.errors) {
      say(file, 'frontmatter-yaml', `The front matter is not valid YAML: ${error.message.split('\n')[0]}`, {place: toPoint(error.pos[0])})
    }
    return undefined
  }
  const value: unknown = doc.toJS()
  const parsed = FRONTMATTER_SCHEMA.safeParse(value ?? {})
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const path = issue.path.map(String)
      const key = path.join('.') || '(front matter)'
      // Note: a check across keys (gongwen-frontmatter.ts) about a missing key points at the key it names in `params.at`.
      const at = issue.code === 'custom' && Array.isArray(issue.params?.at) ? (issue.params.at as unknown[]).map(String) : undefined
      // Note: a missing key is placed at its nearest parent that is there (`masthead.number` at `masthead`).
      const wanted = at ?? path
      let target = findNode(doc.contents, wanted)
      for (let n = wanted.length - 1; !target && n > 0; n--) target = keyNode(doc.contents, wanted.slice(0, n))
      const offset = target?.range?.[0] ?? 0
      const present = getPath(value, path) !== undefined
      const reason = issue.code === 'unrecognized_keys'
        ? `Unknown front-matter key${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `\`${k}\``).join(', ')}: remove ${issue.keys.length > 1 ? 'them' : 'it'} or fix the spelling`
        : at
          ? issue.message
          : !present
          ? `Front-matter field \`${key}\` is required: add it`
          : `Front-matter field \`${key}\` ${issue.message}`
      const place = issue.code === 'unrecognized_keys' ? keyPoint(doc.contents, [...path, issue.keys[0] ?? ''], toPoint) : target ? toPoint(offset) : {line: startLine - 1, column: 1}
      say(file, 'frontmatter-invalid', reason, {place})
    }
    return undefined
  }
  const {title, issuer, masthead: _m, recipients: _r, sealed: _s, note: _n, imprint: _i, minutes: _mi, ...rest} = parsed.data
  const gongwen = gongwenMeta(parsed.data)
  const meta: DocumentMeta = {
    title: Array.isArray(title) ? title.join('') : title,
    ...(Array.isArray(title) ? {titleLines: title} : {}),
    issuer: Array.isArray(issuer) ? issuer.join('、') : issuer,
    ...rest,
    ...(gongwen ? {gongwen} : {}),
  }
  return meta
}

function getPath(value: unknown, path: readonly string[]): unknown {
  let current = value
  for (const key of path) {
    if (current === null || typeof current !== 'object') return undefined
    current = (current as Record<string, unknown>)[key]
  }
  return current
}

function findNode(node: unknown, path: readonly string[]): YamlNode | undefined {
  let current: unknown = node
  for (const key of path) {
    if (isMap(current)) current = current.get(key, true)
    else if (isSeq(current)) current = current.get(Number(key), true)
    else return undefined
  }
  return isScalar(current) || isMap(current) || isSeq(current) ? current : undefined
}

function keyNode(root: unknown, path: readonly string[]): YamlNode | undefined {
  const parent = findNode(root, path.slice(0, -1)) ?? root
  if (!isMap(parent)) return undefined
  const key = parent.items.find((item) => isScalar(item.key) && String(item.key.value) === path.at(-1))?.key
  return isScalar(key) ? key : undefined
}

function keyPoint(root: unknown, path: readonly string[], toPoint: (offset: number) => Point): Point {
  const parent = findNode(root, path.slice(0, -1)) ?? root
  if (isMap(parent)) {
    const pair = parent.items.find((item) => isScalar(item.key) && String(item.key.value) === path.at(-1))
    const key = pair?.key
    if (isScalar(key) && key.range) return toPoint(key.range[0])
  }
  return toPoint(0)
}
