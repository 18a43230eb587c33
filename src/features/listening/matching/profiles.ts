/**
 * Match profiles: the distinct combinations of a resource's contribution type, domains and SDGs. For one
 * need, every resource of a profile earns the same points for type, domain and SDGs, so the pruned ranking
 * (`pruned.ts`) bounds a whole group of resources from its profile alone and reads the group only when that
 * bound can still enter the top k. (The world is left out on purpose: it would multiply the groups, hence the
 * index probes, by the number of worlds for at most 8 points of precision.)
 *
 * Each resource names its profile in `resources.match_profile`, written with the values it stands for (the
 * services, the demo loader and the scale generator call `matchProfileIds`). Profiles are only ever added:
 * there are few of them (types × the combinations of domains and SDGs actually used), and one no resource
 * uses any more only costs an empty index probe.
 */
import type { Kysely, Transaction } from 'kysely'
import type { Database } from '../../../database.js'

type Db = Kysely<Database> | Transaction<Database>

export interface MatchProfile {
  id: number
  contribution_type: string
  domain_mask: number
  sdg_mask: number
}

export type ProfileValues = Omit<MatchProfile, 'id'>

const keyOf = (v: ProfileValues) => `${v.contribution_type}|${v.domain_mask}|${v.sdg_mask}`
const valuesOf = (v: ProfileValues): ProfileValues => ({ contribution_type: v.contribution_type, domain_mask: v.domain_mask, sdg_mask: v.sdg_mask })

async function readProfiles(db: Db, values: ProfileValues[], cache: Map<string, number>): Promise<void> {
  const types = [...new Set(values.map((v) => v.contribution_type))]
  const rows = await db.selectFrom('match_profiles').selectAll().where('contribution_type', 'in', types).execute()
  for (const p of rows) cache.set(keyOf(p), Number(p.id))
}

/**
 * The profile id of each of `values` (same order), adding the profiles not seen yet. `cache` (key → id) spares
 * the reads when many rows are written (the generators); ids are never reused, so a cache stays valid.
 * Concurrent writers adding the same profile are fine: the unique constraint keeps one, both read it back.
 */
export async function matchProfileIds(db: Db, values: ProfileValues[], cache: Map<string, number> = new Map()): Promise<number[]> {
  const missing = () => [...new Map(values.filter((v) => !cache.has(keyOf(v))).map((v) => [keyOf(v), valuesOf(v)])).values()]
  if (missing().length > 0) await readProfiles(db, missing(), cache)
  const absent = missing()
  if (absent.length > 0) {
    for (let i = 0; i < absent.length; i += 200) {
      await db
        .insertInto('match_profiles')
        .values(absent.slice(i, i + 200))
        .onConflict((oc) => oc.columns(['contribution_type', 'domain_mask', 'sdg_mask']).doNothing())
        .execute()
    }
    await readProfiles(db, absent, cache)
  }
  return values.map((v) => {
    const id = cache.get(keyOf(v))
    if (id === undefined) throw new Error(`match profile missing after insert: ${keyOf(v)}`)
    return id
  })
}

/** The profiles of the given contribution types (what the pruned ranking of a need's matches starts from). */
export async function profilesOfTypes(db: Db, types: string[]): Promise<MatchProfile[]> {
  if (types.length === 0) return []
  const rows = await db.selectFrom('match_profiles').selectAll().where('contribution_type', 'in', types).orderBy('id').execute()
  return rows.map((p) => ({ ...p, id: Number(p.id) }))
}
