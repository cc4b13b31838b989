/**
 * The one way a test finds the project: every test and helper imports {@link ROOT} from here
 * (this file sits in test/, one level below the root), so no test counts `../` for itself.
 */
import path from 'node:path'

/** The project root (absolute, no trailing separator). */
export const ROOT = path.resolve(import.meta.dirname, '..')

/**
 * A path inside the project.
 * @param parts path segments relative to the root
 */
export function inRoot(...parts: string[]): string {
  return path.join(ROOT, ...parts)
}
