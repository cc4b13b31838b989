/**
 * Files written whole or not at all: to a temporary name beside the file, then renamed over it. The temporary
 * name is unique to the process, the thread and the call, since worker threads share one pid.
 */
import {randomBytes} from 'node:crypto'
import {mkdirSync, renameSync, writeFileSync} from 'node:fs'
import {createRequire} from 'node:module'
import path from 'node:path'

/** This thread's id, asked of worker_threads on first use (loading it cost every fresh process ~1 ms; most write nothing). */
let thread: number | undefined
function threadId(): number {
  thread ??= (createRequire(import.meta.url)('node:worker_threads') as typeof import('node:worker_threads')).threadId
  return thread
}

/**
 * A temporary name beside a file (or folder), unique to this process, thread and call.
 * @param target the file or folder it will be renamed to
 */
export function tempName(target: string): string {
  return `${target}.${process.pid}-${threadId()}-${randomBytes(4).toString('hex')}.tmp`
}

/**
 * Write a file atomically (its folder made when missing).
 * @param file the file
 * @param data its content
 */
export function writeFileAtomic(file: string, data: string | Uint8Array): void {
  mkdirSync(path.dirname(file), {recursive: true})
  const temp = tempName(file)
  writeFileSync(temp, data)
  renameSync(temp, file)
}
