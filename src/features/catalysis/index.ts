/**
 * Catalysis, the third engineering (des lieux et des liens): territory spaces animated by catalysts (a
 * perimeter, a team, trades), their activity log on the 4 × 4 grid with a yearly report, meetings
 * (rencontres) with seats per world, registrations and waiting lists, invitations, iCalendar, attendance,
 * follow-ups and new links, places (lieux) offered as resources, governance dialogues with a shared
 * diagnosis and a maturity self-diagnosis scored by a versioned grid.
 *
 * Owns: `catalysis_*` tables. Public exports: the plugin, its messages, the territory-page section, the
 * reminders job, the demo loader, the personal-data sources, the table types.
 */
import type { FastifyInstance } from 'fastify'
import { catalysisApi } from './catalysis.api.js'
import { dialoguePages } from './dialogues/dialogues.pages.js'
import { meetingPages } from './meetings/meetings.pages.js'
import { placePages } from './places/places.pages.js'
import { spacePages } from './spaces/spaces.pages.js'

export { catalysisMessages } from './catalysis.messages.js'
export { catalysisPersonalData } from './catalysis.personal-data.js'
export { territoryCatalysisSection } from './sections.js'
export { sendDueReminders } from './meetings/reminders.js'
export { loadCatalysisDemo } from './catalysis.demo.js'
export type { CatalysisTables } from './catalysis.table.js'

export interface CatalysisOptions {
  /** Public address of the site, for links in messages and calendars. */
  publicUrl: string
}

export async function catalysisFeature(app: FastifyInstance, options: CatalysisOptions): Promise<void> {
  await app.register(spacePages, options)
  await app.register(meetingPages, options)
  await app.register(placePages)
  await app.register(dialoguePages, options)
  await app.register(catalysisApi, options)
}
