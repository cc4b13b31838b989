/**
 * What a fresh process keeps of profiles between runs (node_modules/.cache/zhiban/profiles): each validated
 * profile, and each profile file's parsed YAML, so that a build reads JSON instead of parsing and validating YAML.
 * Only the bundled CLI keeps anything (the test runner runs the sources).
 */
import {createHash} from 'node:crypto'
import {readFileSync} from 'node:fs'
import path from 'node:path'
import {isDeepStrictEqual} from 'node:util'
import {writeFileAtomic} from './atomic.ts'
import {bundleIdentity} from './file-hashes.ts'

/**
 * A profile file's parsed YAML, kept beside the validated profiles (see {@link validatedCache}) by its text: the
 * validated form is found by the texts of the whole `extends` chain, and following the chain needs each file's
 * `extends`, which took parsing every file's YAML in every process (~5-15 ms of a fresh build, cold code).
 * @param root the project root
 * @param file the profile file
 * @param text its text
 */
export function parsedCache(root: string, file: string, text: string): {read(): unknown; write(data: unknown): void} | undefined {
  const cache = validatedCache<unknown>(root, file, text, 'yaml-')
  return cache && {
    read: () => cache.read(),
    // Note: kept only when JSON gives the same data back (not so for `.inf` or `.nan`, say).
    write: (data) => {
      if (isDeepStrictEqual(JSON.parse(JSON.stringify(data) ?? 'null'), data)) cache.write(data)
    },
  }
}

/**
 * Where a profile's validated form is kept (node_modules/.cache/zhiban/profiles): named by the profile's path and
 * text and by the running code (the bundled CLI's file), so that a change to either validates again. Outside the
 * bundled CLI (the test runner runs the sources) nothing is kept.
 * Note: parsing the YAML and validating it took ~10-20 ms a profile in a new process; the build reads two.
 * @param root the project root
 * @param file the profile file
 * @param text its text (with the texts of the profiles it extends)
 * @param kind what is kept, as the file name's prefix (`yaml-`: {@link parsedCache}; none: the validated profile)
 */
export function validatedCache<T>(root: string, file: string, text: string, kind = ''): {read(): T | undefined; write(value: T): void} | undefined {
  const code = bundleIdentity()
  if (code === undefined) return undefined
  const key = createHash('sha256').update(`${code}\0${file}\0${text}`).digest('hex').slice(0, 32)
  const cacheFile = path.join(root, 'node_modules', '.cache', 'zhiban', 'profiles', `${kind}${key}.json`)
  return {
    read() {
      try {
        return JSON.parse(readFileSync(cacheFile, 'utf8')) as T
      } catch {
        return undefined
      }
    },
    write(value) {
      try {
        writeFileAtomic(cacheFile, JSON.stringify(value))
      } catch {
        // Note: a cache that cannot be written only costs the next process a validation.
      }
    },
  }
}

