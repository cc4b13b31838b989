import {fileURLToPath} from 'node:url'
import {defineConfig} from 'vitest/config'

// Note: in CI (`CI=true`) vitest writes no snapshots and fails on a missing one;
// update goldens locally with `npx vitest run -u` and say why in the commit message.
export default defineConfig({
  test: {
    root: fileURLToPath(new URL('..', import.meta.url)),
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
  },
})
