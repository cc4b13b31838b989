/**
 * Fuzzed and bounded: random Unicode Markdown either builds every edition or fails with a placed
 * diagnostic — never an uncaught exception, never a hang; and for text the fonts cover, the text
 * that goes in comes out of every edition, in order.
 */
import {Worker} from 'node:worker_threads'
import fc from 'fast-check'
import {VFile} from 'vfile'
import {beforeAll, describe, expect, it} from 'vitest'
import {compile, type Options} from '../../scripts/pipeline.ts'
import {loadProfile, type Profile} from '../../scripts/profile.ts'
import {loadTemplates} from '../../scripts/templates.ts'
import {FontCache} from '../../scripts/typeset/fonts.ts'
import {toPlainText} from '../../scripts/model/text.ts'
import {READY, ROOT} from './harness.ts'
import {squeeze, textOf} from './editions.ts'
import {bundleFuzzWorker} from './bundle.ts'
import type {Answer} from './fuzz-worker.ts'

/** The longest one random case may take (the bound; a hang fails here). */
const CASE_MS = Number(process.env.FUZZ_CASE_MS ?? 20_000)

const HEAD = '---\ntitle: 关于测试的答记者问\nissuer: 测试机关\ndate: 2022-11-10\nkind: press-qa\n---\n\n'
/** Markdown the source format accepts (or warns about). */
const SYNTAX = ['\n\n## ', '\n\n### ', '\n\n#### ', '\n\n##### ', '\n', '\n\n', '\n\n', '[链接](https://example.gov.cn/a.html)', '<https://example.gov.cn/>', '&amp;', '答：',
  '“', '”', '《', '》', '（', '）', '，', '。', '、', '——', '……', '\t', ' ', '  ', '\r\n', '\u3000', '\\*', '9.6', 'GB/T 9704']
/** Markdown it rejects, and characters that are not text. */
const BAD = ['###### ', '# ', '| a | b |\n| - | - |\n', '[^1]', '[^1]: 注\n', '[坏](javascript:alert(1))', '<b>', '</p><script>', '&#0;', '&#x202E;', '*', '**', '_', '`', '> ', '- ', '1. ',
  '![图](a.png)', '\\', '---\n', '```\n', '    ', '\uFEFF', '\u0000', '\uD800']
const HAN = [...'的一是不了人我在有他这为之大来以个中上们到说国和地也子时道出而要于就下得可你年生自会那后能对着事其里所去行过家十用发天如然作方成者多日都三小军二无同么经法当起与好看学进种将还分此心前面又定见只主没公从']

/** Random Markdown: syntax fragments, Han text and arbitrary code points (astral, controls, lone surrogates). */
const markdown = fc.array(fc.oneof(
  {weight: 30, arbitrary: fc.constantFrom(...SYNTAX)},
  {weight: 40, arbitrary: fc.string({unit: fc.constantFrom(...HAN), minLength: 1, maxLength: 30})},
  {weight: 10, arbitrary: fc.string({maxLength: 12})},
  {weight: 1, arbitrary: fc.constantFrom(...BAD)},
  {weight: 1, arbitrary: fc.string({unit: 'grapheme', maxLength: 4})},
  {weight: 1, arbitrary: fc.string({unit: 'binary', maxLength: 2})},
), {maxLength: 40}).map((parts) => parts.join(''))

/** Text the fonts cover: Han, ASCII letters and digits, full-width punctuation; in paragraphs and headings. */
const covered = fc.array(fc.tuple(
  fc.constantFrom('', '## ', '### '),
  fc.array(fc.oneof(
    {weight: 6, arbitrary: fc.constantFrom(...HAN)},
    {weight: 1, arbitrary: fc.constantFrom(...'，。、：；？！“”《》（）')},
    {weight: 1, arbitrary: fc.stringMatching(/^[A-Za-z0-9]{1,8}$/)},
  ), {minLength: 1, maxLength: 120}).map((chars) => chars.join('')),
), {minLength: 1, maxLength: 8}).map((blocks) => blocks.map(([mark, text]) => `${mark}${text}`).join('\n\n'))

describe('random sources', () => {
  let options: Options
  beforeAll(async () => {
    const profiles = new Map<string, Promise<Profile>>()
    const load = (name: string): Promise<Profile> => {
      if (!profiles.has(name)) profiles.set(name, loadProfile(name, ROOT))
      return profiles.get(name)!
    }
    options = {slug: 'fuzz', profile: await load('official'), fontCache: new FontCache({root: ROOT}), templates: loadTemplates(ROOT), root: ROOT, editions: READY, loadProfile: load}
  })

  it('should build every edition or fail with a placed diagnostic, within the bound', async () => {
    // Note: each case runs in a worker thread; one that takes longer than CASE_MS is terminated and fails the property.
    const entry = await bundleFuzzWorker('robust-fuzz')
    let worker = new Worker(entry, {workerData: {root: ROOT}})
    let id = 0
    const ask = (value: string): Promise<Answer | 'timeout'> => new Promise((resolve) => {
      const mine = ++id
      const timer = setTimeout(() => resolve('timeout'), CASE_MS)
      const onMessage = (answer: Answer): void => {
        if (answer.id !== mine) return
        clearTimeout(timer)
        worker.off('message', onMessage)
        resolve(answer)
      }
      worker.on('message', onMessage)
      worker.postMessage({id: mine, value})
    })
    const seen = {built: 0, failed: 0}
    try {
      // Warm up (fonts, templates) outside the bound.
      await ask(HEAD + '导语。\n')
      await fc.assert(fc.asyncProperty(markdown, fc.integer({min: 0, max: 9}), async (body, head) => {
        const answer = await ask(head > 0 ? HEAD + body : body)
        if (answer === 'timeout') {
          await worker.terminate()
          worker = new Worker(entry, {workerData: {root: ROOT}})
          await ask(HEAD + '导语。\n')
          expect.fail(`no answer within ${CASE_MS} ms`)
          return
        }
        expect(answer.error).toBeUndefined()
        seen[answer.built ? 'built' : 'failed']++
        if (answer.built) {
          expect(answer.editions).toEqual([...READY].sort())
          expect(answer.emptyOutputs).toEqual([])
        } else {
          expect(answer.fatal, answer.messages!.join('\n')).toBe(true)
          for (const [i, line] of answer.lines!.entries()) expect(line, answer.messages![i]).toBeGreaterThanOrEqual(1)
        }
      }), {numRuns: Number(process.env.FUZZ_RUNS ?? 50), seed: Number(process.env.FUZZ_SEED ?? 20221110)})
    } finally {
      await worker.terminate()
    }
    if (process.env.DEBUG_FUZZ) console.log(seen)
    // Note: both outcomes must occur, or the property tested only one path.
    expect(seen.built).toBeGreaterThanOrEqual(5)
    expect(seen.failed).toBeGreaterThanOrEqual(5)
  })

  it('should carry covered text into every edition in order', async () => {
    await fc.assert(fc.asyncProperty(covered, async (body) => {
      const file = new VFile({path: 'source/fuzz.md', value: HEAD + body})
      const result = await compile(file, options)
      expect(result, file.messages.map(String).join('\n')).toBeDefined()
      const blocks = toPlainText(result!.doc).split('\n').slice(1).map(squeeze)
      // Note: the imposed booklet puts pages out of reading order (saddle stitch); the fragment repeats the page.
      for (const output of result!.outputs.filter((o) => o.name !== 'embed.html' && !o.name.endsWith('.booklet-imposed.pdf'))) {
        const text = squeeze(textOf(output))
        let at = 0
        for (const block of blocks) {
          const found = text.indexOf(block, at)
          expect(found, `${output.name}: ${block}`).toBeGreaterThanOrEqual(0)
          at = found + block.length
        }
      }
    }), {numRuns: Number(process.env.FUZZ_RUNS ?? 15), seed: Number(process.env.FUZZ_SEED ?? 20221111)})
  })
})
