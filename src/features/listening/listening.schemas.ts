/**
 * Input schemas of listening. HTML forms take what people type (euros, a territory name, one detail block per
 * kind of help); the JSON API takes codes and cents. Both end as `NeedData` / `ResourceData`, which the
 * service validates further (membership, territory, amounts, dates).
 */
import Type, { type Static, type TSchema } from 'typebox'
import { CONTRIBUTION_TYPES, DOMAINS, HORIZONS, LEVERS, NEED_STATUSES, RESOURCE_KINDS, RESOURCE_STATUSES } from './listening.codes.js'
import { codesOf } from '../vocabulary/index.js'

/** One of `values` (an `enum`: a wrong value gives one error, not one per allowed value). */
const literals = <const T extends readonly string[]>(values: T, errorMessage = 'form.error.invalid', description?: string) =>
  Type.Enum([...values] as T[number][], { errorMessage, ...(description ? { description } : {}) })

const ID = '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$'
const TERRITORY = '^(commune|epci|ept|departement|region):[0-9A-Z]{1,12}$'
const DATE = '^[0-9]{4}-[0-9]{2}-[0-9]{2}$'
const count = (max: number) => Type.Integer({ minimum: 0, maximum: max })

/** The detail fields of one kind of help in the need form, prefixed by the type code. */
function detailFields(): Record<string, TSchema> {
  const fields: Record<string, TSchema> = {}
  for (const type of CONTRIBUTION_TYPES) fields[`details_${type}`] = Type.Optional(Type.String({ maxLength: 1000 }))
  return fields
}

export const NeedForm = Type.Object({
  organisation_id: Type.String({ pattern: ID, errorMessage: 'listening.error.organisation' }),
  title: Type.String({ minLength: 3, maxLength: 200 }),
  description: Type.String({ minLength: 10, maxLength: 5000 }),
  domain: literals(DOMAINS, 'listening.error.domain'),
  sdgs: Type.Array(Type.Integer({ minimum: 1, maximum: 17 }), { maxItems: 17 }),
  territory: Type.String({ minLength: 1, maxLength: 100, errorMessage: 'listening.error.territoryRequired' }),
  types: Type.Array(literals(CONTRIBUTION_TYPES), { minItems: 1, maxItems: CONTRIBUTION_TYPES.length, errorMessage: 'listening.error.types' }),
  amount_min: Type.Optional(count(100_000_000)),
  amount_max: Type.Optional(count(100_000_000)),
  skill_hours: Type.Optional(count(100_000)),
  skill_people: Type.Optional(count(10_000)),
  skills: Type.Optional(Type.String({ maxLength: 500 })),
  volunteer_people: Type.Optional(count(10_000)),
  volunteer_hours: Type.Optional(count(100_000)),
  ...detailFields(),
  horizon: literals(HORIZONS, 'listening.error.horizon'),
  lever: Type.Optional(literals(LEVERS)),
  status: Type.Optional(literals(NEED_STATUSES)),
})
export type NeedFormT = Static<typeof NeedForm>

const NeedContributionInput = Type.Object(
  {
    type: literals(CONTRIBUTION_TYPES, 'listening.error.types', 'Code of a contribution type (vocabulary kind `contribution_type`)'),
    amount_min_cents: Type.Optional(count(10_000_000_000)),
    amount_max_cents: Type.Optional(count(10_000_000_000)),
    hours: Type.Optional(Type.Integer({ minimum: 0, maximum: 100_000, description: 'Hours per person' })),
    people: Type.Optional(count(10_000)),
    skills: Type.Optional(Type.String({ maxLength: 500 })),
    details: Type.Optional(Type.String({ maxLength: 1000 })),
  },
  { additionalProperties: false },
)

export const NeedApiInput = Type.Object(
  {
    organisation_id: Type.String({ pattern: ID, description: 'The publishing organisation (the signed-in person must belong to it)' }),
    title: Type.String({ minLength: 3, maxLength: 200 }),
    description: Type.String({ minLength: 10, maxLength: 5000 }),
    domain: literals(DOMAINS, 'listening.error.domain', 'Code of a domain of action (vocabulary kind `domain`)'),
    sdgs: Type.Optional(Type.Array(Type.Integer({ minimum: 1, maximum: 17 }), { maxItems: 17, uniqueItems: true, description: 'SDGs; default: those of the domain' })),
    territory_id: Type.String({ pattern: TERRITORY, description: 'The territory concerned, e.g. `commune:94080`' }),
    contributions: Type.Array(NeedContributionInput, { minItems: 1, maxItems: CONTRIBUTION_TYPES.length }),
    horizon: literals(HORIZONS, 'listening.error.horizon', '`court` (< 3 months), `moyen` (3–12 months), `long` (> 1 year)'),
    lever: Type.Optional(literals(LEVERS)),
    status: Type.Optional(literals(NEED_STATUSES)),
  },
  { additionalProperties: false },
)
export type NeedApiInputT = Static<typeof NeedApiInput>

export const ResourceForm = Type.Object({
  organisation_id: Type.String({ pattern: ID, errorMessage: 'listening.error.organisation' }),
  kind: literals(RESOURCE_KINDS),
  title: Type.String({ minLength: 3, maxLength: 200 }),
  description: Type.String({ minLength: 10, maxLength: 5000 }),
  contribution_type: literals(CONTRIBUTION_TYPES, 'listening.error.type'),
  amount_min: Type.Optional(count(100_000_000)),
  amount_max: Type.Optional(count(100_000_000)),
  hours: Type.Optional(count(100_000)),
  people: Type.Optional(count(10_000)),
  skills: Type.Optional(Type.String({ maxLength: 500 })),
  items: Type.Optional(Type.String({ maxLength: 500 })),
  place: Type.Optional(Type.String({ maxLength: 500 })),
  domains: Type.Array(literals(DOMAINS, 'listening.error.domain'), { maxItems: DOMAINS.length }),
  sdgs: Type.Array(Type.Integer({ minimum: 1, maximum: 17 }), { maxItems: 17 }),
  reach: Type.Optional(Type.String({ maxLength: 100 })),
  available_from: Type.Optional(Type.String({ pattern: DATE, errorMessage: 'listening.error.date' })),
  available_until: Type.Optional(Type.String({ pattern: DATE, errorMessage: 'listening.error.date' })),
  status: Type.Optional(literals(RESOURCE_STATUSES)),
})
export type ResourceFormT = Static<typeof ResourceForm>

export const ResourceApiInput = Type.Object(
  {
    organisation_id: Type.String({ pattern: ID }),
    kind: literals(RESOURCE_KINDS, 'form.error.invalid', '`ressource` or `envie` (a wish to engage)'),
    title: Type.String({ minLength: 3, maxLength: 200 }),
    description: Type.String({ minLength: 10, maxLength: 5000 }),
    contribution_type: literals(CONTRIBUTION_TYPES, 'listening.error.type'),
    amount_min_cents: Type.Optional(count(10_000_000_000)),
    amount_max_cents: Type.Optional(count(10_000_000_000)),
    hours: Type.Optional(Type.Integer({ minimum: 0, maximum: 100_000, description: 'Hours per person' })),
    people: Type.Optional(count(10_000)),
    skills: Type.Optional(Type.String({ maxLength: 500 })),
    items: Type.Optional(Type.String({ maxLength: 500 })),
    place: Type.Optional(Type.String({ maxLength: 500 })),
    domains: Type.Optional(Type.Array(literals(DOMAINS), { maxItems: DOMAINS.length, uniqueItems: true })),
    sdgs: Type.Optional(Type.Array(Type.Integer({ minimum: 1, maximum: 17 }), { maxItems: 17, uniqueItems: true })),
    reach_territory_id: Type.Optional(Type.String({ pattern: '^((commune|epci|ept|departement|region):[0-9A-Z]{1,12}|national)$', description: 'Geographic reach: a territory `kind:code` or `national`; default: the seat’s département' })),
    available_from: Type.Optional(Type.String({ pattern: DATE })),
    available_until: Type.Optional(Type.String({ pattern: DATE })),
    status: Type.Optional(literals(RESOURCE_STATUSES)),
  },
  { additionalProperties: false },
)
export type ResourceApiInputT = Static<typeof ResourceApiInput>

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
  horizon: string
  lever: string | null
  status: string | null
}

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
  status: string | null
}

/** Filters of the lists of needs and resources, the search page and the API (same names everywhere). */
export const ListQuery = Type.Object({
  q: Type.Optional(Type.String({ maxLength: 100 })),
  territoire: Type.Optional(Type.String({ maxLength: 40, pattern: TERRITORY })),
  lieu: Type.Optional(Type.String({ maxLength: 100 })),
  domaine: Type.Optional(literals(DOMAINS)),
  odd: Type.Optional(Type.Integer({ minimum: 1, maximum: 17 })),
  contribution: Type.Optional(literals(CONTRIBUTION_TYPES)),
  monde: Type.Optional(literals(codesOf('world'))),
  statut: Type.Optional(Type.String({ maxLength: 20 })),
  type: Type.Optional(literals(['tout', 'besoins', 'ressources', 'acteurs'])),
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100000 })),
})
export type ListQueryT = Static<typeof ListQuery>

export const ApiListQuery = Type.Object(
  {
    q: Type.Optional(Type.String({ maxLength: 100, description: 'Words (accents and plurals do not matter)' })),
    territory: Type.Optional(Type.String({ pattern: TERRITORY, description: 'Inside this territory (everything it contains), e.g. `departement:94`' })),
    domain: Type.Optional(literals(DOMAINS)),
    sdg: Type.Optional(Type.Integer({ minimum: 1, maximum: 17 })),
    contribution_type: Type.Optional(literals(CONTRIBUTION_TYPES)),
    world: Type.Optional(literals(codesOf('world'))),
    status: Type.Optional(Type.String({ maxLength: 20, description: 'A need or resource status' })),
    page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100000, default: 1 })),
    per_page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
  },
  { additionalProperties: false },
)
export type ApiListQueryT = Static<typeof ApiListQuery>

export const ContactRequestForm = Type.Object({
  need_id: Type.String({ pattern: ID, errorMessage: 'listening.error.pair' }),
  resource_id: Type.String({ pattern: ID, errorMessage: 'listening.error.pair' }),
  from_organisation_id: Type.Optional(Type.String({ pattern: ID })),
  message: Type.String({ minLength: 10, maxLength: 3000 }),
})
export type ContactRequestFormT = Static<typeof ContactRequestForm>

export const MessageForm = Type.Object({
  body: Type.String({ minLength: 1, maxLength: 3000 }),
})
