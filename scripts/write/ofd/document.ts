/**
 * The OFD package's document-level parts (GB/T 33190-2016 §7): the entry file `OFD.xml` (DocInfo), the document
 * `Doc_0/Document.xml` (CommonData, Pages, Outlines, CustomTags), the public resources (fonts) and the structure
 * tags that give readers the reading order (§16 custom tags: each block of the document, in order, lists the text
 * objects that draw it).
 */
import {createHash} from 'node:crypto'
import type {DocumentMeta as Meta} from '../../model/types.ts'
import type {OutlineEntry, Page, Role} from '../../typeset/page-model.ts'
import {familyName, fontMetrics} from '../font-metrics.ts'
import type {OfdFont} from './font.ts'
import type {PlacedObject} from './page.ts'
import {element, escapeText, OFD_NS, ptToMm, XML_DECLARATION} from './xml.ts'

/** The namespace of zhiban's structure tags (a name, not an address). */
export const TAGS_NS = 'urn:zhiban:ofd:structure:1'

/** Structure tags of line roles whose name is not the tag (the PDF's tags, in words a reader of the tag file understands). */
const TAGS: Readonly<Record<string, string>> = {h1: 'H1', h2: 'H2', h3: 'H3', h4: 'H4', p: 'P', footer: 'PageNumber'}

/**
 * The structure tag of a line role: its own tag, else the role's name in PascalCase (`attachment-note` →
 * `AttachmentNote`), so a role layout adds (a 公文's parts) is tagged by its name.
 * @param role the line's role
 */
export function tagOf(role: Role): string {
  return TAGS[role] ?? role.replace(/(^|-)(\w)/g, (_m, _dash: string, c: string) => c.toUpperCase())
}

/** A page as written: its unit id and where its content is (relative to Doc_0/). */
export interface WrittenPage {
  id: number
  loc: string
  objects: PlacedObject[]
}

/**
 * The document's id: 32 hex digits from what identifies it (same source, same id).
 * @param slug the document's slug
 * @param meta its metadata
 */
export function docId(slug: string, meta: Meta): string {
  return createHash('sha256').update(JSON.stringify([slug, meta.title, meta.issuer, meta.date])).digest('hex').slice(0, 32)
}

/**
 * OFD.xml: DocInfo and the document's root.
 * @param id the document id ({@link docId})
 * @param meta the document's metadata
 * @param date the document's fixed date
 */
export function writeOfdXml(id: string, meta: Meta, date: Date): string {
  const text = (name: string, value: string): string => element(name, {}, escapeText(value))
  const info = [
    text('ofd:DocID', id),
    text('ofd:Title', meta.title),
    text('ofd:Author', meta.issuer),
    text('ofd:Subject', meta.title),
    text('ofd:CreationDate', date.toISOString().slice(0, 10)),
    meta.keywords.length > 0 ? element('ofd:Keywords', {}, meta.keywords.map((k) => text('ofd:Keyword', k)).join('')) : '',
    text('ofd:Creator', 'zhiban'),
  ].join('')
  const body = element('ofd:DocBody', {}, element('ofd:DocInfo', {}, info) + text('ofd:DocRoot', 'Doc_0/Document.xml'))
  return XML_DECLARATION + element('ofd:OFD', {'xmlns:ofd': OFD_NS, Version: '1.0', DocType: 'OFD'}, body)
}

/** The outline's entries nested by level. */
interface OutlineNode {
  entry: OutlineEntry
  children: OutlineNode[]
}

function nest(entries: readonly OutlineEntry[]): OutlineNode[] {
  const roots: OutlineNode[] = []
  const stack: OutlineNode[] = []
  for (const entry of entries) {
    while (stack.length > 0 && stack.at(-1)!.entry.level >= entry.level) stack.pop()
    const node = {entry, children: []}
    ;(stack.at(-1)?.children ?? roots).push(node)
    stack.push(node)
  }
  return roots
}

function outlineElement(node: OutlineNode, pages: readonly WrittenPage[]): string {
  const {entry} = node
  const page = pages[entry.page]
  if (!page) throw new Error(`OFD: outline entry \`${entry.title}\` names page ${entry.page + 1} of ${pages.length}`)
  const dest = element('ofd:Dest', {Type: 'XYZ', PageID: page.id, Left: ptToMm(entry.xPt), Top: ptToMm(entry.yPt)})
  const actions = element('ofd:Actions', {}, element('ofd:Action', {Event: 'CLICK'}, element('ofd:Goto', {}, dest)))
  return element('ofd:OutlineElem', {Title: entry.title}, actions + node.children.map((c) => outlineElement(c, pages)).join(''))
}

/**
 * Doc_0/Document.xml.
 * @param firstPage the first page (its size is the document's PageArea)
 * @param pages the pages as written
 * @param outline the model's outline
 * @param maxUnitId the largest unit id used
 */
export function writeDocumentXml(firstPage: Page | undefined, pages: readonly WrittenPage[], outline: readonly OutlineEntry[], maxUnitId: number): string {
  const box = firstPage ? `0 0 ${ptToMm(firstPage.widthPt)} ${ptToMm(firstPage.heightPt)}` : '0 0 210 297'
  const common = element('ofd:MaxUnitID', {}, String(maxUnitId)) + element('ofd:PageArea', {}, element('ofd:PhysicalBox', {}, box)) + element('ofd:PublicRes', {}, 'PublicRes.xml')
  const pageList = element('ofd:Pages', {}, pages.map((p) => element('ofd:Page', {ID: p.id, BaseLoc: p.loc})).join(''))
  const outlines = outline.length > 0 ? element('ofd:Outlines', {}, nest(outline).map((n) => outlineElement(n, pages)).join('')) : ''
  const content = element('ofd:CommonData', {}, common) + pageList + outlines + element('ofd:CustomTags', {}, 'Tags/CustomTags.xml')
  return XML_DECLARATION + element('ofd:Document', {'xmlns:ofd': OFD_NS}, content)
}

/**
 * Doc_0/PublicRes.xml: the CMYK colour space when an ink needs it, and the fonts, each with its embedded file
 * (under Res/).
 * @param fonts the embedded fonts
 * @param cmyk the id of the CMYK colour space, when the pages use one
 */
export function writePublicRes(fonts: readonly OfdFont[], cmyk?: number): string {
  // Note: the names fontkit gives, read from the name table's bytes where they can be (font-metrics.ts), as the PDF's.
  const list = fonts.map((f) => element('ofd:Font', {ID: f.id, FontName: fontMetrics(f.loaded).postscriptName || f.loaded.family, FamilyName: familyName(f.loaded) || f.loaded.family}, element('ofd:FontFile', {}, escapeText(f.fileName))))
  const spaces = cmyk === undefined ? '' : element('ofd:ColorSpaces', {}, element('ofd:ColorSpace', {ID: cmyk, Type: 'CMYK', BitsPerComponent: 8}))
  return XML_DECLARATION + element('ofd:Res', {'xmlns:ofd': OFD_NS, BaseLoc: 'Res'}, spaces + (list.length > 0 ? element('ofd:Fonts', {}, list.join('')) : ''))
}

/** Doc_0/Tags/CustomTags.xml: the index of tag files (one, zhiban's structure). */
export function writeCustomTags(): string {
  const tag = element('ofd:CustomTag', {TypeID: 'zhiban-structure', NameSpace: TAGS_NS}, element('ofd:FileLoc', {}, 'Structure.xml'))
  return XML_DECLARATION + element('ofd:CustomTags', {'xmlns:ofd': OFD_NS}, tag)
}

/** A structure element: its tag, the objects that draw it, the elements under it. */
interface StructNode {
  tag: string
  refs: string[]
  children: StructNode[]
}

/**
 * Doc_0/Tags/Structure.xml: the document's blocks in reading order, each listing the text objects that draw it
 * (a block that runs over a page keeps one element; page numbers are tagged apart as `PageNumber`). A table is
 * Table → (Caption, TR → TH/TD) as in the tagged PDF: a row's element holds every cell of the row in column order
 * (an empty one too), and a header row repeated on a later page is left out (the PDF draws it as an artifact), so
 * its text is read once.
 * @param pages the pages as written
 */
export function writeStructure(pages: readonly WrittenPage[]): string {
  const root: StructNode = {tag: 'Document', refs: [], children: []}
  const open = new Map<string, StructNode>()
  const make = (key: string, tag: string, under: StructNode): StructNode => {
    let node = open.get(key)
    if (!node) {
      node = {tag, refs: [], children: []}
      under.children.push(node)
      open.set(key, node)
    }
    return node
  }
  for (const page of pages) {
    for (const {line, id} of page.objects) {
      if (line.cell?.repeat) continue
      let node: StructNode
      if (line.role === 'caption' || line.role === 'th' || line.role === 'td') {
        const table = make(`table:${line.block}`, 'Table', root)
        const cell = line.cell
        if (!cell) node = make(`table:${line.block}:caption`, 'Caption', table)
        else {
          const rowKey = `table:${line.block}:row:${cell.row}`
          const fresh = !open.has(rowKey)
          const row = make(rowKey, 'TR', table)
          const at = (col: number): StructNode => make(`${rowKey}:${col}`, cell.row < 0 ? 'TH' : 'TD', row)
          if (fresh) for (let col = 0; col < cell.columns; col++) at(col)
          node = at(cell.col)
        }
      } else node = make(`${line.role}:${line.block}:${line.block < 0 ? page.id : ''}`, tagOf(line.role), root)
      node.refs.push(`<ofd:ObjectRef PageRef="${page.id}">${id}</ofd:ObjectRef>`)
    }
  }
  const write = (node: StructNode): string => element(`zb:${node.tag}`, {}, node.refs.join('') + node.children.map(write).join(''))
  return XML_DECLARATION + element('zb:Document', {'xmlns:zb': TAGS_NS, 'xmlns:ofd': OFD_NS}, root.children.map(write).join(''))
}
