/**
 * The build cache: content-addressed by the document key (see inputs.ts), one folder per key under
 * node_modules/.cache/zhiban/build/. An entry holds the files, the manifest and the messages of one build of
 * one document, so a hit replays warnings too. Entries are written to a temporary folder and renamed.
 */
import {existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync} from 'node:fs'
import path from 'node:path'
import {tempName, writeFileAtomic} from '../atomic.ts'
import type {EditionName, WrittenFile} from '../editions.ts'
import type {Output} from '../editions.ts'
import type {Manifest} from '../write/manifest.ts'
import type {MessageData} from './messages.ts'

/** What an entry records besides the files. */
export interface Entry {
  manifest: Manifest
  /** The files (their bytes are kept beside the entry). */
  outputs: Omit<WrittenFile, 'bytes'>[]
  messages: MessageData[]
  editionMs: Partial<Record<EditionName, number>>
}

/** The default cache folder of a project. */
export function cacheDir(root: string): string {
  return path.join(root, 'node_modules', '.cache', 'zhiban', 'build')
}

/** A content-addressed store of built documents. */
export class BuildCache {
  constructor(readonly dir: string) {}

  #folder(key: string): string {
    return path.join(this.dir, key.slice(0, 2), key)
  }

  /**
   * The entry for a key, or undefined.
   * @param key a document key
   */
  get(key: string): Entry | undefined {
    try {
      return JSON.parse(readFileSync(path.join(this.#folder(key), 'entry.json'), 'utf8')) as Entry
    } catch {
      return undefined
    }
  }

  /**
   * The files of an entry.
   * @param key a document key
   * @param entry what {@link get} returned
   */
  outputs(key: string, entry: Readonly<Entry>): Output[] {
    return entry.outputs.map((o) => ({...o, bytes: readFileSync(path.join(this.#folder(key), 'files', o.name))}))
  }

  /**
   * Store a build.
   * @param key a document key
   * @param entry the manifest and messages
   * @param outputs the files
   */
  put(key: string, entry: Readonly<Entry>, outputs: readonly Output[]): void {
    const folder = this.#folder(key)
    if (existsSync(folder)) return
    const temp = tempName(folder)
    mkdirSync(path.join(temp, 'files'), {recursive: true})
    for (const o of outputs) writeFileSync(path.join(temp, 'files', o.name), o.bytes)
    writeFileSync(path.join(temp, 'entry.json'), JSON.stringify(entry))
    try {
      renameSync(temp, folder)
    } catch {
      // Note: another process stored the same key first; its entry has the same content.
      rmSync(temp, {recursive: true, force: true})
    }
  }

  /**
   * A stored blob by key (the listing), or undefined.
   * @param key any hash
   */
  getBlob(key: string): Buffer | undefined {
    try {
      return readFileSync(path.join(this.dir, 'blobs', key))
    } catch {
      return undefined
    }
  }

  /**
   * Store a blob.
   * @param key any hash
   * @param bytes its content
   */
  putBlob(key: string, bytes: Uint8Array): void {
    writeFileAtomic(path.join(this.dir, 'blobs', key), bytes)
  }
}
