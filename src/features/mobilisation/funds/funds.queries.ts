/**
 * Reads of pooled funds: one fund with its host, its committee, contributors and ledger entries, the list of
 * funds. A fund is public (its page shows its totals and governance); amounts per contributor and the entries are
 * for the fund's governance (the policy decides).
 */
import type { Kysely } from 'kysely'
import { pageOf, pageWindow, type PageOf } from '../../../core/db/paging.js'
import type { Database } from '../../../database.js'
import type { MobilisationFundEntriesTable, MobilisationFundsTable } from '../mobilisation.table.js'

type Db = Kysely<Database>

export type Fund = MobilisationFundsTable & { host_name: string; host_world: string; territory_name: string }

/** One fund with its host's and territory's names. */
export async function findFund(db: Db, id: string): Promise<Fund | undefined> {
  return db
    .selectFrom('mobilisation_funds as f')
    .innerJoin('organisations as o', 'o.id', 'f.host_organisation_id')
    .innerJoin('territories as t', 't.id', 'f.territory_id')
    .selectAll('f')
    .select(['o.name as host_name', 'o.world as host_world', 't.name as territory_name'])
    .where('f.id', '=', id)
    .executeTakeFirst()
}

/** True when the person sits on the fund's committee. */
export async function isCommitteeMember(db: Db, fundId: string, userId: string | null): Promise<boolean> {
  if (userId === null) return false
  const row = await db.selectFrom('mobilisation_fund_members').select('user_id').where('fund_id', '=', fundId).where('user_id', '=', userId).executeTakeFirst()
  return row !== undefined
}

export interface CommitteeMember {
  user_id: string
  display_name: string
  role: string
  /** the organisations the person belongs to (their names), to see where conflicts may come from */
  organisations: string
}

/** The committee, chair first, then by name. */
export async function listCommittee(db: Db, fundId: string): Promise<CommitteeMember[]> {
  const rows = await db
    .selectFrom('mobilisation_fund_members as m')
    .innerJoin('users as u', 'u.id', 'm.user_id')
    .select(['m.user_id', 'u.display_name', 'm.role'])
    .where('m.fund_id', '=', fundId)
    .orderBy('m.role')
    .orderBy('u.display_name')
    .execute()
  if (rows.length === 0) return []
  const orgs = await db
    .selectFrom('memberships')
    .innerJoin('organisations', 'organisations.id', 'memberships.organisation_id')
    .select(['memberships.user_id', 'organisations.name'])
    .where('memberships.user_id', 'in', rows.map((r) => r.user_id))
    .orderBy('organisations.name')
    .execute()
  return rows.map((r) => ({ ...r, organisations: orgs.filter((o) => o.user_id === r.user_id).map((o) => o.name).join(', ') }))
}

export interface ContributorRow {
  organisation_id: string
  name: string
  world: string
  pledged_cents: number
  paid_cents: number
}

/** The fund's contributors, largest pledge first. */
export async function listContributors(db: Db, fundId: string): Promise<ContributorRow[]> {
  return db
    .selectFrom('mobilisation_fund_contributors as c')
    .innerJoin('organisations as o', 'o.id', 'c.organisation_id')
    .select(['c.organisation_id', 'o.name', 'o.world', 'c.pledged_cents', 'c.paid_cents'])
    .where('c.fund_id', '=', fundId)
    .orderBy('c.pledged_cents', 'desc')
    .orderBy('o.name')
    .execute()
}

export type EntryRow = MobilisationFundEntriesTable & { organisation_name: string | null; grant_reference: string | null; recorded_by_name: string | null }

/** The ledger's entries, newest first, one page with totals (for the fund's governance). */
export async function listEntries(db: Db, fundId: string, page: number, perPage: number): Promise<PageOf<EntryRow>> {
  const window = pageWindow(page, perPage)
  const [rows, total] = await Promise.all([
    db
      .selectFrom('mobilisation_fund_entries as e')
      .leftJoin('organisations as o', 'o.id', 'e.organisation_id')
      .leftJoin('mobilisation_grants as g', 'g.id', 'e.grant_id')
      .leftJoin('users as u', 'u.id', 'e.recorded_by')
      .selectAll('e')
      .select(['o.name as organisation_name', 'g.reference as grant_reference', 'u.display_name as recorded_by_name'])
      .where('e.fund_id', '=', fundId)
      .orderBy('e.recorded_at', 'desc')
      .orderBy('e.id', 'desc')
      .offset(window.offset)
      .limit(window.limit)
      .execute(),
    db.selectFrom('mobilisation_fund_entries').select((eb) => eb.fn.countAll<number>().as('n')).where('fund_id', '=', fundId).executeTakeFirstOrThrow(),
  ])
  return pageOf(rows, Number(total.n), window.page, perPage)
}

export type FundListRow = Pick<Fund, 'id' | 'name' | 'legal_form' | 'host_organisation_id' | 'host_name' | 'territory_id' | 'territory_name' | 'paid_cents' | 'committed_cents' | 'granted_cents' | 'disbursed_cents'>

/** Funds, by name, one page with totals. */
export async function listFunds(db: Db, page: number, perPage: number): Promise<PageOf<FundListRow>> {
  const window = pageWindow(page, perPage)
  const [rows, total] = await Promise.all([
    db
      .selectFrom('mobilisation_funds as f')
      .innerJoin('organisations as o', 'o.id', 'f.host_organisation_id')
      .innerJoin('territories as t', 't.id', 'f.territory_id')
      .select(['f.id', 'f.name', 'f.legal_form', 'f.host_organisation_id', 'o.name as host_name', 'f.territory_id', 't.name as territory_name', 'f.paid_cents', 'f.committed_cents', 'f.granted_cents', 'f.disbursed_cents'])
      .orderBy('f.name')
      .orderBy('f.id')
      .offset(window.offset)
      .limit(window.limit)
      .execute(),
    db.selectFrom('mobilisation_funds').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ])
  return pageOf(rows, Number(total.n), window.page, perPage)
}
