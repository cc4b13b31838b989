/**
 * Placeholder until the edition's writer lands: building this edition fails loudly.
 */
import type {Context, Output} from '../../pipeline.ts'

/** Not built yet: throws. */
export async function writeHtmlEdition(_context: Context): Promise<Output[]> {
  throw new Error('writeHtmlEdition: this edition is not built yet')
}

/** Not built yet: throws. */
export function writeIndex(_manifests: readonly unknown[]): Uint8Array {
  throw new Error('writeIndex: the listing is not built yet')
}
