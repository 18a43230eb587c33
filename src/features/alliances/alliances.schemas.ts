/**
 * Input schemas of alliances, partners, charter, contributions, journal and partnerships. The HTML forms take
 * what a person types (territory names, a quantity written the French way); the JSON API takes codes and
 * numbers. Both end in the same service inputs (`AllianceData`…), which the services validate further
 * (dates that exist and follow each other, territories that exist, SDG targets, rights).
 */
import Type, { type Static, type TSchema } from 'typebox'
import { codesOf } from '../vocabulary/index.js'
import { CONTRIBUTION_UNITS } from './quantities.js'

const literals = (values: readonly string[], errorMessage: string, description?: string) =>
  Type.Union(
    values.map((v) => Type.Literal(v)),
    { errorMessage, ...(description ? { description } : {}) },
  )

export const FORM_CODES = codesOf('coconstruction_form')
export const PHASE_CODES = codesOf('alliance_phase')
export const ROLE_CODES = codesOf('partner_role')
export const OBJECTIVE_CODES = codesOf('partnership_objective')
export const JOURNAL_KIND_CODES = codesOf('journal_kind')
/** Kinds a partner may write by hand (phase changes are written by the phase form, dated). */
export const WRITABLE_JOURNAL_KINDS = JOURNAL_KIND_CODES.filter((k) => k !== 'changement_phase')
export const LEVER_CODES = codesOf('lever')
export const WORLD_CODES = codesOf('world')
export const CONTRIBUTION_TYPE_CODES = codesOf('contribution_type')
export const PARTNERSHIP_TYPE_CODES = codesOf('partnership_type')
export const VISIBILITIES = ['public', 'partners'] as const
/** How often the partners meet, as the charter states it. */
export const MEETING_FREQUENCIES = ['hebdomadaire', 'mensuelle', 'bimestrielle', 'trimestrielle', 'semestrielle', 'annuelle', 'selon_besoins'] as const

const DATE_PATTERN = '^[0-9]{4}-[0-9]{2}-[0-9]{2}$'
const date = (description?: string) => Type.String({ pattern: DATE_PATTERN, errorMessage: 'alliances.error.date', ...(description ? { description } : {}) })
export const ID_PATTERN = '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$'
const id = (errorMessage = 'form.error.invalid') => Type.String({ pattern: ID_PATTERN, errorMessage })
const TERRITORY_ID = '^(commune|epci|ept|departement|region):[0-9A-Z]{1,12}$'

// --- alliance ----------------------------------------------------------------------------------------------

const allianceFields = {
  name: Type.String({ minLength: 2, maxLength: 200, description: 'Name of the alliance' }),
  stakes: Type.String({ minLength: 10, maxLength: 5000, description: 'The shared stakes (enjeux partagés)' }),
  description: Type.Optional(Type.String({ maxLength: 10000, description: 'What the alliance does, in a few paragraphs' })),
  form: literals(FORM_CODES, 'alliances.error.form', 'Form of co-construction (vocabulary kind `coconstruction_form`)'),
  sdgs: Type.Array(Type.Integer({ minimum: 1, maximum: 17 }), { maxItems: 17, uniqueItems: true, errorMessage: 'alliances.error.sdg', description: 'SDGs (1–17); SDG 17 is always added' }),
  levers: Type.Array(literals(LEVER_CODES, 'alliances.error.lever'), { maxItems: 3, uniqueItems: true, errorMessage: 'alliances.error.lever', description: 'Levers activated (vocabulary kind `lever`)' }),
  started_on: date('Start date (YYYY-MM-DD)'),
  ended_on: Type.Optional(date('End date (YYYY-MM-DD), if any')),
  visibility: literals(VISIBILITIES, 'alliances.error.visibility', '`public`, or `partners` (only partners see it)'),
}

/** What the alliance forms post (creation adds `phase` and `coordinator`). */
export const AllianceForm = Type.Object({
  ...allianceFields,
  territories: Type.String({ minLength: 1, maxLength: 500, errorMessage: 'alliances.error.territoriesRequired' }),
  sdg_targets: Type.Optional(Type.String({ maxLength: 500 })),
  phase: Type.Optional(literals(PHASE_CODES, 'alliances.error.phase')),
  coordinator: Type.Optional(id('alliances.error.coordinator')),
})
export type AllianceFormT = Static<typeof AllianceForm>

/** The creation form: the first phase and the coordinating organisation are required. */
export const AllianceCreateForm = Type.Object({
  ...AllianceForm.properties,
  phase: literals(PHASE_CODES, 'alliances.error.phase'),
  coordinator: id('alliances.error.coordinator'),
})

const apiAllianceFields = {
  ...allianceFields,
  territory_ids: Type.Array(Type.String({ pattern: TERRITORY_ID }), { minItems: 1, maxItems: 50, description: 'Perimeter, as `kind:code` (e.g. `ept:200057941`)' }),
  sdg_targets: Type.Optional(Type.Array(Type.String({ pattern: '^[0-9]{1,2}\\.([0-9]{1,2}|[a-d])$' }), { maxItems: 60, uniqueItems: true, description: 'SDG targets, e.g. `17.17`' })),
  sdgs: Type.Optional(allianceFields.sdgs),
  levers: Type.Optional(allianceFields.levers),
}

export const AllianceApiCreate = Type.Object(
  {
    ...apiAllianceFields,
    phase: literals(PHASE_CODES, 'alliances.error.phase', 'Phase (vocabulary kind `alliance_phase`)'),
    coordinator_organisation_id: Type.String({ pattern: ID_PATTERN, description: 'One of your organisations (you must be its admin): the first partner and coordinator' }),
    invite_organisation_ids: Type.Optional(Type.Array(Type.String({ pattern: ID_PATTERN }), { maxItems: 50, uniqueItems: true, description: 'Organisations invited at once (their admins accept)' })),
  },
  { additionalProperties: false },
)
export type AllianceApiCreateT = Static<typeof AllianceApiCreate>

/** PATCH: every field optional; the phase change is dated in the journal (`phase_on`, default today). */
export const AllianceApiUpdate = Type.Object(
  {
    ...(Object.fromEntries(Object.entries(apiAllianceFields).map(([key, schema]) => [key, Type.Optional(schema as TSchema)])) as Record<string, TSchema>),
    phase: Type.Optional(literals(PHASE_CODES, 'alliances.error.phase', 'New phase (dated in the journal)')),
    phase_on: Type.Optional(date('Date of the phase change (default: today)')),
    phase_note: Type.Optional(Type.String({ maxLength: 2000 })),
  },
  { additionalProperties: false },
)
export interface AllianceApiUpdateT {
  name?: string
  stakes?: string
  description?: string
  form?: string
  sdgs?: number[]
  levers?: string[]
  started_on?: string
  ended_on?: string
  visibility?: (typeof VISIBILITIES)[number]
  territory_ids?: string[]
  sdg_targets?: string[]
  phase?: string
  phase_on?: string
  phase_note?: string
}

/** The validated content of an alliance, whatever the channel. */
export interface AllianceData {
  name: string
  stakes: string
  description: string
  territoryIds: string[]
  form: string
  sdgs: number[]
  sdgTargets: string[]
  levers: string[]
  startedOn: string
  endedOn: string | null
  visibility: (typeof VISIBILITIES)[number]
}

/**
 * A new alliance: its content, its first phase, the creating organisation (first partner and coordinator)
 * and, optionally, organisations invited at once (for example both sides of an accepted contact request).
 */
export interface NewAllianceData extends AllianceData {
  phase: string
  coordinatorOrganisationId: string
  invitedOrganisationIds?: string[]
}

export const PhaseForm = Type.Object({
  phase: literals(PHASE_CODES, 'alliances.error.phase'),
  on: date(),
  note: Type.Optional(Type.String({ maxLength: 2000 })),
})
export type PhaseFormT = Static<typeof PhaseForm>

export const DirectoryQuery = Type.Object({
  q: Type.Optional(Type.String({ maxLength: 100 })),
  lieu: Type.Optional(Type.String({ maxLength: 100 })),
  territoire: Type.Optional(Type.String({ maxLength: 40, pattern: TERRITORY_ID })),
  odd: Type.Optional(Type.Integer({ minimum: 1, maximum: 17 })),
  phase: Type.Optional(literals(PHASE_CODES, 'alliances.error.phase')),
  forme: Type.Optional(literals(FORM_CODES, 'alliances.error.form')),
  monde: Type.Optional(literals(WORLD_CODES, 'alliances.error.world')),
  levier: Type.Optional(literals(LEVER_CODES, 'alliances.error.lever')),
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100000 })),
})
export type DirectoryQueryT = Static<typeof DirectoryQuery>

// --- partners ----------------------------------------------------------------------------------------------

export const InviteSearchQuery = Type.Object({ q: Type.Optional(Type.String({ maxLength: 100 })) })

export const InviteForm = Type.Object({
  organisation_id: id('alliances.error.organisation'),
  role: literals(ROLE_CODES, 'alliances.error.role'),
})

export const RoleForm = Type.Object({ role: literals(ROLE_CODES, 'alliances.error.role') })

export const StatementForm = Type.Object({
  brings: Type.Optional(Type.String({ maxLength: 3000 })),
  expects: Type.Optional(Type.String({ maxLength: 3000 })),
  brings_objectives: Type.Array(literals(OBJECTIVE_CODES, 'alliances.error.objective'), { maxItems: 4, uniqueItems: true, errorMessage: 'alliances.error.objective' }),
  expects_objectives: Type.Array(literals(OBJECTIVE_CODES, 'alliances.error.objective'), { maxItems: 4, uniqueItems: true, errorMessage: 'alliances.error.objective' }),
})
export type StatementFormT = Static<typeof StatementForm>

export const LeaveForm = Type.Object({
  left_on: date(),
  reason: Type.Optional(Type.String({ maxLength: 2000 })),
})

// --- charter -----------------------------------------------------------------------------------------------

export const CharterForm = Type.Object({
  principles: Type.String({ minLength: 10, maxLength: 20000 }),
  governance: Type.String({ minLength: 10, maxLength: 10000 }),
  meeting_frequency: literals(MEETING_FREQUENCIES, 'alliances.error.frequency'),
  next_review_on: date(),
})
export type CharterFormT = Static<typeof CharterForm>

/** Name of the form field holding one partner's commitments. */
export const commitmentField = (organisationId: string) => `engagements-${organisationId}`

export const SignForm = Type.Object({
  version: Type.Integer({ minimum: 1, maximum: 100000, errorMessage: 'alliances.error.version' }),
  organisation_id: id('alliances.error.organisation'),
})

// --- contributions -----------------------------------------------------------------------------------------

/** Correcting a contribution: the giving organisation cannot change. */
export const ContributionEditForm = Type.Object({
  contribution_type: literals(CONTRIBUTION_TYPE_CODES, 'alliances.error.contributionType'),
  unit: literals(CONTRIBUTION_UNITS, 'alliances.error.unit'),
  quantity: Type.String({ minLength: 1, maxLength: 30 }),
  contributed_on: date(),
  description: Type.Optional(Type.String({ maxLength: 2000 })),
})

/** Deleting a contribution: a ticked confirmation (the form works without JavaScript). */
export const DeleteContributionForm = Type.Object({
  confirm: Type.Array(Type.Literal('oui'), { minItems: 1, maxItems: 1, errorMessage: 'alliances.contributions.confirmMissing' }),
})

export const ContributionForm = Type.Object({
  organisation_id: id('alliances.error.organisation'),
  ...ContributionEditForm.properties,
})
export type ContributionFormT = Static<typeof ContributionForm>

export const ContributionApiInput = Type.Object(
  {
    organisation_id: Type.String({ pattern: ID_PATTERN, description: 'The partner organisation that gave (one of yours)' }),
    contribution_type: literals(CONTRIBUTION_TYPE_CODES, 'alliances.error.contributionType', 'Vocabulary kind `contribution_type`'),
    unit: literals(CONTRIBUTION_UNITS, 'alliances.error.unit', '`eur`, `hours`, `days`, `people`, `items` or `m2`'),
    quantity: Type.String({ minLength: 1, maxLength: 30, description: 'Exact decimal with at most two decimals, e.g. `1500.50` (euros) or `12` (hours); never negative' }),
    contributed_on: date('Date (YYYY-MM-DD)'),
    description: Type.Optional(Type.String({ maxLength: 2000 })),
  },
  { additionalProperties: false },
)

export const ContributionsQuery = Type.Object({ page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100000 })) })

// --- journal -----------------------------------------------------------------------------------------------

/** Correcting a journal entry: the organisation it was written for cannot change. */
export const JournalEditForm = Type.Object({
  kind: literals(WRITABLE_JOURNAL_KINDS, 'alliances.error.journalKind'),
  occurred_on: date(),
  title: Type.String({ minLength: 2, maxLength: 200 }),
  body: Type.Optional(Type.String({ maxLength: 5000 })),
})

export const JournalForm = Type.Object({
  organisation_id: id('alliances.error.organisation'),
  ...JournalEditForm.properties,
})
export type JournalFormT = Static<typeof JournalForm>

export const JournalApiInput = Type.Object(
  {
    organisation_id: Type.String({ pattern: ID_PATTERN, description: 'The partner organisation writing (one of yours)' }),
    kind: literals(WRITABLE_JOURNAL_KINDS, 'alliances.error.journalKind', 'Vocabulary kind `journal_kind` (phase changes go through PATCH)'),
    occurred_on: date('Date (YYYY-MM-DD)'),
    title: Type.String({ minLength: 2, maxLength: 200 }),
    body: Type.Optional(Type.String({ maxLength: 5000 })),
  },
  { additionalProperties: false },
)

export const JournalQuery = Type.Object({
  annee: Type.Optional(Type.Integer({ minimum: 1900, maximum: 2200 })),
})

// --- partnerships ------------------------------------------------------------------------------------------

export const PartnershipQuery = Type.Object({
  de: Type.Optional(id()),
  avec: Type.Optional(id()),
  alliance: Type.Optional(id()),
  q: Type.Optional(Type.String({ maxLength: 100 })),
})

export const PartnershipForm = Type.Object({
  organisation_a_id: id('alliances.error.organisation'),
  organisation_b_id: id('alliances.error.partnerOrganisation'),
  alliance_id: Type.Optional(id()),
  partnership_type: literals(PARTNERSHIP_TYPE_CODES, 'alliances.error.partnershipType'),
  started_on: date(),
  ended_on: Type.Optional(date()),
  description: Type.Optional(Type.String({ maxLength: 3000 })),
})
export type PartnershipFormT = Static<typeof PartnershipForm>

export const EndPartnershipForm = Type.Object({ ended_on: date() })
