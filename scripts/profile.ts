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
import {validatedCache} from './profile-cache.ts'
import {fontPathProblem, profilePath} from './paths.ts'
import {mergeChain, ProfileError, readChain} from './profile-chain.ts'
import type {Profile} from './profile-schema.ts'

export {MAX_RANGE_BREAK_PENALTY, PAGE_SIZES, PT_PER_MM, ProfileError, type PageSizeName} from './profile-chain.ts'
export type {Geometry, Profile, ProfileData, RoleName} from './profile-schema.ts'

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
