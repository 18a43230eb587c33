/**
 * Reads of calls for projects and applications: one call with its fund (drafts included: only the policy's loaders
 * call the `unsafe` reads), its SDGs, grid and reviewers, the public list, an application with its budget, and the
 * lists the committee and the applicants read.
 */
import type { Kysely } from 'kysely'
import { pageOf, pageWindow, type PageOf } from '../../../core/db/paging.js'
import type { Database } from '../../../database.js'
import type { MobilisationApplicationsTable, MobilisationBudgetLinesTable, MobilisationProjectCallsTable } from '../mobilisation.table.js'

type Db = Kysely<Database>

export type ProjectCall = MobilisationProjectCallsTable & { fund_name: string; host_organisation_id: string; territory_name: string }

/** A call for projects as people read it. */
export type ProjectCallPhase = 'draft' | 'upcoming' | 'open' | 'review' | 'decided'

export function projectCallPhase(call: Pick<MobilisationProjectCallsTable, 'status' | 'opens_at' | 'deadline_at'>, now = new Date().toISOString()): ProjectCallPhase {
  if (call.status === 'draft') return 'draft'
  if (call.status === 'decided') return 'decided'
  if (now < call.opens_at) return 'upcoming'
  return now < call.deadline_at ? 'open' : 'review'
}

export async function unsafeFindProjectCall(db: Db, id: string): Promise<ProjectCall | undefined> {
  return db
    .selectFrom('mobilisation_project_calls as c')
    .innerJoin('mobilisation_funds as f', 'f.id', 'c.fund_id')
    .innerJoin('territories as t', 't.id', 'c.territory_id')
    .selectAll('c')
    .select(['f.name as fund_name', 'f.host_organisation_id', 't.name as territory_name'])
    .where('c.id', '=', id)
    .executeTakeFirst()
}

export interface Criterion {
  position: number
  label: string
  weight: number
}

export async function listCriteria(db: Db, callId: string): Promise<Criterion[]> {
  return db.selectFrom('mobilisation_criteria').select(['position', 'label', 'weight']).where('call_id', '=', callId).orderBy('position').execute()
}

export async function listCallSdgs(db: Db, callId: string): Promise<number[]> {
  return (await db.selectFrom('mobilisation_project_call_sdgs').select('sdg').where('call_id', '=', callId).orderBy('sdg').execute()).map((r) => r.sdg)
}

export interface ReviewerRow {
  user_id: string
  display_name: string
}

export async function listReviewers(db: Db, callId: string): Promise<ReviewerRow[]> {
  return db.selectFrom('mobilisation_reviewers as r').innerJoin('users as u', 'u.id', 'r.user_id').select(['r.user_id', 'u.display_name']).where('r.call_id', '=', callId).orderBy('u.display_name').execute()
}

export async function isReviewer(db: Db, callId: string, userId: string | null): Promise<boolean> {
  if (userId === null) return false
  return (await db.selectFrom('mobilisation_reviewers').select('user_id').where('call_id', '=', callId).where('user_id', '=', userId).executeTakeFirst()) !== undefined
}

export type ProjectCallListRow = Pick<ProjectCall, 'id' | 'title' | 'summary' | 'status' | 'opens_at' | 'deadline_at' | 'fund_id' | 'fund_name' | 'territory_id' | 'territory_name' | 'min_amount_cents' | 'max_amount_cents'>

/** Published calls (and drafts of the funds in `adminFundHosts`), newest deadline first, one page with totals. */
export async function listProjectCalls(db: Db, filters: { fundId?: string; hostOrganisationIds?: string[] }, page: number, perPage: number): Promise<PageOf<ProjectCallListRow>> {
  const hosts = filters.hostOrganisationIds ?? []
  let query = db
    .selectFrom('mobilisation_project_calls as c')
    .innerJoin('mobilisation_funds as f', 'f.id', 'c.fund_id')
    .innerJoin('territories as t', 't.id', 'c.territory_id')
    .where((eb) => (hosts.length > 0 ? eb.or([eb('c.status', '!=', 'draft'), eb('f.host_organisation_id', 'in', hosts)]) : eb('c.status', '!=', 'draft')))
  if (filters.fundId) query = query.where('c.fund_id', '=', filters.fundId)
  const window = pageWindow(page, perPage)
  const [rows, total] = await Promise.all([
    query
      .select(['c.id', 'c.title', 'c.summary', 'c.status', 'c.opens_at', 'c.deadline_at', 'c.fund_id', 'f.name as fund_name', 'c.territory_id', 't.name as territory_name', 'c.min_amount_cents', 'c.max_amount_cents'])
      .orderBy('c.deadline_at', 'desc')
      .orderBy('c.id')
      .offset(window.offset)
      .limit(window.limit)
      .execute(),
    query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ])
  return pageOf(rows, Number(total.n), window.page, perPage)
}

export type Application = MobilisationApplicationsTable & { alliance_name: string; alliance_visibility: string; beneficiary_name: string }

export async function unsafeFindApplication(db: Db, id: string): Promise<Application | undefined> {
  return db
    .selectFrom('mobilisation_applications as a')
    .innerJoin('alliances as al', 'al.id', 'a.alliance_id')
    .innerJoin('organisations as o', 'o.id', 'a.beneficiary_organisation_id')
    .selectAll('a')
    .select(['al.name as alliance_name', 'al.visibility as alliance_visibility', 'o.name as beneficiary_name'])
    .where('a.id', '=', id)
    .executeTakeFirst()
}

export async function listBudgetLines(db: Db, applicationId: string): Promise<MobilisationBudgetLinesTable[]> {
  return db.selectFrom('mobilisation_budget_lines').selectAll().where('application_id', '=', applicationId).orderBy('side').orderBy('position').execute()
}

export type ApplicationListRow = Pick<Application, 'id' | 'alliance_id' | 'alliance_name' | 'title' | 'requested_cents' | 'budget_cents' | 'status' | 'submitted_at' | 'beneficiary_name'>

/**
 * The applications of a call the committee reads (submitted and withdrawn; never drafts), in submission order,
 * except those the reader may not see (`hiddenIds`: conflicts), one page with totals.
 */
export async function listCallApplications(db: Db, callId: string, options: { statuses: Array<'submitted' | 'withdrawn'>; hiddenIds?: string[] }, page: number, perPage: number): Promise<PageOf<ApplicationListRow>> {
  let query = db
    .selectFrom('mobilisation_applications as a')
    .innerJoin('alliances as al', 'al.id', 'a.alliance_id')
    .innerJoin('organisations as o', 'o.id', 'a.beneficiary_organisation_id')
    .where('a.call_id', '=', callId)
    .where('a.status', 'in', options.statuses)
  if (options.hiddenIds && options.hiddenIds.length > 0) query = query.where('a.id', 'not in', options.hiddenIds)
  const window = pageWindow(page, perPage)
  const [rows, total] = await Promise.all([
    query
      .select(['a.id', 'a.alliance_id', 'al.name as alliance_name', 'a.title', 'a.requested_cents', 'a.budget_cents', 'a.status', 'a.submitted_at', 'o.name as beneficiary_name'])
      .orderBy('a.submitted_at')
      .orderBy('a.id')
      .offset(window.offset)
      .limit(window.limit)
      .execute(),
    query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ])
  return pageOf(rows, Number(total.n), window.page, perPage)
}

/** The applications of the alliances in `allianceIds` to a call (what applicants see of their own). */
export async function listApplicationsOfAlliances(db: Db, callId: string, allianceIds: string[]): Promise<ApplicationListRow[]> {
  if (allianceIds.length === 0) return []
  return db
    .selectFrom('mobilisation_applications as a')
    .innerJoin('alliances as al', 'al.id', 'a.alliance_id')
    .innerJoin('organisations as o', 'o.id', 'a.beneficiary_organisation_id')
    .select(['a.id', 'a.alliance_id', 'al.name as alliance_name', 'a.title', 'a.requested_cents', 'a.budget_cents', 'a.status', 'a.submitted_at', 'o.name as beneficiary_name'])
    .where('a.call_id', '=', callId)
    .where('a.alliance_id', 'in', allianceIds)
    .orderBy('al.name')
    .execute()
}

/** The alliances coordinated (actively) by the organisations in `organisationIds` — those a person may apply for. */
export async function coordinatedAlliances(db: Db, organisationIds: string[]): Promise<Array<{ id: string; name: string }>> {
  if (organisationIds.length === 0) return []
  return db
    .selectFrom('alliance_partners as p')
    .innerJoin('alliances as a', 'a.id', 'p.alliance_id')
    .select(['a.id', 'a.name'])
    .distinct()
    .where('p.organisation_id', 'in', organisationIds)
    .where('p.role', '=', 'coordinateur')
    .where('p.status', '=', 'active')
    .orderBy('a.name')
    .execute()
}

/** The active partner organisations of an alliance (who may receive its grant). */
export async function activePartnerOrganisations(db: Db, allianceId: string): Promise<Array<{ id: string; name: string }>> {
  return db
    .selectFrom('alliance_partners as p')
    .innerJoin('organisations as o', 'o.id', 'p.organisation_id')
    .select(['o.id', 'o.name'])
    .where('p.alliance_id', '=', allianceId)
    .where('p.status', '=', 'active')
    .orderBy('o.search_name')
    .execute()
}
