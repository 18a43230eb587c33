/**
 * Alliances and partnerships: multi-actor alliances (stakes, perimeter, form of co-construction, phase,
 * SDGs, levers, visibility) with their partners and the diversity of their worlds, a versioned and signed
 * charter, contributions, a journal across the years; typed partnerships between two organisations.
 *
 * Owns: `alliances`, `alliance_directory`, `alliance_territories`, `alliance_sdgs`, `alliance_sdg_targets`,
 * `alliance_levers`, `alliance_partners`, `alliance_partner_objectives`, `alliance_charters`,
 * `alliance_charter_commitments`, `alliance_charter_signatures`, `alliance_contributions`,
 * `alliance_journal_entries`, `partnerships`.
 * Public exports: the plugin, the territory- and organisation-page sections, `createAlliance` (for features
 * that turn a connection or a practice into an alliance), `addJournalEntry` (minutes of a meeting…), the
 * policy and scoped reads other features build on (evaluation, valuation, practices), units and quantities,
 * the demo loader, the messages and notification kinds.
 */
import type { FastifyInstance } from 'fastify'
import { allianceApi } from './alliances.api.js'
import { alliancePages } from './alliances.routes.js'
import { charterApi } from './charter.api.js'
import { charterPages } from './charter.routes.js'
import { contributionApi } from './contributions.api.js'
import { contributionPages } from './contributions.routes.js'
import { journalApi } from './journal.api.js'
import { journalPages } from './journal.routes.js'
import { partnerApi } from './partners.api.js'
import { partnerPages } from './partners.routes.js'
import { partnershipApi } from './partnerships.api.js'
import { partnershipPages } from './partnerships.routes.js'

export { allianceMessages } from './alliances.messages.js'
export { allianceNotificationKinds, allianceNotificationMessages, allianceInvited, charterToSign } from './alliances.notifications.js'
export { alliancesPersonalData } from './alliances.personal-data.js'
export { territoryAlliancesSection, organisationAlliancesSection } from './sections.js'
export { createAlliance } from './alliances.service.js'
// Used by catalysis: the minutes of a meeting added to the journal of a linked alliance (free text, or a message key).
export { addJournalEntry } from './journal.service.js'
export type { NewAllianceData } from './alliances.schemas.js'
export type { AllianceTables } from './alliances.table.js'
export { loadAllianceDemo } from './alliances.demo.js'

// For the evaluation, valuation and practices features (issue 14): loading an alliance through the policy
// (its scope), reading its content with that scope, acting through the same rules, units and quantities.
export { loadAllianceAccess } from './alliances.access.js'
export { addContribution, authorizeContributionEdit } from './contributions.service.js'
export { saveCharter } from './charter.service.js'
export { authorizeView, authorizeCoordinate, canView, isCoordinatorAdmin, type AllianceAccess } from './alliances.policy.js'
export {
  findAllianceDetails,
  listPartners,
  findLatestCharter,
  type Alliance,
  type AllianceDetails,
  type AllianceScope,
  type PartnerRow,
} from './alliances.queries.js'
export { CONTRIBUTION_UNITS, formatHundredths, parseQuantity, quantityInput, type ContributionUnit } from './quantities.js'
export { isSdgTarget } from './sdg-targets.js'
export { AllianceSubpage, Quantity } from './views/common.js'
export { settleDemoAlliance } from './demo-flag.js'

/** The pages and the API of alliances and partnerships. */
export async function alliancesFeature(app: FastifyInstance): Promise<void> {
  await app.register(alliancePages)
  await app.register(partnerPages)
  await app.register(charterPages)
  await app.register(contributionPages)
  await app.register(journalPages)
  await app.register(partnershipPages)
  await app.register(allianceApi)
  await app.register(partnerApi)
  await app.register(charterApi)
  await app.register(contributionApi)
  await app.register(journalApi)
  await app.register(partnershipApi)
}
