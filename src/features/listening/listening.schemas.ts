/**
 * Input schemas of needs, resources and the lists (the core pipeline trims text, refuses control characters
 * and reports every field at once). HTML forms take what people type (euros, a territory name, one detail
 * block per kind of help); the JSON API takes codes and cents. Both end as `NeedData` / `ResourceData`, which
 * the service checks further (membership, territory, amounts, dates). Response schemas of the API are in
 * `listening.api-schemas.ts`; those of mise en relation in `connections/connections.schemas.ts`.
 */
import Type, { type Static, type TSchema } from 'typebox'
import { Enum, Id, ID_PATTERN, IsoDate, PageQuery, TERRITORY_ID_PATTERN, TerritoryId } from '../../core/http/schemas.js'
import { codesOf } from '../vocabulary/index.js'
import { CONTRIBUTION_TYPES, DOMAINS, HORIZONS, LEVERS, NATIONAL, NEED_STATUSES, RESOURCE_KINDS, RESOURCE_STATUSES } from './listening.codes.js'
import type { Horizon } from './listening.table.js'

/** One of `codes`, with the message a person reads when the value is not one of them. */
function choice<const T extends readonly string[]>(codes: T, options: { errorMessage?: string; description?: string } = {}) {
  const schema = Enum(codes, options.description ? { description: options.description } : {})
  return options.errorMessage ? Object.assign(schema, { errorMessage: options.errorMessage }) : schema
}

const count = (max: number, description?: string) => Type.Integer({ minimum: 0, maximum: max, ...(description ? { description } : {}) })
const Sdgs = Type.Array(Type.Integer({ minimum: 1, maximum: 17 }), { maxItems: 17 })
export const WORLDS = codesOf('world')

// --- forms ---------------------------------------------------------------------------------------------------

/** The detail fields of one kind of help in the need form, prefixed by the type code. */
function detailFields(): Record<string, TSchema> {
  const fields: Record<string, TSchema> = {}
  for (const type of CONTRIBUTION_TYPES) fields[`details_${type}`] = Type.Optional(Type.String({ maxLength: 1000 }))
  return fields
}

const OrganisationField = Type.String({ pattern: ID_PATTERN, errorMessage: 'listening.error.organisation' })

const needFields = {
  title: Type.String({ minLength: 3, maxLength: 200 }),
  description: Type.String({ minLength: 10, maxLength: 5000 }),
  domain: choice(DOMAINS, { errorMessage: 'listening.error.domain' }),
  sdgs: Sdgs,
  territory: Type.String({ minLength: 1, maxLength: 100, errorMessage: 'listening.error.territoryRequired' }),
  types: Type.Array(choice(CONTRIBUTION_TYPES), { minItems: 1, maxItems: CONTRIBUTION_TYPES.length, errorMessage: 'listening.error.types' }),
  amount_min: Type.Optional(count(100_000_000)),
  amount_max: Type.Optional(count(100_000_000)),
  skill_hours: Type.Optional(count(100_000)),
  skill_people: Type.Optional(count(10_000)),
  skills: Type.Optional(Type.String({ maxLength: 500 })),
  volunteer_people: Type.Optional(count(10_000)),
  volunteer_hours: Type.Optional(count(100_000)),
  ...detailFields(),
  horizon: choice(HORIZONS, { errorMessage: 'listening.error.horizon' }),
  lever: Type.Optional(choice(LEVERS)),
  status: Type.Optional(choice(NEED_STATUSES)),
}

/** The need form (publish and edit: the organisation is chosen when publishing, then never changes). */
export const NeedForm = Type.Object({ organisation_id: OrganisationField, ...needFields })
export type NeedFormT = Static<typeof NeedForm>

const resourceFields = {
  kind: choice(RESOURCE_KINDS),
  title: Type.String({ minLength: 3, maxLength: 200 }),
  description: Type.String({ minLength: 10, maxLength: 5000 }),
  contribution_type: choice(CONTRIBUTION_TYPES, { errorMessage: 'listening.error.type' }),
  amount_min: Type.Optional(count(100_000_000)),
  amount_max: Type.Optional(count(100_000_000)),
  hours: Type.Optional(count(100_000)),
  people: Type.Optional(count(10_000)),
  skills: Type.Optional(Type.String({ maxLength: 500 })),
  items: Type.Optional(Type.String({ maxLength: 500 })),
  place: Type.Optional(Type.String({ maxLength: 500 })),
  domains: Type.Array(choice(DOMAINS, { errorMessage: 'listening.error.domain' }), { maxItems: DOMAINS.length }),
  sdgs: Sdgs,
  reach: Type.Optional(Type.String({ maxLength: 100 })),
  available_from: Type.Optional(IsoDate),
  available_until: Type.Optional(IsoDate),
  status: Type.Optional(choice(RESOURCE_STATUSES)),
}

/** The resource form (publish and edit). */
export const ResourceForm = Type.Object({ organisation_id: OrganisationField, ...resourceFields })
export type ResourceFormT = Static<typeof ResourceForm>

// --- API bodies ----------------------------------------------------------------------------------------------

const NeedContributionInput = Type.Object(
  {
    type: choice(CONTRIBUTION_TYPES, { errorMessage: 'listening.error.types', description: 'Code of a contribution type (vocabulary kind `contribution_type`)' }),
    amount_min_cents: Type.Optional(count(10_000_000_000)),
    amount_max_cents: Type.Optional(count(10_000_000_000)),
    hours: Type.Optional(count(100_000, 'Hours per person')),
    people: Type.Optional(count(10_000)),
    skills: Type.Optional(Type.String({ maxLength: 500 })),
    details: Type.Optional(Type.String({ maxLength: 1000 })),
  },
  { additionalProperties: false },
)

const needApiFields = {
  title: Type.String({ minLength: 3, maxLength: 200, description: 'Trimmed; at least 3 characters' }),
  description: Type.String({ minLength: 10, maxLength: 5000 }),
  domain: choice(DOMAINS, { errorMessage: 'listening.error.domain', description: 'Code of a domain of action (vocabulary kind `domain`)' }),
  sdgs: Type.Optional(Type.Array(Type.Integer({ minimum: 1, maximum: 17 }), { maxItems: 17, uniqueItems: true, description: 'SDGs; default: those of the domain' })),
  territory_id: TerritoryId,
  contributions: Type.Array(NeedContributionInput, { minItems: 1, maxItems: CONTRIBUTION_TYPES.length }),
  horizon: choice(HORIZONS, { errorMessage: 'listening.error.horizon', description: '`court` (< 3 months), `moyen` (3–12 months), `long` (> 1 year)' }),
  lever: Type.Optional(choice(LEVERS)),
  status: Type.Optional(choice(NEED_STATUSES)),
}

/** `POST /api/v1/needs`. */
export const NeedApiInput = Type.Object({ organisation_id: Type.String({ pattern: ID_PATTERN, description: 'The publishing organisation (the signed-in person must belong to it: 404 otherwise)' }), ...needApiFields }, { additionalProperties: false })
/** `PUT /api/v1/needs/{id}`: the organisation may be repeated, never changed. */
export const NeedApiUpdate = Type.Object({ organisation_id: Type.Optional(Id), ...needApiFields }, { additionalProperties: false })
export type NeedApiUpdateT = Static<typeof NeedApiUpdate>

const ReachInput = Type.String({
  pattern: `^(${TERRITORY_ID_PATTERN.slice(1, -1)}|${NATIONAL})$`,
  description: 'Geographic reach: a territory `kind:code` or `national`; default: the seat’s département',
})

const resourceApiFields = {
  kind: choice(RESOURCE_KINDS, { description: '`ressource` or `envie` (a wish to engage)' }),
  title: Type.String({ minLength: 3, maxLength: 200, description: 'Trimmed; at least 3 characters' }),
  description: Type.String({ minLength: 10, maxLength: 5000 }),
  contribution_type: choice(CONTRIBUTION_TYPES, { errorMessage: 'listening.error.type' }),
  amount_min_cents: Type.Optional(count(10_000_000_000)),
  amount_max_cents: Type.Optional(count(10_000_000_000)),
  hours: Type.Optional(count(100_000, 'Hours per person')),
  people: Type.Optional(count(10_000)),
  skills: Type.Optional(Type.String({ maxLength: 500 })),
  items: Type.Optional(Type.String({ maxLength: 500 })),
  place: Type.Optional(Type.String({ maxLength: 500 })),
  domains: Type.Optional(Type.Array(choice(DOMAINS), { maxItems: DOMAINS.length, uniqueItems: true })),
  sdgs: Type.Optional(Type.Array(Type.Integer({ minimum: 1, maximum: 17 }), { maxItems: 17, uniqueItems: true })),
  reach_territory_id: Type.Optional(ReachInput),
  available_from: Type.Optional(IsoDate),
  available_until: Type.Optional(IsoDate),
  status: Type.Optional(choice(RESOURCE_STATUSES)),
}

/** `POST /api/v1/resources`. */
export const ResourceApiInput = Type.Object({ organisation_id: Id, ...resourceApiFields }, { additionalProperties: false })
/** `PUT /api/v1/resources/{id}`: the organisation may be repeated, never changed. */
export const ResourceApiUpdate = Type.Object({ organisation_id: Type.Optional(Id), ...resourceApiFields }, { additionalProperties: false })
export type ResourceApiUpdateT = Static<typeof ResourceApiUpdate>

// --- what the service receives ---------------------------------------------------------------------------

export interface ContributionData {
  type: string
  amountMinCents: number | null
  amountMaxCents: number | null
  hours: number | null
  people: number | null
  skills: string | null
  details: string | null
}

/** A need, validated and resolved, whatever the channel. `sdgs: null` means "those of the domain". */
export interface NeedData {
  organisationId: string
  title: string
  description: string
  domain: string
  sdgs: number[] | null
  territoryId: string
  contributions: ContributionData[]
  horizon: Horizon
  lever: string | null
  /** null: `ouvert` for a new need, unchanged for an edit */
  status: string | null
}

/** A resource or wish to engage, validated and resolved, whatever the channel (catalysis offers places as resources). */
export interface ResourceData {
  organisationId: string
  kind: 'ressource' | 'envie'
  title: string
  description: string
  contributionType: string
  amountMinCents: number | null
  amountMaxCents: number | null
  hours: number | null
  people: number | null
  skills: string | null
  items: string | null
  place: string | null
  domains: string[]
  sdgs: number[]
  /** a territory id, `national`, or null for the seat's département */
  reachTerritoryId: string | null
  availableFrom: string | null
  availableUntil: string | null
  /** null: `disponible` for a new resource, unchanged for an edit */
  status: string | null
}

// --- lists ---------------------------------------------------------------------------------------------------

const listFilters = {
  q: Type.Optional(Type.String({ maxLength: 100 })),
  territoire: Type.Optional(TerritoryId),
  lieu: Type.Optional(Type.String({ maxLength: 100 })),
  domaine: Type.Optional(choice(DOMAINS)),
  odd: Type.Optional(Type.Integer({ minimum: 1, maximum: 17 })),
  contribution: Type.Optional(choice(CONTRIBUTION_TYPES)),
  monde: Type.Optional(choice(WORLDS)),
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100_000 })),
}

/** `/besoins`: the filters of the list (read leniently: an invalid one is dropped and named). */
export const NeedListQuery = Type.Object({ ...listFilters, statut: Type.Optional(choice(NEED_STATUSES)) })
/** `/ressources`. */
export const ResourceListQuery = Type.Object({ ...listFilters, statut: Type.Optional(choice(RESOURCE_STATUSES)) })
/** `/recherche`: the same filters across needs, resources and actors; the status applies to the kind it names. */
export const SearchQuery = Type.Object({
  ...listFilters,
  statut: Type.Optional(choice([...NEED_STATUSES, ...RESOURCE_STATUSES])),
  type: Type.Optional(choice(['tout', 'besoins', 'ressources', 'acteurs'])),
})
export type ListQueryT = Static<typeof SearchQuery>

const apiFilters = {
  q: Type.Optional(Type.String({ maxLength: 100, description: 'Words (accents and plurals do not matter)' })),
  territory: Type.Optional(Type.String({ pattern: TERRITORY_ID_PATTERN, description: 'Inside this territory (everything it contains), e.g. `departement:94`' })),
  domain: Type.Optional(choice(DOMAINS)),
  sdg: Type.Optional(Type.Integer({ minimum: 1, maximum: 17 })),
  contribution_type: Type.Optional(choice(CONTRIBUTION_TYPES)),
  world: Type.Optional(choice(WORLDS, { description: 'World of the publishing organisation' })),
  ...PageQuery(),
}

/** `GET /api/v1/needs`. */
export const NeedApiQuery = Type.Object({ ...apiFilters, status: Type.Optional(choice(NEED_STATUSES)) }, { additionalProperties: false })
/** `GET /api/v1/resources`. */
export const ResourceApiQuery = Type.Object({ ...apiFilters, status: Type.Optional(choice(RESOURCE_STATUSES)) }, { additionalProperties: false })
export type ApiListQueryT = Static<typeof NeedApiQuery> | Static<typeof ResourceApiQuery>

/** The matches of a need or a resource: pages of the best `MATCH_CAP`. */
export const MatchesQuery = Type.Object(PageQuery({ perPage: 20, maxPerPage: 50 }), { additionalProperties: false })
