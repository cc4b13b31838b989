/**
 * The benchmark's peers (`npm run bench`, scripts/bench.ts): zhiban and the fastest tool of the field for each kind
 * of output, timed in the same run, alternately, as whole processes on the same document, so that whatever else the
 * machine does weighs on both alike. The ratio is zhiban's median over the peer's.
 *
 * - every default edition ↔ Typst 0.14 making an A4 PDF, an A5 PDF and its HTML export in one process (through its
 *   Node binding, @myriaddreamin/typst-ts-node-compiler, a dev dependency; scripts/peers/typst.mjs), from the
 *   document written as Typst (scripts/peers/typst-source.ts), with zhiban's own fonts;
 * - `--only html` ↔ pandoc's standalone HTML of the same Markdown source; `--only docx` ↔ pandoc's DOCX. pandoc
 *   comes from Debian's packages: missing, it is installed when the benchmark runs as root with apt-get (saying so),
 *   else the rows say how to install it.
 */
import {spawnSync} from 'node:child_process'
import {accessSync, constants, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync} from 'node:fs'
import {createRequire} from 'node:module'
import os from 'node:os'
import path from 'node:path'
import {VFile} from 'vfile'
import {parse} from './parse/processor.ts'
import {typstSource} from './peers/typst-source.ts'
import {zhibanHome} from './paths.ts'

/** A peer command, ready to run. */
export interface Peer {
  /** E.g. `Typst 0.14.2: A4 + A5 PDF + HTML`. */
  name: string
  command: string
  args: string[]
  cwd: string
}

/** The peers of one benchmark run; a missing one is a reason. */
export interface Peers {
  typst: Peer | string
  pandocHtml: Peer | string
  pandocDocx: Peer | string
  /** Remove the peers' temporary folder. */
  close(): void
}

/** The fonts the Typst peer sets with: the official profile's default body, title and heading fonts (npm). */
const TYPST_FONTS = [
  '@expo-google-fonts/noto-serif-sc/400Regular/NotoSerifSC_400Regular.ttf',
  '@expo-google-fonts/noto-serif-sc/900Black/NotoSerifSC_900Black.ttf',
  '@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf',
]

function onPath(name: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    if (!dir) continue
    try {
      accessSync(path.join(dir, name), constants.X_OK)
      return path.join(dir, name)
    } catch {
      // Note: not in this folder.
    }
  }
  return undefined
}

/** pandoc's path, installed from Debian's packages first when missing and allowed; or why not. */
function pandoc(say: (line: string) => void): string {
  const found = onPath('pandoc')
  if (found) return found
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0
  if (!isRoot || !onPath('apt-get')) return 'pandoc is not installed: sudo apt-get install pandoc'
  say('bench: installing pandoc from Debian\'s packages (a peer)\n')
  const env = {...process.env, DEBIAN_FRONTEND: 'noninteractive'}
  for (const args of [['update', '-qq'], ['install', '-y', '-qq', '--no-install-recommends', 'pandoc']]) {
    const r = spawnSync('apt-get', args, {stdio: 'ignore', env})
    if (r.status !== 0) return `\`apt-get ${args.join(' ')}\` failed (exit ${r.status ?? r.signal}): install pandoc by hand`
  }
  return onPath('pandoc') ?? 'pandoc is not on PATH after apt-get install'
}

function version(command: string, args: readonly string[]): string {
  const r = spawnSync(command, args, {encoding: 'utf8'})
  return r.status === 0 ? (/\d+(\.\d+)+/.exec(r.stdout)?.[0] ?? '?') : '?'
}

/**
 * Get the peers ready for one document.
 * @param root the project (its node_modules has the fonts and the Typst binding)
 * @param seedFile the document's source file
 * @param say where a line about an installation goes
 */
export async function preparePeers(root: string, seedFile: string, say: (line: string) => void): Promise<Peers> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'zhiban-bench-peers-'))
  const close = () => rmSync(dir, {recursive: true, force: true})
  const markdown = readFileSync(seedFile, 'utf8')
  const input = path.join(dir, path.basename(seedFile))
  writeFileSync(input, markdown)

  let typst: Peer | string
  try {
    const require = createRequire(path.join(root, 'package.json'))
    require.resolve('@myriaddreamin/typst-ts-node-compiler')
    const fonts = path.join(dir, 'fonts')
    mkdirSync(fonts)
    for (const font of TYPST_FONTS) symlinkSync(require.resolve(font), path.join(fonts, path.basename(font)))
    const file = new VFile({path: path.relative(root, seedFile), value: markdown})
    const doc = await parse(file, path.basename(seedFile, '.md'))
    if (!doc) throw new Error(`${file.path} does not parse: ${file.messages[0]?.reason ?? ''}`)
    const work = path.join(dir, 'typst')
    mkdirSync(work)
    writeFileSync(path.join(work, 'main.typ'), typstSource(doc, {body: 'Noto Serif SC', heading: 'Noto Sans SC'}))
    const script = path.join(zhibanHome(), 'scripts', 'peers', 'typst.mjs')
    const peer = {name: `Typst ${version(process.execPath, [script, '--version'])}: A4 + A5 PDF + HTML, one process`, command: process.execPath, args: [script, work, fonts], cwd: root}
    // Note: a peer that fails is a row's error, not a figure.
    const check = spawnSync(peer.command, peer.args, {cwd: root, encoding: 'utf8'})
    typst = check.status === 0 ? peer : `the Typst peer failed: ${(check.stderr || `exit ${check.status}`).trim().split('\n')[0]}`
  } catch (error) {
    typst = `no Typst peer (${(error as Error).message.split('\n')[0]}): run npm ci`
  }

  const found = pandoc(say)
  const pandocVersion = found.startsWith('/') ? version(found, ['--version']) : ''
  const pandocPeer = (what: string, out: string): Peer | string =>
    found.startsWith('/') ? {name: `pandoc ${pandocVersion}: ${what}`, command: found, args: [...(what.includes('HTML') ? ['-s'] : []), input, '-o', path.join(dir, out)], cwd: dir} : found
  return {typst, pandocHtml: pandocPeer('standalone HTML', 'out.html'), pandocDocx: pandocPeer('DOCX', 'out.docx'), close}
}

/**
 * Time a peer once (whole process, wall clock).
 * @returns milliseconds, or an error line
 */
export function runPeer(peer: Readonly<Peer>): number | string {
  const started = performance.now()
  const r = spawnSync(peer.command, peer.args, {cwd: peer.cwd, encoding: 'utf8'})
  const ms = performance.now() - started
  return r.status === 0 ? ms : `${peer.name} failed: ${(r.stderr || `exit ${r.status}`).trim().split('\n')[0]}`
}
