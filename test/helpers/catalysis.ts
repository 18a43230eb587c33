/**
 * A small world for catalysis tests: an animating organisation A (collectivité) with an admin and a member,
 * a co-animating organisation C (association) with an admin, an outsider organisation O (entreprise) with an
 * admin, a platform admin, a territory space animated by A over the EPT Paris Est Marne et Bois with C active,
 * and many people for registrations. People are written directly (no password needed for service tests);
 * `actorOf` gives the actor the sessions plugin would load.
 */
import type { Actor } from '../../src/core/access/actor.js'
import { newId, nowIso } from '../../src/core/db/values.js'
import { createSpace } from '../../src/features/catalysis/spaces/spaces.service.js'
import { addMember, actorOf, insertOrganisation, type Db } from './alliances.js'

export { actorOf, addMember, insertOrganisation }

/** Inserts a person (no usable password) and returns their id. */
export async function insertUser(db: Db, email: string, options: { platformAdmin?: boolean } = {}): Promise<string> {
  const id = newId()
  const now = nowIso()
  await db
    .insertInto('users')
    .values({ id, email, password_hash: 'x', display_name: email.split('@')[0] as string, locale: 'fr', is_platform_admin: options.platformAdmin ? 1 : 0, is_demo: 0, created_at: now, updated_at: now })
    .execute()
  return id
}

export interface CatalysisWorld {
  org: { A: string; C: string; O: string }
  actors: { adminA: Actor; memberA: Actor; adminC: Actor; adminO: Actor; platformAdmin: Actor }
  spaceId: string
}

export const PILOT_EPT = 'ept:200057941'

export async function buildCatalysisWorld(db: Db, tag = 'w'): Promise<CatalysisWorld> {
  const A = await insertOrganisation(db, `Mission coopérations ${tag}`, 'collectivite', 'commune:94068')
  const C = await insertOrganisation(db, `Maison des associations ${tag}`, 'association', 'commune:94080')
  const O = await insertOrganisation(db, `Entreprise extérieure ${tag}`, 'entreprise', 'commune:94017')
  const emails = { adminA: `admin-a-${tag}@example.org`, memberA: `member-a-${tag}@example.org`, adminC: `admin-c-${tag}@example.org`, adminO: `admin-o-${tag}@example.org`, platformAdmin: `platform-${tag}@example.org` }
  await addMember(db, await insertUser(db, emails.adminA), A, 'admin')
  await addMember(db, await insertUser(db, emails.memberA), A, 'member')
  await addMember(db, await insertUser(db, emails.adminC), C, 'admin')
  await addMember(db, await insertUser(db, emails.adminO), O, 'admin')
  await insertUser(db, emails.platformAdmin, { platformAdmin: true })
  const actors = {
    adminA: await actorOf(db, emails.adminA),
    memberA: await actorOf(db, emails.memberA),
    adminC: await actorOf(db, emails.adminC),
    adminO: await actorOf(db, emails.adminO),
    platformAdmin: await actorOf(db, emails.platformAdmin),
  }
  const spaceId = await createSpace(db, actors.adminA, A, { name: `Espace Marne & Bois ${tag}`, mission: 'Faire se rencontrer les acteurs du territoire pilote.', trades: ['dialogue_territorial', 'gestion_lieu'], territoryIds: [PILOT_EPT] })
  await db.insertInto('catalysis_space_coanimators').values({ space_id: spaceId, organisation_id: C, status: 'active', invited_by: null, created_at: nowIso(), answered_at: nowIso() }).execute()
  return { org: { A, C, O }, actors, spaceId }
}

/** Next year's date-time in Paris local form, for meetings that have not started. */
export function nextYear(monthDayTime: string): string {
  return `${new Date().getUTCFullYear() + 1}-${monthDayTime}`
}
