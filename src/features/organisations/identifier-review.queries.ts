/**
 * Reads of the identifier review: the state of an organisation's identifiers ("vérifié" / "déclaré" and its
 * claims under review, public on its profile) and the review lists of platform admins (read only after
 * `authorizeReview`, by the service).
 */
import type { Kysely, Transaction } from 'kysely'
import type { Database } from '../../database.js'

type Db = Kysely<Database> | Transaction<Database>

/** The identifiers under review: SIRET and RNA (SIREN follows the SIRET). */
export type IdentifierField = 'siret' | 'rna'

/** "vérifié" or "déclaré" for each identifier of an organisation, and its open claims. */
export async function identifierStatus(db: Db, organisation: { id: string; siret: string | null; rna: string | null }) {
  const [verified, claims] = await Promise.all([
    db.selectFrom('identifier_verifications').selectAll().where('organisation_id', '=', organisation.id).executeTakeFirst(),
    db.selectFrom('identifier_claims').select(['field', 'value']).where('organisation_id', '=', organisation.id).where('status', '=', 'en_revue').execute(),
  ])
  const state = (field: IdentifierField) => (organisation[field] !== null && verified?.[field] === organisation[field] ? ('verifie' as const) : ('declare' as const))
  return { siret: state('siret'), rna: state('rna'), claims: claims as Array<{ field: IdentifierField; value: string }> }
}

/** Claims waiting for review, oldest first, with both organisations' names (at most 200). */
export async function openClaims(db: Db) {
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

/** Organisations (not the demonstration's) with a declared, unverified identifier, most recent first (at most 200). */
export async function unverifiedOrganisations(db: Db) {
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

/** A claim of the review (any status). */
export async function findClaim(db: Db, claimId: string) {
  return db.selectFrom('identifier_claims').selectAll().where('id', '=', claimId).executeTakeFirst()
}
