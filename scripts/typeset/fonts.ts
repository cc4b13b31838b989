/**
 * The font registry: each profile font resolved to a file (ZHIBAN_FONT_DIR first, then the
 * profile's `file`, which defaults to the open fonts shipped from npm), read once per process,
 * converted from WOFF to TTF once (cached under node_modules/.cache/zhiban/fonts), and parsed
 * with fontkit.
 *
 * See scripts/typeset/FONTS.md §1 (why WOFF must never reach fontkit directly).
 */
import {closeSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, readSync} from 'node:fs'
import {createRequire} from 'node:module'
import path from 'node:path'
import type * as fontkit from 'fontkit'
import type {Profile} from '../profile.ts'
import {FileHashes} from '../file-hashes.ts'
import {packageFolder, resolveFontFile} from '../paths.ts'
import {FontFile} from './font-file.ts'
import {lazyFont} from './lazy-font.ts'
import {ShapeStore} from './shape-store.ts'
import {writeFileAtomic} from '../atomic.ts'
import {cachedCoverage, hasCoverage, recordCoverage, recordedCoverage, type Coverage} from './cmap-cache.ts'

// Note: fontkit is loaded on first need (its module's start takes a few ms), so that a build that draws nothing
// itself (the HTML edition alone), or whose texts are all shaped before (lazy-font.ts), never pays for it: an async
// caller may await loadFontkit(); a synchronous first use requires it.
let fontkitModule: typeof fontkit | undefined

/** Load fontkit (once per process). */
export async function loadFontkit(): Promise<typeof fontkit> {
  fontkitModule ??= await import('fontkit')
  return fontkitModule
}

function kit(): typeof fontkit {
  if (!fontkitModule) {
    try {
      // Note: in the CLI's bundle, esbuild's require: the bundled fontkit, started now (the module loadFontkit() gives).
      fontkitModule = require('fontkit') as typeof fontkit
    } catch {
      // Note: where there is no such require (the sources run as ES modules, an ES module bundle), Node's.
      fontkitModule = createRequire(import.meta.url)('fontkit') as typeof fontkit
    }
  }
  return fontkitModule
}

/** A parsed font with the bytes it came from. */
export interface LoadedFont {
  /** The profile's key for the font (`body`, `title`, …). */
  key: string
  /** The name an office's licensed font has (profile `family`). */
  family: string
  alternates: string[]
  /** The TrueType/OpenType file actually used (after WOFF conversion). */
  path: string
  /** The file as layout read it: its tables, the outlines read on demand (see font-file.ts). */
  file: FontFile
  /** The whole file (read on first use: for the DOCX's and the web font's HarfBuzz subsets). */
  readonly bytes: Buffer
  /**
   * The font parsed from {@link file}'s tables: cmap, metrics, GSUB and GPOS, but no outlines (a TrueType font's
   * glyph paths and boxes read as empty here; parse {@link bytes} for them).
   */
  font: fontkit.Font
  /** Whether the file came from ZHIBAN_FONT_DIR (a licensed font) rather than the profile's default. */
  licensed: boolean
  /** The font file the profile names, as found (before any WOFF conversion), known without reading the font. */
  source?: string
}

/** A font problem, naming the profile key. */
export class FontError extends Error {
  constructor(readonly profileFile: string, readonly key: string, reason: string) {
    super(`${profileFile}: fonts.${key}: ${reason}`)
    this.name = 'FontError'
  }
}

/** Options of {@link FontCache}. */
export interface Options {
  /** Project root (for `npm:` paths and the cache folder). */
  root: string
  /** A folder of licensed fonts searched first (ZHIBAN_FONT_DIR). */
  fontDir?: string | undefined
}

/**
 * Reads each font file once per process and shares it between profiles and editions.
 */
export class FontCache {
  readonly #files = new Map<string, {file: FontFile; font: fontkit.Font; path: string}>()
  #dirIndex: Map<string, string> | undefined
  #hashes: FileHashes | undefined
  /** Files being read ahead (see {@link prefetch}), by the path {@link forProfile} will load. */
  readonly #reading = new Map<string, Promise<FontFile | undefined>>()
  readonly #read = new Map<string, FontFile>()
  #shapes: ShapeStore | undefined
  readonly #located = new Map<string, {file: string; licensed: boolean}>()
  #fontkitVersion: string | undefined
  constructor(readonly options: Readonly<Options>) {}

  /**
   * Save the shaped texts of every loaded font for the next process (see shape-store.ts).
   * @param now write now; otherwise at most every few seconds
   */
  saveShapes(now = true): void {
    this.#shapes?.save(now)
  }

  /**
   * Start reading a profile's font files on the thread pool, so that the reading (tens of MB) overlaps the
   * parsing done meanwhile; resolves when they are in memory. Problems are left for {@link forProfile} to report.
   * @param profile a validated profile
   */
  async prefetch(profile: Profile): Promise<void> {
    // Note: fontkit is not loaded here: a font is parsed by it only when something asks what its bytes do not
    // answer (lazy-font.ts).
    const pending: Promise<unknown>[] = []
    for (const spec of Object.values(profile.fonts)) {
      let file: string
      try {
        const named = this.#locate(spec, profile.file).file
        if (this.#files.has(named) || !existsSync(named)) continue
        file = this.#usable(named)
      } catch {
        continue
      }
      let reading = this.#reading.get(file)
      if (!reading) {
        const target = file
        reading = FontFile.readAsync(target).then(
          (read) => (this.#read.set(target, read), read),
          () => undefined,
        )
        this.#reading.set(file, reading)
      }
      pending.push(reading)
    }
    await Promise.all(pending)
  }

  get #cacheDir(): string {
    return path.join(this.options.root, 'node_modules', '.cache', 'zhiban', 'fonts')
  }

  /**
   * Every font a profile names, loaded (with `lazy`: when first used).
   * @param profile a validated profile
   * @param options `lazy`: read and parse each font on first use (after {@link loadFontkit})
   * @throws FontError naming the profile key when a file is missing or not a font
   */
  forProfile(profile: Profile, options: {lazy?: boolean} = {}): Map<string, LoadedFont> {
    const out = new Map<string, LoadedFont>()
    for (const [key, spec] of Object.entries(profile.fonts)) {
      const {file, licensed} = this.#locate(spec, profile.file)
      if (!existsSync(file)) throw new FontError(profile.file, key, `the font file \`${file}\` does not exist: fix \`file\` or install the package that ships it`)
      let loaded = options.lazy ? undefined : this.#load(file, profile.file, key)
      const load = () => (loaded ??= this.#load(file, profile.file, key))
      // Note: `bytes` stays a getter: the whole file is read only for a subsetter that needs it. With `lazy`, the
      // font is read and parsed when first used (a DOCX-only build sets the title with one font of five).
      out.set(key, {key, family: spec.family, alternates: spec.alternates, licensed, source: file, get path() {
        return load().path
      }, get file() {
        return load().file
      }, get font() {
        return load().font
      }, get bytes() {
        return load().file.bytes()
      }})
    }
    return out
  }

  /**
   * Which characters each font of a profile draws, without loading the fonts when a record of their cmaps is
   * there (cmap-cache.ts): what the coverage check of an HTML-only build needs. A font loaded already answers itself.
   * @param profile a validated profile
   * @throws FontError as {@link forProfile}
   */
  async coverage(profile: Profile): Promise<Map<string, {key: string; font: Coverage}>> {
    const out = new Map<string, {key: string; font: Coverage}>()
    // Note: indexing the licensed folder (#lookupDir) reads its fonts' names with fontkit.
    if (this.options.fontDir) await loadFontkit()
    for (const [key, spec] of Object.entries(profile.fonts)) {
      const {file} = this.#locate(spec, profile.file)
      if (!existsSync(file)) throw new FontError(profile.file, key, `the font file \`${file}\` does not exist: fix \`file\` or install the package that ships it`)
      const loaded = this.#files.get(file)
      if (loaded) {
        out.set(key, {key, font: loaded.font})
        continue
      }
      let usable: string
      try {
        usable = this.#usable(file)
      } catch (error) {
        throw new FontError(profile.file, key, `\`${file}\` is not a usable TrueType/OpenType font (${(error as Error).message})`)
      }
      this.#fontkitVersion ??= fontkitVersion(this.options.root)
      const dir = path.join(this.#cacheDir, 'cmaps')
      if (!hasCoverage(dir, usable, this.#fontkitVersion)) await loadFontkit()
      out.set(key, {key, font: cachedCoverage(dir, usable, this.#fontkitVersion, () => this.#load(file, profile.file, key).font)})
    }
    return out
  }

  /**
   * The file a profile font comes from: a licensed font of that family in ZHIBAN_FONT_DIR, else the profile's `file`.
   * Note: found once per cache, as the licensed folder is indexed once: a build asks for each font's file in the
   * coverage check and again for its fonts, and resolving an `npm:` file through Node costs ~0.5 ms a font.
   */
  #locate(spec: Profile['fonts'][string], profileFile: string): {file: string; licensed: boolean} {
    const key = JSON.stringify([profileFile, spec.file, spec.family, spec.alternates])
    let found = this.#located.get(key)
    if (!found) {
      const licensed = this.#lookupDir([spec.family, ...spec.alternates])
      found = {file: licensed ?? resolveFontFile(spec.file, profileFile, this.options.root), licensed: licensed !== undefined}
      this.#located.set(key, found)
    }
    return found
  }

  /** The file fontkit reads for a font file: itself, or a WOFF's TrueType conversion. */
  #usable(file: string): string {
    return magic(file) === 'wOFF' ? this.#woffToTtf(file) : file
  }

  #load(file: string, profileFile: string, key: string): {file: FontFile; font: fontkit.Font; path: string} {
    const cached = this.#files.get(file)
    if (cached) return cached
    const usable = this.#usable(file)
    let font: fontkit.Font
    let read: FontFile
    try {
      read = this.#read.get(usable) ?? FontFile.read(usable)
      this.#read.delete(usable)
      this.#reading.delete(usable)
      const tables = read.tables
      const parse = (): fontkit.Font => {
        let created: ReturnType<typeof fontkit.create>
        try {
          created = kit().create(tables)
          if (!('layout' in created)) throw new Error('a font collection: name one font file')
        } catch (error) {
          throw new FontError(profileFile, key, `\`${file}\` is not a usable TrueType/OpenType font (${(error as Error).message})`)
        }
        primeTables(created, tables)
        return created
      }
      // Note: parsed by fontkit when first needed; at once when its bytes are not a font read here.
      font = lazyFont(tables, parse) ?? parse()
    } catch (error) {
      if (error instanceof FontError) throw error
      throw new FontError(profileFile, key, `\`${file}\` is not a usable TrueType/OpenType font (${(error as Error).message})`)
    }
    this.#fontkitVersion ??= fontkitVersion(this.options.root)
    const version = this.#fontkitVersion
    recordCoverage(font, () => recordedCoverage(path.join(this.#cacheDir, 'cmaps'), usable, version))
    this.#shapes ??= new ShapeStore(path.join(this.options.root, 'node_modules', '.cache', 'zhiban', 'shapes'), this.#fontkitVersion)
    this.#shapes.load(font, usable)
    // Note: no hash here: the build cache keys fonts by run/inputs.ts's FileHashes, remembered by (size, mtime, inode).
    const entry = {file: read, font, path: usable}
    this.#files.set(file, entry)
    return entry
  }

  // Note: fontkit is minutes slow on WOFF (FONTS.md §1); convert once, cache by the source's hash. The hash is
  // remembered by (size, mtime, inode), so a process finds the converted file without reading the WOFF.
  #woffToTtf(file: string): string {
    const dir = this.#cacheDir
    this.#hashes ??= new FileHashes(path.join(dir, 'hashes.json'))
    const hash = this.#hashes.hash(file).slice(0, 16)
    this.#hashes.save()
    const target = path.join(dir, `${hash}.ttf`)
    if (existsSync(target)) return target
    mkdirSync(dir, {recursive: true})
    const woff = readFileSync(file)
    const require = createRequire(import.meta.url)
    const {Font} = require('fonteditor-core') as typeof import('fonteditor-core')
    // Note: zlib loaded here, not with the module: loading it cost every fresh build ~1-2 ms, and only a conversion uses it.
    const {inflateSync} = require('node:zlib') as typeof import('node:zlib')
    const font = Font.create(woff, {type: 'woff', inflate: (data: number[]) => Array.from(inflateSync(Buffer.from(data))), hinting: true, kerning: true} as never)
    const ttf = font.write({type: 'ttf', hinting: true, kerning: true}) as ArrayBuffer | Buffer
    writeFileAtomic(target, Buffer.from(ttf as ArrayBuffer))
    return target
  }

  #lookupDir(names: readonly string[]): string | undefined {
    const dir = this.options.fontDir
    if (!dir) return undefined
    if (!this.#dirIndex) {
      this.#dirIndex = new Map()
      for (const entry of readdirSync(dir, {withFileTypes: true})) {
        if (!entry.isFile() || !/\.(ttf|otf)$/i.test(entry.name)) continue
        const file = path.join(dir, entry.name)
        try {
          const font = kit().openSync(file)
          if (!('layout' in font)) continue
          for (const name of fontNames(font)) if (!this.#dirIndex.has(name)) this.#dirIndex.set(name, file)
        } catch {
          // Note: a file that is not a font in the licensed folder is skipped, not fatal: the folder is the office's.
        }
      }
    }
    for (const name of names) {
      const hit = this.#dirIndex.get(name.toLowerCase())
      if (hit) return hit
    }
    return undefined
  }
}

/**
 * Read two tables into fontkit's table cache straight from the bytes, where fontkit's own decoder is slow and
 * nothing here needs what it would add: `loca` (30,000 offsets, ~15 ms through fontkit's struct decoder; a font
 * without `vmtx` reads it for every glyph's advance) and `post` (30,000 glyph names in the WenKai stand-in, ~25 ms,
 * read by pdfkit only for isFixedPitch). The primed `post` says version 3: no glyph names, which nothing uses.
 * Note: fontkit keeps decoded tables in `_tables` and decodes a table only when it is not there; any surprise
 * leaves fontkit to decode the table itself.
 */
function primeTables(font: fontkit.Font, bytes: Buffer): void {
  const tables = (font as unknown as {_tables?: Record<string, unknown>; directory?: {tables?: Record<string, {offset: number; length: number}>}})
  const directory = tables.directory?.tables
  if (!tables._tables || !directory) return
  try {
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
    const loca = directory.loca
    const head = directory.head
    const long = loca && head ? view.getInt16(head.offset + 50) === 1 : false
    const count = loca ? loca.length / (long ? 4 : 2) : 0
    // Note: a table that does not fit its file or its entries is left to fontkit (read below, it could not throw here).
    if (loca && head && !('loca' in tables._tables) && Number.isInteger(count) && loca.offset + loca.length <= bytes.byteLength) {
      // Note: read when fontkit first asks (a glyph's box, for a font without `vmtx`): a build whose texts are all in
      // the shape store never does, and the 30,000 offsets cost ~0.6 ms a font to read (issue 19).
      Object.defineProperty(tables._tables, 'loca', {
        configurable: true, enumerable: true,
        get(this: Record<string, unknown>) {
          const offsets = new Uint32Array(count)
          for (let i = 0; i < count; i++) offsets[i] = long ? view.getUint32(loca.offset + 4 * i) : view.getUint16(loca.offset + 2 * i) * 2
          const value = {version: long ? 1 : 0, offsets, _processed: true}
          Object.defineProperty(this, 'loca', {value, configurable: true, enumerable: true, writable: true})
          return value
        },
      })
    }
    const post = directory.post
    if (post && post.length >= 32 && !('post' in tables._tables)) {
      tables._tables.post = {
        version: 3,
        italicAngle: view.getInt32(post.offset + 4) / 65536,
        underlinePosition: view.getInt16(post.offset + 8),
        underlineThickness: view.getInt16(post.offset + 10),
        isFixedPitch: view.getUint32(post.offset + 12),
        minMemType42: view.getUint32(post.offset + 16),
        maxMemType42: view.getUint32(post.offset + 20),
        minMemType1: view.getUint32(post.offset + 24),
        maxMemType1: view.getUint32(post.offset + 28),
      }
    }
  } catch {
    // Note: a damaged table is left to fontkit, which reports it its own way.
  }
}

/** fontkit's version, as installed (part of the shape store's key). */
function fontkitVersion(root: string): string {
  try {
    // Note: fontkit's exports map does not name its package.json, so `require.resolve` of it always failed here (the
    // version was always `unknown`); packageFolder falls back to node_modules/fontkit and remembers the answer.
    return (JSON.parse(readFileSync(path.join(packageFolder('fontkit', root), 'package.json'), 'utf8')) as {version: string}).version
  } catch {
    return 'unknown'
  }
}

/** The first four bytes of a file, as Latin-1 (`wOFF`, `true`, `OTTO`, …). */
function magic(file: string): string {
  const fd = openSync(file, 'r')
  try {
    const head = Buffer.alloc(4)
    readSync(fd, head, 0, 4, 0)
    return head.toString('latin1')
  } finally {
    closeSync(fd)
  }
}

/** Every family, full and PostScript name of a font, in every language, lower-cased. */
function fontNames(font: fontkit.Font): string[] {
  const out = new Set<string>([font.familyName, font.fullName, font.postscriptName].filter(Boolean).map((s) => s.toLowerCase()))
  const records = (font as unknown as {name?: {records?: Record<string, Record<string, string>>}}).name?.records ?? {}
  for (const field of ['fontFamily', 'fullName', 'postscriptName', 'preferredFamily']) {
    for (const value of Object.values(records[field] ?? {})) if (typeof value === 'string') out.add(value.toLowerCase())
  }
  return [...out]
}
