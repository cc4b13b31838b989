/**
 * The title's lines kept between processes: the DOCX's title breaks where the official layout breaks it (typeset.ts
 * `titleLines`), and a process that finds the lines it would set kept from a process before takes them instead of
 * setting the title again. A DOCX-only build of a document without tables or 公文 parts then sets no text at all: it
 * neither loads fontkit (~6 ms of module set-up in a new process) nor reads a font, and does not run the line
 * breaker cold (~5 ms).
 *
 * Note: an entry is named by the hash of everything the title's lines are set from: the running code (the bundled
 * CLI's file, as profile.ts and write/font-file-store.ts key their caches: a changed line breaker never finds an
 * old entry), Node's version and its ICU's (a title breaks between words as ICU segments it: words.ts), the profile
 * (all of it), the identity of every font file it names (path, size, mtime, inode, as shape-store.ts names its
 * stores), the title and the lines the front matter fixes. So the lines read are the lines that setting the title
 * would give. Outside the bundled CLI (the test runner) nothing is kept on disk. The most recently used {@link MOST}
 * entries stay (node_modules/.cache/zhiban/title-lines/, beside the bundle's folder).
 */
import {createHash} from 'node:crypto'
import {readFileSync, utimesSync} from 'node:fs'
import path from 'node:path'
import type {LayoutInput} from '../editions.ts'
import {writeFileAtomic} from '../atomic.ts'
import {bundleIdentity, fileIdentity} from '../file-hashes.ts'
import {wordStoreName} from './words.ts'
import {pruneFolder} from '../prune.ts'

/** The most entries kept (one a document title; ~100 bytes each). */
const MOST = 512
/** Writes of this process between two prunings (a corpus build writes one a document). */
const PRUNE_EVERY = 32
/** Bump when what an entry holds changes. */
const FORMAT = 1

/** Where entries are kept and the running code's identity (see {@link storeOf}). */
export interface Store {
  dir: string
  code: string
}

/** Entries this process wrote. */
let written = 0
/** Lines found or set in this process, by entry key: the lookup before layout and the layout's own share one read. */
const known = new Map<string, readonly string[]>()

/**
 * The store of the running bundled CLI: `title-lines/` beside its folder; undefined outside it.
 */
export function storeOf(): Store | undefined {
  const code = bundleIdentity()
  const bundle = (globalThis as {ZHIBAN_BUNDLE?: unknown}).ZHIBAN_BUNDLE
  if (code === undefined || typeof bundle !== 'string') return undefined
  return {dir: path.join(path.dirname(path.dirname(bundle)), 'title-lines'), code}
}

/**
 * The title's lines: kept from before, else set by `set` (and kept).
 * @param input the document, its profile and fonts
 * @param set sets the title's lines
 * @param store where entries are kept (default the bundled CLI's; none outside it)
 */
export function keptTitleLines(input: LayoutInput, set: () => string[], store: Store | undefined = storeOf()): string[] {
  const key = store && entryKey(input, store.code)
  const found = key === undefined ? undefined : lookup(store!, key)
  if (found) return [...found]
  const lines = set()
  if (key !== undefined) {
    remember(key, lines)
    writeEntry(store!, key, lines)
  }
  return lines
}

/**
 * Whether the title's lines are kept (then {@link keptTitleLines} sets nothing and reads no font).
 * @param input the document, its profile and fonts
 * @param store where entries are kept (default the bundled CLI's)
 */
export function hasKeptTitleLines(input: LayoutInput, store: Store | undefined = storeOf()): boolean {
  const key = store && entryKey(input, store.code)
  return key !== undefined && lookup(store!, key) !== undefined
}

/**
 * The entry's key, or undefined when a font's file is not known without loading it (then nothing is kept).
 * Note: every font of the profile, not only the title's: what the key stands for must not depend on which fonts
 * layout reads today.
 */
function entryKey(input: LayoutInput, code: string): string | undefined {
  const fonts: string[] = []
  for (const [key, font] of [...input.fonts].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const identity = font.source === undefined ? undefined : fileIdentity(font.source)
    if (identity === undefined) return undefined
    fonts.push(`${key}\0${identity}`)
  }
  const {title, titleLines} = input.doc.meta
  const material = JSON.stringify([FORMAT, code, process.version, wordStoreName(), fonts, input.profile, title, titleLines ?? null])
  return createHash('sha256').update(material).digest('hex').slice(0, 32)
}

function remember(key: string, lines: readonly string[]): void {
  if (known.size >= 64) known.delete(known.keys().next().value!)
  known.set(key, lines)
}

function lookup(store: Store, key: string): readonly string[] | undefined {
  const hit = known.get(key)
  if (hit) return hit
  const file = path.join(store.dir, `${key}.json`)
  let lines: unknown
  try {
    // Note: the first line is the SHA-256 of the rest: a damaged or cut entry, or one that is a list of the wrong
    // lines, is set again and written anew.
    const text = readFileSync(file, 'utf8')
    const json = text.slice(65)
    if (text[64] !== '\n' || text.slice(0, 64) !== createHash('sha256').update(json).digest('hex')) return undefined
    lines = JSON.parse(json)
  } catch {
    return undefined
  }
  if (!Array.isArray(lines) || !lines.every((line) => typeof line === 'string')) return undefined
  try {
    // Note: its time marks it used (the least recently used entries go first).
    const now = new Date()
    utimesSync(file, now, now)
  } catch {
    // Note: removed meanwhile by another process's pruning: the lines read stay good.
  }
  remember(key, lines as string[])
  return lines as string[]
}

function writeEntry(store: Store, key: string, lines: readonly string[]): void {
  try {
    const json = JSON.stringify(lines)
    writeFileAtomic(path.join(store.dir, `${key}.json`), `${createHash('sha256').update(json).digest('hex')}\n${json}`)
    // Note: the folder is listed on a process's first write and every PRUNE_EVERY after, not on each.
    if (written++ % PRUNE_EVERY === 0) pruneTitleStore(store.dir)
  } catch {
    // Note: a store that cannot be written only costs the next process the title's setting.
  }
}

/**
 * Remove the least recently used entries beyond the most kept.
 * @param dir the store's folder
 * @param most the entries kept ({@link MOST})
 */
export function pruneTitleStore(dir: string, most = MOST): void {
  pruneFolder(dir, '.json', most)
}
