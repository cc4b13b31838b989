/**
 * The OFD edition (GB/T 33190-2016, the fixed-layout format of Chinese e-government and archives): the official
 * edition's page model — the one the official PDF draws — written as an OFD package. No layout of its own.
 *
 * The package, a zip in a fixed order with one fixed date (../zip.ts: 1980-01-01, the same in every time zone):
 * OFD.xml → Doc_0/Document.xml → Doc_0/PublicRes.xml (fonts, files under Doc_0/Res/) → Doc_0/Pages/Page_N/Content.xml,
 * and the structure tags under Doc_0/Tags/. Unit ids are counted in a fixed order: fonts, then each page, its layer and its objects.
 */
import type {Context, Output} from '../../editions.ts'
import type {Ink, PageModel} from '../../typeset/page-model.ts'
import {compressedFontFile} from '../font-file-store.ts'
import {deflateEntry, zip, type Deflated} from '../zip.ts'

/**
 * The deflate level of the embedded fonts (see zip.ts `LEVEL`): a font's outlines deflate little (to ~66 %), and
 * level 2 deflates them ~35 % faster than 6, ~3 % bigger.
 */
const FONT_LEVEL = 2

/**
 * An embedded font's zip entry, deflated: kept in the process and between processes with the PDF's compressed font
 * files (font-file-store.ts, keyed by the font file, all the embedded file depends on, the running code and zlib's
 * version), so a rebuild that draws the same characters with the same glyphs neither reads the outlines nor
 * deflates them again (~5 ms for the seed in a new process); same bytes either way.
 * @param font the embedded font, every glyph drawn
 * @param root the project root (its cache), when known
 */
function fontEntry(font: OfdFont, root: string | undefined): Deflated {
  const kept = compressedFontFile(
    font.loaded.file,
    font.contentKey(),
    () => {
      const {deflated, crc, size} = deflateEntry(font.encode(), FONT_LEVEL)
      // Note: kept as the CRC-32 and size (little-endian uint32s), then the deflate stream.
      const data = new Uint8Array(8 + deflated.byteLength)
      const view = new DataView(data.buffer)
      view.setUint32(0, crc, true)
      view.setUint32(4, size, true)
      data.set(deflated, 8)
      return data
    },
    root,
  )
  if (kept.byteLength < 8) throw new Error(`OFD: the kept font file of ${font.loaded.path} is damaged`)
  const view = new DataView(kept.buffer, kept.byteOffset, kept.byteLength)
  return {crc: view.getUint32(0, true), size: view.getUint32(4, true), deflated: kept.subarray(8)}
}
import {docId, writeCustomTags, writeDocumentXml, writeOfdXml, writePublicRes, writeStructure, type WrittenPage} from './document.ts'
import {OfdFont} from './font.ts'
import {writePage, type Inks} from './page.ts'

/**
 * Write the OFD edition: the official page model (layout's, the one the official PDF draws) drawn as OFD.
 * @param context the pipeline context (its `layout.official`)
 */
export async function writeOfdEdition(context: Context): Promise<Output[]> {
  const model = context.layout.official
  if (!model) throw new Error('writeOfdEdition: no official layout (compile() lays it out when the ofd edition is selected)')
  return [{edition: 'ofd', name: `${context.doc.slug}.ofd`, bytes: renderOfd(model, context), pages: model.pages.length}]
}

/**
 * The fonts the model's runs use (in the order first drawn) and the inks its runs and rules name (a 公文's red).
 * @param model the page model
 */
function drawnWith(model: PageModel): {fonts: Set<string>; inks: Set<Ink>} {
  const fonts = new Set<string>()
  const inks = new Set<Ink>()
  for (const page of model.pages) {
    for (const item of page.items) {
      if (item.kind !== 'line') {
        if (item.ink !== undefined) inks.add(item.ink)
        continue
      }
      for (const run of item.runs) {
        fonts.add(run.font)
        if (run.ink !== undefined) inks.add(run.ink)
      }
    }
  }
  return {fonts, inks}
}

/**
 * The inks the model names, each as the CMYK the model gives for it (percent, as for printing ink) on OFD's
 * 0–255 scale; undefined when everything is black.
 */
function inkColours(model: PageModel, named: ReadonlySet<Ink>, nextId: () => number): Inks | undefined {
  if (named.size === 0) return undefined
  const values = new Map<Ink, string>()
  for (const ink of [...named].sort()) {
    const cmyk = model.inks?.[ink]?.cmyk
    if (!cmyk) throw new Error(`OFD: the page model names the ink \`${ink}\` but gives no colour for it`)
    values.set(ink, cmyk.map((v) => Math.round((v / 100) * 255)).join(' '))
  }
  return {colorSpace: nextId(), values}
}

/**
 * Render a page model to OFD bytes with the document's metadata (same input, same bytes).
 * @param model the official page model
 * @param context the pipeline context (fonts, metadata, date; the project root, whose cache keeps the deflated fonts)
 */
export function renderOfd(model: PageModel, context: Pick<Context, 'doc' | 'fonts' | 'date'> & {root?: string}): Uint8Array {
  let unit = 0
  const nextId = (): number => ++unit
  // Fonts: the profile's, in the profile's order, each given its id up front; only those drawn are embedded, and
  // keys of one file (body and page numbers, say) share one embedded subset.
  const fonts = new Map<string, OfdFont>()
  const byFile = new Map<string, OfdFont>()
  const {fonts: used, inks: named} = drawnWith(model)
  for (const [key, loaded] of context.fonts) {
    if (!used.has(key)) continue
    let font = byFile.get(loaded.path)
    if (!font) byFile.set(loaded.path, (font = new OfdFont(nextId(), loaded)))
    fonts.set(key, font)
  }
  for (const key of used) if (!fonts.has(key)) throw new Error(`OFD: font \`${key}\` is not loaded`)
  const inks = inkColours(model, named, nextId)

  const pages: WrittenPage[] = []
  const contents: [string, string][] = []
  for (let i = 0; i < model.pages.length; i++) {
    const id = nextId()
    const loc = `Pages/Page_${i}/Content.xml`
    const {xml, objects} = writePage(model.pages[i]!, fonts, nextId, inks)
    pages.push({id, loc, objects})
    contents.push([`Doc_0/${loc}`, xml])
  }
  const {doc} = context
  return zip([
    ['OFD.xml', writeOfdXml(docId(doc.slug, doc.meta), doc.meta, context.date)],
    ['Doc_0/Document.xml', writeDocumentXml(model.pages[0], pages, model.outline, unit)],
    ['Doc_0/PublicRes.xml', writePublicRes([...byFile.values()], inks?.colorSpace)],
    ...contents,
    ['Doc_0/Tags/CustomTags.xml', writeCustomTags()],
    ['Doc_0/Tags/Structure.xml', writeStructure(pages)],
    ...[...byFile.values()].map((f): [string, Deflated] => [`Doc_0/Res/${f.fileName}`, fontEntry(f, context.root)]),
  ])
}
