/**
 * Plugin: Chinese text lint (warnings; `--frail` makes them errors). Runs on the body before soft
 * wraps are joined, one paragraph or heading at a time:
 *
 * - `unbalanced-brackets`: 《》 “” ‘’ （） 【】 〈〉 「」 『』 〔〕 ［］ ｛｝ 〖〗 opened and not closed (or closed and not opened);
 * - `halfwidth-punctuation`: `,` `.` `:` `;` `!` `?` `(` `)` next to Chinese text (not in `9.6`, `10:30` or a URL);
 * - `space-between-cjk`: spaces or tabs between two Chinese characters;
 * - `dash-mix`: dashes written with `－` (U+FF0D), `–` (U+2013) or `―` (U+2015) in a document whose
 *   dashes are `—` (U+2014), or a dash mixing them.
 *
 * See https://www.w3.org/TR/clreq/#punctuation_marks and GB/T 15834-2011 (标点符号用法) §4.
 */
import type {Heading, Paragraph, Root} from 'mdast'
import type {VFile} from 'vfile'
import {visit} from 'unist-util-visit'
import {say} from '../diagnostics/message.ts'
import {pointAt} from '../diagnostics/place.ts'
import {BRACKET_PAIRS as PAIRS, CJK_PUNCTUATION as CJK_PUNCT, codePoint, HAN, URL_IN_TEXT as URL} from '../chars.ts'

/** The rules this plugin reports. */
export const LINT_RULES: ReadonlySet<string> = new Set(['unbalanced-brackets', 'halfwidth-punctuation', 'space-between-cjk', 'dash-mix'])

const CLOSERS = new Map(Object.entries(PAIRS).map(([open, close]) => [close, open]))
/** Every bracket's UTF-16 unit (each is one), for a test that makes no string of the characters that are not. */
const BRACKET_UNITS = new Set([...Object.keys(PAIRS), ...CLOSERS.keys()].map((c) => c.charCodeAt(0)))

const HALFWIDTH = new Set([',', '.', ':', ';', '!', '?', '(', ')'])
const DASHES = /[\u2014\u2013\u2015\uFF0D]+/g

/**
 * A block's text: its text nodes' values joined, with the source offset of each UTF-16 unit's character.
 * Note: one string and one number per unit, not an object and a string per character: a fresh process lints the
 * seed's ~8,000 characters in a third of the time, and the garbage collector has less to do.
 */
interface Block {
  text: string
  /** The source offset of the character each unit of `text` belongs to. */
  offsets: number[]
  /** Start and end units of each autolink's text (a URL shown as itself). */
  urls: number[]
}

function isCjk(char: string | undefined): boolean {
  return char !== undefined && (HAN.test(char) || CJK_PUNCT.test(char))
}

function isHigh(unit: number): boolean {
  return unit >= 0xd800 && unit <= 0xdbff
}

function isLow(unit: number): boolean {
  return unit >= 0xdc00 && unit <= 0xdfff
}

/** The character (code point) that ends just before unit `at`, or undefined at the start. */
function charBefore(text: string, at: number): string | undefined {
  if (at <= 0) return undefined
  return at >= 2 && isLow(text.charCodeAt(at - 1)) && isHigh(text.charCodeAt(at - 2)) ? text.slice(at - 2, at) : text[at - 1]
}

/** The character (code point) that starts at unit `at`, or undefined at the end. */
function charAt(text: string, at: number): string | undefined {
  if (at >= text.length) return undefined
  return isHigh(text.charCodeAt(at)) && isLow(text.charCodeAt(at + 1)) ? text.slice(at, at + 2) : text[at]
}

/** Whether unit `at` is inside one of the `[start, end)` pairs. */
function inside(at: number, ranges: readonly number[]): boolean {
  for (let i = 0; i < ranges.length; i += 2) if (at >= ranges[i]! && at < ranges[i + 1]!) return true
  return false
}

/** Lint the body. */
export default function remarkZhibanLint() {
  return (tree: Root, file: VFile): void => {
    const raw = String(file.value)
    const blocks: Block[] = []
    visit(tree, (node) => {
      if (node.type !== 'paragraph' && node.type !== 'heading') return undefined
      blocks.push(blockOf(node, raw))
      return 'skip'
    })
    for (const block of blocks) {
      brackets(file, block)
      halfwidth(file, block)
      spaces(file, block)
    }
    dashes(file, blocks)
  }
}

/** A block's text nodes, in order, with source offsets. */
function blockOf(node: Paragraph | Heading, raw: string): Block {
  let text = ''
  const offsets: number[] = []
  const urls: number[] = []
  visit(node, 'text', (node, _index, parent) => {
    const value = node.value
    const url = parent?.type === 'link' && (parent.url === value || parent.url === `mailto:${value}`)
    const start = node.position?.start.offset
    const end = node.position?.end.offset
    if (start === undefined || end === undefined) return
    // Note: when escapes or references make the value differ from the source, every character is placed at the node's start.
    const exact = end - start === value.length && raw.startsWith(value, start)
    if (url) urls.push(text.length, text.length + value.length)
    for (let k = 0; k < value.length; k++) {
      // Note: both units of a surrogate pair are the character's, at the pair's first unit.
      const low = k > 0 && isLow(value.charCodeAt(k)) && isHigh(value.charCodeAt(k - 1))
      offsets.push(exact ? start + (low ? k - 1 : k) : start)
    }
    text += value
  })
  return {text, offsets, urls}
}

function brackets(file: VFile, block: Block): void {
  const {text, offsets} = block
  const stack: {value: string; offset: number}[] = []
  // Note: every bracket is one UTF-16 unit; the units of a surrogate pair are none.
  for (let at = 0; at < text.length; at++) {
    // Note: a Han character as a one-character string is a new string each time in V8 (only Latin-1 ones are
    // cached): most characters are looked at by their unit alone (~0.5 ms of a build of the seed).
    if (!BRACKET_UNITS.has(text.charCodeAt(at))) continue
    const value = text[at]!
    if (value in PAIRS) stack.push({value, offset: offsets[at]!})
    else if (CLOSERS.has(value)) {
      const open = CLOSERS.get(value)!
      const index = stack.map((c) => c.value).lastIndexOf(open)
      if (index === -1) {
        say(file, 'unbalanced-brackets', `\`${value}\` closes a \`${open}\` that was not opened in this paragraph: add the \`${open}\` or delete the \`${value}\``, {place: pointAt(file, offsets[at]!)})
        continue
      }
      for (const unclosed of stack.splice(index).slice(1)) unclosedMessage(file, unclosed)
    }
  }
  for (const unclosed of stack) unclosedMessage(file, unclosed)
}

function unclosedMessage(file: VFile, char: {value: string; offset: number}): void {
  const close = PAIRS[char.value]
  say(file, 'unbalanced-brackets', `\`${char.value}\` is not closed in this paragraph: add the \`${close}\``, {place: pointAt(file, char.offset)})
}

function halfwidth(file: VFile, block: Block): void {
  const {text, offsets, urls} = block
  // Note: the URLs in the text, as [start, end) units; found when the block has a half-width mark at all.
  let inUrl: number[] | undefined
  for (let at = 0; at < text.length; at++) {
    // Note: every half-width mark is one unit, never part of a surrogate pair, and ASCII: a character that is not is
    // passed by its unit (see brackets).
    if (text.charCodeAt(at) > 0x7f) continue
    const char = text[at]!
    if (!HALFWIDTH.has(char)) continue
    inUrl ??= [...text.matchAll(URL)].flatMap((match) => [match.index, match.index + match[0].length])
    if (inside(at, inUrl) || inside(at, urls)) continue
    const before = charBefore(text, at)
    const after = charAt(text, at + 1)
    const endOrSpace = after === undefined || /\s/.test(after)
    const wrong = char === '('
      ? isCjk(before) || isCjk(after)
      : char === ')'
        ? isCjk(before) || isCjk(after)
        : char === '.'
          ? isCjk(before) && (isCjk(after) || endOrSpace)
          : isCjk(before) || (isCjk(after) && (before === undefined || /\s/.test(before)))
    if (wrong) {
      const full = FULLWIDTH[char]!
      say(file, 'halfwidth-punctuation', `Half-width \`${char}\` in Chinese text: write \`${full}\``, {place: pointAt(file, offsets[at]!), actual: char, expected: [full]})
    }
  }
}

const FULLWIDTH: Readonly<Record<string, string>> = {',': '，', '.': '。', ':': '：', ';': '；', '!': '！', '?': '？', '(': '（', ')': '）'}

function spaces(file: VFile, block: Block): void {
  const {text, offsets} = block
  const blank = (at: number): boolean => {
    const unit = text.charCodeAt(at)
    return unit === 0x20 || unit === 0x09
  }
  for (let at = 1; at < text.length; at++) {
    if (!blank(at) || blank(at - 1)) continue
    let end = at
    while (blank(end)) end++
    const before = charBefore(text, at)!
    const after = charAt(text, end)
    if (isCjk(before) && isCjk(after)) {
      say(file, 'space-between-cjk', `${end - at === 1 ? 'A space' : `${end - at} spaces`} between \`${before}\` and \`${after}\`: delete ${end - at === 1 ? 'it' : 'them'}`, {place: pointAt(file, offsets[at]!)})
    }
  }
}

function dashes(file: VFile, blocks: readonly Block[]): void {
  const runs: {value: string; offset: number}[] = []
  for (const {text, offsets} of blocks) for (const match of text.matchAll(DASHES)) runs.push({value: match[0], offset: offsets[match.index]!})
  const standard = runs.some((run) => /^\u2014+$/.test(run.value))
  for (const run of runs) {
    if (/^\u2014+$/.test(run.value)) continue
    const mixed = /\u2014/.test(run.value) || new Set(run.value).size > 1
    if (!standard && !mixed) continue
    const shown = [...run.value].map((c) => `${c} (${codePoint(c)})`).join(' ')
    const why = mixed ? 'mixes different dash characters' : 'differs from the `—` (U+2014) dashes used elsewhere'
    say(file, 'dash-mix', `The dash \`${run.value}\` (${shown}) ${why}: write \`${'—'.repeat(Math.max(1, Math.min(2, run.value.length)))}\``, {place: pointAt(file, run.offset)})
  }
}
