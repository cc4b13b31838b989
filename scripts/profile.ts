/**
 * Edition profiles: load `templates/profiles/<name>.yaml` (or a file path), validate it, derive
 * the page geometry in points (the schema, the validation and the geometry: profile-schema.ts, loaded only for a
 * profile that is not in the profile cache).
 *
 * A profile may say `extends: <name or file>`: it then takes every top-level section of that profile (and of what
 * that one extends) it does not give itself, whole (a section given replaces the inherited one: no deep merge, so
 * a section always reads as one piece in one file). The booklet sizes extend `booklet`, which extends `official`
 * for its `fonts:`. An unknown profile or a circle of `extends` is an error placed at the `extends` key.
 */
import {readFileSync} from 'node:fs'
import path from 'node:path'
import {parsedCache, validatedCache} from './profile-cache.ts'
import {fontPathProblem, profilePath} from './paths.ts'
import type {ParsedProfile} from './profile-schema.ts'

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

/** A validated profile, with the page's width and height resolved (from `page.size` when not given). */
export type ProfileData = Omit<ParsedProfile, 'page'> & {page: ParsedProfile['page'] & {width: number; height: number}}
/** A role name of the profile. */
export type RoleName = keyof ProfileData['roles']

/** Geometry derived from a profile, in points. */
export interface Geometry {
  pageWidthPt: number
  pageHeightPt: number
  topPt: number
  bottomPt: number
  innerPt: number
  outerPt: number
  /** Width of the type area (版心). */
  measurePt: number
  /** Height of the type area. */
  areaHeightPt: number
  /** Line pitch: area height / lines per page. */
  linePitchPt: number
  /** Character cell on the grid (measure / chars per line), or undefined without a grid. */
  cellPt: number | undefined
}

/** A loaded profile: its data, where it came from, and its geometry. */
export interface Profile extends ProfileData {
  /** Absolute path of the profile file (font paths are relative to its folder). */
  file: string
  geometry: Geometry
}

/** A profile problem, naming the key. */
export class ProfileError extends Error {
  constructor(readonly file: string, readonly key: string, reason: string) {
    super(`${file}: ${key}: ${reason}`)
    this.name = 'ProfileError'
  }
}

/**
 * Load a profile by name (`templates/profiles/<name>.yaml` under `root`) or by file path.
 * @param nameOrFile a profile name or a path to a YAML/JSON profile file
 * @param root the project root
 * @throws ProfileError naming the key when the profile is invalid or its geometry impossible
 */
export async function loadProfile(nameOrFile: string, root: string): Promise<Profile> {
  const file = profilePath(nameOrFile, root)
  // Note: the schema module (zod, the YAML parser) is loaded only when a profile file's YAML or the validated
  // profile is not in the profile cache.
  let schema: typeof import('./profile-schema.ts') | undefined
  const chain = readChain(file, root) ?? readChain(file, root, (schema = await import('./profile-schema.ts')).parseYaml)!
  const cached = validatedCache<Profile>(root, file, chain.map((link) => `${link.file}\0${link.text}`).join('\0'))
  let profile = cached?.read()
  if (!profile) {
    const {data, origin} = mergeChain(chain)
    schema ??= await import('./profile-schema.ts')
    try {
      profile = schema.validateProfile(data, file)
    } catch (error) {
      // Note: a problem in an inherited section is placed in the file that gives it.
      const from = error instanceof ProfileError ? origin.get(error.key.split('.')[0]!) : undefined
      if (error instanceof ProfileError && from && from !== file) throw new ProfileError(from, error.key, error.message.slice(error.message.indexOf(`${error.key}: `) + error.key.length + 2))
      throw error
    }
    cached?.write(profile)
  }
  // Note: checked every time, cached or not: a font file can go away while the profile stays the same.
  for (const [key, font] of Object.entries(profile.fonts)) {
    const problem = fontPathProblem(font.file, file, root)
    if (problem) throw new ProfileError(file, `fonts.${key}.file`, problem)
  }
  return profile
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

