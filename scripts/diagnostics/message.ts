/**
 * The one way stages report input problems: a vfile message with the catalogue's severity.
 */
import type {VFile} from 'vfile'
import type {Node, Point, Position} from 'unist'
import {RULES, type RuleId} from './rules.ts'

/** Extra fields of a message (vfile-message's own). */
export interface Details {
  place?: Point | Position | undefined
  actual?: string
  expected?: string[]
  note?: string
  ancestors?: Node[]
}

/**
 * Add a message of rule `ruleId` to `file`; fatal rules are marked `fatal: true` (the build of this
 * document stops after the current stage), warnings `fatal: false`. Never throws.
 * @param file the source file
 * @param ruleId a rule of the catalogue
 * @param reason one sentence: what is wrong and how to fix it, code and values in backticks
 * @param details place and other vfile-message fields
 */
export function say(file: VFile, ruleId: RuleId, reason: string, details: Readonly<Details> = {}): void {
  const message = file.message(reason, {
    ...(details.place ? {place: details.place} : {}),
    ruleId,
    source: 'zhiban',
  })
  message.fatal = RULES[ruleId].severity === 'fatal' ? true : false
  message.url = `README.md#${ruleId}`
  if (details.actual !== undefined) message.actual = details.actual
  if (details.expected !== undefined) message.expected = details.expected
  message.note = details.note ?? RULES[ruleId].note
}
