/**
 * The project configuration: `zhiban.config.json` at the project root, or the `zhiban` key of package.json
 * (the file wins when both exist). Validated with zod; an error names the key.
 *
 * Precedence for every setting: command-line flag > environment (ZHIBAN_FONT_DIR) > configuration > default.
 */
import {existsSync, readFileSync} from 'node:fs'
import path from 'node:path'
import type * as Zod from 'zod/v4'
import type {configSchema} from './config-schema.ts'
import {isInside} from './paths.ts'

/** A validated configuration. */
export type Config = Zod.infer<typeof configSchema> & {
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
  // Note: zod only now, for a project that has a configuration (no-op rebuild budget).
  const parsed = (await import('./config-schema.ts')).configSchema.safeParse(raw)
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
