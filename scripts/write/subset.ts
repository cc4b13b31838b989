/**
 * Font subsetting with subset-font (HarfBuzz), for the DOCX's embedded fonts and the HTML web font.
 * Note: loaded on first use only: the package compiles HarfBuzz's WebAssembly when it loads (~30 ms), which a
 * build that embeds no font must not pay.
 */
import {createRequire} from 'node:module'

/** What subset-font makes. */
export type SubsetFormat = 'woff2' | 'woff' | 'sfnt' | 'truetype'

type SubsetFont = typeof import('subset-font').default

let loaded: SubsetFont | undefined

/**
 * A font cut down to the given characters.
 * @param font the font file's bytes (TrueType/OpenType)
 * @param text the characters to keep
 * @param format the output format
 */
export async function subsetFont(font: Buffer, text: string, format: SubsetFormat): Promise<Buffer> {
  // Note: a CommonJS module whose export is the function (types in scripts/types/subset-font.d.ts).
  loaded ??= createRequire(import.meta.url)('subset-font') as SubsetFont
  return loaded(font, text, {targetFormat: format})
}
