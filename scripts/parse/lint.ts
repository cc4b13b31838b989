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

const HALFWIDTH = new Set([',', '.', ':', ';', '!', '?', '(', ')'])
const DASHES = /[\u2014\u2013\u2015\uFF0D]+/g

/** A character of a block with its offset in the source. */
interface Char {
  value: string
  offset: number
  /** Part of an autolink's text (a URL shown as itself). */
  url?: boolean
}

function isCjk(char: string | undefined): boolean {
  return char !== undefined && (HAN.test(char) || CJK_PUNCT.test(char))
}

/** Lint the body. */
export default function remarkZhibanLint() {
  return (tree: Root, file: VFile): void => {
    const raw = String(file.value)
    const blocks: Char[][] = []
    visit(tree, (node) => {
      if (node.type !== 'paragraph' && node.type !== 'heading') return undefined
      blocks.push(blockChars(node, raw))
      return 'skip'
    })
    for (const chars of blocks) {
      brackets(file, chars)
      halfwidth(file, chars)
      spaces(file, chars)
    }
    dashes(file, blocks)
  }
}

/** The characters of a block's text nodes, in order, with source offsets. */
function blockChars(node: Paragraph | Heading, raw: string): Char[] {
  const out: Char[] = []
  visit(node, 'text', (text, _index, parent) => {
    const url = parent?.type === 'link' && (parent.url === text.value || parent.url === `mailto:${text.value}`)
    const start = text.position?.start.offset
    const end = text.position?.end.offset
    if (start === undefined || end === undefined) return
    // Note: when escapes or references make the value differ from the source, every character is placed at the node's start.
    const exact = raw.slice(start, end) === text.value
    let index = 0
    for (const value of text.value) {
      out.push({value, offset: exact ? start + index : start, ...(url ? {url} : {})})
      index += value.length
    }
  })
  return out
}

function brackets(file: VFile, chars: readonly Char[]): void {
  const stack: Char[] = []
  for (const char of chars) {
    if (char.value in PAIRS) stack.push(char)
    else if (CLOSERS.has(char.value)) {
      const open = CLOSERS.get(char.value)!
      const index = stack.map((c) => c.value).lastIndexOf(open)
      if (index === -1) {
        say(file, 'unbalanced-brackets', `\`${char.value}\` closes a \`${open}\` that was not opened in this paragraph: add the \`${open}\` or delete the \`${char.value}\``, {place: pointAt(file, char.offset)})
        continue
      }
      for (const unclosed of stack.splice(index).slice(1)) unclosedMessage(file, unclosed)
    }
  }
  for (const unclosed of stack) unclosedMessage(file, unclosed)
}

function unclosedMessage(file: VFile, char: Char): void {
  const close = PAIRS[char.value]
  say(file, 'unbalanced-brackets', `\`${char.value}\` is not closed in this paragraph: add the \`${close}\``, {place: pointAt(file, char.offset)})
}

function halfwidth(file: VFile, chars: readonly Char[]): void {
  const text = chars.map((c) => c.value).join('')
  const inUrl = new Set<number>()
  // Note: indexes below are into `chars` (code points); map the URL ranges onto them.
  const starts: number[] = []
  let at = 0
  for (const c of chars) {
    starts.push(at)
    at += c.value.length
  }
  for (const match of text.matchAll(URL)) {
    for (let i = 0; i < chars.length; i++) if (starts[i]! >= match.index && starts[i]! < match.index + match[0].length) inUrl.add(i)
  }
  for (let i = 0; i < chars.length; i++) {
    const char = chars[i]!.value
    if (!HALFWIDTH.has(char) || inUrl.has(i) || chars[i]!.url) continue
    const before = chars[i - 1]?.value
    const after = chars[i + 1]?.value
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
      say(file, 'halfwidth-punctuation', `Half-width \`${char}\` in Chinese text: write \`${full}\``, {place: pointAt(file, chars[i]!.offset), actual: char, expected: [full]})
    }
  }
}

const FULLWIDTH: Readonly<Record<string, string>> = {',': '，', '.': '。', ':': '：', ';': '；', '!': '！', '?': '？', '(': '（', ')': '）'}

function spaces(file: VFile, chars: readonly Char[]): void {
  for (let i = 1; i < chars.length; i++) {
    if (chars[i]!.value !== ' ' && chars[i]!.value !== '\t') continue
    if (chars[i - 1]!.value === ' ' || chars[i - 1]!.value === '\t') continue
    let j = i
    while (chars[j] && (chars[j]!.value === ' ' || chars[j]!.value === '\t')) j++
    if (isCjk(chars[i - 1]!.value) && isCjk(chars[j]?.value)) {
      say(file, 'space-between-cjk', `${j - i === 1 ? 'A space' : `${j - i} spaces`} between \`${chars[i - 1]!.value}\` and \`${chars[j]!.value}\`: delete ${j - i === 1 ? 'it' : 'them'}`, {place: pointAt(file, chars[i]!.offset)})
    }
  }
}

function dashes(file: VFile, blocks: readonly Char[][]): void {
  const runs: {value: string; offset: number}[] = []
  for (const chars of blocks) {
    const text = chars.map((c) => c.value).join('')
    let index = 0
    const offsets: number[] = []
    for (const c of chars) for (let k = 0; k < c.value.length; k++, index++) offsets[index] = c.offset
    for (const match of text.matchAll(DASHES)) runs.push({value: match[0], offset: offsets[match.index]!})
  }
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
