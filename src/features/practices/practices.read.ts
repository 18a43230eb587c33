/**
 * What the library's pages read: result cards of a search, one sheet with live figures from its alliance
 * (partners' worlds, valued contributions, indicators) and where it was replicated, and the newest sheets for
 * the Atom feed. Sheets of partners-only alliances are seen by their partners only, like the alliances.
 */
import type { Kysely } from 'kysely'
import type { Actor } from '../../core/access/actor.js'
import { pageOf, pageWindow, type PageOf } from '../../core/db/paging.js'
import type { Database } from '../../database.js'
import { canView, findAllianceDetails, isCoordinatorAdmin, listPartners, loadAllianceAccess, type AllianceDetails } from '../alliances/index.js'
import { listPublishedReviews } from '../evaluation/index.js'
import { listValuedContributions, methodInfo, summarise, type MethodInfo, type ValuationReport } from '../valuation/index.js'
import { searchLibrary, type LibraryFilters } from './practices.search.js'
import { loadSheetAlliance } from './practices.service.js'
import type { PracticeSheetsTable } from './practices.table.js'

type Db = Kysely<Database>

export interface SheetCard {
  id: string
  title: string
  summary: string
  allianceId: string
  allianceName: string
  publishedAt: string
  domains: string[]
  replications: number
}

async function cards(db: Db, ids: string[]): Promise<SheetCard[]> {
  if (ids.length === 0) return []
  const [rows, domains, replications] = await Promise.all([
    db
      .selectFrom('practice_sheets')
      .innerJoin('alliances', 'alliances.id', 'practice_sheets.alliance_id')
      .select(['practice_sheets.id', 'practice_sheets.title', 'practice_sheets.summary', 'practice_sheets.alliance_id', 'practice_sheets.published_at', 'alliances.name as alliance_name'])
      .where('practice_sheets.id', 'in', ids)
      .execute(),
    db.selectFrom('practice_sheet_domains').select(['sheet_id', 'domain']).where('sheet_id', 'in', ids).execute(),
    db.selectFrom('practice_inspirations').select(['sheet_id', (eb) => eb.fn.countAll<number>().as('n')]).where('sheet_id', 'in', ids).groupBy('sheet_id').execute(),
  ])
  const byId = new Map(rows.map((r) => [r.id, r]))
  return ids
    .map((id) => byId.get(id))
    .filter((r): r is (typeof rows)[number] => r !== undefined)
    .map((r) => ({
      id: r.id,
      title: r.title,
      summary: r.summary,
      allianceId: r.alliance_id,
      allianceName: r.alliance_name,
      publishedAt: r.published_at,
      domains: domains.filter((d) => d.sheet_id === r.id).map((d) => d.domain),
      replications: Number(replications.find((x) => x.sheet_id === r.id)?.n ?? 0),
    }))
}

/**
 * A page of the library with its filters (sheets of public alliances only), newest first. Past the last page
 * the page is empty and still carries the totals; counts stop at 1 000 (`capped`).
 */
export async function searchSheets(db: Db, filters: LibraryFilters, page: number, pageSize: number): Promise<PageOf<SheetCard> & { capped: boolean }> {
  const window = pageWindow(page, pageSize)
  const result = await searchLibrary(db, filters, { limit: window.limit, offset: window.offset, cap: 1000 })
  return { ...pageOf(await cards(db, result.ids), result.total, window.page, pageSize), capped: result.capped }
}

export interface SheetPage {
  sheet: PracticeSheetsTable
  domains: string[]
  details: AllianceDetails
  canEdit: boolean
  /** live figures from the alliance */
  worlds: Array<{ world: string; partners: number }>
  valuation: { report: ValuationReport; method: MethodInfo }
  indicators: Array<{ name: string; unit: string; latest: { on: string; valueHundredths: number } | null; targetHundredths: number | null; targetOn: string | null }>
  reviews: Awaited<ReturnType<typeof listPublishedReviews>>
  /** alliances started from this sheet that the reader may see, with the départements of their perimeter */
  replications: Array<{ allianceId: string; name: string; startedOn: string; territories: Array<{ id: string; name: string; departementCode: string | null }> }>
  /** the sheet this sheet's alliance was itself started from, if any */
  inspiredBy: { sheetId: string; title: string } | null
}

/** One sheet with its live figures (404 when its alliance is hidden to the reader). */
export async function loadSheetPage(db: Db, actor: Actor, sheetId: string): Promise<SheetPage> {
  const { sheet, access, scope } = await loadSheetAlliance(db, actor, sheetId)
  const [details, domains, partners, valued, indicators, reviews, inspirations, inspiredBy] = await Promise.all([
    findAllianceDetails(db, scope),
    db.selectFrom('practice_sheet_domains').select('domain').where('sheet_id', '=', sheetId).execute(),
    listPartners(db, scope),
    listValuedContributions(db, scope),
    db
      .selectFrom('evaluation_indicators')
      .select(['id', 'name', 'unit', 'target_hundredths', 'target_on'])
      .where('alliance_id', '=', scope.allianceId)
      .orderBy('created_at')
      .execute(),
    listPublishedReviews(db, scope.allianceId),
    db
      .selectFrom('practice_inspirations')
      .innerJoin('alliances', 'alliances.id', 'practice_inspirations.alliance_id')
      .select(['alliances.id', 'alliances.name', 'alliances.started_on', 'alliances.visibility'])
      .where('practice_inspirations.sheet_id', '=', sheetId)
      .orderBy('alliances.started_on')
      .execute(),
    db
      .selectFrom('practice_inspirations')
      .innerJoin('practice_sheets', 'practice_sheets.id', 'practice_inspirations.sheet_id')
      .select(['practice_sheets.id', 'practice_sheets.title'])
      .where('practice_inspirations.alliance_id', '=', sheet.alliance_id)
      .executeTakeFirst(),
  ])
  if (!details) throw new Error('alliance vanished')
  // Replications of partners-only alliances are listed only to their partners (the alliances' own rule).
  const visible = []
  for (const r of inspirations) if (r.visibility === 'public' || canView(actor, await loadAllianceAccess(db, actor, r.id))) visible.push(r)
  const places = visible.length === 0 ? [] : await db.selectFrom('alliance_territories').innerJoin('territories', 'territories.id', 'alliance_territories.territory_id').select(['alliance_territories.alliance_id', 'territories.id', 'territories.name', 'territories.departement_code', 'territories.kind', 'territories.code']).where('alliance_territories.alliance_id', 'in', visible.map((v) => v.id)).execute()
  const values = indicators.length === 0 ? [] : await db.selectFrom('evaluation_indicator_values').select(['indicator_id', 'measured_on', 'value_hundredths']).where('alliance_id', '=', scope.allianceId).orderBy('measured_on', 'desc').execute()
  const worlds = new Map<string, number>()
  for (const p of partners.filter((x) => x.status === 'active')) worlds.set(p.world, (worlds.get(p.world) ?? 0) + 1)
  const latest = (id: string) => values.find((v) => v.indicator_id === id)
  return {
    sheet,
    domains: domains.map((d) => d.domain),
    details,
    canEdit: isCoordinatorAdmin(actor, access),
    worlds: [...worlds].map(([world, n]) => ({ world, partners: n })),
    valuation: {
      report: summarise(valued.rows),
      method: methodInfo(valued.method),
    },
    indicators: indicators.map((i) => {
      const v = latest(i.id)
      return { name: i.name, unit: i.unit, latest: v ? { on: v.measured_on, valueHundredths: Number(v.value_hundredths) } : null, targetHundredths: i.target_hundredths === null ? null : Number(i.target_hundredths), targetOn: i.target_on }
    }),
    reviews,
    replications: visible.map((r) => ({
      allianceId: r.id,
      name: r.name,
      startedOn: r.started_on,
      territories: places.filter((p) => p.alliance_id === r.id).map((p) => ({ id: p.id, name: p.name, departementCode: p.kind === 'departement' ? p.code : p.departement_code })),
    })),
    inspiredBy: inspiredBy ? { sheetId: inspiredBy.id, title: inspiredBy.title } : null,
  }
}

/** The newest sheets of public alliances, for the Atom feed. */
export async function newestSheets(db: Db, limit: number) {
  return db
    .selectFrom('practice_sheets')
    .innerJoin('alliances', 'alliances.id', 'practice_sheets.alliance_id')
    .select(['practice_sheets.id', 'practice_sheets.title', 'practice_sheets.summary', 'practice_sheets.published_at', 'practice_sheets.updated_at', 'alliances.name as alliance_name'])
    .where('alliances.visibility', '=', 'public')
    .orderBy('practice_sheets.published_at', 'desc')
    .orderBy('practice_sheets.id', 'desc')
    .limit(limit)
    .execute()
}
