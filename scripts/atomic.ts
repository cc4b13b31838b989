/**
 * Files written whole or not at all: to a temporary name beside the file, then renamed over it. The temporary
 * name is unique to the process, the thread and the call, since worker threads share one pid.
 */
import {randomBytes} from 'node:crypto'
import {mkdirSync, renameSync, writeFileSync} from 'node:fs'
import path from 'node:path'

// Note: the thread is told apart by a random stamp each thread's copy of this module draws (a worker thread loads
// its own), the call by a count: worker_threads' threadId cost a fresh process ~1.4 ms to load for one write.
const THREAD = randomBytes(6).toString('hex')
let calls = 0

/**
 * A temporary name beside a file (or folder), unique to this process, thread and call.
 * @param target the file or folder it will be renamed to
 */
export function tempName(target: string): string {
  return `${target}.${process.pid}-${THREAD}-${(calls++).toString(36)}.tmp`
}

/** Where zhiban keeps what a process makes for the next ones (the build cache, `build/`, apart). */
const STORES = `${path.sep}.cache${path.sep}zhiban${path.sep}`
let storeWrites = 0

/**
 * How many files this thread wrote to zhiban's stores (shaped texts, validated profiles and front matter, compiled
 * templates, font subsets, title lines, …; not the build cache): none when the process found all it needed made.
 * Note: the launcher makes V8's code cache from such a build (scripts/bundle.cjs `saveCache`), which compiled only
 * what every build runs, not what filling a store takes (zod, the template compiler, fontkit, subsetting).
 */
export function storesWritten(): number {
  return storeWrites
}

/**
 * Write a file atomically (its folder made when missing).
 * @param file the file
 * @param data its content
 */
export function writeFileAtomic(file: string, data: string | Uint8Array): void {
  const store = file.indexOf(STORES)
  if (store >= 0 && !file.startsWith(`build${path.sep}`, store + STORES.length)) storeWrites++
  mkdirSync(path.dirname(file), {recursive: true})
  const temp = tempName(file)
  writeFileSync(temp, data)
  renameSync(temp, file)
}
