/**
 * The directory's derived rows (`alliance_directory`: one narrow row per alliance and per place, with the masks
 * of its SDGs, levers and partners' worlds — see `facets.ts` and docs/alliances.md), kept in step with the rows
 * they summarise. Every alliance service rewrites an alliance's rows in its own transaction; the summaries that
 * depend on other features' data (an organisation correcting its world, a new geography) are brought up to
 * date before the directory filters on them.
 */
import type { Kysely, Transaction } from 'kysely'
import { nowIso } from '../../core/db/values.js'
import type { Database } from '../../database.js'
import { EVERYWHERE, leverMask, sdgMask, worldMask } from './facets.js'

type Db = Kysely<Database>
type Trx = Transaction<Database>

/**
 * Rewrites the alliance's directory rows from the rows they summarise: name, visibility, phase, form, the
 * masks of its SDGs, levers and the worlds of its active partners, one row for `france` and one per
 * territory containing its perimeter (inside the caller's transaction).
 */
export async function writeDirectoryRow(trx: Trx | Db, allianceId: string): Promise<void> {
  const [alliance, sdgs, levers, worlds, places] = await Promise.all([
    trx.selectFrom('alliances').select(['visibility', 'search_name', 'phase', 'form']).where('id', '=', allianceId).executeTakeFirst(),
    trx.selectFrom('alliance_sdgs').select('sdg').where('alliance_id', '=', allianceId).execute(),
    trx.selectFrom('alliance_levers').select('lever').where('alliance_id', '=', allianceId).execute(),
    trx
      .selectFrom('alliance_partners')
      .innerJoin('organisations', 'organisations.id', 'alliance_partners.organisation_id')
      .select('organisations.world')
      .distinct()
      .where('alliance_partners.alliance_id', '=', allianceId)
      .where('alliance_partners.status', '=', 'active')
      .execute(),
    trx
      .selectFrom('alliance_territories')
      .innerJoin('territory_closure', 'territory_closure.descendant_id', 'alliance_territories.territory_id')
      .select('territory_closure.ancestor_id')
      .distinct()
      .where('alliance_territories.alliance_id', '=', allianceId)
      .execute(),
  ])
  await trx.deleteFrom('alliance_directory').where('alliance_id', '=', allianceId).execute()
  if (!alliance) return
  const row = {
    alliance_id: allianceId,
    ...alliance,
    sdg_mask: sdgMask(sdgs.map((s) => s.sdg)),
    lever_mask: leverMask(levers.map((l) => l.lever)),
    world_mask: worldMask(worlds.map((w) => w.world)),
  }
  const scopes = [EVERYWHERE, ...new Set(places.map((p) => p.ancestor_id))]
  for (let i = 0; i < scopes.length; i += 200) {
    await trx.insertInto('alliance_directory').values(scopes.slice(i, i + 200).map((scope_id) => ({ scope_id, ...row }))).execute()
  }
}

const WORLD_MASKS_SYNCED = 'alliance_world_masks_synced_at'
const PLACES_GEOGRAPHY = 'alliance_directory_geography'

/**
 * Brings the directory's summaries up to date before it filters by world or territory:
 * - `world_mask` of alliances whose partner organisations changed (an organisation may correct its world)
 *   since the last pass;
 * - the places of every alliance in the directory when the geography was reloaded (a new official geography may
 *   merge communes or move them between intercommunalités).
 * When nothing changed this costs two indexed lookups. Idempotent, so two processes running it at once agree.
 */
export async function refreshDirectorySummaries(db: Db, needs: { worlds: boolean; places: boolean }): Promise<void> {
  if (!needs.worlds && !needs.places) return
  const [latest, meta] = await Promise.all([
    needs.worlds ? db.selectFrom('organisations').select((eb) => eb.fn.max('updated_at').as('at')).executeTakeFirst() : Promise.resolve(undefined),
    db.selectFrom('app_meta').select(['key', 'value']).where('key', 'in', [WORLD_MASKS_SYNCED, PLACES_GEOGRAPHY, 'geography_version']).execute(),
  ])
  const value = (key: string) => meta.find((m) => m.key === key)?.value
  const latestAt = latest?.at ?? null
  const synced = value(WORLD_MASKS_SYNCED)
  if (needs.worlds && latestAt !== null && (synced === undefined || latestAt > synced)) {
    await db.transaction().execute(async (trx) => {
      const stale = await trx
        .selectFrom('alliance_partners')
        .innerJoin('organisations', 'organisations.id', 'alliance_partners.organisation_id')
        .select('alliance_partners.alliance_id')
        .distinct()
        .where('organisations.updated_at', '>', synced ?? '')
        .execute()
      for (const row of stale) await writeDirectoryRow(trx, row.alliance_id)
      await setMeta(trx, WORLD_MASKS_SYNCED, latestAt)
    })
  }
  const geography = value('geography_version')
  if (needs.places && geography !== undefined && value(PLACES_GEOGRAPHY) !== geography) {
    // Every alliance's places again, from the new closure, in one statement per step.
    await db.transaction().execute(async (trx) => {
      await trx.deleteFrom('alliance_directory').where('scope_id', '!=', EVERYWHERE).execute()
      await trx
        .insertInto('alliance_directory')
        .columns(['scope_id', 'alliance_id', 'visibility', 'search_name', 'phase', 'form', 'sdg_mask', 'lever_mask', 'world_mask'])
        .expression(
          trx
            .selectFrom('alliance_territories')
            .innerJoin('territory_closure', 'territory_closure.descendant_id', 'alliance_territories.territory_id')
            .innerJoin('alliance_directory as everywhere', (join) => join.onRef('everywhere.alliance_id', '=', 'alliance_territories.alliance_id').on('everywhere.scope_id', '=', EVERYWHERE))
            .select([
              'territory_closure.ancestor_id',
              'everywhere.alliance_id',
              'everywhere.visibility',
              'everywhere.search_name',
              'everywhere.phase',
              'everywhere.form',
              'everywhere.sdg_mask',
              'everywhere.lever_mask',
              'everywhere.world_mask',
            ])
            .distinct(),
        )
        .execute()
      await setMeta(trx, PLACES_GEOGRAPHY, geography)
    })
  }
}

async function setMeta(db: Db | Trx, key: string, value: string): Promise<void> {
  const now = nowIso()
  await db
    .insertInto('app_meta')
    .values({ key, value, updated_at: now })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value, updated_at: now }))
    .execute()
}

/**
 * Records that the summaries are up to date: world masks with organisations changed until `worldsAt`, places
 * with the loaded geography (the demo loader and the benchmark write their summaries themselves).
 */
export async function markDirectorySummariesFresh(db: Db | Trx, worldsAt: string): Promise<void> {
  await setMeta(db, WORLD_MASKS_SYNCED, worldsAt)
  const geography = await db.selectFrom('app_meta').select('value').where('key', '=', 'geography_version').executeTakeFirst()
  if (geography) await setMeta(db, PLACES_GEOGRAPHY, geography.value)
}
