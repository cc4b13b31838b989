/**
 * What profile.ts and profile-schema.ts share: the units and page sizes, the profile error, and the profile files of
 * an `extends` chain with their sections merged (see profile.ts).
 */
import {readFileSync} from 'node:fs'
import path from 'node:path'
import {parsedCache} from './profile-cache.ts'
import {profilePath} from './paths.ts'

/** Points per millimetre. */
export const PT_PER_MM = 72 / 25.4

/**
 * Named trim sizes (mm, portrait): ISO A4/A5 and the common Chinese book sizes, 16开 (大16开
 * 185 × 260 per GB/T 788-1999) and 大32开 (140 × 203).
 */
export const PAGE_SIZES = {
  A4: {width: 210, height: 297},
  A5: {width: 148, height: 210},
  '16k': {width: 185, height: 260},
  big32k: {width: 140, height: 203},
} as const
/** A name of {@link PAGE_SIZES}. */
export type PageSizeName = keyof typeof PAGE_SIZES


/** The largest `typesetting.rangeBreakPenalty`: a thousand lines at the looseness limit, a hundredth of a loose line. */
export const MAX_RANGE_BREAK_PENALTY = 100000

/** A profile problem, naming the key. */
export class ProfileError extends Error {
  constructor(readonly file: string, readonly key: string, reason: string) {
    super(`${file}: ${key}: ${reason}`)
    this.name = 'ProfileError'
  }
}

/** One profile file of an `extends` chain: its text and parsed data. */
export interface Link {
  file: string
  text: string
  data: Record<string, unknown>
}

/**
 * A profile file and every profile it extends, the file itself first.
 * @param file the profile file
 * @param root the project root
 * @param parseYaml the YAML parser, for a file whose parsed YAML is not in the profile cache
 * @returns the chain, or undefined when a file's YAML is not in the cache and no parser was given
 * @throws ProfileError when a file is missing or not YAML, or `extends` names no profile or makes a circle
 */
export function readChain(file: string, root: string, parseYaml?: (text: string) => unknown): Link[] | undefined {
  const chain: Link[] = []
  for (let next: string | undefined = file, from: Link | undefined; next !== undefined; ) {
    let text: string
    try {
      text = readFileSync(next, 'utf8')
    } catch {
      if (from) throw new ProfileError(from.file, 'extends', `no profile \`${String(from.data.extends)}\`: name one of templates/profiles/*.yaml or give a path`)
      throw new ProfileError(next, '(file)', `no profile file: name one of templates/profiles/*.yaml or give a path`)
    }
    let data: unknown
    const parsed = parsedCache(root, next, text)
    try {
      data = parsed ? parsed.read() : undefined
      if (data === undefined) {
        if (!parseYaml) return undefined
        data = parseYaml(text)
        parsed?.write(data)
      }
    } catch (error) {
      throw new ProfileError(next, '(yaml)', (error as Error).message)
    }
    const link: Link = {file: next, text, data: data !== null && typeof data === 'object' && !Array.isArray(data) ? (data as Record<string, unknown>) : {}}
    if (chain.some((seen) => seen.file === next)) {
      throw new ProfileError(from!.file, 'extends', `makes a circle (${[...chain, link].map((l) => path.basename(l.file)).join(' → ')}): a profile cannot extend itself`)
    }
    chain.push(link)
    const parent = link.data.extends
    if (parent !== undefined && (typeof parent !== 'string' || parent === '')) throw new ProfileError(next, 'extends', 'must be a profile name or file')
    from = link
    next = parent === undefined ? undefined : profilePath(parent, root)
  }
  return chain
}

/** The profile data of a chain: each top-level section from the first file that gives it; where each came from. */
export function mergeChain(chain: readonly Link[]): {data: Record<string, unknown>; origin: Map<string, string>} {
  const data: Record<string, unknown> = {}
  const origin = new Map<string, string>()
  for (const link of chain) {
    for (const [key, value] of Object.entries(link.data)) {
      if (key === 'extends' || key in data) continue
      data[key] = value
      origin.set(key, link.file)
    }
  }
  return {data, origin}
}
