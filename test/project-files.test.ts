/**
 * The repository stands alone: no tracked file points outside it (a clone has nothing beside it), and the tests
 * find the project one way only (test/root.ts).
 */
import {execFileSync} from 'node:child_process'
import {readFileSync} from 'node:fs'
import {describe, expect, it} from 'vitest'
import {inRoot, ROOT} from './root.ts'

const tracked = (): string[] => execFileSync('git', ['ls-files', '-z'], {cwd: ROOT, encoding: 'utf8'}).split('\0').filter(Boolean)
const text = (file: string): string => readFileSync(inRoot(file)).toString('latin1')

describe('the repository', () => {
  it('should have no file that points at a folder beside the clone', () => {
    // Note: the patterns are built, so this file does not match itself.
    const outside = new RegExp(['\\.\\./' + 'shared', 'shared/' + 'design', 'shared/' + 'material'].join('|'))
    const files = tracked()
    expect(files.length).toBeGreaterThan(100)
    expect(files.filter((f) => outside.test(text(f)))).toEqual([])
  })

  it('should find the project root in the tests through test/root.ts only', () => {
    const counting = /new URL\(\s*['"](?:\.\.\/?)+['"]|import\.meta\.dirname|fileURLToPath\(\s*import\.meta\.url|process\.env\.ZHIBAN_ROOT/
    // Note: test/robustness/fuzz.mjs is plain JavaScript that node runs before anything is bundled: it cannot import
    // test/root.ts, and finds the root from its own place once, as the launcher scripts/zhiban.cjs does.
    const own = new Set(['test/root.ts', 'test/project-files.test.ts', 'test/robustness/fuzz.mjs'])
    const tests = tracked().filter((f) => f.startsWith('test/') && /\.(ts|mjs|js)$/.test(f) && !own.has(f))
    expect(tests.length).toBeGreaterThan(30)
    expect(tests.filter((f) => counting.test(text(f)))).toEqual([])
  })
})
