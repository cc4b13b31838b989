/**
 * What `zhiban build` prints while it works: one line per document (editions with their time), then a
 * summary line. On a terminal a status line shows the count so far; elsewhere only plain lines.
 */
import type {DocumentReport, Report} from '../build.ts'

/** Where progress goes. */
export interface Sink {
  write(text: string): unknown
  isTTY?: boolean | undefined
}

/** Options of {@link Progress}. */
export interface Options {
  quiet?: boolean
  verbose?: boolean
}

/** Human units: 1.2 MB, 340 KB, 12 B. */
export function formatBytes(bytes: number): string {
  return bytes >= 1_000_000 ? `${(bytes / 1_000_000).toFixed(1)} MB` : bytes >= 1000 ? `${Math.round(bytes / 1000)} KB` : `${bytes} B`
}

/** 850 ms, 1.42 s. */
export function formatMs(ms: number): string {
  return ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${Math.round(ms)} ms`
}

/** Prints per-document lines and the summary. */
export class Progress {
  #done = 0
  #total = 0
  #status = false
  constructor(readonly sink: Sink, readonly options: Readonly<Options>) {}

  /** The build knows how many documents it has. */
  start = (total: number): void => {
    this.#total = total
  }

  /** A document finished. */
  document = (doc: DocumentReport): void => {
    this.#done++
    if (this.options.quiet) return
    this.#clear()
    // Note: a cached document is one line only with --verbose; a no-op rebuild of a corpus stays quiet.
    if (!doc.cached || this.options.verbose) {
      const editions = doc.cached ? 'cached' : Object.entries(doc.editionMs).map(([e, ms]) => `${e} ${formatMs(ms)}`).join(', ')
      const bytes = doc.outputs.reduce((n, o) => n + o.bytes, 0)
      this.sink.write(`${doc.ok ? 'built' : 'failed'} ${doc.source} (${editions}${doc.ok ? `; ${formatBytes(bytes)}` : ''}) ${doc.cached ? '' : formatMs(doc.ms)}`.trimEnd() + '\n')
    }
    if (this.sink.isTTY && this.#done < this.#total) {
      this.sink.write(`\x1b[2m[${this.#done}/${this.#total}] building…\x1b[0m`)
      this.#status = true
    }
  }

  /** The summary line. */
  summary(report: Readonly<Report>): void {
    this.#clear()
    if (this.options.quiet) return
    this.sink.write(`${summaryLine(report)}\n`)
  }

  #clear(): void {
    if (this.#status) this.sink.write('\r\x1b[2K')
    this.#status = false
  }
}

/**
 * `3 documents (1 rebuilt, 2 cached), 12 editions, 48 pages, 1.2 MB in 0.84 s` (or `failed: …`).
 * @param report a build report
 */
export function summaryLine(report: Readonly<Report>): string {
  const docs = report.documents
  const files = docs.flatMap((d) => d.outputs)
  const editions = docs.reduce((n, d) => n + new Set(d.outputs.map((o) => o.edition)).size, 0)
  const pages = files.reduce((n, o) => n + (o.pages ?? 0), 0)
  const bytes = files.reduce((n, o) => n + o.bytes, 0)
  const cached = docs.filter((d) => d.cached).length
  const failed = docs.filter((d) => !d.ok).length
  return `${report.ok ? '' : `failed (${failed} with errors): `}${docs.length} document${docs.length === 1 ? '' : 's'} (${docs.length - cached} built, ${cached} cached), ${editions} editions, ${pages} pages, ${formatBytes(bytes)}; ${report.written} written${report.removed ? `, ${report.removed} removed (source gone)` : ''} to ${report.out} in ${formatMs(report.ms)}`
}
