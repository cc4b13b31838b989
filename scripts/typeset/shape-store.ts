/**
 * Shaped texts kept between processes: each font's memo of fontkit layouts (shape.ts) is saved under
 * node_modules/.cache/zhiban/shapes/ and loaded with the font, so that a new process does not shape again
 * the characters and words it shaped before.
 *
 * Note: shaping a text the first time in a process costs fontkit's whole layout pipeline (~40 µs a text, ~50 ms
 * for a document, more while the code is cold); a saved layout is a JSON entry. The file is named by the font
 * file's identity (path, size, mtime, inode), fontkit's version and this format's version, so a changed font,
 * a new fontkit or a new format starts an empty store: an entry is never used for another font.
 *
 * The memo of titles' word boundaries (words.ts) is kept here too, in `words/`, in a file named by Node's ICU
 * version (words.ts `wordStoreName`): a new process then makes no word segmenter for a title it segmented before.
 */
import {createHash} from 'node:crypto'
import {readFileSync} from 'node:fs'
import path from 'node:path'
import type * as fontkit from 'fontkit'
import type {Glyph} from './page-model.ts'
import {shapedSoFar, shapeMemo, storedShapes} from './shape.ts'
import {wordMemo, wordStoreName} from './words.ts'
import {writeFileAtomic} from '../atomic.ts'
import {fileIdentity} from '../file-hashes.ts'
import {nowMs} from '../clock.ts'

/** Bump when what shape.ts stores for a text changes, or how a text's glyphs are written (3: one string). */
const FORMAT = 3

// Note: what is worth keeping is the characters, words, numbers and URL pieces documents share; a text longer than
// a line is rare and is shaped again. Every text of a build must be kept: one text shaped in a new process costs
// fontkit's layout set-up for that font (~20-50 ms). The most texts bound the store (~2 MB).
/** The longest text kept (in UTF-16 units, features excluded). */
const LONGEST = 64
/** The most texts kept per font. */
const MOST = 20_000

/** The least time between two writes of the store by {@link ShapeStore.save}(false) (ms). */
const THROTTLE_MS = 5000

const keep = (key: string): boolean => key.length - key.indexOf('\u0000') - 1 <= LONGEST

/** The longest text whose word boundaries are kept (a title), and the most texts kept. */
const LONGEST_WORDS = 256
const MOST_WORDS = 2000

/**
 * A text's glyphs as saved: per glyph its id, advance, width, dx, dy, then its code points, joined by commas; the
 * glyphs joined by semicolons.
 * Note: a string, not arrays of numbers: JSON.parse makes every number of every text of the store (the body font's
 * held ~4,000 texts), 4.8 ms for a 371 KB store against 0.9 ms when each text is one string; a text's glyphs are
 * made from its string only when a build sets it (shape.ts `storedShapes`).
 */
type Saved = string

/** Loads and saves the shape memos of the fonts a FontCache opens. */
export class ShapeStore {
  /**
   * Per font: its store's file, the texts it held when read (as read) or since written, how many that is (counted
   * when a new text may be written; at most {@link MOST}: then no text is added), and the texts shaped when last looked.
   */
  readonly #fonts = new Map<fontkit.Font, {file: string; known: Record<string, unknown>; written: Set<string>; count?: number; shaped: number}>()
  #savedAt = Number.NEGATIVE_INFINITY
  /** The file of the word boundaries, and how many texts it held when read or last written. */
  readonly #words: {file: string; saved: number}
  /**
   * Seed the memo of word boundaries (words.ts) from its saved file, if any.
   * @param dir the folder of the store
   * @param fontkitVersion fontkit's version (part of every file's name)
   */
  constructor(
    readonly dir: string,
    readonly fontkitVersion: string,
  ) {
    const file = path.join(dir, 'words', `${createHash('sha256').update(wordStoreName()).digest('hex').slice(0, 24)}.json`)
    const memo = wordMemo()
    let saved = 0
    try {
      const entries = Object.entries(JSON.parse(readFileSync(file, 'utf8')) as Record<string, number[]>)
      for (const [text, offsets] of entries) if (!memo.has(text) && Array.isArray(offsets)) memo.set(text, offsets)
      saved = entries.length
    } catch {
      // Note: no store yet, or a damaged one: titles are segmented again and the store is written anew.
    }
    // Note: what the file holds (texts segmented before in this process are not in it yet).
    this.#words = {file, saved}
  }

  /**
   * Hand a font the texts its saved file holds, if any (each becomes glyphs in its memo when first set).
   * @param font the parsed font
   * @param fontFile the file it was parsed from
   */
  load(font: fontkit.Font, fontFile: string): void {
    const fileKey = fileIdentity(fontFile)
    if (fileKey === undefined) return
    const identity = `${fileKey}\0${this.fontkitVersion}\0${FORMAT}`
    const file = path.join(this.dir, `${createHash('sha256').update(identity).digest('hex').slice(0, 24)}.json`)
    let known: Record<string, unknown> = {}
    try {
      const saved = JSON.parse(readFileSync(file, 'utf8')) as unknown
      if (saved && typeof saved === 'object' && !Array.isArray(saved)) known = saved as Record<string, unknown>
    } catch {
      // Note: no store yet, or a damaged one: the texts are shaped again and the store is written anew.
    }
    // Note: a text becomes glyphs when first set (shape.ts): a store keeps up to MOST texts a font, a document
    // sets a few hundred. A text the process shaped before stays as it is (the memo is asked first).
    storedShapes(font, known, toGlyphs)
    this.#fonts.set(font, {file, known, written: new Set(), shaped: shapedSoFar(font)})
  }

  /**
   * Write the memos that grew since they were loaded or last saved.
   * @param now write now (the end of a build); otherwise at most once in {@link THROTTLE_MS}, so that a watch
   * session or a worker thread does not write the store after every document
   */
  save(now = true): void {
    if (!now && nowMs() - this.#savedAt < THROTTLE_MS) return
    this.#savedAt = nowMs()
    for (const [font, entry] of this.#fonts) {
      // Note: written only when the process shaped a text to keep that the store did not hold, and the store has
      // room (a text too long to keep, or a full store, does not make it written again).
      // Note: a new text comes only from shaping: none shaped since the last look, nothing to look for.
      const shaped = shapedSoFar(font)
      if (shaped === entry.shaped || (entry.count ??= Object.keys(entry.known).length) >= MOST) continue
      let gained = false
      for (const key of shapeMemo(font).keys()) {
        if (keep(key) && !Object.hasOwn(entry.known, key) && !entry.written.has(key)) {
          gained = true
          break
        }
      }
      if (!gained) {
        entry.shaped = shaped
        continue
      }
      const kept = [...shapeMemo(font)].filter(([key]) => keep(key)).slice(0, MOST)
      const out: Record<string, Saved> = {}
      // Note: what another thread or process saved meanwhile is kept (the worker threads of a corpus build, a watch
      // beside a build): each writer adds to the store, none replaces another's texts.
      try {
        const saved = JSON.parse(readFileSync(entry.file, 'utf8')) as Record<string, Saved>
        for (const [key, glyphs] of Object.entries(saved).slice(0, MOST)) out[key] = glyphs
      } catch {
        // Note: none saved yet.
      }
      let count = Object.keys(out).length
      for (const [key, glyphs] of kept) {
        if (!(key in out)) {
          if (count >= MOST) continue
          count++
        }
        out[key] = toSaved(glyphs)
      }
      try {
        writeFileAtomic(entry.file, JSON.stringify(out))
        for (const key of Object.keys(out)) entry.written.add(key)
        entry.count = count
        entry.shaped = shaped
      } catch {
        // Note: a store that cannot be written only costs the next process its shaping time.
      }
    }
    const words = wordMemo().size <= this.#words.saved ? [] : [...wordMemo()].filter(([text]) => text.length <= LONGEST_WORDS).slice(0, MOST_WORDS)
    if (words.length > this.#words.saved) {
      // Note: as the shapes: what another thread or process saved meanwhile is kept.
      let out = new Map<string, readonly number[]>()
      try {
        out = new Map(Object.entries(JSON.parse(readFileSync(this.#words.file, 'utf8')) as Record<string, number[]>).slice(0, MOST_WORDS))
      } catch {
        // Note: none saved yet.
      }
      for (const [text, offsets] of words) if (!out.has(text) && out.size < MOST_WORDS) out.set(text, offsets)
      try {
        writeFileAtomic(this.#words.file, JSON.stringify(Object.fromEntries(out)))
        this.#words.saved = words.length
      } catch {
        // Note: as above: the next process segments its titles again.
      }
    }
  }
}

function toSaved(glyphs: readonly Glyph[]): Saved {
  return glyphs.map((g) => [g.id, g.advance, g.width, g.dx ?? 0, g.dy ?? 0, ...g.codePoints].join(',')).join(';')
}

/** A saved text's glyphs (see {@link ShapeStore.load}); undefined for a damaged entry (the text is shaped again). */
function toGlyphs(saved: unknown): readonly Glyph[] | undefined {
  if (typeof saved !== 'string' || saved === '') return undefined
  const parts = saved.split(';')
  const glyphs = new Array<Glyph>(parts.length)
  for (let j = 0; j < parts.length; j++) {
    const fields = parts[j]!.split(',')
    if (fields.length < 5) return undefined
    const s = new Array<number>(fields.length)
    for (let k = 0; k < fields.length; k++) {
      // Note: Number('') is 0 and Number(' 1') is 1: a field must read back as String() wrote it.
      const field = fields[k]!
      const n = Number(field)
      if (!Number.isFinite(n) || String(n) !== field) return undefined
      s[k] = n
    }
    glyphs[j] = fromSaved(s)
  }
  return glyphs
}

function fromSaved(s: readonly number[]): Glyph {
  // Note: by index, not destructured (an iterator step an element in the interpreter); the keys in the same order.
  const glyph: Glyph = {id: s[0]!, codePoints: s.slice(5), advance: s[1]!, width: s[2]!}
  const dx = s[3]
  const dy = s[4]
  if (dx) glyph.dx = dx
  if (dy) glyph.dy = dy
  return glyph
}
