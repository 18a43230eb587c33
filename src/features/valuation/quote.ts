/**
 * Valuing a quantity that is not (yet) a recorded contribution — a pledge, a planned contribution — with the
 * same rates and rule as recorded contributions: for other features (mobilisation values pledges with it).
 */
import type { Kysely } from 'kysely'
import type { Database } from '../../database.js'
import type { AllianceScope } from '../alliances/index.js'
import { findDefaultTable, listRates, valuationMethodOf } from './rates.queries.js'
import { valueContribution, type ValueBasis, type Rate } from './valuation.engine.js'

export interface QuoteInput {
  /** code of the vocabulary kind `contribution_type` */
  contributionType: string
  /** one of the contribution units (`eur`, `hours`, `days`, `people`, `items`, `m2`) */
  unit: string
  /** the quantity × 100, exact (for euros, cents) */
  quantityHundredths: number
  /** the day the quantity is (or will be) given, YYYY-MM-DD: it chooses the rate */
  day: string
  /**
   * value with the table this alliance adopted (its scope, from the alliances' policy: proof the caller may see
   * it); absent: the platform's default table
   */
  scope?: AllianceScope
}

export interface Quote {
  /** the value in cents, or null when no rate applies (goods, premises: their value must be stated) */
  cents: bigint | null
  /** `face` for euros, `rate` from the table, `none` when unvalued */
  basis: Exclude<ValueBasis, 'stated'>
  /** the rate used (with its validity, method and source), when `basis` is `rate` */
  rate: Rate | null
  /** the table and version that produced the value (null before any table exists) */
  table: { id: string; title: string; version: number; scope: string } | null
}

/**
 * The value of a quantity of a contribution type and unit on a day, in euros (cents), with the rate and the
 * table version used — the same rule as recorded contributions (`round_half_up(quantity × rate / 100)`).
 * Edge cases: euros count at face value whatever the table; a day outside every rate's validity, or a type and
 * unit without rate (goods, premises, people), gives `cents: null` and `basis: 'none'` — never a guess; before
 * any table exists `table` is null. With `scope`, the alliance's adopted table is used (else the default).
 */
export async function quoteValue(db: Kysely<Database>, input: QuoteInput): Promise<Quote> {
  let table: { id: string; title: string; version: number; scope: string } | null = null
  let rates: Rate[] = []
  if (input.scope) {
    const method = await valuationMethodOf(db, input.scope)
    if (method.table) {
      table = { id: method.table.id, title: method.table.title, version: method.table.version, scope: method.table.scope }
      rates = method.table.rates
    }
  } else {
    const found = await findDefaultTable(db)
    if (found) {
      table = { id: found.id, title: found.title, version: found.version, scope: found.scope }
      rates = await listRates(db, found.id)
    }
  }
  const value = valueContribution({ contributionType: input.contributionType, unit: input.unit, quantityHundredths: input.quantityHundredths, day: input.day, statedCents: null }, rates)
  return { cents: value.cents, basis: value.basis as Quote['basis'], rate: value.rate, table }
}
