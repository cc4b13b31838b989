/**
 * The zip of the packaged editions (the DOCX and the OFD): the entries in the order given, each deflated by Node's
 * zlib at level 6 (memory level 9) unless the entry asks for another level, every entry dated 1980-01-01 00:00 (the
 * earliest DOS date), nothing else that varies.
 *
 * Note: written here, not by fflate's `zipSync`, which deflates in JavaScript (about 40 ms of a build for the OFD's
 * fonts, most of it before the code is compiled) and takes only raw data to deflate itself; fflate's streaming `Zip`
 * takes data deflated elsewhere, but then writes each entry's CRC and sizes in a data descriptor after its data (flag
 * bit 3), a layout the packages never had and their readers were never tried with. The container is small (PKWARE APPNOTE 4.3): a local header
 * and the data per entry, the central directory, the end record; no zip64 (a package never nears 4 GiB).
 *
 * Each entry is deflated by `gzipSync`, whose trailer carries the data's CRC-32 (the zip's polynomial, RFC 1952
 * §8): one native pass gives both, on every Node 20 (`zlib.crc32` came in 20.15). The deflate stream is zlib's, so the
 * bytes are the same for the same Node build (its zlib, and on a CPU without SSE4.2 and PCLMUL, or CRC32 on Arm,
 * Chromium's zlib hashes differently): the packages' bytes follow Node as the title's word breaks do (README).
 */
import {gzipSync} from 'node:zlib'

/**
 * The deflate level unless an entry gives its own: zlib's default (on XML, level 1 or 2 is ~45 % faster but ~10 %
 * bigger). An entry of binary data that deflate shrinks little (a font's outlines, to ~66 %) may ask for level 2:
 * ~35 % faster than 6 there, ~3 % bigger.
 */
export const LEVEL = 6

/**
 * zlib's memory level: the largest hash table (9, not zlib's default 8) finds matches in the OFD's font files
 * sooner, ~15 % faster for 0.2 % more bytes; the same bytes as 8 for the XML parts.
 */
const MEM_LEVEL = 9

/** 1980-01-01 00:00 as a DOS date and time (year − 1980 << 9 | month << 5 | day; time 0): no time zone involved. */
const DOS_DATE = (1 << 5) | 1
const DOS_TIME = 0

/** One entry, deflated: its name, where its local header is, its CRC and sizes. */
interface Packed {
  name: Uint8Array
  utf8: boolean
  offset: number
  crc: number
  size: number
  data: Uint8Array
}

const encoder = new TextEncoder()

/** An entry's data deflated ahead of the zip ({@link deflateEntry}): the raw deflate stream, and the data's CRC-32 and size. */
export interface Deflated {
  deflated: Uint8Array
  crc: number
  size: number
}

/**
 * Deflate an entry's data ahead of the zip (to keep it, say): its raw deflate stream with its CRC-32 and size, from
 * one gzip member (a 10-byte header with no optional field, the raw deflate stream, then CRC-32 and size,
 * little-endian).
 * @param data the entry's bytes
 * @param level the deflate level (1–9)
 */
export function deflateEntry(data: Uint8Array, level = LEVEL): Deflated {
  if (!Number.isInteger(level) || level < 1 || level > 9) throw new Error(`zip: the deflate level ${level} is not 1–9`)
  const gz = gzipSync(data, {level, memLevel: MEM_LEVEL})
  if (gz[0] !== 0x1f || gz[1] !== 0x8b || gz[3] !== 0) throw new Error('zip: zlib wrote an unexpected gzip header')
  const end = gz.byteLength - 8
  const view = new DataView(gz.buffer, gz.byteOffset, gz.byteLength)
  if (view.getUint32(end + 4, true) !== data.byteLength >>> 0) throw new Error('zip: zlib wrote an unexpected gzip trailer')
  return {deflated: gz.subarray(10, end), crc: view.getUint32(end, true), size: data.byteLength}
}

/**
 * Zip entries, in the order given.
 * @param files each entry's path in the package (forward slashes), its bytes or text (written as UTF-8) or its data
 * deflated ahead ({@link deflateEntry}), and its deflate level when not {@link LEVEL} (1–9)
 * @returns the zip's bytes
 */
export function zip(files: Iterable<readonly [string, Uint8Array | string | Deflated, number?]>): Uint8Array {
  const entries: Packed[] = []
  let offset = 0
  let directory = 0
  for (const [path, content, level = LEVEL] of files) {
    if (!Number.isInteger(level) || level < 1 || level > 9) throw new Error(`zip: the deflate level ${level} of ${path} is not 1–9`)
    const name = encoder.encode(path)
    if (name.byteLength > 0xffff) throw new Error(`zip: the entry name ${path.slice(0, 40)}… is too long`)
    const {deflated: data, crc, size} = typeof content === 'string' ? deflateEntry(encoder.encode(content), level) : content instanceof Uint8Array ? deflateEntry(content, level) : content
    if (offset + 30 + name.byteLength + data.byteLength > 0xffffffff || size > 0xffffffff) throw new Error('zip: a package over 4 GiB needs zip64, which is not written')
    entries.push({name, utf8: name.byteLength !== path.length, offset, crc, size, data})
    offset += 30 + name.byteLength + data.byteLength
    directory += 46 + name.byteLength
  }
  if (entries.length > 0xffff) throw new Error('zip: more than 65 535 entries needs zip64, which is not written')
  const out = new Uint8Array(offset + directory + 22)
  const view = new DataView(out.buffer)
  // Fields shared by the local header (from its offset 4) and the central directory's entry (from its offset 6).
  const common = (at: number, entry: Packed): void => {
    view.setUint16(at, 20, true) // version needed: 2.0 (deflate)
    view.setUint16(at + 2, entry.utf8 ? 0x0800 : 0, true) // flags: bit 11, the name is UTF-8
    view.setUint16(at + 4, 8, true) // method: deflate
    view.setUint16(at + 6, DOS_TIME, true)
    view.setUint16(at + 8, DOS_DATE, true)
    view.setUint32(at + 10, entry.crc, true)
    view.setUint32(at + 14, entry.data.byteLength, true)
    view.setUint32(at + 18, entry.size, true)
    view.setUint16(at + 22, entry.name.byteLength, true)
  }
  for (const entry of entries) {
    view.setUint32(entry.offset, 0x04034b50, true)
    common(entry.offset + 4, entry)
    out.set(entry.name, entry.offset + 30)
    out.set(entry.data, entry.offset + 30 + entry.name.byteLength)
  }
  let at = offset
  for (const entry of entries) {
    view.setUint32(at, 0x02014b50, true)
    view.setUint16(at + 4, 20, true) // version made by: 2.0, MS-DOS attributes (none set)
    common(at + 6, entry)
    // Extra field, comment, disk number, internal and external attributes: all 0.
    view.setUint32(at + 42, entry.offset, true)
    out.set(entry.name, at + 46)
    at += 46 + entry.name.byteLength
  }
  view.setUint32(at, 0x06054b50, true)
  view.setUint16(at + 8, entries.length, true)
  view.setUint16(at + 10, entries.length, true)
  view.setUint32(at + 12, directory, true)
  view.setUint32(at + 16, offset, true)
  return out
}
