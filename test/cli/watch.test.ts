import {readFileSync, writeFileSync} from 'node:fs'
import path from 'node:path'
import {afterAll, describe, expect, it} from 'vitest'
import {makeProject} from './project.ts'

const project = makeProject(2)
afterAll(() => project.remove())

/** Poll until `check` holds, at most `ms`. */
async function until(check: () => boolean, ms = 15_000): Promise<boolean> {
  const end = Date.now() + ms
  while (Date.now() < end) {
    if (check()) return true
    await new Promise((r) => setTimeout(r, 20))
  }
  return check()
}

describe('zhiban watch', () => {
  it('should rebuild the editions after a template change and a source change, then stop', async () => {
    let stop!: () => void
    const stopped = new Promise<void>((resolve) => (stop = resolve))
    let watching = false
    const running = project.run(['watch'], {stop: stopped, onStdout: (text) => (watching ||= text.includes('(Ctrl-C to stop)'))})
    const html = path.join(project.root, 'dist', 'corpus-0001', 'corpus-0001.html')
    const read = () => {
      try {
        return readFileSync(html, 'utf8')
      } catch {
        return ''
      }
    }
    try {
      // Note: the watchers are set up after the first build; `watching …` says they are.
      expect(await until(() => watching && read() !== '')).toBe(true)
      const first = read()
      const template = path.join(project.root, 'templates', 'blocks', 'related.hbs')
      writeFileSync(template, readFileSync(template, 'utf8').replace('相关链接：', '相关文件：'))
      expect(await until(() => read() !== first)).toBe(true)
      const second = read()
      const source = path.join(project.root, 'source', 'corpus-0001.md')
      writeFileSync(source, readFileSync(source, 'utf8').replace('答：', '答：修改后的一句。'))
      expect(await until(() => read() !== second)).toBe(true)
      expect(read()).toContain('修改后的一句。')
    } finally {
      stop()
    }
    const result = await running
    expect(result.code).toBe(0)
    expect(result.stdout).toMatch(/^watching source, templates \(Ctrl-C to stop\)$/m)
    expect(result.stdout).toMatch(/^rebuilt after a change of templates\/blocks\/related\.hbs: 2 written in /m)
    expect(result.stdout).toMatch(/^rebuilt after a change of source\/corpus-0001\.md: 1 written in /m)
  })
})
