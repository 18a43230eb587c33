/**
 * Connecting (mise en relation): from a match, a member of one organisation sends a contact request with a
 * message to the other; a member or admin of the other accepts or declines it. Contact details are shown to
 * both sides only after acceptance (consent), and a message thread opens. A request left unanswered for
 * 30 days is expired (computed when read, and stored by `sweepExpiredRequests`). A declined pair is never
 * proposed again. Every step notifies the other side's members in the application and by e-mail (core/mail: queued with the transaction, sent by a job).
 */
import type { Kysely, Transaction } from 'kysely'
import { requireUser, type Actor } from '../../../core/access/actor.js'
import { lockForUpdate } from '../../../core/db/dialect.js'
import { newId, nowIso } from '../../../core/db/values.js'
import { AppError, notFound, validationError } from '../../../core/errors.js'
import type { Database } from '../../../database.js'
import { notify } from '../../notifications/index.js'
import { OPEN_NEED_STATUSES, REQUEST_EXPIRY_DAYS, sdgsOf } from '../listening.codes.js'
import { reindexNeeds } from '../listening.documents.js'
import { requestAnswered, requestReceived, threadMessage } from './connections.notifications.js'
import { effectiveStatus, findRequestRow } from './connections.queries.js'
import { askingOrganisation, authorizeAnswer, authorizeAsk, authorizeRequestView } from './connections.policy.js'

type Db = Kysely<Database>
type Trx = Transaction<Database> | Kysely<Database>

/** Stores `expiree` on unanswered requests past their expiry; returns how many changed. */
export async function sweepExpiredRequests(db: Db, now = nowIso()): Promise<number> {
  const result = await db.updateTable('contact_requests').set({ status: 'expiree' }).where('status', '=', 'proposee').where('expires_at', '<=', now).executeTakeFirst()
  return Number(result.numUpdatedRows)
}

/** The request of a pair that blocks a new one: pending (not expired), accepted, or declined. */
async function findBlockingRequest(db: Trx, needId: string, resourceId: string, now: string) {
  const rows = await db
    .selectFrom('contact_requests')
    .select(['id', 'status', 'expires_at'])
    .where('need_id', '=', needId)
    .where('resource_id', '=', resourceId)
    .where('status', 'in', ['proposee', 'acceptee', 'refusee'])
    .orderBy('created_at', 'desc')
    .execute()
  return rows.find((r) => effectiveStatus(r, now) !== 'expiree')
}

interface NewRequest {
  needId: string
  resourceId: string
  /** On whose behalf, when the actor belongs to both organisations; default: the need's side. */
  fromOrganisationId?: string
  message: string
}

/**
 * Sends a contact request. The sender acts for the need's or the resource's organisation (by default the
 * need's when the actor belongs to both) and writes to the other one. Errors: unknown need or resource 404; a
 * member of neither side 403; a chosen organisation the actor does not belong to 404 (acting for it), one
 * that is neither side 400; both sides the same organisation 400; a closed need or an unavailable resource
 * 409; a pending, accepted or declined request for the same pair 409 with a link to it (checked under a lock
 * on the need, so two concurrent requests cannot both pass). `publicUrl` is unused (links are relative; the
 * mail job makes them absolute) and kept for the callers.
 */
export async function createContactRequest(db: Db, actor: Actor, input: NewRequest, _publicUrl?: string): Promise<string> {
  const user = requireUser(actor)
  const [need, resource] = await Promise.all([
    db.selectFrom('needs').innerJoin('organisations', 'organisations.id', 'needs.organisation_id').select(['needs.id', 'needs.title', 'needs.status', 'needs.organisation_id', 'organisations.name as organisation_name']).where('needs.id', '=', input.needId).executeTakeFirst(),
    db
      .selectFrom('resources')
      .innerJoin('organisations', 'organisations.id', 'resources.organisation_id')
      .select(['resources.id', 'resources.title', 'resources.status', 'resources.organisation_id', 'organisations.name as organisation_name'])
      .where('resources.id', '=', input.resourceId)
      .executeTakeFirst(),
  ])
  if (!need || !resource) throw notFound()
  const sides = authorizeAsk(actor, { needOrganisationId: need.organisation_id, resourceOrganisationId: resource.organisation_id })
  const from = askingOrganisation(actor, sides, [need.organisation_id, resource.organisation_id], input.fromOrganisationId)
  const to = from === need.organisation_id ? resource.organisation_id : need.organisation_id
  if (from === to) throw validationError([{ field: 'resource_id', message: 'listening.error.ownOrganisation' }])
  if (!(OPEN_NEED_STATUSES as readonly string[]).includes(need.status) || resource.status !== 'disponible') {
    throw new AppError('ALLIANCE_ERR_CONFLICT', 'listening.error.notOpen')
  }
  const id = newId()
  const now = new Date()
  const fromName = from === need.organisation_id ? need.organisation_name : resource.organisation_name
  await db.transaction().execute(async (trx) => {
    await lockForUpdate(trx, trx.selectFrom('needs').select('id').where('id', '=', need.id)).execute()
    const existing = await findBlockingRequest(trx, need.id, resource.id, now.toISOString())
    if (existing) {
      throw new AppError('ALLIANCE_ERR_CONFLICT', existing.status === 'refusee' ? 'listening.error.declinedPair' : 'listening.error.duplicateRequest', {
        link: { href: `/mises-en-relation/${existing.id}`, label: 'listening.request.existing' },
      })
    }
    await trx
      .insertInto('contact_requests')
      .values({
        id,
        need_id: need.id,
        resource_id: resource.id,
        from_organisation_id: from,
        to_organisation_id: to,
        from_user_id: user.userId,
        message: input.message,
        status: 'proposee',
        created_at: now.toISOString(),
        expires_at: new Date(now.getTime() + REQUEST_EXPIRY_DAYS * 86400_000).toISOString(),
        answered_at: null,
        answered_by: null,
      })
      .execute()
    await notify(trx, requestReceived, { organisationId: to }, { params: { from: fromName, need: need.title, resource: resource.title, message: input.message, days: REQUEST_EXPIRY_DAYS }, link: `/mises-en-relation/${id}`, exceptUserId: user.userId })
  })
  return id
}

async function loadRequest(db: Trx, id: string) {
  const request = await findRequestRow(db, id)
  if (!request) throw notFound()
  return request
}

/**
 * Accepts or declines a request (members of the receiving organisation). Errors: outsiders 404, the sender's
 * side 403, a request already answered or expired 409 (the answer is written only if the request is still
 * pending, in the same transaction). Accepting moves an open need to "en discussion". `publicUrl` is unused
 * (see `createContactRequest`).
 */
export async function answerContactRequest(db: Db, actor: Actor, id: string, answer: 'acceptee' | 'refusee', _publicUrl?: string): Promise<void> {
  const user = requireUser(actor)
  const request = await loadRequest(db, id)
  authorizeAnswer(actor, request)
  const now = nowIso()
  if (effectiveStatus(request, now) !== 'proposee') throw new AppError('ALLIANCE_ERR_CONFLICT', 'listening.error.alreadyAnswered')
  const [to, need] = await Promise.all([
    db.selectFrom('organisations').select('name').where('id', '=', request.to_organisation_id).executeTakeFirstOrThrow(),
    db.selectFrom('needs').select('title').where('id', '=', request.need_id).executeTakeFirstOrThrow(),
  ])
  await db.transaction().execute(async (trx) => {
    const updated = await trx
      .updateTable('contact_requests')
      .set({ status: answer, answered_at: now, answered_by: user.userId })
      .where('id', '=', id)
      .where('status', '=', 'proposee')
      .where('expires_at', '>', now)
      .executeTakeFirst()
    if (Number(updated.numUpdatedRows) !== 1) throw new AppError('ALLIANCE_ERR_CONFLICT', 'listening.error.alreadyAnswered')
    if (answer === 'acceptee') {
      const opened = await trx.updateTable('needs').set({ status: 'en_discussion', updated_at: now }).where('id', '=', request.need_id).where('status', '=', 'ouvert').executeTakeFirst()
      if (Number(opened.numUpdatedRows) > 0) await reindexNeeds(trx, [request.need_id])
    }
    await notify(trx, requestAnswered, { organisationId: request.from_organisation_id }, { variant: answer === 'acceptee' ? 'accepted' : 'declined', params: { to: to.name, need: need.title }, link: `/mises-en-relation/${id}`, exceptUserId: user.userId })
  })
}

/** Adds a message to the thread of an accepted request (members of either side; others 404; not accepted 409). */
export async function postContactMessage(db: Db, actor: Actor, id: string, body: string): Promise<void> {
  const user = requireUser(actor)
  const request = await loadRequest(db, id)
  const scope = authorizeRequestView(actor, request)
  if (request.status !== 'acceptee') throw new AppError('ALLIANCE_ERR_CONFLICT', 'listening.error.threadClosed')
  const other = scope.side === 'to' ? request.from_organisation_id : request.to_organisation_id
  const author = (await db.selectFrom('organisations').select('name').where('id', '=', scope.organisationId).executeTakeFirstOrThrow()).name
  await db.transaction().execute(async (trx) => {
    await trx.insertInto('contact_messages').values({ id: newId(), request_id: id, organisation_id: scope.organisationId, user_id: user.userId, body, created_at: nowIso() }).execute()
    await notify(trx, threadMessage, { organisationId: other }, { params: { from: author }, link: `/mises-en-relation/${id}`, exceptUserId: user.userId })
  })
}

/** What an alliance born from an accepted mise en relation starts with (see alliances' creation form). */
export interface AllianceSeed {
  requestId: string
  /** the organisation of the person starting the alliance (its coordinator) and the other one */
  ownOrganisationId: string
  otherOrganisationId: string
  need: { title: string; description: string; territory: { kind: string; code: string }; sdgs: number[]; lever: string | null }
}

/**
 * The seed of an alliance from a contact request: only a member of one of its two organisations may read it
 * (others get 404), and only once the request is accepted (409 before: consent comes first).
 */
export async function allianceSeedFromContact(db: Db, actor: Actor, requestId: string): Promise<AllianceSeed> {
  requireUser(actor)
  const request = await db.selectFrom('contact_requests').selectAll().where('id', '=', requestId).executeTakeFirst()
  if (!request) throw notFound()
  const scope = authorizeRequestView(actor, request)
  if (effectiveStatus(request, nowIso()) !== 'acceptee') {
    throw new AppError('ALLIANCE_ERR_CONFLICT', 'listening.alliance.notAccepted')
  }
  const need = await db
    .selectFrom('needs')
    .innerJoin('territories', 'territories.id', 'needs.territory_id')
    .select(['needs.title', 'needs.description', 'needs.sdg_mask', 'needs.lever', 'territories.kind', 'territories.code'])
    .where('needs.id', '=', request.need_id)
    .executeTakeFirstOrThrow()
  const own = scope.organisationId
  return {
    requestId: request.id,
    ownOrganisationId: own,
    otherOrganisationId: own === request.from_organisation_id ? request.to_organisation_id : request.from_organisation_id,
    need: {
      title: need.title,
      description: need.description,
      territory: { kind: need.kind, code: need.code },
      sdgs: sdgsOf(need.sdg_mask),
      lever: need.lever,
    },
  }
}
