/**
 * What the JSON API shows of needs, resources and their matches: named components (reused by clients), closed
 * lists as enums, times as ISO-8601, relative `href` links — and the presenters that build them from rows.
 */
import Type, { type Static } from 'typebox'
import { Enum, Id, IsoDate, IsoDateTime, named, Nullable } from '../../core/http/schemas.js'
import { presentTerritory, TerritorySchema } from '../territories/index.js'
import { CONTRIBUTION_TYPES, DOMAINS, domainsOf, HORIZONS, LEVERS, NATIONAL, NEED_STATUSES, RESOURCE_KINDS, RESOURCE_STATUSES, sdgsOf, typesOf } from './listening.codes.js'
import type { NeedDetails, NeedRow, ResourceDetails, ResourceRow } from './listening.queries.js'
import { WORLDS } from './listening.schemas.js'
import { REASON_CODES } from './matching/score.js'

const ContributionType = Enum(CONTRIBUTION_TYPES, { description: 'Code of a contribution type (vocabulary kind `contribution_type`)' })
const Domain = Enum(DOMAINS, { description: 'Code of a domain of action (vocabulary kind `domain`)' })
const World = Enum(WORLDS, { description: 'World of the publishing organisation (vocabulary kind `world`)' })
const Sdgs = Type.Array(Type.Integer({ minimum: 1, maximum: 17 }), { description: 'Sustainable Development Goals (1–17)' })

const Publisher = named('ListingOrganisation', Type.Object({ id: Id, name: Type.String(), href: Type.String({ description: 'The organisation’s page (relative)' }) }))

export const NeedSummarySchema = named(
  'NeedSummary',
  Type.Object({
    id: Id,
    title: Type.String(),
    domain: Domain,
    status: Enum(NEED_STATUSES),
    world: World,
    contribution_types: Type.Array(ContributionType),
    sdgs: Sdgs,
    territory_id: Type.String({ description: 'The territory concerned, `kind:code`' }),
    organisation: Publisher,
    is_demo: Type.Boolean({ description: 'Fictional demonstration data' }),
    updated_at: IsoDateTime,
    href: Type.String({ description: 'The need’s page (relative)' }),
  }),
)

const NeedContributionSchema = named(
  'NeedContribution',
  Type.Object({
    type: ContributionType,
    amount_min_cents: Nullable(Type.Integer()),
    amount_max_cents: Nullable(Type.Integer()),
    hours: Nullable(Type.Integer({ description: 'Hours per person' })),
    people: Nullable(Type.Integer()),
    skills: Nullable(Type.String()),
    details: Nullable(Type.String()),
  }),
)

export const NeedSchema = named(
  'Need',
  Type.Object({
    id: Id,
    title: Type.String(),
    description: Type.String(),
    domain: Domain,
    sdgs: Sdgs,
    territory: TerritorySchema,
    contributions: Type.Array(NeedContributionSchema),
    horizon: Enum(HORIZONS, { description: '`court` (< 3 months), `moyen` (3–12 months), `long` (> 1 year)' }),
    lever: Nullable(Enum(LEVERS)),
    status: Enum(NEED_STATUSES),
    organisation: Publisher,
    is_demo: Type.Boolean(),
    created_at: IsoDateTime,
    updated_at: IsoDateTime,
    href: Type.String({ description: 'The need’s page (relative)' }),
  }),
)

export const ResourceSummarySchema = named(
  'ResourceSummary',
  Type.Object({
    id: Id,
    kind: Enum(RESOURCE_KINDS, { description: '`ressource` or `envie` (a wish to engage)' }),
    title: Type.String(),
    contribution_type: ContributionType,
    status: Enum(RESOURCE_STATUSES),
    world: World,
    domains: Type.Array(Domain),
    sdgs: Sdgs,
    reach_territory_id: Type.String({ description: 'A territory `kind:code` or `national`' }),
    organisation: Publisher,
    is_demo: Type.Boolean({ description: 'Fictional demonstration data' }),
    updated_at: IsoDateTime,
    href: Type.String({ description: 'The resource’s page (relative)' }),
  }),
)

export const ResourceSchema = named(
  'Resource',
  Type.Object({
    id: Id,
    kind: Enum(RESOURCE_KINDS, { description: '`ressource` or `envie` (a wish to engage)' }),
    title: Type.String(),
    description: Type.String(),
    contribution_type: ContributionType,
    amount_min_cents: Nullable(Type.Integer()),
    amount_max_cents: Nullable(Type.Integer()),
    hours: Nullable(Type.Integer({ description: 'Hours per person' })),
    people: Nullable(Type.Integer()),
    skills: Nullable(Type.String()),
    items: Nullable(Type.String()),
    place: Nullable(Type.String()),
    domains: Type.Array(Domain),
    sdgs: Sdgs,
    reach: Nullable(TerritorySchema),
    national: Type.Boolean({ description: 'The resource reaches all of France (`reach` is then null)' }),
    available_from: Nullable(IsoDate),
    available_until: Nullable(IsoDate),
    status: Enum(RESOURCE_STATUSES),
    organisation: Publisher,
    is_demo: Type.Boolean(),
    created_at: IsoDateTime,
    updated_at: IsoDateTime,
    href: Type.String({ description: 'The resource’s page (relative)' }),
  }),
)

/** One reason of a match's score. */
const ReasonSchema = named(
  'MatchReason',
  Type.Object({
    code: Enum(REASON_CODES, { description: 'What the points are for (docs/matching.md)' }),
    points: Type.Integer({ minimum: 0 }),
    label: Type.String({ description: 'The reason in words, in the request’s language' }),
  }),
)

export const ResourceMatchSchema = named('ResourceMatch', Type.Object({ resource: ResourceSummarySchema, score: Type.Integer({ description: 'The sum of the reasons’ points' }), reasons: Type.Array(ReasonSchema) }))
export const NeedMatchSchema = named('NeedMatch', Type.Object({ need: NeedSummarySchema, score: Type.Integer({ description: 'The sum of the reasons’ points' }), reasons: Type.Array(ReasonSchema) }))

const publisher = (o: { id: string; name: string }) => ({ id: o.id, name: o.name, href: `/acteurs/${o.id}` })

// Codes read from the database are those of the schemas (they are written through the services): the presenters
// type them by a cast at this boundary.

export function presentNeedSummary(n: NeedRow): Static<typeof NeedSummarySchema> {
  return {
    id: n.id,
    title: n.title,
    domain: n.domain,
    status: n.status,
    world: n.world,
    contribution_types: typesOf(n.type_mask),
    sdgs: sdgsOf(n.sdg_mask),
    territory_id: n.territory_id,
    organisation: publisher({ id: n.organisation_id, name: n.organisation_name }),
    is_demo: n.is_demo === 1,
    updated_at: n.updated_at,
    href: `/besoins/${n.id}`,
  } as Static<typeof NeedSummarySchema>
}

export function presentResourceSummary(r: ResourceRow): Static<typeof ResourceSummarySchema> {
  return {
    id: r.id,
    kind: r.kind,
    title: r.title,
    contribution_type: r.contribution_type,
    status: r.status,
    world: r.world,
    domains: domainsOf(r.domain_mask),
    sdgs: sdgsOf(r.sdg_mask),
    reach_territory_id: r.reach_territory_id,
    organisation: publisher({ id: r.organisation_id, name: r.organisation_name }),
    is_demo: r.is_demo === 1,
    updated_at: r.updated_at,
    href: `/ressources/${r.id}`,
  } as Static<typeof ResourceSummarySchema>
}

export function presentNeed(d: NeedDetails): Static<typeof NeedSchema> {
  const n = d.need
  return {
    id: n.id,
    title: n.title,
    description: n.description,
    domain: n.domain,
    sdgs: sdgsOf(n.sdg_mask),
    territory: presentTerritory(d.territory),
    contributions: d.contributions.map((c) => ({ type: c.contribution_type, amount_min_cents: c.amount_min_cents, amount_max_cents: c.amount_max_cents, hours: c.hours, people: c.people, skills: c.skills, details: c.details })),
    horizon: n.horizon,
    lever: n.lever,
    status: n.status,
    organisation: publisher(d.organisation),
    is_demo: n.is_demo === 1,
    created_at: n.created_at,
    updated_at: n.updated_at,
    href: `/besoins/${n.id}`,
  } as Static<typeof NeedSchema>
}

export function presentResource(d: ResourceDetails): Static<typeof ResourceSchema> {
  const r = d.resource
  return {
    id: r.id,
    kind: r.kind,
    title: r.title,
    description: r.description,
    contribution_type: r.contribution_type,
    amount_min_cents: r.amount_min_cents,
    amount_max_cents: r.amount_max_cents,
    hours: r.hours,
    people: r.people,
    skills: r.skills,
    items: r.items,
    place: r.place,
    domains: domainsOf(r.domain_mask),
    sdgs: sdgsOf(r.sdg_mask),
    reach: d.reach ? presentTerritory(d.reach) : null,
    national: r.reach_territory_id === NATIONAL,
    available_from: r.available_from,
    available_until: r.available_until,
    status: r.status,
    organisation: publisher(d.organisation),
    is_demo: r.is_demo === 1,
    created_at: r.created_at,
    updated_at: r.updated_at,
    href: `/ressources/${r.id}`,
  } as Static<typeof ResourceSchema>
}
