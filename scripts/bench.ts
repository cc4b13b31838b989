/**
 * `zhiban bench` (`npm run bench`): build times, peak memory and sizes on the document in source/, on a
 * generated corpus and on one large source; printed as a table with each target's PASS/FAIL, written as JSON.
 *
 * Fresh-process numbers come from spawning `node scripts/zhiban.cjs build … --out <temp>`, with the child's
 * peak RSS (`process.resourceUsage().maxRSS`, worker threads included) reported at its exit.
 * Note: the targets are checked here, never in a timed unit test (the machine is shared; times vary).
 */
import {spawnSync} from 'node:child_process'
import {cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync} from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import {zhibanHome} from './paths.ts'
import {EDITIONS, type EditionName} from './editions.ts'
import {makeCorpus, makeLarge} from './corpus.ts'
import {formatBytes} from './run/progress.ts'
import {Session} from './run/session.ts'
import {watch} from './commands/watch.ts'
import type {Sink} from './run/progress.ts'
import {preparePeers, runPeer, type Peer} from './bench-peers.ts'

/** Options of {@link bench}. */
export interface Options {
  root: string
  /** Runs per timed measurement; the median is reported. */
  runs: number
  /** Documents in the generated corpus. */
  corpus: number
  /** Where the JSON goes. */
  json: string
  /** Also build the 1 MB source. */
  large: boolean
  /** The document measured, relative to the root (the targets were set on the press Q&A seed). */
  document: string
  /** Only the rows paired with the peers. */
  peersOnly?: boolean
  io: {stdout: Sink; stderr: Sink; env: Readonly<Record<string, string | undefined>>}
}

/** One row of the table. */
export interface Row {
  name: string
  /** Median wall time (ms). */
  ms?: number | undefined
  /** zhiban's median over its peer's, timed alternately in the same run (see bench-peers.ts). */
  ratio?: number | undefined
  /** Peak resident set (bytes). */
  rssBytes?: number | undefined
  bytes?: number | undefined
  pages?: number | undefined
  pagesPerSecond?: number | undefined
  target?: string | undefined
  pass?: boolean | undefined
  error?: string | undefined
}

interface Child {
  ms: number
  rssBytes: number
  code: number
  report?: {ok: boolean; documents: {ok: boolean; outputs: {edition: EditionName; bytes: number; pages?: number}[]; editionMs: Record<string, number>}[]}
  stderr: string
}

const MAXRSS = `process.on('exit',()=>process.stderr.write('\\nZHIBAN_MAXRSS='+process.resourceUsage().maxRSS+'\\n'))`

/**
 * A temporary project: templates and node_modules linked from the real one, the given sources copied.
 * With `coldCaches`, node_modules is a folder of links to the real packages, so the project's own caches
 * (shaped texts, compiled templates, validated profiles; node_modules/.cache/zhiban) start empty, but for the
 * converted WenKai font (a one-time ~13 s conversion after install, linked from the real cache).
 */
function tempProject(root: string, sources: readonly {slug: string; markdown: string}[], coldCaches = false): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'zhiban-bench-'))
  symlinkSync(path.join(root, 'templates'), path.join(dir, 'templates'))
  if (coldCaches) {
    const modules = path.join(dir, 'node_modules')
    mkdirSync(path.join(modules, '.cache', 'zhiban'), {recursive: true})
    for (const entry of readdirSync(path.join(root, 'node_modules'))) if (entry !== '.cache') symlinkSync(path.join(root, 'node_modules', entry), path.join(modules, entry))
    const fonts = path.join(root, 'node_modules', '.cache', 'zhiban', 'fonts')
    if (existsSync(fonts)) cpSync(fonts, path.join(modules, '.cache', 'zhiban', 'fonts'), {recursive: true})
  } else symlinkSync(path.join(root, 'node_modules'), path.join(dir, 'node_modules'))
  cpSync(path.join(root, 'package.json'), path.join(dir, 'package.json'))
  mkdirSync(path.join(dir, 'source'))
  for (const s of sources) writeFileSync(path.join(dir, 'source', `${s.slug}.md`), s.markdown)
  return dir
}

/**
 * Run zhiban in a fresh process and time it.
 * @param probe measure the peak memory too, through a module Node imports first (it costs the process ~8 ms: not
 *   for the rows paired with a peer, which run zhiban exactly as a user does, as the peer is run)
 */
function run(cwd: string, args: readonly string[], env: Readonly<Record<string, string | undefined>>, probe = true): Child {
  const started = performance.now()
  const child = spawnSync(process.execPath, [...(probe ? ['--import', `data:text/javascript,${encodeURIComponent(MAXRSS)}`] : []), path.join(zhibanHome(), 'scripts', 'zhiban.cjs'), ...args], {cwd, env: {...env}, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024})
  const ms = performance.now() - started
  const rss = /ZHIBAN_MAXRSS=(\d+)/.exec(child.stderr ?? '')
  let report: Child['report']
  try {
    report = JSON.parse(child.stdout) as Child['report']
  } catch {
    report = undefined
  }
  return {ms, rssBytes: rss ? Number(rss[1]) * 1024 : 0, code: child.status ?? -1, report, stderr: (child.stderr ?? '').replace(/\nZHIBAN_MAXRSS=\d+\n?/, '')}
}

function median(values: readonly number[]): number {
  const s = [...values].sort((a, b) => a - b)
  const m = Math.floor(s.length / 2)
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2
}

/** Run a fresh-process build `runs` times; the row gets the median time and the largest peak RSS. */
function measure(name: string, cwd: string, args: readonly string[], options: Readonly<Options>, target?: {ms?: number; rssBytes?: number; text: string}, runs = options.runs): {row: Row; child: Child} {
  const children: Child[] = []
  for (let i = 0; i < runs; i++) {
    const out = mkdtempSync(path.join(os.tmpdir(), 'zhiban-bench-out-'))
    children.push(run(cwd, ['build', ...args, '--out', out, '--json'], options.io.env))
    rmSync(out, {recursive: true, force: true})
  }
  const last = children.at(-1)!
  if (children.some((c) => c.code !== 0)) return {row: {name, error: (children.find((c) => c.code !== 0)!.stderr.trim().split('\n').find((l) => /error/i.test(l)) ?? `exit ${last.code}`).slice(0, 100), ...(target ? {target: target.text, pass: false} : {})}, child: last}
  const ms = median(children.map((c) => c.ms))
  const rssBytes = Math.max(...children.map((c) => c.rssBytes))
  const outputs = last.report?.documents.flatMap((d) => d.outputs) ?? []
  const bytes = outputs.reduce((n, o) => n + o.bytes, 0)
  const pages = outputs.reduce((n, o) => n + (o.pages ?? 0), 0)
  const pass = target ? (target.ms === undefined || ms <= target.ms) && (target.rssBytes === undefined || rssBytes <= target.rssBytes) : undefined
  return {row: {name, ms, rssBytes, bytes, pages, ...(pages ? {pagesPerSecond: pages / (ms / 1000)} : {}), ...(target ? {target: target.text, pass} : {})}, child: last}
}

/**
 * Run the benchmark.
 * @param options where, how many runs, where the JSON goes
 * @returns the exit code (0 even when a target fails: the table says so)
 */
export async function bench(options: Readonly<Options>): Promise<number> {
  const root = options.root
  const say = (s: string) => options.io.stdout.write(s)
  if (!existsSync(path.join(root, options.document)) || !options.document.endsWith('.md')) {
    options.io.stderr.write(`error bench: no source \`${options.document}\` to measure: give --document a .md file of the project\n`)
    return 1
  }
  const seedName = path.basename(options.document)
  const seed = readFileSync(path.join(root, options.document), 'utf8')
  const slug = path.basename(seedName, '.md')
  const rows: Row[] = []
  const project = tempProject(root, [{slug, markdown: seed}])
  try {
    say(`zhiban bench on ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, Node ${process.version}, ${options.runs} runs each\n`)
    // Warm the launcher's bundle so that no measurement pays for it.
    run(project, ['--version'], options.io.env)
    const doc = `source/${seedName}`
    if (options.peersOnly) {
      rows.push(...(await peerRows(project, doc, options)))
      return finish(rows, options)
    }
    const all = measure(`document: fresh process, every edition`, project, [doc, '--force'], options, {ms: 500, text: '≤ 0.5 s'})
    rows.push(all.row)
    // Note: the rows above and below run with zhiban's caches as a second build finds them; this one shows a first.
    const cold: Row[] = []
    for (let i = 0; i < options.runs; i++) {
      const fresh = tempProject(root, [{slug, markdown: seed}], true)
      try {
        cold.push(measure(`document: first build in a new project (zhiban's caches empty), every edition`, fresh, [doc, '--force'], options, undefined, 1).row)
      } finally {
        rmSync(fresh, {recursive: true, force: true})
      }
    }
    const coldMs = cold.map((r) => r.ms).filter((ms): ms is number => ms !== undefined)
    rows.push({...cold[0]!, ...(coldMs.length ? {ms: median(coldMs), rssBytes: Math.max(...cold.map((r) => r.rssBytes ?? 0))} : {})})
    for (const edition of EDITIONS) {
      const m = measure(`document: fresh process, ${edition}`, project, [doc, '--force', '--only', edition], options, edition === 'pdf' ? {ms: 300, text: '< 0.3 s'} : undefined)
      rows.push(m.row)
      const size = m.child.report?.documents[0]?.outputs.filter((o) => o.edition === edition).reduce((n, o) => n + o.bytes, 0)
      if (size !== undefined && edition === 'pdf') rows.push({name: 'official PDF size', bytes: size, target: '≤ 250 KB', pass: size <= 250_000})
      if (size !== undefined && edition === 'docx') rows.push({name: 'DOCX size (no embedded fonts)', bytes: size, target: '≤ 60 KB', pass: size <= 60_000})
    }
    // No-op: the same output folder twice; the second build finds everything current.
    const out = mkdtempSync(path.join(os.tmpdir(), 'zhiban-bench-out-'))
    run(project, ['build', doc, '--out', out, '--json'], options.io.env)
    const noop: Child[] = []
    for (let i = 0; i < options.runs; i++) noop.push(run(project, ['build', doc, '--out', out, '--json'], options.io.env))
    const noopMs = median(noop.map((c) => c.ms))
    rows.push(noop.every((c) => c.code === 0) ? {name: 'document: no-op rebuild (fresh process)', ms: noopMs, rssBytes: Math.max(...noop.map((c) => c.rssBytes)), target: '≤ 0.2 s', pass: noopMs <= 200} : {name: 'document: no-op rebuild', error: noop.find((c) => c.code !== 0)!.stderr.slice(0, 100), target: '≤ 0.2 s', pass: false})
    rows.push(...(await warmRows(project, doc, seed, options)))
    rows.push(await watchRow(project, out, doc, seed, options))
    rmSync(out, {recursive: true, force: true})
    rows.push(...(await peerRows(project, doc, options)))
  } finally {
    rmSync(project, {recursive: true, force: true})
  }

  return finish(rows, options, seed)
}

/** The corpus and the large source (unless only the peers), then the table and the JSON. */
function finish(rows: Row[], options: Readonly<Options>, seed?: string): number {
  const root = options.root
  if (seed === undefined) return writeResults(rows, options)
  const corpus = makeCorpus({seed, count: options.corpus})
  const corpusProject = tempProject(root, corpus)
  try {
    if (options.corpus > 0) rows.push(measure(`corpus: ${options.corpus} documents, every edition (${os.availableParallelism()} threads)`, corpusProject, ['--force'], options, {ms: 15_000, rssBytes: 600 * 1024 * 1024, text: '≤ 15 s, ≤ 600 MB'}, 1).row)
  } finally {
    rmSync(corpusProject, {recursive: true, force: true})
  }
  if (options.large) {
    const large = makeLarge(seed, 340_000)
    const largeProject = tempProject(root, [{slug: 'large', markdown: large}])
    try {
      const m = measure(`1 MB source (${formatBytes(Buffer.byteLength(large))}), every edition`, largeProject, ['--force'], options, {ms: 60_000, rssBytes: 1024 * 1024 * 1024, text: '< 60 s, < 1 GB'}, 1)
      rows.push(m.row)
    } finally {
      rmSync(largeProject, {recursive: true, force: true})
    }
  }
  return writeResults(rows, options)
}

/** Print the table and write the JSON. */
function writeResults(rows: readonly Row[], options: Readonly<Options>): number {
  const say = (s: string) => options.io.stdout.write(s)
  say(`${table(rows)}\n`)
  mkdirSync(path.dirname(options.json), {recursive: true})
  writeFileSync(options.json, `${JSON.stringify({node: process.version, cpus: os.cpus().length, cpu: os.cpus()[0]?.model, runs: options.runs, rows}, null, 2)}\n`)
  say(`written ${path.relative(options.root, options.json)}\n`)
  return 0
}

/**
 * zhiban beside its peers: each pair timed alternately (zhiban, peer, zhiban, …), at least 7 times each, medians.
 * Targets from issue 19: every edition ≤ 1.5 × Typst's three editions, `--only html` ≤ 2.5 × pandoc's HTML,
 * `--only docx` ≤ 3 × pandoc's DOCX; `--version` beside bare Node has none.
 */
async function peerRows(project: string, doc: string, options: Readonly<Options>): Promise<Row[]> {
  const peers = await preparePeers(project, path.join(project, doc), (line) => options.io.stderr.write(line))
  const runs = Math.max(7, options.runs)
  const rows: Row[] = []
  const node: Peer = {name: 'Node alone: node -e 0', command: process.execPath, args: ['-e', '0'], cwd: project}
  try {
    for (const [what, args, peer, limit] of [
      ['every edition', [doc, '--force'], peers.typst, 1.5],
      ['--only html', [doc, '--force', '--only', 'html'], peers.pandocHtml, 2.5],
      ['--only docx', [doc, '--force', '--only', 'docx'], peers.pandocDocx, 3],
      ['--version', undefined, node, undefined],
    ] as const) {
      const name = `paired: zhiban ${what}`
      if (typeof peer === 'string') {
        rows.push({name, error: peer, ...(limit ? {target: `≤ ${limit} × peer`, pass: false} : {})})
        continue
      }
      const ours: number[] = []
      const theirs: number[] = []
      let error: string | undefined
      for (let i = 0; i < runs && !error; i++) {
        const out = mkdtempSync(path.join(os.tmpdir(), 'zhiban-bench-out-'))
        const child = run(project, args ? ['build', ...args, '--out', out] : ['--version'], options.io.env, false)
        rmSync(out, {recursive: true, force: true})
        if (child.code !== 0) error = `zhiban exit ${child.code}: ${child.stderr.trim().split('\n')[0] ?? ''}`
        ours.push(child.ms)
        const ms = runPeer(peer)
        if (typeof ms === 'string') error = ms
        else theirs.push(ms)
      }
      if (error) {
        rows.push({name, error, ...(limit ? {target: `≤ ${limit} × peer`, pass: false} : {})})
        continue
      }
      const ratio = median(ours) / median(theirs)
      rows.push({name: `  peer: ${peer.name}`, ms: median(theirs)})
      rows.push({name, ms: median(ours), ratio, ...(limit ? {target: `≤ ${limit} × peer`, pass: ratio <= limit} : {})})
    }
  } finally {
    peers.close()
  }
  return rows
}

/** Warm session: the layout of the document (the page model, no drawing) and the whole PDF edition, fonts loaded. */
async function warmRows(project: string, doc: string, seed: string, options: Readonly<Options>): Promise<Row[]> {
  const job = {index: 0, slug: path.basename(doc, '.md'), rel: doc, text: seed}
  const sessionOptions = {root: project, profile: 'official', writers: options.io.env.ZHIBAN_WRITERS, editions: ['pdf'] as EditionName[]}
  // Note: the official layout with a writer that draws nothing: its time is the layout alone.
  const layout = new Session(sessionOptions, {pdf: async () => []}, ['pdf'])
  const full = new Session(sessionOptions)
  const rows: Row[] = []
  for (const [name, session, target] of [
    ['document: layout (page model), fonts loaded', layout, 20],
    ['document: PDF edition, fonts loaded', full, undefined],
  ] as const) {
    const times: number[] = []
    try {
      for (let i = 0; i <= options.runs; i++) {
        const result = await session.compile(job)
        if (!result.compiled) throw new Error(result.messages[0]?.reason ?? 'failed')
        if (i > 0) times.push(result.editionMs.pdf ?? 0)
      }
      const ms = median(times)
      rows.push({name, ms, ...(target ? {target: `< ${target} ms`, pass: ms < target} : {})})
    } catch (error) {
      rows.push({name, error: (error as Error).message.slice(0, 100), ...(target ? {target: `< ${target} ms`, pass: false} : {})})
    }
  }
  return rows
}

/** Watch: a source edit until every edition of that document is rewritten. */
async function watchRow(project: string, out: string, doc: string, seed: string, options: Readonly<Options>): Promise<Row> {
  const name = 'watch: source edit → editions rewritten'
  let stop!: () => void
  const stopped = new Promise<void>((resolve) => (stop = resolve))
  let built: ((ms: number) => void) | undefined
  let edited = 0
  const quiet: Sink = {write: () => true}
  let last: Partial<Record<EditionName, number>> = {}
  let ready!: () => void
  const isReady = new Promise<void>((resolve) => (ready = resolve))
  const watching = watch({build: {root: project, out, writers: options.io.env.ZHIBAN_WRITERS, files: [doc]}, io: {stdout: quiet, stderr: quiet}, quiet: true, stop: stopped, settleMs: 5, onReady: ready, onBuild: (result) => {
      last = result.documents[0]?.editionMs ?? {}
      built?.(result.ok && result.written > 0 ? performance.now() - edited : -1)
    }})
  const times: number[] = []
  try {
    await Promise.race([isReady, watching])
    // Note: an editing session is many edits; the median of ten is reported, the first one beside it.
    const nonce = `${process.pid}${Date.now()}`
    for (let i = 0; i < Math.max(10, options.runs); i++) {
      const done = new Promise<number>((resolve) => (built = resolve))
      edited = performance.now()
      // Note: a real edit: one paragraph gains a sentence never written before, so no cached edition matches it.
      // Note: an edit inside the text where the press Q&A has an answer; any other document gains a last paragraph.
      const edit = `第${i + 1}次修改（${nonce}）。`
      writeFileSync(path.join(project, doc), seed.includes('答：') ? seed.replace('答：', `答：${edit}`) : `${seed.trimEnd()}\n\n${edit}\n`)
      const ms = await Promise.race([done, new Promise<number>((r) => setTimeout(() => r(-1), 10_000))])
      if (ms < 0) return {name, error: 'no rebuild within 10 s', target: '≤ 100 ms', pass: false}
      times.push(ms)
    }
  } finally {
    stop()
    await watching
    writeFileSync(path.join(project, doc), seed)
  }
  const ms = median(times)
  const split = Object.entries(last).map(([e, t]) => `${e} ${Math.round(t)}`).join(', ')
  return {name: `${name}, median of ${times.length} (first ${Math.round(times[0]!)} ms; last: ${split} ms)`, ms, target: '≤ 100 ms', pass: ms <= 100}
}

/**
 * The rows as a fixed-width table.
 * @param rows measurements
 */
export function table(rows: readonly Row[]): string {
  const head = ['measurement', 'median', 'ratio', 'peak RSS', 'output', 'pages', 'pages/s', 'target', 'result']
  const body = rows.map((r) => [
    r.name,
    r.ms === undefined ? '' : r.ms >= 1000 ? `${(r.ms / 1000).toFixed(2)} s` : `${r.ms.toFixed(r.ms < 10 ? 1 : 0)} ms`,
    r.ratio === undefined ? '' : `${r.ratio.toFixed(2)}×`,
    r.rssBytes ? `${Math.round(r.rssBytes / 1024 / 1024)} MB` : '',
    r.bytes === undefined ? '' : formatBytes(r.bytes),
    r.pages ? String(r.pages) : '',
    r.pagesPerSecond ? r.pagesPerSecond.toFixed(0) : '',
    r.target ?? '',
    r.error ? `ERROR ${r.error}` : r.pass === undefined ? (r.target ? '—' : '') : r.pass ? 'PASS' : 'FAIL',
  ])
  const width = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i]!.length)))
  const line = (cells: readonly string[]) => cells.map((c, i) => c.padEnd(width[i]!)).join('  ').trimEnd()
  return [line(head), width.map((w) => '-'.repeat(w)).join('  '), ...body.map(line)].join('\n')
}
