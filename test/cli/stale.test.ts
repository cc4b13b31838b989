import {existsSync, mkdirSync, readFileSync, rmSync, writeFileSync} from 'node:fs'
import path from 'node:path'
import {afterAll, describe, expect, it} from 'vitest'
import {makeProject} from './project.ts'

const project = makeProject(3)
afterAll(() => project.remove())
const dist = (...parts: string[]) => path.join(project.root, 'dist', ...parts)

describe('a deleted source', () => {
  it('should lose its output folder and its place in the listing at the next build of every source, and nothing else', async () => {
    expect((await project.run(['build', '-q'])).code).toBe(0)
    expect(existsSync(dist('corpus-0002', 'manifest.json'))).toBe(true)
    // Things in dist/ zhiban did not write: a folder of the web editor's, one with some other manifest.json.
    mkdirSync(dist('assets'))
    writeFileSync(dist('assets', 'logo.svg'), '<svg/>')
    mkdirSync(dist('other'))
    writeFileSync(dist('other', 'manifest.json'), '{"generator": "another tool", "slug": "other"}')

    rmSync(path.join(project.root, 'source', 'corpus-0002.md'))
    // A build of named files knows only those: nothing is removed.
    expect((await project.run(['build', '-q', 'source/corpus-0001.md'])).code).toBe(0)
    expect(existsSync(dist('corpus-0002'))).toBe(true)

    const result = await project.run(['build', '--json'])
    expect(result.code).toBe(0)
    expect((JSON.parse(result.stdout) as {removed: number}).removed).toBe(1)
    expect(existsSync(dist('corpus-0002'))).toBe(false)
    expect(existsSync(dist('corpus-0001', 'manifest.json'))).toBe(true)
    expect(readFileSync(dist('assets', 'logo.svg'), 'utf8')).toBe('<svg/>')
    expect(existsSync(dist('other', 'manifest.json'))).toBe(true)
    const listing = JSON.parse(readFileSync(dist('manifest.json'), 'utf8')) as {documents: {slug: string}[]}
    // Note: the other tool's folder is not a document of this project's: not listed either.
    expect(listing.documents.map((d) => d.slug).sort()).toEqual(['corpus-0001', 'corpus-0003'])
    expect(readFileSync(dist('index.html'), 'utf8')).not.toContain('corpus-0002')
  })

  it('should lose its output folder in watch too', async () => {
    const other = makeProject(2)
    let stop!: () => void
    const stopped = new Promise<void>((resolve) => (stop = resolve))
    let out = ''
    const running = other.run(['watch'], {stop: stopped, onStdout: (text) => (out = text)})
    const folder = path.join(other.root, 'dist', 'corpus-0002')
    try {
      const until = async (check: () => boolean) => {
        for (let i = 0; i < 750 && !check(); i++) await new Promise((r) => setTimeout(r, 20))
        return check()
      }
      expect(await until(() => out.includes('(Ctrl-C to stop)') && existsSync(folder))).toBe(true)
      rmSync(path.join(other.root, 'source', 'corpus-0002.md'))
      expect(await until(() => !existsSync(folder))).toBe(true)
      expect(existsSync(path.join(other.root, 'dist', 'corpus-0001', 'manifest.json'))).toBe(true)
    } finally {
      stop()
      await running
      other.remove()
    }
  })
})
