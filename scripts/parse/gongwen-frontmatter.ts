/**
 * The 公文 keys of the front matter (scripts/typeset/GONGWEN.md "The source"): their schema, the checks across keys
 * (a 公文 kind needs a masthead, 签发人 only upward, …) and the {@link GongwenMeta} made from them.
 *
 * Every problem is a zod issue with the path of the key it is about, so frontmatter-schema.ts places it at that key's
 * line:column; an issue about a key that is missing carries `params.at`, the key to point at instead.
 */
import * as z from 'zod/v4'
import {GONGWEN_KINDS, isGongwenKind, KIND_NAMES, UPWARD_KINDS, type GongwenMeta} from '../model/gongwen.ts'

// Note: every 公文 text is set on its own line(s) by layout: a tab or a line break in it would be lost or misplaced.
const name = z.string().trim().min(1, 'must not be empty').refine((s) => !/[\t\n\r\v\f\u0085\u2028\u2029]/.test(s), 'must be one line, without tabs or line breaks (give several names as a list: `[甲, 乙]`)')
const names = z.union([name.transform((n) => [n]), z.array(name).min(1, 'must list at least one name')])
const isoDate = z.union([z.date(), z.string()]).transform((value, ctx) => {
  const iso = value instanceof Date ? value.toISOString().slice(0, 10) : value
  if (!/^\d{4}-\d{2}-\d{2}$/.test(iso) || Number.isNaN(Date.parse(`${iso}T00:00:00Z`))) {
    ctx.addIssue({code: 'custom', message: `must be an ISO date like \`2025-03-19\`, not \`${String(value)}\``})
    return z.NEVER
  }
  return iso
})

/** 发文字号 (GONGWEN.md §7.2.4): organ code, 〔year〕, a number without 第 or leading zeros, 号. */
export const DOCUMENT_NUMBER = /^[^\s〔〕]+〔\d{4}〕[1-9]\d*号$/
/** A 纪要's number: the organ's code may be left out (`〔2025〕3号`), or an issue number `第3期`. */
export const MINUTES_NUMBER = /^[^\s〔〕]*〔\d{4}〕[1-9]\d*号$|^第[1-9]\d*期$/
/** 令号 of an order (GONGWEN.md §10.2): `第N号`. */
export const ORDER_NUMBER = /^第[1-9]\d*号$/

const masthead = z.strictObject({
  organs: names,
  suffix: name.optional(),
  number: name,
  signers: names.optional(),
  copy: z.union([z.string(), z.number()]).transform((value, ctx) => {
    if (typeof value === 'number' || !/^\d{6}$/.test(value)) {
      ctx.addIssue({code: 'custom', message: `must be six digits in quotes, e.g. \`copy: "000031"\` (GB/T 9704 §7.2.1), not \`${String(value)}\`${typeof value === 'number' ? ' (unquoted, YAML reads it as a number and drops its leading zeros)' : ''}`})
      return z.NEVER
    }
    return value
  }).optional(),
  secrecy: z.string().regex(/^(绝密|机密|秘密)(★(\d+年|\d+个月|长期))?$/, 'must be 绝密, 机密 or 秘密, optionally with ★ and the term, e.g. `秘密★1年` (GB/T 9704 §7.2.2)').optional(),
  urgency: z.enum(['特急', '加急'], {error: (issue) => `must be \`特急\` or \`加急\` (GB/T 9704 §7.2.3), not \`${String(issue.input)}\``}).optional(),
})

/** The 公文 keys, spread into the front-matter schema. */
export const GONGWEN_FIELDS = {
  masthead: masthead.optional(),
  recipients: names.optional(),
  sealed: z.boolean().optional(),
  note: name.optional(),
  imprint: z.strictObject({cc: names.optional(), printer: name.optional(), printed: isoDate.optional()}).optional(),
  minutes: z.strictObject({present: names.optional(), absent: names.optional(), attending: names.optional()}).optional(),
}

/** What the checks across keys read of the parsed front matter. */
interface Parsed {
  kind: string
  issuer: string | string[]
  masthead?: z.infer<typeof masthead> | undefined
  recipients?: string[] | undefined
  sealed?: boolean | undefined
  note?: string | undefined
  imprint?: {cc?: string[] | undefined; printer?: string | undefined; printed?: string | undefined} | undefined
  minutes?: {present?: string[] | undefined; absent?: string[] | undefined; attending?: string[] | undefined} | undefined
}

const GONGWEN_ONLY = ['masthead', 'recipients', 'sealed', 'note', 'imprint', 'minutes'] as const

/**
 * The checks across keys, as a zod refinement of the whole front matter.
 * @param data the parsed front matter
 * @param ctx zod's refinement context
 */
export function checkGongwen(data: Parsed, ctx: z.RefinementCtx): void {
  const kind = data.kind
  if (!isGongwenKind(kind)) {
    for (const key of GONGWEN_ONLY) {
      if (data[key] !== undefined) ctx.addIssue({code: 'custom', path: [key], message: `belongs to the 公文 kinds only (${GONGWEN_KINDS.join(', ')}); a \`${kind}\` has no 版头 or 版记: remove it, or change \`kind\``})
    }
    return
  }
  const m = data.masthead
  if (!m) {
    ctx.addIssue({code: 'custom', path: ['masthead'], params: {at: ['kind']}, message: `A ${KIND_NAMES[kind]} (\`kind: ${kind}\`) needs a \`masthead\` (版头): add \`masthead:\` with \`organs:\` (发文机关) and \`number:\` (发文字号), e.g. \`number: 某市监发〔2025〕7号\``})
    return
  }
  if (kind === 'order') {
    if (!ORDER_NUMBER.test(m.number)) ctx.addIssue({code: 'custom', path: ['masthead', 'number'], message: `must be an order's 令号 \`第N号\` (e.g. \`第12号\`, GB/T 9704 §10.2), not \`${m.number}\``})
  } else if (kind === 'minutes' ? !MINUTES_NUMBER.test(m.number) : !DOCUMENT_NUMBER.test(m.number)) {
    const hint = /[[(（【［]\d{4}[\])）】］]/.test(m.number) ? ' (the year goes in 六角括号 〔〕, U+3014 and U+3015, not brackets or parentheses)' : /〔\d{4}〕0/.test(m.number) ? ' (no leading zeros in the sequence number)' : /〔\d{4}〕第/.test(m.number) ? ' (no 第 before the sequence number)' : ''
    ctx.addIssue({code: 'custom', path: ['masthead', 'number'], message: `must be the organ's code, the year in full in 〔〕, the sequence number and 号, like \`某市监发〔2025〕7号\` (GB/T 9704 §7.2.4), not \`${m.number}\`${hint}`})
  }
  if (m.signers && !UPWARD_KINDS.includes(kind)) {
    ctx.addIssue({code: 'custom', path: ['masthead', 'signers'], message: `(签发人) belongs to upward documents only (\`request\` 请示, \`report\` 报告); a ${KIND_NAMES[kind]} goes downward or across: remove \`signers\``})
  }
  if (!m.signers && UPWARD_KINDS.includes(kind)) {
    ctx.addIssue({code: 'custom', path: ['masthead', 'signers'], params: {at: ['masthead']}, message: `A ${KIND_NAMES[kind]} goes upward and needs its 签发人 (GB/T 9704 §7.2.5): add \`signers: [姓名]\` under \`masthead\``})
  }
  if (kind === 'letter' && m.suffix !== undefined) ctx.addIssue({code: 'custom', path: ['masthead', 'suffix'], message: 'is not used by a letter (函, GB/T 9704 §10.1): its mark is the organ\'s name alone; remove `suffix`'})
  const issuers = Array.isArray(data.issuer) ? data.issuer : [data.issuer]
  if (m.organs.length > 1 && issuers.length !== m.organs.length) {
    ctx.addIssue({code: 'custom', path: ['issuer'], message: `must name every organ of a joint issuance (the masthead lists ${m.organs.length}), in the same order: write \`issuer: [${m.organs.join(', ')}]\``})
  }
  if (data.minutes && kind !== 'minutes') ctx.addIssue({code: 'custom', path: ['minutes'], message: 'belongs to a 纪要 (`kind: minutes`) only: remove it, or change `kind`'})
}

/**
 * The {@link GongwenMeta} of validated front matter, or undefined for a kind that is not a 公文.
 * @param data the parsed front matter (after {@link checkGongwen} passed)
 */
export function gongwenMeta(data: Parsed): GongwenMeta | undefined {
  if (!isGongwenKind(data.kind) || !data.masthead) return undefined
  const m = data.masthead
  const imprint = data.imprint
  return {
    kind: data.kind,
    masthead: {
      organs: m.organs, number: m.number, signers: m.signers ?? [],
      ...(m.suffix !== undefined ? {suffix: m.suffix} : {}),
      ...(m.copy !== undefined ? {copy: m.copy} : {}),
      ...(m.secrecy !== undefined ? {secrecy: m.secrecy} : {}),
      ...(m.urgency !== undefined ? {urgency: m.urgency} : {}),
    },
    recipients: data.recipients ?? [],
    issuers: Array.isArray(data.issuer) ? data.issuer : [data.issuer],
    sealed: data.sealed ?? true,
    ...(data.note !== undefined ? {note: data.note} : {}),
    ...(imprint ? {imprint: {cc: imprint.cc ?? [], ...(imprint.printer !== undefined ? {printer: imprint.printer} : {}), ...(imprint.printed !== undefined ? {printed: imprint.printed} : {})}} : {}),
    ...(data.minutes ? {minutes: {present: data.minutes.present ?? [], absent: data.minutes.absent ?? [], attending: data.minutes.attending ?? []}} : {}),
  }
}
