/**
 * The CLI's own process writes its standard output and error straight to the descriptors when they are pipes
 * (scripts/run/std.ts): everything arrives, in order, however much there is (well over a pipe's buffer, on standard error), and the
 * exit code is kept.
 */
import {spawn, spawnSync} from 'node:child_process'
import {mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync, cpSync} from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import {afterAll, describe, expect, it} from 'vitest'
import {HOME} from './project.ts'

const root = mkdtempSync(path.join(os.tmpdir(), 'zhiban-std-'))
afterAll(() => rmSync(root, {recursive: true, force: true}))

describe('the CLI\'s standard output and error', () => {
  it('should carry thousands of lines through pipes, in order, with the exit code', () => {
    cpSync(path.join(HOME, 'templates'), path.join(root, 'templates'), {recursive: true})
    symlinkSync(path.join(HOME, 'node_modules'), path.join(root, 'node_modules'))
    writeFileSync(path.join(root, 'package.json'), '{"name": "std-test", "private": true}\n')
    mkdirSync(path.join(root, 'source'))
    // Note: a half-width comma between Chinese characters is a warning (halfwidth-punctuation), one a paragraph.
    const count = 3000
    const body = Array.from({length: count}, (_, i) => `第${i + 1}段文字,后半句。`).join('\n\n')
    writeFileSync(path.join(root, 'source', 'many.md'), `---\ntitle: 标题\nissuer: 机关\ndate: 2022-11-10\nkind: press-qa\n---\n\n${body}\n`)
    const cli = (...args: string[]) => spawnSync(process.execPath, [path.join(HOME, 'scripts', 'zhiban.cjs'), ...args], {cwd: root, encoding: 'utf8', maxBuffer: 64 << 20})
    const text = cli('check', 'source/many.md', '--frail')
    expect(text.status).toBe(1)
    const warnings = text.stderr.split('\n').filter((line) => line.includes('halfwidth-punctuation'))
    expect(warnings).toHaveLength(count)
    expect(warnings.map((line) => Number(/:(\d+):\d+:/.exec(line)![1]))).toEqual(Array.from({length: count}, (_, i) => 8 + 2 * i))
    expect(text.stdout).toBe('failed: 1 document checked\n')
    expect(text.stderr.length).toBeGreaterThan(256 * 1024)
    const json = cli('check', 'source/many.md', '--json')
    expect(json.status).toBe(0)
    expect((JSON.parse(json.stdout) as {documents: {slug: string}[]}).documents.map((d) => d.slug)).toEqual(['many'])
    expect(json.stderr.split('\n').filter((line) => line.includes('warning halfwidth-punctuation'))).toHaveLength(count)
  }, 60_000)

  it('should keep all of it when worker threads made Node\'s streams and the reader is slow', async () => {
    // Note: a build on worker threads makes Node's stdout and stderr (the threads' output goes through them), which
    // makes the pipes non-blocking: a write to a full pipe is then refused and goes through Node's stream, which the
    // process must wait for before it ends.
    writeFileSync(path.join(root, 'source', 'other.md'), '---\ntitle: 另一篇\nissuer: 机关\ndate: 2022-11-10\nkind: press-qa\n---\n\n正文。\n')
    const child = spawn(process.execPath, [path.join(HOME, 'scripts', 'zhiban.cjs'), 'build', 'source/many.md', 'source/other.md', '--force', '-j', '2', '--only', 'html', '--out', path.join(root, 'out')], {cwd: root})
    child.stderr.pause()
    child.stdout.resume()
    const closed = new Promise<number | null>((resolve) => child.on('close', resolve))
    await new Promise((resolve) => setTimeout(resolve, 1500))
    let stderr = ''
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk))
    child.stderr.resume()
    const code = await closed
    expect(code).toBe(0)
    expect(stderr.split('\n').filter((line) => line.includes('warning halfwidth-punctuation'))).toHaveLength(3000)
  }, 60_000)
})
