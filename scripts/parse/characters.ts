/**
 * Plugin: characters that are not text. U+0000 and other control characters, noncharacters and
 * unpaired surrogates are fatal (`control-character`); bidirectional controls are a warning
 * (`bidi-control`: invisible, they make what a reader sees differ from the text). The web and Word
 * editions keep them as text; no font draws them, so the PDF editions then fail with `missing-glyph`. Checked in the raw source (exact place) and in what YAML escapes and Markdown
 * character references produce (placed at the field or the text node).
 *
 * Note: remark-parse silently turns U+0000 and `&#0;`/`&#xD800;` into U+FFFD; checking the raw text
 * first means no such character is ever replaced without a message.
 */
import {decodeNamedCharacterReference} from 'decode-named-character-reference'
import type {Root} from 'mdast'
import type {VFile} from 'vfile'
import type {Point} from 'unist'
import {visit} from 'unist-util-visit'
import {say} from '../diagnostics/message.ts'
import {pointAt} from '../diagnostics/place.ts'
import {BIDI_CONTROLS as BIDI, codePoint, isBidiControl} from '../chars.ts'

/** Control characters (C0 but tab and line feed, DEL, C1), noncharacters U+FFFE/U+FFFF and lone surrogates. */
export const NOT_TEXT = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g

/** A YAML double-quoted escape that can produce a control or bidi character (`\\0`, `\\xHH`, `\\uHHHH`, `\\UHHHHHHHH`). */
const YAML_ESCAPE = /(?<!\\)(?:\\\\)*\\(?:x([0-9a-fA-F]{2})|u([0-9a-fA-F]{4})|U([0-9a-fA-F]{8})|0)/g

/** A character reference: numeric (`&#x202E;`, `&#0;`) or named (`&rlm;`). */
const REFERENCE = /&(?:#(?:[xX]([0-9a-fA-F]{1,6})|([0-9]{1,7}))|([A-Za-z][A-Za-z0-9]{1,31}));/g

function describe(char: string): string {
  const code = char.charCodeAt(0)
  if (code === 0) return 'U+0000 (NUL)'
  if (code >= 0xd800 && code <= 0xdfff) return `an unpaired surrogate ${codePoint(char)}`
  if (code === 0xfffe || code === 0xffff) return `the noncharacter ${codePoint(char)}`
  return `the control character ${codePoint(char)}`
}

function notText(file: VFile, char: string, place: Point, via = ''): void {
  say(file, 'control-character', `The source contains ${describe(char)}${via}, which is not text: delete it`, {place, actual: codePoint(char)})
}

function bidi(file: VFile, char: string, place: Point, via = ''): void {
  say(file, 'bidi-control', `The source contains the bidirectional control ${codePoint(char)}${via}: delete it (it reorders the text readers see)`, {place, actual: codePoint(char)})
}

/** Report every character that is not text. */
export default function remarkZhibanCharacters() {
  return (tree: Root, file: VFile): void => {
    const raw = String(file.value)
    for (const match of raw.matchAll(NOT_TEXT)) notText(file, match[0], pointAt(file, match.index))
    for (const match of raw.matchAll(BIDI)) bidi(file, match[0], pointAt(file, match.index))
    // What escapes and references produce (not in the raw text).
    const check = (value: string, source: string, place: Point, via: string): void => {
      for (const match of value.matchAll(NOT_TEXT)) if (!source.includes(match[0])) notText(file, match[0], place, via)
      for (const match of value.matchAll(BIDI)) if (!source.includes(match[0])) bidi(file, match[0], place, via)
    }
    visit(tree, (node) => {
      const start = node.position?.start
      if (!start || start.offset === undefined) return
      const source = raw.slice(start.offset, node.position?.end.offset)
      if (node.type === 'text') {
        // Note: each character reference is decoded and checked at its own place.
        for (const ref of source.matchAll(REFERENCE)) {
          const place = pointAt(file, start.offset + ref.index)
          if (ref[3] !== undefined) {
            // Note: a named reference (`&rlm;`, `&lrm;`) makes the same characters as its numeric form, and is checked the same.
            const decoded = decodeNamedCharacterReference(ref[3])
            if (decoded === false) continue
            for (const char of decoded) {
              if (new RegExp(NOT_TEXT.source).test(char)) notText(file, char, place, ` (from \`${ref[0]}\`)`)
              else if (isBidiControl(char)) bidi(file, char, place, ` (from \`${ref[0]}\`)`)
            }
            continue
          }
          const code = ref[1] ? Number.parseInt(ref[1], 16) : Number(ref[2])
          const char = code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff) && code !== 0 ? String.fromCodePoint(code) : undefined
          if (char === undefined) say(file, 'control-character', `The character reference \`${ref[0]}\` is not a character (Markdown would replace it with U+FFFD): delete it`, {place})
          else if (new RegExp(NOT_TEXT.source).test(char)) notText(file, char, place, ` (from \`${ref[0]}\`)`)
          else if (isBidiControl(char)) bidi(file, char, place, ` (from \`${ref[0]}\`)`)
        }
        return
      }
      if (node.type === 'link') check(node.url, source, start, ' (in the link address)')
      else if (node.type === 'yaml') {
        // Note: each escape in a double-quoted YAML string is decoded and checked at its own place.
        // (only when the parsed front matter holds the character: `\u` in a plain or single-quoted scalar is literal).
        const values = file.data.meta ? strings(file.data.meta).join('\n') : undefined
        for (const escape of source.matchAll(YAML_ESCAPE)) {
          const hex = escape[1] ?? escape[2] ?? escape[3]
          const char = hex === undefined ? '\u0000' : String.fromCharCode(...codeUnits(Number.parseInt(hex, 16)))
          if (values !== undefined && !values.includes(char)) continue
          const place = pointAt(file, start.offset + escape.index)
          if (new RegExp(NOT_TEXT.source).test(char)) notText(file, char, place, ` (from the YAML escape \`${escape[0]}\`)`)
          else if (isBidiControl(char)) bidi(file, char, place, ` (from the YAML escape \`${escape[0]}\`)`)
        }
      }
    })
  }
}

function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value]
  if (Array.isArray(value)) return value.flatMap(strings)
  if (value && typeof value === 'object') return Object.values(value).flatMap(strings)
  return []
}

/** UTF-16 code units of a code point (a lone surrogate stays one unit). */
function codeUnits(code: number): number[] {
  if (code <= 0xffff) return [code]
  if (code > 0x10ffff) return [0xfffe]
  const offset = code - 0x10000
  return [0xd800 + (offset >> 10), 0xdc00 + (offset & 0x3ff)]
}
