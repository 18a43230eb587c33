/**
 * What the JSON API shows of alliances: named components (reused by clients: `#/components/schemas/…`), closed
 * lists as enums, days as `date` and instants as `date-time`, links as relative `href`, and the functions that
 * present rows as those components. Quantities are exact decimals as text next to their stored hundredths.
 */
import Type, { type Static } from 'typebox'
import { Enum, Id, IsoDate, IsoDateTime, named, Nullable } from '../../core/http/schemas.js'
import type { Locale, Translate } from '../../core/i18n/index.js'
import { presentTerritory, TerritorySchema } from '../territories/index.js'
import type { AllianceDetails, CharterVersion, ContributionRow, ContributionTotals, JournalRow, PartnerRow } from './alliances.queries.js'
import { CONTRIBUTION_TYPE_CODES, FORM_CODES, JOURNAL_KIND_CODES, LEVER_CODES, MEETING_FREQUENCIES, OBJECTIVE_CODES, PHASE_CODES, ROLE_CODES, VISIBILITIES, WORLD_CODES } from './alliances.schemas.js'
import type { AllianceListRow } from './directory.queries.js'
import { journalTitleText } from './journal.title.js'
import { CONTRIBUTION_UNITS, plainQuantity } from './quantities.js'

const Phase = named('AlliancePhase', Enum(PHASE_CODES, { description: 'Phase of an alliance (vocabulary kind `alliance_phase`)' }))
const Form = named('AllianceForm', Enum(FORM_CODES, { description: 'Form of co-construction (vocabulary kind `coconstruction_form`)' }))
const Visibility = named('AllianceVisibility', Enum(VISIBILITIES, { description: '`public`: everyone sees it; `partners`: only its partners do (404 for others)' }))
const Lever = named('AllianceLever', Enum(LEVER_CODES, { description: 'Lever of co-construction (vocabulary kind `lever`)' }))
const World = named('AllianceWorld', Enum(WORLD_CODES, { description: 'World of an organisation (vocabulary kind `world`)' }))
const Role = named('AlliancePartnerRole', Enum(ROLE_CODES, { description: 'Role of a partner (vocabulary kind `partner_role`)' }))
const PartnerStatus = named('AlliancePartnerStatus', Enum(['invited', 'active', 'declined', 'left'] as const, { description: '`invited` → `active` or `declined`; `active` → `left` (history kept)' }))
const Objective = named('AlliancePartnershipObjective', Enum(OBJECTIVE_CODES, { description: 'One of the four objectives (vocabulary kind `partnership_objective`)' }))
const ContributionType = named('AllianceContributionType', Enum(CONTRIBUTION_TYPE_CODES, { description: 'Vocabulary kind `contribution_type`' }))
const Unit = named('AllianceContributionUnit', Enum(CONTRIBUTION_UNITS, { description: 'Unit of a quantity: euros, hours, days, people, items, square metres' }))
const JournalKind = named('AllianceJournalKind', Enum(JOURNAL_KIND_CODES, { description: 'Vocabulary kind `journal_kind`' }))
const SystemEvent = named('AllianceJournalEvent', Enum(['created', 'phase_changed', 'partner_joined', 'partner_left', 'charter_version'] as const, { description: 'What the platform recorded by itself' }))
const Frequency = named('AllianceMeetingFrequency', Enum(MEETING_FREQUENCIES, { description: 'How often the partners meet' }))

const Quantity = {
  quantity: Type.String({ description: 'Exact decimal, `.` as decimal mark, e.g. `1500.50` (euros) or `7.5` (hours)' }),
  quantity_hundredths: Type.Integer({ description: 'The quantity × 100 as stored (cents for euros)' }),
}

/** One alliance with its content. */
export const AllianceSchema = named(
  'Alliance',
  Type.Object({
    id: Id,
    name: Type.String(),
    stakes: Type.String({ description: 'Shared stakes (enjeux partagés)' }),
    description: Type.String(),
    form: Form,
    phase: Phase,
    phase_since: Type.String({ ...IsoDate, description: 'Day the current phase began' }),
    visibility: Visibility,
    started_on: IsoDate,
    ended_on: Nullable(IsoDate),
    territories: Type.Array(TerritorySchema),
    sdgs: Type.Array(Type.Integer({ minimum: 1, maximum: 17 }), { description: 'Always includes 17, the method of every alliance' }),
    sdg_targets: Type.Array(Type.String({ description: 'e.g. `17.17`' })),
    levers: Type.Array(Lever),
    is_demo: Type.Boolean({ description: 'Fictional demonstration data' }),
    created_at: IsoDateTime,
    updated_at: IsoDateTime,
    href: Type.String({ description: 'The alliance page (relative)' }),
  }),
)

export function presentAlliance(d: AllianceDetails): Static<typeof AllianceSchema> {
  const a = d.alliance
  return {
    id: a.id,
    name: a.name,
    stakes: a.stakes,
    description: a.description,
    form: a.form,
    phase: a.phase,
    phase_since: a.phase_since,
    visibility: a.visibility,
    started_on: a.started_on,
    ended_on: a.ended_on,
    territories: d.territories.map(presentTerritory),
    sdgs: d.sdgs,
    sdg_targets: d.sdgTargets,
    levers: d.levers,
    is_demo: a.is_demo === 1,
    created_at: a.created_at,
    updated_at: a.updated_at,
    href: `/alliances/${a.id}`,
  }
}

/** An alliance in the directory. */
export const AllianceSummarySchema = named(
  'AllianceSummary',
  Type.Object({
    id: Id,
    name: Type.String(),
    phase: Phase,
    form: Form,
    visibility: Visibility,
    started_on: IsoDate,
    partners: Type.Integer({ minimum: 0, description: 'Active partners' }),
    worlds: Type.Integer({ minimum: 0, description: 'Worlds among the active partners' }),
    is_demo: Type.Boolean(),
    href: Type.String({ description: 'The alliance page (relative)' }),
  }),
)

export function presentSummary(r: AllianceListRow): Static<typeof AllianceSummarySchema> {
  return { id: r.id, name: r.name, phase: r.phase, form: r.form, visibility: r.visibility, started_on: r.started_on, partners: r.partners, worlds: r.worlds, is_demo: r.is_demo === 1, href: `/alliances/${r.id}` }
}

/** A partner of an alliance, with its history and what it brings and expects. */
export const PartnerSchema = named(
  'AlliancePartner',
  Type.Object({
    id: Id,
    organisation: Type.Object({ id: Id, name: Type.String(), world: World, href: Type.String({ description: 'The organisation page (relative)' }) }),
    role: Role,
    status: PartnerStatus,
    joined_on: Nullable(IsoDate),
    left_on: Nullable(IsoDate),
    brings: Type.String(),
    expects: Type.String(),
    brings_objectives: Type.Array(Objective),
    expects_objectives: Type.Array(Objective),
  }),
)

export function presentPartner(p: PartnerRow): Static<typeof PartnerSchema> {
  return {
    id: p.id,
    organisation: { id: p.organisation_id, name: p.organisation_name, world: p.world, href: `/acteurs/${p.organisation_id}` },
    role: p.role,
    status: p.status,
    joined_on: p.joined_on,
    left_on: p.left_on,
    brings: p.brings,
    expects: p.expects,
    brings_objectives: p.brings_objectives,
    expects_objectives: p.expects_objectives,
  }
}

/** A contribution of a partner organisation. */
export const ContributionSchema = named(
  'AllianceContribution',
  Type.Object({
    id: Id,
    organisation_id: Id,
    organisation_name: Type.String(),
    contribution_type: ContributionType,
    unit: Unit,
    ...Quantity,
    contributed_on: IsoDate,
    description: Type.String(),
  }),
)

export function presentContribution(c: ContributionRow): Static<typeof ContributionSchema> {
  return {
    id: c.id,
    organisation_id: c.organisation_id,
    organisation_name: c.organisation_name,
    contribution_type: c.contribution_type,
    unit: c.unit,
    quantity: plainQuantity(c.quantity_hundredths, c.unit),
    quantity_hundredths: c.quantity_hundredths,
    contributed_on: c.contributed_on,
    description: c.description,
  }
}

const Total = { unit: Unit, ...Quantity, count: Type.Integer({ minimum: 0, description: 'Contributions added up' }) }

/** Sums per type and per partner, one line per unit (units are never added together). */
export const TotalsSchema = named(
  'AllianceContributionTotals',
  Type.Object({
    count: Type.Integer({ minimum: 0, description: 'Contributions of the alliance, over every page' }),
    by_type: Type.Array(Type.Object({ contribution_type: ContributionType, ...Total })),
    by_partner: Type.Array(Type.Object({ organisation_id: Id, organisation_name: Type.String(), ...Total })),
  }),
)

export function presentTotals(totals: ContributionTotals): Static<typeof TotalsSchema> {
  const quantity = (r: { unit: string; quantity_hundredths: number }) => ({ quantity: plainQuantity(r.quantity_hundredths, r.unit), quantity_hundredths: r.quantity_hundredths })
  return {
    count: totals.count,
    by_type: totals.byType.map((r) => ({ contribution_type: r.contribution_type, unit: r.unit, ...quantity(r), count: r.count })),
    by_partner: totals.byPartner.map((r) => ({ organisation_id: r.organisation_id, organisation_name: r.organisation_name, unit: r.unit, ...quantity(r), count: r.count })),
  }
}

/** A journal entry; its title is in the request's language when the platform wrote it. */
export const JournalEntrySchema = named(
  'AllianceJournalEntry',
  Type.Object({
    id: Id,
    kind: JournalKind,
    occurred_on: IsoDate,
    title: Type.String({ description: 'As its author wrote it, or — written by the platform — in the request’s language' }),
    body: Type.String(),
    organisation: Nullable(Type.Object({ id: Id, name: Type.String() })),
    system_event: Nullable(SystemEvent),
    phase_from: Nullable(Phase),
    phase_to: Nullable(Phase),
  }),
)

export function presentJournalEntry(e: JournalRow, t: Translate, locale: Locale): Static<typeof JournalEntrySchema> {
  return {
    id: e.id,
    kind: e.kind,
    occurred_on: e.occurred_on,
    title: journalTitleText(e, t, locale),
    body: e.body,
    organisation: e.organisation_id && e.organisation_name ? { id: e.organisation_id, name: e.organisation_name } : null,
    system_event: e.system_event,
    phase_from: e.phase_from,
    phase_to: e.phase_to,
  }
}

/** One version of the charter with each partner's commitments and the signatures it received. */
export const CharterVersionSchema = named(
  'AllianceCharterVersion',
  Type.Object({
    version: Type.Integer({ minimum: 1 }),
    created_at: IsoDateTime,
    principles: Type.String(),
    governance: Type.String(),
    meeting_frequency: Frequency,
    next_review_on: IsoDate,
    commitments: Type.Array(Type.Object({ organisation_id: Id, organisation_name: Type.String(), commitments: Type.String() })),
    signatures: Type.Array(Type.Object({ organisation_id: Id, organisation_name: Type.String(), version: Type.Integer({ minimum: 1 }), signer_name: Type.String(), signed_at: IsoDateTime })),
  }),
)

export function presentCharter(c: CharterVersion): Static<typeof CharterVersionSchema> {
  return {
    version: c.version,
    created_at: c.created_at,
    principles: c.principles,
    governance: c.governance,
    meeting_frequency: c.meeting_frequency,
    next_review_on: c.next_review_on,
    commitments: c.commitments,
    signatures: c.signatures,
  }
}
