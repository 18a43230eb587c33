/**
 * Identifiers under review. A SIRET or RNA number is "déclaré" (its check digit is right, nobody checked who
 * holds it) until a platform admin verifies it; it is then "vérifié" as long as it keeps that value. An
 * organisation that declares an identifier another one holds is registered without it, and a claim opens for
 * review: the platform admin grants it (the identifier moves to the claimant, verified) or refuses it. Nobody
 * can lock a real company out by registering its SIRET first.
 *
 * Reviewers: platform admins (`authorizeReview`: others get 404).
 */
import type { Kysely, Transaction } from 'kysely'
import type { Actor } from '../../core/access/actor.js'
import { recordSecurityEvent } from '../../core/access/security-log.js'
import { newId, nowIso } from '../../core/db/values.js'
import { AppError, notFound } from '../../core/errors.js'
import type { Database } from '../../database.js'
import { findClaim, openClaims, unverifiedOrganisations, type IdentifierField } from './identifier-review.queries.js'
import { authorizeReview } from './organisations.policy.js'

type Db = Kysely<Database>

/** An identifier another organisation holds, found while validating a registration or an edit. */
export interface PendingClaim {
  field: IdentifierField
  value: string
  holderId: string
}

/** Opens the claims of an organisation, inside the transaction that writes it (a claim already open is kept). */
export async function openIdentifierClaims(trx: Transaction<Database>, organisationId: string, claims: PendingClaim[], userId: string | null): Promise<void> {
  const open = await trx.selectFrom('identifier_claims').select(['field', 'value']).where('organisation_id', '=', organisationId).where('status', '=', 'en_revue').execute()
  const fresh = claims.filter((c) => !open.some((o) => o.field === c.field && o.value === c.value))
  if (fresh.length === 0) return
  const now = nowIso()
  await trx
    .insertInto('identifier_claims')
    .values(fresh.map((c) => ({ id: newId(), organisation_id: organisationId, field: c.field, value: c.value, holder_id: c.holderId, status: 'en_revue' as const, claimed_by: userId, created_at: now, decided_by: null, decided_at: null })))
    .execute()
}

/** The review lists of a platform admin: claims under review, and declared identifiers to verify. */
export async function reviewLists(db: Db, actor: Actor) {
  authorizeReview(actor)
  const [claims, unverified] = await Promise.all([openClaims(db), unverifiedOrganisations(db)])
  return { claims, unverified }
}

async function markVerified(trx: Transaction<Database>, organisationId: string, reviewerId: string): Promise<void> {
  const organisation = await trx.selectFrom('organisations').select(['siret', 'rna']).where('id', '=', organisationId).executeTakeFirst()
  if (!organisation) throw notFound()
  const now = nowIso()
  await trx
    .insertInto('identifier_verifications')
    .values({ organisation_id: organisationId, siret: organisation.siret, rna: organisation.rna, verified_by: reviewerId, verified_at: now })
    .onConflict((oc) => oc.column('organisation_id').doUpdateSet({ siret: organisation.siret, rna: organisation.rna, verified_by: reviewerId, verified_at: now }))
    .execute()
}

/** Verifies an organisation's current identifiers (platform admins). An unknown organisation is a 404. */
export async function verifyIdentifiers(db: Db, actor: Actor, organisationId: string): Promise<void> {
  const reviewer = authorizeReview(actor)
  await db.transaction().execute(async (trx) => {
    await markVerified(trx, organisationId, reviewer)
    await recordSecurityEvent(trx, { userId: reviewer, kind: 'role-changed', detail: { role: 'identifiers-verified', organisation: organisationId } })
  })
}

/**
 * Decides a claim: granting moves the identifier from its holder to the claimant and marks it verified;
 * refusing closes the claim. An unknown claim is a 404, a claim already decided a 409.
 */
export async function decideClaim(db: Db, actor: Actor, claimId: string, grant: boolean): Promise<void> {
  const reviewer = authorizeReview(actor)
  await db.transaction().execute(async (trx) => {
    const claim = await findClaim(trx, claimId)
    if (!claim) throw notFound()
    const now = nowIso()
    const updated = await trx.updateTable('identifier_claims').set({ status: grant ? 'accordee' : 'refusee', decided_by: reviewer, decided_at: now }).where('id', '=', claimId).where('status', '=', 'en_revue').executeTakeFirst()
    if (Number(updated.numUpdatedRows) !== 1) throw new AppError('ALLIANCE_ERR_CONFLICT', 'organisations.review.decided')
    if (!grant) return
    // The identifier leaves whoever holds it now (unique column), then goes to the claimant.
    await trx.updateTable('organisations').set({ [claim.field]: null, updated_at: now }).where(claim.field as IdentifierField, '=', claim.value).execute()
    await trx.updateTable('organisations').set({ [claim.field]: claim.value, ...(claim.field === 'siret' ? { siren: claim.value.slice(0, 9) } : {}), updated_at: now }).where('id', '=', claim.organisation_id).execute()
    await markVerified(trx, claim.organisation_id, reviewer)
    // Other claims of the same identifier are settled by this decision.
    await trx.updateTable('identifier_claims').set({ status: 'refusee', decided_by: reviewer, decided_at: now }).where('field', '=', claim.field).where('value', '=', claim.value).where('status', '=', 'en_revue').execute()
  })
}
