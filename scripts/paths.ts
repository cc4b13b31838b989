/**
 * Path rules: nothing a source or a profile says can make a build read or write outside the
 * project (or the output folder). Paths the user gives on the command line (`--out`, `--profile`,
 * source files) are on purpose and not limited; what those files name is.
 */
import {existsSync, readFileSync, realpathSync} from 'node:fs'
import {createRequire} from 'node:module'
import path from 'node:path'
import {fileURLToPath} from 'node:url'
import {writeFileAtomic} from './atomic.ts'
import {fileIdentity} from './file-hashes.ts'

/** A slug: a letter or digit, then letters, digits, `-` or `_`. */
const SLUG = /^[\p{L}\p{N}][\p{L}\p{N}_-]*$/u
/** A slug in ASCII (most are): tested first, since compiling {@link SLUG}'s Unicode classes costs a fresh process ~0.5 ms. */
const ASCII_SLUG = /^[A-Za-z0-9][A-Za-z0-9_-]*$/
/** Names Windows cannot create (a dist/ copied there must still work). */
const RESERVED = /^(con|prn|aux|nul|com\d|lpt\d)(\..*)?$/i
/** An npm package name (`pkg` or `@scope/pkg`). */
const NPM_NAME = /^(@[a-z0-9][\w.-]*\/)?[a-z0-9][\w.-]*$/

/**
 * Why a slug (a source's file name without `.md`) cannot name an output folder, or undefined.
 * @param slug the slug
 */
export function slugProblem(slug: string): string | undefined {
  if (slug.length === 0) return 'the file name is empty before `.md`'
  if (slug.length > 120) return `the file name is ${slug.length} characters long (at most 120)`
  if (!ASCII_SLUG.test(slug) && !SLUG.test(slug)) return `\`${slug}\` is not a usable folder name in dist/ (letters, digits, \`-\` and \`_\` only, starting with a letter or digit)`
  if (RESERVED.test(slug)) return `\`${slug}\` is a reserved device name on Windows`
  return undefined
}

/**
 * Whether `child` is `parent` or inside it (lexically, after resolving `.` and `..`).
 * @param parent a folder
 * @param child a path
 */
export function isInside(parent: string, child: string): boolean {
  const rel = path.relative(path.resolve(parent), path.resolve(child))
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel))
}

/**
 * Whether `child`, with every symbolic link followed, is inside `parent` (also followed).
 * A path that does not exist is judged lexically.
 * @param parent a folder
 * @param child a path
 */
export function isReallyInside(parent: string, child: string): boolean {
  const real = (p: string): string => {
    try {
      return realpathSync(p)
    } catch {
      return path.resolve(p)
    }
  }
  return isInside(real(parent), real(child))
}

/**
 * Why a profile's font `file` may not be used, or undefined. Allowed: `npm:<package>/<path>`
 * without `..`, or a path relative to the profile that stays inside the project or the profile's
 * own folder. Absolute paths and paths leaving both are refused: licensed fonts come from
 * ZHIBAN_FONT_DIR, which the user sets on purpose.
 * @param file the profile's `file` value
 * @param profileFile the profile's absolute path
 * @param root the project root
 */
export function fontPathProblem(file: string, profileFile: string, root: string): string | undefined {
  const npm = npmSpec(file)
  if (npm) {
    const {name, rest} = npm
    if (!NPM_NAME.test(name) || rest.length === 0 || rest.some((p) => p === '..' || p === '.' || p === '' || p.includes('\\'))) {
      return `\`${file}\` is not \`npm:<package>/<path inside it>\``
    }
    return undefined
  }
  if (path.isAbsolute(file) || /^[A-Za-z]:[\\/]/.test(file)) return `\`${file}\` is an absolute path: put the font inside the project, or in ZHIBAN_FONT_DIR (found by family name)`
  const resolved = path.resolve(path.dirname(profileFile), file)
  if (isInside(root, resolved) || isInside(path.dirname(profileFile), resolved)) return undefined
  // Note: the place is named from the project root, so the message does not depend on where the project sits.
  return `\`${file}\` leads outside the project (to \`${path.relative(root, resolved).split(path.sep).join('/')}\` from the project root): keep fonts inside the project, or put them in ZHIBAN_FONT_DIR`
}

/** A profile font's `npm:<package>/<path>` split into the package and the path's parts (undefined otherwise). */
function npmSpec(file: string): {name: string; rest: string[]} | undefined {
  if (!file.startsWith('npm:')) return undefined
  const parts = file.slice(4).split('/')
  const scoped = file.startsWith('npm:@')
  return {name: (scoped ? parts.slice(0, 2).join('/') : parts[0]) ?? '', rest: parts.slice(scoped ? 2 : 1)}
}

/**
 * The file a profile font's `file` names: `npm:<package>/<path>` in the project's installed package, or a path
 * relative to the profile. (Whether it may be used is {@link fontPathProblem}'s question.)
 * @param file the profile's `file` value
 * @param profileFile the profile's absolute path
 * @param root the project root
 */
export function resolveFontFile(file: string, profileFile: string, root: string): string {
  const npm = npmSpec(file)
  if (!npm) return path.resolve(path.dirname(profileFile), file)
  return path.join(packageFolder(npm.name, root), ...npm.rest)
}

/** The packages' folders the bundled CLI keeps, by record file (see {@link packageFolder}). */
const packageRecords = new Map<string, Record<string, [identity: string, dir: string]>>()
/** How many packages a record keeps (the latest found). */
const PACKAGE_RECORDS = 64

/**
 * The folder of an installed package: as Node resolves `<name>/package.json` from the project root (its exports
 * map, links resolved), else `node_modules/<name>` under the root.
 * Note: Node's resolution cost a fresh process ~0.5-2 ms a package (cold code, an exports map's patterns: most of
 * an HTML-only build's glyph check); the bundled CLI keeps each answer (node_modules/.cache/zhiban/packages.json)
 * with the identity (path, size, mtime, inode) of the package's package.json under the root and of the root's own,
 * so a changed, replaced or relinked package is resolved again. A package not directly under the root's
 * node_modules, or outside the bundled CLI (the sources under test), is resolved every time.
 * @param name the package
 * @param root the project root
 */
export function packageFolder(name: string, root: string): string {
  const local = path.join(root, 'node_modules', name)
  const bundled = typeof (globalThis as {ZHIBAN_BUNDLE?: unknown}).ZHIBAN_BUNDLE === 'string'
  const own = bundled ? fileIdentity(path.join(local, 'package.json')) : undefined
  const identity = own === undefined ? undefined : `${own}\0${fileIdentity(path.join(root, 'package.json')) ?? ''}`
  const file = path.join(root, 'node_modules', '.cache', 'zhiban', 'packages.json')
  const key = `${path.resolve(root)}\0${name}`
  let known = identity === undefined ? undefined : packageRecords.get(file)
  if (identity !== undefined && !known) {
    try {
      known = JSON.parse(readFileSync(file, 'utf8')) as Record<string, [string, string]>
    } catch {
      known = {}
    }
    packageRecords.set(file, known)
  }
  const seen = known?.[key]
  if (seen && seen[0] === identity) return seen[1]
  let dir: string
  try {
    dir = path.dirname(createRequire(path.join(root, 'package.json')).resolve(`${name}/package.json`))
  } catch {
    dir = local
  }
  if (known && identity !== undefined) {
    delete known[key]
    known[key] = [identity, dir]
    for (const old of Object.keys(known).slice(0, -PACKAGE_RECORDS)) delete known[old]
    try {
      writeFileAtomic(file, JSON.stringify(known))
    } catch {
      // Note: a record that cannot be written only costs the next process the resolution.
    }
  }
  return dir
}

/**
 * Join a folder and a file name an edition chose; throws when the name is not one plain name.
 * Note: a writer's bug, not an input problem, hence an exception.
 * @param dir the folder
 * @param name a file name
 */
export function safeJoin(dir: string, name: string): string {
  if (name === '' || name === '.' || name === '..' || /[\\/\u0000]/.test(name)) throw new Error(`safeJoin: \`${name}\` is not a plain file name`)
  return path.join(dir, name)
}

/**
 * Where zhiban itself lives (the folder holding scripts/zhiban.cjs): as the launcher says, else from this
 * module's place (sources run directly, as under vitest).
 */
export function zhibanHome(): string {
  const told = (globalThis as {ZHIBAN_HOME?: unknown}).ZHIBAN_HOME
  if (typeof told === 'string') return told
  let dir = path.dirname(fileURLToPath(import.meta.url))
  for (;;) {
    if (existsSync(path.join(dir, 'scripts', 'zhiban.cjs'))) return dir
    const up = path.dirname(dir)
    if (up === dir) return process.cwd()
    dir = up
  }
}

/**
 * A profile's file: a name under `templates/profiles/`, or a path (with a separator or a YAML/JSON extension)
 * relative to the project root.
 * @param nameOrFile a profile name or file
 * @param root the project root
 */
export function profilePath(nameOrFile: string, root: string): string {
  return /[\\/]|\.(ya?ml|json)$/.test(nameOrFile) ? path.resolve(root, nameOrFile) : path.join(root, 'templates', 'profiles', `${nameOrFile}.yaml`)
}
