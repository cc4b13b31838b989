/**
 * A small OFD reader for the tests: unzips the package, parses every XML part strictly (a well-formedness error
 * throws), follows the references from OFD.xml down to each page's text objects and expands each TextCode into
 * characters at absolute positions (mm), with the glyph ids its CGTransforms give.
 */
import {DOMParser} from '@xmldom/xmldom'
import {strFromU8, unzipSync} from 'fflate'

export const OFD_NS = 'http://www.ofdspec.org/2016'

/** One character of a TextCode where the reader places it. */
export interface PlacedChar {
  char: string
  xMm: number
  yMm: number
  /** Glyph ids a CGTransform names for it (undefined: through the font's cmap). */
  glyphs?: number[]
}

/** A colour as written: its colour space id (undefined: the default, RGB) and value. */
export interface Colour {
  colorSpace?: number
  value: string
}

export interface TextObject {
  id: number
  fill?: Colour
  font: number
  sizeMm: number
  boundary: number[]
  chars: PlacedChar[]
  text: string
}

export interface OfdPage {
  id: number
  loc: string
  texts: TextObject[]
  paths: {id: number; boundary: number[]; lineWidth: number; data: string; stroke?: Colour}[]
  ids: number[]
}

export interface OfdPackage {
  files: Map<string, Uint8Array>
  xml: Map<string, Document>
  docInfo: Record<string, string>
  keywords: string[]
  maxUnitId: number
  pages: OfdPage[]
  fonts: Map<number, {name: string; family: string; file: string}>
  /** Colour spaces by id: their type. */
  colorSpaces: Map<number, string>
  outline: {title: string; pageId: number; depth: number}[]
  /**
   * The structure file's elements that list objects (or hold nothing: an empty table cell), in document order: tag
   * name, the tags of the elements it sits in (outermost first), the object ids it lists.
   */
  structure: {tag: string; parents: string[]; refs: {page: number; id: number}[]}[]
}

/** Parse XML strictly: any warning or error throws. */
export function parseXml(text: string, name: string): Document {
  const fail = (message: string): never => {
    throw new Error(`${name}: ${message}`)
  }
  return new DOMParser({errorHandler: {warning: fail, error: fail, fatalError: fail}}).parseFromString(text, 'application/xml') as unknown as Document
}

const children = (parent: Element | Document, name: string): Element[] => Array.from((parent as Element).getElementsByTagNameNS(OFD_NS, name) as unknown as ArrayLike<Element>)
const one = (parent: Element | Document, name: string): Element => {
  const found = children(parent, name)[0]
  if (!found) throw new Error(`no ofd:${name}`)
  return found
}
const numbers = (text: string | null): number[] => (text ?? '').trim().split(/\s+/).filter(Boolean).map(Number)

/** ST_Array with the `g N value` repeat form, expanded. */
export function expandDeltas(text: string | null): number[] {
  const tokens = (text ?? '').trim().split(/\s+/).filter(Boolean)
  const out: number[] = []
  for (let i = 0; i < tokens.length; i++) {
    if (tokens[i] === 'g') {
      const count = Number(tokens[i + 1])
      const value = Number(tokens[i + 2])
      for (let k = 0; k < count; k++) out.push(value)
      i += 2
    } else out.push(Number(tokens[i]))
  }
  return out
}

/** Resolve a location relative to the part that names it. */
export function resolve(from: string, loc: string): string {
  if (loc.startsWith('/')) return loc.slice(1)
  const base = from.includes('/') ? from.slice(0, from.lastIndexOf('/') + 1) : ''
  return base + loc
}

/**
 * Read an OFD package.
 * @param bytes the .ofd file
 */
export function readOfd(bytes: Uint8Array): OfdPackage {
  const files = new Map(Object.entries(unzipSync(bytes)))
  const xml = new Map<string, Document>()
  for (const [name, data] of files) if (name.endsWith('.xml')) xml.set(name, parseXml(strFromU8(data), name))
  const part = (name: string): Document => {
    const doc = xml.get(name)
    if (!doc) throw new Error(`the package has no part ${name}`)
    return doc
  }
  const ofd = part('OFD.xml')
  const info = one(ofd, 'DocInfo')
  const docInfo: Record<string, string> = {}
  for (const child of Array.from(info.childNodes as unknown as ArrayLike<Element>)) if (child.nodeType === 1 && child.localName !== 'Keywords') docInfo[child.localName] = child.textContent ?? ''
  const keywords = children(info, 'Keyword').map((k) => k.textContent ?? '')
  const docRoot = one(ofd, 'DocRoot').textContent!
  const document = part(docRoot)
  const maxUnitId = Number(one(document, 'MaxUnitID').textContent)
  const resLoc = resolve(docRoot, one(document, 'PublicRes').textContent!)
  const res = part(resLoc)
  const baseLoc = (res.documentElement as unknown as Element).getAttribute('BaseLoc') ?? ''
  const fonts = new Map<number, {name: string; family: string; file: string}>()
  for (const font of children(res, 'Font')) {
    const file = resolve(resLoc, `${baseLoc ? `${baseLoc}/` : ''}${one(font, 'FontFile').textContent}`)
    fonts.set(Number(font.getAttribute('ID')), {name: font.getAttribute('FontName')!, family: font.getAttribute('FamilyName') ?? '', file})
  }
  const colorSpaces = new Map(children(res, 'ColorSpace').map((c) => [Number(c.getAttribute('ID')), c.getAttribute('Type')!]))
  const pages: OfdPage[] = children(one(document, 'Pages'), 'Page').map((p) => readPage(Number(p.getAttribute('ID')), resolve(docRoot, p.getAttribute('BaseLoc')!), part))
  const outline: OfdPackage['outline'] = []
  const walk = (parent: Element, depth: number): void => {
    for (const node of Array.from(parent.childNodes as unknown as ArrayLike<Element>)) {
      if (node.nodeType !== 1 || node.localName !== 'OutlineElem') continue
      outline.push({title: node.getAttribute('Title')!, pageId: Number(one(node, 'Dest').getAttribute('PageID')), depth})
      walk(node, depth + 1)
    }
  }
  const outlines = children(document, 'Outlines')[0]
  if (outlines) walk(outlines, 0)
  const tagsLoc = resolve(docRoot, one(document, 'CustomTags').textContent!)
  const structureLoc = resolve(tagsLoc, one(part(tagsLoc), 'FileLoc').textContent!)
  const root = part(structureLoc).documentElement as unknown as Element
  // The elements that hold objects or no elements (an empty cell), in document order, each with its ancestors' tags.
  const structure: OfdPackage['structure'] = []
  const visit = (node: Element, parents: string[]): void => {
    const elements = Array.from(node.childNodes as unknown as ArrayLike<Element>).filter((n) => n.nodeType === 1)
    const refs = elements.filter((n) => n.localName === 'ObjectRef')
    const inner = elements.filter((n) => n.localName !== 'ObjectRef')
    if (refs.length > 0 || inner.length === 0) structure.push({tag: node.localName, parents, refs: refs.map((r) => ({page: Number(r.getAttribute('PageRef')), id: Number(r.textContent)}))})
    for (const child of inner) visit(child, [...parents, node.localName])
  }
  for (const child of Array.from(root.childNodes as unknown as ArrayLike<Element>).filter((n) => n.nodeType === 1)) visit(child, [])
  return {files, xml, docInfo, keywords, maxUnitId, pages, fonts, colorSpaces, outline, structure}
}

function readPage(id: number, loc: string, part: (name: string) => Document): OfdPage {
  const doc = part(loc)
  const ids = Array.from(doc.getElementsByTagName('*') as unknown as ArrayLike<Element>).flatMap((e) => (e.getAttribute('ID') ? [Number(e.getAttribute('ID'))] : []))
  const texts = children(doc, 'TextObject').map((object): TextObject => {
    const boundary = numbers(object.getAttribute('Boundary'))
    const [a = 1, b = 0, c = 0, d = 1, e = 0, f = 0] = numbers(object.getAttribute('CTM'))
    const chars: PlacedChar[] = []
    let transforms: {position: number; count: number; glyphs: number[]}[] = []
    for (const child of Array.from(object.childNodes as unknown as ArrayLike<Element>)) {
      if (child.nodeType !== 1) continue
      if (child.localName === 'CGTransform') {
        transforms.push({position: Number(child.getAttribute('CodePosition')), count: Number(child.getAttribute('CodeCount')), glyphs: numbers(one(child, 'Glyphs').textContent)})
        continue
      }
      if (child.localName !== 'TextCode') continue
      const dx = expandDeltas(child.getAttribute('DeltaX'))
      const dy = expandDeltas(child.getAttribute('DeltaY'))
      let x = Number(child.getAttribute('X'))
      let y = Number(child.getAttribute('Y'))
      ;[...(child.textContent ?? '')].forEach((char, i) => {
        if (i > 0) {
          x += dx[i - 1] ?? 0
          y += dy[i - 1] ?? 0
        }
        const transform = transforms.find((t) => t.position === i)
        const inside = transforms.some((t) => i > t.position && i < t.position + t.count)
        // Object space → the Boundary's space through the CTM (GB/T 33190 §8.3.1), then onto the page.
        const xMm = boundary[0]! + a * x + c * y + e
        const yMm = boundary[1]! + b * x + d * y + f
        chars.push({char, xMm, yMm, ...(transform ? {glyphs: transform.glyphs} : inside ? {glyphs: []} : {})})
      })
      transforms = []
    }
    const fill = children(object, 'FillColor')[0]
    return {id: Number(object.getAttribute('ID')), ...(fill ? {fill: colourOf(fill)} : {}), font: Number(object.getAttribute('Font')), sizeMm: Number(object.getAttribute('Size')), boundary, chars, text: chars.map((c) => c.char).join('')}
  })
  const paths = children(doc, 'PathObject').map((p) => {
    const stroke = children(p, 'StrokeColor')[0]
    return {id: Number(p.getAttribute('ID')), boundary: numbers(p.getAttribute('Boundary')), lineWidth: Number(p.getAttribute('LineWidth')), data: one(p, 'AbbreviatedData').textContent ?? '', ...(stroke ? {stroke: colourOf(stroke)} : {})}
  })
  return {id, loc, texts, paths, ids}
}

function colourOf(element: Element): Colour {
  const space = element.getAttribute('ColorSpace')
  return {...(space ? {colorSpace: Number(space)} : {}), value: element.getAttribute('Value') ?? ''}
}
