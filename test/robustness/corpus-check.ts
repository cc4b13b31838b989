/**
 * Check a batch of corpus sources in-process: each must be refused with placed errors (file:line:column), or built
 * with every edition showing the source's text in order. The PDFs' text is read by MuPDF (`mutool run
 * pdf-text.js`, one process for the whole batch); the DOCX's and the HTML's by their XML.
 */
import {execFileSync} from 'node:child_process'
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {VFile} from 'vfile'
import {compile, type Options} from '../../scripts/pipeline.ts'
import type {Output} from '../../scripts/editions.ts'
import {expectedText} from './corpus-sources.ts'
import {squeeze, textOf} from './editions.ts'

/** What went wrong with one case. */
export interface Failure {
  index: number
  markdown: string
  problem: string
}

/** The figures of a batch. */
export interface Tally {
  cases: number
  refused: number
  built: number
  /** Refused cases by the rule of their first error. */
  rules: Record<string, number>
  failures: Failure[]
}

/** A line that is only a page number (`— 1 —`). */
const PAGE_NUMBER = /^\s*—\s*\d+\s*—\s*$/

/**
 * Every page's text of each PDF, by MuPDF.
 * @param files PDF paths
 * @param script the path of pdf-text.js
 */
export function pdfPages(files: readonly string[], script: string): string[][] {
  const pages: string[][] = files.map(() => [])
  if (files.length === 0) return pages
  const out = execFileSync('mutool', ['run', script, ...files], {encoding: 'utf8', maxBuffer: 1 << 30, stdio: ['ignore', 'pipe', 'ignore']})
  for (const chunk of out.split('\u0001').slice(1)) {
    const newline = chunk.indexOf('\n')
    const [file] = chunk.slice(0, newline).split(' ').map(Number)
    pages[file!]!.push(chunk.slice(newline + 1))
  }
  return pages
}

/**
 * Whether `blocks` occur in `text` one after another (squeezed): undefined, or the first block missing with the
 * place where the text parts from it.
 */
function missing(text: string, blocks: readonly string[]): string | undefined {
  let at = 0
  for (const block of blocks) {
    const found = text.indexOf(block, at)
    if (found < 0) {
      // The longest start of the block the text has: what follows it there is where they part.
      let n = 0
      let where = -1
      for (let lo = 1, hi = block.length; lo <= hi;) {
        const mid = (lo + hi) >> 1
        const k = text.indexOf(block.slice(0, mid), at)
        if (k >= 0) [n, where, lo] = [mid, k, mid + 1]
        else hi = mid - 1
      }
      return `${block}\n  the source has …${block.slice(Math.max(0, n - 10), n + 20)}…\n  the edition has …${where < 0 ? '(nothing)' : text.slice(Math.max(0, where + n - 10), where + n + 20)}…`
    }
    at = found + block.length
  }
  return undefined
}

/** The multiset of a text's characters, as a sorted string. */
const sortedChars = (text: string): string => [...text].sort().join('')

/**
 * Check cases.
 * @param cases the sources
 * @param options compile options (every edition)
 * @param script the path of pdf-text.js
 * @param first the index of the first case (for the report)
 */
export async function checkBatch(cases: readonly string[], options: Readonly<Options>, script: string, first = 0): Promise<Tally> {
  const tally: Tally = {cases: cases.length, refused: 0, built: 0, rules: {}, failures: []}
  const dir = mkdtempSync(path.join(tmpdir(), 'zhiban-corpus-'))
  const built: {index: number; markdown: string; outputs: Output[]; pdfs: number[]}[] = []
  const pdfFiles: string[] = []
  try {
    for (const [i, markdown] of cases.entries()) {
      const index = first + i
      const fail = (problem: string): void => void tally.failures.push({index, markdown, problem})
      const file = new VFile({path: 'source/corpus.md', value: markdown})
      let result: Awaited<ReturnType<typeof compile>>
      try {
        result = await compile(file, options)
      } catch (error) {
        fail(`exception: ${(error as Error).stack ?? String(error)}`)
        continue
      }
      const errors = file.messages.filter((m) => m.fatal)
      if (!result) {
        tally.refused++
        const rule = String(errors[0]?.ruleId ?? 'none')
        tally.rules[rule] = (tally.rules[rule] ?? 0) + 1
        if (errors.length === 0) fail('refused without an error')
        for (const m of errors) if (!(m.line! >= 1 && m.column! >= 1)) fail(`an error without line and column: ${String(m)}`)
        continue
      }
      if (errors.length > 0) fail(`built with errors: ${errors.map(String).join('; ')}`)
      tally.built++
      const pdfs: number[] = []
      for (const output of result.outputs.filter((o) => o.name.endsWith('.pdf'))) {
        const name = path.join(dir, `${index}-${output.name}`)
        writeFileSync(name, output.bytes)
        pdfs.push(pdfFiles.push(name) - 1)
      }
      built.push({index, markdown, outputs: result.outputs, pdfs})
    }
    const pages = pdfPages(pdfFiles, script)
    for (const {index, markdown, outputs, pdfs} of built) {
      const fail = (problem: string): void => void tally.failures.push({index, markdown, problem})
      const want = expectedText(markdown)
      const blocks = want.blocks.map(squeeze).filter(Boolean)
      const texts = new Map<string, string>()
      for (const [k, output] of outputs.filter((o) => o.name.endsWith('.pdf')).entries()) {
        // Note: a page number is the footer, not text of the source: drop its line.
        texts.set(output.name, squeeze(pages[pdfs[k]!]!.map((page) => page.split('\n').filter((line) => !PAGE_NUMBER.test(line)).join('\n')).join('\n')))
      }
      for (const output of outputs.filter((o) => !o.name.endsWith('.pdf'))) texts.set(output.name, squeeze(textOf(output)))
      for (const [name, text] of texts) {
        if (name.endsWith('.booklet-imposed.pdf')) {
          // Note: the imposed sheets put pages in saddle-stitch order: the same characters as the booklet, not in order.
          const booklet = [...texts].find(([n]) => n.endsWith('.booklet.pdf'))?.[1] ?? ''
          if (sortedChars(text) !== sortedChars(booklet)) fail(`${name}: not the booklet's characters`)
          continue
        }
        if (!text.includes(squeeze(want.title))) fail(`${name}: the title is missing: ${want.title}`)
        const lost = missing(text, blocks)
        if (lost !== undefined) fail(`${name}: lost or changed: ${lost}`)
      }
    }
  } finally {
    rmSync(dir, {recursive: true, force: true})
  }
  return tally
}
