/**
 * Glyph coverage: every character the editions draw must be drawable by some font of the profile.
 *
 * One `missing-glyph` error per character (not per occurrence), naming the character, its code
 * point, how often it occurs and every place, so a source with a thousand 𠀀 gives one message.
 *
 * Note: this runs before any writer, so a document with such a character fails the same way for
 * every edition; the layout's per-run check (a character the role's font lacks but another font of
 * the profile has) is the typesetter's.
 */
import type {VFile} from 'vfile'
import type {Point} from 'unist'
import type {Block, Document, Inline} from '../model/types.ts'
import {blockInlines} from '../model/text.ts'
import {say} from './message.ts'
import {pointAt} from './place.ts'
import {codePoint} from '../chars.ts'
import {draws, needsGlyph, type GlyphSource} from '../typeset/draws.ts'
/** At most this many places are listed in a message. */
const MAX_PLACES = 20

/**
 * Report every character of the document that no font of `fonts` has a glyph for.
 * @param doc the document model
 * @param extra blocks placed after the body (from the block templates)
 * @param file the source file (messages and places)
 * @param fonts the profile's fonts (loaded, or their recorded cmaps: typeset/cmap-cache.ts)
 * @param webOnly only the HTML edition is made (bidirectional controls need no glyph)
 * @returns the number of characters reported
 */
export function checkCoverage(doc: Document, extra: readonly Block[], file: VFile, fonts: ReadonlyMap<string, GlyphSource & {key: string}>, webOnly = false): number {
  const medium = webOnly ? 'web' : 'print'
  const where = new Map<string, Point | undefined>()
  const add = (text: string, place: Point | undefined): void => {
    // Note: a character seen before is passed first (most are), before the test of what it needs.
    for (const char of text) if (!where.has(char) && needsGlyph(char, medium)) where.set(char, place)
  }
  const meta = doc.meta
  for (const text of [meta.title, ...(meta.titleLines ?? []), meta.issuer, ...meta.related.flatMap((r) => [r.title, r.url])]) add(text, {line: 1, column: 1})
  const inline = (nodes: readonly Inline[]): void => {
    for (const node of nodes) {
      if (node.type === 'link') inline(node.children)
      else add(node.value, node.position?.start)
    }
  }
  // Note: a 公文's front-matter texts and its attachments are drawn too (typeset/gongwen*.ts).
  const gw = meta.gongwen
  if (gw) {
    const m = gw.masthead
    for (const text of [...m.organs, m.suffix ?? '', m.number, ...m.signers, m.copy ?? '', m.secrecy ?? '', m.urgency ?? '', ...gw.recipients, ...gw.issuers, gw.note ?? '', ...(gw.imprint?.cc ?? []), gw.imprint?.printer ?? '', ...Object.values(gw.minutes ?? {}).flat()]) add(text, {line: 1, column: 1})
  }
  for (const attachment of doc.attachments ?? []) add(attachment.title, attachment.position?.start)
  for (const block of [...doc.children, ...(doc.attachments ?? []).flatMap((a) => a.children), ...extra]) for (const nodes of blockInlines(block)) inline(nodes)
  const all = [...fonts.values()]
  const raw = String(file.value)
  let count = 0
  // Note: only the characters no font draws are sorted (by code point, the order of their messages): sorting all of
  // a document's characters took ~0.5 ms of every build, in which there are usually none.
  const missing = [...where].filter(([char]) => !draws(all, char, medium))
  for (const [char, fallback] of missing.sort(([a], [b]) => (a.codePointAt(0) ?? 0) - (b.codePointAt(0) ?? 0))) {
    count++
    const places: Point[] = []
    for (let at = raw.indexOf(char); at !== -1; at = raw.indexOf(char, at + char.length)) places.push(pointAt(file, at))
    if (places.length === 0) places.push(fallback ?? {line: 1, column: 1})
    const listed = places.slice(0, MAX_PLACES).map((p) => `${p.line}:${p.column}`).join(', ')
    const more = places.length > MAX_PLACES ? ` and ${places.length - MAX_PLACES} more` : ''
    const hex = codePoint(char)
    const times = places.length === 1 ? 'once' : `${places.length} times`
    say(file, 'missing-glyph', `\`${char}\` (${hex}) occurs ${times} (at ${listed}${more}) and no font of the profile (${all.map((f) => f.key).join(', ')}) can draw it: add a font that covers it or change the character`, {place: places[0], actual: hex})
  }
  return count
}
