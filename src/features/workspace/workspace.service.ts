/** Gathers "Mon espace" for the signed-in actor: bounded, indexed reads run side by side. */
import type { Kysely } from 'kysely'
import { requireUser, type Actor } from '../../core/access/actor.js'
import { nowIso } from '../../core/db/values.js'
import type { Database } from '../../database.js'
import { listRecentNotifications } from '../notifications/index.js'
import { listInvitationsForEmail, listMembershipsOfUser } from '../organisations/index.js'
import { allianceInvitations, chartersToSign, formsToFill, myAlliances, myListings, requestsToAnswer, workspaceScope, LIST_SIZE } from './workspace.queries.js'

export type WorkspaceData = Awaited<ReturnType<typeof loadWorkspace>>

export async function loadWorkspace(db: Kysely<Database>, actor: Actor) {
  const user = requireUser(actor)
  const scope = workspaceScope(user)
  const now = nowIso()
  const [organisations, organisationInvitations, invitations, charters, requests, forms, listings, alliances, activity] = await Promise.all([
    listMembershipsOfUser(db, user.userId),
    listInvitationsForEmail(db, user.email.toLowerCase(), now),
    allianceInvitations(db, scope),
    chartersToSign(db, scope),
    requestsToAnswer(db, scope, now),
    formsToFill(db, scope, now.slice(0, 10)),
    myListings(db, scope),
    myAlliances(db, scope),
    listRecentNotifications(db, user.userId, LIST_SIZE),
  ])
  return {
    displayName: user.displayName,
    organisations,
    organisationInvitations,
    allianceInvitations: invitations,
    charters,
    requests,
    forms,
    needs: listings.needs,
    resources: listings.resources,
    alliances,
    activity,
  }
}
