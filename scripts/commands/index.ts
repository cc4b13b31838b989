/**
 * `zhiban index`: the listing and the combined manifest from the per-document manifests already in the
 * output folder (e.g. after the shards of a CI matrix were copied together).
 */
import path from 'node:path'
import {openSession, type Options} from '../build.ts'
import {listingCode, renderListing, writeListing} from '../run/output-folder.ts'
import {zhibanHome} from '../paths.ts'
import {FileHashes} from '../file-hashes.ts'
import {BuildCache, cacheDir} from '../run/cache.ts'
import {codeHash} from '../run/inputs.ts'

/**
 * Write `out/index.html` and `out/manifest.json`.
 * @param options the build options (root, out, writers)
 * @returns how many documents are listed
 */
export async function indexCommand(options: Readonly<Options>): Promise<{documents: number}> {
  const root = options.root
  const cache = new BuildCache(typeof options.cache === 'string' ? options.cache : cacheDir(root))
  const hashes = new FileHashes(path.join(cache.dir, 'files.json'))
  const code = listingCode(codeHash(zhibanHome(), hashes, options.writers ? [path.resolve(root, options.writers)] : []), root, hashes)
  hashes.save()
  const session = await openSession({root, profile: options.profile ?? 'official', fontDir: options.fontDir, writers: options.writers, baseUrl: options.baseUrl, editions: []})
  return writeListing(path.resolve(root, options.out ?? 'dist'), {cache: options.cache === false ? undefined : cache, code, writeIndex: (manifests) => renderListing(manifests, session)})
}
