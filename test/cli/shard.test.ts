import {spawnSync} from 'node:child_process'
import {cpSync, mkdirSync, readFileSync, writeFileSync} from 'node:fs'
import path from 'node:path'
import {afterAll, describe, expect, it} from 'vitest'
import {FAKE_WRITERS, HOME, makeProject} from './project.ts'

const project = makeProject(7)
afterAll(() => project.remove())

describe('shards', () => {
  it('should give every source to exactly one of N shards', async () => {
    const slugs: string[] = []
    for (const k of [1, 2, 3]) {
      const result = await project.run(['build', '--shard', `${k}/3`, '--json', '--out', `shard-${k}`])
      expect(result.code, result.stderr).toBe(0)
      slugs.push(...(JSON.parse(result.stdout) as {documents: {slug: string}[]}).documents.map((d) => d.slug))
    }
    expect(slugs.sort()).toEqual(['corpus-0001', 'corpus-0002', 'corpus-0003', 'corpus-0004', 'corpus-0005', 'corpus-0006', 'corpus-0007'])
  })

  it('should make the union of the shards plus `zhiban index` equal a full build, byte for byte', async () => {
    expect((await project.run(['build', '--out', 'full', '-q'])).code).toBe(0)
    mkdirSync(path.join(project.root, 'union'))
    for (const k of [1, 2, 3]) cpSync(path.join(project.root, `shard-${k}`), path.join(project.root, 'union'), {recursive: true})
    expect(project.files('union').has('index.html')).toBe(false)
    const index = await project.run(['index', '--out', 'union'])
    expect(index).toEqual({code: 0, stdout: `listed 7 documents in ${path.join(project.root, 'union', 'index.html')}\n`, stderr: ''})
    const full = project.files('full')
    expect([...full.keys()]).toContain('manifest.json')
    expect(project.files('union')).toEqual(full)
  })
})

describe('parallel builds (worker threads, through the launcher)', () => {
  const cli = (out: string, jobs: string) =>
    spawnSync(process.execPath, [path.join(HOME, 'scripts', 'zhiban.cjs'), 'build', '--out', out, '--jobs', jobs, '--force', '--json'], {
      cwd: project.root,
      env: {...process.env, ZHIBAN_WRITERS: FAKE_WRITERS, ZHIBAN_CACHE_DIR: path.join(project.root, '.cache-spawn')},
      encoding: 'utf8',
    })

  it('should write the same bytes on 2 threads as in one thread', () => {
    const two = cli('par', '2')
    expect(two.status, two.stderr).toBe(0)
    expect((JSON.parse(two.stdout) as {threads: number}).threads).toBe(2)
    const one = cli('seq', '1')
    expect(one.status, one.stderr).toBe(0)
    expect((JSON.parse(one.stdout) as {threads: number}).threads).toBe(0)
    expect(project.files('par')).toEqual(project.files('seq'))
    expect(project.files('par').size).toBe(7 * 6 + 2)
  })

  it('should report a broken profile with its file and line on 2 threads too, and exit 1', () => {
    const file = path.join(project.root, 'templates', 'profiles', 'official.yaml')
    const saved = readFileSync(file, 'utf8')
    writeFileSync(file, saved.replace('charsPerLine: 28', 'charsPerLine: zero'))
    try {
      const two = cli('broken', '2')
      expect(two.status).toBe(1)
      expect(two.stderr).toMatch(/^templates\/profiles\/official\.yaml:\d+:\d+: error profile-invalid `grid\.charsPerLine`/m)
      expect(two.stderr).not.toMatch(/\n\s+at /)
    } finally {
      writeFileSync(file, saved)
    }
  })
})
