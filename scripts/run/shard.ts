/**
 * `--shard K/N`: a deterministic share of the sources, so a CI job matrix can split a corpus.
 */

/** Shard K of N (K from 1). */
export interface Shard {
  index: number
  count: number
}

/**
 * Parse `K/N`.
 * @param text e.g. `2/4`
 * @returns the shard, or undefined when the text is not `K/N` with 1 ≤ K ≤ N
 */
export function parseShard(text: string): Shard | undefined {
  const match = /^(\d+)\/(\d+)$/.exec(text.trim())
  if (!match) return undefined
  const index = Number(match[1])
  const count = Number(match[2])
  return index >= 1 && count >= 1 && index <= count ? {index, count} : undefined
}

/**
 * The sources of one shard: sorted by path, then every N-th from the K-th (round robin, so shards get
 * nearly equal counts and the union of all shards is every source exactly once).
 * @param sources source paths
 * @param shard which share
 */
export function selectShard<T extends string>(sources: readonly T[], shard: Readonly<Shard>): T[] {
  return [...sources].sort().filter((_, i) => i % shard.count === shard.index - 1)
}
