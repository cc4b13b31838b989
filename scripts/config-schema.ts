/**
 * The schema of the project configuration (config.ts), in its own module: config.ts loads it, and zod with it, only
 * for a project that has a configuration.
 * Note: zod is imported as a namespace and only its functions are used, so that the bundle refers to them directly:
 * importing zod's `z` (or importing zod dynamically) made esbuild build zod's namespace objects (~1,300 getters) at
 * every start of every process (~1.3 ms).
 */
import * as z from 'zod/v4'
import {EDITIONS} from './editions.ts'

/** The schema of the configuration (every key optional). */
export const configSchema = z.strictObject({
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
