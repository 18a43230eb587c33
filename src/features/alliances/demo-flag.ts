/**
 * For other features' demonstration loaders that create an alliance through the services (as a person would,
 * e.g. "S'en inspirer" from a practice sheet): marks it as part of the fictional dataset, so that it carries
 * the demo badge like the alliances of `alliances.demo.ts`.
 */
import type { Kysely } from 'kysely'
import type { Database } from '../../database.js'

/** Flags an alliance as fictional demonstration data (`is_demo = 1`). */
export async function markDemoAlliance(db: Kysely<Database>, allianceId: string): Promise<void> {
  await db.updateTable('alliances').set({ is_demo: 1 }).where('id', '=', allianceId).execute()
}
