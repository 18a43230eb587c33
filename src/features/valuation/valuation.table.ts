/** Kysely types of valuation: rate tables in versions, adopted tables, stated values, derived summaries. */

/** `platform`: written by platform admins, the newest is the default; `alliance`: written by an alliance for itself. */
export type RateTableScope = 'platform' | 'alliance'

export interface ValuationRateTablesTable {
  id: string
  scope: RateTableScope
  /** `platform`, or the alliance's id: versions are numbered 1, 2, 3… per owner */
  owner_key: string
  alliance_id: string | null
  version: number
  title: string
  /** how the table as a whole was built (what a version changes, why) */
  method_note: string
  is_demo: number
  created_by: string | null
  created_at: string
}

export interface ValuationRatesTable {
  id: string
  table_id: string
  /** code of the vocabulary kind `contribution_type` */
  contribution_type: string
  /** one of the contribution units except `eur` (euros count at face value) */
  unit: string
  /** euros per unit, in cents */
  rate_cents: number
  /** YYYY-MM-DD, the first day of a month */
  valid_from: string
  /** YYYY-MM-DD, the last day of a month; null: still valid */
  valid_to: string | null
  method_note: string
  source_text: string
  source_url: string | null
}

export interface ValuationChoicesTable {
  alliance_id: string
  rate_table_id: string
  reason: string
  chosen_by: string | null
  chosen_at: string
}

/** What a partner says about one of its own contributions: its value (wins over the rates) and who received it. */
export interface ValuationStatementsTable {
  contribution_id: string
  alliance_id: string
  /** the organisation that gave (and states) */
  organisation_id: string
  /** the value in cents, or null when only the recipient is stated */
  value_cents: number | null
  /** how the value was established, e.g. "coût employeur des heures : 52 €/h charges comprises" */
  basis: string
  /** the partner organisation that received the contribution, when the giver says so */
  recipient_organisation_id: string | null
  stated_by: string | null
  stated_at: string
}

/** Alliances whose summaries must be recomputed (filled by triggers and by this feature's services). */
export interface ValuationDirtyTable {
  alliance_id: string
}

/** What an alliance's cells were last added to the places' cells with (so they can be taken out exactly). */
export interface ValuationAllianceStateTable {
  alliance_id: string
  visibility: string
  /** the adopted table, or '' for the platform's default */
  rate_table_id: string
  /** the places counted (`france` and every territory containing the perimeter), space-separated */
  scopes: string
  refreshed_at: string
}

/**
 * Contributions of one alliance grouped so that any rate can be applied exactly at read time: per giving
 * organisation, type, unit, month and `fraction` — the hundredths part of each quantity (0–99), or −1 for
 * contributions whose value the partner stated. `units` sums the whole units (for a stated value: the cents).
 */
export interface ValuationAllianceCellsTable {
  alliance_id: string
  organisation_id: string
  world: string
  contribution_type: string
  unit: string
  /** YYYY-MM */
  month: string
  fraction: number
  units: number
  quantity_hundredths: number
  count: number
}

/** The same cells summed over the public alliances of a place (`france` or a territory), by world. */
export interface ValuationScopeCellsTable {
  scope_id: string
  rate_table_id: string
  world: string
  contribution_type: string
  unit: string
  month: string
  fraction: number
  units: number
  quantity_hundredths: number
  /** contributions summed here (a row that falls to 0 is deleted) */
  count: number
}

export interface ValuationTables {
  valuation_rate_tables: ValuationRateTablesTable
  valuation_rates: ValuationRatesTable
  valuation_choices: ValuationChoicesTable
  valuation_statements: ValuationStatementsTable
  valuation_dirty: ValuationDirtyTable
  valuation_alliance_state: ValuationAllianceStateTable
  valuation_alliance_cells: ValuationAllianceCellsTable
  valuation_scope_cells: ValuationScopeCellsTable
}
