/**
 * Pooled funds (fonds territoriaux): a fund is hosted by an organisation (a foundation, a fonds de dotation, a
 * local authority…) whose admins run it, with a committee (its governance). Contributors pledge and pay in dated
 * amounts; the host may commit its own money; every movement goes through the ledger (`ledger.ts`), whose rules the
 * database enforces.
 */
import type { Kysely } from 'kysely'
import { requireUser, type Actor } from '../../../core/access/actor.js'
import { isUniqueViolation } from '../../../core/db/dialect.js'
import { newId, nowIso } from '../../../core/db/values.js'
import { AppError, notFound, validationError, type FieldProblem } from '../../../core/errors.js'
import { isCalendarDate, parisToday } from '../../../core/time/calendar.js'
import type { Database } from '../../../database.js'
import { isValidSiret } from '../../organisations/index.js'
import { readEuros } from '../amounts.js'
import { authorizeActingFor } from '../mobilisation.policy.js'
import type { FundLegalForm, FundMemberRole } from '../mobilisation.table.js'
import { resolveTerritoryField } from '../places.js'
import { authorizeFundAdmin, isFundAdmin, type FundAccess } from './funds.policy.js'
import { findFund, isCommitteeMember } from './funds.queries.js'
import { bookCommitment, bookPayment, bookPledge } from './ledger.js'

type Db = Kysely<Database>

export const LEGAL_FORMS = ['fondation', 'fonds_dotation', 'collectivite', 'association', 'autre'] as const satisfies readonly FundLegalForm[]
export const MEMBER_ROLES = ['chair', 'member'] as const satisfies readonly FundMemberRole[]

export interface FundInput {
  hostOrganisationId: string
  name: string
  description: string
  legalForm: string
  /** the grant-maker's SIRET (14 digits, spaces allowed) */
  siret: string
  territory: string
}

/** Loads a fund (public) with what the actor may do in it. */
export async function loadFund(db: Db, actor: Actor, id: string): Promise<FundAccess> {
  const fund = await findFund(db, id)
  if (!fund) throw notFound()
  return { fund, admin: isFundAdmin(actor, fund), committee: await isCommitteeMember(db, id, actor.userId) }
}

async function validateFund(db: Db, input: Omit<FundInput, 'hostOrganisationId'>): Promise<{ siret: string; territoryId: string }> {
  const problems: FieldProblem[] = []
  if (input.name.trim().length < 3) problems.push({ field: 'name', message: 'form.error.minLength', params: { min: 3 } })
  if (input.description.trim().length < 10) problems.push({ field: 'description', message: 'form.error.minLength', params: { min: 10 } })
  if (!(LEGAL_FORMS as readonly string[]).includes(input.legalForm)) problems.push({ field: 'legal_form', message: 'form.error.choice' })
  const siret = input.siret.replace(/[\s\u00a0]/g, '')
  if (!isValidSiret(siret)) problems.push({ field: 'siret', message: 'mobilisation.error.siret' })
  const [territoryId] = await resolveTerritoryField(db, problems, 'territory', input.territory, { single: true })
  if (problems.length > 0) throw validationError(problems)
  return { siret, territoryId: territoryId as string }
}

/** Creates a fund hosted by an organisation the actor administers (404 / 403 otherwise). Returns its id. */
export async function createFund(db: Db, actor: Actor, input: FundInput): Promise<string> {
  authorizeActingFor(actor, input.hostOrganisationId)
  const user = requireUser(actor)
  const values = await validateFund(db, input)
  const id = newId()
  const now = nowIso()
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('mobilisation_funds')
      .values({ id, host_organisation_id: input.hostOrganisationId, name: input.name.trim(), description: input.description.trim(), legal_form: input.legalForm as FundLegalForm, siret: values.siret, territory_id: values.territoryId, pledged_cents: 0, paid_cents: 0, committed_cents: 0, granted_cents: 0, disbursed_cents: 0, is_demo: 0, created_by: user.userId, created_at: now, updated_at: now })
      .execute()
    // The person who creates the fund chairs its committee until they appoint someone else.
    await trx.insertInto('mobilisation_fund_members').values({ fund_id: id, user_id: user.userId, role: 'chair', added_by: user.userId, added_at: now }).execute()
  })
  return id
}

/** Changes a fund's description (its admins); the host does not change. */
export async function updateFund(db: Db, actor: Actor, id: string, input: Omit<FundInput, 'hostOrganisationId'>): Promise<void> {
  authorizeFundAdmin(actor, await loadFund(db, actor, id))
  const values = await validateFund(db, input)
  await db.updateTable('mobilisation_funds').set({ name: input.name.trim(), description: input.description.trim(), legal_form: input.legalForm as FundLegalForm, siret: values.siret, territory_id: values.territoryId, updated_at: nowIso() }).where('id', '=', id).execute()
}

/** Appoints a person (by the e-mail of their account) to the committee (fund admins). 409 when already a member. */
export async function addCommitteeMember(db: Db, actor: Actor, fundId: string, input: { email: string; role: string }): Promise<string> {
  authorizeFundAdmin(actor, await loadFund(db, actor, fundId))
  const user = requireUser(actor)
  const problems: FieldProblem[] = []
  if (!(MEMBER_ROLES as readonly string[]).includes(input.role)) problems.push({ field: 'role', message: 'form.error.choice' })
  const person = await db.selectFrom('users').select('id').where('email', '=', input.email.trim().toLowerCase()).executeTakeFirst()
  if (!person) problems.push({ field: 'email', message: 'mobilisation.error.noAccount' })
  if (problems.length > 0 || !person) throw validationError(problems)
  try {
    await db.insertInto('mobilisation_fund_members').values({ fund_id: fundId, user_id: person.id, role: input.role as FundMemberRole, added_by: user.userId, added_at: nowIso() }).execute()
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError('ALLIANCE_ERR_CONFLICT', 'mobilisation.error.alreadyMember', { cause: error })
    throw error
  }
  return person.id
}

/** Removes a person from the committee (fund admins), and from the reviewers of the fund's undecided calls. */
export async function removeCommitteeMember(db: Db, actor: Actor, fundId: string, userId: string): Promise<void> {
  authorizeFundAdmin(actor, await loadFund(db, actor, fundId))
  await db.transaction().execute(async (trx) => {
    const done = await trx.deleteFrom('mobilisation_fund_members').where('fund_id', '=', fundId).where('user_id', '=', userId).executeTakeFirst()
    if (Number(done.numDeletedRows) !== 1) throw notFound()
    await trx
      .deleteFrom('mobilisation_reviewers')
      .where('user_id', '=', userId)
      .where('call_id', 'in', (eb) => eb.selectFrom('mobilisation_project_calls').select('id').where('fund_id', '=', fundId).where('status', '!=', 'decided'))
      .execute()
  })
}

function dayProblem(problems: FieldProblem[], field: string, day: string | undefined): string {
  const value = day?.trim() || parisToday()
  if (!isCalendarDate(value)) problems.push({ field, message: 'form.error.date' })
  else if (value > parisToday()) problems.push({ field, message: 'mobilisation.error.dayFuture' })
  return value
}

/**
 * A contributor pledges an amount to the fund (the admins of the contributing organisation: 404 / 403 otherwise).
 * Refused: a negative, zero or three-decimal amount (400).
 */
export async function pledgeToFund(db: Db, actor: Actor, fundId: string, input: { organisationId: string; amount: string; note?: string }): Promise<string> {
  await loadFund(db, actor, fundId)
  authorizeActingFor(actor, input.organisationId)
  const user = requireUser(actor)
  const problems: FieldProblem[] = []
  const cents = readEuros(problems, 'amount', input.amount)
  if (problems.length > 0 || cents === null) throw validationError(problems)
  return db.transaction().execute((trx) => bookPledge(trx, { fundId, organisationId: input.organisationId, cents, day: parisToday(), note: (input.note ?? '').trim(), userId: user.userId }))
}

/**
 * The fund's admins record a payment received from a contributor, on a past or present day. Refused: an amount above
 * what the contributor still has to pay (409, nothing recorded), an organisation that is not a contributor (400).
 */
export async function recordFundPayment(db: Db, actor: Actor, fundId: string, input: { organisationId: string; amount: string; paidOn?: string; note?: string }): Promise<string> {
  authorizeFundAdmin(actor, await loadFund(db, actor, fundId))
  const user = requireUser(actor)
  const problems: FieldProblem[] = []
  const cents = readEuros(problems, 'amount', input.amount)
  const day = dayProblem(problems, 'paid_on', input.paidOn)
  const contributor = await db.selectFrom('mobilisation_fund_contributors').select('organisation_id').where('fund_id', '=', fundId).where('organisation_id', '=', input.organisationId).executeTakeFirst()
  if (!contributor) problems.push({ field: 'organisation_id', message: 'mobilisation.error.notContributor' })
  if (problems.length > 0 || cents === null) throw validationError(problems)
  return db.transaction().execute((trx) => bookPayment(trx, { fundId, organisationId: input.organisationId, cents, day, note: (input.note ?? '').trim(), userId: user.userId }))
}

/** The fund's admins declare a commitment of the host's own money (grants may rely on it). */
export async function declareCommitment(db: Db, actor: Actor, fundId: string, input: { amount: string; committedOn?: string; note?: string }): Promise<string> {
  authorizeFundAdmin(actor, await loadFund(db, actor, fundId))
  const user = requireUser(actor)
  const problems: FieldProblem[] = []
  const cents = readEuros(problems, 'amount', input.amount)
  const day = dayProblem(problems, 'committed_on', input.committedOn)
  if ((input.note ?? '').trim().length < 3) problems.push({ field: 'note', message: 'mobilisation.error.commitmentNote' })
  if (problems.length > 0 || cents === null) throw validationError(problems)
  return db.transaction().execute((trx) => bookCommitment(trx, { fundId, cents, day, note: (input.note ?? '').trim(), userId: user.userId }))
}
