/**
 * Who may do what with an alliance.
 *
 * - Everyone sees a public alliance; a partners-only alliance is seen by the members (any role) of its
 *   active and invited partner organisations, and answers 404 to everyone else (pages, lists, API).
 * - Only the admins of an active coordinator organisation change the alliance (phase, visibility,
 *   perimeter…), invite partners, change roles and edit the charter.
 * - An organisation's admins answer its invitation, state what it brings and expects, sign the charter for
 *   it and make it leave.
 * - Members of an active partner write the journal and record their own organisation's contributions;
 *   nobody edits another partner's contributions.
 * Someone who may see the alliance but not do this gets 403; someone who may not see it, 404; signed out,
 * 401. Acting for an organisation named in the input that is not one of the actor's answers 404 (checked after
 * the input is valid). Platform admins have no implicit right inside alliances (like inside organisations).
 */
import { isAdminOf, isMemberOf, requireUser, type Actor } from '../../core/access/actor.js'
import { AppError, notFound } from '../../core/errors.js'
import type { Alliance, AllianceReadScope, AllianceScope, Partner } from './alliances.queries.js'
import type { MessageKey } from '../../core/i18n/index.js'

/** What the policy knows about one alliance and the actor: the row and the actor's organisations' partner rows. */
export interface AllianceAccess {
  alliance: Alliance
  /** partner rows (any status) of the actor's organisations */
  own: Partner[]
}

function scopeOf(allianceId: string): AllianceScope {
  return { allianceId } as AllianceScope
}

/** The lists' scope: the actor's organisations (none when signed out). */
export function readScopeOf(actor: Actor): AllianceReadScope {
  return { organisationIds: [...actor.memberships.keys()] } as unknown as AllianceReadScope
}

const seeing = (p: Partner) => p.status === 'active' || p.status === 'invited'

/** True when the actor may see the alliance. */
export function canView(actor: Actor, access: AllianceAccess): boolean {
  if (access.alliance.visibility === 'public') return true
  return access.own.some((p) => seeing(p) && isMemberOf(actor, p.organisation_id))
}

/** The alliance's scope when the actor may see it; 404 otherwise (also for signed-out visitors). */
export function authorizeView(actor: Actor, access: AllianceAccess): AllianceScope {
  if (!canView(actor, access)) throw notFound()
  return scopeOf(access.alliance.id)
}

function forbidden(key: MessageKey): AppError {
  return new AppError('ALLIANCE_ERR_FORBIDDEN', key)
}

/** Sees the alliance and is signed in (401 first, then 404). */
function viewing(actor: Actor, access: AllianceAccess): AllianceScope {
  requireUser(actor)
  return authorizeView(actor, access)
}

/** True when the actor administers an active coordinator of the alliance. */
export function isCoordinatorAdmin(actor: Actor, access: AllianceAccess): boolean {
  return access.own.some((p) => p.status === 'active' && p.role === 'coordinateur' && isAdminOf(actor, p.organisation_id))
}

/** Only the coordinators' admins: 403 for others who see the alliance, 404 for the rest. */
export function authorizeCoordinate(actor: Actor, access: AllianceAccess): AllianceScope {
  const scope = viewing(actor, access)
  if (!isCoordinatorAdmin(actor, access)) throw forbidden('alliances.error.coordinatorOnly')
  return scope
}

/**
 * Acting for an organisation named in the input (the coordinator of a new alliance, the proposing side of a
 * partnership): 404 when the actor is not one of its members — whether it exists and who belongs to it are not
 * theirs to learn —, 403 when they are a member without the admin role `admin` asks for.
 */
export function authorizeActingFor(actor: Actor, organisationId: string, options: { admin: boolean }): void {
  requireUser(actor)
  if (!isMemberOf(actor, organisationId)) throw notFound()
  if (options.admin && !isAdminOf(actor, organisationId)) throw forbidden('alliances.error.partnerAdminOnly')
}

/**
 * Acting for a partner organisation named in the input (a contribution, a journal entry, a signature): first
 * `authorizeActingFor` (404 when not one of the actor's organisations, 403 without the admin role when `admin`),
 * then the organisation must be a partner of the alliance with one of `statuses` (default: active), else 403.
 */
export function authorizePartnerAct(
  actor: Actor,
  access: AllianceAccess,
  organisationId: string,
  options: { admin: boolean; statuses?: Partner['status'][] },
): { scope: AllianceScope; partner: Partner } {
  const scope = viewing(actor, access)
  authorizeActingFor(actor, organisationId, { admin: options.admin })
  const statuses = options.statuses ?? ['active']
  const partner = access.own.find((p) => p.organisation_id === organisationId && statuses.includes(p.status))
  if (!partner) throw forbidden(options.admin ? 'alliances.error.partnerAdminOnly' : 'alliances.error.partnerOnly')
  return { scope, partner }
}

/**
 * Acting on the partner row of the URL (answering its invitation, stating what it brings, leaving): the row
 * belongs to the alliance (the caller loaded it); the actor must belong to its organisation (as an admin when
 * `admin`) and the row must have one of `statuses` — else 403, since whoever sees the alliance sees its partners.
 */
export function authorizePartnerRow(actor: Actor, access: AllianceAccess, partner: Partner, options: { admin: boolean; statuses: Partner['status'][] }): AllianceScope {
  const scope = viewing(actor, access)
  const own = options.admin ? isAdminOf(actor, partner.organisation_id) : isMemberOf(actor, partner.organisation_id)
  if (!own || !options.statuses.includes(partner.status)) throw forbidden(options.admin ? 'alliances.error.partnerAdminOnly' : 'alliances.error.partnerOnly')
  return scope
}

/**
 * Correcting a record of the alliance (a contribution, a journal entry) of the organisation that wrote it: its
 * members only, while it is a partner or since it left (its history stays its own) — 403 for everyone else who
 * sees the alliance.
 */
export function authorizeOwnRecord(actor: Actor, access: AllianceAccess, organisationId: string): AllianceScope {
  const scope = viewing(actor, access)
  if (!ownRecordOrganisations(actor, access).has(organisationId)) throw forbidden('alliances.error.partnerOnly')
  return scope
}

/** The organisations whose records the actor may correct (see `authorizeOwnRecord`): the pages' edit links. */
export function ownRecordOrganisations(actor: Actor, access: AllianceAccess): Set<string> {
  return new Set(access.own.filter((p) => (p.status === 'active' || p.status === 'left') && isMemberOf(actor, p.organisation_id)).map((p) => p.organisation_id))
}

/** Writing the journal or recording contributions: member of at least one active partner. */
export function authorizeContribute(actor: Actor, access: AllianceAccess): AllianceScope {
  const scope = viewing(actor, access)
  if (!access.own.some((p) => p.status === 'active' && isMemberOf(actor, p.organisation_id))) throw forbidden('alliances.error.partnerOnly')
  return scope
}

/** Signing or speaking for a partner: admin of at least one active partner (which one is checked later). */
export function authorizeAnyPartnerAdmin(actor: Actor, access: AllianceAccess): AllianceScope {
  const scope = viewing(actor, access)
  if (!access.own.some((p) => p.status === 'active' && isAdminOf(actor, p.organisation_id))) throw forbidden('alliances.error.partnerAdminOnly')
  return scope
}

/** The actor's active partner organisations (for the "on behalf of" choice of forms). */
export function actingOrganisations(actor: Actor, access: AllianceAccess, options: { admin: boolean }): string[] {
  return access.own
    .filter((p) => p.status === 'active' && (options.admin ? isAdminOf(actor, p.organisation_id) : isMemberOf(actor, p.organisation_id)))
    .map((p) => p.organisation_id)
}

/** The `can` flags of the alliance pages (UX only; the services check again). */
export function allianceCan(actor: Actor, access: AllianceAccess) {
  const coordinate = isCoordinatorAdmin(actor, access)
  const contribute = access.own.some((p) => p.status === 'active' && isMemberOf(actor, p.organisation_id))
  return {
    coordinate,
    contribute,
    /** organisations the actor may sign for, or answer the invitation of, or speak for */
    adminOf: access.own.filter((p) => isAdminOf(actor, p.organisation_id)),
    memberOf: access.own.filter((p) => isMemberOf(actor, p.organisation_id)),
  }
}

