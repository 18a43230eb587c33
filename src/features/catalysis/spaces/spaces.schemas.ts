/**
 * Schemas of territory spaces: the HTML forms (the perimeter typed as text), the page filters (lenient), the
 * JSON API's input (ids) and what it answers (named components). Both kinds of input end as `SpaceData`,
 * which the service checks further.
 */
import Type, { type Static } from 'typebox'
import { Enum, Id, ID_PATTERN, named, Page, PageQuery, TERRITORY_ID_PATTERN, TerritoryId } from '../../../core/http/schemas.js'
import { codesOf } from '../../vocabulary/index.js'
import { OrganisationRef, organisationRef } from '../catalysis.schemas.js'
import type { Dashboard } from './dashboard.queries.js'
import { tradesOf, type SpaceDetails, type SpaceListRow } from './spaces.queries.js'

/** The four trades of catalysis (vocabulary kind `catalysis_trade`, top level). */
export const TRADE_CODES = codesOf('catalysis_trade', true)
export const Trade = Enum(TRADE_CODES, { description: 'A trade of catalysis (vocabulary kind `catalysis_trade`)' })

const spaceFields = {
  name: Type.String({ minLength: 3, maxLength: 200 }),
  mission: Type.String({ minLength: 10, maxLength: 3000 }),
  trades: Type.Array(Trade, { minItems: 1, maxItems: 4, errorMessage: 'catalysis.error.tradesRequired' }),
  territories: Type.String({ minLength: 1, maxLength: 1000, errorMessage: 'catalysis.error.perimeterRequired' }),
}

/** Editing a space (its perimeter typed as text: "Vincennes; Val-de-Marne"). */
export const SpaceForm = Type.Object(spaceFields)
/** Declaring a space: the animating organisation first. */
export const NewSpaceForm = Type.Object({ organisation_id: Type.String({ pattern: ID_PATTERN, errorMessage: 'catalysis.error.organisationRequired' }), ...spaceFields })

/** The directory's filters (`/espaces`). */
export const DirectoryQuery = Type.Object({
  territoire: Type.Optional(TerritoryId),
  lieu: Type.Optional(Type.String({ maxLength: 100 })),
  metier: Type.Optional(Trade),
  q: Type.Optional(Type.String({ maxLength: 100 })),
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100_000 })),
})

/** A space's page: the year of its grid and timeline. */
export const YearQuery = Type.Object({ annee: Type.Optional(Type.Integer({ minimum: 1900, maximum: 2200 })) })
/** The team page: a search for organisations to invite. */
export const TeamQuery = Type.Object({ q: Type.Optional(Type.String({ maxLength: 100 })) })
/** `…/equipe/:organisationId/…`. */
export const CoanimatorParams = Type.Object({ id: Id, organisationId: Id })

/** Inviting an organisation to co-animate. */
export const CoanimatorForm = Type.Object({ organisation_id: Type.String({ pattern: ID_PATTERN, errorMessage: 'catalysis.error.organisationUnknown' }) }, { additionalProperties: false })

// --- API ----------------------------------------------------------------------------------------------

const spaceApiFields = {
  name: Type.String({ minLength: 3, maxLength: 200 }),
  mission: Type.String({ minLength: 10, maxLength: 3000 }),
  trades: Type.Array(Trade, { minItems: 1, maxItems: 4 }),
  territory_ids: Type.Array(TerritoryId, { minItems: 1, maxItems: 50, description: 'The perimeter: territories at any level (spaces may overlap)' }),
}
export const SpaceApiInput = Type.Object({ organisation_id: Type.String({ pattern: ID_PATTERN, description: 'The animating organisation (its admins run the space)' }), ...spaceApiFields }, { additionalProperties: false })
export const SpaceApiUpdate = Type.Object(spaceApiFields, { additionalProperties: false })

export const SpaceListQuery = Type.Object(
  {
    territory: Type.Optional(Type.String({ pattern: TERRITORY_ID_PATTERN, description: 'Spaces whose perimeter meets this territory' })),
    trade: Type.Optional(Trade),
    q: Type.Optional(Type.String({ maxLength: 100, description: 'Words of the name' })),
    ...PageQuery(),
  },
  { additionalProperties: false },
)

export const CoanimationAnswer = Type.Object({ accept: Type.Boolean({ description: 'true to accept, false to decline' }) }, { additionalProperties: false })

export const SpaceSummary = named(
  'SpaceSummary',
  Type.Object({
    id: Id,
    name: Type.String(),
    organisation: Type.Object({ id: Id, name: Type.String(), href: Type.String() }),
    trades: Type.Array(Trade),
    is_demo: Type.Boolean({ description: 'A fictional space of the demonstration' }),
    href: Type.String({ description: 'The space’s page (relative)' }),
  }),
)

export const SpaceSchema = named(
  'Space',
  Type.Object({
    id: Id,
    name: Type.String(),
    mission: Type.String(),
    organisation: OrganisationRef,
    trades: Type.Array(Trade),
    territories: Type.Array(Type.Object({ id: TerritoryId, kind: Type.String(), code: Type.String(), name: Type.String(), href: Type.String() })),
    coanimators: Type.Array(Type.Object({ organisation: OrganisationRef, status: Enum(['invitee', 'active'] as const, { description: '`invitee` until its admins accept' }) })),
    is_demo: Type.Boolean(),
    href: Type.String(),
    calendar: Type.String({ description: 'The space’s iCalendar feed (relative)' }),
  }),
)

export const DashboardSchema = named(
  'SpaceDashboard',
  Type.Object({
    needs: Type.Record(Type.String(), Type.Integer(), { description: 'Needs inside the perimeter, by status' }),
    orphan_needs: Type.Integer({ description: 'Open needs no resource answers' }),
    resources: Type.Array(Type.Object({ contribution_type: Type.String(), count: Type.Integer() })),
    connections: Type.Record(Type.String(), Type.Integer(), { description: 'Connections (mises en relation) by status' }),
    alliances_by_phase: Type.Array(Type.Object({ phase: Type.String(), count: Type.Integer() })),
    campaigns: Type.Integer(),
    studies: Type.Integer(),
    meetings: Type.Object({ past: Type.Integer(), upcoming: Type.Integer(), participants: Type.Integer(), present: Type.Integer() }),
    places: Type.Integer(),
    computed_at: Type.String({ format: 'date-time', description: 'When the figures were computed (kept until a write changes them, a few minutes at most)' }),
  }),
)

export const SpaceList = Page(SpaceSummary)
export const SpaceAnswer = Type.Object({ data: SpaceSchema, dashboard: DashboardSchema }, { description: 'The space with the dashboard of its perimeter' })
export const Created = Type.Object({ id: Id, href: Type.String() }, { description: 'Created' })

export function presentSpaceSummary(r: SpaceListRow): Static<typeof SpaceSummary> {
  return { id: r.id, name: r.name, organisation: { id: r.organisation_id, name: r.organisation_name, href: `/acteurs/${r.organisation_id}` }, trades: tradesOf(r.trade_mask), is_demo: r.is_demo === 1, href: `/espaces/${r.id}` }
}

export function presentSpace(d: SpaceDetails): Static<typeof SpaceSchema> {
  return {
    id: d.space.id,
    name: d.space.name,
    mission: d.space.mission,
    organisation: organisationRef(d.organisation),
    trades: tradesOf(d.space.trade_mask),
    territories: d.territories.map((t) => ({ id: t.id, kind: t.kind, code: t.code, name: t.name, href: `/territoires/${t.kind}/${t.code}` })),
    coanimators: d.coanimators.map((c) => ({ organisation: organisationRef({ id: c.organisation_id, name: c.name, world: c.world }), status: c.status })),
    is_demo: d.space.is_demo === 1,
    href: `/espaces/${d.space.id}`,
    calendar: `/espaces/${d.space.id}/calendrier.ics`,
  }
}

export function presentDashboard(d: Dashboard): Static<typeof DashboardSchema> {
  return {
    needs: d.needs,
    orphan_needs: d.orphanNeeds,
    resources: d.resources.map((r) => ({ contribution_type: r.code, count: r.n })),
    connections: d.connections,
    alliances_by_phase: d.alliances.map((a) => ({ phase: a.code, count: a.n })),
    campaigns: d.campaigns,
    studies: d.studies,
    meetings: d.meetings,
    places: d.places,
    computed_at: d.computedAt,
  }
}

