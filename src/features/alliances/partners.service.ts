/**
 * Use cases of an alliance's partners: invite an organisation, answer an invitation, change a role, state what
 * a partner brings and expects, leave (dated, history kept). Arrivals and departures are written in the journal
 * in the same transaction.
 *
 * "At least one active coordinator" is an invariant of every alliance: a role change and a departure check it
 * inside their transaction, after locking the alliance's row (PostgreSQL `FOR UPDATE`; a SQLite write
 * transaction serialises by itself), so two coordinators stepping back at the same instant cannot leave the
 * alliance without one.
 */
import type { Kysely, Transaction } from 'kysely'
import { requireUser, type Actor } from '../../core/access/actor.js'
import { lockForUpdate } from '../../core/db/dialect.js'
import { newId, nowIso } from '../../core/db/values.js'
import { AppError, notFound, validationError, type FieldProblem } from '../../core/errors.js'
import { parisToday } from '../../core/time/calendar.js'
import type { Database } from '../../database.js'
import { notify } from '../notifications/index.js'
import { findOrganisation } from '../organisations/index.js'
import { loadAllianceAccess } from './alliances.access.js'
import { allianceInvited, invitationAnswered } from './alliances.notifications.js'
import { authorizeCoordinate, authorizePartnerRow, authorizeView, type AllianceAccess } from './alliances.policy.js'
import { countActiveCoordinators, findPartner, findPartnerByOrganisation, type AllianceScope, type Partner } from './alliances.queries.js'
import { dateProblem, guarded, known } from './alliances.rules.js'
import type { ObjectiveDirection } from './alliances.table.js'
import { writeDirectoryRow } from './directory.service.js'
import { SYSTEM_EVENT_KEYS, writeJournal } from './journal.service.js'

type Db = Kysely<Database>
type Trx = Transaction<Database>

function alreadyPartner(status: string): AppError {
  const key = status === 'invited' ? 'alliances.error.alreadyInvited' : 'alliances.error.alreadyPartner'
  return new AppError('ALLIANCE_ERR_ALREADY_PARTNER', key, { fields: [{ field: 'organisation_id', message: key }] })
}

/**
 * Invites `organisationId` inside the caller's transaction (a new row, or the row of an organisation that left
 * or declined, whose earlier history stays in the journal) and tells its admins. Returns the partner id.
 */
export async function insertInvitation(trx: Trx, alliance: { id: string; name: string }, organisationId: string, role: string, actor: Actor & { userId: string }): Promise<string> {
  const now = nowIso()
  const existing = await trx.selectFrom('alliance_partners').select(['id', 'status']).where('alliance_id', '=', alliance.id).where('organisation_id', '=', organisationId).executeTakeFirst()
  if (existing && (existing.status === 'active' || existing.status === 'invited')) throw alreadyPartner(existing.status)
  const invitation = { role, status: 'invited' as const, invited_by: actor.userId, invited_at: now, responded_by: null, joined_on: null, left_on: null, left_reason: '', updated_at: now }
  let partnerId: string
  if (existing) {
    partnerId = existing.id
    await trx.updateTable('alliance_partners').set(invitation).where('id', '=', existing.id).execute()
  } else {
    partnerId = newId()
    await trx
      .insertInto('alliance_partners')
      .values({ id: partnerId, alliance_id: alliance.id, organisation_id: organisationId, brings: '', expects: '', ...invitation })
      .execute()
  }
  const organisation = await trx.selectFrom('organisations').select('name').where('id', '=', organisationId).executeTakeFirstOrThrow()
  // The invited organisation's admins answer from "Mon espace" (one button), or from the alliance's page.
  await notify(trx, allianceInvited, { organisationId }, { params: { inviter: actor.displayName, organisation: organisation.name, alliance: alliance.name }, link: '/mon-espace', exceptUserId: actor.userId })
  return partnerId
}

/**
 * The partner row of the URL when the actor may act on it: 401 signed out; 404 when the alliance is hidden or
 * has no such partner; 403 when the row is not of one of the actor's organisations (admin when `admin`) or its
 * status is not one of `statuses`.
 */
export async function authorizePartnerOfUrl(db: Db, actor: Actor, access: AllianceAccess, partnerId: string, options: { admin: boolean; statuses: Partner['status'][] }): Promise<{ scope: AllianceScope; partner: Partner }> {
  requireUser(actor)
  const scope = authorizeView(actor, access)
  const partner = await findPartner(db, scope, partnerId)
  if (!partner) throw notFound()
  authorizePartnerRow(actor, access, partner, options)
  return { scope, partner }
}

/**
 * Invites an organisation (coordinators' admins only). Its admins get a message and answer from "Mon espace" or
 * the alliance page. Inviting an organisation already invited or active is a 409 that says which; one that left
 * or declined may be invited again. Returns the partner id.
 */
export async function invitePartner(db: Db, actor: Actor, allianceId: string, input: { organisationId: string; role: string }): Promise<string> {
  const access = await loadAllianceAccess(db, actor, allianceId)
  const scope = authorizeCoordinate(actor, access)
  const user = requireUser(actor)
  const problems: FieldProblem[] = []
  const organisation = await findOrganisation(db, input.organisationId)
  if (!organisation) problems.push({ field: 'organisation_id', message: 'alliances.error.organisation' })
  if (!known('partner_role', input.role)) problems.push({ field: 'role', message: 'alliances.error.role' })
  if (problems.length > 0) throw validationError(problems)
  const existing = await findPartnerByOrganisation(db, scope, input.organisationId)
  if (existing && (existing.status === 'active' || existing.status === 'invited')) throw alreadyPartner(existing.status)
  return guarded(
    () => db.transaction().execute((trx) => insertInvitation(trx, access.alliance, input.organisationId, input.role, user)),
    () => alreadyPartner('invited'),
  )
}

/**
 * Accepts or declines an invitation, for the invited organisation (its admins only). Accepting makes it an
 * active partner from today, written in the journal; the coordinators are told either way. Answering twice is
 * a 409.
 */
export async function answerInvitation(db: Db, actor: Actor, allianceId: string, partnerId: string, accept: boolean): Promise<void> {
  const access = await loadAllianceAccess(db, actor, allianceId)
  const { scope, partner: invited } = await authorizePartnerOfUrl(db, actor, access, partnerId, { admin: true, statuses: ['invited', 'active', 'declined', 'left'] })
  if (invited.status !== 'invited') throw new AppError('ALLIANCE_ERR_CONFLICT', 'alliances.error.notInvited')
  const user = requireUser(actor)
  const today = parisToday()
  await db.transaction().execute(async (trx) => {
    const updated = await trx
      .updateTable('alliance_partners')
      .set({ status: accept ? 'active' : 'declined', responded_by: user.userId, joined_on: accept ? today : null, updated_at: nowIso() })
      .where('id', '=', partnerId)
      .where('alliance_id', '=', scope.allianceId)
      .where('status', '=', 'invited')
      .executeTakeFirst()
    if (Number(updated.numUpdatedRows) !== 1) throw new AppError('ALLIANCE_ERR_CONFLICT', 'alliances.error.notInvited')
    if (accept) {
      await writeDirectoryRow(trx, allianceId)
      await writeJournal(trx, { allianceId, organisationId: invited.organisation_id, kind: 'jalon', on: today, title: { key: SYSTEM_EVENT_KEYS.partner_joined }, event: 'partner_joined', authorId: user.userId })
    }
    const organisation = await findOrganisation(trx, invited.organisation_id)
    const coordinators = await trx.selectFrom('alliance_partners').select('organisation_id').where('alliance_id', '=', scope.allianceId).where('status', '=', 'active').where('role', '=', 'coordinateur').execute()
    for (const c of coordinators) {
      await notify(trx, invitationAnswered, { organisationId: c.organisation_id }, { variant: accept ? 'accepted' : 'declined', params: { organisation: organisation?.name ?? '', alliance: access.alliance.name }, link: `/alliances/${allianceId}`, exceptUserId: user.userId })
    }
  })
}

/** Locks the alliance's row until the transaction ends (PostgreSQL), so that checks of its partners hold. */
async function lockAlliance(trx: Trx, allianceId: string): Promise<void> {
  const row = await lockForUpdate(trx, trx.selectFrom('alliances').select('id').where('id', '=', allianceId)).executeTakeFirst()
  if (!row) throw notFound()
}

/** 409 when `partner` is the alliance's last active coordinator (read inside the locked transaction). */
async function guardLastCoordinator(trx: Trx, scope: AllianceScope, partner: Partner): Promise<void> {
  if (partner.status === 'active' && partner.role === 'coordinateur' && (await countActiveCoordinators(trx, scope)) <= 1) {
    throw new AppError('ALLIANCE_ERR_LAST_COORDINATOR', 'alliances.error.lastCoordinator')
  }
}

/**
 * Changes a partner's role (coordinators' admins only); the last coordinator keeps the role (409). The actor's
 * right and the invariant are checked again under the alliance's lock: of two coordinators demoting each other
 * at once, one succeeds and the other is refused.
 */
export async function changePartnerRole(db: Db, actor: Actor, allianceId: string, partnerId: string, role: string): Promise<void> {
  const access = await loadAllianceAccess(db, actor, allianceId)
  const scope = authorizeCoordinate(actor, access)
  if (!known('partner_role', role)) throw validationError([{ field: 'role', message: 'alliances.error.role' }])
  await db.transaction().execute(async (trx) => {
    await lockAlliance(trx, allianceId)
    authorizeCoordinate(actor, await loadAllianceAccess(trx, actor, allianceId))
    const partner = await findPartner(trx, scope, partnerId)
    if (!partner) throw notFound()
    if (role !== 'coordinateur') await guardLastCoordinator(trx, scope, partner)
    await trx.updateTable('alliance_partners').set({ role, updated_at: nowIso() }).where('id', '=', partnerId).where('alliance_id', '=', scope.allianceId).execute()
  })
}

export interface PartnerStatement {
  brings: string
  expects: string
  bringsObjectives: string[]
  expectsObjectives: string[]
}

/** A partner states what it brings and what it expects on the four objectives (its admins only, active or invited). */
export async function updatePartnerStatement(db: Db, actor: Actor, allianceId: string, partnerId: string, input: PartnerStatement): Promise<void> {
  const access = await loadAllianceAccess(db, actor, allianceId)
  await authorizePartnerOfUrl(db, actor, access, partnerId, { admin: true, statuses: ['active', 'invited'] })
  const problems: FieldProblem[] = []
  if (input.bringsObjectives.some((o) => !known('partnership_objective', o))) problems.push({ field: 'brings_objectives', message: 'alliances.error.objective' })
  if (input.expectsObjectives.some((o) => !known('partnership_objective', o))) problems.push({ field: 'expects_objectives', message: 'alliances.error.objective' })
  if (problems.length > 0) throw validationError(problems)
  await db.transaction().execute(async (trx) => {
    await trx.updateTable('alliance_partners').set({ brings: input.brings.trim(), expects: input.expects.trim(), updated_at: nowIso() }).where('id', '=', partnerId).execute()
    await trx.deleteFrom('alliance_partner_objectives').where('partner_id', '=', partnerId).execute()
    const rows = [
      ...[...new Set(input.bringsObjectives)].map((objective) => ({ partner_id: partnerId, direction: 'brings' as ObjectiveDirection, objective })),
      ...[...new Set(input.expectsObjectives)].map((objective) => ({ partner_id: partnerId, direction: 'expects' as ObjectiveDirection, objective })),
    ]
    if (rows.length > 0) await trx.insertInto('alliance_partner_objectives').values(rows).execute()
  })
}

/**
 * The organisation leaves the alliance on a given day (its admins only): not in the future, not before it
 * joined. Its contributions, signatures and journal entries stay. The last coordinator cannot leave (409: another
 * partner takes the role first), checked under the alliance's lock; leaving twice at once is a 409 too.
 */
export async function leaveAlliance(db: Db, actor: Actor, allianceId: string, partnerId: string, input: { leftOn: string; reason?: string }): Promise<void> {
  const access = await loadAllianceAccess(db, actor, allianceId)
  const { scope, partner } = await authorizePartnerOfUrl(db, actor, access, partnerId, { admin: true, statuses: ['active'] })
  const floor = partner.joined_on ?? access.alliance.started_on
  const day = dateProblem('left_on', input.leftOn, { required: true, notFuture: true, notBefore: { date: floor, message: 'alliances.error.leftBefore' } })
  if (day) throw validationError([day])
  const user = requireUser(actor)
  const reason = (input.reason ?? '').trim()
  await db.transaction().execute(async (trx) => {
    await lockAlliance(trx, allianceId)
    const current = await findPartner(trx, scope, partnerId)
    if (current?.status !== 'active') throw new AppError('ALLIANCE_ERR_CONFLICT', 'alliances.error.partnerNotActive')
    await guardLastCoordinator(trx, scope, current)
    await trx.updateTable('alliance_partners').set({ status: 'left', left_on: input.leftOn, left_reason: reason, updated_at: nowIso() }).where('id', '=', partnerId).execute()
    await writeDirectoryRow(trx, allianceId)
    await writeJournal(trx, { allianceId, organisationId: partner.organisation_id, kind: 'jalon', on: input.leftOn, title: { key: SYSTEM_EVENT_KEYS.partner_left }, body: reason, event: 'partner_left', authorId: user.userId })
  })
}
