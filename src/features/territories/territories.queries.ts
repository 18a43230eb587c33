/**
 * Reads over the geography. The geography is public reference data (no tenant), so these queries take no
 * scope. `insideTerritory` is the building block other features use to filter "everything inside" a territory.
 */
import { sql, type ExpressionBuilder, type Kysely } from 'kysely'
import { prefixUpperBound } from '../../core/db/dialect.js'
import { pageOf, pageWindow, type PageOf, rowsWithTotal } from '../../core/db/paging.js'
import { normaliseQuery } from '../../core/text/normalise.js'
import type { Database } from '../../database.js'
import type { TerritoriesTable, TerritoryKind } from './territories.table.js'

export type Territory = TerritoriesTable

/** The territory of `kind` with `code`, or undefined. */
export async function findTerritory(db: Kysely<Database>, kind: TerritoryKind, code: string): Promise<Territory | undefined> {
  return db.selectFrom('territories').selectAll().where('id', '=', `${kind}:${code}`).executeTakeFirst()
}

export async function findTerritoryById(db: Kysely<Database>, id: string): Promise<Territory | undefined> {
  return db.selectFrom('territories').selectAll().where('id', '=', id).executeTakeFirst()
}

/** Territories by ids, in no particular order (missing ids are simply absent). */
export async function listTerritoriesByIds(db: Kysely<Database>, ids: string[]): Promise<Territory[]> {
  if (ids.length === 0) return []
  return db.selectFrom('territories').selectAll().where('id', 'in', ids).execute()
}

const KIND_ORDER: Record<TerritoryKind, number> = { commune: 0, ept: 1, epci: 2, departement: 3, region: 4 }

/**
 * The territories directly above `territory` (EPCI, EPT, département, région), ordered from the nearest.
 * For a commune, the région is reached through its département.
 */
export async function listParents(db: Kysely<Database>, territory: Territory): Promise<Territory[]> {
  const direct = await db
    .selectFrom('territory_links')
    .innerJoin('territories', 'territories.id', 'territory_links.parent_id')
    .selectAll('territories')
    .where('territory_links.child_id', '=', territory.id)
    .execute()
  // A commune reaches its région through its département; an EPCI or EPT inside one région links to it too.
  const regionIds = new Set<string>()
  if (territory.kind !== 'region' && territory.kind !== 'departement' && territory.region_code) regionIds.add(`region:${territory.region_code}`)
  const parents = [...direct]
  if (regionIds.size > 0) {
    const regions = await listTerritoriesByIds(db, [...regionIds].filter((id) => !parents.some((p) => p.id === id)))
    parents.push(...regions)
  }
  return parents.sort((a, b) => KIND_ORDER[a.kind] - KIND_ORDER[b.kind] || (b.population ?? 0) - (a.population ?? 0))
}

/** The territories directly below, of one kind, by population (largest first), one page at a time. */
export async function listChildren(
  db: Kysely<Database>,
  territory: Territory,
  kind: TerritoryKind,
  page: number,
  pageSize: number,
): Promise<PageOf<Territory>> {
  const base = db
    .selectFrom('territory_links')
    .innerJoin('territories', 'territories.id', 'territory_links.child_id')
    .where('territory_links.parent_id', '=', territory.id)
    .where('territories.kind', '=', kind)
  const window = pageWindow(page, pageSize)
  const { rows, total } = await rowsWithTotal(
    base.selectAll('territories').orderBy('territories.population', 'desc').orderBy('territories.name'),
    base.select((eb) => eb.fn.countAll<number>().as('n')),
    window,
  )
  return pageOf(rows, total, window.page, pageSize)
}

/** The EPCI and EPT whose members all lie inside a département (for the département page). */
export async function listGroupsInside(db: Kysely<Database>, territory: Territory): Promise<Territory[]> {
  return db
    .selectFrom('territory_closure')
    .innerJoin('territories', 'territories.id', 'territory_closure.descendant_id')
    .selectAll('territories')
    .where('territory_closure.ancestor_id', '=', territory.id)
    .where('territories.kind', 'in', ['epci', 'ept'])
    .orderBy('territories.population', 'desc')
    .execute()
}

/** How many territories of each kind lie inside `territory` (the territory itself excluded), kept with the geography. */
export async function countInside(db: Kysely<Database>, territory: Territory): Promise<Partial<Record<TerritoryKind, number>>> {
  const rows = await db.selectFrom('territory_kind_counts').select(['kind', 'n']).where('territory_id', '=', territory.id).execute()
  return Object.fromEntries(rows.map((r) => [r.kind, Number(r.n)]))
}

/** Rank of a level when two territories tie on everything else: the larger level first. */
const LEVEL_RANK = sql<number>`case substr(territory_id, 1, 3) when 'reg' then 0 when 'dep' then 1 when 'epc' then 2 when 'ept' then 2 else 3 end`

/**
 * The territories matching `query`, one per territory, with what ranks them: `exact` (the whole name, an
 * INSEE code or a postal code is the query — a name that merely *ends* with it, "Villey-Saint-Étienne" for
 * "saint etienne", is not), `tier` (0 the name starts with the query, 1 an inner word does, 2 a code),
 * the population. Null when the query is too short.
 */
function searchCandidates(db: Kysely<Database>, query: string, kinds: TerritoryKind[] | undefined) {
  const q = normaliseQuery(query)
  if (q.length < 2 && !/^\d$/.test(q)) return null
  let candidates = db
    .selectFrom('territory_search_terms')
    .select([
      'territory_id',
      (eb) => eb.fn.min('tier').as('tier'),
      (eb) => eb.fn.max(sql<number>`case when ${eb.ref('term')} = ${q} and ${eb.ref('tier')} <> 1 then 1 else 0 end`).as('exact'),
      (eb) => eb.fn.max('population').as('population'),
    ])
    .where('term', '>=', q)
    .where('term', '<', prefixUpperBound(q))
    .groupBy('territory_id')
  if (kinds && kinds.length > 0) {
    candidates = candidates.where('territory_id', 'in', (eb: ExpressionBuilder<Database, 'territory_search_terms'>) => eb.selectFrom('territories').select('id').where('kind', 'in', kinds))
  }
  return candidates
}

/** The territories of one window of the ranked candidates, best first. */
async function rankedWindow(db: Kysely<Database>, candidates: NonNullable<ReturnType<typeof searchCandidates>>, limit: number, offset: number): Promise<Territory[]> {
  const ranked = await db
    .selectFrom(candidates.as('c'))
    .select('territory_id')
    .orderBy('exact', 'desc')
    .orderBy('tier', 'asc')
    .orderBy('population', 'desc')
    .orderBy(LEVEL_RANK)
    .orderBy('territory_id')
    .limit(limit)
    .offset(offset)
    .execute()
  const ids = ranked.map((r) => r.territory_id)
  if (ids.length === 0) return []
  const byId = new Map((await listTerritoriesByIds(db, ids)).map((r) => [r.id, r]))
  return ids.map((id) => byId.get(id)).filter((t): t is Territory => t !== undefined)
}

/**
 * One page of the territories found by name (accent-, case- and hyphen-insensitive, from the start of any
 * word), by INSEE code or by postal code, with the total. Ranked: exact names and codes first, then names
 * that start with the query before names that contain it, then by population (largest first), then the
 * larger level. "saint etienne": Saint-Étienne, Saint-Étienne Métropole, the Saint-Étienne-… communes, and
 * only then Villey-Saint-Étienne. Edge cases: fewer than 2 characters (other than one digit) finds nothing;
 * "st"/"ste" mean saint/sainte; a page past the end is empty with the total.
 */
export async function searchTerritoriesPage(
  db: Kysely<Database>,
  query: string,
  options: { page?: number; perPage?: number; kinds?: TerritoryKind[] } = {},
): Promise<PageOf<Territory>> {
  const perPage = Math.min(Math.max(options.perPage ?? 20, 1), 100)
  const window = pageWindow(options.page ?? 1, perPage)
  const candidates = searchCandidates(db, query, options.kinds)
  if (!candidates) return pageOf([], 0, window.page, perPage)
  const [{ total }, rows] = await Promise.all([
    db.selectFrom(candidates.as('c')).select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow(),
    rankedWindow(db, candidates, window.limit, window.offset),
  ])
  return pageOf(rows, Number(total), window.page, perPage)
}

/** The first `limit` territories of `searchTerritoriesPage` (pickers and place resolution: no total needed). */
export async function searchTerritories(db: Kysely<Database>, query: string, options: { limit?: number; kinds?: TerritoryKind[] } = {}): Promise<Territory[]> {
  const candidates = searchCandidates(db, query, options.kinds)
  if (!candidates) return []
  return rankedWindow(db, candidates, Math.min(Math.max(options.limit ?? 20, 1), 100), 0)
}

/**
 * A subquery of the ids of every territory inside `territoryId` (itself included): use it as
 * `where('seat_commune_id', 'in', insideTerritory(db, id))`.
 */
export function insideTerritory(db: Kysely<Database>, territoryId: string) {
  return db.selectFrom('territory_closure').select('descendant_id').where('ancestor_id', '=', territoryId)
}

/** The départements (with their région) for lists and maps, ordered by code. */
export async function listDepartements(db: Kysely<Database>): Promise<Territory[]> {
  return db.selectFrom('territories').selectAll().where('kind', '=', 'departement').orderBy('code').execute()
}

export async function listRegions(db: Kysely<Database>): Promise<Territory[]> {
  return db.selectFrom('territories').selectAll().where('kind', '=', 'region').orderBy('name').execute()
}

/** Commune-size band of the mayors' studies: < 2 000, 2 000–19 999, ≥ 20 000 inhabitants. */
export function communeSizeBand(population: number | null): 'lt2000' | '2000to19999' | 'gte20000' | null {
  if (population === null) return null
  if (population < 2000) return 'lt2000'
  if (population < 20000) return '2000to19999'
  return 'gte20000'
}

/** Every territory that contains `territoryId` (its EPCI, EPT, département, région…), itself excluded. */
export async function listAncestors(db: Kysely<Database>, territoryId: string): Promise<Territory[]> {
  return db
    .selectFrom('territory_closure')
    .innerJoin('territories', 'territories.id', 'territory_closure.ancestor_id')
    .selectAll('territories')
    .where('territory_closure.descendant_id', '=', territoryId)
    .where('territory_closure.ancestor_id', '!=', territoryId)
    .execute()
}
