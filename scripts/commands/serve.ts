/**
 * `zhiban serve`: a preview server on 127.0.0.1 (never another interface) for the output folder. HTML pages
 * get a live-reload snippet (Server-Sent Events) in the served response only — the files on disk are never
 * changed. A folder without index.html gets a plain listing linking every file (PDF, DOCX, HTML).
 */
import {createReadStream, existsSync, readdirSync, readFileSync, statSync} from 'node:fs'
import {createServer, type ServerResponse} from 'node:http'
import type {AddressInfo} from 'node:net'
import path from 'node:path'
import type {Options as BuildOptions} from '../build.ts'
import type {Sink} from '../run/progress.ts'
import {watch} from './watch.ts'

/** Options of {@link serve}. */
export interface Options {
  build: BuildOptions
  io: {stdout: Sink; stderr: Sink}
  /** TCP port on 127.0.0.1; 0 picks a free one. */
  port: number
  /** Build first and rebuild on change (default true). */
  watch?: boolean
  quiet?: boolean
  verbose?: boolean
  stop: Promise<void>
  /** Called with the server's address once it listens. */
  onListen?: (url: string) => void
}

/** The path under which the server answers its own requests. */
export const EVENTS_PATH = '/__zhiban/events'

/** The snippet put before `</body>` of served HTML. */
export const RELOAD_SNIPPET = `<script>/* zhiban serve: live reload (not in the file on disk) */new EventSource(${JSON.stringify(EVENTS_PATH)}).addEventListener('reload',()=>location.reload())</script>`

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.pdf': 'application/pdf',
  '.docx': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  '.ofd': 'application/ofd',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.txt': 'text/plain; charset=utf-8',
}

/**
 * Add the live-reload snippet to an HTML page.
 * @param html the page as served from disk
 */
export function injectReload(html: string): string {
  const at = html.lastIndexOf('</body>')
  return at < 0 ? `${html}${RELOAD_SNIPPET}` : `${html.slice(0, at)}${RELOAD_SNIPPET}${html.slice(at)}`
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"]/g, (c) => ({'&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;'})[c]!)
}

/** A plain listing of a folder (when it has no index.html). */
function listing(dir: string, urlPath: string): string {
  const rows = readdirSync(dir, {withFileTypes: true})
    .filter((e) => !e.name.startsWith('.'))
    .sort((a, b) => (a.name < b.name ? -1 : 1))
    .map((e) => {
      const name = e.isDirectory() ? `${e.name}/` : e.name
      return `<li><a href="${escapeHtml(encodeURI(path.posix.join(urlPath, name)))}">${escapeHtml(name)}</a></li>`
    })
  return `<!doctype html><html lang="zh-CN"><meta charset="utf-8"><title>${escapeHtml(urlPath)}</title><body><h1>${escapeHtml(urlPath)}</h1><ul>${rows.join('')}</ul></body></html>`
}

/**
 * Serve until `options.stop` resolves.
 * @param options what to serve and build
 */
export async function serve(options: Readonly<Options>): Promise<void> {
  const out = path.resolve(options.build.root, options.build.out ?? 'dist')
  const clients = new Set<ServerResponse>()
  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1')
    if (url.pathname === EVENTS_PATH) {
      response.writeHead(200, {'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive'})
      response.write(': connected\n\n')
      clients.add(response)
      request.on('close', () => clients.delete(response))
      return
    }
    let rel: string
    try {
      rel = decodeURIComponent(url.pathname)
    } catch {
      response.writeHead(400).end('bad path')
      return
    }
    const file = path.resolve(out, `.${rel}`)
    // Note: nothing outside the output folder is served, whatever the path says.
    if (file !== out && !file.startsWith(out + path.sep)) {
      response.writeHead(403).end('forbidden')
      return
    }
    if (!existsSync(file)) {
      response.writeHead(404, {'content-type': 'text/plain; charset=utf-8'}).end('not found')
      return
    }
    const send = (body: string) => response.writeHead(200, {'content-type': TYPES['.html']!, 'cache-control': 'no-store'}).end(request.method === 'HEAD' ? undefined : injectReload(body))
    if (statSync(file).isDirectory()) {
      if (!rel.endsWith('/')) {
        response.writeHead(301, {location: `${url.pathname}/`}).end()
        return
      }
      const index = path.join(file, 'index.html')
      send(existsSync(index) ? readFileSync(index, 'utf8') : listing(file, rel))
      return
    }
    const type = TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream'
    if (type.startsWith('text/html')) return send(readFileSync(file, 'utf8'))
    response.writeHead(200, {'content-type': type, 'content-length': statSync(file).size, 'cache-control': 'no-store'})
    if (request.method === 'HEAD') response.end()
    else createReadStream(file).pipe(response)
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    // Note: loopback only: a preview of unpublished documents must not be reachable from the network.
    server.listen(options.port, '127.0.0.1', () => resolve())
  })
  const address = server.address() as AddressInfo
  const url = `http://127.0.0.1:${address.port}/`
  if (!options.quiet) options.io.stdout.write(`serving ${out} at ${url}\n`)
  options.onListen?.(url)
  let builds = 0
  const reload = () => {
    for (const client of clients) client.write(`event: reload\ndata: ${++builds}\n\n`)
  }
  try {
    if (options.watch === false) await options.stop
    else await watch({build: options.build, io: options.io, quiet: options.quiet ?? false, verbose: options.verbose ?? false, stop: options.stop, onBuild: reload})
  } finally {
    for (const client of clients) client.end()
    server.closeAllConnections()
    await new Promise<void>((resolve) => server.close(() => resolve()))
  }
}
