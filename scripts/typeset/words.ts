/**
 * Word boundaries of Chinese text, for breaking titles between words only (RULES.md §6). They come from
 * `Intl.Segmenter` with the `zh` locale (ICU's dictionary-based word segmentation, which Node ships with full ICU):
 * `进一步|提高|产品|、|工程|和|服务|质量|行动|方案`. Body lines do not use this: Chinese breaks between any two
 * characters the rules allow.
 */

const segmenter = new Intl.Segmenter('zh', {granularity: 'word'})

/**
 * The offsets in a text where a word starts or ends (0 and the text's length included).
 * @param text the text
 */
export function wordBoundaries(text: string): Set<number> {
  const out = new Set<number>([0, text.length])
  for (const segment of segmenter.segment(text)) out.add(segment.index)
  return out
}
