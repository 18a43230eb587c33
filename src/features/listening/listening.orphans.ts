/**
 * Orphan needs (besoins orphelins) as a stored state: each need keeps `served_until`, the last day on which an
 * available resource of another organisation — of a kind of help the need seeks, whose reach covers the need's
 * territory (or all of France) — can serve it (`OPEN_ENDED` when such a resource has no last day, '' when there
 * is none). A need is an orphan on `today` when `served_until < today`, so a resource reaching its last day
 * needs no job. Territory pages count and list orphans from the level indexes `needs_orphan_<level>_idx`
 * (migration `2026-12-11T16-40`) instead of testing every need against every resource.
 *
 * The services call these functions in the transaction that writes a need or a resource; bulk loaders (demo,
 * scale data) call `refreshServedUntil` once their resources are in.
 */
import { sql, type Kysely, type Transaction } from 'kysely'
import type { Database } from '../../database.js'
import { NATIONAL } from './listening.codes.js'

type Db = Kysely<Database> | Transaction<Database>

/** `served_until` of a need served by a resource without a last day. */
export const OPEN_ENDED = '9999-12-31'

/** What of a resource decides which needs it serves (its row before or after a write). */
export interface ServingFacts {
  organisation_id: string
  contribution_type: string
  reach_territory_id: string
  status: string
  available_until: string | null
}

/**
 * `served_until` of the need of the current row of `needs`, from the resources as they are: for each kind of
 * help sought and each reach that covers the need (its territory, those containing it, national), the latest
 * last day of an available resource of another organisation — one probe of `resources_served_idx` each.
 */
const SERVED_UNTIL = sql<string>`coalesce((
    select max((select coalesce(r.available_until, ${sql.lit(OPEN_ENDED)}) from resources r
        where r.contribution_type = nc.contribution_type and r.reach_territory_id = a.reach_id and r.status = 'disponible'
          and r.organisation_id <> needs.organisation_id
        order by coalesce(r.available_until, ${sql.lit(OPEN_ENDED)}) desc limit 1))
    from need_contributions nc
    cross join (select ancestor_id as reach_id from territory_closure where descendant_id = needs.territory_id union all select ${sql.lit(NATIONAL)}) a
    where nc.need_id = needs.id), '')`

/** The last day a resource serves needs (`OPEN_ENDED` without one), or null when it serves none (not available). */
function servesUntil(resource: ServingFacts): string | null {
  return resource.status === 'disponible' ? (resource.available_until ?? OPEN_ENDED) : null
}

/**
 * Recomputes `served_until` of some needs (after a need is written: its kinds of help or its territory may
 * have changed), or of every need when `needIds` is omitted (after a bulk load).
 */
export async function refreshServedUntil(db: Db, needIds?: readonly string[]): Promise<void> {
  if (needIds !== undefined && needIds.length === 0) return
  let update = db.updateTable('needs').set({ served_until: SERVED_UNTIL })
  if (needIds !== undefined) update = update.where('id', 'in', [...needIds])
  await update.execute()
}

/** Needs that `resource` can reach: another organisation's, seeking its kind of help, inside its reach. */
function reachedBy(db: Db, resource: ServingFacts) {
  let query = db
    .updateTable('needs')
    .where('organisation_id', '<>', resource.organisation_id)
    .where('id', 'in', (eb) => eb.selectFrom('need_contributions').select('need_id').where('contribution_type', '=', resource.contribution_type))
  if (resource.reach_territory_id !== NATIONAL) {
    const reach = resource.reach_territory_id
    query = query.where('territory_id', 'in', (eb) => eb.selectFrom('territory_closure').select('descendant_id').where('ancestor_id', '=', reach))
  }
  return query
}

/**
 * Keeps `served_until` after a resource was written (`before`: its row before, null when created; `after`: as
 * written). Needs that may have lost it — those whose served day was the one it gave — are recomputed; needs it
 * now serves longer than anything else are raised to its last day. Work in proportion to the needs it reaches.
 */
export async function resourceServingChanged(db: Db, before: ServingFacts | null, after: ServingFacts): Promise<void> {
  const lost = before ? servesUntil(before) : null
  const gained = servesUntil(after)
  const same =
    before !== null &&
    before.contribution_type === after.contribution_type &&
    before.reach_territory_id === after.reach_territory_id &&
    before.organisation_id === after.organisation_id
  if (before !== null && lost !== null && !(same && gained !== null && gained >= lost)) {
    await reachedBy(db, before).set({ served_until: SERVED_UNTIL }).where('served_until', '=', lost).execute()
  }
  if (gained !== null) await reachedBy(db, after).set({ served_until: gained }).where('served_until', '<', gained).execute()
}
