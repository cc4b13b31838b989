// Types of scripts/bundle.cjs (plain JavaScript: it runs before anything is compiled), for the tests that use it.
/** The checkout's root folder. */
export const root: string
/** Where the bundle of this checkout lives. */
export function bundleDir(): string
/** The bundle's text with every non-ASCII character written as a `\u` escape. */
export function asciiOnly(text: string): string
/** The bundle's path, bundled first when missing or older than a script or the lockfile. */
export function ensureBundle(): Promise<string>
/** Which code cache a command line starts from (`all`, or the editions of `build --only`, sorted). */
export function cachePart(argv: readonly string[]): string
/** Run the bundle with its code cache and return its exports. */
export function loadBundle(file: string, part?: string): {exports: Record<string, unknown>; saveCache(editions: readonly string[], steady?: boolean): void}
/** The esbuild plugin of the bundle's shims (scripts/shims/). */
export const shims: import('esbuild').Plugin
