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
 * 401. Platform admins have no implicit right inside alliances (like inside organisations).
 */
import { isAdminOf, isMemberOf, requireUser, type Actor } from '../../core/access/actor.js'
import { AppError, notFound } from '../../core/errors.js'
import type { Alliance, AllianceReadScope, AllianceScope, Partner } from './alliances.queries.js'

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

function forbidden(key: string): AppError {
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
 * Acting for one partner organisation: it must be one of the actor's organisations (admin when `admin`)
 * and, unless `statuses` says otherwise, an active partner.
 */
export function authorizePartnerAct(
  actor: Actor,
  access: AllianceAccess,
  organisationId: string,
  options: { admin: boolean; statuses?: Partner['status'][] },
): { scope: AllianceScope; partner: Partner } {
  const scope = viewing(actor, access)
  const statuses = options.statuses ?? ['active']
  const partner = access.own.find((p) => p.organisation_id === organisationId && statuses.includes(p.status))
  const allowed = partner !== undefined && (options.admin ? isAdminOf(actor, organisationId) : isMemberOf(actor, organisationId))
  if (!allowed) throw forbidden(options.admin ? 'alliances.error.partnerAdminOnly' : 'alliances.error.partnerOnly')
  return { scope, partner }
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

/** May act for an organisation in a partnership (its admins only). */
export function isOrganisationAdmin(actor: Actor, organisationId: string): boolean {
  return isAdminOf(actor, organisationId)
}
