/**
 * Reads of calls to engage: one call (the policy decides who sees a draft), its goals, needs and audience, its
 * progress from the pledges and their fulfilment, and the public list.
 */
import type { Kysely } from 'kysely'
import { pageOf, pageWindow, type PageOf } from '../../../core/db/paging.js'
import { parisToday } from '../../../core/time/calendar.js'
import type { Database } from '../../../database.js'
import { insideTerritory } from '../../territories/index.js'
import { HELP, HELP_KINDS, type HelpKind } from '../help.js'
import type { AudienceFacet, MobilisationCallsTable } from '../mobilisation.table.js'

type Db = Kysely<Database>

export type Call = MobilisationCallsTable & { organisation_name: string; territory_name: string }

/** A call as people read it: `upcoming`, `open`, `ended` (after its last day or closed early), or a `draft`. */
export type CallPhase = 'draft' | 'upcoming' | 'open' | 'ended'

export function callPhase(call: Pick<MobilisationCallsTable, 'status' | 'starts_on' | 'ends_on'>, today = parisToday()): CallPhase {
  if (call.status === 'draft') return 'draft'
  if (call.status === 'closed' || today > call.ends_on) return 'ended'
  return today < call.starts_on ? 'upcoming' : 'open'
}

/** One call with its publisher's and territory's names, drafts included: only the policy's loader calls it. */
export async function unsafeFindCall(db: Db, id: string): Promise<Call | undefined> {
  return db
    .selectFrom('mobilisation_calls')
    .innerJoin('organisations', 'organisations.id', 'mobilisation_calls.organisation_id')
    .innerJoin('territories', 'territories.id', 'mobilisation_calls.territory_id')
    .selectAll('mobilisation_calls')
    .select(['organisations.name as organisation_name', 'territories.name as territory_name'])
    .where('mobilisation_calls.id', '=', id)
    .executeTakeFirst()
}

export interface CallContent {
  goals: Array<{ kind: HelpKind; target: number }>
  needs: Array<{ id: string; title: string; organisation_name: string; status: string }>
  audience: Record<AudienceFacet, string[]>
  space: { id: string; name: string } | null
}

/** What a call asks for, of whom, about which needs (for a call the caller may see). */
export async function callContent(db: Db, call: Pick<MobilisationCallsTable, 'id' | 'space_id'>): Promise<CallContent> {
  const [goals, needs, audience, space] = await Promise.all([
    db.selectFrom('mobilisation_call_goals').select(['help_kind', 'target_hundredths']).where('call_id', '=', call.id).execute(),
    db
      .selectFrom('mobilisation_call_needs')
      .innerJoin('needs', 'needs.id', 'mobilisation_call_needs.need_id')
      .innerJoin('organisations', 'organisations.id', 'needs.organisation_id')
      .select(['needs.id', 'needs.title', 'needs.status', 'organisations.name as organisation_name'])
      .where('mobilisation_call_needs.call_id', '=', call.id)
      .orderBy('needs.title')
      .execute(),
    db.selectFrom('mobilisation_call_audience').select(['facet', 'code']).where('call_id', '=', call.id).orderBy('code').execute(),
    call.space_id ? db.selectFrom('catalysis_spaces').select(['id', 'name']).where('id', '=', call.space_id).executeTakeFirst() : Promise.resolve(undefined),
  ])
  const byFacet: Record<AudienceFacet, string[]> = { world: [], size: [], territory: [] }
  for (const a of audience) byFacet[a.facet].push(a.code)
  const order = (k: string) => HELP_KINDS.indexOf(k as HelpKind)
  return {
    goals: goals.sort((a, b) => order(a.help_kind) - order(b.help_kind)).map((g) => ({ kind: g.help_kind as HelpKind, target: Number(g.target_hundredths) })),
    needs,
    audience: byFacet,
    space: space ?? null,
  }
}

export interface GoalProgress {
  kind: HelpKind
  unit: string
  target: number
  /** quantity promised by active pledges */
  pledged: number
  /** part of it fulfilled by linked contributions */
  fulfilled: number
  pledges: number
}

/**
 * Progress of a call against each goal: the active pledges' quantities and what contributions fulfilled, per kind
 * (one indexed scan of the call's pledges). Kinds pledged without a goal are left out. Late pledges are counted like
 * the others: lateness is the pledger's business first.
 */
export async function callProgress(db: Db, callId: string, goals: CallContent['goals']): Promise<GoalProgress[]> {
  const rows = await db
    .selectFrom('mobilisation_pledges')
    .select((eb) => ['help_kind', eb.fn.sum<number>('quantity_hundredths').as('pledged'), eb.fn.sum<number>('fulfilled_hundredths').as('fulfilled'), eb.fn.countAll<number>().as('n')])
    .where('call_id', '=', callId)
    .where('status', '=', 'active')
    .groupBy('help_kind')
    .execute()
  const byKind = new Map(rows.map((r) => [r.help_kind, r]))
  return goals.map((g) => {
    const r = byKind.get(g.kind)
    return { kind: g.kind, unit: HELP[g.kind].unit, target: g.target, pledged: Number(r?.pledged ?? 0), fulfilled: Number(r?.fulfilled ?? 0), pledges: Number(r?.n ?? 0) }
  })
}

/**
 * Pledges of a call the publisher should follow up: late, and told to their organisation more than `graceDays` ago
 * (the pledger hears it first). Never shown on public pages.
 */
export async function countLateToFollow(db: Db, callId: string, graceDays: number, now = new Date()): Promise<number> {
  const before = new Date(now.getTime() - graceDays * 86_400_000).toISOString()
  const row = await db
    .selectFrom('mobilisation_pledges')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('call_id', '=', callId)
    .where('status', '=', 'active')
    .where('late_notified_at', '<', before)
    .whereRef('fulfilled_hundredths', '<', 'quantity_hundredths')
    .executeTakeFirstOrThrow()
  return Number(row.n)
}

export interface CallListFilters {
  territoryId?: string
  phase?: 'open' | 'ended' | 'upcoming'
  /** drafts of these organisations are listed too (the actor's) */
  ownOrganisationIds?: string[]
}

export type CallListRow = Pick<Call, 'id' | 'title' | 'summary' | 'status' | 'starts_on' | 'ends_on' | 'organisation_id' | 'organisation_name' | 'territory_id' | 'territory_name'>

/** Published calls (and the actor's drafts), ends soonest first among open ones, one page with totals. */
export async function listCalls(db: Db, filters: CallListFilters, page: number, perPage: number): Promise<PageOf<CallListRow>> {
  const today = parisToday()
  const own = filters.ownOrganisationIds ?? []
  let query = db
    .selectFrom('mobilisation_calls')
    .innerJoin('organisations', 'organisations.id', 'mobilisation_calls.organisation_id')
    .innerJoin('territories', 'territories.id', 'mobilisation_calls.territory_id')
    .where((eb) => (own.length > 0 ? eb.or([eb('mobilisation_calls.status', '!=', 'draft'), eb('mobilisation_calls.organisation_id', 'in', own)]) : eb('mobilisation_calls.status', '!=', 'draft')))
  if (filters.territoryId) query = query.where('mobilisation_calls.territory_id', 'in', insideTerritory(db, filters.territoryId))
  if (filters.phase === 'open') query = query.where('mobilisation_calls.status', '=', 'published').where('starts_on', '<=', today).where('ends_on', '>=', today)
  if (filters.phase === 'upcoming') query = query.where('mobilisation_calls.status', '=', 'published').where('starts_on', '>', today)
  if (filters.phase === 'ended') query = query.where((eb) => eb.or([eb('mobilisation_calls.status', '=', 'closed'), eb.and([eb('mobilisation_calls.status', '=', 'published'), eb('ends_on', '<', today)])]))
  const window = pageWindow(page, perPage)
  const [rows, total] = await Promise.all([
    query
      .select(['mobilisation_calls.id', 'mobilisation_calls.title', 'mobilisation_calls.summary', 'mobilisation_calls.status', 'starts_on', 'ends_on', 'mobilisation_calls.organisation_id', 'organisations.name as organisation_name', 'mobilisation_calls.territory_id', 'territories.name as territory_name'])
      .orderBy('ends_on', 'desc')
      .orderBy('mobilisation_calls.id')
      .offset(window.offset)
      .limit(window.limit)
      .execute(),
    query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ])
  return pageOf(rows, Number(total.n), window.page, perPage)
}

/** The organisations a person administers and the catalysis spaces they animate (choices of the call form). */
export async function publisherChoices(db: Db, organisationIds: string[]): Promise<{ organisations: Array<{ id: string; name: string }>; spaces: Array<{ id: string; name: string }> }> {
  if (organisationIds.length === 0) return { organisations: [], spaces: [] }
  const [organisations, spaces] = await Promise.all([
    db.selectFrom('organisations').select(['id', 'name']).where('id', 'in', organisationIds).orderBy('search_name').execute(),
    db
      .selectFrom('catalysis_spaces')
      .select(['id', 'name'])
      .where((eb) =>
        eb.or([
          eb('organisation_id', 'in', organisationIds),
          eb.exists(eb.selectFrom('catalysis_space_coanimators as c').select('c.space_id').whereRef('c.space_id', '=', 'catalysis_spaces.id').where('c.organisation_id', 'in', organisationIds).where('c.status', '=', 'active')),
        ]),
      )
      .orderBy('name')
      .execute(),
  ])
  return { organisations, spaces }
}

/** Open needs inside a territory (the needs a call may be about), by title, at most `limit`. */
export async function openNeedsInside(db: Db, territoryId: string, limit = 100): Promise<Array<{ id: string; title: string; organisation_name: string }>> {
  return db
    .selectFrom('needs')
    .innerJoin('organisations', 'organisations.id', 'needs.organisation_id')
    .select(['needs.id', 'needs.title', 'organisations.name as organisation_name'])
    .where('needs.territory_id', 'in', insideTerritory(db, territoryId))
    .where('needs.status', 'in', ['ouvert', 'en_discussion'])
    .orderBy('needs.title')
    .limit(limit)
    .execute()
}
