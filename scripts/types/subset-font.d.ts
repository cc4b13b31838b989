/** Types for `subset-font` 2.x (HarfBuzz hb-subset in wasm; the package ships none). */
declare module 'subset-font' {
  /** Options of {@link subsetFont}. */
  interface Options {
    targetFormat?: 'sfnt' | 'truetype' | 'woff' | 'woff2'
    preserveNameIds?: number[]
    variationAxes?: Record<string, number | {min: number; max: number; default?: number}>
    noLayoutClosure?: boolean
  }
  /**
   * Subset a font to the characters of `text`, keeping `cmap`.
   * @param font the font's bytes (TrueType/OpenType/WOFF/WOFF2)
   * @param text every character to keep
   */
  export default function subsetFont(font: Buffer | Uint8Array, text: string, options?: Options): Promise<Buffer>
}
