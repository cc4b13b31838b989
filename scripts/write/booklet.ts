/**
 * Placeholder until the edition's writer lands: building this edition fails loudly.
 */
import type {Context, Output} from '../pipeline.ts'

/** Not built yet: throws. */
export async function writeBookletEdition(_context: Context): Promise<Output[]> {
  throw new Error('writeBookletEdition: this edition is not built yet')
}
