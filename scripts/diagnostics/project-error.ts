/**
 * Problems in the project's own files (profiles, fonts, templates) → report lines in the same
 * `path:line:column: error rule-id reason` form as source messages.
 */
import {readFileSync} from 'node:fs'
import path from 'node:path'
import {isMap, isScalar, LineCounter, parseDocument} from 'yaml'
import {ProfileError} from '../profile.ts'
import {FontError} from '../typeset/fonts.ts'
import {TemplateError} from '../templates.ts'
import {RULES, type RuleId} from './rules.ts'

/**
 * Whether an error is a project-file problem (exit 1), not a bug.
 * @param error anything thrown
 */
export function isProjectError(error: unknown): error is ProfileError | FontError | TemplateError {
  return error instanceof ProfileError || error instanceof FontError || error instanceof TemplateError
}

/**
 * Format a project-file problem as a report line (with the rule's note on the next line).
 * @param error a {@link ProfileError}, {@link FontError} or {@link TemplateError}
 * @param root the project root (paths are shown relative to it)
 */
export function formatProjectError(error: ProfileError | FontError | TemplateError, root: string): string {
  const rel = (file: string): string => {
    const r = path.relative(root, path.resolve(root, file)).replace(/\\/g, '/')
    return r.startsWith('..') ? file : r
  }
  let line: string
  let ruleId: RuleId
  if (error instanceof TemplateError) {
    ruleId = 'template-invalid'
    line = `${rel(error.file)}:${error.line ?? 1}:1: error ${ruleId} ${error.message.slice(error.message.indexOf(': ') + 2)}`
  } else {
    ruleId = error instanceof FontError ? 'font-invalid' : 'profile-invalid'
    const file = error instanceof FontError ? error.profileFile : error.file
    const key = error instanceof FontError ? `fonts.${error.key}` : error.key
    const place = keyPlace(file, key, error.message)
    const reason = error.message.slice(error.message.indexOf(`${key}: `) + key.length + 2)
    line = `${rel(file)}:${place}: error ${ruleId} \`${key}\`: ${reason}`
  }
  // Note: absolute paths inside the project are shown relative to it.
  return `${line.split(`${path.resolve(root)}${path.sep}`).join('')}\n  ${RULES[ruleId].note}`
}

/** line:column of a dotted key in a YAML file (the deepest key found), else of a YAML error, else 1:1. */
function keyPlace(file: string, key: string, message: string): string {
  const yamlError = /at line (\d+), column (\d+)/.exec(message)
  if (yamlError) return `${yamlError[1]}:${yamlError[2]}`
  let text: string
  try {
    text = readFileSync(file, 'utf8')
  } catch {
    return '1:1'
  }
  const counter = new LineCounter()
  const doc = parseDocument(text, {lineCounter: counter})
  let node: unknown = doc.contents
  let offset = 0
  for (const part of key.split('.')) {
    if (!isMap(node)) break
    const pair = node.items.find((item) => isScalar(item.key) && String(item.key.value) === part)
    if (!pair || !isScalar(pair.key) || !pair.key.range) break
    offset = pair.key.range[0]
    node = pair.value
  }
  const {line, col} = counter.linePos(offset)
  return `${line}:${col}`
}
