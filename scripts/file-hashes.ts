/**
 * The sha256 of files, remembered between runs: machinery the build cache (run/inputs.ts) and the font cache
 * (typeset/fonts.ts) share, below both.
 */
import {createHash} from 'node:crypto'
import {readFileSync, statSync} from 'node:fs'
import {writeFileAtomic} from './atomic.ts'

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

  /** Write the record back when it changed. */
  save(): void {
    if (!this.#dirty) return
    writeFileAtomic(this.cacheFile, JSON.stringify(this.#known))
    this.#dirty = false
  }
}
