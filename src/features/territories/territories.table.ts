/** Kysely types of the geography tables. */
export type TerritoryKind = 'commune' | 'epci' | 'ept' | 'departement' | 'region'

export const TERRITORY_KINDS: readonly TerritoryKind[] = ['commune', 'epci', 'ept', 'departement', 'region']

/** Whether a text read from a URL names a territorial level. */
export function isTerritoryKind(value: string): value is TerritoryKind {
  return (TERRITORY_KINDS as readonly string[]).includes(value)
}

export interface TerritoriesTable {
  /** `${kind}:${code}`, e.g. `commune:94080` (codes repeat across levels: région 11 ≠ département 11). */
  id: string
  kind: TerritoryKind
  code: string
  name: string
  /** EPCI legal form (CC, CA, CU, METRO, MET69) or `EPT`; null for other levels. */
  subtype: string | null
  siren: string | null
  population: number | null
  departement_code: string | null
  region_code: string | null
  /** `metro`, `drom` or `com` */
  zone: string
  /** space-separated postal codes (communes) */
  postal_codes: string | null
  chef_lieu_code: string | null
}

export interface TerritoryLinksTable {
  child_id: string
  parent_id: string
}

export interface TerritoryClosureTable {
  ancestor_id: string
  descendant_id: string
}

/** How many territories of each kind lie inside a territory (itself excluded), rebuilt with the closure. */
export interface TerritoryKindCountsTable {
  territory_id: string
  kind: string
  n: number
}

/**
 * How many organisations are seated in each territory: their seat commune and every territory containing it. Kept
 * by triggers on `organisations` in the transaction of each write (the migration); rebuilt with the closure. The
 * organisations' directory reads its count of a territory there.
 */
export interface TerritoryOrganisationCountsTable {
  territory_id: string
  n: number
}

/** One row per organisation and territory holding its seat (kept by triggers on `organisations`), by name. */
export interface TerritoryOrganisationsTable {
  territory_id: string
  search_name: string
  organisation_id: string
}

export interface TerritorySearchTermsTable {
  term: string
  territory_id: string
  /** 0 = the whole name, 1 = the name from an inner word, 2 = a code or postal code */
  tier: number
  population: number
}

export interface TerritoryTables {
  territories: TerritoriesTable
  territory_links: TerritoryLinksTable
  territory_closure: TerritoryClosureTable
  territory_kind_counts: TerritoryKindCountsTable
  territory_organisation_counts: TerritoryOrganisationCountsTable
  territory_organisations: TerritoryOrganisationsTable
  territory_search_terms: TerritorySearchTermsTable
}
