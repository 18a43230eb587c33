/**
 * What "Mon espace" reads, all **scoped to the actor's own organisations** (the `WorkspaceScope` built from
 * their memberships) or to the actor themself: every list is bounded (`LIMIT`) and follows an index
 * (`alliance_partners (organisation_id, status, …)`, `contact_requests (to_organisation_id, status)`,
 * `needs/resources (organisation_id, status)`, `notifications (user_id, …)`, `survey_responses (user_id)`), so
 * the page stays fast however large the platform grows.
 */
import type { Kysely } from 'kysely'
import type { Actor } from '../../core/access/actor.js'
import type { Database } from '../../database.js'

type Db = Kysely<Database>

/** The organisations the page may speak of: the actor's, with the ones they administer. */
export interface WorkspaceScope {
  userId: string
  email: string
  organisationIds: string[]
  adminOf: string[]
}

/** The scope of the signed-in actor (built from their memberships, loaded with the session). */
export function workspaceScope(actor: Actor & { userId: string }): WorkspaceScope {
  const organisationIds = [...actor.memberships.keys()]
  return { userId: actor.userId, email: actor.email, organisationIds, adminOf: organisationIds.filter((id) => actor.memberships.get(id) === 'admin') }
}

/** How many items each list shows (the page links to the full lists). */
export const LIST_SIZE = 10

/** Alliances inviting one of the organisations the actor administers (answer: accept or decline). */
export async function allianceInvitations(db: Db, scope: WorkspaceScope) {
  if (scope.adminOf.length === 0) return []
  return db
    .selectFrom('alliance_partners')
    .innerJoin('alliances', 'alliances.id', 'alliance_partners.alliance_id')
    .innerJoin('organisations', 'organisations.id', 'alliance_partners.organisation_id')
    .select(['alliance_partners.id as partner_id', 'alliances.id as alliance_id', 'alliances.name as alliance_name', 'organisations.name as organisation_name', 'alliance_partners.invited_at'])
    .where('alliance_partners.organisation_id', 'in', scope.adminOf)
    .where('alliance_partners.status', '=', 'invited')
    .orderBy('alliance_partners.invited_at', 'desc')
    .limit(LIST_SIZE)
    .execute()
}

/**
 * Charters whose latest version an administered, active partner has not signed yet. The latest version of
 * each alliance is found by `version = max(version)` within the few alliances of the actor's organisations.
 */
export async function chartersToSign(db: Db, scope: WorkspaceScope) {
  if (scope.adminOf.length === 0) return []
  return db
    .selectFrom('alliance_partners')
    .innerJoin('alliances', 'alliances.id', 'alliance_partners.alliance_id')
    .innerJoin('organisations', 'organisations.id', 'alliance_partners.organisation_id')
    .innerJoin('alliance_charters', 'alliance_charters.alliance_id', 'alliances.id')
    .select(['alliances.id as alliance_id', 'alliances.name as alliance_name', 'organisations.id as organisation_id', 'organisations.name as organisation_name', 'alliance_charters.version'])
    .where('alliance_partners.organisation_id', 'in', scope.adminOf)
    .where('alliance_partners.status', '=', 'active')
    .where('alliance_charters.version', '=', (eb) => eb.selectFrom('alliance_charters as latest').select((e) => e.fn.max('latest.version').as('v')).whereRef('latest.alliance_id', '=', 'alliances.id'))
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('alliance_charter_signatures')
            .select('alliance_charter_signatures.charter_id')
            .whereRef('alliance_charter_signatures.charter_id', '=', 'alliance_charters.id')
            .whereRef('alliance_charter_signatures.organisation_id', '=', 'alliance_partners.organisation_id'),
        ),
      ),
    )
    .orderBy('alliance_charters.created_at', 'desc')
    .limit(LIST_SIZE)
    .execute()
}

/** Connection requests waiting for an answer from one of the actor's organisations. */
export async function requestsToAnswer(db: Db, scope: WorkspaceScope, now: string) {
  if (scope.organisationIds.length === 0) return []
  return db
    .selectFrom('contact_requests')
    .innerJoin('organisations as origin', 'origin.id', 'contact_requests.from_organisation_id')
    .innerJoin('needs', 'needs.id', 'contact_requests.need_id')
    .select(['contact_requests.id', 'origin.name as from_name', 'needs.title as need_title', 'contact_requests.expires_at'])
    .where('contact_requests.to_organisation_id', 'in', scope.organisationIds)
    .where('contact_requests.status', '=', 'proposee')
    .where('contact_requests.expires_at', '>', now)
    .orderBy('contact_requests.expires_at')
    .limit(LIST_SIZE)
    .execute()
}

/** Surveys the actor started answering with their account and has not submitted, while still open. */
export async function formsToFill(db: Db, scope: WorkspaceScope, today: string) {
  return db
    .selectFrom('survey_responses')
    .innerJoin('survey_campaigns', 'survey_campaigns.id', 'survey_responses.campaign_id')
    .select(['survey_campaigns.id as campaign_id', 'survey_campaigns.title', 'survey_campaigns.closes_on'])
    .where('survey_responses.user_id', '=', scope.userId)
    .where('survey_responses.status', '=', 'draft')
    .where('survey_campaigns.closes_on', '>=', today)
    .orderBy('survey_campaigns.closes_on')
    .limit(LIST_SIZE)
    .execute()
}

/** The latest needs and resources of the actor's organisations. */
export async function myListings(db: Db, scope: WorkspaceScope) {
  if (scope.organisationIds.length === 0) return { needs: [], resources: [] }
  const [needs, resources] = await Promise.all([
    db.selectFrom('needs').select(['id', 'title', 'status', 'updated_at']).where('organisation_id', 'in', scope.organisationIds).orderBy('updated_at', 'desc').limit(LIST_SIZE).execute(),
    db.selectFrom('resources').select(['id', 'title', 'status', 'updated_at']).where('organisation_id', 'in', scope.organisationIds).orderBy('updated_at', 'desc').limit(LIST_SIZE).execute(),
  ])
  return { needs, resources }
}

/** The alliances the actor's organisations take part in (active partners). */
export async function myAlliances(db: Db, scope: WorkspaceScope) {
  if (scope.organisationIds.length === 0) return []
  return db
    .selectFrom('alliance_partners')
    .innerJoin('alliances', 'alliances.id', 'alliance_partners.alliance_id')
    .select(['alliances.id', 'alliances.name', 'alliances.phase'])
    .distinct()
    .where('alliance_partners.organisation_id', 'in', scope.organisationIds)
    .where('alliance_partners.status', '=', 'active')
    .orderBy('alliances.name')
    .limit(LIST_SIZE)
    .execute()
}
