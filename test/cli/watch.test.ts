import {copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync} from 'node:fs'
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
    // Note: the stand-in fonts live in node_modules: their files are watched one by one.
    expect(result.stdout).toMatch(/^watching source, templates, 4 font files \(Ctrl-C to stop\)$/m)
    expect(result.stdout).toMatch(/^rebuilt after a change of templates\/blocks\/related\.hbs: 2 written in /m)
    expect(result.stdout).toMatch(/^rebuilt after a change of source\/corpus-0001\.md: 1 written in /m)
  })

  it('should rebuild after a change of a font file a profile names outside the watched folders, and apply a changed configuration', async () => {
    const other = makeProject(1)
    try {
      // The body font, copied out of node_modules into fonts/ (a folder watch does not otherwise watch).
      mkdirSync(path.join(other.root, 'fonts'))
      const font = path.join(other.root, 'fonts', 'body.ttf')
      copyFileSync(path.join(other.root, 'node_modules', '@expo-google-fonts', 'noto-serif-sc', '400Regular', 'NotoSerifSC_400Regular.ttf'), font)
      const profile = path.join(other.root, 'templates', 'profiles', 'official.yaml')
      writeFileSync(profile, readFileSync(profile, 'utf8').replace(/(  body:\n(?:    .*\n)*?    file: ).*/, '$1../../fonts/body.ttf'))
      let stop!: () => void
      const stopped = new Promise<void>((resolve) => (stop = resolve))
      let out = ''
      const running = other.run(['watch'], {stop: stopped, onStdout: (text) => (out = text)})
      try {
        expect(await until(() => out.includes('(Ctrl-C to stop)'))).toBe(true)
        expect(out).toMatch(/^watching source, templates, \d+ font files? \(Ctrl-C to stop\)$/m)
        copyFileSync(font, `${font}.new`)
        writeFileSync(font, readFileSync(`${font}.new`))
        expect(await until(() => /rebuilt after a change of fonts\/body\.ttf/.test(out))).toBe(true)
        writeFileSync(path.join(other.root, 'zhiban.config.json'), JSON.stringify({out: 'public'}))
        expect(await until(() => existsSync(path.join(other.root, 'public', 'corpus-0001', 'manifest.json')))).toBe(true)
        expect(out).toMatch(/^the configuration changed: building again with it$/m)
      } finally {
        stop()
      }
      expect((await running).code).toBe(0)
    } finally {
      other.remove()
    }
  })

  it('should keep the booklet profile of --booklet-profile in the rebuilds after an edit', async () => {
    const real = makeProject(1, {real: true})
    const mm = 72 / 25.4
    const booklet = path.join(real.root, 'dist', 'corpus-0001', 'corpus-0001.booklet.pdf')
    const width = () => {
      try {
        const box = /\/TrimBox \[([-\d.]+) ([-\d.]+) ([-\d.]+) ([-\d.]+)\]/.exec(readFileSync(booklet).toString('latin1'))!
        return Math.round((Number(box[3]) - Number(box[1])) / mm)
      } catch {
        return 0
      }
    }
    let stop!: () => void
    const stopped = new Promise<void>((resolve) => (stop = resolve))
    let out = ''
    const running = real.run(['watch', '--only', 'booklet', '--booklet-profile', 'booklet-16k'], {stop: stopped, onStdout: (text) => (out = text)})
    try {
      expect(await until(() => out.includes('(Ctrl-C to stop)'))).toBe(true)
      expect(width()).toBe(185)
      const first = readFileSync(booklet)
      const source = path.join(real.root, 'source', 'corpus-0001.md')
      writeFileSync(source, readFileSync(source, 'utf8').replace('答：', '答：修改后的一句。'))
      expect(await until(() => existsSync(booklet) && !readFileSync(booklet).equals(first))).toBe(true)
      expect(width()).toBe(185)
    } finally {
      stop()
      await running
      real.remove()
    }
  })
})
