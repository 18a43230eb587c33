/**
 * Input schemas of alliances, partners, charter, contributions, journal and partnerships: the HTML forms take
 * what a person types (territory names, a quantity written the French way), the JSON API takes codes and
 * numbers; both end in the same service inputs (`AllianceData`…), which the services validate further (dates
 * that follow each other, territories that exist, SDG targets, rights that depend on the input).
 *
 * Shared pieces (`Id`, `IsoDate`, `TerritoryId`, `Enum`, `PageQuery`) come from `core/http/schemas.ts`; the
 * core pipeline trims every string and refuses control characters. A closed list carries the i18n key of its
 * own message (`withMessage`) where "choose one of the proposed values" would not tell a person enough.
 */
import Type, { type Static, type TSchema } from 'typebox'
import { Enum, Id, IsoDate, PageQuery, TerritoryId } from '../../core/http/schemas.js'
import type { MessageKey } from '../../core/i18n/index.js'
import { codesOf } from '../vocabulary/index.js'
import type { JournalTitle } from './journal.title.js'
import { CONTRIBUTION_UNITS } from './quantities.js'

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
export type MeetingFrequency = (typeof MEETING_FREQUENCIES)[number]

/** True when `value` is one of `MEETING_FREQUENCIES`. */
export function isMeetingFrequency(value: string): value is MeetingFrequency {
  return (MEETING_FREQUENCIES as readonly string[]).includes(value)
}

/** `schema` whose refusal reads as the message `key` (a faithful copy: TypeBox keeps its kind in symbols). */
function withMessage<T extends TSchema>(schema: T, key: MessageKey): T {
  const copy = Object.create(Object.getPrototypeOf(schema), Object.getOwnPropertyDescriptors(schema)) as T
  Object.defineProperty(copy, 'errorMessage', { value: key, enumerable: true, writable: true, configurable: true })
  return copy
}

const choice = <const T extends readonly string[]>(codes: T, key: MessageKey, description?: string) => withMessage(Enum(codes, description ? { description } : {}), key)
const day = (description?: string) => (description ? Type.String({ ...IsoDate, description }) : IsoDate)
const organisation = (key: MessageKey, description?: string) => withMessage(description ? Type.String({ ...Id, description }) : Id, key)

// --- alliance ----------------------------------------------------------------------------------------------

const allianceFields = {
  name: Type.String({ minLength: 2, maxLength: 200, description: 'Name of the alliance' }),
  stakes: Type.String({ minLength: 10, maxLength: 5000, description: 'The shared stakes (enjeux partagés)' }),
  description: Type.Optional(Type.String({ maxLength: 10000, description: 'What the alliance does, in a few paragraphs' })),
  form: choice(FORM_CODES, 'alliances.error.form', 'Form of co-construction (vocabulary kind `coconstruction_form`)'),
  sdgs: withMessage(Type.Array(Type.Integer({ minimum: 1, maximum: 17 }), { maxItems: 17, uniqueItems: true, description: 'SDGs (1–17); SDG 17 is always added' }), 'alliances.error.sdg'),
  levers: withMessage(Type.Array(choice(LEVER_CODES, 'alliances.error.lever'), { maxItems: 3, uniqueItems: true, description: 'Levers activated (vocabulary kind `lever`)' }), 'alliances.error.lever'),
  started_on: day('First day of the alliance'),
  ended_on: Type.Optional(day('Last day, if any')),
  visibility: choice(VISIBILITIES, 'alliances.error.visibility', '`public`, or `partners` (only partners see it)'),
}

/** What the alliance forms post (creation adds `phase`, `coordinator` and perhaps the mise en relation it comes from). */
export const AllianceForm = Type.Object({
  ...allianceFields,
  territories: withMessage(Type.String({ minLength: 1, maxLength: 500 }), 'alliances.error.territoriesRequired'),
  sdg_targets: Type.Optional(Type.String({ maxLength: 500 })),
})
export type AllianceFormT = Static<typeof AllianceForm>

/** The creation form: the first phase and the coordinating organisation are required. */
export const AllianceCreateForm = Type.Object({
  ...AllianceForm.properties,
  phase: choice(PHASE_CODES, 'alliances.error.phase'),
  coordinator: organisation('alliances.error.coordinator'),
  mise_en_relation: Type.Optional(Id),
})

/** The creation form's query: the accepted mise en relation the alliance may be born from. */
export const NewAllianceQuery = Type.Object({ mise_en_relation: Type.Optional(Id) })

const apiAllianceFields = {
  ...allianceFields,
  territory_ids: Type.Array(TerritoryId, { minItems: 1, maxItems: 50, uniqueItems: true, description: 'Perimeter, as `kind:code` (e.g. `ept:200057941`)' }),
  sdg_targets: Type.Optional(Type.Array(Type.String({ pattern: '^[0-9]{1,2}\\.([0-9]{1,2}|[a-d])$' }), { maxItems: 60, uniqueItems: true, description: 'SDG targets, e.g. `17.17`' })),
  sdgs: Type.Optional(allianceFields.sdgs),
  levers: Type.Optional(allianceFields.levers),
}

export const AllianceApiCreate = Type.Object(
  {
    ...apiAllianceFields,
    phase: choice(PHASE_CODES, 'alliances.error.phase', 'First phase (vocabulary kind `alliance_phase`)'),
    coordinator_organisation_id: Type.String({ ...Id, description: 'One of your organisations (you must be its admin): the first partner and coordinator' }),
    invite_organisation_ids: Type.Optional(Type.Array(Id, { maxItems: 50, uniqueItems: true, description: 'Organisations invited at once (their admins accept)' })),
  },
  { additionalProperties: false },
)
export type AllianceApiCreateT = Static<typeof AllianceApiCreate>

/** PATCH: every field optional; the phase change is dated in the journal (`phase_on`, default today). */
export const AllianceApiUpdate = Type.Object(
  {
    name: Type.Optional(apiAllianceFields.name),
    stakes: Type.Optional(apiAllianceFields.stakes),
    description: apiAllianceFields.description,
    form: Type.Optional(apiAllianceFields.form),
    sdgs: apiAllianceFields.sdgs,
    levers: apiAllianceFields.levers,
    started_on: Type.Optional(apiAllianceFields.started_on),
    ended_on: apiAllianceFields.ended_on,
    visibility: Type.Optional(apiAllianceFields.visibility),
    territory_ids: Type.Optional(apiAllianceFields.territory_ids),
    sdg_targets: apiAllianceFields.sdg_targets,
    phase: Type.Optional(choice(PHASE_CODES, 'alliances.error.phase', 'New phase (dated in the journal)')),
    phase_on: Type.Optional(day('Day of the phase change (default: today)')),
    phase_note: Type.Optional(Type.String({ maxLength: 2000 })),
  },
  { additionalProperties: false },
)

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
 * A new alliance: its content, its first phase, the creating organisation (first partner and coordinator),
 * optionally organisations invited at once (both sides of an accepted mise en relation), and where it comes
 * from (`origin`: a milestone of its first day in the journal — a message key with its parameters, so that
 * each reader reads it in their language).
 */
export interface NewAllianceData extends AllianceData {
  phase: string
  coordinatorOrganisationId: string
  invitedOrganisationIds?: string[]
  origin?: { title: JournalTitle; body?: string }
}

export const PhaseForm = Type.Object({
  phase: choice(PHASE_CODES, 'alliances.error.phase'),
  on: IsoDate,
  note: Type.Optional(Type.String({ maxLength: 2000 })),
})

/** The directory's filters (page and API share their meaning; the page names them in French). */
export const DirectoryQuery = Type.Object({
  q: Type.Optional(Type.String({ maxLength: 100 })),
  lieu: Type.Optional(Type.String({ maxLength: 100 })),
  territoire: Type.Optional(TerritoryId),
  odd: Type.Optional(Type.Integer({ minimum: 1, maximum: 17 })),
  phase: Type.Optional(choice(PHASE_CODES, 'alliances.error.phase')),
  forme: Type.Optional(choice(FORM_CODES, 'alliances.error.form')),
  monde: Type.Optional(choice(WORLD_CODES, 'alliances.error.world')),
  levier: Type.Optional(choice(LEVER_CODES, 'alliances.error.lever')),
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100_000 })),
})

export const DirectoryApiQuery = Type.Object(
  {
    q: Type.Optional(Type.String({ maxLength: 100, description: 'Text in the name' })),
    territory: Type.Optional(Type.String({ ...TerritoryId, description: 'Located inside this territory (everything inside included)' })),
    sdg: Type.Optional(Type.Integer({ minimum: 1, maximum: 17 })),
    phase: Type.Optional(Enum(PHASE_CODES)),
    form: Type.Optional(Enum(FORM_CODES)),
    world: Type.Optional(Enum(WORLD_CODES, { description: 'At least one active partner of this world' })),
    lever: Type.Optional(Enum(LEVER_CODES)),
    ...PageQuery(),
  },
  { additionalProperties: false },
)

// --- partners ----------------------------------------------------------------------------------------------

export const InviteSearchQuery = Type.Object({ q: Type.Optional(Type.String({ maxLength: 100 })) })

export const InviteForm = Type.Object({
  organisation_id: organisation('alliances.error.organisation'),
  role: choice(ROLE_CODES, 'alliances.error.role'),
  /** the search the form came from, to show it again */
  q: Type.Optional(Type.String({ maxLength: 100 })),
})

export const InviteApiInput = Type.Object(
  { organisation_id: Type.String({ ...Id, description: 'The organisation invited' }), role: choice(ROLE_CODES, 'alliances.error.role', 'Vocabulary kind `partner_role`') },
  { additionalProperties: false },
)

export const RoleForm = Type.Object({ role: choice(ROLE_CODES, 'alliances.error.role', 'Vocabulary kind `partner_role`') })

const objectives = () => withMessage(Type.Array(choice(OBJECTIVE_CODES, 'alliances.error.objective'), { maxItems: 4, uniqueItems: true, description: 'Vocabulary kind `partnership_objective`' }), 'alliances.error.objective')

export const StatementForm = Type.Object({
  brings: Type.Optional(Type.String({ maxLength: 3000 })),
  expects: Type.Optional(Type.String({ maxLength: 3000 })),
  brings_objectives: objectives(),
  expects_objectives: objectives(),
})

export const LeaveForm = Type.Object({
  left_on: IsoDate,
  reason: Type.Optional(Type.String({ maxLength: 2000 })),
})

/** Answering an invitation or a proposed partnership from a page: one button, nothing else to say. */
export const ButtonForm = Type.Object({})

export const AnswerApiInput = Type.Object({ accept: Type.Boolean() }, { additionalProperties: false })

// --- charter -----------------------------------------------------------------------------------------------

export const CharterForm = Type.Object({
  principles: Type.String({ minLength: 10, maxLength: 20000 }),
  governance: Type.String({ minLength: 10, maxLength: 10000 }),
  meeting_frequency: choice(MEETING_FREQUENCIES, 'alliances.error.frequency', 'How often the partners meet'),
  next_review_on: IsoDate,
})

/** The most commitments one partner writes in a charter version. */
export const COMMITMENTS_MAX_LENGTH = 5000

export const CharterApiInput = Type.Object(
  {
    ...CharterForm.properties,
    commitments: Type.Optional(
      Type.Array(Type.Object({ organisation_id: Id, commitments: Type.String({ maxLength: COMMITMENTS_MAX_LENGTH }) }, { additionalProperties: false }), {
        maxItems: 200,
        description: 'What each active partner commits to (organisations that are not active partners are ignored)',
      }),
    ),
  },
  { additionalProperties: false },
)

/** Name of the form field holding one partner's commitments. */
export const commitmentField = (organisationId: string) => `engagements-${organisationId}`

export const SignForm = Type.Object({
  version: withMessage(Type.Integer({ minimum: 1, maximum: 100_000 }), 'alliances.error.version'),
  organisation_id: organisation('alliances.error.organisation'),
})

export const SignApiInput = Type.Object(
  { version: Type.Integer({ minimum: 1, maximum: 100_000, description: 'The version read (409 when a newer one replaced it)' }), organisation_id: Type.String({ ...Id, description: 'One of your organisations (you are its admin)' }) },
  { additionalProperties: false },
)

// --- contributions -----------------------------------------------------------------------------------------

/** Correcting a contribution: the giving organisation cannot change. */
export const ContributionEditForm = Type.Object({
  contribution_type: choice(CONTRIBUTION_TYPE_CODES, 'alliances.error.contributionType', 'Vocabulary kind `contribution_type`'),
  unit: choice(CONTRIBUTION_UNITS, 'alliances.error.unit'),
  quantity: Type.String({ minLength: 1, maxLength: 30, description: 'Exact decimal with at most two decimals, e.g. `1500.50` (euros) or `12` (hours); never negative' }),
  contributed_on: day('Day of the contribution (not in the future)'),
  description: Type.Optional(Type.String({ maxLength: 2000 })),
})

/** Deleting a contribution: a ticked confirmation (the form works without JavaScript). */
export const DeleteContributionForm = Type.Object({
  confirm: withMessage(Type.Array(Type.Literal('oui'), { minItems: 1, maxItems: 1 }), 'alliances.contributions.confirmMissing'),
})

export const ContributionForm = Type.Object({
  organisation_id: organisation('alliances.error.organisation', 'The partner organisation that gave (one of yours)'),
  ...ContributionEditForm.properties,
})

export const ContributionApiInput = Type.Object(ContributionForm.properties, { additionalProperties: false })
export const ContributionApiEdit = Type.Object(ContributionEditForm.properties, { additionalProperties: false })

/** A page of a list on a page of its own (contributions, partners): `?page=`. */
export const ListPageQuery = Type.Object({ page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100_000 })) })

// --- journal -----------------------------------------------------------------------------------------------

/** Correcting a journal entry: the organisation it was written for cannot change. */
export const JournalEditForm = Type.Object({
  kind: choice(WRITABLE_JOURNAL_KINDS, 'alliances.error.journalKind', 'Vocabulary kind `journal_kind` (phase changes go through PATCH /alliances/{id})'),
  occurred_on: IsoDate,
  title: Type.String({ minLength: 2, maxLength: 200 }),
  body: Type.Optional(Type.String({ maxLength: 5000 })),
})

export const JournalForm = Type.Object({
  organisation_id: organisation('alliances.error.organisation', 'The partner organisation writing (one of yours)'),
  ...JournalEditForm.properties,
})

export const JournalApiInput = Type.Object(JournalForm.properties, { additionalProperties: false })
export const JournalApiEdit = Type.Object(JournalEditForm.properties, { additionalProperties: false })

export const JournalQuery = Type.Object({ annee: Type.Optional(Type.Integer({ minimum: 1900, maximum: 2200 })), page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100_000 })) })

export const JournalApiQuery = Type.Object(
  { year: Type.Optional(Type.Integer({ minimum: 1900, maximum: 2200, description: 'Only this year (default: every year)' })), ...PageQuery({ perPage: 50, maxPerPage: 200 }) },
  { additionalProperties: false },
)

// --- partnerships ------------------------------------------------------------------------------------------

export const PartnershipQuery = Type.Object({
  de: Type.Optional(Id),
  avec: Type.Optional(Id),
  alliance: Type.Optional(Id),
  q: Type.Optional(Type.String({ maxLength: 100 })),
})

export const PartnershipForm = Type.Object({
  organisation_a_id: organisation('alliances.error.organisation', 'The proposing organisation (you are its admin)'),
  organisation_b_id: organisation('alliances.error.partnerOrganisation', 'The other organisation, whose admins confirm'),
  alliance_id: Type.Optional(Type.String({ ...Id, description: 'The alliance both are active partners of, if any' })),
  partnership_type: choice(PARTNERSHIP_TYPE_CODES, 'alliances.error.partnershipType', 'Vocabulary kind `partnership_type`'),
  started_on: IsoDate,
  ended_on: Type.Optional(IsoDate),
  description: Type.Optional(Type.String({ maxLength: 3000 })),
})
export type PartnershipFormT = Static<typeof PartnershipForm>

export const PartnershipApiInput = Type.Object(PartnershipForm.properties, { additionalProperties: false })

export const EndPartnershipForm = Type.Object({ ended_on: IsoDate })
export const EndPartnershipApiInput = Type.Object(EndPartnershipForm.properties, { additionalProperties: false })

// --- paging of the API's lists -----------------------------------------------------------------------------

export const PartnersApiQuery = Type.Object(PageQuery({ perPage: 100, maxPerPage: 200 }), { additionalProperties: false })
export const ContributionsApiQuery = Type.Object(PageQuery({ perPage: 50, maxPerPage: 200 }), { additionalProperties: false })
export const CharterApiQuery = Type.Object(PageQuery({ perPage: 20, maxPerPage: 100 }), { additionalProperties: false })
