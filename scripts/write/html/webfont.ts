/**
 * The optional self-hosted web font (profile `html.webfont: subset`): the body font cut down to
 * the characters one page uses, as WOFF2, so a reader without any Chinese font still sees the text.
 *
 * See scripts/typeset/FONTS.md (the open stand-ins ship from npm; their licence, OFL, allows
 * subsetting and embedding).
 */
import {subsetFont} from '../subset.ts'

/** The family name the page's font stacks give the subset. */
export const WEBFONT_FAMILY = 'zhiban-web'

/**
 * The characters of a page's text, sorted and unique, ASCII included (so digits and Latin letters
 * of the text come from the same face).
 * @param text every text the page shows
 */
export function webfontCharacters(text: string): string {
  const chars = new Set(Array.from(text).filter((char) => !/\s/.test(char)))
  for (let code = 0x21; code < 0x7f; code++) chars.add(String.fromCharCode(code))
  return [...chars].sort().join('')
}

/**
 * A WOFF2 subset of a font holding only the given characters.
 * @param font the font file's bytes (TrueType/OpenType)
 * @param characters the characters to keep
 */
export async function subsetWebfont(font: Buffer, characters: string): Promise<Uint8Array> {
  return new Uint8Array(await subsetFont(font, characters, 'woff2'))
}
