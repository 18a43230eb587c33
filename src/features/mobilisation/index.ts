/**
 * Mobilisation (issue 16): calls to engage a territory's organisations (appels à mobilisation), pledges
 * (engagements) fulfilled by contributions recorded in alliances, pooled territorial funds with a ledger that
 * reconciles in integer cents, calls for projects with applications from alliances, and a territory's mobilisation
 * dashboard.
 *
 * Owns the `mobilisation_*` tables (see `mobilisation.table.ts`).
 * The selection (reviews, conflicts of interest, deliberation, decisions) lives in `selection/`, grant agreements
 * (tranches, payments, reports, the transparency page and the SCDL Subventions 2.1.1 export) in `grants/`.
 */
import type { FastifyInstance } from 'fastify'
import { callApi } from './calls/calls.api.js'
import { callPages } from './calls/calls.routes.js'
import { dashboardApi } from './dashboard/dashboard.api.js'
import { dashboardPages } from './dashboard/dashboard.routes.js'
import { grantApi } from './grants/grants.api.js'
import { grantPages } from './grants/grants.routes.js'
import { fundApi } from './funds/funds.api.js'
import { fundPages } from './funds/funds.routes.js'
import { pledgeApi } from './pledges/pledges.api.js'
import { pledgePages } from './pledges/pledges.routes.js'
import { projectCallApi } from './projects/project-calls.api.js'
import { projectApi } from './projects/projects.api.js'
import { projectPages } from './projects/projects.routes.js'
import { selectionApi } from './selection/selection.api.js'
import { selectionPages } from './selection/selection.routes.js'

export type { MobilisationTables } from './mobilisation.table.js'
export { mobilisationMessages } from './mobilisation.messages.js'
export { mobilisationJobs, runDeadlineChecks } from './deadlines.js'
export { loadMobilisationDemo } from './mobilisation.demo.js'
export { mobilisationNotificationKinds, mobilisationNotificationMessages } from './mobilisation.notifications.js'

/** Registers every page and API route of mobilisation. */
export async function mobilisationFeature(app: FastifyInstance): Promise<void> {
  await app.register(callPages)
  await app.register(pledgePages)
  await app.register(fundPages)
  await app.register(projectPages)
  await app.register(selectionPages)
  await app.register(grantPages)
  await app.register(dashboardPages)
  await app.register(callApi)
  await app.register(pledgeApi)
  await app.register(fundApi)
  await app.register(projectCallApi)
  await app.register(projectApi)
  await app.register(selectionApi)
  await app.register(grantApi)
  await app.register(dashboardApi)
}
