/**
 * What a partner says about one of its own contributions: the value it gives it, with the basis (for example
 * the employer cost of the hours of mécénat de compétences), which wins over the rates; and the partner
 * organisation that received it (for the receiving association's accounts). Only members of the organisation
 * that gave may say so, as for correcting the contribution itself.
 */
import type { Kysely } from 'kysely'
import { requireUser, type Actor } from '../../core/access/actor.js'
import { nowIso } from '../../core/db/values.js'
import { validationError, type FieldProblem } from '../../core/errors.js'
import type { Database } from '../../database.js'
import { authorizeContributionEdit, loadAllianceAccess } from '../alliances/index.js'
import { parseEuros } from './rates.service.js'
import { markDirty } from './valuation.summaries.js'

type Db = Kysely<Database>

export interface StatementInput {
  /** the value as typed (`1 250,00`), or empty for none */
  value: string
  basis: string
  /** a partner organisation of the alliance other than the giver, or null */
  recipientOrganisationId: string | null
}

/** The highest value a partner may state for one contribution: 100 million euros. */
const MAX_STATED_CENTS = 10_000_000_000

/**
 * Records (or replaces) the statement of a contribution; with neither a value nor a recipient, removes it.
 * 404 when the contribution is not in a visible alliance, 403 for another partner's contribution; a value
 * needs its basis; amounts have at most two decimals; the recipient must be another partner of the alliance.
 */
export async function stateContribution(db: Db, actor: Actor, allianceId: string, contributionId: string, input: StatementInput): Promise<void> {
  const access = await loadAllianceAccess(db, actor, allianceId)
  const { contribution } = await authorizeContributionEdit(db, actor, access, contributionId)
  const user = requireUser(actor)
  const problems: FieldProblem[] = []
  let cents: number | null = null
  if (input.value.trim() !== '') {
    const parsed = parseEuros(input.value)
    if (!parsed.ok) problems.push({ field: 'value', message: parsed.message })
    else if (parsed.cents > MAX_STATED_CENTS) problems.push({ field: 'value', message: 'valuation.error.amount.tooLarge' })
    else cents = parsed.cents
    if (input.basis.trim().length < 5) problems.push({ field: 'basis', message: 'valuation.error.basis' })
  }
  if (input.recipientOrganisationId !== null) {
    const recipient = await db
      .selectFrom('alliance_partners')
      .select('organisation_id')
      .where('alliance_id', '=', allianceId)
      .where('organisation_id', '=', input.recipientOrganisationId)
      .where('status', 'in', ['active', 'left'])
      .executeTakeFirst()
    if (!recipient || input.recipientOrganisationId === contribution.organisation_id) problems.push({ field: 'recipient_organisation_id', message: 'valuation.error.recipient' })
  }
  if (problems.length > 0) throw validationError(problems)
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom('valuation_statements').where('contribution_id', '=', contributionId).execute()
    if (cents !== null || input.recipientOrganisationId !== null) {
      await trx
        .insertInto('valuation_statements')
        .values({
          contribution_id: contributionId,
          alliance_id: allianceId,
          organisation_id: contribution.organisation_id,
          value_cents: cents,
          basis: cents === null ? '' : input.basis.trim(),
          recipient_organisation_id: input.recipientOrganisationId,
          stated_by: user.userId,
          stated_at: nowIso(),
        })
        .execute()
    }
    await markDirty(trx, [allianceId])
  })
}
