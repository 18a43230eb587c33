/**
 * The library's search: every sheet is a full-text document (its title, summary, the six axes, lessons and its
 * alliance's name) with facets — SDG, domain, form of co-construction, worlds involved, commune-size band of the
 * perimeter, région, phase — so that text and filters are answered by one intersection inside the full-text
 * index (`core/search/fulltext.ts`), whatever the number of sheets.
 *
 * Some facets belong to the alliance and change with it (its phase, its partners' worlds, its SDGs, its
 * visibility), as its France directory row sums them up. Each sheet keeps the signature of what it was indexed
 * with; a trigger on the directory notes the alliances whose row was written (`practice_dirty`), and
 * `refreshLibrary` re-indexes, before a search, the sheets of those whose signature changed (a sheet of an
 * alliance that became partners-only leaves the index).
 */
import type { Kysely, Transaction } from 'kysely'
import { indexDocuments, removeDocument, searchDocuments } from '../../core/search/fulltext.js'
import type { Database } from '../../database.js'

type Db = Kysely<Database> | Transaction<Database>

export const PRACTICE_KIND = 'practice'

export interface LibraryFilters {
  text?: string
  sdg?: number
  domain?: string
  form?: string
  world?: string
  size?: string
  region?: string
  phase?: string
}

/** The signature of an alliance's facets as its directory summary holds them. */
const signatureSql = (d: { visibility: string; phase: string; form: string; sdg_mask: number; world_mask: number }) => `${d.visibility}|${d.phase}|${d.form}|${Number(d.sdg_mask)}|${Number(d.world_mask)}`

/** Writes the search documents of some sheets (inside the caller's transaction) and their signatures. */
export async function indexSheets(db: Db, sheetIds: readonly string[]): Promise<void> {
  if (sheetIds.length === 0) return
  const sheets = await db
    .selectFrom('practice_sheets')
    .innerJoin('alliances', 'alliances.id', 'practice_sheets.alliance_id')
    .innerJoin('alliance_directory', (j) => j.onRef('alliance_directory.alliance_id', '=', 'practice_sheets.alliance_id').on('alliance_directory.scope_id', '=', 'france'))
    .select([
      'practice_sheets.id',
      'practice_sheets.alliance_id',
      'practice_sheets.title',
      'practice_sheets.summary',
      'practice_sheets.context',
      'practice_sheets.solution',
      'practice_sheets.process',
      'practice_sheets.socio_economic_model',
      'practice_sheets.arrangement',
      'practice_sheets.governance',
      'practice_sheets.legal_frame',
      'practice_sheets.lessons',
      'practice_sheets.size_band',
      'practice_sheets.region_id',
      'alliances.name as alliance_name',
      'alliance_directory.visibility',
      'alliance_directory.phase',
      'alliance_directory.form',
      'alliance_directory.sdg_mask',
      'alliance_directory.world_mask',
    ])
    .where('practice_sheets.id', 'in', [...sheetIds])
    .execute()
  const allianceIds = [...new Set(sheets.map((s) => s.alliance_id))]
  const [sdgs, worlds, domains] = await Promise.all([
    db.selectFrom('alliance_sdgs').select(['alliance_id', 'sdg']).where('alliance_id', 'in', allianceIds).execute(),
    db
      .selectFrom('alliance_partners')
      .innerJoin('organisations', 'organisations.id', 'alliance_partners.organisation_id')
      .select(['alliance_partners.alliance_id', 'organisations.world'])
      .distinct()
      .where('alliance_partners.alliance_id', 'in', allianceIds)
      .where('alliance_partners.status', '=', 'active')
      .execute(),
    db.selectFrom('practice_sheet_domains').select(['sheet_id', 'domain']).where('sheet_id', 'in', [...sheetIds]).execute(),
  ])
  const documents = []
  for (const s of sheets) {
    await db.updateTable('practice_sheets').set({ facet_signature: signatureSql(s) }).where('id', '=', s.id).execute()
    if (s.visibility !== 'public') {
      await removeDocument(db, PRACTICE_KIND, s.id)
      continue
    }
    const facets: Array<[string, string | number]> = [
      ['form', s.form],
      ['phase', s.phase],
      ...sdgs.filter((x) => x.alliance_id === s.alliance_id).map((x): [string, number] => ['sdg', x.sdg]),
      ...worlds.filter((x) => x.alliance_id === s.alliance_id).map((x): [string, string] => ['world', x.world]),
      ...domains.filter((x) => x.sheet_id === s.id).map((x): [string, string] => ['domain', x.domain]),
    ]
    if (s.size_band) facets.push(['size', s.size_band])
    if (s.region_id) facets.push(['region', s.region_id])
    documents.push({ kind: PRACTICE_KIND, id: s.id, text: [s.title, s.alliance_name, s.summary, s.context, s.solution, s.process, s.socio_economic_model, s.arrangement, s.governance, s.legal_frame, s.lessons].join(' '), facets })
  }
  await indexDocuments(db, documents)
}

/** How many noted alliances one refresh handles (the rest wait for the next search). */
const REFRESH_BATCH = 500

/**
 * Re-indexes the sheets of the alliances noted in `practice_dirty` whose facets really changed (their
 * signature differs), and returns how many were re-indexed. Runs before every search; with nothing noted it
 * costs one lookup in an empty table. The notes are taken (deleted) in the same transaction that reads the
 * directory, so a change committed meanwhile notes its alliance again and is not lost.
 */
export async function refreshLibrary(db: Kysely<Database>): Promise<number> {
  const noted = await db.selectFrom('practice_dirty').select('alliance_id').limit(REFRESH_BATCH).execute()
  if (noted.length === 0) return 0
  const allianceIds = noted.map((n) => n.alliance_id)
  return db.transaction().execute(async (trx) => {
    await trx.deleteFrom('practice_dirty').where('alliance_id', 'in', allianceIds).execute()
    const rows = await trx
      .selectFrom('practice_sheets')
      .innerJoin('alliance_directory', (j) => j.onRef('alliance_directory.alliance_id', '=', 'practice_sheets.alliance_id').on('alliance_directory.scope_id', '=', 'france'))
      .select(['practice_sheets.id', 'practice_sheets.facet_signature', 'alliance_directory.visibility', 'alliance_directory.phase', 'alliance_directory.form', 'alliance_directory.sdg_mask', 'alliance_directory.world_mask'])
      .where('practice_sheets.alliance_id', 'in', allianceIds)
      .execute()
    const stale = rows.filter((r) => r.facet_signature !== signatureSql(r)).map((r) => r.id)
    for (let i = 0; i < stale.length; i += 200) await indexSheets(trx, stale.slice(i, i + 200))
    return stale.length
  })
}

/** Filters as facet pairs for the search (the same names as when indexing). */
function facetsOf(filters: LibraryFilters): Array<[string, string | number]> {
  const facets: Array<[string, string | number]> = []
  if (filters.sdg !== undefined) facets.push(['sdg', filters.sdg])
  for (const name of ['domain', 'form', 'world', 'size', 'region', 'phase'] as const) {
    const value = filters[name]
    if (value) facets.push([name, value])
  }
  return facets
}

/** The ids of matching sheets, newest indexed first, one page at a time; counts stop at `cap`. */
export async function searchLibrary(db: Kysely<Database>, filters: LibraryFilters, page: { limit: number; offset: number; cap: number }) {
  await refreshLibrary(db)
  return searchDocuments(db, PRACTICE_KIND, { text: filters.text, facets: facetsOf(filters) }, page)
}
