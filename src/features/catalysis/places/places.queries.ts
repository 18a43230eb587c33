/**
 * Reads of places: one place with its managing organisation, commune and offer; the directory (inside a
 * territory through the copied levels, by kind, by words); the meetings held there. Places are public.
 */
import type { Kysely } from 'kysely'
import { containsNormalised } from '../../../core/db/dialect.js'
import { pageOf, pageWindow, type PageOf, rowsWithTotal } from '../../../core/db/paging.js'
import { normaliseText } from '../../../core/text/normalise.js'
import type { Database } from '../../../database.js'
import type { CatalysisPlacesTable } from '../catalysis.table.js'
import { insidePerimeter, type Perimeter } from '../territory-scope.js'

type Db = Kysely<Database>

export interface PlaceDetails extends CatalysisPlacesTable {
  organisation_name: string
  organisation_world: string
  commune_name: string
  commune_code: string
  /** status of the listening resource offering the place (null: not offered) */
  offer_status: string | null
}

const DETAIL_COLUMNS = [
  'catalysis_places.id',
  'catalysis_places.organisation_id',
  'catalysis_places.name',
  'catalysis_places.search_name',
  'catalysis_places.kind',
  'catalysis_places.description',
  'catalysis_places.address',
  'catalysis_places.commune_id',
  'catalysis_places.terr_epci_id',
  'catalysis_places.terr_ept_id',
  'catalysis_places.terr_departement_id',
  'catalysis_places.terr_region_id',
  'catalysis_places.capacity',
  'catalysis_places.accessibility',
  'catalysis_places.services',
  'catalysis_places.opening_hours',
  'catalysis_places.website',
  'catalysis_places.resource_id',
  'catalysis_places.is_demo',
  'catalysis_places.created_by',
  'catalysis_places.created_at',
  'catalysis_places.updated_at',
  'organisations.name as organisation_name',
  'organisations.world as organisation_world',
  'commune.name as commune_name',
  'commune.code as commune_code',
  'resources.status as offer_status',
] as const

const allPlaces = (db: Db) => db.selectFrom('catalysis_places')

/**
 * Places (filtered on their own columns) with their organisation, commune and offer. Lists count the places alone:
 * the organisation and the commune are required foreign keys and the offer a left join, so none drops or repeats a row.
 */
function withDetails(places: ReturnType<typeof allPlaces>) {
  return places
    .innerJoin('organisations', 'organisations.id', 'catalysis_places.organisation_id')
    .innerJoin('territories as commune', 'commune.id', 'catalysis_places.commune_id')
    .leftJoin('resources', 'resources.id', 'catalysis_places.resource_id')
}

/** One place with its organisation, commune and offer. */
export async function findPlaceDetails(db: Db, id: string): Promise<PlaceDetails | undefined> {
  return withDetails(allPlaces(db)).select(DETAIL_COLUMNS).where('catalysis_places.id', '=', id).executeTakeFirst()
}

export interface PlaceFilters {
  /** a territory with its level: places inside it */
  territory?: { id: string; kind: string }
  kind?: string
  text?: string
  organisationIds?: string[]
}

/** A page of the directory of places, by name (past the last page: no rows, with the totals). */
export async function listPlaces(db: Db, filters: PlaceFilters, page: number, pageSize: number): Promise<PageOf<PlaceDetails>> {
  let query = allPlaces(db)
  if (filters.territory) query = query.where(insidePerimeter([filters.territory], 'catalysis_places', 'commune_id'))
  if (filters.kind) query = query.where('catalysis_places.kind', '=', filters.kind)
  if (filters.organisationIds) query = query.where('catalysis_places.organisation_id', 'in', filters.organisationIds.length > 0 ? filters.organisationIds : ['-'])
  const text = filters.text ? normaliseText(filters.text) : ''
  if (text !== '') query = query.where(({ ref }) => containsNormalised(ref('catalysis_places.search_name'), text))
  const window = pageWindow(page, pageSize)
  const { rows, total } = await rowsWithTotal(
    withDetails(query).select(DETAIL_COLUMNS).orderBy('catalysis_places.search_name').orderBy('catalysis_places.id'),
    query.select(({ fn }) => fn.countAll<number>().as('n')),
    window,
  )
  return pageOf(rows, total, window.page, pageSize)
}

/** Places inside a perimeter (the space dashboard): their number and the first ones by name. */
export async function placesInPerimeter(db: Db, perimeter: Perimeter, limit: number): Promise<{ total: number; rows: PlaceDetails[] }> {
  const places = allPlaces(db).where(insidePerimeter(perimeter, 'catalysis_places', 'commune_id'))
  return rowsWithTotal(
    withDetails(places).select(DETAIL_COLUMNS).orderBy('catalysis_places.search_name'),
    places.select(({ fn }) => fn.countAll<number>().as('n')),
    { offset: 0, limit },
  )
}

/** The places managed by the actor's organisations (to pick one for a meeting). */
export async function placesOfOrganisations(db: Db, organisationIds: string[]): Promise<Array<{ id: string; name: string; commune_name: string }>> {
  if (organisationIds.length === 0) return []
  return db
    .selectFrom('catalysis_places')
    .innerJoin('territories', 'territories.id', 'catalysis_places.commune_id')
    .select(['catalysis_places.id', 'catalysis_places.name', 'territories.name as commune_name'])
    .where('catalysis_places.organisation_id', 'in', organisationIds)
    .orderBy('catalysis_places.search_name')
    .execute()
}
