/**
 * The OFD's bytes do not depend on the machine's time zone: the same document built in two zones, in child
 * processes, on a day whose midnight one of them skips (Chile's clocks jumped from 2022-09-11 00:00 to 01:00).
 */
import {spawnSync} from 'node:child_process'
import {mkdirSync} from 'node:fs'
import path from 'node:path'
import {build} from 'esbuild'
import {beforeAll, describe, expect, it} from 'vitest'
import {ROOT} from '../../root.ts'

const OUT = path.join(ROOT, 'test', 'artifacts', 'ofd-timezone')
let entry = ''

beforeAll(async () => {
  mkdirSync(OUT, {recursive: true})
  await build({entryPoints: {child: path.join(ROOT, 'test', 'write', 'ofd', 'tz-child.ts')}, outdir: OUT, bundle: true, format: 'esm', platform: 'node', target: 'node20', packages: 'external', logLevel: 'error', outExtension: {'.js': '.mjs'}})
  entry = path.join(OUT, 'child.mjs')
}, 60_000)

const hashIn = (tz: string, date: string): string => {
  const run = spawnSync(process.execPath, [entry, ROOT, date], {cwd: ROOT, env: {...process.env, TZ: tz}, encoding: 'utf8'})
  expect(run.stderr).toBe('')
  expect(run.status).toBe(0)
  return run.stdout
}

describe('the OFD in two time zones', () => {
  it.each([['2022-09-11T00:00:00Z'], ['2024-03-01T00:00:00Z']])('should be the same bytes for a document dated %s', (date) => {
    const utc = hashIn('UTC', date)
    expect(utc).toMatch(/^[0-9a-f]{64}$/)
    expect(hashIn('America/Santiago', date)).toBe(utc)
    expect(hashIn('Asia/Shanghai', date)).toBe(utc)
  }, 120_000)
})
