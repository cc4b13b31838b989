/**
 * A 公文's parts in the web edition (scripts/typeset/GONGWEN.md), as hast: the 版头 as the page's header (the mark in
 * red, the number, the red separator), 主送机关 before the body, then 附件说明, the signature block with its date,
 * 附注, 纪要's attendance, each attachment as a `<section>` with its id, and the 版记 as the article's `<footer>`.
 * Text only ever goes into text nodes; the parts pass the same allow-list as the body (sanitize.ts).
 */
import {h} from 'hastscript'
import type {Element, ElementContent} from 'hast'
import {UPWARD_KINDS, type GongwenMeta} from '../../model/gongwen.ts'
import type {Document} from '../../model/types.ts'
import {cnDate} from '../../dates.ts'

/** The parts around the body, each a list of elements (empty when the document is no 公文). */
export interface GongwenHtml {
  /** Inside the page's `<header>`, before the title. */
  masthead: ElementContent[]
  /** Before the body. */
  before: ElementContent[]
  /** After the body (and before the related-document footer). */
  after: ElementContent[]
}

const line = (className: string, text: string): Element => h(`p.${className}`, text)

/**
 * The 公文 parts of a document.
 * @param doc the document (its `meta.gongwen` and attachments)
 * @param idPrefix every id's prefix (`zhiban-<slug>-` in the fragment)
 * @param body renders an attachment's blocks as the body's are rendered
 */
export function gongwenHtml(doc: Document, idPrefix: string, body: (blocks: Document['children']) => ElementContent[]): GongwenHtml {
  const gw = doc.meta.gongwen
  if (!gw) return {masthead: [], before: [], after: []}
  const m = gw.masthead
  const corner = [m.copy, m.secrecy, m.urgency].filter((v): v is string => v !== undefined).map((v) => h('span', v))
  const organs = m.organs.map((o) => h('span', m.organs.length === 1 && m.suffix ? o + m.suffix : o))
  const mark = h('p.mark', [h('span.organs', organs), ...(m.organs.length > 1 && m.suffix ? [h('span.suffix', m.suffix)] : [])])
  const upward = UPWARD_KINDS.includes(gw.kind)
  const number = h('p.number', [h('span', m.number), ...(upward && m.signers.length > 0 ? [h('span.signers', `签发人：${m.signers.join('　')}`)] : [])])
  const masthead = [h(`div.masthead.${gw.kind}`, [...(corner.length > 0 ? [h('p.corner', corner)] : []), mark, number])]
  const before = gw.recipients.length > 0 ? [line('recipients', `${gw.recipients.join('，')}：`)] : []
  const after: ElementContent[] = []
  if (gw.minutes) {
    const rows: [string, string[]][] = [['出席：', gw.minutes.present], ['请假：', gw.minutes.absent], ['列席：', gw.minutes.attending]]
    for (const [label, names] of rows) if (names.length > 0) after.push(h('p.attendance', [h('span.label', label), names.join('、')]))
  }
  const attachments = doc.attachments ?? []
  if (attachments.length > 0) {
    const items = attachments.map((a) => h('li', [h('a', {href: `#${idPrefix}${a.id}`}, attachments.length > 1 ? `${a.number}．${a.title}` : a.title)]))
    after.push(h('div.attachment-note', [h('span.label', '附件：'), h('ol', items)]))
  }
  after.push(signature(gw, doc.meta.date))
  for (const a of attachments) {
    after.push(h('section.attachment', {id: `${idPrefix}${a.id}`}, [
      h('p.attachment-label', attachments.length > 1 ? `附件${a.number}` : '附件'),
      h('h2.attachment-title', a.title),
      ...body(a.children),
    ]))
  }
  const imprint = gw.imprint
  if (imprint && (imprint.cc.length > 0 || imprint.printer || imprint.printed)) {
    const rows: ElementContent[] = []
    if (imprint.cc.length > 0) rows.push(h('p.cc', [h('span.label', '抄送：'), `${imprint.cc.join('，')}。`]))
    if (gw.kind !== 'letter' && (imprint.printer || imprint.printed)) {
      rows.push(h('p.printed', [
        ...(imprint.printer ? [h('span.printer', imprint.printer)] : []),
        ...(imprint.printed ? [h('span.date', [h('time', {dateTime: imprint.printed}, cnDate(imprint.printed)), '印发'])] : []),
      ]))
    }
    after.push(h('footer.imprint', rows))
  }
  return {masthead, before, after}
}

function signature(gw: GongwenMeta, iso: string): Element {
  return h(`div.signature.${gw.sealed ? 'sealed' : 'unsealed'}`, [
    h('p.issuers', gw.issuers.map((name) => h('span', name))),
    h('p.date', [h('time', {dateTime: iso}, cnDate(iso))]),
    ...(gw.note ? [line('note', `（${gw.note}）`)] : []),
  ])
}
