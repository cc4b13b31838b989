/**
 * A build session: what stays loaded between documents (templates, profiles, fonts, writers). The main
 * thread, each worker thread and `zhiban watch` each hold one, so fonts are read once per thread.
 */
import path from 'node:path'
import {pathToFileURL} from 'node:url'
import {VFile} from 'vfile'
import {toData, type MessageData} from './messages.ts'
import {compile} from '../pipeline.ts'
import {WRITERS} from '../write/writers.ts'
import type {EditionName, Output, Writer} from '../editions.ts'
import {loadProfile, type Profile} from '../profile.ts'
import {loadTemplates, type Templates} from '../templates.ts'
import {FontCache} from '../typeset/fonts.ts'
import {hasErrors} from '../diagnostics/report.ts'
import type {Manifest} from '../write/manifest.ts'
import {nowMs} from '../clock.ts'

/** What opens a session (plain data: it crosses into worker threads). */
export interface SessionOptions {
  root: string
  /** Profile name or file of the official editions. */
  profile: string
  /** Profile name or file of the booklet (default `booklet`). */
  bookletProfile?: string | undefined
  fontDir?: string | undefined
  /** A module that exports `writers` (some editions' writers) and optionally `writeIndex`, replacing the built-in ones. */
  writers?: string | undefined
  baseUrl?: string | undefined
  editions: readonly EditionName[]
}

/** One document to compile (plain data). */
export interface Job {
  index: number
  slug: string
  /** The source path relative to the root. */
  rel: string
  text: string
}

/** A compiled document (plain data). */
export interface JobResult {
  index: number
  /** Compiled without a fatal message. */
  compiled: boolean
  outputs: Output[]
  meta?: {title: string; issuer: string; date: string} | undefined
  messages: MessageData[]
  /** Milliseconds per edition. */
  editionMs: Partial<Record<EditionName, number>>
  ms: number
}

/** The optional writer module's shape. */
export interface WriterModule {
  writers?: Partial<Record<EditionName, Writer>>
  writeIndex?: (manifests: readonly Manifest[], templates: Templates) => Uint8Array | Promise<Uint8Array>
}

/** Loaded state shared by every document of a thread. */
export class Session {
  #templates: Templates | undefined
  #fontCache: FontCache
  readonly #profiles = new Map<string, Promise<Profile>>()
  #module: Promise<WriterModule> | undefined
  /**
   * @param options what the session loads (plain data)
   * @param writers writers that replace the built-in and module ones, in this thread only (the benchmark's layout-only pass)
   * @param layoutFor the editions laid out (default: those the built-in writers write; see pipeline.ts `Options`)
   */
  constructor(
    readonly options: Readonly<SessionOptions>,
    readonly writers: Readonly<Partial<Record<EditionName, Writer>>> = {},
    readonly layoutFor?: readonly EditionName[],
  ) {
    this.#fontCache = new FontCache({root: options.root, fontDir: options.fontDir})
  }

  /** The templates, compiled once per session. */
  templates(): Templates {
    this.#templates ??= loadTemplates(this.options.root)
    return this.#templates
  }

  /** Load a profile once. */
  loadProfile = (name: string): Promise<Profile> => {
    let p = this.#profiles.get(name)
    if (!p) this.#profiles.set(name, (p = loadProfile(name, this.options.root)))
    return p
  }

  /** The injected writer module ({} when none). */
  writerModule(): Promise<WriterModule> {
    // Note: from the bundled CLI, through the launcher's import() (see scripts/bundle.cjs); from the sources, directly.
    const load = (globalThis as {ZHIBAN_IMPORT?: (specifier: string) => Promise<unknown>}).ZHIBAN_IMPORT ?? ((specifier: string) => import(specifier))
    this.#module ??= this.options.writers ? (load(pathToFileURL(path.resolve(this.options.root, this.options.writers)).href) as Promise<WriterModule>) : Promise.resolve({})
    return this.#module
  }

  /**
   * Load templates, the profile, its fonts and the writers now, so that the first document does not wait
   * for them (`zhiban watch` calls this after its first build).
   */
  async warm(): Promise<void> {
    this.#templates ??= loadTemplates(this.options.root)
    const profile = await this.loadProfile(this.options.profile)
    await this.#fontCache.prefetch(profile)
    this.#fontCache.forProfile(profile)
    const injected = (await this.writerModule()).writers ?? {}
    for (const edition of this.options.editions) if (!injected[edition]) await WRITERS[edition]()
  }

  /** Save what the fonts shaped for the next process (see typeset/shape-store.ts). */
  saveShapes(): void {
    this.#fontCache.saveShapes(true)
  }

  /**
   * Compile one document.
   * @param job the document
   */
  async compile(job: Readonly<Job>): Promise<JobResult> {
    const started = nowMs()
    this.#templates ??= loadTemplates(this.options.root)
    const profile = await this.loadProfile(this.options.profile)
    const injected = {...(await this.writerModule()).writers, ...this.writers}
    const editionMs: Partial<Record<EditionName, number>> = {}
    const file = new VFile({path: job.rel, value: job.text})
    const result = await compile(file, {
      slug: job.slug,
      profile,
      fontCache: this.#fontCache,
      templates: this.#templates,
      root: this.options.root,
      editions: this.options.editions,
      loadProfile: this.loadProfile,
      bookletProfile: this.options.bookletProfile ?? 'booklet',
      writers: injected,
      ...(this.layoutFor ? {layoutFor: this.layoutFor} : {}),
      editionMs,
      ...(this.options.baseUrl ? {baseUrl: this.options.baseUrl} : {}),
    })
    // Note: at most every few seconds (a watch session, a worker thread); build() saves at its end.
    this.#fontCache.saveShapes(false)
    const compiled = result !== undefined && !hasErrors(file)
    return {
      index: job.index,
      compiled,
      outputs: compiled ? result.outputs : [],
      meta: result ? {title: titleText(result.doc.meta.title), issuer: result.doc.meta.issuer, date: result.doc.meta.date} : undefined,
      messages: file.messages.map(toData),
      editionMs,
      ms: nowMs() - started,
    }
  }
}

function titleText(title: unknown): string {
  return Array.isArray(title) ? title.join('') : String(title)
}

