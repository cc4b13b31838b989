// The bundle is ASCII (scripts/bundle.cjs `asciiOnly`), so V8 holds its source as a one-byte string; the escapes
// mean what the characters meant, in strings, templates and regular expressions with and without the `u` flag.
import {readFileSync} from 'node:fs'
import path from 'node:path'
import {describe, expect, it} from 'vitest'
import {asciiOnly, bundleDir, ensureBundle} from '../../scripts/bundle.cjs'

const SAMPLES = [
  ['/^表[0-9０-９]+(?:[-－.．][0-9０-９]+)*$/u', ['表1', '表１－２', '表', '表1.2']],
  ['/〔\\d{4}〕第/', ['〔2026〕第', '[2026]第', '〔2026〕']],
  ['/[😀-😂]/u', ['😁', '😃', 'a']],
  ['/😀/', ['😀', '\uD83D']],
  ['/^(绝密|机密)(★(\\d+年))?$/', ['绝密★3年', '机密', '秘密']],
] as const

describe('the ASCII bundle', () => {
  it('escapes every character to what it meant', () => {
    for (const [literal, inputs] of SAMPLES) {
      const escaped = asciiOnly(literal)
      expect(/^[\x00-\x7f]*$/.test(escaped), escaped).toBe(true)
      const [a, b] = [new Function(`return ${literal}`)() as RegExp, new Function(`return ${escaped}`)() as RegExp]
      for (const input of inputs) expect(b.test(input), `${escaped} on ${input}`).toBe(a.test(input))
    }
    expect(new Function(`return ${asciiOnly('"表😀" + `答：${1}`')}`)()).toBe('表😀答：1')
    // Note: a character after a backslash stays (it could not be escaped without changing what the backslash does).
    expect(asciiOnly('/\\〔/')).toBe('/\\〔/')
  })

  it('is what the launcher runs', async () => {
    await ensureBundle()
    const bytes = readFileSync(path.join(bundleDir(), 'cli.cjs'))
    expect(bytes.findIndex((b) => b > 0x7f)).toBe(-1)
  })
})
