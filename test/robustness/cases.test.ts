/**
 * The catalogue of bad inputs: each case is `test/fixtures/<case>/input.md` (+ `profile.yaml`,
 * `templates/`, `options.json`), its golden `messages.txt` (what the CLI prints, without notes,
 * then `exit N`).
 */
import {describe, expect, it} from 'vitest'
import {runCase} from './harness.ts'

/** Every case, by area. A folder not listed here is not run: list it. */
const CASES = {
  frontmatter: ['frontmatter-missing', 'frontmatter-yaml', 'frontmatter-required', 'frontmatter-date', 'frontmatter-date-words', 'frontmatter-kind', 'frontmatter-unknown-key', 'frontmatter-javascript-url', 'frontmatter-url-markup', 'frontmatter-one-line'],
  body: ['body-empty', 'body-table', 'body-image', 'body-html', 'body-footnote', 'body-heading-depth', 'body-link-javascript', 'body-other-markdown', 'body-setext'],
  characters: ['characters-nul', 'characters-surrogate', 'characters-bidi'],
  lint: ['lint-brackets', 'lint-halfwidth', 'lint-space', 'lint-dash', 'lint-frail'],
  gongwen: ['gongwen-no-masthead', 'gongwen-unknown-key', 'gongwen-number', 'gongwen-copy', 'gongwen-signers-downward', 'gongwen-signers-missing', 'gongwen-letter-suffix', 'gongwen-secrecy-urgency', 'gongwen-joint-issuer', 'gongwen-press-qa-keys', 'gongwen-minutes-key', 'gongwen-printed-date', 'gongwen-order-number', 'gongwen-one-line'],
  attachments: ['attachment-title', 'attachment-after', 'attachment-unknown', 'attachment-label-empty', 'attachment-press-qa', 'attachment-table'],
  glyphs: ['glyph-missing', 'glyph-missing-cover'],
  encoding: ['encoding-gbk'],
  templates: ['template-strict', 'template-strict-plain', 'template-syntax'],
  profiles: ['profile-margins', 'profile-grid', 'profile-lines', 'profile-font-missing', 'profile-font-not-font', 'profile-font-outside', 'profile-font-absolute', 'profile-unknown-key'],
} as const

for (const [area, cases] of Object.entries(CASES)) {
  describe(`bad input: ${area}`, () => {
    for (const name of cases) {
      it(`should report ${name} with its place and fix`, async () => {
        await expect(await runCase(name)).toMatchFileSnapshot(`../fixtures/${name}/messages.txt`)
      })
    }
  })
}
