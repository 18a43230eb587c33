/**
 * Reads of grants: one grant agreement with its tranches and reporting obligations, and the grants a fund made
 * public (signed), with where and for which SDGs, for its transparency page and the SCDL export.
 */
import type { Kysely } from 'kysely'
import { pageOf, pageWindow, type PageOf } from '../../../core/db/paging.js'
import type { Database } from '../../../database.js'
import type { MobilisationGrantReportsTable, MobilisationGrantsTable, MobilisationGrantTranchesTable } from '../mobilisation.table.js'

type Db = Kysely<Database>

export type Grant = MobilisationGrantsTable & {
  fund_name: string
  host_organisation_id: string
  call_title: string
  call_status: string
  alliance_name: string
  beneficiary_name: string
}

/** One grant with the names around it (the policy decides who reads it). */
export async function unsafeFindGrant(db: Db, id: string): Promise<Grant | undefined> {
  return db
    .selectFrom('mobilisation_grants as g')
    .innerJoin('mobilisation_funds as f', 'f.id', 'g.fund_id')
    .innerJoin('mobilisation_project_calls as c', 'c.id', 'g.call_id')
    .innerJoin('alliances as a', 'a.id', 'g.alliance_id')
    .innerJoin('organisations as o', 'o.id', 'g.beneficiary_organisation_id')
    .selectAll('g')
    .select(['f.name as fund_name', 'f.host_organisation_id', 'c.title as call_title', 'c.status as call_status', 'a.name as alliance_name', 'o.name as beneficiary_name'])
    .where('g.id', '=', id)
    .executeTakeFirst()
}

export async function listTranches(db: Db, grantId: string): Promise<MobilisationGrantTranchesTable[]> {
  return db.selectFrom('mobilisation_grant_tranches').selectAll().where('grant_id', '=', grantId).orderBy('number').execute()
}

export async function listReports(db: Db, grantId: string): Promise<MobilisationGrantReportsTable[]> {
  return db.selectFrom('mobilisation_grant_reports').selectAll().where('grant_id', '=', grantId).orderBy('due_on').orderBy('id').execute()
}

export interface PublicGrant {
  id: string
  reference: string
  object: string
  amount_cents: number
  disbursed_cents: number
  signed_on: string
  beneficiary_name: string
  /** null when the alliance is partners-only (the beneficiary is public data, the alliance is not) */
  alliance_id: string | null
  alliance_name: string | null
  call_title: string
  territories: Array<{ id: string; name: string; departement_id: string | null }>
  sdgs: number[]
}

/** The signed grants of a fund, newest first, one page with totals (public). */
export async function listPublicGrants(db: Db, fundId: string, page: number, perPage: number): Promise<PageOf<PublicGrant>> {
  const window = pageWindow(page, perPage)
  const [rows, total] = await Promise.all([
    db
      .selectFrom('mobilisation_grants as g')
      .innerJoin('alliances as a', 'a.id', 'g.alliance_id')
      .innerJoin('organisations as o', 'o.id', 'g.beneficiary_organisation_id')
      .innerJoin('mobilisation_project_calls as c', 'c.id', 'g.call_id')
      .select(['g.id', 'g.reference', 'g.object', 'g.amount_cents', 'g.disbursed_cents', 'g.signed_on', 'o.name as beneficiary_name', 'a.id as alliance_id', 'a.name as alliance_name', 'a.visibility', 'c.title as call_title'])
      .where('g.fund_id', '=', fundId)
      .where('g.status', '=', 'signed')
      .orderBy('g.signed_on', 'desc')
      .orderBy('g.id')
      .offset(window.offset)
      .limit(window.limit)
      .execute(),
    db.selectFrom('mobilisation_grants').select((eb) => eb.fn.countAll<number>().as('n')).where('fund_id', '=', fundId).where('status', '=', 'signed').executeTakeFirstOrThrow(),
  ])
  const publicIds = rows.filter((r) => r.visibility === 'public').map((r) => r.alliance_id)
  const [territories, sdgs] = publicIds.length === 0
    ? [[], []]
    : await Promise.all([
        db
          .selectFrom('alliance_territories as at')
          .innerJoin('territories as t', 't.id', 'at.territory_id')
          .select(['at.alliance_id', 't.id', 't.name', 't.departement_code'])
          .where('at.alliance_id', 'in', publicIds)
          .execute(),
        db.selectFrom('alliance_sdgs').select(['alliance_id', 'sdg']).where('alliance_id', 'in', publicIds).orderBy('sdg').execute(),
      ])
  return pageOf(
    rows.map((r) => {
      const visible = r.visibility === 'public'
      return {
        id: r.id,
        reference: r.reference,
        object: r.object,
        amount_cents: Number(r.amount_cents),
        disbursed_cents: Number(r.disbursed_cents),
        signed_on: r.signed_on ?? '',
        beneficiary_name: r.beneficiary_name,
        alliance_id: visible ? r.alliance_id : null,
        alliance_name: visible ? r.alliance_name : null,
        call_title: r.call_title,
        territories: visible ? territories.filter((t) => t.alliance_id === r.alliance_id).map((t) => ({ id: t.id, name: t.name, departement_id: t.departement_code ? `departement:${t.departement_code}` : null })) : [],
        sdgs: visible ? sdgs.filter((s) => s.alliance_id === r.alliance_id).map((s) => s.sdg) : [],
      }
    }),
    Number(total.n),
    window.page,
    perPage,
  )
}

/** Signed amounts of a fund per département of the funded alliances' territories (public alliances), for the map. */
export async function grantsByDepartement(db: Db, fundId: string): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom('mobilisation_grants as g')
    .innerJoin('alliances as a', 'a.id', 'g.alliance_id')
    .innerJoin('alliance_territories as at', 'at.alliance_id', 'g.alliance_id')
    .innerJoin('territories as t', 't.id', 'at.territory_id')
    .select(['g.id', 'g.amount_cents', 't.departement_code', 't.kind', 't.code'])
    .where('g.fund_id', '=', fundId)
    .where('g.status', '=', 'signed')
    .where('a.visibility', '=', 'public')
    .execute()
  // One grant counts once per département it touches (its amount is not split: the map says where, the table how much).
  const seen = new Set<string>()
  const out = new Map<string, number>()
  for (const r of rows) {
    const code = r.kind === 'departement' ? r.code : r.departement_code
    if (!code || seen.has(`${r.id}:${code}`)) continue
    seen.add(`${r.id}:${code}`)
    out.set(code, (out.get(code) ?? 0) + Number(r.amount_cents) / 100)
  }
  return out
}
