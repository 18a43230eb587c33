/**
 * Listening and connecting: needs (besoins), resources and wishes to engage (envies d'engagement), their
 * explainable matching (`matching/`), contact requests (mise en relation, `connections/`) with consent and a
 * message thread, the search across needs, resources and actors, the listening dashboard of territory pages,
 * the JSON API, the demo data and the scale generator for benchmarks.
 *
 * Owns: `needs`, `need_contributions`, `resources`, `match_profiles`, `contact_requests`, `contact_messages`,
 * `listening_counts`
 * (and indexes its documents in the core full-text table). Public exports: the plugin, the page sections, the
 * demo loaders, the services other features call, the matching and list functions the benchmark uses.
 */
import type { FastifyInstance } from 'fastify'
import { connectionPages } from './connections/connections.routes.js'
import { listeningApi } from './listening.api.js'
import { listeningPages } from './listening.routes.js'
import { searchPages } from './search.routes.js'

export { listeningMessages } from './listening.messages.js'
export { connectionNotificationKinds, connectionNotificationMessages } from './connections/connections.notifications.js'
export { listeningPersonalData } from './listening.personal-data.js'
export { territoryListeningSection, organisationListingsSection } from './sections.js'
export { sweepExpiredRequests, allianceSeedFromContact } from './connections/connections.service.js'
export { loadListeningDemo } from './listening.demo.js'
export { generateScaleData } from './listening.scale.js'
// The pages benchmark's own needs (bench/pages-data.ts): their served day once written.
export { refreshServedUntil } from './listening.orphans.js'
// The benchmark (bench/matching.ts) and catalysis' tests: rankings and lists.
export { matchResourcesForNeed } from './matching/pruned.js'
export { fullScanResourcesForNeed } from './matching/rank.js'
export { loadNeedSides } from './matching/loaders.js'
export { listNeeds, listResources, listOrphanNeeds } from './listening.queries.js'
// Used by catalysis: a place offered as a resource (`lieu`), follow-ups after a meeting, territory levels.
export { createResource, updateResource } from './listening.service.js'
export type { ResourceData } from './listening.schemas.js'
export { createContactRequest, answerContactRequest } from './connections/connections.service.js'
export { levelsOf, type Levels } from './listening.places.js'
export type { ListeningTables } from './listening.table.js'

export async function listeningFeature(app: FastifyInstance, options: { publicUrl: string }): Promise<void> {
  await app.register(listeningPages)
  await app.register(connectionPages, { publicUrl: options.publicUrl })
  await app.register(searchPages)
  await app.register(listeningApi)
}
