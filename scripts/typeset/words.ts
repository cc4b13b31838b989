/**
 * Word boundaries of Chinese text, for breaking titles between words only (RULES.md §6). They come from
 * `Intl.Segmenter` with the `zh` locale (ICU's dictionary-based word segmentation, which Node ships with full ICU):
 * `进一步|提高|产品|、|工程|和|服务|质量|行动|方案`. Body lines do not use this: Chinese breaks between any two
 * characters the rules allow.
 *
 * Note: making the segmenter costs ICU's set-up of its word rules and dictionary (~7 ms, more than segmenting a
 * title), so it is made at the first text not segmented before: each text's boundaries are memoised per process
 * (the official pages, the booklet and the DOCX break the same title), and shape-store.ts keeps the memo between
 * processes beside the shaped texts, in a file named by Node's ICU and Unicode versions ({@link wordStoreName}).
 */

let segmenter: Intl.Segmenter | undefined

/** The boundaries of each text segmented so far (or loaded by shape-store.ts), ascending. */
const memo = new Map<string, readonly number[]>()

/** The memo of segmented texts, by text: what shape-store.ts keeps between processes (treat values as read-only). */
export function wordMemo(): Map<string, readonly number[]> {
  return memo
}

/**
 * What identifies the segmentation a saved memo holds: Node's ICU, Unicode and CLDR versions (another ICU may
 * segment otherwise) and the memo's format.
 */
export function wordStoreName(): string {
  const {icu, unicode, cldr} = process.versions
  return `words 1 icu ${icu ?? '-'} unicode ${unicode ?? '-'} cldr ${cldr ?? '-'}`
}

/**
 * The offsets in a text where a word starts or ends (0 and the text's length included).
 * @param text the text
 */
export function wordBoundaries(text: string): Set<number> {
  let offsets = memo.get(text)
  if (!offsets) {
    segmenter ??= new Intl.Segmenter('zh', {granularity: 'word'})
    const found = new Set<number>([0, text.length])
    for (const segment of segmenter.segment(text)) found.add(segment.index)
    offsets = [...found].sort((a, b) => a - b)
    memo.set(text, offsets)
  }
  return new Set(offsets)
}
