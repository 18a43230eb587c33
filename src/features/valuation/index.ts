/**
 * Valuation (valorisation) of what alliances' partners contribute: rate tables in versions (platform default,
 * or an alliance's own, adopted with a reason), values partners state for their own contributions, exact
 * valued totals computed at read time (per alliance and year, per partner, world, type and lever of the
 * socio-economic model, over a place), and exports for associations' accounts and CSR reports.
 *
 * Owns: `valuation_rate_tables`, `valuation_rates`, `valuation_choices`, `valuation_statements`, and the derived
 * `valuation_dirty`, `valuation_alliance_state`, `valuation_alliance_cells`, `valuation_scope_cells`.
 *
 * For other features:
 * - `quoteValue(db, { contributionType, unit, quantityHundredths, day, scope? })` values a quantity at a date in
 *   euros (integer cents, or null when no rate applies) and says which rate (validity, method, source) and
 *   which table version produced it — with the table an alliance adopted when given its `scope`, else the
 *   platform default (mobilisation values pledges so);
 * - `listValuedContributions(db, scope, range)` + `summarise(rows)` give an alliance's valued contributions
 *   and totals (the evaluation review uses them);
 * - `ensureReferenceRateTable(db)` writes the first platform table at setup.
 */
import type { FastifyInstance } from 'fastify'
import { valuationApi } from './valuation.api.js'
import { valuationRoutes } from './valuation.routes.js'

export { quoteValue } from './quote.js'
export { listValuedContributions } from './valuation.queries.js'
export { summarise, type ValuationReport } from './valuation.report.js'
export { centsToDecimal } from './valuation.engine.js'
export { ensureReferenceRateTable } from './rates.reference.js'
export { loadValuationDemo } from './valuation.demo.js'
export { valuationMessages } from './valuation.messages.js'
export { valuationPersonalData } from './valuation.personal-data.js'
export { organisationValuationSection } from './sections.js'
export { rebuildSummaries } from './valuation.summaries.js'
// The valued totals of a territory (evaluation's demo test checks its demo against them).
export { valuedTotalsOfPlace } from './place-totals.js'
export { Euros, MethodLine, ValuationReportView, formatEuros, methodInfo, type MethodInfo } from './views/ValuationViews.js'
export type { ValuationTables } from './valuation.table.js'

/** The valuation pages and API (registered by `src/app.ts`). */
export async function valuationFeature(app: FastifyInstance): Promise<void> {
  await app.register(valuationRoutes)
  await app.register(valuationApi)
}
