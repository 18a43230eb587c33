/**
 * Alliances and partnerships: multi-actor alliances (stakes, perimeter, form of co-construction, phase,
 * SDGs, levers, visibility) with their partners and the diversity of their worlds, a versioned and signed
 * charter, contributions, a journal across the years; typed partnerships between two organisations.
 *
 * Owns: `alliances`, `alliance_territories`, `alliance_sdgs`, `alliance_sdg_targets`, `alliance_levers`,
 * `alliance_partners`, `alliance_partner_objectives`, `alliance_charters`, `alliance_charter_commitments`,
 * `alliance_charter_signatures`, `alliance_contributions`, `alliance_journal_entries`, `partnerships`.
 * Public exports: the plugin, the territory- and organisation-page sections, `createAlliance` (for features
 * that turn a connection into an alliance), the demo loader, the messages.
 */
import type { FastifyInstance } from 'fastify'
import { allianceApi } from './alliances.api.js'
import { alliancePages } from './alliances.pages.js'
import { charterPages } from './charter.pages.js'
import { contributionPages } from './contributions.pages.js'
import { journalPages } from './journal.pages.js'
import { partnerPages } from './partners.pages.js'
import { partnershipPages } from './partnerships.pages.js'

export { allianceMessages } from './alliances.messages.js'
export { allianceNotificationKinds, allianceNotificationMessages } from './alliances.notifications.js'
export { alliancesPersonalData } from './alliances.personal-data.js'
export { territoryAlliancesSection, organisationAlliancesSection } from './sections.js'
export { createAlliance } from './alliances.service.js'
// Used by catalysis: the minutes of a meeting added to the journal of a linked alliance.
export { addJournalEntry } from './alliances.service.js'
export type { NewAllianceData } from './alliances.schemas.js'
export type { AllianceTables } from './alliances.table.js'
export { loadAllianceDemo } from './alliances.demo.js'

// For the evaluation, valuation and practices features (issue 14): loading an alliance through the policy
// (its scope), reading its content with that scope, acting through the same rules, units and dates.
export { loadAllianceAccess, authorizeContributionEdit, saveCharter } from './alliances.service.js'
export { authorizeView, authorizeCoordinate, authorizePartnerAct, canView, isCoordinatorAdmin, actingOrganisations, readScopeOf, type AllianceAccess } from './alliances.policy.js'
export {
  findAllianceDetails,
  listPartners,
  listCharterVersions,
  findLatestCharter,
  type Alliance,
  type AllianceDetails,
  type AllianceScope,
  type AllianceReadScope,
  type Contribution,
  type PartnerRow,
} from './alliances.queries.js'
export { CONTRIBUTION_UNITS, formatHundredths, parseQuantity, quantityInput, type ContributionUnit } from './quantities.js'
export { todayInFrance, isCalendarDate } from './dates.js'
export { isSdgTarget } from './sdg-targets.js'
export { MEETING_FREQUENCIES } from './alliances.schemas.js'
export { AllianceSubpage, Quantity } from './views/common.js'
export { settleDemoAlliance, type DemoAllianceSettling } from './demo-flag.js'

export interface AlliancesFeatureOptions {
  /** Public address of the site, for the links in invitation messages. */
  publicUrl: string
}

export async function alliancesFeature(app: FastifyInstance, options: AlliancesFeatureOptions): Promise<void> {
  await app.register(alliancePages, options)
  await app.register(partnerPages, options)
  await app.register(charterPages)
  await app.register(contributionPages)
  await app.register(journalPages)
  await app.register(partnershipPages)
  await app.register(allianceApi, options)
}
