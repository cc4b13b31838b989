import {fc, test} from '@fast-check/vitest'
import {describe, expect, it} from 'vitest'
import {loadProfile} from '../../scripts/profile.ts'
import type {Line} from '../../scripts/typeset/page-model.ts'
import {typeset} from '../../scripts/typeset/typeset.ts'
import {contextFor, official, ROOT} from './context.ts'
import {loosest, proofMarks} from './quality.ts'

// The "done when": the seed and stress documents of dense numbers, ranges at every line end, long Latin
// runs and URLs, and heading pairs at page ends, set with the official and booklet profiles.
const DOCUMENTS = ['source/samr-2022-quality-action-plan-qa.md', 'test/fixtures/lines-stress/input.md']

describe('line quality (RULES.md §3–7)', () => {
  for (const file of DOCUMENTS) {
    for (const name of ['official', 'booklet', 'booklet-16k', 'booklet-big32k']) {
      it(`should leave a proofreader nothing to circle in ${file} with the ${name} profile`, async () => {
        const context = await contextFor({file})
        const profile = name === 'official' ? context.profile : await loadProfile(name, ROOT)
        const unavoidable: string[] = []
        const fonts = (await official()).fontCache.forProfile(profile)
        expect(proofMarks(context, profile, fonts, unavoidable)).toEqual([])
        // Note: a loose line that no breaking avoids is not circled, but which lines they are is pinned, so that a
        // change in the breaker (or in the check's judgement of "unavoidable") is seen. In the seed only the link's
        // first piece, which no break inside the URL lets reach the measure, is set flush left short of it.
        if (file === DOCUMENTS[0]) expect(unavoidable).toEqual([`ragged: https://gkml.samr.gov.cn/nsjg/zlfzj/202211/${name === 'booklet-16k' ? 't20221110_' : ''}`])
        else await expect(`${unavoidable.join('\n')}\n`).toMatchFileSnapshot(`../fixtures/lines-stress/unavoidable-${name}.txt`)
      })
    }
  }

  it('should set the booklet\'s first paragraph no looser than 0.12 em (it was 0.136 em line by line)', async () => {
    const context = await contextFor({file: DOCUMENTS[0]!})
    const booklet = await loadProfile('booklet', ROOT)
    const {looseness, text} = loosest(context, booklet, (await official()).fontCache.forProfile(booklet))
    console.log(`booklet loosest line: ${looseness.toFixed(3)} em ${text}`)
    expect(looseness).toBeLessThanOrEqual(0.12)
  })
})

describe('headings keep with the next line (RULES.md §7)', () => {
  const block = fc.oneof(
    {weight: 3, arbitrary: fc.integer({min: 1, max: 200}).map((n) => '质量强国建设深入实施提升行动，'.repeat(15).slice(0, n) + '。')},
    {weight: 1, arbitrary: fc.constant('## 一、总体要求')},
    {weight: 1, arbitrary: fc.constant('### （一）主要目标')},
  )
  test.prop([fc.array(block, {minLength: 5, maxLength: 60, size: 'max'})], {numRuns: 20})('should end no page with a heading, in the official and booklet profiles', async (blocks) => {
    const context = await contextFor(`---\ntitle: 关于质量工作的通知\nissuer: 某机关\ndate: 2022-11-10\nkind: other\n---\n\n${blocks.join('\n\n')}\n`)
    for (const profile of [context.profile, await loadProfile('booklet', ROOT)]) {
      const model = typeset(context, {profile, fonts: (await official()).fontCache.forProfile(profile)})
      // Note: the document's last line ends a page whatever it is.
      for (const page of model.pages.slice(0, -1)) {
        const body = page.items.filter((i): i is Line => i.kind === 'line' && i.role !== 'footer')
        expect(body.at(-1)?.role ?? '').not.toMatch(/^h/u)
      }
    }
  })
})
