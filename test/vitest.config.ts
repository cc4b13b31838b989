import {defineConfig} from 'vitest/config'
import {ROOT} from './root.ts'

// Note: in CI (`CI=true`) vitest writes no snapshots and fails on a missing one; update goldens locally with
// `npx vitest run -u` and say why in the commit message. Asking CI to update them is refused here (vitest itself
// would let `-u` or UPDATE_SNAPSHOT through).
if (process.env.CI && (process.env.UPDATE_SNAPSHOT || process.argv.some((a) => a === '-u' || a.startsWith('--update')))) {
  throw new Error('CI must not write snapshots: run without -u / UPDATE_SNAPSHOT')
}

export default defineConfig({
  test: {
    root: ROOT,
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    reporters: ['default', './test/summary-reporter.ts'],
  },
})
