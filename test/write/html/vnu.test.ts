/**
 * The Nu Html Checker (vnu.jar, errors only) on the page, the fragment (in a minimal document)
 * and the listing. Needs Java: without it the test fails with a message saying so.
 */
import {mkdirSync, writeFileSync} from 'node:fs'
import path from 'node:path'
import {describe, expect, it} from 'vitest'
import {writeIndex} from '../../../scripts/write/html/index.ts'
import {loadProfile} from '../../../scripts/profile.ts'
import {ARTIFACTS, ROOT, buildFixture, hostPage, templates, vnu} from './helpers.ts'

describe('the Nu Html Checker', () => {
  it('should report no error on index.html, embed.html and the listing', async () => {
    const dir = path.join(ARTIFACTS, 'vnu')
    mkdirSync(dir, {recursive: true})
    const files: string[] = []
    for (const fixture of ['html-basic', 'html-hostile', 'table-basic']) {
      const {doc, files: html, outputs} = await buildFixture(fixture, undefined, {webOnly: fixture === 'html-hostile'})
      writeFileSync(path.join(dir, `${fixture}.index.html`), html.get('index.html')!)
      writeFileSync(path.join(dir, `${fixture}.embed.html`), hostPage(html.get('embed.html')!))
      files.push(path.join(dir, `${fixture}.index.html`), path.join(dir, `${fixture}.embed.html`))
      if (fixture === 'html-basic') {
        const official = await loadProfile('official', ROOT)
        const listing = writeIndex([{slug: doc.slug, title: doc.meta.title, issuer: doc.meta.issuer, date: doc.meta.date, files: outputs.map((o) => ({name: o.name, edition: o.edition, bytes: o.bytes.byteLength}))}], templates, official)
        writeFileSync(path.join(dir, 'listing.html'), listing)
        files.push(path.join(dir, 'listing.html'))
      }
    }
    const messages = await vnu(files)
    expect(messages.map((m) => `${path.basename(m.url ?? '')}:${m.lastLine}: ${m.message}`)).toEqual([])
  })
})
