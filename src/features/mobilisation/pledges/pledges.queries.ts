/**
 * Reads of pledges: one pledge with what it goes to, its links to contributions, the contributions an
 * organisation could link, an organisation's promises and what it did, and a call's pledges.
 */
import type { Kysely } from 'kysely'
import { pageOf, pageWindow, type PageOf } from '../../../core/db/paging.js'
import { parisToday } from '../../../core/time/calendar.js'
import type { Database } from '../../../database.js'
import { HELP, type HelpKind } from '../help.js'
import type { MobilisationPledgesTable, PledgeStatus } from '../mobilisation.table.js'

type Db = Kysely<Database>

export type Pledge = MobilisationPledgesTable & {
  organisation_name: string
  call_title: string | null
  need_title: string | null
  alliance_name: string | null
  alliance_visibility: string | null
}

/** One pledge with the names of what it goes to (withdrawn included: only the policy's loader calls it). */
export async function unsafeFindPledge(db: Db, id: string): Promise<Pledge | undefined> {
  return db
    .selectFrom('mobilisation_pledges as p')
    .innerJoin('organisations as o', 'o.id', 'p.organisation_id')
    .leftJoin('mobilisation_calls as c', 'c.id', 'p.call_id')
    .leftJoin('needs as n', 'n.id', 'p.need_id')
    .leftJoin('alliances as a', 'a.id', 'p.alliance_id')
    .selectAll('p')
    .select(['o.name as organisation_name', 'c.title as call_title', 'n.title as need_title', 'a.name as alliance_name', 'a.visibility as alliance_visibility'])
    .where('p.id', '=', id)
    .executeTakeFirst()
}

/** True when an active pledge is past its due day and not yet fulfilled (its organisation's business first). */
export function isLate(pledge: Pick<MobilisationPledgesTable, 'status' | 'due_on' | 'fulfilled_hundredths' | 'quantity_hundredths'>, today = parisToday()): boolean {
  return pledge.status === 'active' && pledge.due_on < today && Number(pledge.fulfilled_hundredths) < Number(pledge.quantity_hundredths)
}

export interface FulfilmentRow {
  id: string
  contribution_id: string
  quantity_hundredths: number
  linked_at: string
  contributed_on: string
  contribution_type: string
  description: string
  alliance_id: string
  alliance_name: string
  alliance_visibility: string
}

/** The contributions linked to a pledge, newest first. */
export async function listFulfilments(db: Db, pledgeId: string): Promise<FulfilmentRow[]> {
  return db
    .selectFrom('mobilisation_pledge_fulfilments as f')
    .innerJoin('alliance_contributions as c', 'c.id', 'f.contribution_id')
    .innerJoin('alliances as a', 'a.id', 'c.alliance_id')
    .select(['f.id', 'f.contribution_id', 'f.quantity_hundredths', 'f.linked_at', 'c.contributed_on', 'c.contribution_type', 'c.description', 'a.id as alliance_id', 'a.name as alliance_name', 'a.visibility as alliance_visibility'])
    .where('f.pledge_id', '=', pledgeId)
    .orderBy('c.contributed_on', 'desc')
    .orderBy('f.id')
    .execute()
}

export interface LinkableContribution {
  id: string
  alliance_id: string
  alliance_name: string
  contribution_type: string
  unit: string
  quantity_hundredths: number
  /** what no pledge counts yet */
  free_hundredths: number
  contributed_on: string
  description: string
}

/**
 * The pledging organisation's contributions that could fulfil the pledge: of a type and unit of its kind, made on
 * or after the day it was pledged, in the pledge's alliance when it names one, with some quantity not yet counted
 * by a pledge. Scoped to the pledge's organisation (the caller is one of its members).
 */
export async function listLinkableContributions(db: Db, pledge: Pick<MobilisationPledgesTable, 'id' | 'organisation_id' | 'help_kind' | 'pledged_on' | 'alliance_id'>): Promise<LinkableContribution[]> {
  const spec = HELP[pledge.help_kind as HelpKind]
  let query = db
    .selectFrom('alliance_contributions as c')
    .innerJoin('alliances as a', 'a.id', 'c.alliance_id')
    .leftJoin('mobilisation_pledge_fulfilments as f', 'f.contribution_id', 'c.id')
    .select((eb) => [
      'c.id',
      'c.alliance_id',
      'a.name as alliance_name',
      'c.contribution_type',
      'c.unit',
      'c.quantity_hundredths',
      'c.contributed_on',
      'c.description',
      eb(eb.ref('c.quantity_hundredths'), '-', eb.fn.coalesce(eb.fn.sum<number>('f.quantity_hundredths'), eb.lit(0))).as('free_hundredths'),
    ])
    .where('c.organisation_id', '=', pledge.organisation_id)
    .where('c.contribution_type', 'in', [...spec.types])
    .where('c.unit', '=', spec.unit)
    .where('c.contributed_on', '>=', pledge.pledged_on)
    .where((eb) => eb.not(eb.exists(eb.selectFrom('mobilisation_pledge_fulfilments as g').select('g.id').whereRef('g.contribution_id', '=', 'c.id').where('g.pledge_id', '=', pledge.id))))
  if (pledge.alliance_id) query = query.where('c.alliance_id', '=', pledge.alliance_id)
  const rows = await query
    .groupBy(['c.id', 'c.alliance_id', 'a.name', 'c.contribution_type', 'c.unit', 'c.quantity_hundredths', 'c.contributed_on', 'c.description'])
    .orderBy('c.contributed_on', 'desc')
    .limit(200)
    .execute()
  return rows.map((r) => ({ ...r, quantity_hundredths: Number(r.quantity_hundredths), free_hundredths: Number(r.free_hundredths) })).filter((r) => r.free_hundredths > 0)
}

export type PledgeListRow = Pick<
  Pledge,
  'id' | 'organisation_id' | 'organisation_name' | 'help_kind' | 'unit' | 'quantity_hundredths' | 'fulfilled_hundredths' | 'volunteers' | 'value_cents' | 'realised_cents' | 'value_basis' | 'rate_table_id' | 'rate_table_version' | 'pledged_on' | 'starts_on' | 'due_on' | 'schedule' | 'status' | 'call_id' | 'call_title' | 'need_id' | 'need_title' | 'alliance_id' | 'alliance_name' | 'alliance_visibility' | 'world'
>

function pledgeList(db: Db) {
  return db
    .selectFrom('mobilisation_pledges as p')
    .innerJoin('organisations as o', 'o.id', 'p.organisation_id')
    .leftJoin('mobilisation_calls as c', 'c.id', 'p.call_id')
    .leftJoin('needs as n', 'n.id', 'p.need_id')
    .leftJoin('alliances as a', 'a.id', 'p.alliance_id')
    .select([
      'p.id',
      'p.organisation_id',
      'o.name as organisation_name',
      'p.help_kind',
      'p.unit',
      'p.quantity_hundredths',
      'p.fulfilled_hundredths',
      'p.volunteers',
      'p.value_cents',
      'p.realised_cents',
      'p.value_basis',
      'p.rate_table_id',
      'p.rate_table_version',
      'p.pledged_on',
      'p.starts_on',
      'p.due_on',
      'p.schedule',
      'p.status',
      'p.call_id',
      'c.title as call_title',
      'p.need_id',
      'n.title as need_title',
      'p.alliance_id',
      'a.name as alliance_name',
      'a.visibility as alliance_visibility',
      'p.world',
    ])
}

/** An organisation's pledges, newest first (`withdrawn` too when `own`: its members). */
export async function listOrganisationPledges(db: Db, organisationId: string, options: { own: boolean }, page: number, perPage: number): Promise<PageOf<PledgeListRow>> {
  const window = pageWindow(page, perPage)
  const statuses: PledgeStatus[] = options.own ? ['active', 'withdrawn'] : ['active']
  const [rows, total] = await Promise.all([
    pledgeList(db).where('p.organisation_id', '=', organisationId).where('p.status', 'in', statuses).orderBy('p.pledged_on', 'desc').orderBy('p.id').offset(window.offset).limit(window.limit).execute(),
    db.selectFrom('mobilisation_pledges').select((eb) => eb.fn.countAll<number>().as('n')).where('organisation_id', '=', organisationId).where('status', 'in', statuses).executeTakeFirstOrThrow(),
  ])
  return pageOf(rows, Number(total.n), window.page, perPage)
}

export interface OrganisationTotals {
  pledges: number
  /** value of the active pledges (cents), and of what was realised */
  pledgedCents: number
  realisedCents: number
  /** pledges whose kind has no rate (goods, premises): counted, not valued */
  unvalued: number
  byKind: Array<{ kind: HelpKind; pledged: number; fulfilled: number }>
}

/** The totals of an organisation's active pledges: valued euros pledged and realised, quantities per kind. */
export async function organisationTotals(db: Db, organisationId: string): Promise<OrganisationTotals> {
  const rows = await db
    .selectFrom('mobilisation_pledges')
    .select(['help_kind', 'quantity_hundredths', 'fulfilled_hundredths', 'value_cents', 'realised_cents'])
    .where('organisation_id', '=', organisationId)
    .where('status', '=', 'active')
    .execute()
  const byKind = new Map<HelpKind, { kind: HelpKind; pledged: number; fulfilled: number }>()
  let pledgedCents = 0
  let realisedCents = 0
  let unvalued = 0
  for (const r of rows) {
    const kind = r.help_kind as HelpKind
    const entry = byKind.get(kind) ?? { kind, pledged: 0, fulfilled: 0 }
    entry.pledged += Number(r.quantity_hundredths)
    entry.fulfilled += Number(r.fulfilled_hundredths)
    byKind.set(kind, entry)
    if (r.value_cents === null) unvalued++
    else {
      pledgedCents += Number(r.value_cents)
      realisedCents += Number(r.realised_cents ?? 0)
    }
  }
  return { pledges: rows.length, pledgedCents, realisedCents, unvalued, byKind: [...byKind.values()] }
}

/** The active pledges of a call, newest first (public: no lateness shown). */
export async function listCallPledges(db: Db, callId: string, page: number, perPage: number): Promise<PageOf<PledgeListRow>> {
  const window = pageWindow(page, perPage)
  const [rows, total] = await Promise.all([
    pledgeList(db).where('p.call_id', '=', callId).where('p.status', '=', 'active').orderBy('p.pledged_on', 'desc').orderBy('p.id').offset(window.offset).limit(window.limit).execute(),
    db.selectFrom('mobilisation_pledges').select((eb) => eb.fn.countAll<number>().as('n')).where('call_id', '=', callId).where('status', '=', 'active').executeTakeFirstOrThrow(),
  ])
  return pageOf(rows, Number(total.n), window.page, perPage)
}
