/** Kysely types of needs, resources (and wishes to engage), contact requests and their messages. */
import type { Generated } from 'kysely'

/** Statuses of a need: open, under discussion with a partner, covered, closed. */
export type NeedStatus = 'ouvert' | 'en_discussion' | 'couvert' | 'clos'
/** Statuses of a resource: available (matched), paused, closed. */
export type ResourceStatus = 'disponible' | 'suspendue' | 'close'
/** How soon a need should be met: under 3 months, 3 to 12 months, over a year. */
export type Horizon = 'court' | 'moyen' | 'long'
/** Stored statuses of a contact request; `expiree` is also computed for unanswered ones past 30 days. */
export type RequestStatus = 'proposee' | 'acceptee' | 'refusee' | 'expiree'

export interface NeedsTable {
  id: string
  organisation_id: string
  created_by: string | null
  title: string
  description: string
  /** code of the vocabulary kind `domain` */
  domain: string
  /** SDGs as bits: SDG n is bit n − 1 */
  sdg_mask: number
  /** contribution types sought, as bits in the vocabulary's order (filters and the dashboard) */
  type_mask: number
  territory_id: string
  /** the need's territory at each level (itself at its own level, the levels containing it above) */
  terr_commune_id: string | null
  terr_epci_id: string | null
  terr_ept_id: string | null
  terr_departement_id: string | null
  terr_region_id: string | null
  /** world of the organisation, copied when the need is saved */
  world: string
  horizon: Horizon
  lever: string | null
  status: NeedStatus
  is_demo: number
  created_at: string
  updated_at: string
}

/** One kind of help a need seeks, with its details (amounts in cents, hours per person). */
export interface NeedContributionsTable {
  need_id: string
  contribution_type: string
  amount_min_cents: number | null
  amount_max_cents: number | null
  hours: number | null
  people: number | null
  skills: string | null
  details: string | null
}

export interface ResourcesTable {
  id: string
  organisation_id: string
  created_by: string | null
  /** `ressource` (what the organisation can bring) or `envie` (a wish to engage) */
  kind: 'ressource' | 'envie'
  title: string
  description: string
  contribution_type: string
  amount_min_cents: number | null
  amount_max_cents: number | null
  /** hours per person */
  hours: number | null
  people: number | null
  skills: string | null
  items: string | null
  place: string | null
  /** domains of interest as bits in the vocabulary's order */
  domain_mask: number
  sdg_mask: number
  /** a territory id, or `national` */
  reach_territory_id: string
  /** the seat of the organisation at each level, copied when the resource is saved */
  seat_commune_id: string | null
  seat_epci_id: string | null
  seat_ept_id: string | null
  seat_departement_id: string | null
  seat_region_id: string | null
  world: string
  /** the resource's match profile (`match_profiles.id`: its type, domains and SDGs), written with them */
  match_profile: number
  available_from: string | null
  available_until: string | null
  status: ResourceStatus
  is_demo: number
  created_at: string
  updated_at: string
}

/**
 * A distinct combination of a resource's contribution type, domains and SDGs (see `matching/profiles.ts`).
 * Rows are only ever added: a profile no resource uses any more costs nothing.
 */
export interface MatchProfilesTable {
  id: Generated<number>
  contribution_type: string
  domain_mask: number
  sdg_mask: number
}

export interface ContactRequestsTable {
  id: string
  need_id: string
  resource_id: string
  from_organisation_id: string
  to_organisation_id: string
  from_user_id: string | null
  message: string
  status: RequestStatus
  created_at: string
  expires_at: string
  answered_at: string | null
  answered_by: string | null
}

export interface ContactMessagesTable {
  id: string
  request_id: string
  organisation_id: string
  user_id: string | null
  body: string
  created_at: string
}

export interface ListeningTables {
  needs: NeedsTable
  need_contributions: NeedContributionsTable
  resources: ResourcesTable
  match_profiles: MatchProfilesTable
  contact_requests: ContactRequestsTable
  contact_messages: ContactMessagesTable
}
