/** Kysely types of alliances, their partners, charter, contributions, journal, and partnerships. */
import type { MeetingFrequency } from './alliances.schemas.js'
import type { ContributionUnit } from './quantities.js'

/** `public`: everyone sees the alliance; `partners`: only its partners do (everyone else gets a 404). */
export type AllianceVisibility = 'public' | 'partners'

/** `invited` → `active` (accepted) or `declined`; `active` → `left` (dated, history kept). */
export type PartnerStatus = 'invited' | 'active' | 'declined' | 'left'

/** What a partner says about each of the four objectives: what it brings, what it expects. */
export type ObjectiveDirection = 'brings' | 'expects'

/** `proposed` by one organisation's admin, then `confirmed` or `declined` by the other's. */
export type PartnershipStatus = 'proposed' | 'confirmed' | 'declined'

/** Entries the platform writes in the journal by itself, so that the history is complete. */
export type SystemEvent = 'created' | 'phase_changed' | 'partner_joined' | 'partner_left' | 'charter_version'

export interface AlliancesTable {
  id: string
  name: string
  /** normalised name for search (lower case, no accents) */
  search_name: string
  /** the shared stakes (enjeux partagés) */
  stakes: string
  description: string
  /** code of the vocabulary kind `coconstruction_form` */
  form: string
  /** code of the vocabulary kind `alliance_phase` */
  phase: string
  /** date (YYYY-MM-DD) the current phase began */
  phase_since: string
  visibility: AllianceVisibility
  /** YYYY-MM-DD */
  started_on: string
  ended_on: string | null
  is_demo: number
  created_by: string | null
  created_at: string
  updated_at: string
}

/**
 * The directory's index of alliances: one narrow row per alliance and per place it is found in — `france`
 * (everywhere) and each territory containing its perimeter, from the geography's closure — with what the
 * directory filters on. Derived data, rewritten by the services (see `facets.ts`, docs/alliances.md).
 */
export interface AllianceDirectoryTable {
  /** `france`, or the id of a territory containing the alliance's perimeter (itself included) */
  scope_id: string
  alliance_id: string
  visibility: AllianceVisibility
  search_name: string
  phase: string
  form: string
  /** bit `1 << n` set for each SDG n of the alliance (a summary of `alliance_sdgs`) */
  sdg_mask: number
  /** one bit per lever, in the lexique's order (a summary of `alliance_levers`) */
  lever_mask: number
  /** one bit per world of an active partner, in the lexique's order */
  world_mask: number
}

export interface AllianceTerritoriesTable {
  alliance_id: string
  territory_id: string
}

export interface AllianceSdgsTable {
  alliance_id: string
  sdg: number
}

export interface AllianceSdgTargetsTable {
  alliance_id: string
  /** e.g. `17.17`, `4.a` */
  target: string
}

export interface AllianceLeversTable {
  alliance_id: string
  /** code of the vocabulary kind `lever` */
  lever: string
}

export interface AlliancePartnersTable {
  id: string
  alliance_id: string
  organisation_id: string
  /** code of the vocabulary kind `partner_role` */
  role: string
  status: PartnerStatus
  /** free text: what the partner brings */
  brings: string
  /** free text: what the partner expects */
  expects: string
  invited_by: string | null
  invited_at: string
  responded_by: string | null
  /** YYYY-MM-DD the invitation was accepted */
  joined_on: string | null
  /** YYYY-MM-DD the partner left */
  left_on: string | null
  left_reason: string
  updated_at: string
}

export interface AlliancePartnerObjectivesTable {
  partner_id: string
  direction: ObjectiveDirection
  /** code of the vocabulary kind `partnership_objective` */
  objective: string
}

export interface AllianceChartersTable {
  id: string
  alliance_id: string
  /** 1, 2, 3… in the order of edits */
  version: number
  principles: string
  /** who decides what */
  governance: string
  meeting_frequency: MeetingFrequency
  /** YYYY-MM-DD */
  next_review_on: string
  created_by: string | null
  created_at: string
}

export interface AllianceCharterCommitmentsTable {
  charter_id: string
  organisation_id: string
  commitments: string
}

export interface AllianceCharterSignaturesTable {
  charter_id: string
  organisation_id: string
  /** the version signed (equal to the charter row's version; recorded with the signature) */
  version: number
  signed_by: string | null
  /** the signer's name at the time of signing (kept if the account is later deleted) */
  signer_name: string
  signed_at: string
}

/**
 * The sums of an alliance's contributions per partner organisation, type and unit, kept by triggers on
 * `alliance_contributions` (migration `2026-12-20T09-00_alliance_contribution_sums`); `n = 0` once all are gone.
 */
export interface AllianceContributionSumsTable {
  alliance_id: string
  organisation_id: string
  contribution_type: string
  unit: ContributionUnit
  quantity_hundredths: number
  /** how many contributions */
  n: number
}

export interface AllianceContributionsTable {
  id: string
  alliance_id: string
  partner_id: string
  organisation_id: string
  /** code of the vocabulary kind `contribution_type` */
  contribution_type: string
  unit: ContributionUnit
  /**
   * The quantity × 100, an exact integer: for euros this is the amount in cents; for hours, days and m² it
   * keeps two decimals; people and items are whole numbers (multiples of 100).
   */
  quantity_hundredths: number
  /** YYYY-MM-DD */
  contributed_on: string
  description: string
  created_by: string | null
  created_at: string
  updated_by: string | null
  updated_at: string
}

export interface AllianceJournalEntriesTable {
  id: string
  alliance_id: string
  /** the partner organisation on whose behalf the entry was written (null for some system entries) */
  organisation_id: string | null
  /** code of the vocabulary kind `journal_kind` */
  kind: string
  /** YYYY-MM-DD */
  occurred_on: string
  /** the title as a partner wrote it; empty when `title_key` is set */
  title: string
  /**
   * The title as a message of the platform's catalogues (`alliances.journal.event.created`, a key of another
   * feature that writes in journals…), rendered in each reader's language with `title_params`; null when the
   * title is free text written by a partner.
   */
  title_key: string | null
  /** JSON object of the message's parameters (codes, names, numbers — never sentences); null with free text */
  title_params: string | null
  body: string
  phase_from: string | null
  phase_to: string | null
  /**
   * For entries the platform writes itself, what happened; such entries are never corrected by partners.
   * Null for entries written by partners (or for them, by another feature).
   */
  system_event: SystemEvent | null
  author_id: string | null
  created_at: string
}

export interface PartnershipsTable {
  id: string
  /** the alliance the partnership belongs to, or null for a partnership on its own */
  alliance_id: string | null
  /** the organisation that proposed the partnership */
  organisation_a_id: string
  organisation_b_id: string
  /** code of the vocabulary kind `partnership_type` (sub-types of mécénat included) */
  partnership_type: string
  status: PartnershipStatus
  started_on: string
  ended_on: string | null
  description: string
  proposed_by: string | null
  answered_by: string | null
  is_demo: number
  created_at: string
  updated_at: string
}

export interface AllianceTables {
  alliances: AlliancesTable
  alliance_directory: AllianceDirectoryTable
  alliance_territories: AllianceTerritoriesTable
  alliance_sdgs: AllianceSdgsTable
  alliance_sdg_targets: AllianceSdgTargetsTable
  alliance_levers: AllianceLeversTable
  alliance_partners: AlliancePartnersTable
  alliance_partner_objectives: AlliancePartnerObjectivesTable
  alliance_charters: AllianceChartersTable
  alliance_charter_commitments: AllianceCharterCommitmentsTable
  alliance_charter_signatures: AllianceCharterSignaturesTable
  alliance_contributions: AllianceContributionsTable
  alliance_contribution_sums: AllianceContributionSumsTable
  alliance_journal_entries: AllianceJournalEntriesTable
  partnerships: PartnershipsTable
}
