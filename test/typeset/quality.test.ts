import {describe, expect, it} from 'vitest'
import {loadProfile} from '../../scripts/profile.ts'
import {contextFor, ROOT} from './context.ts'
import {loosest, proofMarks} from './quality.ts'

// The "done when": the seed and stress documents of dense numbers, ranges at every line end, long Latin
// runs and URLs, and heading pairs at page ends, set with the official and booklet profiles.
const DOCUMENTS = ['source/samr-2022-quality-action-plan-qa.md', 'test/fixtures/lines-stress/input.md']

describe('line quality (typesetting.md §3–7)', () => {
  for (const file of DOCUMENTS) {
    for (const name of ['official', 'booklet', 'booklet-16k', 'booklet-big32k']) {
      it(`should leave a proofreader nothing to circle in ${file} with the ${name} profile`, async () => {
        const context = await contextFor({file})
        const profile = name === 'official' ? context.profile : await loadProfile(name, ROOT)
        const unavoidable: string[] = []
        expect(proofMarks(context, profile, unavoidable)).toEqual([])
        if (unavoidable.length > 0) console.log(`${file} ${name}: no breaking sets these within the limit:\n${unavoidable.join('\n')}`)
      })
    }
  }

  it('should set the booklet\'s first paragraph no looser than 0.12 em (it was 0.136 em line by line)', async () => {
    const context = await contextFor({file: DOCUMENTS[0]!})
    const {looseness, text} = loosest(context, await loadProfile('booklet', ROOT))
    console.log(`booklet loosest line: ${looseness.toFixed(3)} em ${text}`)
    expect(looseness).toBeLessThanOrEqual(0.12)
  })
})
