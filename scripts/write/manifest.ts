/**
 * manifest.json of a document's editions: sha256, bytes and pages of every file, and the source's sha256.
 */
import {createHash} from 'node:crypto'
import type {Output, WrittenFile} from '../editions.ts'

/** One file of the manifest: a written file with its sha256. */
export interface ManifestFile extends WrittenFile {
  sha256: string
}

/** A document's manifest. */
export interface Manifest {
  generator: string
  slug: string
  title: string
  issuer: string
  date: string
  source: {path: string; sha256: string}
  files: ManifestFile[]
}

/**
 * sha256 of bytes, hex.
 * @param bytes any bytes
 */
export function sha256(bytes: Uint8Array | string): string {
  return createHash('sha256').update(bytes).digest('hex')
}

/**
 * The manifest of one document (files sorted by name, no timestamps: same input, same bytes).
 * @param info the document's identity and source
 * @param outputs every edition's files
 */
export function toManifest(info: Omit<Manifest, 'files' | 'generator'> & {generator: string}, outputs: readonly Output[]): Manifest {
  const files = outputs
    .map((o): ManifestFile => ({name: o.name, edition: o.edition, bytes: o.bytes.byteLength, sha256: sha256(o.bytes), ...(o.pages === undefined ? {} : {pages: o.pages})}))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
  return {...info, files}
}

/**
 * The listing's order of documents: newest first, then by slug (the combined manifest and the listing page).
 * @param a a document
 * @param b another
 */
export function listingOrder(a: Readonly<{date: string; slug: string}>, b: Readonly<{date: string; slug: string}>): number {
  return a.date === b.date ? (a.slug < b.slug ? -1 : a.slug > b.slug ? 1 : 0) : a.date < b.date ? 1 : -1
}
