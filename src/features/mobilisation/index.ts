/**
 * Mobilisation (issue 16): calls to engage a territory's organisations (appels à mobilisation), pledges
 * (engagements) fulfilled by contributions recorded in alliances, pooled territorial funds with a ledger that
 * reconciles in integer cents, calls for projects with applications from alliances, and a territory's mobilisation
 * dashboard.
 *
 * Owns the `mobilisation_*` tables (see `mobilisation.table.ts`).
 *
 * Not yet routed: the selection (reviews, deliberation, decisions) and grants (agreements, tranches, payments, SCDL
 * export) have services (`selection/`, `grants/`) but no pages or API yet.
 */
import type { FastifyInstance } from 'fastify'
import { callApi } from './calls/calls.api.js'
import { callPages } from './calls/calls.routes.js'
import { dashboardApi } from './dashboard/dashboard.api.js'
import { dashboardPages } from './dashboard/dashboard.routes.js'
import { fundApi } from './funds/funds.api.js'
import { fundPages } from './funds/funds.routes.js'
import { pledgeApi } from './pledges/pledges.api.js'
import { pledgePages } from './pledges/pledges.routes.js'
import { projectPages } from './projects/projects.routes.js'

export type { MobilisationTables } from './mobilisation.table.js'
export { mobilisationMessages } from './mobilisation.messages.js'
export { flagLatePledges } from './pledges/late.js'
export { mobilisationNotificationKinds, mobilisationNotificationMessages } from './mobilisation.notifications.js'

/** Registers every page and API route of mobilisation. */
export async function mobilisationFeature(app: FastifyInstance): Promise<void> {
  await app.register(callPages)
  await app.register(pledgePages)
  await app.register(fundPages)
  await app.register(projectPages)
  await app.register(dashboardPages)
  await app.register(callApi)
  await app.register(pledgeApi)
  await app.register(fundApi)
  await app.register(dashboardApi)
}
