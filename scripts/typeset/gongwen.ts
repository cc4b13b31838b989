/**
 * A 公文's layout (scripts/typeset/GONGWEN.md): the masthead on page 1 (gongwen-head.ts), the main part and the
 * attachments flowed on the grid under it (gongwen-blocks.ts), the signature kept with the body, the 版记 on the
 * last even page and the page numbers the standard asks for (gongwen-pages.ts). typeset() calls it for a document
 * whose front matter has the 公文 keys; everything else is the engine's ordinary flow.
 */
import type {VFile} from 'vfile'
import type {Profile} from '../profile.ts'
import type {GongwenMeta} from '../model/gongwen.ts'
import type {Document} from '../model/types.ts'
import type {LoadedFont} from './fonts.ts'
import type {GongwenWordLayout, PageModel} from './page-model.ts'
import {flow, type FlowBlock} from './flow.ts'
import {finishPages} from './pages.ts'
import {layoutHead} from './gongwen-head.ts'
import {gongwenBlocks, signature, type BaseBlocks} from './gongwen-blocks.ts'
import {dropBlankLines, keepSignature, placeImprint, unnumber} from './gongwen-pages.ts'

/**
 * The blocks of a 公文 and the function that lays them out (typeset() checks their glyphs in between).
 * @param base the document, its file and its ordinary blocks (from typeset.ts)
 * @param gw the 公文 front matter
 * @param profile the profile to lay out with
 * @param fonts its fonts
 */
export function gongwenLayout(base: BaseBlocks, gw: GongwenMeta, profile: Profile, fonts: ReadonlyMap<string, LoadedFont>): {blocks: FlowBlock[]; layout: (blocks: readonly FlowBlock[], options: {file?: VFile; firstNumber?: number}) => PageModel} {
  const ctx = {profile, fonts, file: base.file}
  const blocks = gongwenBlocks(base, gw, ctx)
  const layout = (all: readonly FlowBlock[], options: {file?: VFile; firstNumber?: number}): PageModel => {
    const head = layoutHead(gw, ctx)
    let {pages, outline} = flow(all, {profile, fonts, firstPageOffsetPt: head.offsetPt})
    // 主送机关 that leave the first page no line of the body move into the 版记 (§7.3.2): lay out again without them.
    const bodyRoles = new Set(['p', 'h1', 'h2', 'h3', 'h4'])
    const movedRecipients = gw.recipients.length > 0 && !pages[0]!.items.some((item) => item.kind === 'line' && bodyRoles.has(item.role))
    if (movedRecipients) ({pages, outline} = flow(all.filter((block) => block.role !== 'recipients'), {profile, fonts, firstPageOffsetPt: head.offsetPt}))
    pages[0]!.items.unshift(...head.items)
    keepSignature(pages, outline, ctx, head.offsetPt)
    dropBlankLines(pages)
    placeImprint(pages, gw, ctx, {recipients: movedRecipients})
    // Each attachment is a bookmark of its own (`附件2 标题`), in page order with the headings.
    const attachments = base.doc.attachments ?? []
    pages.forEach((page, p) => page.items.forEach((item) => {
      if (item.kind !== 'line' || item.role !== 'attachment-label') return
      const label = item.runs.map((run) => run.text).join('')
      const attachment = attachments.find((a) => label === (attachments.length > 1 ? `附件${a.number}` : '附件'))
      outline.push({title: attachment ? `${label} ${attachment.title}` : label, level: 1, page: p, yPt: item.yPt, xPt: item.xPt})
    }))
    outline.sort((a, b) => a.page - b.page || a.yPt - b.yPt)
    finishPages(pages, {profile, fonts, ...(options.firstNumber !== undefined ? {firstNumber: options.firstNumber} : {})})
    unnumber(pages, gw)
    return {profile: profile.name, pages, outline, inks: {red: {cmyk: profile.gongwen.red.cmyk}}}
  }
  return {blocks, layout}
}

/**
 * The places the Word edition needs from the official layout of a 公文.
 * @param doc the document
 * @param gw its 公文 front matter
 * @param profile the official profile
 * @param fonts its fonts
 */
export function gongwenWordLayout(doc: Document, gw: GongwenMeta, profile: Profile, fonts: ReadonlyMap<string, LoadedFont>): GongwenWordLayout {
  const ctx = {profile, fonts}
  const lines = signature(gw, doc.meta.date, ctx)
  const emptyLines = lines.findIndex((l) => l.runs.length > 0)
  const drawn = lines.slice(emptyLines)
  const nameLines = drawn.slice(0, gw.sealed ? 1 : gw.issuers.length)
  const date = drawn[nameLines.length]!
  // Note: a joint sealed line holds every name: each name's x is that of the run its text starts.
  const names = nameLines.map((line, i) => (gw.sealed ? gw.issuers : [gw.issuers[i]!]).map((text) => ({text, xPt: line.runs.find((run) => text.startsWith(run.text))?.xPt ?? line.runs[0]!.xPt})))
  return {markSizePt: layoutHead(gw, ctx).marks.markSizePt, signature: {emptyLines, names, dateXPt: date.runs[0]!.xPt}}
}
