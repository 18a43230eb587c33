/**
 * Reads of contact requests, private to the two organisations: every read takes a `RequestScope` (or the
 * actor's organisations) produced by the policy. Contact details are read only for accepted requests.
 */
import type { Kysely, Transaction } from 'kysely'
import { pageOf, pageWindow, type PageOf } from '../../../core/db/paging.js'
import type { Database } from '../../../database.js'
import type { ContactRequestsTable, RequestStatus } from '../listening.table.js'
import type { RequestScope } from './connections.policy.js'

type Db = Kysely<Database> | Transaction<Database>

/** The status a person sees: an unanswered request past its expiry reads `expiree`. */
export function effectiveStatus(request: Pick<ContactRequestsTable, 'status' | 'expires_at'>, now: string): RequestStatus {
  return request.status === 'proposee' && request.expires_at <= now ? 'expiree' : request.status
}

/** The need and the resource a request would be about, with their organisations. */
export interface PairInfo {
  need: { id: string; title: string; organisation_id: string; organisation_name: string }
  resource: { id: string; title: string; organisation_id: string; organisation_name: string }
}

/** The pair of a need and a resource (both public), or null when either does not exist. */
export async function findPair(db: Db, needId: string, resourceId: string): Promise<PairInfo | null> {
  const [need, resource] = await Promise.all([
    db
      .selectFrom('needs')
      .innerJoin('organisations', 'organisations.id', 'needs.organisation_id')
      .select(['needs.id', 'needs.title', 'needs.organisation_id', 'organisations.name as organisation_name'])
      .where('needs.id', '=', needId)
      .executeTakeFirst(),
    db
      .selectFrom('resources')
      .innerJoin('organisations', 'organisations.id', 'resources.organisation_id')
      .select(['resources.id', 'resources.title', 'resources.organisation_id', 'organisations.name as organisation_name'])
      .where('resources.id', '=', resourceId)
      .executeTakeFirst(),
  ])
  return need && resource ? { need, resource } : null
}

/**
 * A contact request by id, unscoped: only to authorise (the policy decides from its two organisations) or
 * inside a service that authorises next. Never shown as is.
 */
export async function findRequestRow(db: Db, id: string): Promise<ContactRequestsTable | undefined> {
  return db.selectFrom('contact_requests').selectAll().where('id', '=', id).executeTakeFirst()
}

export interface RequestDetails {
  request: ContactRequestsTable
  need: { id: string; title: string; organisation_id: string }
  resource: { id: string; title: string; organisation_id: string }
  from: { id: string; name: string; world: string }
  to: { id: string; name: string; world: string }
  fromUser: { display_name: string } | null
}

/** The request the scope names with its need, resource, organisations and sender (the policy authorised it). */
export async function findRequestDetails(db: Kysely<Database>, scope: RequestScope): Promise<RequestDetails | undefined> {
  const request = await db.selectFrom('contact_requests').selectAll().where('id', '=', scope.requestId).executeTakeFirst()
  if (!request) return undefined
  const [need, resource, orgs, fromUser] = await Promise.all([
    db.selectFrom('needs').select(['id', 'title', 'organisation_id']).where('id', '=', request.need_id).executeTakeFirstOrThrow(),
    db.selectFrom('resources').select(['id', 'title', 'organisation_id']).where('id', '=', request.resource_id).executeTakeFirstOrThrow(),
    db.selectFrom('organisations').select(['id', 'name', 'world']).where('id', 'in', [request.from_organisation_id, request.to_organisation_id]).execute(),
    request.from_user_id ? db.selectFrom('users').select('display_name').where('id', '=', request.from_user_id).executeTakeFirst() : Promise.resolve(undefined),
  ])
  const byId = new Map(orgs.map((o) => [o.id, o]))
  return {
    request,
    need,
    resource,
    from: byId.get(request.from_organisation_id) as RequestDetails['from'],
    to: byId.get(request.to_organisation_id) as RequestDetails['to'],
    fromUser: fromUser ?? null,
  }
}

export interface ContactCard {
  organisation: { name: string; contact_email: string | null; contact_phone: string | null; website: string | null }
  person: { display_name: string; email: string } | null
}

/**
 * Contact details of both sides of an accepted request: each organisation's public contacts and the person
 * who sent or accepted. Returns null unless the request is accepted (consent).
 */
export async function findContactCards(db: Kysely<Database>, scope: RequestScope): Promise<{ from: ContactCard; to: ContactCard } | null> {
  const request = await db.selectFrom('contact_requests').selectAll().where('id', '=', scope.requestId).executeTakeFirst()
  if (request?.status !== 'acceptee') return null
  const card = async (organisationId: string, userId: string | null): Promise<ContactCard> => {
    const [organisation, person] = await Promise.all([
      db.selectFrom('organisations').select(['name', 'contact_email', 'contact_phone', 'website']).where('id', '=', organisationId).executeTakeFirstOrThrow(),
      userId ? db.selectFrom('users').select(['display_name', 'email']).where('id', '=', userId).executeTakeFirst() : Promise.resolve(undefined),
    ])
    return { organisation, person: person ?? null }
  }
  return { from: await card(request.from_organisation_id, request.from_user_id), to: await card(request.to_organisation_id, request.answered_by) }
}

export interface ThreadMessage {
  id: string
  body: string
  created_at: string
  organisation_name: string
  author: string | null
}

/** The messages of a request's thread, oldest first. */
export async function listThread(db: Kysely<Database>, scope: RequestScope): Promise<ThreadMessage[]> {
  return db
    .selectFrom('contact_messages')
    .innerJoin('organisations', 'organisations.id', 'contact_messages.organisation_id')
    .leftJoin('users', 'users.id', 'contact_messages.user_id')
    .select(['contact_messages.id', 'contact_messages.body', 'contact_messages.created_at', 'organisations.name as organisation_name', 'users.display_name as author'])
    .where('contact_messages.request_id', '=', scope.requestId)
    .orderBy('contact_messages.created_at')
    .orderBy('contact_messages.id')
    .execute()
}

export interface RequestRow {
  id: string
  status: ContactRequestsTable['status']
  expires_at: string
  created_at: string
  need_title: string
  resource_title: string
  from_organisation_id: string
  from_name: string
  to_organisation_id: string
  to_name: string
}

/**
 * A page of the requests sent or received by the given organisations (the actor's own), newest first (core
 * paging: past the last page, empty with the totals).
 */
export async function listRequestsOfOrganisations(db: Kysely<Database>, organisationIds: string[], page: number, perPage: number): Promise<PageOf<RequestRow>> {
  const window = pageWindow(page, perPage)
  if (organisationIds.length === 0) return pageOf([], 0, window.page, perPage)
  const { n } = await db
    .selectFrom('contact_requests')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where((eb) => eb.or([eb('from_organisation_id', 'in', organisationIds), eb('to_organisation_id', 'in', organisationIds)]))
    .executeTakeFirstOrThrow()
  const rows = await db
    .selectFrom('contact_requests')
    .innerJoin('needs', 'needs.id', 'contact_requests.need_id')
    .innerJoin('resources', 'resources.id', 'contact_requests.resource_id')
    .innerJoin('organisations as f', 'f.id', 'contact_requests.from_organisation_id')
    .innerJoin('organisations as t', 't.id', 'contact_requests.to_organisation_id')
    .select([
      'contact_requests.id',
      'contact_requests.status',
      'contact_requests.expires_at',
      'contact_requests.created_at',
      'needs.title as need_title',
      'resources.title as resource_title',
      'contact_requests.from_organisation_id',
      'f.name as from_name',
      'contact_requests.to_organisation_id',
      't.name as to_name',
    ])
    .where((eb) => eb.or([eb('contact_requests.from_organisation_id', 'in', organisationIds), eb('contact_requests.to_organisation_id', 'in', organisationIds)]))
    .orderBy('contact_requests.created_at', 'desc')
    .orderBy('contact_requests.id')
    .limit(window.limit)
    .offset(window.offset)
    .execute()
  return pageOf(rows, Number(n), window.page, perPage)
}

/** Requests of the actor's organisations for a set of pairs (to show "request sent" next to matches). */
export async function listRequestsForPairs(db: Kysely<Database>, organisationIds: string[], pairs: Array<{ needId: string; resourceId: string }>) {
  if (organisationIds.length === 0 || pairs.length === 0) return []
  const needIds = [...new Set(pairs.map((p) => p.needId))]
  const resourceIds = [...new Set(pairs.map((p) => p.resourceId))]
  return db
    .selectFrom('contact_requests')
    .select(['id', 'need_id', 'resource_id', 'status', 'expires_at'])
    .where('need_id', 'in', needIds)
    .where('resource_id', 'in', resourceIds)
    .where((eb) => eb.or([eb('from_organisation_id', 'in', organisationIds), eb('to_organisation_id', 'in', organisationIds)]))
    .orderBy('created_at', 'desc')
    .execute()
}
