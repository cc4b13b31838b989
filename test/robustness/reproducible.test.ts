/**
 * Same input, same bytes: across folders, times, time zones, locales and SOURCE_DATE_EPOCH; and a
 * BOM or CRLF line ends give the same editions as the plain UTF-8 source.
 */
import {spawnSync} from 'node:child_process'
import {writeFileSync} from 'node:fs'
import path from 'node:path'
import {beforeAll, describe, expect, it} from 'vitest'
import {build} from '../../scripts/build.ts'
import {bundleCli} from './bundle.ts'
import {READY, readTree, scratchRoot, SEED} from './harness.ts'

function expectSameTrees(a: Map<string, Buffer>, b: Map<string, Buffer>): void {
  expect([...b.keys()]).toEqual([...a.keys()])
  for (const [name, bytes] of a) expect(b.get(name)?.equals(bytes), `${name} differs`).toBe(true)
}

describe('reproducible builds', () => {
  let runner = ''
  beforeAll(async () => {
    runner = await bundleCli('robust-cli-reproducible')
  })

  it('should give identical bytes in two folders, at two times, in two time zones and locales', () => {
    const envs = [
      {TZ: 'Asia/Shanghai', LANG: 'zh_CN.UTF-8', LC_ALL: 'zh_CN.UTF-8', SOURCE_DATE_EPOCH: '1'},
      {TZ: 'America/Los_Angeles', LANG: 'C', LC_ALL: 'C', SOURCE_DATE_EPOCH: '2000000000'},
    ]
    const trees = envs.map((env, i) => {
      const root = scratchRoot(`reproducible-${i}`)
      writeFileSync(path.join(root, 'source', 'samr-2022-quality-action-plan-qa.md'), SEED)
      // Note: a second apart at least, so any clock that leaked into the bytes would show.
      if (i > 0) spawnSync('sleep', ['1.1'])
      const run = spawnSync(process.execPath, [runner, 'build', '--force', '--only', READY.join(','), '--quiet'], {cwd: root, env: {...process.env, ...env, ZHIBAN_CACHE_DIR: path.join(root, '.cache')}, encoding: 'utf8'})
      expect(run.stderr).toBe('')
      expect(run.status).toBe(0)
      return readTree(path.join(root, 'dist'))
    })
    expect(trees[0]!.size).toBeGreaterThan(4)
    expectSameTrees(trees[0]!, trees[1]!)
  })

  it.each([
    ['a byte order mark', (text: string) => `\uFEFF${text}`],
    ['CRLF line ends', (text: string) => text.replace(/\n/g, '\r\n')],
    ['a BOM and CR line ends', (text: string) => `\uFEFF${text.replace(/\n/g, '\r')}`],
  ])('should make the same editions from a source with %s', async (name, change) => {
    const plain = scratchRoot('encoding-plain')
    writeFileSync(path.join(plain, 'source', 'doc.md'), SEED)
    expect((await build({root: plain, cache: false, only: READY})).ok).toBe(true)
    const other = scratchRoot(`encoding-${name.replace(/\W+/g, '-')}`)
    writeFileSync(path.join(other, 'source', 'doc.md'), change(SEED))
    const result = await build({root: other, cache: false, only: READY})
    expect(result.files[0]!.messages.map(String)).toEqual([])
    expect(result.ok).toBe(true)
    expectSameTrees(readTree(path.join(plain, 'dist')), readTree(path.join(other, 'dist')))
  })
})
