/**
 * Who may do what in an alliance's evaluation.
 *
 * - The evaluation space (rounds, answers, crossed views, trajectories, the review while not published) is for
 *   the members of the alliance's active partners: 403 for others who see the alliance, 404 for those who
 *   do not (partners-only alliance), 401 signed out.
 * - Its coordinators' admins open, close, extend a round, send reminders, build the review, publish it, and
 *   define indicators.
 * - A partner answers for its own organisation: its members write the draft, its admins submit it (and change it
 *   afterwards). Acting for an organisation one does not belong to answers 404, like another partner's draft:
 *   a partner never sees another partner's answer before the round closes.
 * - Each partner's admins approve the review for their organisation.
 * - Indicators, their values and a published review are read like the alliance itself (public alliances:
 *   everyone); members of active partners record indicator values (the evaluation space's rule).
 */
import { isAdminOf, isMemberOf, requireUser, type Actor } from '../../core/access/actor.js'
import { AppError, notFound } from '../../core/errors.js'
import { authorizeView, type AllianceAccess, type AllianceScope } from '../alliances/index.js'
import type { MessageKey } from '../../core/i18n/index.js'

function forbidden(key: MessageKey): AppError {
  return new AppError('ALLIANCE_ERR_FORBIDDEN', key)
}

/** The actor's organisations that are active partners of the alliance (as members, or as admins). */
export function partnerOrganisations(actor: Actor, access: AllianceAccess, options: { admin: boolean }): string[] {
  return access.own.filter((p) => p.status === 'active' && (options.admin ? isAdminOf(actor, p.organisation_id) : isMemberOf(actor, p.organisation_id))).map((p) => p.organisation_id)
}

/** The evaluation space: signed in (401), sees the alliance (404), member of an active partner (403). */
export function authorizeEvaluation(actor: Actor, access: AllianceAccess): AllianceScope {
  requireUser(actor)
  const scope = authorizeView(actor, access)
  if (partnerOrganisations(actor, access, { admin: false }).length === 0) throw forbidden('evaluation.error.partnersOnly')
  return scope
}

/**
 * Acting for `organisationId` (answering the grid, approving the review): the evaluation space, then the
 * organisation must be one of the actor's active partner organisations (404 otherwise: another partner's answer
 * does not exist for the actor); submitting an answer, changing a submitted one, or approving need its admins
 * (403 with `adminKey`).
 */
export function authorizeActingFor(actor: Actor, access: AllianceAccess, organisationId: string, options: { admin: boolean; adminKey?: MessageKey }): AllianceScope {
  const scope = authorizeEvaluation(actor, access)
  if (!partnerOrganisations(actor, access, { admin: false }).includes(organisationId)) throw notFound()
  if (options.admin && !isAdminOf(actor, organisationId)) throw forbidden(options.adminKey ?? 'evaluation.error.adminOnly')
  return scope
}
