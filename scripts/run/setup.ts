/**
 * What a command needs before it starts (a project folder, an output folder that can be one), and the one line a
 * failed file operation prints instead of a stack trace. Exit status 1, as for other input errors.
 *
 * zhiban uses the project's own `templates/` (templates and profiles are the project's to change), found from the
 * working folder upwards; it does not fall back on its package's copy, which would build with templates the user
 * never saw and write into a folder they did not mean.
 */
import {existsSync, readFileSync, statSync} from 'node:fs'
import path from 'node:path'

/** A setup problem: one line saying what is missing and how to fix it. */
export class SetupError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'SetupError'
  }
}

/** Whether a path is a folder. */
function isFolder(p: string): boolean {
  try {
    return statSync(p).isDirectory()
  } catch {
    return false
  }
}

/**
 * Throws when the project root has no `templates/` folder.
 * @param root the project root the CLI found
 * @param cwd where the command runs
 */
export function requireProject(root: string, cwd: string): void {
  if (isFolder(path.join(root, 'templates'))) return
  const where = path.resolve(root) === path.resolve(cwd) ? `\`${cwd}\` and the folders above it have` : `\`${root}\` has`
  throw new SetupError(`no zhiban project here: ${where} no \`templates/\` folder beside a package.json; run zhiban in the project folder (the one holding templates/, source/ and package.json), or copy zhiban's \`templates/\` into this folder to start a project`)
}

/**
 * Throws when the output folder exists and is not a folder.
 * @param out the output folder
 * @param cwd where the command runs (the path is shown relative to it when inside)
 */
export function requireOutFolder(out: string, cwd: string): void {
  if (!existsSync(out) || isFolder(out)) return
  throw new SetupError(`the output folder \`${shown(out, cwd)}\` is a file: give \`--out\` (or \`out\` in zhiban.config.json) a folder, or move the file away`)
}

/**
 * A file the user named, as text; a folder or an unreadable file is a {@link SetupError} naming it.
 * @param file the path as given
 * @param cwd where the command runs
 */
export function readNamedFile(file: string, cwd: string): string {
  const full = path.resolve(cwd, file)
  if (isFolder(full)) throw new SetupError(`\`${file}\` is a folder: name a file`)
  try {
    return readFileSync(full, 'utf8')
  } catch (error) {
    const code = (error as {code?: unknown}).code
    throw new SetupError(`cannot read \`${file}\`: ${(typeof code === 'string' && WORDS[code]) || String(code)}; check the path`)
  }
}

/**
 * The one line for a failed file operation (an Error with an errno `code` and a `path`), or undefined for any
 * other error (a bug, whose stack trace is wanted).
 * @param error anything thrown
 * @param cwd where the command runs
 */
export function fileErrorLine(error: unknown, cwd: string): string | undefined {
  const e = error as {code?: unknown; path?: unknown; syscall?: unknown}
  if (!(error instanceof Error) || typeof e.code !== 'string' || typeof e.path !== 'string') return undefined
  const what = WORDS[e.code] ?? e.code
  const fix = FIXES[e.code] ?? 'check the path'
  return `error cannot ${typeof e.syscall === 'string' ? e.syscall : 'use'} \`${shown(e.path, cwd)}\`: ${what}; ${fix}`
}

const WORDS: Record<string, string> = {
  ENOENT: 'it does not exist',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EEXIST: 'a file is in the way',
  ENOTDIR: 'a part of the path is a file, not a folder',
  EISDIR: 'it is a folder',
  EROFS: 'the file system is read-only',
  ENOSPC: 'no space left on the device',
}
const FIXES: Record<string, string> = {
  EACCES: 'allow zhiban to read and write there, or choose another folder',
  EPERM: 'allow zhiban to read and write there, or choose another folder',
  EEXIST: 'move the file away, or choose another folder',
  ENOTDIR: 'move the file away, or choose another folder',
  EROFS: 'choose a writable folder',
  ENOSPC: 'free some space',
}

/** A path relative to the working folder when inside it. */
function shown(p: string, cwd: string): string {
  const rel = path.relative(cwd, p)
  return rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel.replace(/\\/g, '/') : p
}
