/**
 * A worker thread that compiles sources on request, so the fuzz test can bound each case with a
 * real timeout (a hung case is terminated, not waited for). Bundled by test/robustness/bundle.ts.
 */
import {parentPort, workerData} from 'node:worker_threads'
import {VFile} from 'vfile'
import {compile, type Options} from '../../scripts/pipeline.ts'
import {EDITIONS} from '../../scripts/editions.ts'
import {loadProfile, type Profile} from '../../scripts/profile.ts'
import {loadTemplates} from '../../scripts/templates.ts'
import {FontCache} from '../../scripts/typeset/fonts.ts'
import {hasErrors} from '../../scripts/diagnostics/report.ts'

/** What the worker answers for one source. */
export interface Answer {
  id: number
  /** The stack of an exception that escaped compile(), if any. */
  error?: string
  built?: boolean
  fatal?: boolean
  editions?: string[]
  emptyOutputs?: string[]
  /** line of every message (0 when unplaced). */
  lines?: number[]
  messages?: string[]
}

const root = (workerData as {root: string}).root
const profiles = new Map<string, Promise<Profile>>()
const load = (name: string): Promise<Profile> => {
  if (!profiles.has(name)) profiles.set(name, loadProfile(name, root))
  return profiles.get(name)!
}
const ready = (async (): Promise<Options> => ({slug: 'fuzz', profile: await load('official'), fontCache: new FontCache({root}), templates: loadTemplates(root), root, editions: EDITIONS, loadProfile: load}))()

parentPort!.on('message', async ({id, value}: {id: number; value: string}) => {
  let answer: Answer
  try {
    const file = new VFile({path: 'source/fuzz.md', value})
    const result = await compile(file, await ready)
    answer = {
      id,
      built: result !== undefined,
      fatal: hasErrors(file),
      editions: [...new Set(result?.outputs.map((o) => o.edition) ?? [])].sort(),
      emptyOutputs: result?.outputs.filter((o) => o.bytes.byteLength === 0).map((o) => o.name) ?? [],
      lines: file.messages.map((m) => m.line ?? 0),
      messages: file.messages.map(String),
    }
  } catch (error) {
    answer = {id, error: (error as Error).stack ?? String(error)}
  }
  parentPort!.postMessage(answer)
})
