/**
 * The cache, shards and worker threads with the real edition writers (PDF, booklet, DOCX, HTML).
 */
import {spawnSync} from 'node:child_process'
import {cpSync, mkdirSync, readFileSync, writeFileSync} from 'node:fs'
import path from 'node:path'
import {afterAll, describe, expect, it} from 'vitest'
import {HOME, makeProject} from './project.ts'

const project = makeProject(4, {real: true})
afterAll(() => project.remove())

type Json = {ok: boolean; threads: number; documents: {slug: string; cached: boolean}[]}

describe('with the real editions', () => {
  it('should write the same bytes on 2 worker threads as in one thread', () => {
    const cli = (out: string, jobs: string) =>
      spawnSync(process.execPath, [path.join(HOME, 'scripts', 'zhiban.cjs'), 'build', '--out', out, '--jobs', jobs, '--force', '--json'], {
        cwd: project.root,
        env: {...process.env, ZHIBAN_WRITERS: '', ZHIBAN_CACHE_DIR: path.join(project.root, '.cache-spawn')},
        encoding: 'utf8',
      })
    const two = cli('par', '2')
    expect(two.status, two.stderr).toBe(0)
    expect((JSON.parse(two.stdout) as Json).threads).toBe(2)
    const one = cli('seq', '1')
    expect(one.status, one.stderr).toBe(0)
    const par = project.files('par')
    expect([...par.keys()].filter((f) => f.startsWith('corpus-0001/'))).toEqual([
      'corpus-0001/corpus-0001.booklet-imposed.pdf',
      'corpus-0001/corpus-0001.booklet.pdf',
      'corpus-0001/corpus-0001.docx',
      'corpus-0001/corpus-0001.ofd',
      'corpus-0001/corpus-0001.pdf',
      'corpus-0001/embed.html',
      'corpus-0001/index.html',
      'corpus-0001/manifest.json',
    ])
    expect(par).toEqual(project.files('seq'))
  })

  it('should make the union of 2 shards plus `zhiban index` equal a full build', async () => {
    expect((await project.run(['build', '--out', 'full', '-q'])).code).toBe(0)
    mkdirSync(path.join(project.root, 'union'))
    for (const k of [1, 2]) {
      expect((await project.run(['build', '--shard', `${k}/2`, '--out', `shard-${k}`, '-q'])).code).toBe(0)
      cpSync(path.join(project.root, `shard-${k}`), path.join(project.root, 'union'), {recursive: true})
    }
    expect((await project.run(['index', '--out', 'union', '-q'])).code).toBe(0)
    expect(project.files('union')).toEqual(project.files('full'))
  })

  it('should rebuild after a template change, and the affected editions change', async () => {
    const before = project.files('full')
    for (const name of ['related.hbs', 'related-print.hbs']) {
      const template = path.join(project.root, 'templates', 'blocks', name)
      writeFileSync(template, readFileSync(template, 'utf8').replace('相关链接：', '相关文件：'))
    }
    const result = await project.run(['build', '--out', 'full', '--json'])
    expect(result.code, result.stderr).toBe(0)
    expect((JSON.parse(result.stdout) as Json).documents.map((d) => d.cached)).toEqual([false, false, false, false])
    const after = project.files('full')
    for (const name of ['corpus-0002/corpus-0002.pdf', 'corpus-0002/corpus-0002.docx', 'corpus-0002/corpus-0002.ofd', 'corpus-0002/index.html', 'corpus-0002/embed.html']) {
      expect(after.get(name)?.equals(before.get(name)!), name).toBe(false)
    }
    expect(after.get('corpus-0002/index.html')!.toString('utf8')).toContain('相关文件：')
    // The listing depends on templates/html/listing.hbs too: a change rewrites index.html, and nothing else.
    const listing = path.join(project.root, 'templates', 'html', 'listing.hbs')
    writeFileSync(listing, readFileSync(listing, 'utf8').replace('<h1>文件目录</h1>', '<h1>文件目录（新）</h1>'))
    const relisted = await project.run(['build', '--out', 'full', '-q'])
    expect(relisted.code).toBe(0)
    const relistedFiles = project.files('full')
    expect(relistedFiles.get('index.html')!.toString('utf8')).toContain('文件目录（新）')
    expect([...relistedFiles].filter(([name, bytes]) => !bytes.equals(after.get(name)!)).map(([name]) => name)).toEqual(['index.html'])
    writeFileSync(listing, readFileSync(listing, 'utf8').replace('<h1>文件目录（新）</h1>', '<h1>文件目录</h1>'))
    const again = await project.run(['build', '--out', 'full', '--json'])
    expect((JSON.parse(again.stdout) as Json).documents.map((d) => d.cached)).toEqual([true, true, true, true])
    expect(project.files('full')).toEqual(after)
  })
})
