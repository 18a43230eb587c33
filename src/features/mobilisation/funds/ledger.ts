/**
 * The ledger of a pooled fund: every movement is an entry (append-only) and moves a running total of the fund —
 * and of the contributor, grant or tranche concerned — by a **guarded update** that only succeeds when the rules
 * still hold after it:
 *
 * - paid ≤ pledged, for each contributor (and so for the fund);
 * - granted ≤ paid in + the commitments the host declared;
 * - disbursed ≤ granted, for the fund, each grant and each tranche.
 *
 * A guarded `update … where total + x <= limit` is one statement: PostgreSQL re-checks its condition on the row it
 * locked when another transaction changed it first, and SQLite runs one write transaction at a time, so two
 * concurrent decisions can never both take the last euros. CHECK constraints of the tables say the same rules
 * again, so that no other writer can break them. Every function runs inside the caller's transaction.
 */
import type { Transaction } from 'kysely'
import { newId, nowIso } from '../../../core/db/values.js'
import { AppError } from '../../../core/errors.js'
import type { Database } from '../../../database.js'
import type { FundEntryKind } from '../mobilisation.table.js'
import type { MessageKey } from '../../../core/i18n/index.js'

type Trx = Transaction<Database>

export interface EntryInput {
  fundId: string
  cents: number
  /** the Paris day of the movement */
  day: string
  note?: string
  userId: string | null
}

function refused(key: MessageKey, params: Record<string, string | number> = {}): AppError {
  return new AppError('ALLIANCE_ERR_INSUFFICIENT_FUNDS', key, { params })
}

async function writeEntry(trx: Trx, kind: FundEntryKind, input: EntryInput, refs: { organisationId?: string; grantId?: string; tranche?: number } = {}): Promise<string> {
  if (!Number.isSafeInteger(input.cents) || input.cents <= 0) throw new Error(`montant invalide : ${input.cents}`)
  const id = newId()
  await trx
    .insertInto('mobilisation_fund_entries')
    .values({ id, fund_id: input.fundId, kind, organisation_id: refs.organisationId ?? null, grant_id: refs.grantId ?? null, tranche: refs.tranche ?? null, amount_cents: input.cents, occurred_on: input.day, note: input.note ?? '', recorded_by: input.userId, recorded_at: nowIso() })
    .execute()
  await trx.updateTable('mobilisation_funds').set({ updated_at: nowIso() }).where('id', '=', input.fundId).execute()
  return id
}

function updated(result: { numUpdatedRows: bigint }): boolean {
  return Number(result.numUpdatedRows) === 1
}

/** A contributor promises `cents` to the fund (its row is created on its first pledge). */
export async function bookPledge(trx: Trx, input: EntryInput & { organisationId: string }): Promise<string> {
  await trx
    .insertInto('mobilisation_fund_contributors')
    .values({ fund_id: input.fundId, organisation_id: input.organisationId, pledged_cents: input.cents, paid_cents: 0 })
    .onConflict((oc) => oc.columns(['fund_id', 'organisation_id']).doUpdateSet((eb) => ({ pledged_cents: eb('mobilisation_fund_contributors.pledged_cents', '+', input.cents) })))
    .execute()
  await trx.updateTable('mobilisation_funds').set((eb) => ({ pledged_cents: eb('pledged_cents', '+', input.cents) })).where('id', '=', input.fundId).execute()
  return writeEntry(trx, 'pledge', input, { organisationId: input.organisationId })
}

/** A contributor pays `cents` in: refused (409) above what it pledged and has not paid yet. */
export async function bookPayment(trx: Trx, input: EntryInput & { organisationId: string }): Promise<string> {
  const paid = await trx
    .updateTable('mobilisation_fund_contributors')
    .set((eb) => ({ paid_cents: eb('paid_cents', '+', input.cents) }))
    .where('fund_id', '=', input.fundId)
    .where('organisation_id', '=', input.organisationId)
    .where((eb) => eb(eb('paid_cents', '+', input.cents), '<=', eb.ref('pledged_cents')))
    .executeTakeFirst()
  if (!updated(paid)) {
    const row = await trx.selectFrom('mobilisation_fund_contributors').select(['pledged_cents', 'paid_cents']).where('fund_id', '=', input.fundId).where('organisation_id', '=', input.organisationId).executeTakeFirst()
    throw refused('mobilisation.error.paymentAbovePledge', { left: row ? (Number(row.pledged_cents) - Number(row.paid_cents)) / 100 : 0 })
  }
  await trx.updateTable('mobilisation_funds').set((eb) => ({ paid_cents: eb('paid_cents', '+', input.cents) })).where('id', '=', input.fundId).execute()
  return writeEntry(trx, 'payment', input, { organisationId: input.organisationId })
}

/** The host declares it commits `cents` of its own (grants may rely on it before it is paid in). */
export async function bookCommitment(trx: Trx, input: EntryInput): Promise<string> {
  await trx.updateTable('mobilisation_funds').set((eb) => ({ committed_cents: eb('committed_cents', '+', input.cents) })).where('id', '=', input.fundId).execute()
  return writeEntry(trx, 'commitment', input)
}

/** Grants `cents`: refused (409) when it would exceed what was paid in plus the host's commitments, less what is granted. */
export async function bookGrant(trx: Trx, input: EntryInput & { grantId: string }): Promise<string> {
  const done = await trx
    .updateTable('mobilisation_funds')
    .set((eb) => ({ granted_cents: eb('granted_cents', '+', input.cents) }))
    .where('id', '=', input.fundId)
    .where((eb) => eb(eb('granted_cents', '+', input.cents), '<=', eb(eb.ref('paid_cents'), '+', eb.ref('committed_cents'))))
    .executeTakeFirst()
  if (!updated(done)) {
    const fund = await trx.selectFrom('mobilisation_funds').select(['paid_cents', 'committed_cents', 'granted_cents']).where('id', '=', input.fundId).executeTakeFirstOrThrow()
    throw refused('mobilisation.error.grantAboveAvailable', { available: (Number(fund.paid_cents) + Number(fund.committed_cents) - Number(fund.granted_cents)) / 100 })
  }
  return writeEntry(trx, 'grant', input, { grantId: input.grantId })
}

/** Gives back `cents` of a grant (a decision changed before anything was paid): never below what was disbursed. */
export async function bookGrantRelease(trx: Trx, input: EntryInput & { grantId: string }): Promise<string> {
  const done = await trx
    .updateTable('mobilisation_funds')
    .set((eb) => ({ granted_cents: eb('granted_cents', '-', input.cents) }))
    .where('id', '=', input.fundId)
    .where((eb) => eb(eb('granted_cents', '-', input.cents), '>=', eb.ref('disbursed_cents')))
    .executeTakeFirst()
  if (!updated(done)) throw new AppError('ALLIANCE_ERR_CONFLICT', 'mobilisation.error.releaseBelowDisbursed')
  return writeEntry(trx, 'grant_release', input, { grantId: input.grantId })
}

/** Pays `cents` of a tranche of a grant: refused (409) above what the tranche, the grant or the fund has left to pay. */
export async function bookDisbursement(trx: Trx, input: EntryInput & { grantId: string; tranche: number }): Promise<string> {
  const tranche = await trx
    .updateTable('mobilisation_grant_tranches')
    .set((eb) => ({ paid_cents: eb('paid_cents', '+', input.cents), paid_on: input.day }))
    .where('grant_id', '=', input.grantId)
    .where('number', '=', input.tranche)
    .where((eb) => eb(eb('paid_cents', '+', input.cents), '<=', eb.ref('amount_cents')))
    .executeTakeFirst()
  if (!updated(tranche)) {
    const row = await trx.selectFrom('mobilisation_grant_tranches').select(['amount_cents', 'paid_cents']).where('grant_id', '=', input.grantId).where('number', '=', input.tranche).executeTakeFirst()
    throw refused('mobilisation.error.paymentAboveTranche', { left: row ? (Number(row.amount_cents) - Number(row.paid_cents)) / 100 : 0 })
  }
  const grant = await trx
    .updateTable('mobilisation_grants')
    .set((eb) => ({ disbursed_cents: eb('disbursed_cents', '+', input.cents), updated_at: nowIso() }))
    .where('id', '=', input.grantId)
    .where((eb) => eb(eb('disbursed_cents', '+', input.cents), '<=', eb.ref('amount_cents')))
    .executeTakeFirst()
  if (!updated(grant)) throw refused('mobilisation.error.paymentAboveGrant')
  const fund = await trx
    .updateTable('mobilisation_funds')
    .set((eb) => ({ disbursed_cents: eb('disbursed_cents', '+', input.cents) }))
    .where('id', '=', input.fundId)
    .where((eb) => eb(eb('disbursed_cents', '+', input.cents), '<=', eb.ref('granted_cents')))
    .executeTakeFirst()
  if (!updated(fund)) throw refused('mobilisation.error.paymentAboveGrant')
  return writeEntry(trx, 'disbursement', input, { grantId: input.grantId, tranche: input.tranche })
}
