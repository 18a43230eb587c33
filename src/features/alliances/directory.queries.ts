/**
 * Reads across alliances, each with the reader's `AllianceReadScope` (the organisations through which they see
 * partners-only alliances; created by `alliances.policy.ts` only): the directory with its filters, an
 * organisation's alliances and partnerships, the counts of the map, and the network of a territory.
 *
 * The directory reads `alliance_directory` (one narrow row per alliance and per place, see `facets.ts` and
 * docs/alliances.md), never the alliances themselves, so that filters stay inside one index range.
 */
import { sql, type ExpressionBuilder, type Kysely, type SqlBool, type Transaction } from 'kysely'
import { containsNormalised, isOneOf } from '../../core/db/dialect.js'
import { COUNT_CAP, cappedCount, cappedTotal, countAfterRow, countPastWindow, countUpTo, pageOf, pageWindow, type CappedPageOf } from '../../core/db/paging.js'
import { byName, namesContaining, type NamedRow } from '../../core/search/names.js'
import { normaliseText } from '../../core/text/normalise.js'
import type { Database } from '../../database.js'
import { insideTerritory } from '../territories/index.js'
import { partnershipQuery, type AllianceReadScope, type PartnershipRow } from './alliances.queries.js'
import type { AllianceVisibility } from './alliances.table.js'
import { bitCount, EVERYWHERE, leverBit, sdgBit, worldBit } from './facets.js'

type Db = Kysely<Database> | Transaction<Database>

/** Statuses through which an organisation sees a partners-only alliance. */
const SEEING_STATUSES = ['active', 'invited'] as const

/** The condition "the alliance is visible to `scope`", for any query over `alliances`. */
export function visibleTo(eb: ExpressionBuilder<Database, 'alliances'>, scope: AllianceReadScope) {
  if (scope.organisationIds.length === 0) return eb('alliances.visibility', '=', 'public')
  return eb.or([
    eb('alliances.visibility', '=', 'public'),
    eb(
      'alliances.id',
      'in',
      eb
        .selectFrom('alliance_partners')
        .select('alliance_partners.alliance_id')
        .where('alliance_partners.organisation_id', 'in', [...scope.organisationIds])
        .where('alliance_partners.status', 'in', [...SEEING_STATUSES]),
    ),
  ])
}


/**
 * The partnerships of an organisation that `scope` may see: confirmed ones (standalone, or inside an alliance
 * visible to `scope`), plus proposed ones when the reader is one of the two organisations.
 */
export async function listPartnershipsOfOrganisation(db: Db, scope: AllianceReadScope, organisationId: string): Promise<PartnershipRow[]> {
  const own = scope.organisationIds.includes(organisationId)
  return partnershipQuery(db)
    .where((eb) => eb.or([eb('partnerships.organisation_a_id', '=', organisationId), eb('partnerships.organisation_b_id', '=', organisationId)]))
    .where((eb) => (own ? eb('partnerships.status', 'in', ['confirmed', 'proposed']) : eb('partnerships.status', '=', 'confirmed')))
    .where((eb) =>
      eb.or([
        eb('partnerships.alliance_id', 'is', null),
        eb.exists(eb.selectFrom('alliances').select('alliances.id').whereRef('alliances.id', '=', 'partnerships.alliance_id').where((e) => visibleTo(e, scope))),
      ]),
    )
    .orderBy('partnerships.started_on', 'desc')
    .execute()
}

// --- lists ------------------------------------------------------------------------------------------------

export interface DirectoryFilters {
  text?: string
  territoryId?: string
  sdg?: number
  phase?: string
  form?: string
  world?: string
  lever?: string
}

export interface AllianceListRow {
  id: string
  name: string
  phase: string
  form: string
  visibility: AllianceVisibility
  started_on: string
  is_demo: number
  partners: number
  worlds: number
}

/** The name filter of a list: the normalised text, and the matching alliances when the trigram index holds few. */
interface NameFilter {
  text: string
  matches: NamedRow[] | null
}

/** `(column & bit) <> 0`: the alliance has this SDG, lever or world (see `facets.ts`). */
function hasBit(column: 'alliance_directory.sdg_mask' | 'alliance_directory.lever_mask' | 'alliance_directory.world_mask', bit: number) {
  return sql<SqlBool>`(${sql.ref(column)} & ${bit}) <> 0`
}

/**
 * One part of the filtered list: the public alliances, or the partners-only alliances seen through the
 * organisations of `scope`. Every filter combines with AND and reads one range of the directory's covering
 * index — `france`, or the territory asked (everything inside included) — never the alliances themselves.
 *
 * Why two parts instead of `public OR mine`: an OR across two indexes makes SQLite fetch every row and
 * PostgreSQL scan the table; each part alone stays inside one index range.
 */
function filtered(db: Db, part: 'public' | readonly string[], filters: DirectoryFilters, named: NameFilter) {
  // "Everywhere" is written as a literal: PostgreSQL's plan kept for every value guesses that a scope holds one row,
  // and would read the whole of this one (ADR 0009) rather than look up by key the matches of the trigram index, or
  // the alliances of the reader's partnerships (the partners-only part: 11 ms for 9 917 entries, against 0.1). The
  // literal lets it see that "everywhere" holds every alliance. A territory's part reads at most its own entries.
  let base = db.selectFrom('alliance_directory').where('alliance_directory.scope_id', '=', filters.territoryId ?? sql.lit(EVERYWHERE))
  if (part === 'public') base = base.where('alliance_directory.visibility', '=', 'public')
  else {
    const organisationIds = [...part]
    base = base
      .where('alliance_directory.visibility', '=', 'partners')
      .where('alliance_directory.alliance_id', 'in', (eb) =>
        eb
          .selectFrom('alliance_partners')
          .select('alliance_partners.alliance_id')
          .where('alliance_partners.organisation_id', 'in', organisationIds)
          .where('alliance_partners.status', 'in', [...SEEING_STATUSES]),
      )
  }
  if (filters.phase) base = base.where('alliance_directory.phase', '=', filters.phase)
  if (filters.form) base = base.where('alliance_directory.form', '=', filters.form)
  if (named.text !== '') {
    const { text, matches } = named
    base = base.where(({ ref }) => (matches ? isOneOf(db, ref('alliance_directory.alliance_id'), matches.map((m) => m.id)) : containsNormalised(ref('alliance_directory.search_name'), text)))
  }
  if (filters.sdg !== undefined) base = base.where(hasBit('alliance_directory.sdg_mask', sdgBit(filters.sdg)))
  if (filters.lever) base = base.where(hasBit('alliance_directory.lever_mask', leverBit(filters.lever)))
  if (filters.world) base = base.where(hasBit('alliance_directory.world_mask', worldBit(filters.world)))
  return base
}

const LIST_COLUMNS = ['alliances.id', 'alliances.name', 'alliances.phase', 'alliances.form', 'alliances.visibility', 'alliances.started_on', 'alliances.is_demo'] as const

/**
 * The alliances directory: filters, ordered by name, `perPage` per page. The total is counted up to
 * `COUNT_CAP` (`capped` beyond: "more than 1 000"), so that a page reads at most that many index entries to
 * count, with 100 000 alliances too; pages past the cap stay readable. Edge cases: a page past the end has
 * no rows and still the totals; a world filter relies on `world_mask`, which the caller refreshes first
 * (`refreshDirectorySummaries`); so does a territory filter, which relies on the directory's places.
 */
export async function listAlliances(db: Db, scope: AllianceReadScope, filters: DirectoryFilters, page: number, perPage: number): Promise<CappedPageOf<AllianceListRow>> {
  const text = filters.text ? normaliseText(filters.text) : ''
  // A name filter over every alliance asks the trigram index first (core/search/names.ts): a few hundred matching
  // alliances at most are read by key and sorted here; with more, the walks in name order below find a page early.
  // Inside a territory the walks read at most its own entries of the directory's index, which hold the names.
  const named: NameFilter = { text, matches: text === '' || filters.territoryId ? null : await namesContaining(db, 'alliances', text) }
  const parts = [filtered(db, 'public', filters, named), ...(scope.organisationIds.length > 0 ? [filtered(db, scope.organisationIds, filters, named)] : [])]
  const { page: current, offset } = pageWindow(page, perPage)
  let total: number
  let capped: boolean
  let ids: string[]
  if (named.matches) {
    const selected = parts.map((part) => part.select(['alliance_directory.alliance_id as id', 'alliance_directory.search_name']))
    const kept = (await selected.slice(1).reduce((union, part) => union.unionAll(part), selected[0]!).execute()).sort(byName)
    ;({ total, capped } = cappedTotal(kept.length))
    ids = kept.slice(offset, offset + perPage).map((r) => r.id)
  } else {
    // Each part is ordered and cut at the end of the page, so that each reads its name index in order and stops
    // early; both parts come in one statement (one round trip), told apart by `part`. Without a name filter, each
    // part carries its capped count, read on the narrower count index. With one, no index range holds the matches
    // and a count from the start would walk again the names the page walked (every name before the first match):
    // a part counts its matches after the last row it read, only when it filled its window (`countPastWindow`).
    const end = offset + perPage
    const countedWithPage = named.text === ''
    const windows = parts.map((part, i) =>
      db
        .selectFrom(
          part
            .select(['alliance_directory.alliance_id as id', 'alliance_directory.search_name', sql.lit(i).as('part')])
            .$if(countedWithPage, (q) => q.select(cappedCount(db, part).as('part_total')))
            .orderBy('alliance_directory.search_name')
            .orderBy('alliance_directory.alliance_id')
            .limit(end)
            .as(`part${i}`),
        )
        .selectAll(),
    )
    const read = await windows.slice(1).reduce((union, window) => union.unionAll(window), windows[0]!).execute()
    const counts = await Promise.all(
      parts.map((part, i) => {
        const rows = read.filter((r) => Number(r.part) === i)
        if (countedWithPage) return cappedTotal(Number((rows[0] as { part_total?: number } | undefined)?.part_total ?? 0))
        const last = rows.at(-1)
        return countPastWindow({ offset: 0, limit: end }, rows.length, {
          after: (rest) => countAfterRow(db, part, ['alliance_directory.search_name', 'alliance_directory.alliance_id'], [last!.search_name, last!.id], rest),
          all: () => countUpTo(db, part),
        })
      }),
    )
    const sum = counts.reduce((s, c) => s + c.total, 0)
    total = Math.min(sum, COUNT_CAP)
    capped = sum > COUNT_CAP || counts.some((c) => c.capped)
    ids = read
      .sort(byName)
      .slice(offset, offset + perPage)
      .map((r) => r.id)
  }
  const rows =
    ids.length === 0
      ? []
      : await db
          .selectFrom('alliances')
          .select(LIST_COLUMNS)
          // One primary-key lookup per alliance listed. A join on the scope would let a plan kept for every
          // value (PostgreSQL's generic plan, which guesses a scope holds a few rows) read the whole scope of
          // "everywhere" to find eight alliances.
          .select((eb) =>
            eb
              .selectFrom('alliance_directory')
              .select('alliance_directory.world_mask')
              .where('alliance_directory.scope_id', '=', EVERYWHERE)
              .whereRef('alliance_directory.alliance_id', '=', 'alliances.id')
              .as('world_mask'),
          )
          // Active partners, counted with each row.
          .select((eb) =>
            eb
              .selectFrom('alliance_partners')
              .select(eb.fn.countAll<number>().as('n'))
              .whereRef('alliance_partners.alliance_id', '=', 'alliances.id')
              .where('alliance_partners.status', '=', 'active')
              .as('partners'),
          )
          .where('alliances.id', 'in', ids)
          .execute()
  const byId = new Map(rows.map((r) => [r.id, r]))
  const listed = ids
    .map((id) => byId.get(id))
    .filter((r): r is (typeof rows)[number] => r !== undefined)
    .map(({ world_mask, partners, ...r }) => ({ ...r, partners: Number(partners ?? 0), worlds: bitCount(world_mask ?? 0) }))
  return { ...pageOf(listed, total, current, perPage), capped }
}

/** Alliances of an organisation visible to `scope`, with its role and status in each. */
export async function listAlliancesOfOrganisation(db: Db, scope: AllianceReadScope, organisationId: string) {
  const own = scope.organisationIds.includes(organisationId)
  return db
    .selectFrom('alliance_partners')
    .innerJoin('alliances', 'alliances.id', 'alliance_partners.alliance_id')
    .select([...LIST_COLUMNS, 'alliance_partners.id as partner_id', 'alliance_partners.role', 'alliance_partners.status', 'alliance_partners.joined_on', 'alliance_partners.left_on'])
    .where('alliance_partners.organisation_id', '=', organisationId)
    .where('alliance_partners.status', 'in', own ? ['active', 'left', 'invited'] : ['active', 'left'])
    .where((eb) => visibleTo(eb, scope))
    .orderBy('alliance_partners.status')
    .orderBy('alliances.search_name')
    .execute()
}

/** Alliance counts by département (an alliance counts once in each département its perimeter touches). */
export async function countAlliancesByDepartement(db: Db, scope: AllianceReadScope): Promise<Map<string, number>> {
  const organisationIds = [...scope.organisationIds]
  const rows = await db
    .selectFrom('alliance_directory')
    .innerJoin('territories', 'territories.id', 'alliance_directory.scope_id')
    .select(['territories.code', (eb) => eb.fn.countAll<number>().as('n')])
    .where('territories.kind', '=', 'departement')
    .where((eb) => visibleInDirectory(eb, organisationIds))
    .groupBy('territories.code')
    .execute()
  return new Map(rows.map((r) => [r.code, Number(r.n)]))
}

/** The condition "visible to these organisations" on directory rows. */
function visibleInDirectory(eb: ExpressionBuilder<Database, 'alliance_directory'>, organisationIds: string[]) {
  if (organisationIds.length === 0) return eb('alliance_directory.visibility', '=', 'public')
  return eb.or([
    eb('alliance_directory.visibility', '=', 'public'),
    eb(
      'alliance_directory.alliance_id',
      'in',
      eb.selectFrom('alliance_partners').select('alliance_partners.alliance_id').where('alliance_partners.organisation_id', 'in', organisationIds).where('alliance_partners.status', 'in', [...SEEING_STATUSES]),
    ),
  ])
}

// --- territory network ------------------------------------------------------------------------------------

/** The network's rows, in a stable order: alliances by name, partnerships by id. */
export interface NetworkData {
  alliances: Array<{ id: string; name: string }>
  members: Array<{ alliance_id: string; organisation_id: string }>
  partnerships: Array<{ organisation_a_id: string; organisation_b_id: string; partnership_type: string }>
}

/**
 * The alliances placed inside a territory (visible to `scope`) with the ids of their active partners, and
 * the confirmed, current partnerships of organisations seated inside it (standalone, or inside an alliance
 * visible to `scope`). Names are read afterwards, only for what is drawn (`listOrganisationSummaries`).
 */
export async function networkOfTerritory(db: Db, scope: AllianceReadScope, territoryId: string): Promise<NetworkData> {
  // The visible alliances placed inside: one range of the directory's index.
  const organisationIds = [...scope.organisationIds]
  const visiblePlaced = db
    .selectFrom('alliance_directory')
    .select('alliance_directory.alliance_id')
    .where('alliance_directory.scope_id', '=', territoryId)
    .where((eb) => visibleInDirectory(eb, organisationIds))
  const seatedInside = db.selectFrom('organisations').select('organisations.id').where('organisations.seat_commune_id', 'in', insideTerritory(db as Kysely<Database>, territoryId))
  const ids = (await visiblePlaced.execute()).map((r) => r.alliance_id)
  const chunks: string[][] = []
  for (let i = 0; i < ids.length; i += 1000) chunks.push(ids.slice(i, i + 1000))
  const [alliances, members, partnerships] = await Promise.all([
    Promise.all(chunks.map((chunk) => db.selectFrom('alliances').select(['alliances.id', 'alliances.name', 'alliances.search_name']).where('alliances.id', 'in', chunk).execute())).then((rows) =>
      rows
        .flat()
        .sort(byName)
        .map(({ id, name }) => ({ id, name })),
    ),
    Promise.all(
      chunks.map((chunk) =>
        db.selectFrom('alliance_partners').select(['alliance_partners.alliance_id', 'alliance_partners.organisation_id']).where('alliance_partners.status', '=', 'active').where('alliance_partners.alliance_id', 'in', chunk).execute(),
      ),
    ).then((r) => r.flat()),
    db
      .selectFrom('partnerships')
      .select(['partnerships.organisation_a_id', 'partnerships.organisation_b_id', 'partnerships.partnership_type'])
      .where('partnerships.status', '=', 'confirmed')
      .where('partnerships.ended_on', 'is', null)
      .where((eb) => eb.or([eb('partnerships.organisation_a_id', 'in', seatedInside), eb('partnerships.organisation_b_id', 'in', seatedInside)]))
      .where((eb) =>
        eb.or([
          eb('partnerships.alliance_id', 'is', null),
          eb.exists(eb.selectFrom('alliances').select('alliances.id').whereRef('alliances.id', '=', 'partnerships.alliance_id').where((e) => visibleTo(e, scope))),
        ]),
      )
      .orderBy('partnerships.id')
      .execute(),
  ])
  return { alliances, members, partnerships }
}

/** Names and worlds of organisations (public data), for the few a drawing shows. */
export async function listOrganisationSummaries(db: Db, ids: readonly string[]): Promise<Map<string, { name: string; world: string }>> {
  const out = new Map<string, { name: string; world: string }>()
  for (let i = 0; i < ids.length; i += 500) {
    const rows = await db.selectFrom('organisations').select(['id', 'name', 'world']).where('id', 'in', ids.slice(i, i + 500)).execute()
    for (const r of rows) out.set(r.id, { name: r.name, world: r.world })
  }
  return out
}

