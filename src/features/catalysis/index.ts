/**
 * Catalysis, the third engineering (des lieux et des liens): territory spaces animated by catalysts (a
 * perimeter, a team, trades), their activity log on the 4 × 4 grid with a yearly report, meetings
 * (rencontres) with seats per world, registrations and waiting lists, invitations, iCalendar, attendance,
 * follow-ups and new links, places (lieux) offered as resources, governance dialogues with a shared
 * diagnosis and a maturity self-diagnosis scored by a versioned grid.
 *
 * Owns: `catalysis_*` tables. Public exports: the plugin, its messages, the territory-page section, its
 * notification kinds, its jobs (reminders before meetings), the demo loader, the personal-data sources, the
 * table types.
 */
import type { FastifyInstance } from 'fastify'
import { activityPages } from './activities/activities.routes.js'
import { catalysisApi } from './catalysis.api.js'
import { dialoguePages } from './dialogues/dialogues.routes.js'
import { gridPages } from './dialogues/grid.routes.js'
import { meetingAfterPages } from './meetings/meetings.after.routes.js'
import { meetingPages } from './meetings/meetings.routes.js'
import { placePages } from './places/places.routes.js'
import { spacePages } from './spaces/spaces.routes.js'

export { catalysisMessages } from './catalysis.messages.js'
export { catalysisPersonalData } from './catalysis.personal-data.js'
export { territoryCatalysisSection } from './sections.js'
export { catalysisJobs, sendDueReminders } from './meetings/reminders.js'
export { catalysisNotificationKinds } from './catalysis.notifications.js'
export { loadCatalysisDemo } from './catalysis.demo.js'
export type { CatalysisTables } from './catalysis.table.js'

export interface CatalysisOptions {
  /** Public address of the site, for links in messages and calendars. */
  publicUrl: string
}

export async function catalysisFeature(app: FastifyInstance, options: CatalysisOptions): Promise<void> {
  await app.register(spacePages, options)
  await app.register(activityPages, options)
  await app.register(meetingPages, options)
  await app.register(meetingAfterPages, options)
  await app.register(placePages)
  await app.register(dialoguePages)
  await app.register(gridPages)
  await app.register(catalysisApi, options)
}
