// The bundle's V8 code cache, written after a build by the launcher (scripts/zhiban.cjs), is accepted by the next
// process, and covers what later builds compile:
// - a short build turns V8's optimising compiler off (build.ts `shortProcess`) and V8 keys its code cache on the
//   flags: made with them changed, the cache was rejected by every later process, each compiling the bundle anew;
// - `build --only html` starts from a cache of its own (`-html`), made by such builds: small, as V8 reads all of it;
// - a cache is made again once by the build after the one that made it (which compiled what only first builds run);
// - a cache is named by its bundle file's identity: V8 checks only the source's length, so another bundle must not
//   find it;
// - a build of some editions compiles only their code, a build on worker threads none of the writers in the main
//   thread: a whole build after one that made the shared cache must remake it.
// Note: in a copy of the checkout's code (its own bundle and cache), so that no other test's build touches them.
import {spawnSync} from 'node:child_process'
import Module, {createRequire} from 'node:module'
import {cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, utimesSync, writeFileSync} from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import {describe, expect, it} from 'vitest'
import {ROOT} from '../root.ts'

describe('the bundle\'s code cache', () => {
  it('is accepted by the process after a short build, and covers a whole build after partial ones', () => {
    const home = mkdtempSync(path.join(os.tmpdir(), 'zhiban-code-cache-'))
    let bundleDir: string | undefined
    try {
      cpSync(path.join(ROOT, 'scripts'), path.join(home, 'scripts'), {recursive: true})
      for (const file of ['package.json', 'package-lock.json']) cpSync(path.join(ROOT, file), path.join(home, file))
      for (const dir of ['node_modules', 'templates', 'source']) symlinkSync(path.join(ROOT, dir), path.join(home, dir))
      const bundleModule = path.join(home, 'scripts', 'bundle.cjs')
      bundleDir = spawnSync(process.execPath, ['--input-type=module', '-e', `import {bundleDir} from ${JSON.stringify(bundleModule)}; process.stdout.write(bundleDir())`], {encoding: 'utf8'}).stdout
      expect(bundleDir).toContain(path.join('node_modules', '.cache', 'zhiban', 'cli-'))
      // Note: each cache is named by the bundle file's identity too (inode, size, time).
      const named = (part: string) => {
        const found = readdirSync(bundleDir!).filter((name) => name.startsWith(`cli.cjs.v8-${process.version}-${part}-`) && name.endsWith('.cache'))
        expect(found.length).toBeLessThanOrEqual(1)
        return path.join(bundleDir!, found[0] ?? `cli.cjs.v8-${process.version}-${part}-none.cache`)
      }
      const build = (only: string[] = [], env: Record<string, string> = {}) => {
        const run = spawnSync(process.execPath, [path.join(home, 'scripts', 'zhiban.cjs'), 'build', 'source/samr-2022-quality-action-plan-qa.md', '--force', ...only, '--out', path.join(home, 'out'), '-q'], {cwd: home, encoding: 'utf8', env: {...process.env, ...env}})
        expect(run.status, run.stderr).toBe(0)
      }
      build(['--only', 'html'])
      build(['--only', 'html'])
      const cache = named('html')
      const shared = () => named('all')
      // Note: what scripts/bundle.cjs loadBundle does, reporting whether V8 took the cache.
      const probe = `
import {readFileSync} from 'node:fs'
import vm from 'node:vm'
const file = ${JSON.stringify(path.join(bundleDir, 'cli.cjs'))}
const script = new vm.Script(readFileSync(file, 'latin1'), {filename: file, cachedData: readFileSync(${JSON.stringify(cache)})})
process.stdout.write(String(script.cachedDataRejected))
`
      const checked = spawnSync(process.execPath, ['--input-type=module', '-e', probe], {encoding: 'utf8'})
      expect(checked.stderr).toBe('')
      expect(checked.stdout).toBe('false')
      const editions = (file = cache) => readFileSync(`${file}.editions`, 'utf8').split('\n')[0]
      const made = (file = cache) => readFileSync(`${file}.editions`, 'utf8').split('\n')[1]
      expect(editions()).toBe('html')
      // Note: made by the first build (which filled zhiban's stores: compiled templates, validated the front matter),
      // then once more by the second, which found them filled: smaller; no third time.
      expect(made()).toBe('steady')
      const second = statSync(cache).mtimeMs
      build(['--only', 'html'])
      expect(made()).toBe('steady')
      expect(statSync(cache).mtimeMs).toBe(second)
      expect(existsSync(shared())).toBe(false)
      // Note: the configuration's `only` is read after the cache is chosen: such a build uses the shared one and
      // says which editions made it.
      writeFileSync(path.join(home, 'zhiban.config.json'), JSON.stringify({only: ['html']}))
      build()
      expect(editions(shared())).toBe('html')
      rmSync(path.join(home, 'zhiban.config.json'))
      // Note: documents built on worker threads compile no writer in the main thread: no claim.
      rmSync(shared())
      const two = spawnSync(process.execPath, [path.join(home, 'scripts', 'zhiban.cjs'), 'build', 'source/samr-2022-quality-action-plan-qa.md', 'source/gongwen-letter.md', '--force', '-j', '2', '--out', path.join(home, 'out2'), '-q'], {cwd: home, encoding: 'utf8'})
      expect(two.status, two.stderr).toBe(0)
      expect(editions(shared())).toBe('')
      // Note: writers from a module (the tests' fake ones) compile none of the built-in writers: no claim.
      build([], {ZHIBAN_WRITERS: path.join(ROOT, 'test', 'cli', 'fixtures', 'fake-writers.mjs')})
      expect(editions(shared())).toBe('')
      build()
      expect(editions(shared())).toBe('*')
      // Note: a bundle file that is not the one a cache was made from (here: its time changed) does not find it.
      const bundle = path.join(bundleDir, 'cli.cjs')
      utimesSync(bundle, new Date(), new Date(statSync(bundle).mtimeMs + 10_000))
      build(['--only', 'html'])
      const html = readdirSync(bundleDir).filter((name) => /-html-.*\.cache$/.test(name))
      expect(html).toHaveLength(2)
      expect(html.map((name) => readFileSync(path.join(bundleDir!, `${name}.editions`), 'utf8')).sort()).toEqual(['html\nfirst', 'html\nsteady'])
      expect(editions()).toBe('html')
    } finally {
      rmSync(home, {recursive: true, force: true})
      if (bundleDir?.includes(`${path.sep}cli-`)) rmSync(bundleDir, {recursive: true, force: true})
    }
  }, 120_000)
  it('is made again by the first build that found zhiban\'s stores filled, and by no other', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'zhiban-steady-'))
    try {
      const file = path.join(dir, 'cli.cjs')
      // Note: wrapped as ensureBundle writes the bundle.
      const [head, tail] = (Module as unknown as {wrapper: [string, string]}).wrapper
      writeFileSync(file, `${head}module.exports.f = (n) => n + 1; module.exports.f(1)${tail}`)
      const {loadBundle} = createRequire(import.meta.url)('../../scripts/bundle.cjs') as {loadBundle(file: string, part: string): {saveCache(editions: string[], steady?: boolean): void}}
      const cacheFile = () => readdirSync(dir).find((name) => name.endsWith('.cache'))
      const record = () => readFileSync(path.join(dir, `${cacheFile()}.editions`), 'utf8')
      const save = (steady: boolean) => {
        const before = cacheFile() && statSync(path.join(dir, cacheFile()!)).mtimeMs
        if (before) utimesSync(path.join(dir, cacheFile()!), new Date(0), new Date(0))
        loadBundle(file, 'html').saveCache(['html'], steady)
        return statSync(path.join(dir, cacheFile()!)).mtimeMs !== 0
      }
      // Note: written when missing, by a build that filled a store; not again by another such build.
      expect(save(false)).toBe(true)
      expect(record()).toBe('html\nfirst')
      expect(save(false)).toBe(false)
      // Note: again by the first that found them filled, then by none.
      expect(save(true)).toBe(true)
      expect(record()).toBe('html\nsteady')
      expect(save(true)).toBe(false)
      expect(save(false)).toBe(false)
      expect(record()).toBe('html\nsteady')
    } finally {
      rmSync(dir, {recursive: true, force: true})
    }
  })
})
