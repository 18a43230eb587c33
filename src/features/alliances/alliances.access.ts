/**
 * Loads what the policy needs to decide about one alliance (the row and the actor's own partner rows), and the
 * alliance's content once the policy let the actor see it. Both answer 404 for an alliance that does not exist
 * — also when it was deleted between the check and the read, a race that is never a 500.
 */
import type { Kysely, Transaction } from 'kysely'
import type { Actor } from '../../core/access/actor.js'
import { notFound } from '../../core/errors.js'
import type { Database } from '../../database.js'
import type { AllianceAccess } from './alliances.policy.js'
import { findAllianceDetails, unsafeFindAlliance, unsafeListPartnersOf, type AllianceDetails, type AllianceScope } from './alliances.queries.js'

type Db = Kysely<Database> | Transaction<Database>

/** Loads the alliance and the actor's partner rows (any status); 404 when the alliance does not exist. */
export async function loadAllianceAccess(db: Db, actor: Actor, allianceId: string): Promise<AllianceAccess> {
  const alliance = await unsafeFindAlliance(db, allianceId)
  if (!alliance) throw notFound()
  const own = await unsafeListPartnersOf(db, allianceId, [...actor.memberships.keys()])
  return { alliance, own }
}

/** The alliance's content (perimeter, SDGs, targets, levers); 404 when it was deleted since the scope was given. */
export async function allianceDetails(db: Db, scope: AllianceScope): Promise<AllianceDetails> {
  const details = await findAllianceDetails(db, scope)
  if (!details) throw notFound()
  return details
}
