/**
 * The 公文 parts of the document model: what GB/T 9704-2012 adds around the body (scripts/typeset/GONGWEN.md).
 * Kept apart from types.ts so the press Q&A's model stays as it was; a document of a 公文 kind carries a
 * {@link GongwenMeta} on `meta.gongwen` and its attachments on `doc.attachments` (types.ts `Attachment`).
 */

/** The fifteen kinds of the 党政机关公文处理工作条例, by their front-matter names (GONGWEN.md "Kinds"). */
export const GONGWEN_KINDS = [
  'resolution', 'decision', 'order', 'communique', 'announcement', 'public-notice', 'opinion', 'notice',
  'bulletin', 'report', 'request', 'reply', 'motion', 'letter', 'minutes',
] as const
/** One of {@link GONGWEN_KINDS}. */
export type GongwenKind = (typeof GONGWEN_KINDS)[number]

/** The kinds that go upward (上行文): 签发人 in the masthead, the number 左空一字 (GONGWEN.md §7.2). */
export const UPWARD_KINDS: readonly GongwenKind[] = ['request', 'report']

/** Each kind's Chinese name (for messages and the HTML's description). */
export const KIND_NAMES: Record<GongwenKind, string> = {
  resolution: '决议', decision: '决定', order: '命令（令）', communique: '公报', announcement: '公告', 'public-notice': '通告',
  opinion: '意见', notice: '通知', bulletin: '通报', report: '报告', request: '请示', reply: '批复', motion: '议案', letter: '函', minutes: '纪要',
}

/**
 * Whether a kind is a 公文 kind (masthead required).
 * @param kind a document kind
 */
export function isGongwenKind(kind: string): kind is GongwenKind {
  return (GONGWEN_KINDS as readonly string[]).includes(kind)
}

/** 版头 (GONGWEN.md §7.2). */
export interface Masthead {
  /** 发文机关标志: the organs, lead organ first. */
  organs: string[]
  /** After the organ name(s), e.g. `文件`; absent for none. */
  suffix?: string
  /** 发文字号 (令号 for an order). */
  number: string
  /** 签发人 (upward kinds only). */
  signers: string[]
  /** 份号, six digits. */
  copy?: string
  /** 密级和保密期限. */
  secrecy?: string
  /** 紧急程度. */
  urgency?: string
}

/** 版记 (GONGWEN.md §7.4). */
export interface Imprint {
  /** 抄送机关. */
  cc: string[]
  /** 印发机关. */
  printer?: string
  /** 印发日期, ISO. */
  printed?: string
}

/** 纪要's attendance (GONGWEN.md §10.3). */
export interface Attendance {
  present: string[]
  absent: string[]
  attending: string[]
}

/** The 公文 front matter, validated. */
export interface GongwenMeta {
  kind: GongwenKind
  masthead: Masthead
  /** 主送机关. */
  recipients: string[]
  /** 署名: one organ, or several for joint issuance. */
  issuers: string[]
  /** Whether the signature block leaves room for the seal(s) (§7.3.5.1) or not (§7.3.5.2). */
  sealed: boolean
  /** 附注, without its brackets. */
  note?: string
  imprint?: Imprint
  minutes?: Attendance
}
