import {readFileSync} from 'node:fs'
import {request} from 'node:http'
import path from 'node:path'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {RELOAD_SNIPPET} from '../../scripts/commands/serve.ts'
import {makeProject} from './project.ts'

const project = makeProject(1)
let stop!: () => void
let running: ReturnType<typeof project.run>
let base = ''

beforeAll(async () => {
  expect((await project.run(['build', '-q'])).code).toBe(0)
  const stopped = new Promise<void>((resolve) => (stop = resolve))
  const listening = new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('serve did not start within 10 s')), 10_000)
    running = project.run(['serve', '--port', '0', '--no-watch'], {
      stop: stopped,
      onStdout: (text) => {
        const url = /at (http:\/\/\S+\/)\n/.exec(text)?.[1]
        if (url) {
          clearTimeout(timer)
          resolve(url)
        }
      },
    })
  })
  base = await listening
})
afterAll(() => project.remove())

function get(pathname: string, url = base): Promise<{status: number; type: string; body: string}> {
  return new Promise((resolve, reject) => {
    const target = new URL(url)
    const req = request({host: target.hostname, port: target.port, path: pathname, method: 'GET'}, (res) => {
      let body = ''
      res.setEncoding('utf8')
      res.on('data', (c: string) => (body += c))
      res.on('end', () => resolve({status: res.statusCode ?? 0, type: String(res.headers['content-type']), body}))
    })
    req.setTimeout(5000, () => req.destroy(new Error('timeout')))
    req.on('error', reject)
    req.end()
  })
}

describe('zhiban serve', () => {
  it('should listen on the loopback interface only', () => {
    expect(base).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/)
  })

  it('should serve the listing with the live-reload snippet, which is not in the file on disk', async () => {
    const page = await get('/')
    expect(page.status).toBe(200)
    expect(page.type).toBe('text/html; charset=utf-8')
    expect(page.body).toContain(RELOAD_SNIPPET)
    const disk = readFileSync(path.join(project.root, 'dist', 'index.html'), 'utf8')
    expect(disk).not.toContain('EventSource')
    expect(page.body.replace(RELOAD_SNIPPET, '')).toBe(disk)
  })

  it('should serve the editions with their types', async () => {
    const pdf = await get('/corpus-0001/corpus-0001.pdf')
    expect([pdf.status, pdf.type]).toEqual([200, 'application/pdf'])
    const docx = await get('/corpus-0001/corpus-0001.docx')
    expect([docx.status, docx.type]).toEqual([200, 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'])
    const folder = await get('/corpus-0001/')
    expect(folder.body).toContain('<a href="/corpus-0001/corpus-0001.pdf">corpus-0001.pdf</a>')
  })

  it('should refuse paths outside the output folder and answer 404 for missing files', async () => {
    expect((await get('/..%2fpackage.json')).status).toBe(403)
    expect((await get('/%2e%2e/%2e%2e/etc/passwd')).status).toBe(404)
    expect((await get('/nothing.html')).status).toBe(404)
  })

  it('should stop when asked, and close the port', async () => {
    stop()
    expect((await running).code).toBe(0)
    await expect(get('/')).rejects.toThrow()
  })
})
