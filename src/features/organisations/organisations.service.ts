/**
 * Use cases of organisations (actors) and of the people who act on their behalf: create, edit, invite,
 * accept an invitation, change a role, remove a member. Each use case authorises, validates and writes in one
 * transaction; pages and the JSON API both call these functions.
 */
import { randomBytes } from 'node:crypto'
import type { Kysely, Transaction } from 'kysely'
import { requireUser, type Actor, type MembershipRole } from '../../core/access/actor.js'
import { isUniqueViolation } from '../../core/db/dialect.js'
import { newId, nowIso } from '../../core/db/values.js'
import { AppError, notFound, validationError, type FieldProblem } from '../../core/errors.js'
import { sha256 } from '../../core/hash.js'
import { queueMail } from '../../core/mail/outbox.js'
import { normaliseText } from '../../core/text/normalise.js'
import type { Database } from '../../database.js'
import { listTerritoriesByIds } from '../territories/index.js'
import { openIdentifierClaims, type PendingClaim } from './identifier-review.service.js'
import { compactIdentifier, isValidRna, isValidSiren, isValidSiret } from './identifiers.js'
import {
  countAdmins,
  findMembership,
  findOrganisation,
  findOrganisationByIdentifier,
  isInvitationOpen,
  unsafeFindOpenInvitation,
  writeOrganisation,
  type OrganisationScope,
} from './organisations.queries.js'
import { authorizeAdmin } from './organisations.policy.js'
import { ASSOCIATION_SIZES, COMPANY_SIZES, type OrganisationData } from './organisations.schemas.js'

type Db = Kysely<Database>

/** How long an invitation stays valid. */
export const INVITATION_DAYS = 14

/**
 * Normalises identifiers and checks every rule that a schema cannot express. Throws a 400 listing every
 * field problem. A SIRET or RNA another organisation holds is left out of the data and returned as a claim
 * to review (identifier-review.ts) instead of locking the organisation out.
 */
async function validate(db: Db, data: OrganisationData, selfId: string | null): Promise<{ data: OrganisationData; claims: PendingClaim[] }> {
  const problems: FieldProblem[] = []
  const siret = data.siret ? compactIdentifier(data.siret) : null
  let siren = data.siren ? compactIdentifier(data.siren) : null
  const rna = data.rna ? compactIdentifier(data.rna) : null
  if (siret !== null && !isValidSiret(siret)) problems.push({ field: 'siret', message: 'organisations.error.siret' })
  if (siren !== null && !isValidSiren(siren)) problems.push({ field: 'siren', message: 'organisations.error.siren' })
  if (siret !== null && siren !== null && isValidSiret(siret) && siret.slice(0, 9) !== siren) {
    problems.push({ field: 'siren', message: 'organisations.error.sirenMismatch' })
  }
  if (siret !== null && siren === null && isValidSiret(siret)) siren = siret.slice(0, 9)
  if (rna !== null) {
    if (!isValidRna(rna)) problems.push({ field: 'rna', message: 'organisations.error.rna' })
    else if (data.world !== 'association') problems.push({ field: 'rna', message: 'organisations.error.rnaWorld' })
  }
  if (data.sizeBand !== null) {
    const allowed = data.world === 'entreprise' ? COMPANY_SIZES : data.world === 'association' ? ASSOCIATION_SIZES : []
    if (!allowed.includes(data.sizeBand)) problems.push({ field: 'size_band', message: 'organisations.error.sizeBandWorld' })
  }
  let website = data.website
  if (website !== null) {
    if (!/^[a-z]+:\/\//i.test(website)) website = `https://${website}`
    try {
      const url = new URL(website)
      if (url.protocol !== 'https:' || !url.hostname.includes('.')) throw new Error('not https')
      website = url.toString()
    } catch {
      problems.push({ field: 'website', message: 'organisations.error.website' })
    }
  }
  const territories = await listTerritoriesByIds(db, [data.seatCommuneId, ...data.perimeterIds])
  const seat = territories.find((t) => t.id === data.seatCommuneId)
  if (seat?.kind !== 'commune') problems.push({ field: 'seat', message: 'organisations.error.seat' })
  const perimeterIds = [...new Set(data.perimeterIds)]
  if (perimeterIds.length === 0) problems.push({ field: 'perimeter_levels', message: 'organisations.error.perimeterRequired' })
  else if (perimeterIds.some((id) => !territories.some((t) => t.id === id))) {
    problems.push({ field: 'perimeter_other', message: 'organisations.error.perimeterUnknown' })
  }
  if (problems.length > 0) throw validationError(problems)

  const claims: PendingClaim[] = []
  const held = { siret, rna }
  for (const [field, value] of [
    ['siret', siret],
    ['rna', rna],
  ] as const) {
    if (value === null) continue
    const existing = await findOrganisationByIdentifier(db, field, value)
    if (existing && existing.id !== selfId) {
      claims.push({ field, value, holderId: existing.id })
      held[field] = null
    }
  }
  return { data: { ...data, siret: held.siret, siren, rna: held.rna, website, perimeterIds, sdgs: [...new Set(data.sdgs)].sort((a, b) => a - b) }, claims }
}

function rowOf(data: OrganisationData, id: string, now: string, createdBy: string | null) {
  return {
    id,
    world: data.world,
    name: data.name,
    search_name: normaliseText(data.name),
    siren: data.siren,
    siret: data.siret,
    rna: data.rna,
    seat_commune_id: data.seatCommuneId,
    size_band: data.sizeBand,
    description: data.description,
    website: data.website,
    contact_email: data.contactEmail ? data.contactEmail.toLowerCase() : null,
    contact_phone: data.contactPhone,
    is_demo: 0,
    created_by: createdBy,
    created_at: now,
    updated_at: now,
  }
}

async function writeGuarded(work: () => Promise<void>): Promise<void> {
  try {
    await work()
  } catch (error) {
    // A concurrent registration of the same SIRET/RNA passed the pre-check: answer like the pre-check would.
    if (isUniqueViolation(error)) {
      throw new AppError('ALLIANCE_ERR_CONFLICT', 'organisations.error.duplicate.race', { cause: error })
    }
    throw error
  }
}

/** Registers an organisation; its creator becomes its first admin. Returns the new id. */
export async function createOrganisation(db: Db, actor: Actor, input: OrganisationData): Promise<string> {
  const user = requireUser(actor)
  const { data, claims } = await validate(db, input, null)
  const id = newId()
  const now = nowIso()
  await writeGuarded(() =>
    db.transaction().execute(async (trx) => {
      await writeOrganisation(trx, rowOf(data, id, now, user.userId), data.perimeterIds, data.sdgs, true)
      await trx.insertInto('memberships').values({ user_id: user.userId, organisation_id: id, role: 'admin', created_at: now }).execute()
      await openIdentifierClaims(trx, id, claims, user.userId)
    }),
  )
  return id
}

/** Edits an organisation's profile (admins only). */
export async function updateOrganisation(db: Db, actor: Actor, id: string, input: OrganisationData): Promise<void> {
  authorizeAdmin(actor, id)
  const existing = await findOrganisation(db, id)
  if (!existing) throw notFound()
  const { data, claims } = await validate(db, input, id)
  const row = { ...rowOf(data, id, nowIso(), existing.created_by), created_at: existing.created_at, is_demo: existing.is_demo }
  await writeGuarded(() =>
    db.transaction().execute(async (trx) => {
      await writeOrganisation(trx, row, data.perimeterIds, data.sdgs, false)
      await openIdentifierClaims(trx, id, claims, actor.userId)
    }),
  )
}

export interface InvitationIssued {
  invitationId: string
  /** The link to accept (absolute, for the e-mail); shown once to the admin, who may pass it on. */
  link: string
}

/**
 * Invites someone by e-mail (admins only). The token is random (256 bits) and only its hash is stored; the
 * message is queued (core/mail) with the transaction. Inviting the same e-mail again replaces the pending invitation.
 * Edge case: an e-mail that already belongs to a member is a 409.
 */
export async function inviteMember(
  db: Db,
  actor: Actor,
  organisationId: string,
  input: { email: string; role: MembershipRole },
  publicUrl: string,
): Promise<InvitationIssued> {
  const scope = authorizeAdmin(actor, organisationId)
  const organisation = await findOrganisation(db, organisationId)
  if (!organisation) throw notFound()
  const email = input.email.toLowerCase()
  const token = randomBytes(32).toString('base64url')
  const invitationId = newId()
  const now = new Date()
  const link = `${publicUrl}/invitations/${token}`
  await db.transaction().execute(async (trx) => {
    // Checked with the write, so that someone joining meanwhile is not invited again.
    const member = await trx
      .selectFrom('memberships')
      .innerJoin('users', 'users.id', 'memberships.user_id')
      .select('users.id')
      .where('memberships.organisation_id', '=', scope.organisationId)
      .where('users.email', '=', email)
      .executeTakeFirst()
    if (member) {
      throw new AppError('ALLIANCE_ERR_CONFLICT', 'organisations.error.alreadyMember', {
        fields: [{ field: 'email', message: 'organisations.error.alreadyMember' }],
      })
    }
    await trx
      .updateTable('invitations')
      .set({ revoked_at: now.toISOString() })
      .where('organisation_id', '=', scope.organisationId)
      .where('email', '=', email)
      .where('accepted_at', 'is', null)
      .where('revoked_at', 'is', null)
      .execute()
    await trx
      .insertInto('invitations')
      .values({
        id: invitationId,
        organisation_id: scope.organisationId,
        email,
        role: input.role,
        token_hash: sha256(token),
        invited_by: actor.userId,
        created_at: now.toISOString(),
        expires_at: new Date(now.getTime() + INVITATION_DAYS * 86400_000).toISOString(),
        accepted_at: null,
        accepted_by: null,
        revoked_at: null,
      })
      .execute()
    const account = await trx.selectFrom('users').select(['id', 'locale']).where('email', '=', email).executeTakeFirst()
    await queueMail(trx, {
      to: email,
      userId: account?.id ?? null,
      locale: account?.locale === 'en' ? 'en' : 'fr',
      template: input.role === 'admin' ? 'organisations.mail.inviteAdmin' : 'organisations.mail.inviteMember',
      params: { inviter: actor.displayName, organisation: organisation.name, days: INVITATION_DAYS, link },
    })
  })
  return { invitationId, link }
}

/**
 * Accepts an invitation for the signed-in person, whose account e-mail must be the invited one.
 * Returns the organisation id. Expired, revoked or used invitations answer 410.
 */
export async function acceptInvitation(db: Db, actor: Actor, token: string): Promise<string> {
  const user = requireUser(actor)
  const invitation = await unsafeFindOpenInvitation(db, token)
  if (!invitation || !isInvitationOpen(invitation, nowIso())) {
    throw new AppError('ALLIANCE_ERR_INVITATION_INVALID', 'organisations.invitation.invalid')
  }
  if (invitation.email !== user.email.toLowerCase()) {
    throw new AppError('ALLIANCE_ERR_FORBIDDEN', 'organisations.invitation.otherEmail', { params: { email: invitation.email } })
  }
  const now = nowIso()
  await db.transaction().execute(async (trx) => {
    const updated = await trx
      .updateTable('invitations')
      .set({ accepted_at: now, accepted_by: user.userId })
      .where('id', '=', invitation.id)
      .where('accepted_at', 'is', null)
      .executeTakeFirst()
    if (Number(updated.numUpdatedRows) !== 1) throw new AppError('ALLIANCE_ERR_INVITATION_INVALID', 'organisations.invitation.invalid')
    await trx
      .insertInto('memberships')
      .values({ user_id: user.userId, organisation_id: invitation.organisation_id, role: invitation.role, created_at: now })
      .onConflict((oc) => oc.columns(['user_id', 'organisation_id']).doNothing())
      .execute()
  })
  return invitation.organisation_id
}

/** Withdraws a pending invitation (admins only). */
export async function revokeInvitation(db: Db, actor: Actor, organisationId: string, invitationId: string): Promise<void> {
  const scope = authorizeAdmin(actor, organisationId)
  const result = await db
    .updateTable('invitations')
    .set({ revoked_at: nowIso() })
    .where('id', '=', invitationId)
    .where('organisation_id', '=', scope.organisationId)
    .where('accepted_at', 'is', null)
    .where('revoked_at', 'is', null)
    .executeTakeFirst()
  if (Number(result.numUpdatedRows) !== 1) throw notFound()
}

async function guardLastAdmin(trx: Transaction<Database>, scope: OrganisationScope, userId: string): Promise<void> {
  const membership = await findMembership(trx, scope, userId)
  if (!membership) throw notFound()
  if (membership.role === 'admin' && (await countAdmins(trx, scope)) <= 1) {
    throw new AppError('ALLIANCE_ERR_LAST_ADMIN', 'organisations.error.lastAdmin')
  }
}

/** Changes a member's role (admins only); the last admin cannot be demoted. */
export async function changeMemberRole(db: Db, actor: Actor, organisationId: string, userId: string, role: MembershipRole): Promise<void> {
  const scope = authorizeAdmin(actor, organisationId)
  // Check and change in one transaction, so two admins demoting each other cannot both succeed.
  await db.transaction().execute(async (trx) => {
    if (role === 'member') await guardLastAdmin(trx, scope, userId)
    const result = await trx
      .updateTable('memberships')
      .set({ role })
      .where('organisation_id', '=', scope.organisationId)
      .where('user_id', '=', userId)
      .executeTakeFirst()
    if (Number(result.numUpdatedRows) !== 1) throw notFound()
  })
}

/** Removes a member (admins only); the last admin cannot be removed. */
export async function removeMember(db: Db, actor: Actor, organisationId: string, userId: string): Promise<void> {
  const scope = authorizeAdmin(actor, organisationId)
  await db.transaction().execute(async (trx) => {
    await guardLastAdmin(trx, scope, userId)
    await trx.deleteFrom('memberships').where('organisation_id', '=', scope.organisationId).where('user_id', '=', userId).execute()
  })
}
