/**
 * Vfile messages as plain data, so they cross from worker threads and into the build cache, and back.
 */
import type {VFile} from 'vfile'
import {VFileMessage} from 'vfile-message'

/** A vfile message as plain data. */
export interface MessageData {
  reason: string
  place?: {start: {line: number; column: number}; end?: {line: number; column: number}} | undefined
  ruleId?: string | undefined
  source?: string | undefined
  fatal?: boolean | null | undefined
  note?: string | undefined
  url?: string | undefined
  actual?: string | undefined
  expected?: string[] | undefined
}

/** A message as plain data. */
export function toData(m: VFileMessage): MessageData {
  return {
    reason: m.reason,
    place: m.place && 'start' in m.place ? {start: {line: m.place.start.line, column: m.place.start.column}, end: {line: m.place.end.line, column: m.place.end.column}} : m.line ? {start: {line: m.line, column: m.column ?? 1}} : undefined,
    ruleId: m.ruleId,
    source: m.source,
    fatal: m.fatal,
    note: m.note,
    url: m.url,
    actual: m.actual,
    expected: m.expected,
  }
}

/**
 * Put a message back on a file.
 * @param file the source file
 * @param data the message
 */
export function addMessage(file: VFile, data: Readonly<MessageData>): void {
  const place = data.place ? (data.place.end ? {start: data.place.start, end: data.place.end} : data.place.start) : undefined
  const m = new VFileMessage(data.reason, {...(place ? {place} : {}), ...(data.ruleId ? {ruleId: data.ruleId} : {}), ...(data.source ? {source: data.source} : {})})
  m.file = file.path
  m.fatal = data.fatal
  if (data.note !== undefined) m.note = data.note
  if (data.url !== undefined) m.url = data.url
  if (data.actual !== undefined) m.actual = data.actual
  if (data.expected !== undefined) m.expected = data.expected
  file.messages.push(m)
}
