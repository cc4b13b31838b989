/**
 * Nothing lost, at scale: 2,000 sources made by random edits of the seed document's text (corpus-sources.ts) are
 * each refused with placed errors or built with the source's text, in order, in the official PDF, the booklet PDF
 * (the imposed one: the booklet's characters), the DOCX, the HTML page and fragment. Whitespace is not compared.
 * `npm run fuzz -- --n 20000` runs more.
 */
import {writeFileSync} from 'node:fs'
import {describe, expect, it} from 'vitest'
import {bundleCorpusWorker} from './bundle.ts'
import {runCorpus} from './corpus-run.ts'
import {ROOT} from './harness.ts'

const N = Number(process.env.CORPUS_N ?? 2000)

describe('the generated corpus', () => {
  it(`should refuse with a placed error or carry every character into every edition, for ${N} sources`, async () => {
    const worker = await bundleCorpusWorker('corpus')
    const result = await runCorpus({root: ROOT, worker, n: N, seed: Number(process.env.CORPUS_SEED ?? 20221110)})
    if (process.env.CORPUS_DUMP) writeFileSync(process.env.CORPUS_DUMP, JSON.stringify(result, null, 1))
    const shown = result.failures.slice(0, 5).map((f) => `#${f.index}: ${f.problem}\n${f.markdown}`).join('\n\n')
    expect(result.cases).toBe(N)
    expect(result.failures.length, shown).toBe(0)
    // Both outcomes occur often, or the corpus tests one path only.
    expect(result.built).toBeGreaterThan(N * 0.3)
    expect(result.refused).toBeGreaterThan(N * 0.1)
  }, 900_000)
})
