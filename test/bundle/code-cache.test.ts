// The bundle's V8 code cache, written after a build by the launcher (scripts/zhiban.mjs), is accepted by the next
// process. A short build turns V8's optimising compiler off (build.ts `shortProcess`) and V8 keys its code cache on
// the flags: made with them changed, the cache was rejected by every later process, each compiling the bundle anew.
import {spawnSync} from 'node:child_process'
import {mkdtempSync, readFileSync, rmSync} from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import {describe, expect, it} from 'vitest'
import {ROOT} from '../root.ts'
import {bundleDir} from '../../scripts/bundle.mjs'

const launcher = path.join(ROOT, 'scripts', 'zhiban.mjs')
// Note: what scripts/bundle.mjs loadBundle does, reporting whether V8 took the cache.
const probe = `
import {readFileSync} from 'node:fs'
import Module from 'node:module'
import path from 'node:path'
import vm from 'node:vm'
import {bundleDir} from ${JSON.stringify(path.join(ROOT, 'scripts', 'bundle.mjs'))}
const file = path.join(bundleDir(), 'cli.cjs')
const script = new vm.Script(Module.wrap(readFileSync(file, 'utf8')), {filename: file, cachedData: readFileSync(file + '.v8-' + process.version + '.cache')})
process.stdout.write(String(script.cachedDataRejected))
`

describe('the bundle\'s code cache', () => {
  it('is accepted by the process after a short build, and covers a whole build after partial ones', () => {
    const out = mkdtempSync(path.join(os.tmpdir(), 'zhiban-code-cache-'))
    const cache = `${path.join(bundleDir(), 'cli.cjs')}.v8-${process.version}.cache`
    try {
      // Note: no cache, so that the HTML-only builds make it (other processes only compile the bundle meanwhile).
      for (const file of [cache, `${cache}.editions`]) rmSync(file, {force: true})
      for (let i = 0; i < 2; i++) {
        const run = spawnSync(process.execPath, [launcher, 'build', 'source/samr-2022-quality-action-plan-qa.md', '--force', '--only', 'html', '--out', out, '-q'], {cwd: ROOT, encoding: 'utf8'})
        expect(run.status, run.stderr).toBe(0)
      }
      const checked = spawnSync(process.execPath, ['--input-type=module', '-e', probe], {cwd: ROOT, encoding: 'utf8'})
      expect(checked.stderr).toBe('')
      expect(checked.stdout).toBe('false')
      // A whole build after builds of the HTML alone remakes the cache (it compiles what they did not), and says so.
      const editions = () => readFileSync(`${cache}.editions`, 'utf8')
      expect(editions()).toBe('html')
      const whole = spawnSync(process.execPath, [launcher, 'build', 'source/samr-2022-quality-action-plan-qa.md', '--force', '--out', out, '-q'], {cwd: ROOT, encoding: 'utf8'})
      expect(whole.status, whole.stderr).toBe(0)
      expect(editions()).toBe('*')
    } finally {
      rmSync(out, {recursive: true, force: true})
    }
  })
})
