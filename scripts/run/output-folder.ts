/**
 * The output folder as a whole: its document folders' manifests, the listing (`index.html`) and the combined
 * `manifest.json` made from them, and the removal of folders whose source is gone. Only folders whose
 * manifest.json names zhiban as generator are documents; anything else there is left alone.
 */
import {existsSync, readdirSync, readFileSync, renameSync, rmSync} from 'node:fs'
import path from 'node:path'
import {writeFileAtomic} from '../atomic.ts'
import type {FileHashes} from '../file-hashes.ts'
import type {Guard} from '../interrupt.ts'
import {VERSION} from '../version.ts'
import {listingOrder, sha256, type Manifest} from '../write/manifest.ts'
import type {BuildCache} from './cache.ts'
import {treeHash} from './inputs.ts'
import type {Session} from './session.ts'

/**
 * What the listing page depends on besides the manifests: zhiban's code and the templates (listing.hbs).
 * @param code {@link codeHash}
 * @param root the project root
 * @param hashes the file-hash record
 */
export function listingCode(code: string, root: string, hashes: FileHashes): string {
  return sha256(`${code}\0${treeHash(path.join(root, 'templates'), hashes)}`)
}

/** Options of {@link writeListing}. */
export interface ListingOptions {
  cache?: BuildCache | undefined
  code: string
  writeIndex: (manifests: readonly Manifest[]) => Promise<Uint8Array>
}

/**
 * Write `out/index.html` and `out/manifest.json` from every `out/<slug>/manifest.json` (`zhiban index`, and
 * the end of a whole build). The listing is cached by the manifests' content.
 * @param out the output folder
 * @param options the cache and the index writer
 */
export async function writeListing(out: string, options: Readonly<ListingOptions>): Promise<{documents: number}> {
  const manifests = sortManifests(readManifests(out))
  const combined = `${JSON.stringify({generator: `zhiban ${VERSION}`, documents: manifests}, null, 2)}\n`
  const key = sha256(`${options.code}\0${combined}`)
  let listing = options.cache?.getBlob(key)
  if (!listing) {
    listing = Buffer.from(await options.writeIndex(manifests))
    options.cache?.putBlob(key, listing)
  }
  writeIfChanged(path.join(out, 'index.html'), listing)
  writeIfChanged(path.join(out, 'manifest.json'), Buffer.from(combined))
  return {documents: manifests.length}
}

function writeIfChanged(file: string, bytes: Buffer): void {
  try {
    if (readFileSync(file).equals(bytes)) return
  } catch {
    // Note: absent: written below.
  }
  writeFileAtomic(file, bytes)
}

/** Every manifest in `out/<slug>/manifest.json`. */
export function readManifests(out: string): Manifest[] {
  const manifests: Manifest[] = []
  if (!existsSync(out)) return manifests
  for (const entry of readdirSync(out, {withFileTypes: true})) {
    if (!entry.isDirectory() || entry.name.startsWith('.')) continue
    const manifest = zhibanManifest(path.join(out, entry.name), entry.name)
    if (manifest) manifests.push(manifest)
  }
  return manifests
}

/**
 * The manifest.json of a document folder, when zhiban wrote it (generator `zhiban …`, the folder's own slug);
 * anything else in the output folder is not a document of this project's.
 * @param dir the folder
 * @param slug its name
 */
function zhibanManifest(dir: string, slug: string): Manifest | undefined {
  let manifest: Partial<Manifest>
  try {
    manifest = JSON.parse(readFileSync(path.join(dir, 'manifest.json'), 'utf8')) as Partial<Manifest>
  } catch {
    return undefined
  }
  return typeof manifest.generator === 'string' && manifest.generator.startsWith('zhiban ') && manifest.slug === slug && Array.isArray(manifest.files) ? (manifest as Manifest) : undefined
}

/**
 * Remove the document folders of `out` that zhiban wrote (their manifest.json names zhiban as generator) for a
 * source that no longer exists. Anything else in `out` is left alone.
 * @param out the output folder
 * @param slugs the slugs of the sources there are
 * @param guard removes a folder left half deleted by an interrupt
 * @returns how many folders were removed
 */
export function removeStale(out: string, slugs: ReadonlySet<string>, guard?: Guard): number {
  if (!existsSync(out)) return 0
  let removed = 0
  for (const entry of readdirSync(out, {withFileTypes: true})) {
    if (!entry.isDirectory() || entry.name.startsWith('.') || slugs.has(entry.name)) continue
    const dir = path.join(out, entry.name)
    if (!zhibanManifest(dir, entry.name)) continue
    // Note: renamed first, so the listing never sees half a folder; then deleted.
    const gone = path.join(out, `.removed-${process.pid}-${entry.name}`)
    guard?.track(gone)
    renameSync(dir, gone)
    rmSync(gone, {recursive: true, force: true})
    guard?.untrack(gone)
    removed++
  }
  return removed
}

/** Newest first, then by slug. */
function sortManifests(manifests: readonly Manifest[]): Manifest[] {
  return [...manifests].sort(listingOrder)
}

/**
 * The listing page, from the injected writer module's `writeIndex` or the HTML writer's.
 * @param manifests sorted manifests
 * @param session the session (for an injected writer module)
 */
export async function renderListing(manifests: readonly Manifest[], session: Session): Promise<Uint8Array> {
  const injected = (await session.writerModule()).writeIndex
  if (injected) return injected(manifests, session.templates())
  const {writeIndex} = await import('../write/html/index.ts')
  return writeIndex(manifests, session.templates(), await session.loadProfile(session.options.profile))
}
