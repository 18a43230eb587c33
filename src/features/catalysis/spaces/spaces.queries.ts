/**
 * Reads of territory spaces: one space with its perimeter and team, the directory (by territory, trade,
 * words), the number of spaces per département for the map, and the spaces whose perimeter covers a
 * territory. Spaces are public: these reads need no scope.
 */
import { sql, type Kysely } from 'kysely'
import { containsNormalised } from '../../../core/db/dialect.js'
import { pageOf, pageWindow, type PageOf, rowsWithTotal } from '../../../core/db/paging.js'
import { normaliseText } from '../../../core/text/normalise.js'
import type { Database } from '../../../database.js'
import { codesOf } from '../../vocabulary/index.js'
import type { SpaceAccess } from '../catalysis.policy.js'
import type { CatalysisSpacesTable, CoanimatorStatus } from '../catalysis.table.js'

type Db = Kysely<Database>

/** The trades of a space as codes, from its mask (vocabulary order). */
export function tradesOf(mask: number): string[] {
  return codesOf('catalysis_trade', true).filter((_, i) => (mask & (1 << i)) !== 0)
}

/** The mask of a list of trade codes (unknown codes ignored: the service refuses them before). */
export function tradeMask(codes: string[]): number {
  const all = codesOf('catalysis_trade', true)
  return codes.reduce((mask, code) => (all.includes(code) ? mask | (1 << all.indexOf(code)) : mask), 0)
}

/** The space and its co-animating organisations, for the policy; undefined when it does not exist. */
export async function findSpaceAccess(db: Db, id: string): Promise<SpaceAccess | undefined> {
  const space = await db.selectFrom('catalysis_spaces').selectAll().where('id', '=', id).executeTakeFirst()
  if (!space) return undefined
  const coanimators = await db.selectFrom('catalysis_space_coanimators').selectAll().where('space_id', '=', id).orderBy('created_at').execute()
  return { space, coanimators }
}

export interface SpaceTerritory {
  id: string
  kind: string
  code: string
  name: string
}

export interface SpaceDetails {
  space: CatalysisSpacesTable
  organisation: { id: string; name: string; world: string }
  territories: SpaceTerritory[]
  coanimators: Array<{ organisation_id: string; name: string; world: string; status: CoanimatorStatus }>
}

/** Everything the space page shows about the space itself. */
export async function findSpaceDetails(db: Db, access: SpaceAccess): Promise<SpaceDetails> {
  const [organisation, territories, coanimators] = await Promise.all([
    db.selectFrom('organisations').select(['id', 'name', 'world']).where('id', '=', access.space.organisation_id).executeTakeFirstOrThrow(),
    spaceTerritories(db, access.space.id),
    db
      .selectFrom('catalysis_space_coanimators')
      .innerJoin('organisations', 'organisations.id', 'catalysis_space_coanimators.organisation_id')
      .select(['catalysis_space_coanimators.organisation_id', 'organisations.name', 'organisations.world', 'catalysis_space_coanimators.status'])
      .where('catalysis_space_coanimators.space_id', '=', access.space.id)
      .orderBy('organisations.search_name')
      .execute(),
  ])
  return { space: access.space, organisation, territories, coanimators }
}

/** The perimeter of a space, largest territories first. */
export async function spaceTerritories(db: Db, spaceId: string): Promise<SpaceTerritory[]> {
  return db
    .selectFrom('catalysis_space_territories')
    .innerJoin('territories', 'territories.id', 'catalysis_space_territories.territory_id')
    .select(['territories.id', 'territories.kind', 'territories.code', 'territories.name'])
    .where('catalysis_space_territories.space_id', '=', spaceId)
    .orderBy('territories.population', 'desc')
    .orderBy('territories.id')
    .execute()
}

export interface SpaceListRow {
  id: string
  name: string
  mission: string
  trade_mask: number
  organisation_id: string
  organisation_name: string
  is_demo: number
}

export interface SpaceFilters {
  /** spaces whose perimeter meets this territory (contains it or lies inside it) */
  territoryId?: string
  trade?: string
  text?: string
}

/** Spaces whose perimeter meets a territory: a perimeter territory contains it, or lies inside it. */
function meeting(db: Db, territoryId: string) {
  return db
    .selectFrom('catalysis_space_territories as st')
    .select('st.space_id')
    .where((eb) =>
      eb.or([
        eb('st.territory_id', 'in', db.selectFrom('territory_closure').select('ancestor_id').where('descendant_id', '=', territoryId)),
        eb('st.territory_id', 'in', db.selectFrom('territory_closure').select('descendant_id').where('ancestor_id', '=', territoryId)),
      ]),
    )
}

/** A page of the directory of spaces, by name (past the last page: no rows, with the totals). */
export async function listSpaces(db: Db, filters: SpaceFilters, page: number, pageSize: number): Promise<PageOf<SpaceListRow>> {
  // Filtered and counted on the spaces alone: the join to their organisation (a required foreign key) adds a name
  // to each row listed, and neither drops nor repeats one.
  let base = db.selectFrom('catalysis_spaces')
  if (filters.territoryId) base = base.where('catalysis_spaces.id', 'in', meeting(db, filters.territoryId))
  if (filters.trade) {
    const bit = tradeMask([filters.trade])
    base = base.where(sql<boolean>`(catalysis_spaces.trade_mask & ${bit}) <> 0`)
  }
  const text = filters.text ? normaliseText(filters.text) : ''
  if (text !== '') base = base.where(({ ref }) => containsNormalised(ref('catalysis_spaces.search_name'), text))
  const window = pageWindow(page, pageSize)
  const { rows, total } = await rowsWithTotal(
    base
      .innerJoin('organisations', 'organisations.id', 'catalysis_spaces.organisation_id')
      .select(['catalysis_spaces.id', 'catalysis_spaces.name', 'catalysis_spaces.mission', 'catalysis_spaces.trade_mask', 'catalysis_spaces.organisation_id', 'organisations.name as organisation_name', 'catalysis_spaces.is_demo'])
      .orderBy('catalysis_spaces.search_name')
      .orderBy('catalysis_spaces.id'),
    base.select(({ fn }) => fn.countAll<number>().as('n')),
    window,
  )
  return pageOf(rows, total, window.page, pageSize)
}

/**
 * The number of spaces per département (code → count): a space counts in every département its perimeter
 * meets — those containing one of its territories and those inside one of them (a région's).
 */
export async function countSpacesByDepartement(db: Db): Promise<Map<string, number>> {
  const containing = db
    .selectFrom('catalysis_space_territories as st')
    .innerJoin('territory_closure as c', 'c.descendant_id', 'st.territory_id')
    .innerJoin('territories as d', 'd.id', 'c.ancestor_id')
    .select(['st.space_id', 'd.code'])
    .where('d.kind', '=', 'departement')
  const inside = db
    .selectFrom('catalysis_space_territories as st')
    .innerJoin('territory_closure as c', 'c.ancestor_id', 'st.territory_id')
    .innerJoin('territories as d', 'd.id', 'c.descendant_id')
    .select(['st.space_id', 'd.code'])
    .where('d.kind', '=', 'departement')
  const rows = await db
    .selectFrom(containing.union(inside).as('pairs'))
    .select(['pairs.code', (eb) => eb.fn.count<number>('pairs.space_id').distinct().as('n')])
    .groupBy('pairs.code')
    .execute()
  return new Map(rows.map((r) => [r.code, Number(r.n)]))
}

/** Spaces whose perimeter contains the territory (for a dialogue's recommendations), by name. */
export async function listSpacesCovering(db: Db, territoryId: string, limit: number): Promise<SpaceListRow[]> {
  return db
    .selectFrom('catalysis_spaces')
    .innerJoin('organisations', 'organisations.id', 'catalysis_spaces.organisation_id')
    .select(['catalysis_spaces.id', 'catalysis_spaces.name', 'catalysis_spaces.mission', 'catalysis_spaces.trade_mask', 'catalysis_spaces.organisation_id', 'organisations.name as organisation_name', 'catalysis_spaces.is_demo'])
    .where('catalysis_spaces.id', 'in', (eb) =>
      eb
        .selectFrom('catalysis_space_territories')
        .select('space_id')
        .where('territory_id', 'in', db.selectFrom('territory_closure').select('ancestor_id').where('descendant_id', '=', territoryId)),
    )
    .orderBy('catalysis_spaces.search_name')
    .limit(limit)
    .execute()
}
