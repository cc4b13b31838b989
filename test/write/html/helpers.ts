/**
 * Shared set-up of the web edition's tests: compile a fixture through the real pipeline, run the
 * Nu Html Checker, launch the system Chromium.
 */
import {execFile} from 'node:child_process'
import {existsSync, readFileSync} from 'node:fs'
import path from 'node:path'
import {promisify} from 'node:util'
import {VFile} from 'vfile'
import {chromium, type Browser} from 'playwright-core'
import {compile} from '../../../scripts/pipeline.ts'
import type {Output, Writer} from '../../../scripts/editions.ts'
import type {Document} from '../../../scripts/model/types.ts'
import {loadProfile, type Profile} from '../../../scripts/profile.ts'
import {loadTemplates} from '../../../scripts/templates.ts'
import {FontCache} from '../../../scripts/typeset/fonts.ts'

import {ROOT} from '../../root.ts'

export {ROOT}

/** Where screenshots go (git-ignored; for looking, not compared). */
export const ARTIFACTS = path.join(ROOT, 'test', 'artifacts', 'html')

/** The Chromium the browser tests drive (Debian's `chromium` package; CI installs it). */
export const CHROMIUM = '/usr/bin/chromium'

/** The loaded templates (shared by every test of a file). */
export const templates = loadTemplates(ROOT)

/** Stand-ins for the other editions, files of fixed sizes, so the page's edition links (with sizes) are stable. */
const stand = (files: readonly [suffix: string, edition: Output['edition'], bytes: number, pages?: number][]): Writer => async (context) =>
  files.map(([suffix, edition, bytes, pages]) => ({edition, name: `${context.doc.slug}${suffix}`, bytes: new Uint8Array(bytes), ...(pages === undefined ? {} : {pages})}))
const STAND_INS = {
  pdf: stand([['.pdf', 'pdf', 131_072, 5]]),
  booklet: stand([['.booklet.pdf', 'booklet', 262_144, 12], ['.booklet-imposed.pdf', 'booklet', 250_000, 6]]),
  docx: stand([['.docx', 'docx', 15_360]]),
}

/**
 * Compile `test/fixtures/<name>/input.md` to its web edition through the real pipeline (the other editions are
 * stand-ins of fixed sizes).
 * @param name the fixture folder
 * @param html the profile's `html` section to use instead of the official one's
 * @param options `webOnly`: the web edition alone (a text with characters no print font draws, as a web-only build allows)
 * @returns the document and the html outputs by file name; throws with the messages on failure
 */
export async function buildFixture(name: string, html?: Profile['html'], options: {webOnly?: boolean} = {}): Promise<{doc: Document; files: Map<string, string>; outputs: Output[]}> {
  const input = path.join(ROOT, 'test', 'fixtures', name, 'input.md')
  const file = new VFile({path: `test/fixtures/${name}/input.md`, value: readFileSync(input, 'utf8')})
  const official = await loadProfile('official', ROOT)
  const profile = html ? {...official, html} : official
  const result = await compile(file, {slug: name, profile, fontCache: new FontCache({root: ROOT}), templates, root: ROOT, editions: options.webOnly ? ['html'] : ['pdf', 'booklet', 'docx', 'html'], loadProfile: (n) => loadProfile(n, ROOT), writers: STAND_INS})
  if (!result) throw new Error(`fixture ${name} did not compile:\n${file.messages.map(String).join('\n')}`)
  const files = new Map(result.outputs.filter((o) => o.name.endsWith('.html')).map((o) => [o.name, new TextDecoder().decode(o.bytes)]))
  return {doc: result.doc, files, outputs: result.outputs}
}

/** One message of the Nu Html Checker. */
export interface VnuMessage {
  type: string
  url?: string
  lastLine?: number
  message: string
  extract?: string
}

/**
 * Run the Nu Html Checker (`vnu.jar`, errors only) on files.
 * @param files absolute paths
 * @throws Error saying to install Java when `java` cannot be run
 */
export async function vnu(files: readonly string[]): Promise<VnuMessage[]> {
  const jar = path.join(ROOT, 'node_modules', 'vnu-jar', 'build', 'dist', 'vnu.jar')
  if (!existsSync(jar)) throw new Error(`the Nu Html Checker is missing at ${jar}: install the dev dependency vnu-jar`)
  try {
    await promisify(execFile)('java', ['-version'])
  } catch {
    throw new Error('java is not installed: the Nu Html Checker needs it (apt-get install -y default-jre-headless)')
  }
  // Note: vnu exits 1 when it finds errors; its JSON report is on stderr either way.
  const {stderr} = await promisify(execFile)('java', ['-jar', jar, '--format', 'json', '--errors-only', ...files]).catch((error: {stderr?: string}) => ({stderr: error.stderr ?? ''}))
  return (JSON.parse(stderr) as {messages: VnuMessage[]}).messages
}

/**
 * Launch Debian's Chromium headless, with every background service that would reach the network off.
 * @throws Error naming the package when /usr/bin/chromium is missing (the test fails; it is never skipped)
 */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: install it (apt-get install -y chromium); the browser tests need a real browser`)
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-quic', '--disable-sync'],
  })
}

/**
 * A fragment placed in a minimal valid HTML5 document (for the checker and the browser).
 * @param fragment the embed.html text
 * @param head extra head content
 * @param before body content before the fragment
 * @param after body content after the fragment
 */
export function hostPage(fragment: string, {head = '', before = '', after = ''}: {head?: string; before?: string; after?: string} = {}): string {
  return `<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n<title>Host</title>\n${head}</head>\n<body>\n${before}${fragment}${after}</body>\n</html>\n`
}

const NAMED: Record<string, string> = {lt: '<', gt: '>', quot: '"', amp: '&', apos: "'"}

/**
 * Decode the character references our output uses, in one pass (so `&#x26;amp;` reads `&amp;`).
 * @param html HTML text
 */
export function decodeHtml(html: string): string {
  return html.replace(/&(#x[0-9a-f]+|#[0-9]+|lt|gt|quot|amp|apos);/gi, (_, ref: string) =>
    ref.startsWith('#x') || ref.startsWith('#X') ? String.fromCodePoint(Number.parseInt(ref.slice(2), 16)) : ref.startsWith('#') ? String.fromCodePoint(Number(ref.slice(1))) : NAMED[ref.toLowerCase()]!)
}

/**
 * Every start tag of an HTML text (escaped text holds no `<`, so each match is a real tag).
 * @param html HTML text
 */
export function startTags(html: string): string[] {
  return html.match(/<[a-zA-Z][^>]*>/g) ?? []
}
