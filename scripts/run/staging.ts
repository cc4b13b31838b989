/**
 * Staging a build's documents in the output folder: a changed document is written into a staging folder as it is
 * built and swapped into place only when the whole build succeeds, so `dist/<slug>/` is always one complete build
 * or the previous one.
 */
import {existsSync, mkdirSync, readFileSync, renameSync, rmdirSync, rmSync, statSync, writeFileSync} from 'node:fs'
import path from 'node:path'
import type {Output} from '../editions.ts'
import type {Guard} from '../interrupt.ts'
import {safeJoin} from '../paths.ts'
import type {Manifest} from '../write/manifest.ts'

/**
 * The staging folder inside `out`: each changed document is written into it as it is built; on success every
 * staged folder is swapped into place, otherwise the folder is removed and `out` stays as it was. A document
 * whose folder already holds exactly these files (same manifest) is not staged.
 */
export class Staging {
  readonly #dir: string
  readonly #slugs: string[] = []
  #open = false
  constructor(readonly out: string, readonly guard: Guard) {
    this.#dir = path.join(out, `.staging-${process.pid}`)
  }

  /** Stage one document (its files are read only when it changed). */
  add(slug: string, manifest: Manifest, outputs: () => readonly Output[]): void {
    if (isCurrent(path.join(this.out, slug), manifest)) return
    if (!this.#open) {
      mkdirSync(this.out, {recursive: true})
      this.guard.track(this.#dir)
      // Note: a folder of this name is left only by a process that died with this pid (rmSync's recursive removal
      // costs a fresh process ~0.5 ms to load).
      if (existsSync(this.#dir)) rmSync(this.#dir, {recursive: true, force: true})
      mkdirSync(this.#dir, {recursive: true})
      this.#open = true
    }
    const dir = path.join(this.#dir, slug)
    mkdirSync(dir, {recursive: true})
    for (const output of outputs()) writeFileSync(safeJoin(dir, output.name), output.bytes)
    writeFileSync(path.join(dir, 'manifest.json'), manifestText(manifest))
    this.#slugs.push(slug)
  }

  /** Swap every staged document into `out`; returns how many. */
  commit(): number {
    mkdirSync(this.out, {recursive: true})
    // Note: the swap renames whole folders, so dist/<slug>/ is always one complete build or the previous one.
    for (const slug of this.#slugs) {
      const target = path.join(this.out, slug)
      const old = path.join(this.#dir, `.old-${slug}`)
      if (existsSync(target)) renameSync(target, old)
      renameSync(path.join(this.#dir, slug), target)
    }
    const count = this.#slugs.length
    this.abort()
    return count
  }

  /** Remove the staging folder (after a commit, or instead of one). */
  abort(): void {
    if (!this.#open) return
    try {
      // Note: empty after a commit that replaced no folder (a first build): removed without the recursive machinery.
      rmdirSync(this.#dir)
    } catch {
      rmSync(this.#dir, {recursive: true, force: true})
    }
    this.guard.untrack(this.#dir)
    this.#open = false
    this.#slugs.length = 0
  }
}

/** A manifest as written beside its files. */
export function manifestText(manifest: Manifest): string {
  return `${JSON.stringify(manifest, null, 2)}\n`
}

/** Whether a document folder already holds exactly the files of a manifest (checked by manifest text and sizes). */
function isCurrent(dir: string, manifest: Manifest): boolean {
  try {
    if (readFileSync(path.join(dir, 'manifest.json'), 'utf8') !== manifestText(manifest)) return false
    return manifest.files.every((f) => statSync(path.join(dir, f.name)).size === f.bytes)
  } catch {
    return false
  }
}
