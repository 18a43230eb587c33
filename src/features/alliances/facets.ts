/**
 * Compact summaries of an alliance's multi-valued facets, kept on the alliance row so that the directory
 * can filter 100 000 alliances from one covering index: a bit per SDG, per lever, per world of an active
 * partner. The detailed rows (`alliance_sdgs`, `alliance_levers`, `alliance_partners`) stay the reference;
 * the services rewrite the masks in the same transaction as the rows they summarise.
 */
import { codesOf } from '../vocabulary/index.js'

/** The directory scope of "everywhere", next to the ids of territories (see `alliance_directory`). */
export const EVERYWHERE = 'france'

const LEVERS = codesOf('lever')
const WORLDS = codesOf('world')

/** The bit of SDG `sdg` (1–17). */
export function sdgBit(sdg: number): number {
  return 1 << sdg
}

/** The bit of a lever code; 0 for an unknown code (matches nothing). */
export function leverBit(lever: string): number {
  const i = LEVERS.indexOf(lever)
  return i < 0 ? 0 : 1 << i
}

/** The bit of a world code; 0 for an unknown code (matches nothing). */
export function worldBit(world: string): number {
  const i = WORLDS.indexOf(world)
  return i < 0 ? 0 : 1 << i
}

export function sdgMask(sdgs: readonly number[]): number {
  return sdgs.reduce((mask, sdg) => mask | sdgBit(sdg), 0)
}

export function leverMask(levers: readonly string[]): number {
  return levers.reduce((mask, lever) => mask | leverBit(lever), 0)
}

export function worldMask(worlds: readonly string[]): number {
  return worlds.reduce((mask, world) => mask | worldBit(world), 0)
}

/** How many bits are set (the number of worlds of a `world_mask`). */
export function bitCount(mask: number): number {
  let n = 0
  for (let m = mask; m !== 0; m &= m - 1) n++
  return n
}
