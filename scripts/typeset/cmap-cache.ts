/**
 * Which characters a font file draws, remembered between processes: a build of the HTML edition alone checks glyph
 * coverage (diagnostics/coverage.ts) from this record, without reading the font's tables or loading fontkit — that
 * was most of such a build's time after Node's own start (issue 19: `--only html` beside pandoc).
 *
 * The record is the font's cmap as inclusive code point ranges (little-endian uint32 pairs), keeping only the code
 * points fontkit maps to a glyph other than .notdef: exactly what `hasGlyphForCodePoint` answers. It is keyed by
 * the file's path, size, mtime and inode (as the shape store), fontkit's version and the record's format, so a
 * changed or replaced font is read again. A record that cannot be read or written only costs the parse.
 */
import {createHash} from 'node:crypto'
import {existsSync, mkdirSync, readFileSync} from 'node:fs'
import path from 'node:path'
import {writeFileAtomic} from '../atomic.ts'
import {fileIdentity} from '../file-hashes.ts'

/** What a coverage check asks of a font. */
export interface Coverage {
  hasGlyphForCodePoint(code: number): boolean
}

/** Bump when the record's layout changes. */
const FORMAT = 1

/** Whether this machine stores a Uint32Array's numbers little-endian, as the record does. */
const LITTLE_ENDIAN = new Uint8Array(Uint32Array.of(1).buffer)[0] === 1

/** A font's code points as sorted inclusive ranges, looked up by binary search. */
class Ranges implements Coverage {
  constructor(readonly ranges: Uint32Array) {}
  hasGlyphForCodePoint(code: number): boolean {
    const r = this.ranges
    let lo = 0
    let hi = r.length / 2 - 1
    while (lo <= hi) {
      const mid = (lo + hi) >> 1
      if (code < r[2 * mid]!) hi = mid - 1
      else if (code > r[2 * mid + 1]!) lo = mid + 1
      else return true
    }
    return false
  }
}

/** The ranges of the code points a font draws. */
function rangesOf(font: {characterSet: number[]} & Coverage): Uint32Array {
  const codes = [...new Set(font.characterSet)].filter((c) => font.hasGlyphForCodePoint(c)).sort((a, b) => a - b)
  const out: number[] = []
  for (const c of codes) {
    if (out.length > 0 && out[out.length - 1] === c - 1) out[out.length - 1] = c
    else out.push(c, c)
  }
  return Uint32Array.from(out)
}

/** The record's file for a font file, or undefined when the font file cannot be read. */
function recordFile(dir: string, fontFile: string, fontkitVersion: string): string | undefined {
  const identity = fileIdentity(fontFile)
  return identity === undefined ? undefined : path.join(dir, `${createHash('sha256').update(`${identity}\0${fontkitVersion}\0${FORMAT}`).digest('hex').slice(0, 24)}.cmap`)
}

/**
 * Whether a font file's coverage is recorded (then {@link cachedCoverage} does not parse it).
 * @param dir the records' folder
 * @param fontFile the font file
 * @param fontkitVersion part of the key
 */
export function hasCoverage(dir: string, fontFile: string, fontkitVersion: string): boolean {
  const record = recordFile(dir, fontFile, fontkitVersion)
  return record !== undefined && existsSync(record)
}

/**
 * A font file's coverage, from its record, or from `parse()` (then recorded for the next process).
 * @param dir the records' folder
 * @param fontFile the TrueType/OpenType file the font is parsed from
 * @param fontkitVersion part of the key (fontkit decides what a cmap maps)
 * @param parse the parsed font, when there is no record
 */
export function cachedCoverage(dir: string, fontFile: string, fontkitVersion: string, parse: () => {characterSet: number[]} & Coverage): Coverage {
  const record = recordFile(dir, fontFile, fontkitVersion)
  try {
    if (!record) throw new Error('no record')
    const bytes = readFileSync(record)
    // Note: an empty record is a font that maps no character (still a record: the font is not parsed again).
    if (bytes.byteLength % 8 === 0) {
      // Note: on a little-endian machine the record is the array's own bytes: copied whole, not read number by number
      // (~30,000 calls, ~1.4 ms of a fresh HTML-only build).
      if (LITTLE_ENDIAN) return new Ranges(new Uint32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength)))
      const ranges = new Uint32Array(bytes.byteLength / 4)
      for (let i = 0; i < ranges.length; i++) ranges[i] = bytes.readUInt32LE(4 * i)
      return new Ranges(ranges)
    }
  } catch {
    // Note: no record yet (or the font is missing: parse() reports that).
  }
  const font = parse()
  if (record) {
    try {
      const ranges = rangesOf(font)
      const bytes = Buffer.alloc(ranges.byteLength)
      for (let i = 0; i < ranges.length; i++) bytes.writeUInt32LE(ranges[i]!, 4 * i)
      mkdirSync(dir, {recursive: true})
      writeFileAtomic(record, bytes)
    } catch {
      // Note: an unwritable cache only costs the next process the parse.
    }
  }
  return font
}
