/**
 * Use cases of contributions: the members of a partner organisation record what it gave (a type of the
 * lexique, a unit, an exact quantity, a day), correct or delete it later — their own organisation's only, even
 * after it left the alliance. Quantities are exact hundredths (`quantities.ts`); units never mix.
 */
import type { Kysely } from 'kysely'
import { requireUser, type Actor } from '../../core/access/actor.js'
import { newId, nowIso } from '../../core/db/values.js'
import { notFound, validationError, type FieldProblem } from '../../core/errors.js'
import type { MessageKey } from '../../core/i18n/index.js'
import type { Database } from '../../database.js'
import { loadAllianceAccess } from './alliances.access.js'
import { authorizeContribute, authorizeOwnRecord, authorizePartnerAct, authorizeView, type AllianceAccess } from './alliances.policy.js'
import { findContribution } from './alliances.queries.js'
import { dateProblem, known } from './alliances.rules.js'
import { isContributionUnit, parseQuantity, type ContributionUnit, type QuantityProblem } from './quantities.js'

type Db = Kysely<Database>

export interface ContributionInput {
  organisationId: string
  contributionType: string
  unit: string
  /** the quantity as typed (`1 500,50`, `12.5`) */
  quantity: string
  contributedOn: string
  description: string
}

/** The message naming why a typed quantity is refused (one per `QuantityProblem`, checked by the compiler). */
const quantityProblemKey = (problem: QuantityProblem): MessageKey => `alliances.error.quantity.${problem}`

/** Every problem of a contribution's fields at once; the quantity in exact hundredths when there is none. */
function validateContribution(input: ContributionInput): { hundredths: number; unit: ContributionUnit } {
  const problems: FieldProblem[] = []
  if (!known('contribution_type', input.contributionType)) problems.push({ field: 'contribution_type', message: 'alliances.error.contributionType' })
  let hundredths = 0
  if (!isContributionUnit(input.unit)) problems.push({ field: 'unit', message: 'alliances.error.unit' })
  else {
    const parsed = parseQuantity(input.quantity, input.unit)
    if (parsed.ok) hundredths = parsed.hundredths
    else problems.push({ field: 'quantity', message: quantityProblemKey(parsed.problem) })
  }
  const day = dateProblem('contributed_on', input.contributedOn, { required: true, notFuture: true })
  if (day) problems.push(day)
  if (problems.length > 0) throw validationError(problems)
  return { hundredths, unit: input.unit as ContributionUnit }
}

/**
 * Records a contribution of one of the actor's active partner organisations (any member of it). Returns its id.
 * Rights: 403 for someone who is no member of an active partner; once the input is valid, 404 when the giving
 * organisation is not one of the actor's, 403 when it is not an active partner. `id` is given by demo loaders
 * only, whose objects keep the same ids on every machine; it is a new one otherwise.
 */
export async function addContribution(db: Db, actor: Actor, allianceId: string, input: ContributionInput, { id = newId() }: { id?: string } = {}): Promise<string> {
  const access = await loadAllianceAccess(db, actor, allianceId)
  authorizeContribute(actor, access)
  const { hundredths, unit } = validateContribution(input)
  const { partner } = authorizePartnerAct(actor, access, input.organisationId, { admin: false })
  const user = requireUser(actor)
  const now = nowIso()
  await db
    .insertInto('alliance_contributions')
    .values({
      id,
      alliance_id: allianceId,
      partner_id: partner.id,
      organisation_id: input.organisationId,
      contribution_type: input.contributionType,
      unit,
      quantity_hundredths: hundredths,
      contributed_on: input.contributedOn,
      description: input.description.trim(),
      created_by: user.userId,
      created_at: now,
      updated_by: null,
      updated_at: now,
    })
    .execute()
  return id
}

/**
 * Corrects a contribution: only members of the organisation that gave it (403 for other partners, whatever
 * their role). The giving organisation cannot be changed.
 */
export async function updateContribution(db: Db, actor: Actor, allianceId: string, contributionId: string, input: Omit<ContributionInput, 'organisationId'>): Promise<void> {
  const access = await loadAllianceAccess(db, actor, allianceId)
  const { contribution } = await authorizeContributionEdit(db, actor, access, contributionId)
  const { hundredths, unit } = validateContribution({ ...input, organisationId: contribution.organisation_id })
  const user = requireUser(actor)
  await db
    .updateTable('alliance_contributions')
    .set({ contribution_type: input.contributionType, unit, quantity_hundredths: hundredths, contributed_on: input.contributedOn, description: input.description.trim(), updated_by: user.userId, updated_at: nowIso() })
    .where('id', '=', contributionId)
    .where('alliance_id', '=', allianceId)
    .execute()
}

/**
 * Deletes a contribution recorded by mistake: the same people as a correction (members of the organisation
 * that gave it). Totals follow at once; nothing else refers to a contribution.
 */
export async function deleteContribution(db: Db, actor: Actor, allianceId: string, contributionId: string): Promise<void> {
  const access = await loadAllianceAccess(db, actor, allianceId)
  await authorizeContributionEdit(db, actor, access, contributionId)
  await db.deleteFrom('alliance_contributions').where('id', '=', contributionId).where('alliance_id', '=', allianceId).execute()
}

/** The contribution, when the actor may edit it (404 when unseen or missing, 403 when another partner's). */
export async function authorizeContributionEdit(db: Db, actor: Actor, access: AllianceAccess, contributionId: string) {
  requireUser(actor)
  const scope = authorizeView(actor, access)
  const contribution = await findContribution(db, scope, contributionId)
  if (!contribution) throw notFound()
  authorizeOwnRecord(actor, access, contribution.organisation_id)
  return { contribution, scope }
}
