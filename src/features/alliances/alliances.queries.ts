/**
 * Reads and writes of alliances, partners, charter, contributions, journal and partnerships.
 *
 * An alliance may be visible to its partners only, so every read of one alliance's content takes an
 * `AllianceScope` (proof that the policy let the actor see it), and every list takes an `AllianceReadScope`
 * (the organisations through which the actor sees partners-only alliances). Both are created by
 * `alliances.policy.ts` only. Reads that the policy itself needs before it can decide are named `unsafe…`.
 */
import { sql, type ExpressionBuilder, type Kysely, type SqlBool, type Transaction } from 'kysely'
import { containsNormalised } from '../../core/db/dialect.js'
import { normaliseText } from '../../core/text/normalise.js'
import type { Database } from '../../database.js'
import { insideTerritory, type Territory } from '../territories/index.js'
import { bitCount, EVERYWHERE, leverBit, sdgBit, worldBit } from './facets.js'
import type {
  AllianceChartersTable,
  AllianceContributionsTable,
  AllianceJournalEntriesTable,
  AlliancePartnersTable,
  AlliancesTable,
  PartnershipsTable,
} from './alliances.table.js'

type Db = Kysely<Database> | Transaction<Database>

declare const scopeBrand: unique symbol
declare const readBrand: unique symbol

/** One alliance the actor may see (created by `alliances.policy.ts` only). */
export interface AllianceScope {
  readonly allianceId: string
  readonly [scopeBrand]: true
}

/**
 * Whose eyes a list is read with: the organisations of the actor (partners-only alliances of which one is an
 * active or invited partner are included). Empty for anonymous visitors. Created by the policy only.
 */
export interface AllianceReadScope {
  readonly organisationIds: readonly string[]
  readonly [readBrand]: true
}

export type Alliance = AlliancesTable
export type Partner = AlliancePartnersTable
export type Contribution = AllianceContributionsTable
export type JournalEntry = AllianceJournalEntriesTable
export type Charter = AllianceChartersTable
export type Partnership = PartnershipsTable

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

// --- the policy's own reads -------------------------------------------------------------------------------

/** The alliance row, whatever its visibility (for the policy, which decides who may see it). */
export async function unsafeFindAlliance(db: Db, id: string): Promise<Alliance | undefined> {
  return db.selectFrom('alliances').selectAll().where('id', '=', id).executeTakeFirst()
}

/** The partner rows of `organisationIds` in the alliance (any status), for the policy. */
export async function unsafeListPartnersOf(db: Db, allianceId: string, organisationIds: readonly string[]): Promise<Partner[]> {
  if (organisationIds.length === 0) return []
  return db.selectFrom('alliance_partners').selectAll().where('alliance_id', '=', allianceId).where('organisation_id', 'in', [...organisationIds]).execute()
}

// --- one alliance -----------------------------------------------------------------------------------------

export interface AllianceDetails {
  alliance: Alliance
  territories: Territory[]
  sdgs: number[]
  sdgTargets: string[]
  levers: string[]
}

export async function findAllianceDetails(db: Db, scope: AllianceScope): Promise<AllianceDetails | undefined> {
  const id = scope.allianceId
  const [alliance, territories, sdgs, targets, levers] = await Promise.all([
    db.selectFrom('alliances').selectAll().where('id', '=', id).executeTakeFirst(),
    db
      .selectFrom('alliance_territories')
      .innerJoin('territories', 'territories.id', 'alliance_territories.territory_id')
      .selectAll('territories')
      .where('alliance_territories.alliance_id', '=', id)
      .orderBy('territories.population', 'desc')
      .execute(),
    db.selectFrom('alliance_sdgs').select('sdg').where('alliance_id', '=', id).orderBy('sdg').execute(),
    db.selectFrom('alliance_sdg_targets').select('target').where('alliance_id', '=', id).execute(),
    db.selectFrom('alliance_levers').select('lever').where('alliance_id', '=', id).execute(),
  ])
  if (!alliance) return undefined
  return { alliance, territories, sdgs: sdgs.map((s) => s.sdg), sdgTargets: targets.map((t) => t.target), levers: levers.map((l) => l.lever) }
}

export interface PartnerRow extends Partner {
  organisation_name: string
  world: string
  is_demo: number
  brings_objectives: string[]
  expects_objectives: string[]
}

/** Every partner of the alliance (all statuses: the history stays), coordinators first, then by name. */
export async function listPartners(db: Db, scope: AllianceScope): Promise<PartnerRow[]> {
  const [rows, objectives] = await Promise.all([
    db
      .selectFrom('alliance_partners')
      .innerJoin('organisations', 'organisations.id', 'alliance_partners.organisation_id')
      .selectAll('alliance_partners')
      .select(['organisations.name as organisation_name', 'organisations.world', 'organisations.is_demo', 'organisations.search_name'])
      .where('alliance_partners.alliance_id', '=', scope.allianceId)
      .execute(),
    db
      .selectFrom('alliance_partner_objectives')
      .innerJoin('alliance_partners', 'alliance_partners.id', 'alliance_partner_objectives.partner_id')
      .select(['alliance_partner_objectives.partner_id', 'alliance_partner_objectives.direction', 'alliance_partner_objectives.objective'])
      .where('alliance_partners.alliance_id', '=', scope.allianceId)
      .execute(),
  ])
  const statusOrder: Record<string, number> = { active: 0, invited: 1, left: 2, declined: 3 }
  return rows
    .map(({ search_name: _s, ...row }) => ({
      ...row,
      brings_objectives: objectives.filter((o) => o.partner_id === row.id && o.direction === 'brings').map((o) => o.objective),
      expects_objectives: objectives.filter((o) => o.partner_id === row.id && o.direction === 'expects').map((o) => o.objective),
      sort: `${statusOrder[row.status] ?? 9}${row.role === 'coordinateur' ? 0 : 1}${_s}`,
    }))
    .sort((a, b) => (a.sort < b.sort ? -1 : a.sort > b.sort ? 1 : 0))
    .map(({ sort: _sort, ...row }) => row)
}

export async function findPartner(db: Db, scope: AllianceScope, partnerId: string): Promise<Partner | undefined> {
  return db.selectFrom('alliance_partners').selectAll().where('alliance_id', '=', scope.allianceId).where('id', '=', partnerId).executeTakeFirst()
}

export async function findPartnerByOrganisation(db: Db, scope: AllianceScope, organisationId: string): Promise<Partner | undefined> {
  return db.selectFrom('alliance_partners').selectAll().where('alliance_id', '=', scope.allianceId).where('organisation_id', '=', organisationId).executeTakeFirst()
}

export async function countActiveCoordinators(db: Db, scope: AllianceScope): Promise<number> {
  const row = await db
    .selectFrom('alliance_partners')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('alliance_id', '=', scope.allianceId)
    .where('status', '=', 'active')
    .where('role', '=', 'coordinateur')
    .executeTakeFirstOrThrow()
  return Number(row.n)
}

// --- charter ----------------------------------------------------------------------------------------------

export interface CharterVersion extends Charter {
  commitments: Array<{ organisation_id: string; organisation_name: string; commitments: string }>
  signatures: Array<{ organisation_id: string; organisation_name: string; version: number; signer_name: string; signed_at: string }>
}

/** Every version of the charter, newest first, with each partner's commitments and the signatures. */
export async function listCharterVersions(db: Db, scope: AllianceScope): Promise<CharterVersion[]> {
  const [charters, commitments, signatures] = await Promise.all([
    db.selectFrom('alliance_charters').selectAll().where('alliance_id', '=', scope.allianceId).orderBy('version', 'desc').execute(),
    db
      .selectFrom('alliance_charter_commitments')
      .innerJoin('alliance_charters', 'alliance_charters.id', 'alliance_charter_commitments.charter_id')
      .innerJoin('organisations', 'organisations.id', 'alliance_charter_commitments.organisation_id')
      .select(['alliance_charter_commitments.charter_id', 'alliance_charter_commitments.organisation_id', 'organisations.name as organisation_name', 'alliance_charter_commitments.commitments'])
      .where('alliance_charters.alliance_id', '=', scope.allianceId)
      .orderBy('organisations.search_name')
      .execute(),
    db
      .selectFrom('alliance_charter_signatures')
      .innerJoin('alliance_charters', 'alliance_charters.id', 'alliance_charter_signatures.charter_id')
      .innerJoin('organisations', 'organisations.id', 'alliance_charter_signatures.organisation_id')
      .select([
        'alliance_charter_signatures.charter_id',
        'alliance_charter_signatures.organisation_id',
        'organisations.name as organisation_name',
        'alliance_charter_signatures.version',
        'alliance_charter_signatures.signer_name',
        'alliance_charter_signatures.signed_at',
      ])
      .where('alliance_charters.alliance_id', '=', scope.allianceId)
      .orderBy('alliance_charter_signatures.signed_at')
      .execute(),
  ])
  return charters.map((c) => ({
    ...c,
    commitments: commitments.filter((x) => x.charter_id === c.id).map(({ charter_id: _c, ...rest }) => rest),
    signatures: signatures.filter((x) => x.charter_id === c.id).map(({ charter_id: _c, ...rest }) => rest),
  }))
}

export async function findLatestCharter(db: Db, scope: AllianceScope): Promise<Charter | undefined> {
  return db.selectFrom('alliance_charters').selectAll().where('alliance_id', '=', scope.allianceId).orderBy('version', 'desc').limit(1).executeTakeFirst()
}

// --- contributions ----------------------------------------------------------------------------------------

export interface ContributionRow extends Contribution {
  organisation_name: string
}

export interface Page<T> {
  rows: T[]
  total: number
  page: number
  pageCount: number
}

/** Contributions, most recent first, one page at a time. */
export async function listContributions(db: Db, scope: AllianceScope, page: number, pageSize: number): Promise<Page<ContributionRow>> {
  const base = db.selectFrom('alliance_contributions').where('alliance_contributions.alliance_id', '=', scope.allianceId)
  const { total } = await base.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow()
  const pageCount = Math.max(1, Math.ceil(Number(total) / pageSize))
  const current = Math.min(Math.max(1, page), pageCount)
  const rows = await base
    .innerJoin('organisations', 'organisations.id', 'alliance_contributions.organisation_id')
    .selectAll('alliance_contributions')
    .select('organisations.name as organisation_name')
    .orderBy('alliance_contributions.contributed_on', 'desc')
    .orderBy('alliance_contributions.id', 'desc')
    .limit(pageSize)
    .offset((current - 1) * pageSize)
    .execute()
  return { rows, total: Number(total), page: current, pageCount }
}

export async function findContribution(db: Db, scope: AllianceScope, id: string): Promise<Contribution | undefined> {
  return db.selectFrom('alliance_contributions').selectAll().where('alliance_id', '=', scope.allianceId).where('id', '=', id).executeTakeFirst()
}

export async function findJournalEntry(db: Db, scope: AllianceScope, id: string): Promise<JournalEntry | undefined> {
  return db.selectFrom('alliance_journal_entries').selectAll().where('alliance_id', '=', scope.allianceId).where('id', '=', id).executeTakeFirst()
}

export interface ContributionTotals {
  /** per contribution type and unit */
  byType: Array<{ contribution_type: string; unit: string; quantity_hundredths: number; count: number }>
  /** per partner organisation and unit */
  byPartner: Array<{ organisation_id: string; organisation_name: string; unit: string; quantity_hundredths: number; count: number }>
  count: number
}

/**
 * Sums of the contributions. Quantities of different units are never added together (hours and euros
 * do not mix); a valuation in euros is a separate, documented step.
 */
export async function contributionTotals(db: Db, scope: AllianceScope): Promise<ContributionTotals> {
  const [byType, byPartner] = await Promise.all([
    db
      .selectFrom('alliance_contributions')
      .select(['contribution_type', 'unit', (eb) => eb.fn.sum<number>('quantity_hundredths').as('quantity_hundredths'), (eb) => eb.fn.countAll<number>().as('count')])
      .where('alliance_id', '=', scope.allianceId)
      .groupBy(['contribution_type', 'unit'])
      .execute(),
    db
      .selectFrom('alliance_contributions')
      .innerJoin('organisations', 'organisations.id', 'alliance_contributions.organisation_id')
      .select([
        'alliance_contributions.organisation_id',
        'organisations.name as organisation_name',
        'organisations.search_name',
        'alliance_contributions.unit',
        (eb) => eb.fn.sum<number>('alliance_contributions.quantity_hundredths').as('quantity_hundredths'),
        (eb) => eb.fn.countAll<number>().as('count'),
      ])
      .where('alliance_contributions.alliance_id', '=', scope.allianceId)
      .groupBy(['alliance_contributions.organisation_id', 'organisations.name', 'organisations.search_name', 'alliance_contributions.unit'])
      .orderBy('organisations.search_name')
      .orderBy('alliance_contributions.unit')
      .execute(),
  ])
  const num = (v: unknown) => Number(v)
  return {
    byType: byType.map((r) => ({ ...r, quantity_hundredths: num(r.quantity_hundredths), count: num(r.count) })),
    byPartner: byPartner.map(({ search_name: _s, ...r }) => ({ ...r, quantity_hundredths: num(r.quantity_hundredths), count: num(r.count) })),
    count: byType.reduce((n, r) => n + num(r.count), 0),
  }
}

// --- journal and timeline ---------------------------------------------------------------------------------

export interface JournalRow extends JournalEntry {
  organisation_name: string | null
}

/** The years that hold journal entries or contributions, with how many of each, oldest first. */
export async function timelineYears(db: Db, scope: AllianceScope): Promise<Array<{ year: number; entries: number; contributions: number }>> {
  const year = (column: string) => sql<string>`substr(${sql.ref(column)}, 1, 4)`
  const [entries, contributions] = await Promise.all([
    db
      .selectFrom('alliance_journal_entries')
      .select([year('occurred_on').as('year'), (eb) => eb.fn.countAll<number>().as('n')])
      .where('alliance_id', '=', scope.allianceId)
      .groupBy(year('occurred_on'))
      .execute(),
    db
      .selectFrom('alliance_contributions')
      .select([year('contributed_on').as('year'), (eb) => eb.fn.countAll<number>().as('n')])
      .where('alliance_id', '=', scope.allianceId)
      .groupBy(year('contributed_on'))
      .execute(),
  ])
  const years = new Map<number, { year: number; entries: number; contributions: number }>()
  for (const r of entries) years.set(Number(r.year), { year: Number(r.year), entries: Number(r.n), contributions: 0 })
  for (const r of contributions) {
    const y = years.get(Number(r.year)) ?? { year: Number(r.year), entries: 0, contributions: 0 }
    y.contributions = Number(r.n)
    years.set(y.year, y)
  }
  return [...years.values()].sort((a, b) => a.year - b.year)
}

/** Journal entries of one year (or the latest `limit` entries when `year` is null), newest first. */
export async function listJournal(db: Db, scope: AllianceScope, options: { year: number | null; limit?: number }): Promise<JournalRow[]> {
  let query = db
    .selectFrom('alliance_journal_entries')
    .leftJoin('organisations', 'organisations.id', 'alliance_journal_entries.organisation_id')
    .selectAll('alliance_journal_entries')
    .select('organisations.name as organisation_name')
    .where('alliance_journal_entries.alliance_id', '=', scope.allianceId)
  if (options.year !== null) {
    query = query.where('alliance_journal_entries.occurred_on', '>=', `${options.year}-01-01`).where('alliance_journal_entries.occurred_on', '<=', `${options.year}-12-31`)
  }
  query = query.orderBy('alliance_journal_entries.occurred_on', 'desc').orderBy('alliance_journal_entries.created_at', 'desc').orderBy('alliance_journal_entries.id', 'desc')
  if (options.limit !== undefined) query = query.limit(options.limit)
  return query.execute()
}

/** Contributions of one year, newest first (for the timeline, next to the journal). */
export async function listContributionsOfYear(db: Db, scope: AllianceScope, year: number): Promise<ContributionRow[]> {
  return db
    .selectFrom('alliance_contributions')
    .innerJoin('organisations', 'organisations.id', 'alliance_contributions.organisation_id')
    .selectAll('alliance_contributions')
    .select('organisations.name as organisation_name')
    .where('alliance_contributions.alliance_id', '=', scope.allianceId)
    .where('alliance_contributions.contributed_on', '>=', `${year}-01-01`)
    .where('alliance_contributions.contributed_on', '<=', `${year}-12-31`)
    .orderBy('alliance_contributions.contributed_on', 'desc')
    .orderBy('alliance_contributions.id', 'desc')
    .execute()
}

// --- partnerships -----------------------------------------------------------------------------------------

export interface PartnershipRow extends Partnership {
  organisation_a_name: string
  organisation_a_world: string
  organisation_b_name: string
  organisation_b_world: string
  alliance_name: string | null
}

function partnershipQuery(db: Db) {
  return db
    .selectFrom('partnerships')
    .innerJoin('organisations as oa', 'oa.id', 'partnerships.organisation_a_id')
    .innerJoin('organisations as ob', 'ob.id', 'partnerships.organisation_b_id')
    .leftJoin('alliances', 'alliances.id', 'partnerships.alliance_id')
    .selectAll('partnerships')
    .select(['oa.name as organisation_a_name', 'oa.world as organisation_a_world', 'ob.name as organisation_b_name', 'ob.world as organisation_b_world', 'alliances.name as alliance_name'])
}

/**
 * Confirmed partnerships inside one alliance, by type then start date (a proposed one is shown only to its
 * two organisations, on their pages).
 */
export async function listAlliancePartnerships(db: Db, scope: AllianceScope): Promise<PartnershipRow[]> {
  return partnershipQuery(db)
    .where('partnerships.alliance_id', '=', scope.allianceId)
    .where('partnerships.status', '=', 'confirmed')
    .orderBy('partnerships.partnership_type')
    .orderBy('partnerships.started_on')
    .execute()
}

/** A partnership, whatever its status and alliance (the partnership policy decides who may act on it). */
export async function unsafeFindPartnership(db: Db, id: string): Promise<PartnershipRow | undefined> {
  return partnershipQuery(db).where('partnerships.id', '=', id).executeTakeFirst()
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
  visibility: string
  started_on: string
  is_demo: number
  partners: number
  worlds: number
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
function filtered(db: Db, part: 'public' | readonly string[], filters: DirectoryFilters) {
  let base = db.selectFrom('alliance_directory').where('alliance_directory.scope_id', '=', filters.territoryId ?? EVERYWHERE)
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
  const text = filters.text ? normaliseText(filters.text) : ''
  if (text !== '') base = base.where(({ ref }) => containsNormalised(ref('alliance_directory.search_name'), text))
  if (filters.sdg !== undefined) base = base.where(hasBit('alliance_directory.sdg_mask', sdgBit(filters.sdg)))
  if (filters.lever) base = base.where(hasBit('alliance_directory.lever_mask', leverBit(filters.lever)))
  if (filters.world) base = base.where(hasBit('alliance_directory.world_mask', worldBit(filters.world)))
  return base
}

/** Active partner counts of a few alliances (for list rows). */
async function partnerCounts(db: Db, ids: string[]): Promise<Map<string, number>> {
  if (ids.length === 0) return new Map()
  const rows = await db
    .selectFrom('alliance_partners')
    .select(['alliance_partners.alliance_id', (eb) => eb.fn.countAll<number>().as('partners')])
    .where('alliance_partners.alliance_id', 'in', ids)
    .where('alliance_partners.status', '=', 'active')
    .groupBy('alliance_partners.alliance_id')
    .execute()
  return new Map(rows.map((r) => [r.alliance_id, Number(r.partners)]))
}

const LIST_COLUMNS = ['alliances.id', 'alliances.name', 'alliances.phase', 'alliances.form', 'alliances.visibility', 'alliances.started_on', 'alliances.is_demo'] as const

/**
 * The alliances directory: filters, ordered by name, `pageSize` per page. Edge cases: a page past the end
 * shows the last page; a world filter relies on `world_mask`, which the caller refreshes first
 * (`refreshDirectorySummaries`); so does a territory filter, which relies on the directory's places.
 */
export async function listAlliances(db: Db, scope: AllianceReadScope, filters: DirectoryFilters, page: number, pageSize: number): Promise<Page<AllianceListRow>> {
  const parts = scope.organisationIds.length > 0 ? [filtered(db, 'public', filters), filtered(db, scope.organisationIds, filters)] : [filtered(db, 'public', filters)]
  const counts_ = await Promise.all(parts.map((part) => part.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow()))
  const total = counts_.reduce((sum, c) => sum + Number(c.total), 0)
  const pageCount = Math.max(1, Math.ceil(total / pageSize))
  const current = Math.min(Math.max(1, page), pageCount)
  const offset = (current - 1) * pageSize
  // Each part is ordered and cut at the end of the page before the two are merged, so each reads its name
  // index in order and stops early.
  const ordered = parts.map((part) =>
    part
      .select(['alliance_directory.alliance_id as id', 'alliance_directory.search_name'])
      .orderBy('alliance_directory.search_name')
      .orderBy('alliance_directory.alliance_id')
      .limit(offset + pageSize),
  )
  const ids =
    ordered.length === 1
      ? (await ordered[0]!.offset(0).execute()).slice(offset).map((r) => r.id)
      : (
          await Promise.all(ordered.map((q) => q.execute()))
        )
          .flat()
          .sort((a, b) => (a.search_name < b.search_name ? -1 : a.search_name > b.search_name ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
          .slice(offset, offset + pageSize)
          .map((r) => r.id)
  const [rows, counts] = await Promise.all([
    ids.length === 0
      ? Promise.resolve([])
      : db
          .selectFrom('alliances')
          .innerJoin('alliance_directory', (join) => join.onRef('alliance_directory.alliance_id', '=', 'alliances.id').on('alliance_directory.scope_id', '=', EVERYWHERE))
          .select([...LIST_COLUMNS, 'alliance_directory.world_mask'])
          .where('alliances.id', 'in', ids)
          .execute(),
    partnerCounts(db, ids),
  ])
  const byId = new Map(rows.map((r) => [r.id, r]))
  return {
    rows: ids
      .map((id) => byId.get(id))
      .filter((r): r is (typeof rows)[number] => r !== undefined)
      .map(({ world_mask, ...r }) => ({ ...r, partners: counts.get(r.id) ?? 0, worlds: bitCount(world_mask) })),
    total: Number(total),
    page: current,
    pageCount,
  }
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
        .sort((a, b) => (a.search_name < b.search_name ? -1 : a.search_name > b.search_name ? 1 : a.id < b.id ? -1 : 1))
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
