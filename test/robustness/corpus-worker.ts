/**
 * A worker thread that checks batches of corpus sources (corpus-check.ts), with the fonts, templates and profiles
 * loaded once. Bundled by bundle.ts (`bundleCorpus`).
 */
import {parentPort, workerData} from 'node:worker_threads'
import {EDITIONS} from '../../scripts/editions.ts'
import type {Options} from '../../scripts/pipeline.ts'
import {loadProfile, type Profile} from '../../scripts/profile.ts'
import {loadTemplates} from '../../scripts/templates.ts'
import {FontCache} from '../../scripts/typeset/fonts.ts'
import {checkBatch} from './corpus-check.ts'

const {root, script} = workerData as {root: string; script: string}
const profiles = new Map<string, Promise<Profile>>()
const load = (name: string): Promise<Profile> => {
  if (!profiles.has(name)) profiles.set(name, loadProfile(name, root))
  return profiles.get(name)!
}
const ready = (async (): Promise<Options> => ({slug: 'corpus', profile: await load('official'), fontCache: new FontCache({root}), templates: loadTemplates(root), root, editions: EDITIONS, loadProfile: load}))()

parentPort!.on('message', async ({cases, first}: {cases: string[]; first: number}) => {
  try {
    parentPort!.postMessage({tally: await checkBatch(cases, await ready, script, first)})
  } catch (error) {
    parentPort!.postMessage({error: (error as Error).stack ?? String(error)})
  }
})
