/**
 * An interrupted build (SIGINT/SIGTERM at several moments) leaves dist/ holding only complete
 * files: the previous build's or the new one's, never half of one, and no staging folder.
 */
import {spawn} from 'node:child_process'
import {createHash} from 'node:crypto'
import {readdirSync, writeFileSync} from 'node:fs'
import path from 'node:path'
import {beforeAll, describe, expect, it} from 'vitest'
import {bundleCli} from './bundle.ts'
import {READY, readTree, scratchRoot, SEED} from './harness.ts'

interface Manifest {
  source: {sha256: string}
  files: {name: string; sha256: string}[]
}

/**
 * dist/ is consistent: every manifest's files exist with their hashes; nothing else but index.html; the manifest
 * is a finished build's, or the new one of the text being built (a build may be stopped after it committed).
 */
function expectComplete(dist: string, allowed: readonly string[], building: string): void {
  const tree = readTree(dist)
  expect(readdirSync(dist).filter((n) => n.startsWith('.'))).toEqual([])
  const manifest = JSON.parse(tree.get('doc/manifest.json')!.toString('utf8')) as Manifest
  if (manifest.source.sha256 !== createHash('sha256').update(building).digest('hex')) expect(allowed).toContain(createHash('sha256').update(tree.get('doc/manifest.json')!).digest('hex'))
  for (const file of manifest.files) {
    expect(createHash('sha256').update(tree.get(`doc/${file.name}`)!).digest('hex'), file.name).toBe(file.sha256)
  }
  expect([...tree.keys()].sort()).toEqual(['index.html', 'manifest.json', 'doc/manifest.json', ...manifest.files.map((f) => `doc/${f.name}`)].sort())
}

function run(runner: string, root: string, killAfterMs?: number, signal: NodeJS.Signals = 'SIGTERM'): Promise<number | null> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [runner, 'build', '--force', '--only', READY.join(','), '--quiet'], {cwd: root, stdio: 'ignore', env: {...process.env, ZHIBAN_CACHE_DIR: path.join(root, '.cache')}})
    if (killAfterMs !== undefined) setTimeout(() => child.kill(signal), killAfterMs)
    child.on('exit', (code, sig) => resolve(code ?? (sig ? -1 : null)))
  })
}

describe('an interrupted build', () => {
  let runner = ''
  beforeAll(async () => {
    runner = await bundleCli('robust-cli-interrupt')
  })

  it('should leave only complete previous or complete new files in dist/', async () => {
    const root = scratchRoot('interrupt')
    const source = path.join(root, 'source', 'doc.md')
    const dist = path.join(root, 'dist')
    writeFileSync(source, SEED)
    expect(await run(runner, root)).toBe(0)
    const manifests = [createHash('sha256').update(readTree(dist).get('doc/manifest.json')!).digest('hex')]
    const codes: (number | null)[] = []
    for (const [i, delay] of [150, 400, 700, 1000, 1400, 1800, 2300].entries()) {
      // Each round changes the text, so a finished build is a new set of files.
      const text = SEED.replace('党中央、国务院高度重视质量工作。', `党中央、国务院高度重视质量工作（第${i + 1}次）。`)
      writeFileSync(source, text)
      const signal = i % 2 === 0 ? 'SIGTERM' : 'SIGINT'
      const code = await run(runner, root, delay, signal)
      codes.push(code)
      // Note: -1 = killed before build() installed its handlers (still loading): nothing was written yet.
      expect([0, -1, signal === 'SIGTERM' ? 143 : 130]).toContain(code)
      if (code === 0) manifests.push(createHash('sha256').update(readTree(dist).get('doc/manifest.json')!).digest('hex'))
      expectComplete(dist, manifests, text)
    }
    // Note: at least one round must really have been interrupted, or the test proves nothing.
    expect(codes.some((c) => c === 130 || c === 143), `exit codes ${codes.join(', ')}`).toBe(true)
  })
})
