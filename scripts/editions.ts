/**
 * The editions zhiban makes, as a module of its own.
 * Note: the CLI and the build cache need the names without loading the pipeline (unified, fontkit…):
 * a no-op rebuild must start in well under 0.2 s.
 */

/** The editions zhiban makes. */
export const EDITIONS = ['pdf', 'booklet', 'docx', 'ofd', 'html'] as const
/** One of {@link EDITIONS}. */
export type EditionName = (typeof EDITIONS)[number]

/**
 * Editions in the order they are written, each once (`--only html,pdf` builds the PDF first: the page lists it).
 * @param names editions in any order
 */
export function inEditionOrder(names: readonly EditionName[]): EditionName[] {
  return EDITIONS.filter((e) => names.includes(e))
}
