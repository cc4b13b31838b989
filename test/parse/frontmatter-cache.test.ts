/**
 * The bundled CLI keeps the metadata of each valid front matter (parse/frontmatter.ts), named by its text and the
 * bundle's identity: a kept one is read instead of validated (a damaged one is validated again); one with a problem
 * is never kept and is reported every time; a new bundle validates again. The bundle is faked here by `ZHIBAN_BUNDLE` (the sources under test
 * keep nothing otherwise).
 */
import {createHash} from 'node:crypto'
import {mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync} from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import {afterEach, beforeEach, describe, expect, it} from 'vitest'
import {VFile} from 'vfile'
import {parse} from '../../scripts/parse/processor.ts'

const HEAD = '---\ntitle: [关于测试的通知, 第二行]\nissuer: 测试机关\ndate: 2025-03-18\nkind: notice\nkeywords: [甲]\nmasthead:\n  organs: [测试机关]\n  number: 测试发〔2025〕7号\n---\n\n正文。\n'
const global = globalThis as {ZHIBAN_BUNDLE?: unknown}

async function parsed(text: string) {
  const file = new VFile({path: 'source/test.md', value: text})
  const doc = await parse(file, 'test')
  return {doc, messages: file.messages.filter((m) => m.fatal).map(String)}
}

describe('the kept front matter', () => {
  let dir: string
  let kept: string
  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'zhiban-frontmatter-'))
    mkdirSync(path.join(dir, 'cli-test'))
    global.ZHIBAN_BUNDLE = path.join(dir, 'cli-test', 'cli.cjs')
    writeFileSync(global.ZHIBAN_BUNDLE as string, '// a bundle\n')
    kept = path.join(dir, 'frontmatter')
  })
  afterEach(() => {
    delete global.ZHIBAN_BUNDLE
    rmSync(dir, {recursive: true, force: true})
  })

  it('is the validated metadata, read back in its place by the next parse', async () => {
    const first = await parsed(HEAD)
    expect(first.messages).toEqual([])
    const files = readdirSync(kept)
    expect(files).toHaveLength(1)
    const entry = () => readFileSync(path.join(kept, files[0]!), 'utf8')
    const [hash, json] = entry().split('\n')
    expect(hash).toBe(createHash('sha256').update(json!).digest('hex'))
    expect(JSON.parse(json!)).toEqual(first.doc!.meta)
    // Note: the same metadata, key for key and in the same order (templates and the manifest read it).
    const second = await parsed(HEAD)
    expect(JSON.stringify(second.doc!.meta)).toBe(JSON.stringify(first.doc!.meta))
    // Note: read, not validated again: what the file says is what the document gets.
    const other = JSON.stringify({...first.doc!.meta, issuer: '读回的机关'})
    writeFileSync(path.join(kept, files[0]!), `${createHash('sha256').update(other).digest('hex')}\n${other}`)
    expect((await parsed(HEAD)).doc!.meta.issuer).toBe('读回的机关')
  })

  it('is validated again, and kept anew, when the entry is damaged', async () => {
    const first = await parsed(HEAD)
    const [name] = readdirSync(kept)
    const file = path.join(kept, name!)
    const whole = readFileSync(file, 'utf8')
    for (const damaged of ['{}', '[]', `${whole.slice(0, 64)}\n{}`, whole.slice(0, -5), '']) {
      writeFileSync(file, damaged)
      const again = await parsed(HEAD)
      expect(again.messages).toEqual([])
      expect(JSON.stringify(again.doc!.meta)).toBe(JSON.stringify(first.doc!.meta))
      expect(readFileSync(file, 'utf8')).toBe(whole)
    }
  })

  it('is another for another bundle (changed code validates again)', async () => {
    await parsed(HEAD)
    writeFileSync(global.ZHIBAN_BUNDLE as string, '// another bundle, longer\n')
    await parsed(HEAD)
    expect(readdirSync(kept)).toHaveLength(2)
  })

  it('is never kept for a front matter with a problem, which is reported every time', async () => {
    const bad = HEAD.replace('date: 2025-03-18', 'date: 2025-13-18')
    for (let i = 0; i < 2; i++) {
      const {doc, messages} = await parsed(bad)
      expect(doc).toBeUndefined()
      expect(messages).toEqual(['source/test.md:4:7: Front-matter field `date` must be an ISO date like `2022-11-10`, not `2025-13-18`'])
    }
    const broken = HEAD.replace('kind: notice', 'kind: [notice')
    for (let i = 0; i < 2; i++) expect((await parsed(broken)).messages[0]).toMatch(/^source\/test\.md:\d+:\d+: The front matter is not valid YAML/)
    expect(() => readdirSync(kept)).toThrow()
  })
})
