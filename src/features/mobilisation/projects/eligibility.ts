/**
 * The eligibility rules of a call for projects, checked by the platform (never by hand): the applicant is an
 * alliance; at least `min_worlds` distinct worlds among its active partners; its perimeter inside the call's; at
 * least one of the call's SDGs among its own (when the call names some); the amount asked within the call's bounds;
 * a co-funding share of at least the call's minimum. A draft shows the checks as they stand; a submission needs all
 * of them, and keeps them as they were.
 */
import type { Kysely } from 'kysely'
import type { Database } from '../../../database.js'
import { findAllianceDetails, listPartners, type AllianceScope } from '../../alliances/index.js'
import { cofundingPerMille } from './budget.js'
import type { ProjectCall } from './projects.queries.js'

export const ELIGIBILITY_RULES = ['alliance', 'worlds', 'perimeter', 'sdgs', 'amount', 'cofunding'] as const
export type EligibilityRule = (typeof ELIGIBILITY_RULES)[number]

export interface EligibilityCheck {
  rule: EligibilityRule
  ok: boolean
  /** what was found, for the message (`found` worlds, `share` per mille…) */
  params: Record<string, string | number>
}

/** The field of a form where a failed rule is shown. */
export const RULE_FIELDS: Record<EligibilityRule, string> = { alliance: 'alliance', worlds: 'alliance', perimeter: 'alliance', sdgs: 'alliance', amount: 'requested', cofunding: 'budget' }

/** Checks every rule for an application of the alliance in `scope` (the caller may see the alliance). */
export async function checkEligibility(db: Kysely<Database>, scope: AllianceScope, call: ProjectCall, callSdgs: number[], application: { requested_cents: number; budget_cents: number }): Promise<EligibilityCheck[]> {
  const [partners, details] = await Promise.all([listPartners(db, scope), findAllianceDetails(db, scope)])
  const worlds = new Set(partners.filter((p) => p.status === 'active').map((p) => p.world))
  const territories = details?.territories.map((t) => t.id) ?? []
  const inside = territories.length === 0 ? [] : await db.selectFrom('territory_closure').select('descendant_id').where('ancestor_id', '=', call.territory_id).where('descendant_id', 'in', territories).execute()
  const sdgs = details?.sdgs ?? []
  const share = cofundingPerMille(Number(application.budget_cents), Number(application.requested_cents))
  const requested = Number(application.requested_cents)
  return [
    { rule: 'alliance', ok: details !== undefined, params: {} },
    { rule: 'worlds', ok: worlds.size >= call.min_worlds, params: { found: worlds.size, min: call.min_worlds } },
    { rule: 'perimeter', ok: territories.length > 0 && inside.length === territories.length, params: { territory: call.territory_name } },
    { rule: 'sdgs', ok: callSdgs.length === 0 || sdgs.some((s) => callSdgs.includes(s)), params: { sdgs: callSdgs.join(', ') } },
    { rule: 'amount', ok: requested >= Number(call.min_amount_cents) && requested <= Number(call.max_amount_cents), params: { min: Number(call.min_amount_cents) / 100, max: Number(call.max_amount_cents) / 100 } },
    { rule: 'cofunding', ok: Number(application.budget_cents) > 0 && share >= call.cofunding_min_percent * 10, params: { share: share / 10, min: call.cofunding_min_percent } },
  ]
}
