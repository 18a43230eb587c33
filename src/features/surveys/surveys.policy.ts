/**
 * Who may do what with surveys. The members of a campaign's organisation — and platform admins acting as
 * analysts — build the questionnaire, run campaigns, weight, see unpublished results and export microdata.
 * Anyone else gets a 404 for these pages (a private survey's existence never leaks). Respondents only ever
 * see their own answers (the respondent pages check the respondent key, not this policy); published
 * studies are public.
 */
import { isMemberOf, requireUser, type Actor } from '../../core/access/actor.js'
import { notFound } from '../../core/errors.js'
import type { SurveyScope } from './surveys.queries.js'

function scopeOf(organisationId: string): SurveyScope {
  return { organisationId } as SurveyScope
}

/**
 * An analyst of `organisationId`'s surveys: a member of it, or a platform admin. Signed-out callers get a
 * 401, everyone else a 404.
 */
export function authorizeAnalyst(actor: Actor, organisationId: string): SurveyScope {
  requireUser(actor)
  if (!isMemberOf(actor, organisationId) && !actor.isPlatformAdmin) throw notFound()
  return scopeOf(organisationId)
}

/** Whether the actor may analyse this organisation's surveys (for links and buttons only). */
export function canAnalyse(actor: Actor, organisationId: string): boolean {
  return actor.userId !== null && (isMemberOf(actor, organisationId) || actor.isPlatformAdmin)
}

/**
 * The scope of a published study's campaign, to compute its frozen views again (a document of an older layout):
 * safe without an actor because a publication is public by definition and the computation publishes nothing
 * the rule would hide.
 */
export function unsafePublishedScope(organisationId: string): SurveyScope {
  return scopeOf(organisationId)
}
