/**
 * The diversity of worlds among an alliance's partners (see docs/alliances.md for the choice of index).
 *
 * An alliance, in the method's own definition, joins actors from *different worlds*; the page says how many
 * worlds are present and how evenly the partners spread over them. The index is the probability that two
 * different partners picked at random belong to different worlds (Simpson's index without replacement,
 * also known as Hurlbert's probability of interspecific encounter): 0 when every partner shares one world,
 * 1 when no two partners share a world. It reads as a plain probability and does not depend on a choice of
 * logarithm or on the number of worlds that exist.
 */

export interface WorldDiversity {
  /** number of partners counted */
  partners: number
  /** number of distinct worlds among them */
  worlds: number
  /** world code → number of partners, in descending count then code order */
  counts: Array<{ world: string; count: number }>
  /**
   * Probability (0–1) that two different partners picked at random come from different worlds; null with
   * fewer than two partners (the question has no answer yet).
   */
  index: number | null
}

/**
 * Computes the diversity of the active partners from their number per world (as the database groups them).
 * Edge cases: no partner or a single one gives `index: null`; partners all of one world give 0; a world
 * counted twice adds up, and a world with no partner is not a world present.
 */
export function worldDiversity(perWorld: ReadonlyArray<{ world: string; count: number }>): WorldDiversity {
  const byWorld = new Map<string, number>()
  for (const { world, count } of perWorld) if (count > 0) byWorld.set(world, (byWorld.get(world) ?? 0) + count)
  const counts = [...byWorld]
    .map(([world, count]) => ({ world, count }))
    .sort((a, b) => b.count - a.count || a.world.localeCompare(b.world))
  let n = 0
  for (const { count } of counts) n += count
  let index: number | null = null
  if (n >= 2) {
    let sameWorldPairs = 0
    for (const { count } of counts) sameWorldPairs += count * (count - 1)
    index = 1 - sameWorldPairs / (n * (n - 1))
  }
  return { partners: n, worlds: counts.length, counts, index }
}
