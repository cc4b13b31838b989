/**
 * Keeping a cache folder to its most recently used entries (the compressed font subsets, the titles' lines).
 */
import {readdirSync, rmSync, statSync} from 'node:fs'
import path from 'node:path'

/**
 * Remove the least recently used entries (by modification time, then name) beyond the most kept.
 * @param dir the folder
 * @param extension what the entries' names end with (e.g. `.bin`); other files are left alone
 * @param most the entries kept
 */
export function pruneFolder(dir: string, extension: string, most: number): void {
  const names = readdirSync(dir).filter((name) => name.endsWith(extension))
  if (names.length <= most) return
  const entries = names.flatMap((name) => {
    try {
      return [{name, time: statSync(path.join(dir, name)).mtimeMs}]
    } catch {
      return []
    }
  })
  entries.sort((a, b) => a.time - b.time || (a.name < b.name ? -1 : 1))
  for (const {name} of entries.slice(0, entries.length - most)) rmSync(path.join(dir, name), {force: true})
}
