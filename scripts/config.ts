/**
 * The project configuration: `zhiban.config.json` at the project root, or the `zhiban` key of package.json
 * (the file wins when both exist). Validated with zod; an error names the key.
 *
 * Precedence for every setting: command-line flag > environment (ZHIBAN_FONT_DIR) > configuration > default.
 */
import {existsSync, readFileSync} from 'node:fs'
import path from 'node:path'
import type {z as Zod} from 'zod'
import {EDITIONS} from './editions.ts'
import {isInside} from './paths.ts'

/**
 * The schema of the configuration (every key optional).
 * Note: built on demand, so that a project without a configuration does not load zod (no-op rebuild budget).
 * @param z zod
 */
export const configSchema = (z: typeof Zod) =>
  z.strictObject({
    /** Profile name (`templates/profiles/<name>.yaml`) or file for the official editions. */
    profile: z.string().min(1).optional(),
    /** Profile name or file for the booklet (default `booklet`; `booklet-16k`, `booklet-big32k` ship too). */
    bookletProfile: z.string().min(1).optional(),
    /** Editions built by default. */
    only: z.array(z.enum(EDITIONS)).min(1).optional(),
    /** Output folder, relative to the project root. */
    out: z.string().min(1).optional(),
    /** A folder of licensed fonts searched first (ZHIBAN_FONT_DIR wins over it). */
    fontDir: z.string().min(1).optional(),
    /** Where the HTML editions are published (absolute URL ending in `/`). */
    baseUrl: z.url().refine((u) => u.endsWith('/'), {message: 'must end with `/`'}).optional(),
    /** Worker threads for a multi-document build (default: every core). */
    jobs: z.int().min(1).max(256).optional(),
    /** `zhiban serve` defaults. */
    serve: z.strictObject({port: z.int().min(0).max(65535).optional()}).optional(),
  })

/** A validated configuration. */
export type Config = Zod.infer<ReturnType<typeof configSchema>> & {
  /** The file it came from (`zhiban.config.json`, `package.json#zhiban`), or undefined when none. */
  file?: string
}

/** A configuration problem, naming the file and the key. */
export class ConfigError extends Error {
  constructor(readonly file: string, readonly key: string, reason: string) {
    super(`${file}: ${key}: ${reason}`)
    this.name = 'ConfigError'
  }
}

/**
 * Read and validate the project's configuration.
 * @param root the project root
 * @returns the configuration ({} when there is none)
 * @throws ConfigError naming the key when it is invalid
 */
export async function loadConfig(root: string): Promise<Config> {
  const own = path.join(root, 'zhiban.config.json')
  let raw: unknown
  let file: string
  if (existsSync(own)) {
    file = 'zhiban.config.json'
    try {
      raw = JSON.parse(readFileSync(own, 'utf8'))
    } catch (error) {
      throw new ConfigError(file, '(json)', (error as Error).message)
    }
  } else {
    const pkg = path.join(root, 'package.json')
    if (!existsSync(pkg)) return {}
    let data: Record<string, unknown>
    try {
      data = JSON.parse(readFileSync(pkg, 'utf8')) as Record<string, unknown>
    } catch (error) {
      throw new ConfigError('package.json', '(json)', (error as Error).message)
    }
    if (!('zhiban' in data)) return {}
    file = 'package.json#zhiban'
    raw = data.zhiban
  }
  const {z} = await import('zod')
  const parsed = configSchema(z).safeParse(raw)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!
    const key = issue.path.length ? issue.path.join('.') : issue.code === 'unrecognized_keys' ? (issue as {keys: string[]}).keys.join(', ') : '(root)'
    throw new ConfigError(file, key, issue.message)
  }
  // Note: the configuration is a project file, like a profile: it may not send output (or read a
  // profile) outside the project; `--out` / `--profile` on the command line may, on purpose.
  for (const key of ['out', 'profile'] as const) {
    const value = parsed.data[key]
    if (value === undefined || (key === 'profile' && !/[\\/]|\.(ya?ml|json)$/.test(value))) continue
    if (!isInside(root, path.resolve(root, value))) throw new ConfigError(file, key, `\`${value}\` leads outside the project: give it on the command line (\`--${key}\`) to use it on purpose`)
  }
  return {...parsed.data, file}
}
