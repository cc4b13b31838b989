/**
 * Whether a font draws a character: the one test behind every `missing-glyph` error (the profile-wide check before
 * layout, diagnostics/coverage.ts; layout's check of each block against its role's font, typeset.ts `checkGlyphs`;
 * the DOCX's check of each embedded subset, write/docx/index.ts), so the three cannot disagree on what a glyph is
 * or which characters need none.
 */
import {coverageOf, type Coverage} from './cmap-cache.ts'
import {isBidiControl} from '../chars.ts'

/** What an edition does with characters that are not drawn: print (PDF, booklet, DOCX) or web (HTML alone). */
export type Medium = 'print' | 'web'

/**
 * The white space a browser never draws with a glyph: it collapses space, tab, line feed and carriage return into
 * one space between words (or none).
 */
const WEB_WHITE_SPACE: ReadonlySet<string> = new Set([' ', '\t', '\n', '\r'])

/**
 * Whether a character needs a glyph in an edition, the one rule every check follows:
 * - print (PDF, booklet, DOCX): every character but the word space U+0020 (every font has one, and an edition
 *   that drew it from another font would still set the same space). Layout draws a tab, a line feed or a carriage
 *   return that reaches it like any character, so they need a glyph, which no font has: they are refused, placed,
 *   before any edition is made. U+3000 and the no-break spaces are set by the font like any character.
 * - web (the HTML edition alone): not {@link WEB_WHITE_SPACE}, and not a bidirectional control (a browser applies
 *   it and draws nothing).
 * @param char one character (a code point)
 * @param medium `print` unless only the HTML edition is made
 */
export function needsGlyph(char: string, medium: Medium = 'print'): boolean {
  if (medium === 'web') return !WEB_WHITE_SPACE.has(char) && !isBidiControl(char)
  return char !== ' '
}

/** A loaded font (typeset/fonts.ts `LoadedFont`) or a font's recorded cmap (cmap-cache.ts). */
export interface GlyphSource {
  readonly font: Coverage
}

/**
 * Whether a font, or any of a list (a font and its fallbacks), draws a character: true when the character needs no
 * glyph ({@link needsGlyph}) or some font's cmap maps it.
 * @param fonts the font, or the fonts tried in turn
 * @param char one character (a code point)
 * @param medium `print` unless only the HTML edition is made
 */
export function draws(fonts: GlyphSource | readonly GlyphSource[], char: string, medium: Medium = 'print'): boolean {
  if (!needsGlyph(char, medium)) return true
  const code = char.codePointAt(0)!
  if (!Array.isArray(fonts)) return hasGlyph((fonts as GlyphSource).font, code)
  return (fonts as readonly GlyphSource[]).some((loaded) => hasGlyph(loaded.font, code))
}

/**
 * Per font: whether its cmap maps each code point asked so far (the check before layout, the official and booklet
 * layouts' and the DOCX's ask again and again; fontkit looks each up in the cmap).
 */
const mapped = new WeakMap<Coverage, Map<number, boolean>>()

/** Per font: what answers for it (its recorded cmap when there is one: cmap-cache.ts `coverageOf`). */
const answering = new WeakMap<Coverage, Coverage>()

function hasGlyph(font: Coverage, code: number): boolean {
  let codes = mapped.get(font)
  if (!codes) mapped.set(font, (codes = new Map()))
  let has = codes.get(code)
  if (has === undefined) {
    let source = answering.get(font)
    if (!source) answering.set(font, (source = coverageOf(font)))
    codes.set(code, (has = source.hasGlyphForCodePoint(code)))
  }
  return has
}
