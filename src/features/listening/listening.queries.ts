/**
 * Reads of needs and resources. Published needs and resources are public, so these reads take no scope;
 * contact requests are private and are read in `connections.queries.ts` through a `RequestScope`.
 * Lists share one set of filters (text through the full-text index, territory "everything inside", domain,
 * SDG, contribution type, world, status) for the pages, the search and the API.
 */
import type { Kysely, Transaction } from 'kysely'
import { COUNT_CAP, cappedCount, cappedTotal, pageOf, pageWindow, rowsWithTotal, type CappedPageOf } from '../../core/db/paging.js'
import { queryWords, searchDocuments } from '../../core/search/fulltext.js'
import type { Database } from '../../database.js'
import { isTerritoryKind, type Territory } from '../territories/index.js'
import { CONTRIBUTION_TYPES, NATIONAL, OPEN_NEED_STATUSES } from './listening.codes.js'
import type { NeedContributionsTable, NeedsTable, NeedStatus, ResourcesTable, ResourceStatus } from './listening.table.js'

type Db = Kysely<Database> | Transaction<Database>

/** The filters every list shares (pages, search, API). `territoryId` keeps everything inside that territory. */
export interface ListFilters {
  text?: string
  territoryId?: string
  domain?: string
  sdg?: number
  contributionType?: string
  world?: string
  status?: string
}

export interface OrganisationBrief {
  id: string
  name: string
  world: string
  is_demo: number
}

export interface NeedRow {
  id: string
  title: string
  domain: string
  status: NeedStatus
  world: string
  type_mask: number
  sdg_mask: number
  is_demo: number
  updated_at: string
  organisation_id: string
  organisation_name: string
  territory_id: string
  territory_name: string
  territory_kind: string
  territory_code: string
}

export interface ResourceRow {
  id: string
  kind: 'ressource' | 'envie'
  title: string
  contribution_type: string
  status: ResourceStatus
  world: string
  domain_mask: number
  sdg_mask: number
  reach_territory_id: string
  is_demo: number
  updated_at: string
  organisation_id: string
  organisation_name: string
}

/**
 * A page of a list whose count stops at `COUNT_CAP` (core paging). Only the first `COUNT_CAP` rows are browsed
 * here: a page beyond them is empty, as a page past the end (the full-text index ranks no further).
 */
export interface ListPage<T> extends CappedPageOf<T> {}

/** The rows of `page` that lie within the browsable first `COUNT_CAP` rows (none past them). */
function cappedWindow(page: number, perPage: number) {
  const window = pageWindow(page, perPage)
  return { ...window, limit: Math.max(0, Math.min(window.limit, COUNT_CAP - window.offset)) }
}

/**
 * An unfiltered page: the page's rows in `order`, with their capped count. The count reads `listed`, the listed
 * table alone: `base` adds it only joins on required foreign keys, which neither drop nor repeat a row, and
 * joining 1 001 rows to count them cost 6.5 ms of the 7 of `/besoins`'s statement on PostgreSQL.
 */
// biome-ignore lint/suspicious/noExplicitAny: the callers' select builders join different tables, whose Kysely types do not unify; T types the rows
async function plainPage<T>(db: Db, base: any, listed: any, columns: any, order: (q: any) => any, page: number, perPage: number): Promise<ListPage<T>> {
  const window = cappedWindow(page, perPage)
  const read = await rowsWithTotal<T>(order(base.select(columns)), cappedCount(db, listed), window)
  const { total, capped } = cappedTotal(read.total)
  return { ...pageOf(read.rows, total, window.page, perPage), capped }
}

function facetsOf(filters: ListFilters): Array<[string, string | number]> {
  const facets: Array<[string, string | number]> = []
  if (filters.territoryId) facets.push(['territory', filters.territoryId])
  if (filters.domain) facets.push(['domain', filters.domain])
  if (filters.sdg !== undefined) facets.push(['sdg', filters.sdg])
  if (filters.contributionType) facets.push(['type', filters.contributionType])
  if (filters.world) facets.push(['world', filters.world])
  if (filters.status) facets.push(['status', filters.status])
  return facets
}

function isFiltered(filters: ListFilters): boolean {
  return queryWords(filters.text ?? '').length > 0 || facetsOf(filters).length > 0
}

/**
 * A filtered page, answered by the full-text index (text and filters as facets, newest first), then the
 * page's rows read by id, in the index's order.
 */
async function searchPage<T extends { id: string }>(db: Db, kind: string, filters: ListFilters, page: number, perPage: number, load: (ids: string[]) => Promise<T[]>): Promise<ListPage<T>> {
  const window = cappedWindow(page, perPage)
  const found = await searchDocuments(db, kind, { text: filters.text, facets: facetsOf(filters) }, { limit: window.limit, offset: window.offset, cap: COUNT_CAP })
  const rows = await load(found.ids)
  const order = new Map(found.ids.map((id, i) => [id, i]))
  rows.sort((a, b) => (order.get(a.id) ?? 0) - (order.get(b.id) ?? 0))
  return { ...pageOf(rows, found.total, window.page, perPage), capped: found.capped }
}

/** Needs with their organisation and territory: the rows of every list of needs. */
const needRows = (db: Db) =>
  db.selectFrom('needs').innerJoin('organisations', 'organisations.id', 'needs.organisation_id').innerJoin('territories', 'territories.id', 'needs.territory_id')
const NEED_ROW_COLUMNS = [
  'needs.id',
  'needs.title',
  'needs.domain',
  'needs.status',
  'needs.world',
  'needs.type_mask',
  'needs.sdg_mask',
  'needs.is_demo',
  'needs.updated_at',
  'needs.organisation_id',
  'organisations.name as organisation_name',
  'needs.territory_id',
  'territories.name as territory_name',
  'territories.kind as territory_kind',
  'territories.code as territory_code',
] as const

/** Resources with their organisation: the rows of every list of resources. */
const resourceRows = (db: Db) => db.selectFrom('resources').innerJoin('organisations', 'organisations.id', 'resources.organisation_id')
const RESOURCE_ROW_COLUMNS = [
  'resources.id',
  'resources.kind',
  'resources.title',
  'resources.contribution_type',
  'resources.status',
  'resources.world',
  'resources.domain_mask',
  'resources.sdg_mask',
  'resources.reach_territory_id',
  'resources.is_demo',
  'resources.updated_at',
  'resources.organisation_id',
  'organisations.name as organisation_name',
] as const

/**
 * Published needs, newest first. With text or any filter (territory — everything inside —, domain, SDG,
 * contribution type, world, status), the full-text index answers; otherwise a plain indexed read.
 */
export async function listNeeds(db: Db, filters: ListFilters, page: number, perPage: number): Promise<ListPage<NeedRow>> {
  if (isFiltered(filters)) return searchPage(db, 'need', filters, page, perPage, (ids) => listNeedsByIds(db, ids))
  return plainPage<NeedRow>(
    db,
    needRows(db),
    db.selectFrom('needs'),
    NEED_ROW_COLUMNS,
    (q) => q.orderBy('needs.updated_at', 'desc').orderBy('needs.id'),
    page,
    perPage,
  )
}

/**
 * Published resources, newest first, with the same filters. The territory filter keeps resources of
 * organisations seated inside the territory and those whose reach is inside it.
 */
export async function listResources(db: Db, filters: ListFilters, page: number, perPage: number): Promise<ListPage<ResourceRow>> {
  if (isFiltered(filters)) return searchPage(db, 'resource', filters, page, perPage, (ids) => listResourcesByIds(db, ids))
  return plainPage<ResourceRow>(
    db,
    resourceRows(db),
    db.selectFrom('resources'),
    RESOURCE_ROW_COLUMNS,
    (q) => q.orderBy('resources.updated_at', 'desc').orderBy('resources.id'),
    page,
    perPage,
  )
}

export interface ActorRow {
  id: string
  name: string
  world: string
  is_demo: number
  seat_name: string
}

/** Actors (organisations) with the full-text index, the territory of their seat and their world. */
export async function listActors(db: Db, filters: ListFilters, page: number, perPage: number): Promise<ListPage<ActorRow>> {
  if (isFiltered(filters)) {
    return searchPage(db, 'organisation', { text: filters.text, territoryId: filters.territoryId, world: filters.world, sdg: filters.sdg }, page, perPage, (ids) =>
      ids.length === 0
        ? Promise.resolve([])
        : db
            .selectFrom('organisations')
            .innerJoin('territories as seat', 'seat.id', 'organisations.seat_commune_id')
            .select(['organisations.id', 'organisations.name', 'organisations.world', 'organisations.is_demo', 'seat.name as seat_name'])
            .where('organisations.id', 'in', ids)
            .execute(),
    )
  }
  const base = db.selectFrom('organisations').innerJoin('territories as seat', 'seat.id', 'organisations.seat_commune_id')
  return plainPage<ActorRow>(
    db,
    base,
    db.selectFrom('organisations'),
    ['organisations.id', 'organisations.name', 'organisations.world', 'organisations.is_demo', 'seat.name as seat_name'],
    (q) => q.orderBy('organisations.search_name').orderBy('organisations.id'),
    page,
    perPage,
  )
}

export interface NeedDetails {
  need: NeedsTable
  contributions: NeedContributionsTable[]
  territory: Territory
  organisation: OrganisationBrief
}

export async function findNeed(db: Db, id: string): Promise<NeedDetails | undefined> {
  const need = await db.selectFrom('needs').selectAll().where('id', '=', id).executeTakeFirst()
  if (!need) return undefined
  const [contributions, territory, organisation] = await Promise.all([
    db.selectFrom('need_contributions').selectAll().where('need_id', '=', id).execute(),
    db.selectFrom('territories').selectAll().where('id', '=', need.territory_id).executeTakeFirstOrThrow(),
    db.selectFrom('organisations').select(['id', 'name', 'world', 'is_demo']).where('id', '=', need.organisation_id).executeTakeFirstOrThrow(),
  ])
  contributions.sort((a, b) => CONTRIBUTION_TYPES.indexOf(a.contribution_type) - CONTRIBUTION_TYPES.indexOf(b.contribution_type))
  return { need, contributions, territory, organisation }
}

export interface ResourceDetails {
  resource: ResourcesTable
  /** null for a national reach */
  reach: Territory | null
  organisation: OrganisationBrief
}

export async function findResource(db: Db, id: string): Promise<ResourceDetails | undefined> {
  const resource = await db.selectFrom('resources').selectAll().where('id', '=', id).executeTakeFirst()
  if (!resource) return undefined
  const [reach, organisation] = await Promise.all([
    resource.reach_territory_id === NATIONAL ? Promise.resolve(undefined) : db.selectFrom('territories').selectAll().where('id', '=', resource.reach_territory_id).executeTakeFirst(),
    db.selectFrom('organisations').select(['id', 'name', 'world', 'is_demo']).where('id', '=', resource.organisation_id).executeTakeFirstOrThrow(),
  ])
  return { resource, reach: reach ?? null, organisation }
}

/** Briefs of several needs or resources (for the match lists). */
export async function listNeedsByIds(db: Db, ids: string[]): Promise<NeedRow[]> {
  if (ids.length === 0) return []
  return (await needRows(db).select(NEED_ROW_COLUMNS).where('needs.id', 'in', ids).execute()) as NeedRow[]
}

export async function listResourcesByIds(db: Db, ids: string[]): Promise<ResourceRow[]> {
  if (ids.length === 0) return []
  return resourceRows(db).select(RESOURCE_ROW_COLUMNS).where('resources.id', 'in', ids).execute()
}

// --- the territory dashboard ---------------------------------------------------------------------------

export interface Count {
  code: string
  n: number
}

/** The figures of a territory's listening dashboard. */
export interface TerritoryCounts {
  /** open needs inside the territory, by domain */
  byDomain: Count[]
  /** open needs inside the territory, by SDG (a need counts once for each of its SDGs), all 17 */
  bySdg: Count[]
  /** available resources of organisations seated inside the territory, by contribution type */
  byType: Count[]
}

/**
 * The dashboard's counts of a territory, read from `listening_counts` (one indexed range, whatever the number
 * of needs and resources inside; triggers keep it on every write of needs and resources).
 */
export async function countInsideTerritory(db: Db, territoryId: string): Promise<TerritoryCounts> {
  const rows = await db
    .selectFrom('listening_counts')
    .select(['facet', 'code', 'n'])
    .where('territory_id', '=', territoryId)
    .where('n', '>', 0)
    .orderBy('facet')
    .orderBy('code')
    .execute()
  const of = (facet: string) => rows.filter((r) => r.facet === facet).map((r) => ({ code: r.code, n: Number(r.n) }))
  const sdgs = new Map(of('sdg').map((c) => [c.code, c.n]))
  return { byDomain: of('domain'), bySdg: Array.from({ length: 17 }, (_, i) => ({ code: String(i + 1), n: sdgs.get(String(i + 1)) ?? 0 })), byType: of('type') }
}

/** The column of needs holding their territory at the level of `territoryId` (`commune:94080` → commune), or null for an unknown kind. */
function needLevelColumn(territoryId: string) {
  const kind = territoryId.slice(0, territoryId.indexOf(':'))
  return isTerritoryKind(kind) ? (`needs.terr_${kind}_id` as const) : null
}

/**
 * Orphan needs (besoins orphelins) inside a territory: open needs that no available resource of another
 * organisation can serve on `today` (no kind of help in common with a reach covering the need's territory).
 * Read from the stored served day (`listening.orphans.ts`) through the level index: the cost follows the
 * orphans of the territory, not its needs times the resources. Edge case: `limit` 0 gives the counts alone.
 */
export async function listOrphanNeeds(db: Db, territoryId: string, today: string, limit: number): Promise<{ rows: NeedRow[]; byDomain: Count[]; total: number }> {
  const level = needLevelColumn(territoryId)
  if (level === null) return { rows: [], byDomain: [], total: 0 }
  const base = db.selectFrom('needs').where(level, '=', territoryId).where('needs.served_until', '<', today).where('needs.status', 'in', [...OPEN_NEED_STATUSES])
  const byDomain = await base.select(['needs.domain as code', (eb) => eb.fn.countAll<number>().as('n')]).groupBy('needs.domain').orderBy('needs.domain').execute()
  const ids = limit > 0 ? await base.select('needs.id').orderBy('needs.updated_at', 'desc').orderBy('needs.id').limit(limit).execute() : []
  const rows = await listNeedsByIds(db, ids.map((r) => r.id))
  const order = new Map(ids.map((r, i) => [r.id, i]))
  rows.sort((a, b) => (order.get(a.id) ?? 0) - (order.get(b.id) ?? 0))
  const counts = byDomain.map((r) => ({ code: r.code, n: Number(r.n) }))
  return { rows, byDomain: counts, total: counts.reduce((s, c) => s + c.n, 0) }
}

/** Needs and resources of one organisation (for its profile), newest first. */
export async function listOfOrganisation(db: Db, organisationId: string, limit: number) {
  const needRows = await db
    .selectFrom('needs')
    .select('id')
    .where('organisation_id', '=', organisationId)
    .orderBy('updated_at', 'desc')
    .orderBy('id')
    .limit(limit)
    .execute()
  const resourceRows = await db
    .selectFrom('resources')
    .select('id')
    .where('organisation_id', '=', organisationId)
    .orderBy('updated_at', 'desc')
    .orderBy('id')
    .limit(limit)
    .execute()
  const [n, r] = await Promise.all([listNeedsByIds(db, needRows.map((x) => x.id)), listResourcesByIds(db, resourceRows.map((x) => x.id))])
  const byNewest = <T extends { updated_at: string; id: string }>(a: T, b: T) => (a.updated_at < b.updated_at ? 1 : a.updated_at > b.updated_at ? -1 : a.id.localeCompare(b.id))
  return { needs: n.sort(byNewest), resources: r.sort(byNewest) }
}
