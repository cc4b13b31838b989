/**
 * Whether a font draws a character: the one test behind every `missing-glyph` error (the profile-wide check before
 * layout, diagnostics/coverage.ts; layout's check of each block against its role's font, typeset.ts `checkGlyphs`;
 * the DOCX's check of each embedded subset, write/docx/index.ts), so the three cannot disagree on what a glyph is
 * or which characters need none.
 */
import type {LoadedFont} from './fonts.ts'
import {isBidiControl} from '../chars.ts'

/**
 * The white space no edition draws with a glyph: layout turns space and tab into space between words and line
 * feed and carriage return into line ends; Word and the browser do the same. Every other character, U+3000 (the
 * ideographic space, a full-width character a font sets) and the no-break spaces included, needs a glyph.
 */
const LAYOUT_WHITE_SPACE: ReadonlySet<string> = new Set([' ', '\t', '\n', '\r'])

/** What an edition does with characters that are not drawn: print (PDF, booklet, DOCX) or web (HTML alone). */
export type Medium = 'print' | 'web'

/**
 * Whether a character needs a glyph in an edition: not {@link LAYOUT_WHITE_SPACE}, and, on the web alone, not a
 * bidirectional control (a browser applies it and draws nothing; the print editions would have to draw it).
 * @param char one character (a code point)
 * @param medium `print` unless only the HTML edition is made
 */
export function needsGlyph(char: string, medium: Medium = 'print'): boolean {
  return !LAYOUT_WHITE_SPACE.has(char) && !(medium === 'web' && isBidiControl(char))
}

/**
 * Whether a font, or any of a list (a font and its fallbacks), draws a character: true when the character needs no
 * glyph ({@link needsGlyph}) or some font's cmap maps it.
 * @param fonts the font, or the fonts tried in turn
 * @param char one character (a code point)
 * @param medium `print` unless only the HTML edition is made
 */
export function draws(fonts: Pick<LoadedFont, 'font'> | readonly Pick<LoadedFont, 'font'>[], char: string, medium: Medium = 'print'): boolean {
  if (!needsGlyph(char, medium)) return true
  const code = char.codePointAt(0)!
  return (Array.isArray(fonts) ? fonts : [fonts as Pick<LoadedFont, 'font'>]).some((loaded) => loaded.font.hasGlyphForCodePoint(code))
}
