import {readFileSync, statSync, writeFileSync} from 'node:fs'
import path from 'node:path'
import {afterAll, describe, expect, it} from 'vitest'
import {makeProject} from './project.ts'

const project = makeProject(3)
afterAll(() => project.remove())

type Json = {written: number; documents: {slug: string; cached: boolean}[]}
const build = async (...args: string[]) => {
  const result = await project.run(['build', '--json', ...args])
  expect(result.code, result.stderr).toBe(0)
  return JSON.parse(result.stdout) as Json
}

describe('the build cache', () => {
  it('should make a second build a no-op that leaves dist/ untouched', async () => {
    const first = await build()
    expect(first.documents.map((d) => d.cached)).toEqual([false, false, false])
    expect(first.written).toBe(3)
    const before = project.files('dist')
    const pdf = path.join(project.root, 'dist', 'corpus-0001', 'corpus-0001.pdf')
    const mtime = statSync(pdf).mtimeMs
    const second = await build()
    expect(second.documents.map((d) => d.cached)).toEqual([true, true, true])
    expect(second.written).toBe(0)
    expect(statSync(pdf).mtimeMs).toBe(mtime)
    expect(project.files('dist')).toEqual(before)
  })

  it('should rebuild only the document whose source changed', async () => {
    const file = path.join(project.root, 'source', 'corpus-0002.md')
    writeFileSync(file, readFileSync(file, 'utf8').replace('答：', '答：新增一句。'))
    const result = await build()
    expect(result.documents.map((d) => d.cached)).toEqual([true, false, true])
    expect(result.written).toBe(1)
    expect(readFileSync(path.join(project.root, 'dist', 'corpus-0002', 'corpus-0002.html'), 'utf8')).toContain('答：新增一句。')
  })

  it('should rebuild every document when a template changes, and the editions change', async () => {
    const before = project.files('dist')
    const template = path.join(project.root, 'templates', 'blocks', 'related.hbs')
    writeFileSync(template, readFileSync(template, 'utf8').replace('相关链接：', '相关文件：'))
    const result = await build()
    expect(result.documents.map((d) => d.cached)).toEqual([false, false, false])
    const after = project.files('dist')
    for (const name of ['corpus-0001/corpus-0001.pdf', 'corpus-0001/corpus-0001.docx', 'corpus-0001/corpus-0001.html', 'corpus-0003/corpus-0003.booklet.pdf']) {
      expect(after.get(name)?.equals(before.get(name)!), name).toBe(false)
    }
  })

  it('should rebuild when the profile changes', async () => {
    const profile = path.join(project.root, 'templates', 'profiles', 'official.yaml')
    writeFileSync(profile, `${readFileSync(profile, 'utf8')}\n# a comment changes the profile's bytes\n`)
    expect((await build()).documents.map((d) => d.cached)).toEqual([false, false, false])
  })

  it('should key the cache on the editions selected', async () => {
    const only = await build('--only', 'pdf', '--out', 'dist-pdf')
    expect(only.documents.map((d) => d.cached)).toEqual([false, false, false])
    expect([...project.files('dist-pdf').keys()].filter((f) => f.startsWith('corpus-0001/'))).toEqual(['corpus-0001/corpus-0001.pdf', 'corpus-0001/manifest.json'])
  })

  it('should rebuild everything with --force, to the same bytes', async () => {
    const before = project.files('dist')
    const result = await build('--force')
    expect(result.documents.map((d) => d.cached)).toEqual([false, false, false])
    expect(project.files('dist')).toEqual(before)
  })

  it('should build again under another SOURCE_DATE_EPOCH (the date of a source without one)', async () => {
    await build()
    // Note: the build runs in this process, which reads SOURCE_DATE_EPOCH from its own environment.
    process.env.SOURCE_DATE_EPOCH = '1668038400'
    try {
      expect((await build()).documents.map((d) => d.cached)).toEqual([false, false, false])
    } finally {
      delete process.env.SOURCE_DATE_EPOCH
    }
  })

  it('should build again under another ICU or Unicode version (the title word breaks follow the ICU data of Node)', async () => {
    await build()
    for (const key of ['icu', 'unicode'] as const) {
      const own = Object.getOwnPropertyDescriptor(process.versions, key)!
      // Note: the build runs in this process; process.versions' entries are read-only but configurable.
      Object.defineProperty(process.versions, key, {...own, value: `${own.value}-other`})
      try {
        expect((await build()).documents.map((d) => d.cached), key).toEqual([false, false, false])
      } finally {
        Object.defineProperty(process.versions, key, own)
      }
    }
  })

  it('should write the editions in their order whatever order --only names them (the page lists the PDF)', async () => {
    const result = await build('--force', '--only', 'html,pdf', 'source/corpus-0001.md')
    expect(result.documents[0]!.cached).toBe(false)
    const manifest = JSON.parse(readFileSync(path.join(project.root, 'dist', 'corpus-0001', 'manifest.json'), 'utf8')) as {files: {edition: string}[]}
    expect(manifest.files.map((f) => f.edition).sort()).toEqual(['html', 'pdf'])
    const page = readFileSync(path.join(project.root, 'dist', 'corpus-0001', 'corpus-0001.html'), 'utf8')
    expect(page).toContain('corpus-0001.pdf')
  })
})
