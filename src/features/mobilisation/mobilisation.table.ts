/**
 * Kysely types of mobilisation: calls to engage, pledges and their fulfilment, pooled funds and their ledger,
 * calls for projects, applications, reviews, decisions and grants. Money is in integer cents; quantities are
 * exact hundredths (the alliances' rule); days are Paris days `YYYY-MM-DD`; instants ISO-8601 UTC.
 */

/** `draft` (its publisher only) → `published` (everyone) → `closed` (early, or read as closed after `ends_on`). */
export type CallStatus = 'draft' | 'published' | 'closed'

/** Who a call to engage is aimed at: worlds, size bands, territories (organisations whose seat is inside). */
export type AudienceFacet = 'world' | 'size' | 'territory'

export interface MobilisationCallsTable {
  id: string
  /** the publishing organisation (a local authority, a network, or the animator of a catalysis space) */
  organisation_id: string
  /** the catalysis space the call is published from, if any */
  space_id: string | null
  title: string
  summary: string
  territory_id: string
  starts_on: string
  ends_on: string
  status: CallStatus
  published_at: string | null
  closed_at: string | null
  is_demo: number
  created_by: string | null
  created_at: string
  updated_at: string
}

export interface MobilisationCallGoalsTable {
  call_id: string
  /** one of `HELP_KINDS` */
  help_kind: string
  /** in the kind's unit, × 100 */
  target_hundredths: number
}

export interface MobilisationCallNeedsTable {
  call_id: string
  need_id: string
}

export interface MobilisationCallAudienceTable {
  call_id: string
  facet: AudienceFacet
  code: string
}

/** A pledge is `active` until its organisation withdraws it (dated, with a reason). */
export type PledgeStatus = 'active' | 'withdrawn'

export interface MobilisationPledgesTable {
  id: string
  organisation_id: string
  /** the pledger's world and size band, and its seat's levels and commune-size band, copied when it pledges */
  world: string
  size_band: string | null
  commune_id: string | null
  epci_id: string | null
  ept_id: string | null
  departement_id: string | null
  region_id: string | null
  commune_band: string | null
  /** what the pledge goes to: a call, a need, an alliance (at least one) */
  call_id: string | null
  need_id: string | null
  alliance_id: string | null
  help_kind: string
  unit: string
  quantity_hundredths: number
  /** volunteering: how many people give the hours */
  volunteers: number | null
  /** the sum of the pledge's links to contributions, kept by triggers */
  fulfilled_hundredths: number
  /** the value of the whole pledge on the day it was made (cents), null when no rate applies */
  value_cents: number | null
  /** `face` (euros), `rate` (from a table), `none` */
  value_basis: string
  /** the rate used (cents per unit) when `value_basis` is `rate` */
  rate_cents: number | null
  /** the value of what was fulfilled, at the same rate (kept by triggers with `fulfilled_hundredths`) */
  realised_cents: number | null
  rate_table_id: string | null
  rate_table_version: number | null
  pledged_on: string
  starts_on: string
  due_on: string
  schedule: string
  status: PledgeStatus
  withdrawn_on: string | null
  withdrawn_reason: string
  /** when the pledger was told the pledge is late (never shown to others) */
  late_notified_at: string | null
  is_demo: number
  created_by: string | null
  created_at: string
  updated_at: string
}

export interface MobilisationPledgeFulfilmentsTable {
  id: string
  pledge_id: string
  contribution_id: string
  quantity_hundredths: number
  linked_by: string | null
  linked_at: string
}

/** The legal form of a fund's host, as the fund's page says it. */
export type FundLegalForm = 'fondation' | 'fonds_dotation' | 'collectivite' | 'association' | 'autre'

export interface MobilisationFundsTable {
  id: string
  host_organisation_id: string
  name: string
  description: string
  legal_form: FundLegalForm
  /** the grant-maker's SIRET (`idAttribuant` of the SCDL export) */
  siret: string
  territory_id: string
  /** the ledger's running totals; CHECK constraints keep paid ≤ pledged, granted ≤ paid + committed, disbursed ≤ granted */
  pledged_cents: number
  paid_cents: number
  committed_cents: number
  granted_cents: number
  disbursed_cents: number
  is_demo: number
  created_by: string | null
  created_at: string
  updated_at: string
}

export type FundMemberRole = 'chair' | 'member'

/** A person of the fund's committee (governance), who may be assigned to review applications. */
export interface MobilisationFundMembersTable {
  fund_id: string
  user_id: string
  role: FundMemberRole
  added_by: string | null
  added_at: string
}

export interface MobilisationFundContributorsTable {
  fund_id: string
  organisation_id: string
  pledged_cents: number
  paid_cents: number
}

/** One line of a fund's ledger (amounts are positive; the kind says which total moves and how). */
export type FundEntryKind = 'pledge' | 'payment' | 'commitment' | 'grant' | 'grant_release' | 'disbursement'

export interface MobilisationFundEntriesTable {
  id: string
  fund_id: string
  kind: FundEntryKind
  organisation_id: string | null
  grant_id: string | null
  tranche: number | null
  amount_cents: number
  occurred_on: string
  note: string
  recorded_by: string | null
  recorded_at: string
}

/** `draft` (fund admins) → `published` (public; open between `opens_at` and `deadline_at`) → `decided` (decisions sent). */
export type ProjectCallStatus = 'draft' | 'published' | 'decided'

export interface MobilisationProjectCallsTable {
  id: string
  fund_id: string
  title: string
  summary: string
  territory_id: string
  min_amount_cents: number
  max_amount_cents: number
  /** the share of the budget that must come from elsewhere than the fund, in percent */
  cofunding_min_percent: number
  /** distinct worlds required among the applying alliance's active partners */
  min_worlds: number
  /** scores of the grid run from 0 to `score_max` */
  score_max: number
  opens_at: string
  deadline_at: string
  /** the surveys questionnaire holding the call's questions, and its definition frozen at publication (JSON) */
  questionnaire_id: string | null
  questions: string
  status: ProjectCallStatus
  published_at: string | null
  decided_at: string | null
  /** when draft applicants were reminded of the deadline */
  reminded_at: string | null
  is_demo: number
  created_by: string | null
  created_at: string
  updated_at: string
}

export interface MobilisationProjectCallSdgsTable {
  call_id: string
  sdg: number
}

export interface MobilisationCriteriaTable {
  call_id: string
  position: number
  label: string
  weight: number
}

export interface MobilisationReviewersTable {
  call_id: string
  user_id: string
  assigned_by: string | null
  assigned_at: string
}

/** `draft` (the applicants) → `submitted` (once) → `withdrawn` (by the applicants, dated). */
export type ApplicationStatus = 'draft' | 'submitted' | 'withdrawn'

export interface MobilisationApplicationsTable {
  id: string
  call_id: string
  alliance_id: string
  /** the partner organisation that receives the grant (the SCDL `nomBeneficiaire`) */
  beneficiary_organisation_id: string
  title: string
  summary: string
  requested_cents: number
  /** the budget's total (expenses = resources) */
  budget_cents: number
  /** answers to the call's questions (JSON: question key → value) */
  answers: string
  status: ApplicationStatus
  /** the eligibility checks as they were at submission (JSON) */
  eligibility: string
  submitted_at: string | null
  submitted_by: string | null
  withdrawn_at: string | null
  withdrawn_reason: string
  is_demo: number
  created_by: string | null
  created_at: string
  updated_at: string
}

export type BudgetSide = 'expense' | 'resource'

/** Where a resource comes from: the fund asked, a named co-funder, the applicants' own funds, help in kind. */
export type ResourceSource = 'fund' | 'cofunder' | 'own' | 'in_kind'

export interface MobilisationBudgetLinesTable {
  application_id: string
  side: BudgetSide
  position: number
  /** `expense` for expense lines; a `ResourceSource` for resources */
  source: string
  label: string
  amount_cents: number
  /** in-kind resources: the contribution type, unit and quantity valued with the reference rates */
  in_kind_type: string | null
  in_kind_unit: string | null
  in_kind_hundredths: number | null
  rate_table_version: number | null
}

export interface MobilisationConflictsTable {
  application_id: string
  user_id: string
  reason: string
  declared_at: string
}

export type ReviewStatus = 'draft' | 'submitted'

export interface MobilisationReviewsTable {
  application_id: string
  user_id: string
  call_id: string
  status: ReviewStatus
  comment: string
  /** the weighted score of the review on a 0–1000 scale (thousandths of the maximum), set at submission */
  total_milli: number | null
  updated_at: string
  submitted_at: string | null
}

export interface MobilisationScoresTable {
  application_id: string
  user_id: string
  position: number
  score: number
}

export type DecisionOutcome = 'funded' | 'rejected'

export interface MobilisationDecisionsTable {
  application_id: string
  call_id: string
  outcome: DecisionOutcome
  amount_cents: number
  conditions: string
  /** the reasons sent to the applicants */
  reasons: string
  decided_by: string | null
  decided_at: string
  published_at: string | null
}

/** `to_sign` until both sides signed → `signed`; `cancelled` releases the amount (nothing paid yet). */
export type GrantStatus = 'to_sign' | 'signed' | 'cancelled'

export interface MobilisationGrantsTable {
  id: string
  fund_id: string
  call_id: string
  application_id: string
  alliance_id: string
  beneficiary_organisation_id: string
  /** the decision's reference (`referenceDecision`) */
  reference: string
  /** what the grant is for, at most 256 characters (`objet`) */
  object: string
  amount_cents: number
  disbursed_cents: number
  conditions: string
  status: GrantStatus
  /** 1 when the grant includes help in kind (`nature`) */
  in_kind: number
  notification_ue: number
  dispositif_aide: string | null
  fund_signed_by: string | null
  fund_signed_at: string | null
  beneficiary_signed_by: string | null
  beneficiary_signed_at: string | null
  /** the Paris day both sides had signed (`dateConvention`) */
  signed_on: string | null
  /** its tranches: how many, and their first and last due days (kept by triggers on the tranches) */
  tranche_count: number
  first_due_on: string | null
  last_due_on: string | null
  is_demo: number
  created_at: string
  updated_at: string
}

export interface MobilisationGrantTranchesTable {
  grant_id: string
  number: number
  amount_cents: number
  due_on: string
  condition: string
  paid_cents: number
  paid_on: string | null
}

/** A reporting obligation: answered by an evaluation round of the funded alliance (its review is the report). */
export interface MobilisationGrantReportsTable {
  id: string
  grant_id: string
  title: string
  period_start: string
  period_end: string
  due_on: string
  round_id: string | null
  /** when the funded alliance was told the report is due soon */
  reminded_at: string | null
}

/**
 * Running totals of a territory's active pledges (its dashboard), per facet (`all`, `world`, `size`, `commune_band`,
 * `departement`, `kind`) and code (`unit` for `kind`, '' otherwise); `territory_id` is every level of the pledges'
 * copied seat and `national`. Kept by triggers (migration `2026-12-12T09-00_mobilisation_territory_totals`).
 */
export interface MobilisationTerritoryTotalsTable {
  territory_id: string
  facet: 'all' | 'world' | 'size' | 'commune_band' | 'departement' | 'kind'
  code: string
  unit: string
  pledges: number
  /** distinct organisations with an active pledge (0 for `kind`) */
  organisations: number
  pledged_cents: number
  realised_cents: number
  quantity_hundredths: number
  fulfilled_hundredths: number
  /** active pledges without a value */
  unvalued: number
}

/** Each organisation's active pledges per territory, facet and code: what moves the distinct organisations above. */
export interface MobilisationTerritoryOrganisationsTable {
  territory_id: string
  facet: 'all' | 'world' | 'size' | 'commune_band' | 'departement'
  code: string
  organisation_id: string
  n: number
}

export interface MobilisationTables {
  mobilisation_calls: MobilisationCallsTable
  mobilisation_call_goals: MobilisationCallGoalsTable
  mobilisation_call_needs: MobilisationCallNeedsTable
  mobilisation_call_audience: MobilisationCallAudienceTable
  mobilisation_pledges: MobilisationPledgesTable
  mobilisation_pledge_fulfilments: MobilisationPledgeFulfilmentsTable
  mobilisation_funds: MobilisationFundsTable
  mobilisation_fund_members: MobilisationFundMembersTable
  mobilisation_fund_contributors: MobilisationFundContributorsTable
  mobilisation_fund_entries: MobilisationFundEntriesTable
  mobilisation_project_calls: MobilisationProjectCallsTable
  mobilisation_project_call_sdgs: MobilisationProjectCallSdgsTable
  mobilisation_criteria: MobilisationCriteriaTable
  mobilisation_reviewers: MobilisationReviewersTable
  mobilisation_applications: MobilisationApplicationsTable
  mobilisation_budget_lines: MobilisationBudgetLinesTable
  mobilisation_conflicts: MobilisationConflictsTable
  mobilisation_reviews: MobilisationReviewsTable
  mobilisation_scores: MobilisationScoresTable
  mobilisation_decisions: MobilisationDecisionsTable
  mobilisation_grants: MobilisationGrantsTable
  mobilisation_grant_tranches: MobilisationGrantTranchesTable
  mobilisation_grant_reports: MobilisationGrantReportsTable
  mobilisation_territory_totals: MobilisationTerritoryTotalsTable
  mobilisation_territory_organisations: MobilisationTerritoryOrganisationsTable
}
