/**
 * A synthetic 1 MB source (~300,000 characters: the seed's answers repeated under 400 questions)
 * builds every edition.
 */
import {readFileSync, writeFileSync} from 'node:fs'
import path from 'node:path'
import {describe, expect, it} from 'vitest'
import {build} from '../../scripts/build.ts'
import {READY, scratchRoot, SEED} from './harness.ts'
import {squeeze, textOf} from './editions.ts'

const NUMERALS = '一二三四五六七八九十'
function cn(n: number): string {
  if (n < 10) return NUMERALS[n - 1]!
  if (n < 100) return `${n >= 20 ? NUMERALS[Math.floor(n / 10) - 1] : ''}十${n % 10 ? NUMERALS[n % 10 - 1] : ''}`
  return `${NUMERALS[Math.floor(n / 100) - 1]}百${n % 100 === 0 ? '' : n % 100 < 10 ? `零${NUMERALS[n % 100 - 1]}` : n % 100 < 20 ? `一${cn(n % 100)}` : cn(n % 100)}`
}

/** The seed's front matter and lead, then questions and answers until the source is over 1 MB. */
export function bigSource(): string {
  const [head, body] = [SEED.slice(0, SEED.indexOf('\n## ')), SEED.slice(SEED.indexOf('\n## '))]
  const answers = [...body.matchAll(/^答：.*$/gm)].map((m) => m[0])
  let out = `${head}\n`
  for (let n = 1; Buffer.byteLength(out) < 1_000_000; n++) out += `\n## ${cn(n)}、第${n}个问题是什么？\n\n${answers[n % answers.length]}\n`
  return out
}

describe('a 1 MB source', () => {
  it('should build every edition', {timeout: 600_000}, async () => {
    const root = scratchRoot('big')
    const text = bigSource()
    expect(Buffer.byteLength(text)).toBeGreaterThan(1_000_000)
    expect([...text].length).toBeGreaterThan(300_000)
    writeFileSync(path.join(root, 'source', 'big.md'), text)
    const started = performance.now()
    const result = await build({root, cache: false, only: READY})
    const seconds = (performance.now() - started) / 1000
    expect(result.files[0]!.messages.filter((m) => m.fatal).map(String).slice(0, 5)).toEqual([])
    expect(result.ok).toBe(true)
    const pdf = result.documents[0]!.outputs.find((o) => o.edition === 'pdf')!
    expect(pdf.pages).toBeGreaterThan(300)
    // Every edition holds the whole text (the last question included).
    const last = [...text.matchAll(/^## (.*)$/gm)].at(-1)![1]!
    const body = squeeze(text.slice(text.indexOf('\n## ')).replace(/^## /gm, ''))
    for (const name of ['big/big.pdf', 'big/big.docx', 'big/index.html']) {
      const edition = name.endsWith('.pdf') ? 'pdf' : name.endsWith('.docx') ? 'docx' : 'html'
      const got = squeeze(textOf({edition, name, bytes: readFileSync(path.join(root, 'dist', name))}))
      expect(got, name).toContain(squeeze(last))
      expect(got.length, name).toBeGreaterThanOrEqual(body.length)
    }
    if (process.env.DEBUG_BIG) console.log({seconds, outputs: result.documents[0]!.outputs})
  })
})
