/**
 * One OFD page (`Content.xml`) from a page of the page model: each glyph run a `TextObject`, each rule a
 * `PathObject`. Decides nothing: every glyph sits at the x and baseline layout gave it, the same arithmetic the PDF
 * writer uses (run x + the positioned advances before it + the run's character spacing per glyph).
 *
 * Characters and glyphs: the `TextCode` holds the run's source characters; a reader maps each to its glyph through
 * the embedded font's cmap. Where the glyph drawn is not the one the cmap gives (a `fwid` dash, a control drawn as a
 * space), a `CGTransform` names it. A character beyond the BMP, a character of several glyphs or a glyph placed by
 * GPOS starts a `TextCode` of its own, so no reader has to agree with another on how such a character counts in
 * `DeltaX`.
 *
 * A turned item (a landscape table, GB/T 9704 §8) keeps its frame's coordinates inside the object: a TextObject
 * gets a `CTM` (GB/T 33190 §8.3.1, object space → its Boundary's space) that turns it a quarter turn
 * counter-clockwise, so its glyphs turn with it; a rule, a straight line, has its two ends turned instead.
 * Frame (x, y) → page (turn.x + y, turn.y − x), as the PDF's transform.
 */
import type {GlyphRun, Ink, Line, Page, Rule, Turn} from '../../typeset/page-model.ts'
import type {OfdFont} from './font.ts'
import {element, escapeText, mm, MM_PER_PT, OFD_NS, ptToMm, XML_DECLARATION} from './xml.ts'

/** Gives the next unit id of the document (GB/T 33190 ST_ID: unique in the document, counted by MaxUnitID). */
export type NextId = () => number

/**
 * The inks other than black the page model names (a 公文's red), as OFD colours: one CMYK colour space
 * (8 bits a component) and each ink's value in it. Black is the default colour (RGB 0 0 0), as in the PDF.
 */
export interface Inks {
  colorSpace: number
  /** Ink name → `C M Y K`, each 0–255. */
  values: ReadonlyMap<Ink, string>
}

/** Black (the default colour, RGB 0 0 0), written once. */
const BLACK = {'ofd:FillColor': element('ofd:FillColor', {Value: '0 0 0'}), 'ofd:StrokeColor': element('ofd:StrokeColor', {Value: '0 0 0'})}

function colour(name: 'ofd:FillColor' | 'ofd:StrokeColor', item: GlyphRun | Rule, inks: Inks | undefined): string {
  const {ink} = item
  if (ink === undefined) return BLACK[name]
  const value = inks?.values.get(ink)
  if (!inks || value === undefined) throw new Error(`OFD: the page model names the ink \`${ink}\` but gives no colour for it`)
  return element(name, {ColorSpace: inks.colorSpace, Value: value})
}

/** A drawn object of a line, for the structure (CustomTags). */
export interface PlacedObject {
  line: Line
  id: number
}

/** One character position of a TextCode: its characters, glyphs and where the first glyph's origin is (pt). */
interface Cluster {
  text: string
  /** How many characters (code points) `text` has. */
  count: number
  glyphs: number[]
  /** Whether the glyphs are not what the cmap gives for the text. */
  transform: boolean
  /** Whether it can share a TextCode with its neighbours (one BMP character, one glyph, not placed by GPOS). */
  simple: boolean
  /** Where each of its characters is: the glyph's origin for the first, the glyph's advance shared out for the rest. */
  xPt: number[]
  yPt: number
}

/** Micrometres, the unit positions are rounded to before differences are taken (so deltas add up exactly). */
const um = (pt: number): number => Math.round(pt * MM_PER_PT * 1000)

/**
 * The clusters of a run: its characters paired with its glyphs one to one when their counts agree (layout draws
 * one glyph per character, e.g. a space glyph for a control character), else grouped by each glyph's characters.
 */
function clusters(run: GlyphRun, font: OfdFont, baselinePt: number): Cluster[] {
  const chars = [...run.text]
  const unit = run.sizePt / font.unitsPerEm
  const out: Cluster[] = []
  let x = run.xPt
  const oneToOne = chars.length === run.glyphs.length
  let at = 0
  for (let i = 0; i < run.glyphs.length; i++) {
    const glyph = run.glyphs[i]!
    const gid = font.glyph(glyph.id)
    const origin = x
    const xPt = x + (glyph.dx ?? 0) * unit
    const yPt = baselinePt - (glyph.dy ?? 0) * unit
    x += glyph.advance * unit + run.characterSpacingPt
    const text = oneToOne ? chars[i]! : String.fromCodePoint(...glyph.codePoints)
    if (!oneToOne && text === '' && out.length > 0) {
      // A glyph with no characters of its own (one character drawn as several glyphs) joins the one before.
      const last = out[out.length - 1]!
      last.glyphs.push(gid)
      last.transform = true
      last.simple = false
      continue
    }
    // Note: one to one, each glyph's text is one character (an element of the run's spread text).
    const count = oneToOne ? 1 : [...text].length
    at += count
    const first = text.codePointAt(0)
    const transform = count !== 1 || font.glyphFor(first!) !== gid
    const simple = count === 1 && first! <= 0xffff && !glyph.dx && !glyph.dy
    const positions = count > 0 ? [xPt] : []
    // Note: a glyph of several characters (a 2-em dash `——`) shares its advance among them, as PDF readers do.
    const share = (glyph.advance * unit) / count
    for (let k = 1; k < count; k++) positions.push(origin + k * share)
    out.push({text, count, glyphs: [gid], transform, simple, xPt: positions, yPt})
  }
  if (!oneToOne && (at !== chars.length || out.map((c) => c.text).join('') !== run.text)) {
    // Note: the glyphs' characters are not the source's (layout replaced some): the run's text is kept whole,
    // drawn as its glyphs from the first glyph's origin.
    const first = out[0]
    return [{text: run.text, count: chars.length, glyphs: out.flatMap((c) => c.glyphs), transform: true, simple: false, xPt: [first?.xPt[0] ?? run.xPt], yPt: first?.yPt ?? baselinePt}]
  }
  return out
}

/**
 * `DeltaX`/`DeltaY` values, the differences between neighbouring positions (µm), runs of one value written as
 * `g N value` (ST_Array's repeat form); undefined when every difference is 0.
 * @param positions positions in micrometres
 */
function deltas(positions: readonly number[]): string | undefined {
  let out = ''
  let zero = true
  for (let i = 1; i < positions.length; ) {
    const delta = positions[i]! - positions[i - 1]!
    let j = i + 1
    while (j < positions.length && positions[j]! - positions[j - 1]! === delta) j++
    if (delta !== 0) zero = false
    const value = mm(delta / 1000)
    out += `${out === '' ? '' : ' '}${j - i > 1 ? `g ${j - i} ${value}` : value}`
    i = j
  }
  return zero ? undefined : out
}

/** A UTF-16 surrogate: a character beyond the BMP. */
const SURROGATE = /[\uD800-\uDFFF]/

/**
 * Any character that needs a look before the text is written: a surrogate, one escapeText escapes or refuses
 * (xml.ts). Most runs have none: one test clears them.
 */
const NOTABLE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uD800-\uDFFF\uFFFE\uFFFF&<>\r]/

/**
 * The body of a run whose characters and glyphs pair one to one, each character in the BMP and no glyph placed by
 * GPOS (almost every run): every cluster is simple, so the run is one TextCode, and it is written in one pass with
 * no cluster objects. The XML is what {@link clusters} and the grouping in {@link textObject} give for it (the
 * same calls to the font, in the same order: the subset numbers glyphs in the order they are first met).
 * @returns its CGTransforms and TextCode, or undefined when the run is not such a run
 */
function simpleRunBody(run: GlyphRun, font: OfdFont, baselinePt: number, originX: number, originY: number): string | undefined {
  const {glyphs, text} = run
  const n = glyphs.length
  if (n === 0 || text.length !== n) return undefined
  const plain = !NOTABLE.test(text)
  if (!plain && SURROGATE.test(text)) return undefined
  for (let i = 0; i < n; i++) if (glyphs[i]!.dx || glyphs[i]!.dy) return undefined
  const unit = run.sizePt / font.unitsPerEm
  const spacing = run.characterSpacingPt
  const xs: number[] = []
  let transforms = ''
  let x = run.xPt
  for (let i = 0; i < n; i++) {
    const glyph = glyphs[i]!
    const gid = font.glyph(glyph.id)
    // Note: um(x), inline (a call a glyph).
    xs.push(Math.round(x * MM_PER_PT * 1000))
    x += glyph.advance * unit + spacing
    if (font.glyphFor(text.charCodeAt(i)) !== gid) transforms += `<ofd:CGTransform CodePosition="${i}" CodeCount="1" GlyphCount="1"><ofd:Glyphs>${gid}</ofd:Glyphs></ofd:CGTransform>`
  }
  // Note: one baseline, so no DeltaY.
  const dx = deltas(xs)
  return `${transforms}<ofd:TextCode X="${mm((xs[0]! - originX) / 1000)}" Y="${mm((um(baselinePt) - originY) / 1000)}"${dx === undefined ? '' : ` DeltaX="${dx}"`}>${plain ? text : escapeText(text)}</ofd:TextCode>`
}

/** The body of any other run: its clusters, simple ones sharing a TextCode, each other one a TextCode of its own. */
function clusteredRunBody(run: GlyphRun, font: OfdFont, baselinePt: number, originX: number, originY: number): string {
  const codes: Cluster[][] = []
  for (const cluster of clusters(run, font, baselinePt)) {
    const last = codes[codes.length - 1]
    if (last && cluster.simple && last[last.length - 1]!.simple) last.push(cluster)
    else codes.push([cluster])
  }
  let body = ''
  for (const code of codes) {
    let position = 0
    let text = ''
    const xs: number[] = []
    const ys: number[] = []
    for (const cluster of code) {
      if (cluster.transform) body += element('ofd:CGTransform', {CodePosition: position, CodeCount: cluster.count, GlyphCount: cluster.glyphs.length}, element('ofd:Glyphs', {}, cluster.glyphs.join(' ')))
      position += cluster.count
      text += cluster.text
      // Note: a cluster given one position (its text kept whole) leaves its further characters to the reader.
      const y = um(cluster.yPt)
      for (const x of cluster.xPt) {
        xs.push(um(x))
        ys.push(y)
      }
    }
    body += element('ofd:TextCode', {X: mm((xs[0]! - originX) / 1000), Y: mm((ys[0]! - originY) / 1000), DeltaX: deltas(xs), DeltaY: deltas(ys)}, escapeText(text))
  }
  return body
}

/** A TextObject for one run; its TextCode positions are relative to its Boundary's top-left corner. */
function textObject(run: GlyphRun, line: Line, font: OfdFont, id: number, inks: Inks | undefined): string {
  const pad = run.sizePt / 4
  const top = line.baselinePt - font.ascentEm * run.sizePt - pad
  const bottom = line.baselinePt + font.descentEm * run.sizePt + pad
  const left = run.xPt - pad
  const right = run.xPt + run.widthPt + pad
  const originX = um(left)
  const originY = um(top)
  const turn = line.turned
  // Note: turned, the object's box (left, top, width, height in the frame) lies on the page from (turn.x + top,
  // turn.y − right), `height` wide and `width` high; the CTM maps object (u, v) to box (v, width − u).
  const boundary = turn ? `${ptToMm(turn.xPt + top)} ${ptToMm(turn.yPt - right)} ${ptToMm(bottom - top)} ${ptToMm(right - left)}` : `${mm(originX / 1000)} ${mm(originY / 1000)} ${ptToMm(right - left)} ${ptToMm(bottom - top)}`
  const ctm = turn ? ` CTM="0 -1 1 0 0 ${ptToMm(right - left)}"` : ''
  const body = simpleRunBody(run, font, line.baselinePt, originX, originY) ?? clusteredRunBody(run, font, line.baselinePt, originX, originY)
  // Note: the attributes are numbers as mm() writes them (digits, `.`, `-`, spaces): nothing to escape.
  return `<ofd:TextObject ID="${id}" Boundary="${boundary}"${ctm} Font="${font.id}" Size="${ptToMm(run.sizePt)}">${colour('ofd:FillColor', run, inks)}${body}</ofd:TextObject>`
}

/** A turned rule's ends on the page. */
function turnRule(rule: Rule, turn: Turn): Rule {
  return {...rule, x1Pt: turn.xPt + rule.y1Pt, y1Pt: turn.yPt - rule.x1Pt, x2Pt: turn.xPt + rule.y2Pt, y2Pt: turn.yPt - rule.x2Pt}
}

/** A PathObject for a rule: a stroked line, its path relative to its Boundary. */
function pathObject(item: Rule, id: number, inks: Inks | undefined): string {
  const rule = item.turned ? turnRule(item, item.turned) : item
  const half = rule.widthPt / 2
  const left = Math.min(rule.x1Pt, rule.x2Pt) - half
  const top = Math.min(rule.y1Pt, rule.y2Pt) - half
  const width = Math.abs(rule.x2Pt - rule.x1Pt) + rule.widthPt
  const height = Math.abs(rule.y2Pt - rule.y1Pt) + rule.widthPt
  const at = (x: number, y: number): string => `${ptToMm(x - left)} ${ptToMm(y - top)}`
  return element(
    'ofd:PathObject',
    {ID: id, Boundary: [ptToMm(left), ptToMm(top), ptToMm(width), ptToMm(height)].join(' '), LineWidth: ptToMm(rule.widthPt)},
    colour('ofd:StrokeColor', rule, inks) + element('ofd:AbbreviatedData', {}, `M ${at(rule.x1Pt, rule.y1Pt)} L ${at(rule.x2Pt, rule.y2Pt)}`),
  )
}

/**
 * Write one page's Content.xml.
 * @param page the page of the model
 * @param fonts the embedded fonts by profile font key
 * @param nextId the document's id counter (the layer and each object take one, in drawing order)
 * @param inks the colours of the inks the model names, when it names any
 * @returns the XML and the objects drawn for each line (for the structure)
 */
export function writePage(page: Page, fonts: ReadonlyMap<string, OfdFont>, nextId: NextId, inks?: Inks): {xml: string; objects: PlacedObject[]} {
  const objects: PlacedObject[] = []
  const layerId = nextId()
  let layer = ''
  for (const item of page.items) {
    if (item.kind === 'rule') {
      layer += pathObject(item, nextId(), inks)
      continue
    }
    for (const run of item.runs) {
      const font = fonts.get(run.font)
      if (!font) throw new Error(`OFD: font \`${run.font}\` is not loaded`)
      const id = nextId()
      layer += textObject(run, item, font, id, inks)
      objects.push({line: item, id})
    }
  }
  const box = `0 0 ${ptToMm(page.widthPt)} ${ptToMm(page.heightPt)}`
  const content = element('ofd:Area', {}, element('ofd:PhysicalBox', {}, box)) + element('ofd:Content', {}, element('ofd:Layer', {ID: layerId, Type: 'Body'}, layer))
  return {xml: XML_DECLARATION + element('ofd:Page', {'xmlns:ofd': OFD_NS}, content), objects}
}
