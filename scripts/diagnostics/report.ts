/**
 * Messages → readable lines: `path:line:column: error|warning rule-id reason`, with the rule's note.
 */
import type {VFile} from 'vfile'
import type {VFileMessage} from 'vfile-message'
import {RULES, type RuleId} from './rules.ts'

/** Options of {@link report}. */
export interface Options {
  /** Treat warnings as errors (`--frail`). */
  frail?: boolean
  /** Add each rule's note on an indented line. */
  notes?: boolean
}

/**
 * Whether a file carries a message that stops its build.
 * @param file a processed source file
 * @param options `frail` makes warnings count
 */
export function hasErrors(file: VFile, options: Readonly<Options> = {}): boolean {
  return file.messages.some((m) => m.fatal === true || (options.frail === true && m.fatal === false))
}

/**
 * Render the messages of several files, grouped by file and sorted by position (stable output).
 * @param files processed source files
 * @param options rendering options
 */
export function report(files: readonly VFile[], options: Readonly<Options> = {}): string {
  const lines: string[] = []
  for (const file of files) {
    const sorted = [...file.messages].sort(byPlace)
    for (const message of sorted) lines.push(...formatMessage(file, message, options))
  }
  return lines.join('\n')
}

function formatMessage(file: VFile, message: VFileMessage, options: Readonly<Options>): string[] {
  const place = message.line ? `${message.line}:${message.column ?? 1}` : '1:1'
  const severity = message.fatal === true || (options.frail === true && message.fatal === false) ? 'error' : 'warning'
  const out = [`${file.path}:${place}: ${severity} ${message.ruleId ?? 'unknown'} ${message.reason}`]
  if (options.notes !== false) {
    const rule = message.ruleId && message.ruleId in RULES ? RULES[message.ruleId as RuleId] : undefined
    const note = message.note ?? rule?.note
    if (note) out.push(`  ${note}`)
  }
  return out
}

// Note: messages at one place in code-unit order of their text: the same order on every machine (localeCompare
// follows the machine's locale, and its first call makes ICU's collator, ~5 ms of a fresh process).
function byPlace(a: VFileMessage, b: VFileMessage): number {
  return (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0) || (a.reason < b.reason ? -1 : a.reason > b.reason ? 1 : 0)
}
