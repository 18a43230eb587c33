/** Kysely types of catalysis: spaces, activities, places, meetings and registrations, dialogues, maturity. */

/** A territory space (espace territorial): an organisation animates a perimeter with a team. */
export interface CatalysisSpacesTable {
  id: string
  /** the animating organisation (its admins run the space) */
  organisation_id: string
  name: string
  search_name: string
  mission: string
  /** the trades practised (vocabulary kind `catalysis_trade`), as bits in the vocabulary's order */
  trade_mask: number
  is_demo: number
  created_by: string | null
  created_at: string
  updated_at: string
}

export interface CatalysisSpaceTerritoriesTable {
  space_id: string
  territory_id: string
}

/** A co-animating organisation: invited by the space's admins, active once its admins accept. */
export type CoanimatorStatus = 'invitee' | 'active'
export interface CatalysisSpaceCoanimatorsTable {
  space_id: string
  organisation_id: string
  status: CoanimatorStatus
  invited_by: string | null
  created_at: string
  answered_at: string | null
}

/** One activity of the log, in one cell of the 4 × 4 grid. */
export interface CatalysisActivitiesTable {
  id: string
  space_id: string
  /** vocabulary kind `catalysis_activity` */
  activity: string
  /** the activity's trade (its parent term), copied for the grid */
  trade: string
  title: string
  description: string
  /** YYYY-MM-DD, a Paris day */
  started_on: string
  ended_on: string | null
  /** year of `started_on` (the heat table's rows) */
  year: number
  minutes_spent: number | null
  is_demo: number
  created_by: string | null
  created_at: string
  updated_at: string
}

export interface CatalysisActivityOrganisationsTable {
  activity_id: string
  organisation_id: string
}

/** What an activity produced, linked to a real object. */
export type OutputKind = 'connection' | 'alliance' | 'need' | 'survey' | 'meeting'
export interface CatalysisActivityOutputsTable {
  activity_id: string
  kind: OutputKind
  target_id: string
}

/** A place that serves co-construction. */
export interface CatalysisPlacesTable {
  id: string
  /** the managing organisation */
  organisation_id: string
  name: string
  search_name: string
  kind: string
  description: string
  address: string
  commune_id: string
  terr_epci_id: string | null
  terr_ept_id: string | null
  terr_departement_id: string | null
  terr_region_id: string | null
  capacity: number | null
  /** comma-separated accessibility codes */
  accessibility: string
  /** comma-separated service codes */
  services: string
  /** JSON: day code → "09:00-12:00,14:00-18:00" */
  opening_hours: string
  website: string | null
  /** the listening resource (`lieu`) offering the place, when it is offered */
  resource_id: string | null
  is_demo: number
  created_by: string | null
  created_at: string
  updated_at: string
}

export type MeetingVisibility = 'public' | 'invitation'
export type MeetingStatus = 'prevue' | 'annulee'

export interface CatalysisMeetingsTable {
  id: string
  title: string
  kind: string
  description: string
  /** ISO-8601 UTC instants (entered and shown in Europe/Paris) */
  starts_at: string
  ends_at: string
  place_id: string | null
  address: string | null
  online_url: string | null
  territory_id: string
  terr_commune_id: string | null
  terr_epci_id: string | null
  terr_ept_id: string | null
  terr_departement_id: string | null
  terr_region_id: string | null
  /** the organising space, if any; `organisation_id` is always the organising organisation */
  space_id: string | null
  organisation_id: string
  dialogue_id: string | null
  visibility: MeetingVisibility
  capacity: number
  registered_count: number
  waiting_count: number
  present_count: number
  arrival_seq: number
  status: MeetingStatus
  minutes: string | null
  decisions: string | null
  minutes_published_at: string | null
  feedback_campaign_id: string | null
  ical_sequence: number
  is_demo: number
  created_by: string | null
  created_at: string
  updated_at: string
}

/** The seats of a meeting per bucket: a world with a quota, or `*` for the seats open to any world. */
export interface CatalysisMeetingSeatsTable {
  meeting_id: string
  bucket: string
  seats: number
  taken: number
}

export type RegistrationStatus = 'inscrit' | 'attente' | 'annule'
export interface CatalysisRegistrationsTable {
  id: string
  meeting_id: string
  user_id: string
  organisation_id: string | null
  world: string | null
  bucket: string
  status: RegistrationStatus
  /** order of arrival (1, 2, 3… per meeting): the waiting list is promoted in this order */
  arrival: number
  created_at: string
  seated_at: string | null
  cancelled_at: string | null
  /** 1 present, 0 absent, null not taken */
  attended: number | null
  attendance_at: string | null
  reminder_sent_at: string | null
}

export interface CatalysisMeetingInvitationsTable {
  id: string
  meeting_id: string
  organisation_id: string | null
  /** lower-cased e-mail address of an invited person */
  email: string | null
  invited_by: string | null
  created_at: string
}

export interface CatalysisEncountersTable {
  meeting_id: string
  organisation_a_id: string
  organisation_b_id: string
  met_at: string
  declared_by: string | null
  contact_request_id: string | null
  created_at: string
}

export interface CatalysisMeetingAlliancesTable {
  meeting_id: string
  alliance_id: string
  journal_entry_id: string | null
  created_at: string
}

export type DialogueStatus = 'en_cours' | 'clos'
export interface CatalysisDialoguesTable {
  id: string
  space_id: string
  title: string
  purpose: string
  territory_id: string | null
  subject_organisation_id: string | null
  status: DialogueStatus
  started_on: string
  closed_on: string | null
  /** the maturity questionnaire and campaign (surveys module) */
  questionnaire_id: string | null
  campaign_id: string | null
  is_demo: number
  created_by: string | null
  created_at: string
  updated_at: string
}

export type Consent = 'accord' | 'refus'
export interface CatalysisDialogueParticipantsTable {
  dialogue_id: string
  organisation_id: string
  world: string
  consent: Consent | null
  consent_at: string | null
  consent_by: string | null
  created_at: string
}

export type FindingKind = 'fragilite' | 'atout' | 'specificite'
export type Priority = 'haute' | 'moyenne' | 'basse'
export interface CatalysisFindingsTable {
  id: string
  dialogue_id: string
  kind: FindingKind
  title: string
  description: string
  domain: string
  sdg_mask: number
  priority: Priority
  organisation_id: string
  world: string
  created_by: string | null
  created_at: string
  updated_at: string
}

export interface CatalysisFindingViewsTable {
  finding_id: string
  organisation_id: string
  world: string
  /** 1 (secondary) to 4 (essential) */
  importance: number
  comment: string
  created_by: string | null
  updated_at: string
}

export interface CatalysisMaturityGridsTable {
  version: number
  /** JSON of the grid (see dialogues/maturity.grid.ts) */
  definition: string
  note: string
  created_by: string | null
  created_at: string
}

export interface CatalysisMaturityResultsTable {
  dialogue_id: string
  grid_version: number
  /** score out of 100, in tenths (exact) */
  score_tenths: number
  level: string
  respondents: number
  /** JSON: criterion key → score out of 100 in tenths, or null when unanswered */
  criteria: string
  /** JSON: lever code → share ranked first, in tenths of a percent */
  lever_first: string
  computed_by: string | null
  computed_at: string
  published_at: string | null
}

export interface CatalysisTables {
  catalysis_spaces: CatalysisSpacesTable
  catalysis_space_territories: CatalysisSpaceTerritoriesTable
  catalysis_space_coanimators: CatalysisSpaceCoanimatorsTable
  catalysis_activities: CatalysisActivitiesTable
  catalysis_activity_organisations: CatalysisActivityOrganisationsTable
  catalysis_activity_outputs: CatalysisActivityOutputsTable
  catalysis_places: CatalysisPlacesTable
  catalysis_meetings: CatalysisMeetingsTable
  catalysis_meeting_seats: CatalysisMeetingSeatsTable
  catalysis_registrations: CatalysisRegistrationsTable
  catalysis_meeting_invitations: CatalysisMeetingInvitationsTable
  catalysis_encounters: CatalysisEncountersTable
  catalysis_meeting_alliances: CatalysisMeetingAlliancesTable
  catalysis_dialogues: CatalysisDialoguesTable
  catalysis_dialogue_participants: CatalysisDialogueParticipantsTable
  catalysis_findings: CatalysisFindingsTable
  catalysis_finding_views: CatalysisFindingViewsTable
  catalysis_maturity_grids: CatalysisMaturityGridsTable
  catalysis_maturity_results: CatalysisMaturityResultsTable
}
