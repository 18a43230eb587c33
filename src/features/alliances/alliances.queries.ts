/**
 * Reads of one alliance's content — partners, charter, contributions, journal, its partnerships — and the
 * policy's own reads.
 *
 * An alliance may be visible to its partners only, so every read of one alliance's content takes an
 * `AllianceScope` (proof that the policy let the actor see it); lists across alliances take an
 * `AllianceReadScope` (`directory.queries.ts`). Both are created by `alliances.policy.ts` only. Reads that the
 * policy itself needs before it can decide are named `unsafe…`.
 */
import { sql, type Kysely, type Transaction } from 'kysely'
import { pageOf, pageWindow, type PageOf, rowsWithTotal } from '../../core/db/paging.js'
import type { Database } from '../../database.js'
import type { Territory } from '../territories/index.js'
import type {
  AllianceChartersTable,
  AllianceContributionsTable,
  AllianceJournalEntriesTable,
  AlliancePartnersTable,
  AlliancesTable,
  PartnershipsTable,
} from './alliances.table.js'
import type { ContributionUnit } from './quantities.js'

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

/** The alliance with its perimeter (most populated first), SDGs, targets and levers; undefined once deleted. */
export async function findAllianceDetails(db: Db, scope: AllianceScope): Promise<AllianceDetails | undefined> {
  const id = scope.allianceId
  const [alliance, territories, tags] = await Promise.all([
    db.selectFrom('alliances').selectAll().where('id', '=', id).executeTakeFirst(),
    db
      .selectFrom('alliance_territories')
      .innerJoin('territories', 'territories.id', 'alliance_territories.territory_id')
      .selectAll('territories')
      .where('alliance_territories.alliance_id', '=', id)
      .orderBy('territories.population', 'desc')
      .execute(),
    // SDGs, targets and levers in one statement (one round trip), told apart by `kind`.
    db
      .selectFrom('alliance_sdgs')
      .select([sql<string>`'sdg'`.as('kind'), sql<string>`cast(sdg as text)`.as('value')])
      .where('alliance_id', '=', id)
      .unionAll(db.selectFrom('alliance_sdg_targets').select([sql<string>`'target'`.as('kind'), 'target as value']).where('alliance_id', '=', id))
      .unionAll(db.selectFrom('alliance_levers').select([sql<string>`'lever'`.as('kind'), 'lever as value']).where('alliance_id', '=', id))
      .execute(),
  ])
  if (!alliance) return undefined
  const of = (kind: string) => tags.filter((t) => t.kind === kind).map((t) => t.value)
  return {
    alliance,
    territories,
    sdgs: of('sdg')
      .map(Number)
      .sort((a, b) => a - b),
    sdgTargets: of('target'),
    levers: of('lever'),
  }
}

export interface PartnerRow extends Partner {
  organisation_name: string
  world: string
  is_demo: number
  brings_objectives: string[]
  expects_objectives: string[]
}

/** The order of every partner list: coordinators first, then by name (byte order on both databases: its collation is "C"). */
const PARTNER_ORDER = sql`case when alliance_partners.role = 'coordinateur' then 0 else 1 end, organisations.search_name, alliance_partners.id`

/**
 * Those of `organisationIds` that are partners of the alliance (any status), named, as a form's options:
 * coordinators first, then by name (the order of `listPartners`). For the choice of forms written on behalf of a
 * partner (the journal, contributions) and the name of one record's partner, without reading every partner.
 */
export async function partnerOptions(db: Db, scope: AllianceScope, organisationIds: readonly string[]): Promise<Array<{ value: string; label: string }>> {
  if (organisationIds.length === 0) return []
  return db
    .selectFrom('alliance_partners')
    .innerJoin('organisations', 'organisations.id', 'alliance_partners.organisation_id')
    .select(['alliance_partners.organisation_id as value', 'organisations.name as label'])
    .where('alliance_partners.alliance_id', '=', scope.allianceId)
    .where('alliance_partners.organisation_id', 'in', [...organisationIds])
    .orderBy(PARTNER_ORDER)
    .execute()
}

/** Partner rows with their organisation and their stated objectives (read for these rows only). */
async function withObjectives(db: Db, rows: Array<Partner & { organisation_name: string; world: string; is_demo: number }>): Promise<PartnerRow[]> {
  if (rows.length === 0) return []
  const objectives = await db
    .selectFrom('alliance_partner_objectives')
    .select(['partner_id', 'direction', 'objective'])
    .where(
      'partner_id',
      'in',
      rows.map((r) => r.id),
    )
    .execute()
  return rows.map((row) => ({
    ...row,
    brings_objectives: objectives.filter((o) => o.partner_id === row.id && o.direction === 'brings').map((o) => o.objective),
    expects_objectives: objectives.filter((o) => o.partner_id === row.id && o.direction === 'expects').map((o) => o.objective),
  }))
}

function partnerRows(db: Db, scope: AllianceScope) {
  return db
    .selectFrom('alliance_partners')
    .innerJoin('organisations', 'organisations.id', 'alliance_partners.organisation_id')
    .selectAll('alliance_partners')
    .select(['organisations.name as organisation_name', 'organisations.world', 'organisations.is_demo'])
    .where('alliance_partners.alliance_id', '=', scope.allianceId)
}

/** Every partner of the alliance (all statuses: the history stays): active, invited, former, declined; coordinators first, then by name. */
export async function listPartners(db: Db, scope: AllianceScope): Promise<PartnerRow[]> {
  const rows = await partnerRows(db, scope)
    .orderBy(sql`case alliance_partners.status when 'active' then 0 when 'invited' then 1 when 'left' then 2 else 3 end`)
    .orderBy(PARTNER_ORDER)
    .execute()
  return withObjectives(db, rows)
}

/** One partner with its organisation and objectives; undefined when it is not a partner of this alliance. */
export async function findPartnerRow(db: Db, scope: AllianceScope, partnerId: string): Promise<PartnerRow | undefined> {
  const row = await partnerRows(db, scope).where('alliance_partners.id', '=', partnerId).executeTakeFirst()
  return row ? (await withObjectives(db, [row]))[0] : undefined
}

/** What the partner lists show: how many partners of each status, the worlds of the active ones, and some rows. */
export interface PartnerLists {
  counts: { active: number; invited: number; left: number }
  /** active partners per world (for the diversity of worlds) */
  worlds: Array<{ world: string; count: number }>
  /** the active partners of the window asked for */
  active: PartnerRow[]
  /** the first invitations still open and former partners (all of them when no bound is given) */
  invited: PartnerRow[]
  former: PartnerRow[]
}

/**
 * The partner lists of the alliance page and the partners page without reading every partner: counts and worlds
 * are grouped in the database, and only the rows shown are read, with their objectives. `active` is a window of
 * the active partners; `others` bounds the invitations and former partners (null: all of them).
 */
export async function partnerLists(db: Db, scope: AllianceScope, shown: { offset: number; limit: number; others: number | null }): Promise<PartnerLists> {
  // The three windows in one statement (one round trip): each numbers its rows in the partners' order, and the
  // statuses' names sort as the lists come (active, invited, left).
  const list = (status: 'active' | 'invited' | 'left', offset: number, limit: number | null) => {
    const query = partnerRows(db, scope)
      .select(sql<number>`row_number() over (order by ${PARTNER_ORDER})`.as('position'))
      .where('alliance_partners.status', '=', status)
      .orderBy(PARTNER_ORDER)
    return db.selectFrom((limit === null ? query : query.limit(limit).offset(offset)).as(status)).selectAll()
  }
  const [groups, windows] = await Promise.all([
    db
      .selectFrom('alliance_partners')
      .innerJoin('organisations', 'organisations.id', 'alliance_partners.organisation_id')
      .select(['alliance_partners.status', 'organisations.world', (eb) => eb.fn.countAll<number>().as('n')])
      .where('alliance_partners.alliance_id', '=', scope.allianceId)
      .groupBy(['alliance_partners.status', 'organisations.world'])
      .execute(),
    list('active', shown.offset, shown.limit)
      .unionAll(list('invited', 0, shown.others))
      .unionAll(list('left', 0, shown.others))
      .orderBy('status')
      .orderBy('position')
      .execute(),
  ])
  const counts = { active: 0, invited: 0, left: 0 }
  const worlds: PartnerLists['worlds'] = []
  for (const g of groups) {
    const n = Number(g.n)
    if (g.status === 'active' || g.status === 'invited' || g.status === 'left') counts[g.status] += n
    if (g.status === 'active') worlds.push({ world: g.world, count: n })
  }
  const rows = await withObjectives(
    db,
    windows.map(({ position: _, ...row }) => row),
  )
  return { counts, worlds, active: rows.filter((r) => r.status === 'active'), invited: rows.filter((r) => r.status === 'invited'), former: rows.filter((r) => r.status === 'left') }
}

/** The current charter's version and date, and how many active partners signed it; undefined before any charter. */
export async function charterSummary(db: Db, scope: AllianceScope): Promise<{ version: number; created_at: string; signed: number } | undefined> {
  return db
    .selectFrom('alliance_charters')
    .select(['alliance_charters.version', 'alliance_charters.created_at'])
    .select((eb) =>
      eb
        .selectFrom('alliance_charter_signatures')
        .innerJoin('alliance_partners', (join) =>
          join
            .onRef('alliance_partners.organisation_id', '=', 'alliance_charter_signatures.organisation_id')
            .on('alliance_partners.alliance_id', '=', scope.allianceId)
            .on('alliance_partners.status', '=', 'active'),
        )
        .select((s) => s.fn.countAll<number>().as('n'))
        .whereRef('alliance_charter_signatures.charter_id', '=', 'alliance_charters.id')
        .as('signed'),
    )
    .where('alliance_charters.alliance_id', '=', scope.allianceId)
    .orderBy('alliance_charters.version', 'desc')
    .limit(1)
    .executeTakeFirst()
    .then((row) => (row ? { version: row.version, created_at: row.created_at, signed: Number(row.signed ?? 0) } : undefined))
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

/** Contributions, most recent first, one page at a time (past the last page: no rows, the totals still). */
export async function listContributions(db: Db, scope: AllianceScope, page: number, perPage: number): Promise<PageOf<ContributionRow>> {
  const base = db.selectFrom('alliance_contributions').where('alliance_contributions.alliance_id', '=', scope.allianceId)
  const window = pageWindow(page, perPage)
  const { rows, total } = await rowsWithTotal(
    base
      .innerJoin('organisations', 'organisations.id', 'alliance_contributions.organisation_id')
      .selectAll('alliance_contributions')
      .select('organisations.name as organisation_name')
      .orderBy('alliance_contributions.contributed_on', 'desc')
      .orderBy('alliance_contributions.id', 'desc'),
    base.select((eb) => eb.fn.countAll<number>().as('n')),
    window,
  )
  return pageOf(rows, total, window.page, perPage)
}

export async function findContribution(db: Db, scope: AllianceScope, id: string): Promise<Contribution | undefined> {
  return db.selectFrom('alliance_contributions').selectAll().where('alliance_id', '=', scope.allianceId).where('id', '=', id).executeTakeFirst()
}

export async function findJournalEntry(db: Db, scope: AllianceScope, id: string): Promise<JournalEntry | undefined> {
  return db.selectFrom('alliance_journal_entries').selectAll().where('alliance_id', '=', scope.allianceId).where('id', '=', id).executeTakeFirst()
}

export interface ContributionTotals {
  /** per contribution type and unit, ordered by type then unit */
  byType: Array<{ contribution_type: string; unit: ContributionUnit; quantity_hundredths: number; count: number }>
  /** per partner organisation and unit, ordered by partner then unit (empty when read with `byPartner: false`) */
  byPartner: Array<{ organisation_id: string; organisation_name: string; unit: ContributionUnit; quantity_hundredths: number; count: number }>
  count: number
}

/**
 * Sums of the contributions. Quantities of different units are never added together (hours and euros
 * do not mix); a valuation in euros is a separate, documented step. Both add up the rows of
 * `alliance_contribution_sums` (one per partner, type and unit, kept by triggers), not the contributions, so their
 * cost does not grow with the years of an alliance; the partners' names are joined to the sums.
 * `byPartner: false` leaves the partners' sums out (the alliance's overview shows the types only).
 */
export async function contributionTotals(db: Db, scope: AllianceScope, { byPartner = true }: { byPartner?: boolean } = {}): Promise<ContributionTotals> {
  /** The alliance's sums added up per `key` and unit (rows whose contributions are all gone skipped). */
  const sumsBy = <K extends 'contribution_type' | 'organisation_id'>(key: K) =>
    db
      .selectFrom('alliance_contribution_sums as s')
      .select([
        `s.${key}` as `s.${K}`,
        's.unit',
        (eb) => eb.fn.sum<number>('s.quantity_hundredths').as('quantity_hundredths'),
        (eb) => eb.fn.sum<number>('s.n').as('count'),
      ])
      .where('s.alliance_id', '=', scope.allianceId)
      .where('s.n', '>', 0)
      .groupBy([`s.${key}` as `s.${K}`, 's.unit'])
  const [types, partners] = await Promise.all([
    sumsBy('contribution_type').orderBy('s.contribution_type').orderBy('s.unit').execute(),
    byPartner
      ? db
          .selectFrom(sumsBy('organisation_id').as('by_partner'))
          .innerJoin('organisations', 'organisations.id', 'by_partner.organisation_id')
          .select(['by_partner.organisation_id', 'organisations.name as organisation_name', 'by_partner.unit', 'by_partner.quantity_hundredths', 'by_partner.count'])
          .orderBy('organisations.search_name')
          .orderBy('by_partner.unit')
          .execute()
      : [],
  ])
  const num = (v: unknown) => Number(v)
  return {
    byType: types.map((r) => ({ ...r, quantity_hundredths: num(r.quantity_hundredths), count: num(r.count) })),
    byPartner: partners.map((r) => ({ ...r, quantity_hundredths: num(r.quantity_hundredths), count: num(r.count) })),
    count: types.reduce((n, r) => n + num(r.count), 0),
  }
}

// --- journal and timeline ---------------------------------------------------------------------------------

export interface JournalRow extends JournalEntry {
  organisation_name: string | null
}

/** The years that hold journal entries or contributions, with how many of each, oldest first. */
export async function timelineYears(db: Db, scope: AllianceScope): Promise<Array<{ year: number; entries: number; contributions: number }>> {
  const year = (column: string) => sql<string>`substr(${sql.ref(column)}, 1, 4)`
  // Both counts in one statement (one round trip), told apart by `kind`.
  const counted = await db
    .selectFrom('alliance_journal_entries')
    .select([sql<string>`'entries'`.as('kind'), year('occurred_on').as('year'), (eb) => eb.fn.countAll<number>().as('n')])
    .where('alliance_id', '=', scope.allianceId)
    .groupBy(year('occurred_on'))
    .unionAll(
      db
        .selectFrom('alliance_contributions')
        .select([sql<string>`'contributions'`.as('kind'), year('contributed_on').as('year'), (eb) => eb.fn.countAll<number>().as('n')])
        .where('alliance_id', '=', scope.allianceId)
        .groupBy(year('contributed_on')),
    )
    .execute()
  const years = new Map<number, { year: number; entries: number; contributions: number }>()
  for (const r of counted) {
    const y = years.get(Number(r.year)) ?? { year: Number(r.year), entries: 0, contributions: 0 }
    if (r.kind === 'entries') y.entries = Number(r.n)
    else y.contributions = Number(r.n)
    years.set(y.year, y)
  }
  return [...years.values()].sort((a, b) => a.year - b.year)
}

function journalOf(db: Db, scope: AllianceScope, year: number | null) {
  const query = db.selectFrom('alliance_journal_entries').where('alliance_journal_entries.alliance_id', '=', scope.allianceId)
  return year === null ? query : query.where('alliance_journal_entries.occurred_on', '>=', `${year}-01-01`).where('alliance_journal_entries.occurred_on', '<=', `${year}-12-31`)
}

function journalRows(db: Db, scope: AllianceScope, year: number | null) {
  return journalOf(db, scope, year)
    .leftJoin('organisations', 'organisations.id', 'alliance_journal_entries.organisation_id')
    .selectAll('alliance_journal_entries')
    .select('organisations.name as organisation_name')
    .orderBy('alliance_journal_entries.occurred_on', 'desc')
    .orderBy('alliance_journal_entries.created_at', 'desc')
    .orderBy('alliance_journal_entries.id', 'desc')
}

/** Journal entries of one year (or the latest `limit` entries when `year` is null), newest first. */
export async function listJournal(db: Db, scope: AllianceScope, options: { year: number | null; limit?: number }): Promise<JournalRow[]> {
  const query = journalRows(db, scope, options.year)
  return (options.limit === undefined ? query : query.limit(options.limit)).execute()
}

/** One page of the journal (of one year, or entirely), newest first; past the last page: no rows, the totals. */
export async function listJournalPage(db: Db, scope: AllianceScope, year: number | null, page: number, perPage: number): Promise<PageOf<JournalRow>> {
  const window = pageWindow(page, perPage)
  const { rows, total } = await rowsWithTotal(journalRows(db, scope, year), journalOf(db, scope, year).select((eb) => eb.fn.countAll<number>().as('n')), window)
  return pageOf(rows, total, window.page, perPage)
}

/** Contributions of one year, newest first (for the timeline, next to the journal), the first `limit` of them. */
export async function listContributionsOfYear(db: Db, scope: AllianceScope, year: number, limit: number): Promise<ContributionRow[]> {
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
    .limit(limit)
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

/** Partnerships with the names and worlds of both sides and the name of their alliance (every partnership list). */
export function partnershipQuery(db: Db) {
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
