/**
 * The styles part a clerk sees in Word's styles pane: the styles the document uses (and the styles they are based on,
 * link to or continue with), Word's defaults, and `Heading1`–`Heading9`, each with its outline level, so that the
 * navigation pane, outline view and a table of contents work at every depth. docx writes a fixed set of its own
 * besides (TOC 1–9, footnote, endnote, caption, bibliography, list and line-number styles) that no zhiban document
 * uses: they are dropped here.
 *
 * Own code: docx has no option to leave its default styles out; the part is regular XML of `<w:style>` elements.
 */
import type {Parts} from './normalize.ts'

const STYLE = /<w:style\b[^>]*\bw:styleId="([^"]+)"[^>]*>[\s\S]*?<\/w:style>/g
const REFERENCE = /<w:(?:pStyle|rStyle|tblStyle|numStyleLink|styleLink)\s+w:val="([^"]+)"/g
const LINKED = /<w:(?:basedOn|next|link)\s+w:val="([^"]+)"/g

/** Word's heading ids, every one kept (with its outline level) whether the document uses it or not. */
export const HEADING_IDS = Array.from({length: 9}, (_, i) => `Heading${i + 1}`)

/**
 * Keep the styles a clerk needs in `word/styles.xml`.
 * @param parts the package's parts (styles.xml is replaced)
 * @throws Error when a heading style lacks its outline level (docx changed what it writes)
 */
export function pruneStyles(parts: Parts): void {
  const styles = parts.get('word/styles.xml')
  if (styles === undefined) throw new Error('docx writer: the package has no `word/styles.xml`')
  const all = new Map([...styles.matchAll(STYLE)].map((m) => [m[1]!, m[0]]))
  const keep = new Set<string>(HEADING_IDS)
  for (const [name, part] of parts) {
    if (name === 'word/styles.xml' || !name.endsWith('.xml') || typeof part !== 'string') continue
    for (const m of part.matchAll(REFERENCE)) keep.add(m[1]!)
  }
  for (const [id, xml] of all) if (/^<w:style\b[^>]*\bw:default="1"/.test(xml)) keep.add(id)
  // The styles kept styles are based on, link to or continue with.
  for (const id of [...keep]) {
    for (let queue = [id]; queue.length > 0;) {
      const xml = all.get(queue.pop()!)
      for (const m of xml?.matchAll(LINKED) ?? []) if (!keep.has(m[1]!)) queue.push((keep.add(m[1]!), m[1]!))
    }
  }
  for (const [level, id] of HEADING_IDS.entries()) {
    if (!all.get(id)?.includes(`<w:outlineLvl w:val="${level}"/>`)) throw new Error(`docx writer: style \`${id}\` has no outline level ${level}`)
  }
  parts.set('word/styles.xml', styles.replace(STYLE, (xml, id: string) => (keep.has(id) ? xml : '')))
}
