/**
 * Schemas of the library (TypeBox: one schema gives the handler's types, the validation and the OpenAPI
 * document): the sheet (form and API), "S'en inspirer", the library's filters (the pages' French names, the
 * API's English ones), and what the API shows — `PracticeCard`, `PracticeSheet`.
 */
import Type, { type Static } from 'typebox'
import { Enum, Id, ID_PATTERN, IdParams, IsoDate, IsoDateTime, named, Nullable, PageQuery, TerritoryId } from '../../core/http/schemas.js'
import type { LibraryFilters } from './practices.search.js'
import type { SheetInput } from './practices.service.js'

export { IdParams }
export const RoundParams = Type.Object({ id: Id, roundId: Id })

const text = (description: string) => Type.String({ maxLength: 8000, description })
const VISIBILITY = Enum(['public', 'partners'] as const, { description: '`partners`: seen by its partners only' })

const sheetFields = {
  title: Type.String({ maxLength: 200 }),
  summary: text('In a few lines'),
  context: text('The context'),
  solution: text('The solution (axis 1 of an innovation model)'),
  process: text('The process (axis 2)'),
  socio_economic_model: text('The socio-economic model (axis 3)'),
  arrangement: text('The arrangement, dispositif (axis 4)'),
  governance: text('The governance (axis 5)'),
  legal_frame: text('The legal, social and tax frame (axis 6)'),
  lessons: text('The lessons'),
  domains: Type.Array(Type.String({ maxLength: 40 }), { maxItems: 20, description: 'Codes of the vocabulary kind `domain` (one at least)' }),
}

/** A sheet (form, and the API's change). Lengths are the service's rules (every field named at once). */
export const SheetForm = named('PracticeSheetInput', Type.Object(sheetFields, { additionalProperties: false }))
export type SheetFormT = Static<typeof SheetForm>
export const SheetCreate = named(
  'PracticeSheetCreation',
  Type.Object({ alliance_id: Id, round_id: Type.String({ pattern: ID_PATTERN, description: 'A round of the alliance whose review is published' }), ...sheetFields }, { additionalProperties: false }),
)

/** A posted sheet as the service's input. */
export function sheetInputOf(v: SheetFormT): SheetInput {
  return { title: v.title, summary: v.summary, context: v.context, solution: v.solution, process: v.process, socioEconomicModel: v.socio_economic_model, arrangement: v.arrangement, governance: v.governance, legalFrame: v.legal_frame, lessons: v.lessons, domains: v.domains }
}

/** "S'en inspirer" from the page: the territory is typed (a name or a code) and resolved. */
export const InspireForm = Type.Object({
  coordinator: Type.String({ pattern: ID_PATTERN, errorMessage: 'practices.error.coordinator' }),
  name: Type.String({ maxLength: 200 }),
  territories: Type.String({ minLength: 1, maxLength: 100, description: 'A place typed by a person (name or code)' }),
  started_on: IsoDate,
  visibility: VISIBILITY,
})

export const InspireApi = named(
  'InspireInput',
  Type.Object(
    {
      coordinator_organisation_id: Type.String({ pattern: ID_PATTERN, description: 'An organisation you administer (another one: 404)' }),
      name: Type.String({ maxLength: 200 }),
      territory_ids: Type.Array(TerritoryId, { minItems: 1, maxItems: 50 }),
      started_on: IsoDate,
      visibility: VISIBILITY,
    },
    { additionalProperties: false },
  ),
)

const filters = {
  sdg: Type.Optional(Type.Integer({ minimum: 1, maximum: 17 })),
  domain: Type.Optional(Type.String({ maxLength: 40 })),
  form: Type.Optional(Type.String({ maxLength: 40 })),
  world: Type.Optional(Type.String({ maxLength: 40, description: 'A world of one of the alliance’s active partners' })),
  size: Type.Optional(Type.String({ maxLength: 20, description: 'Commune-size band of the perimeter' })),
  region: Type.Optional(Type.String({ pattern: '^region:[0-9A-Z]{1,3}$', description: 'e.g. `region:11`' })),
  phase: Type.Optional(Type.String({ maxLength: 20 })),
}

/** The library page's query (French names; lenient: an invalid filter is dropped and named). */
export const LibraryQuery = Type.Object({
  q: Type.Optional(Type.String({ maxLength: 100 })),
  odd: filters.sdg,
  domaine: filters.domain,
  forme: filters.form,
  monde: filters.world,
  taille: filters.size,
  region: filters.region,
  phase: filters.phase,
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100_000 })),
})
export type LibraryQueryT = Static<typeof LibraryQuery>

/** The API's library query. */
export const LibraryApiQuery = Type.Object({ q: Type.Optional(Type.String({ maxLength: 100, description: 'Full-text search' })), ...filters, ...PageQuery() }, { additionalProperties: false })

export function filtersOf(q: LibraryQueryT): LibraryFilters {
  return { text: q.q, sdg: q.odd, domain: q.domaine, form: q.forme, world: q.monde, size: q.taille, region: q.region, phase: q.phase }
}

// ---------------------------------------------------------------------------------------------------------------
// What the API shows

export const PracticeCard = named(
  'PracticeCard',
  Type.Object({
    id: Id,
    title: Type.String(),
    summary: Type.String(),
    alliance_id: Id,
    alliance_name: Type.String(),
    published_at: IsoDateTime,
    domains: Type.Array(Type.String()),
    replications: Type.Integer({ minimum: 0, description: 'Alliances started from it (essaimage)' }),
    href: Type.String({ description: 'The sheet’s page (relative)' }),
  }),
)

export const PracticeSheet = named(
  'PracticeSheet',
  Type.Object({
    id: Id,
    alliance_id: Id,
    round_id: Id,
    title: Type.String(),
    summary: Type.String(),
    context: Type.String(),
    solution: Type.String(),
    process: Type.String(),
    socio_economic_model: Type.String(),
    arrangement: Type.String(),
    governance: Type.String(),
    legal_frame: Type.String(),
    lessons: Type.String(),
    domains: Type.Array(Type.String()),
    published_at: IsoDateTime,
    figures: Type.Object(
      {
        worlds: Type.Array(Type.Object({ world: Type.String(), partners: Type.Integer() })),
        valued: Type.Object({
          cents: Type.Integer(),
          eur: Type.String(),
          count: Type.Integer(),
          stated_count: Type.Integer(),
          unvalued_count: Type.Integer(),
          table: Type.Object({ table_id: Nullable(Id), title: Nullable(Type.String()), version: Nullable(Type.Integer()), adopted: Type.Boolean(), reason: Type.String() }),
        }),
        indicators: Type.Array(Type.Object({ name: Type.String(), unit: Type.String(), latest: Nullable(Type.Object({ on: IsoDate, value_hundredths: Type.Integer() })), target_hundredths: Nullable(Type.Integer()), target_on: Nullable(IsoDate) })),
      },
      { description: 'Live figures from the alliance' },
    ),
    reviews: Type.Array(Type.Object({ round_id: Id, number: Type.Integer(), title: Type.String(), period_start: IsoDate, period_end: IsoDate, published_at: IsoDateTime, href: Type.String() })),
    replications: Type.Array(Type.Object({ alliance_id: Id, name: Type.String(), started_on: IsoDate, territories: Type.Array(Type.Object({ id: Type.String(), name: Type.String(), departement_code: Nullable(Type.String()) })) })),
    inspired_by: Nullable(Type.Object({ sheet_id: Id, title: Type.String() })),
    href: Type.String(),
  }),
)
