/**
 * The sha256 of files, remembered between runs: machinery the build cache (run/inputs.ts) and the font cache
 * (typeset/fonts.ts) share, below both.
 */
import {createHash} from 'node:crypto'
import {existsSync, readFileSync, statSync} from 'node:fs'
import path from 'node:path'
import {writeFileAtomic} from './atomic.ts'

/**
 * A file's identity without reading it: its absolute path, size, mtime and inode (one stat), the key of every cache
 * that stands for a file's content (shaped texts, recorded cmaps, PDF font subsets); undefined when it cannot be read.
 * @param file the file
 */
export function fileIdentity(file: string): string | undefined {
  try {
    const stat = statSync(file)
    return `${path.resolve(file)}\0${stat.size}\0${stat.mtimeMs}\0${stat.ino}`
  } catch {
    return undefined
  }
}

/** The running bundle's identity (path, size, mtime), or undefined outside the bundled CLI (the sources under test). */
export function bundleIdentity(): string | undefined {
  const bundle = (globalThis as {ZHIBAN_BUNDLE?: unknown}).ZHIBAN_BUNDLE
  if (typeof bundle !== 'string') return undefined
  try {
    const stat = statSync(bundle)
    return `${bundle}\0${stat.size}\0${stat.mtimeMs}`
  } catch {
    return undefined
  }
}

/**
 * sha256 of files, remembered by (size, mtime, inode) so that big font files are read once, not on every build.
 * Note: the no-op rebuild budget (0.2 s) does not allow hashing tens of megabytes of fonts each time.
 */
export class FileHashes {
  readonly #known: Record<string, [number, number, number, string]>
  #dirty = false
  constructor(readonly cacheFile: string) {
    let known: Record<string, [number, number, number, string]> = {}
    try {
      known = JSON.parse(readFileSync(cacheFile, 'utf8')) as typeof known
    } catch {
      // Note: no or broken record: every file is hashed again.
    }
    this.#known = known
  }

  /**
   * The sha256 of a file, hex; `missing` when it does not exist.
   * @param file an absolute path
   */
  hash(file: string): string {
    let stat
    try {
      stat = statSync(file)
    } catch {
      return 'missing'
    }
    const seen = this.#known[file]
    if (seen && seen[0] === stat.size && seen[1] === stat.mtimeMs && seen[2] === stat.ino) return seen[3]
    const sha = createHash('sha256').update(readFileSync(file)).digest('hex')
    this.#known[file] = [stat.size, stat.mtimeMs, stat.ino, sha]
    this.#dirty = true
    return sha
  }

  /**
   * A value derived from a file's content, remembered with its hash (e.g. the font files a profile names).
   * @param file an absolute path
   * @param make computes the value from the file
   */
  derived<T>(file: string, make: () => T): T {
    const sha = this.hash(file)
    const key = `derived:${file}`
    const seen = this.#known[key] as unknown as [string, T] | undefined
    if (seen && seen[0] === sha) return seen[1]
    const value = make()
    ;(this.#known as Record<string, unknown>)[key] = [sha, value]
    this.#dirty = true
    return value
  }

  /**
   * Write the record back when it changed, without the files that are gone.
   * Note: the record is shared by every project whose node_modules links here (the benchmark's and the tests'
   * temporary projects): unpruned, it grew to ~2,000 entries (0.5 MB) that every build parsed (~3 ms). Pruned only
   * when written, so a build that hashes nothing new stats nothing.
   */
  save(): void {
    if (!this.#dirty) return
    for (const key of Object.keys(this.#known)) {
      const file = key.startsWith('derived:') ? key.slice('derived:'.length) : key
      if (!existsSync(file)) delete this.#known[key]
    }
    writeFileAtomic(this.cacheFile, JSON.stringify(this.#known))
    this.#dirty = false
  }
}
