// Which code cache the launcher starts a command line from (scripts/bundle.cjs cachePart): `build --only` has one
// per set of editions, whatever their order or spelling of the flag; everything else shares one.
import {describe, expect, it} from 'vitest'
import {cachePart} from '../../scripts/bundle.cjs'

const argv = (...args: string[]) => ['/usr/bin/node', '/x/scripts/zhiban.cjs', ...args]

describe('cachePart', () => {
  it('names the editions of build --only, sorted, once each', () => {
    expect(cachePart(argv('build', '--only', 'html'))).toBe('html')
    expect(cachePart(argv('build', 'a.md', '--only=html,docx', '--force'))).toBe('docx,html')
    expect(cachePart(argv('build', '--only', 'pdf,pdf'))).toBe('pdf')
    // Note: the last flag wins, as in the CLI.
    expect(cachePart(argv('build', '--only', 'pdf', '--only', 'html'))).toBe('html')
  })
  it('shares one cache for whole builds, other commands and anything odd', () => {
    expect(cachePart(argv('build'))).toBe('all')
    expect(cachePart(argv('build', '--', '--only', 'html'))).toBe('all')
    expect(cachePart(argv('check', '--only', 'html'))).toBe('all')
    expect(cachePart(argv('--version'))).toBe('all')
    expect(cachePart(argv('build', '--only', '../x'))).toBe('all')
    expect(cachePart(argv('build', '--only'))).toBe('all')
  })
})
