/**
 * Identifiers under review. A SIRET or RNA number is "déclaré" (its check digit is right, nobody checked who
 * holds it) until a platform admin verifies it; it is then "vérifié" as long as it keeps that value. An
 * organisation that declares an identifier another one holds is registered without it, and a claim opens for
 * review: the platform admin grants it (the identifier moves to the claimant, verified) or refuses it. Nobody
 * can lock a real company out by registering its SIRET first.
 *
 * Reviewers: platform admins (catalysts will join when the catalysis feature defines them).
 */
import type { Kysely } from 'kysely'
import { requireUser, type Actor } from '../../core/access/actor.js'
import { recordSecurityEvent } from '../../core/access/security-log.js'
import { newId, nowIso } from '../../core/db/values.js'
import { AppError } from '../../core/errors.js'
import type { MessageBundle } from '../../core/i18n/index.js'
import type { Database } from '../../database.js'

type Db = Kysely<Database>

export type IdentifierField = 'siret' | 'rna'

/** An identifier another organisation holds, found while validating a registration or an edit. */
export interface PendingClaim {
  field: IdentifierField
  value: string
  holderId: string
}

/** Only platform admins review identifiers (others: 404, the review is not theirs to see). */
function authorizeReview(actor: Actor): string {
  const user = requireUser(actor)
  if (!user.isPlatformAdmin) throw new AppError('ALLIANCE_ERR_NOT_FOUND', 'error.notFound')
  return user.userId
}

/** Opens the claims of an organisation (with `db`: the transaction that writes it). */
export async function openIdentifierClaims(db: Db, organisationId: string, claims: PendingClaim[], userId: string | null): Promise<void> {
  const open = await db.selectFrom('identifier_claims').select(['field', 'value']).where('organisation_id', '=', organisationId).where('status', '=', 'en_revue').execute()
  const fresh = claims.filter((c) => !open.some((o) => o.field === c.field && o.value === c.value))
  if (fresh.length === 0) return
  const now = nowIso()
  await db
    .insertInto('identifier_claims')
    .values(fresh.map((c) => ({ id: newId(), organisation_id: organisationId, field: c.field, value: c.value, holder_id: c.holderId, status: 'en_revue' as const, claimed_by: userId, created_at: now, decided_by: null, decided_at: null })))
    .execute()
}

/** "vérifié" or "déclaré" for each identifier of an organisation, and its open claims. */
export async function identifierStatus(db: Db, organisation: { id: string; siret: string | null; rna: string | null }) {
  const [verified, claims] = await Promise.all([
    db.selectFrom('identifier_verifications').selectAll().where('organisation_id', '=', organisation.id).executeTakeFirst(),
    db.selectFrom('identifier_claims').select(['field', 'value']).where('organisation_id', '=', organisation.id).where('status', '=', 'en_revue').execute(),
  ])
  const state = (field: IdentifierField) => (organisation[field] !== null && verified?.[field] === organisation[field] ? ('verifie' as const) : ('declare' as const))
  return { siret: state('siret'), rna: state('rna'), claims }
}

/** Claims waiting for review, oldest first, with both organisations' names. */
export async function listOpenClaims(db: Db, actor: Actor) {
  authorizeReview(actor)
  return db
    .selectFrom('identifier_claims')
    .innerJoin('organisations as claimant', 'claimant.id', 'identifier_claims.organisation_id')
    .leftJoin('organisations as holder', 'holder.id', 'identifier_claims.holder_id')
    .select(['identifier_claims.id', 'identifier_claims.field', 'identifier_claims.value', 'identifier_claims.created_at', 'claimant.id as claimant_id', 'claimant.name as claimant_name', 'holder.id as holder_id', 'holder.name as holder_name'])
    .where('identifier_claims.status', '=', 'en_revue')
    .orderBy('identifier_claims.created_at')
    .limit(200)
    .execute()
}

/** Organisations with a declared (unverified) identifier, most recent first. */
export async function listUnverified(db: Db, actor: Actor) {
  authorizeReview(actor)
  return db
    .selectFrom('organisations')
    .leftJoin('identifier_verifications', 'identifier_verifications.organisation_id', 'organisations.id')
    .select(['organisations.id', 'organisations.name', 'organisations.siret', 'organisations.rna', 'organisations.created_at'])
    .where((eb) => eb.or([eb('organisations.siret', 'is not', null), eb('organisations.rna', 'is not', null)]))
    .where('organisations.is_demo', '=', 0)
    .where((eb) =>
      eb.or([
        eb('identifier_verifications.organisation_id', 'is', null),
        eb.and([eb('organisations.siret', 'is not', null), eb.or([eb('identifier_verifications.siret', 'is', null), eb('identifier_verifications.siret', '!=', eb.ref('organisations.siret'))])]),
        eb.and([eb('organisations.rna', 'is not', null), eb.or([eb('identifier_verifications.rna', 'is', null), eb('identifier_verifications.rna', '!=', eb.ref('organisations.rna'))])]),
      ]),
    )
    .orderBy('organisations.created_at', 'desc')
    .limit(200)
    .execute()
}

async function markVerified(db: Db, organisationId: string, reviewerId: string): Promise<void> {
  const organisation = await db.selectFrom('organisations').select(['siret', 'rna']).where('id', '=', organisationId).executeTakeFirst()
  if (!organisation) throw new AppError('ALLIANCE_ERR_NOT_FOUND', 'error.notFound')
  const now = nowIso()
  await db
    .insertInto('identifier_verifications')
    .values({ organisation_id: organisationId, siret: organisation.siret, rna: organisation.rna, verified_by: reviewerId, verified_at: now })
    .onConflict((oc) => oc.column('organisation_id').doUpdateSet({ siret: organisation.siret, rna: organisation.rna, verified_by: reviewerId, verified_at: now }))
    .execute()
}

/** Verifies an organisation's current identifiers (platform admins). */
export async function verifyIdentifiers(db: Db, actor: Actor, organisationId: string): Promise<void> {
  const reviewer = authorizeReview(actor)
  await db.transaction().execute(async (trx) => {
    await markVerified(trx, organisationId, reviewer)
    await recordSecurityEvent(trx, { userId: reviewer, kind: 'role-changed', detail: { role: 'identifiers-verified', organisation: organisationId } })
  })
}

/**
 * Decides a claim: granting moves the identifier from its holder to the claimant and marks it verified;
 * refusing closes the claim. A claim already decided is a 409.
 */
export async function decideClaim(db: Db, actor: Actor, claimId: string, grant: boolean): Promise<void> {
  const reviewer = authorizeReview(actor)
  await db.transaction().execute(async (trx) => {
    const claim = await trx.selectFrom('identifier_claims').selectAll().where('id', '=', claimId).executeTakeFirst()
    if (!claim) throw new AppError('ALLIANCE_ERR_NOT_FOUND', 'error.notFound')
    const now = nowIso()
    const updated = await trx.updateTable('identifier_claims').set({ status: grant ? 'accordee' : 'refusee', decided_by: reviewer, decided_at: now }).where('id', '=', claimId).where('status', '=', 'en_revue').executeTakeFirst()
    if (Number(updated.numUpdatedRows) !== 1) throw new AppError('ALLIANCE_ERR_CONFLICT', 'organisations.review.decided')
    if (!grant) return
    // The identifier leaves whoever holds it now (unique column), then goes to the claimant.
    await trx.updateTable('organisations').set({ [claim.field]: null, updated_at: now }).where(claim.field, '=', claim.value).execute()
    await trx.updateTable('organisations').set({ [claim.field]: claim.value, ...(claim.field === 'siret' ? { siren: claim.value.slice(0, 9) } : {}), updated_at: now }).where('id', '=', claim.organisation_id).execute()
    await markVerified(trx, claim.organisation_id, reviewer)
    // Other claims of the same identifier are settled by this decision.
    await trx.updateTable('identifier_claims').set({ status: 'refusee', decided_by: reviewer, decided_at: now }).where('field', '=', claim.field).where('value', '=', claim.value).where('status', '=', 'en_revue').execute()
  })
}

const fr = {
  'organisations.identifier.declared': 'déclaré — clé de contrôle vérifiée',
  'organisations.identifier.verified': 'vérifié par la plateforme',
  'organisations.identifier.claimed': '{field} {value} : déjà déclaré par une autre organisation, en cours de revue par la plateforme',
  'organisations.review.decided': 'Cette revendication a déjà été tranchée.',
  'organisations.review.title': 'Identifiants des organisations',
  'organisations.review.intro': 'Un SIRET ou un numéro RNA reste « déclaré » tant qu’il n’est pas vérifié ici (par exemple sur l’annuaire des entreprises ou le répertoire des associations). Quand une organisation déclare un identifiant déjà détenu par une autre, une revendication s’ouvre : accordez-la pour lui transférer l’identifiant, ou refusez-la.',
  'organisations.review.claims': 'Revendications en revue',
  'organisations.review.claims.none': 'Aucune revendication en revue.',
  'organisations.review.claimant': 'Organisation qui revendique',
  'organisations.review.holder': 'Détenteur actuel',
  'organisations.review.identifier': 'Identifiant',
  'organisations.review.date': 'Date',
  'organisations.review.action': 'Décision',
  'organisations.review.grant': 'Accorder',
  'organisations.review.grantLabel': 'Accorder {value} à {name}',
  'organisations.review.refuse': 'Refuser',
  'organisations.review.refuseLabel': 'Refuser {value} à {name}',
  'organisations.review.unverified': 'Identifiants déclarés, à vérifier',
  'organisations.review.unverified.none': 'Tous les identifiants déclarés sont vérifiés.',
  'organisations.review.verify': 'Vérifié',
  'organisations.review.verifyLabel': 'Marquer vérifiés les identifiants de {name}',
  'organisations.review.done': 'C’est enregistré.',
}

const en: Record<keyof typeof fr, string> = {
  'organisations.identifier.declared': 'declared — check digit verified',
  'organisations.identifier.verified': 'verified by the platform',
  'organisations.identifier.claimed': '{field} {value}: already declared by another organisation, under review by the platform',
  'organisations.review.decided': 'This claim has already been decided.',
  'organisations.review.title': 'Organisations’ identifiers',
  'organisations.review.intro': 'A SIRET or RNA number stays “declared” until it is verified here (for instance in the companies’ directory or the associations’ register). When an organisation declares an identifier another one holds, a claim opens: grant it to move the identifier to the claimant, or refuse it.',
  'organisations.review.claims': 'Claims under review',
  'organisations.review.claims.none': 'No claim under review.',
  'organisations.review.claimant': 'Claiming organisation',
  'organisations.review.holder': 'Current holder',
  'organisations.review.identifier': 'Identifier',
  'organisations.review.date': 'Date',
  'organisations.review.action': 'Decision',
  'organisations.review.grant': 'Grant',
  'organisations.review.grantLabel': 'Grant {value} to {name}',
  'organisations.review.refuse': 'Refuse',
  'organisations.review.refuseLabel': 'Refuse {value} to {name}',
  'organisations.review.unverified': 'Declared identifiers to verify',
  'organisations.review.unverified.none': 'Every declared identifier is verified.',
  'organisations.review.verify': 'Verified',
  'organisations.review.verifyLabel': 'Mark the identifiers of {name} as verified',
  'organisations.review.done': 'Saved.',
}

export const identifierReviewMessages: MessageBundle = { fr, en }
