/**
 * SIGINT/SIGTERM during a build: remove the staging folder, exit 130/143. dist/ then holds only
 * what the last complete build left there.
 *
 * Note: with a handler installed, Node delivers the signal between two turns of the event loop,
 * never in the middle of synchronous code; the swap of staging folders into dist/ is synchronous,
 * so an interrupt lands either before it (nothing in dist/ changed) or after it (all changed).
 * Without a handler the process would die wherever it was, between two renames included.
 */
import {rmSync} from 'node:fs'

/** Exit codes of the shell convention (128 + signal number). */
export const SIGNAL_EXIT = {SIGINT: 130, SIGTERM: 143} as const

/** What {@link guardInterrupts} returns. */
export interface Guard {
  /** Remove this folder if the build is interrupted. */
  track(folder: string): void
  /** Forget a folder (it was moved or removed). */
  untrack(folder: string): void
  /** Remove the handlers. */
  dispose(): void
}

/**
 * Install SIGINT/SIGTERM handlers for the duration of a build.
 * @param exit how to end the process (default `process.exit`; tests pass their own)
 * @returns a guard: track staging folders, dispose when the build ends
 */
export function guardInterrupts(exit: (code: number) => void = (code) => process.exit(code)): Guard {
  const folders = new Set<string>()
  const handlers = Object.entries(SIGNAL_EXIT).map(([signal, code]) => {
    const handler = (): void => {
      for (const folder of folders) rmSync(folder, {recursive: true, force: true})
      folders.clear()
      process.stderr.write(`zhiban: interrupted by ${signal}; dist/ is unchanged\n`)
      exit(code)
    }
    process.on(signal, handler)
    return [signal, handler] as const
  })
  return {
    track: (folder) => void folders.add(folder),
    untrack: (folder) => void folders.delete(folder),
    dispose: () => {
      for (const [signal, handler] of handlers) process.off(signal, handler)
    },
  }
}
