/** Input schemas of the library (TypeBox: one schema for the forms and the API). */
import Type, { type Static } from 'typebox'
import type { LibraryFilters } from './practices.search.js'
import type { SheetInput } from './practices.service.js'

const ID = '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$'
const text = (description: string) => Type.String({ maxLength: 8000, description })

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
  domains: Type.Array(Type.String({ maxLength: 40 }), { maxItems: 20, description: 'Codes of the vocabulary kind `domain`' }),
}

export const SheetForm = Type.Object(sheetFields)
export type SheetFormT = Static<typeof SheetForm>
export const SheetApiCreate = Type.Object({ alliance_id: Type.String({ pattern: ID }), round_id: Type.String({ pattern: ID, description: 'A round of the alliance whose review is published' }), ...sheetFields }, { additionalProperties: false })
export type SheetApiCreateT = Static<typeof SheetApiCreate>
export const SheetApiUpdate = Type.Object(sheetFields, { additionalProperties: false })

export const SheetTarget = Type.Object({ alliance: Type.String({ pattern: ID }), temps: Type.String({ pattern: ID }) })

export function sheetInputOf(v: SheetFormT): SheetInput {
  return { title: v.title, summary: v.summary, context: v.context, solution: v.solution, process: v.process, socioEconomicModel: v.socio_economic_model, arrangement: v.arrangement, governance: v.governance, legalFrame: v.legal_frame, lessons: v.lessons, domains: v.domains }
}

export const InspireForm = Type.Object({
  coordinator: Type.String({ maxLength: 40 }),
  name: Type.String({ maxLength: 200 }),
  territories: Type.String({ maxLength: 100, description: 'A place typed by a person (name or code)' }),
  started_on: Type.String({ maxLength: 10 }),
  visibility: Type.String({ maxLength: 10 }),
})
export const InspireApi = Type.Object(
  {
    coordinator_organisation_id: Type.String({ pattern: ID, description: 'An organisation you administer' }),
    name: Type.String({ maxLength: 200 }),
    territory_ids: Type.Array(Type.String({ pattern: '^(commune|epci|ept|departement|region):[0-9A-Z]{1,12}$' }), { minItems: 1, maxItems: 50 }),
    started_on: Type.String({ maxLength: 10 }),
    visibility: Type.Union([Type.Literal('public'), Type.Literal('partners')]),
  },
  { additionalProperties: false },
)
export type InspireApiT = Static<typeof InspireApi>

/** The library's query string (the pages' French names). */
export const LibraryQuery = Type.Object({
  q: Type.Optional(Type.String({ maxLength: 100 })),
  odd: Type.Optional(Type.Integer({ minimum: 1, maximum: 17 })),
  domaine: Type.Optional(Type.String({ maxLength: 40 })),
  forme: Type.Optional(Type.String({ maxLength: 40 })),
  monde: Type.Optional(Type.String({ maxLength: 40 })),
  taille: Type.Optional(Type.String({ maxLength: 20 })),
  region: Type.Optional(Type.String({ maxLength: 20 })),
  phase: Type.Optional(Type.String({ maxLength: 20 })),
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100000 })),
})
export type LibraryQueryT = Static<typeof LibraryQuery>

export function filtersOf(q: LibraryQueryT): LibraryFilters {
  return { text: q.q, sdg: q.odd, domain: q.domaine, form: q.forme, world: q.monde, size: q.taille, region: q.region, phase: q.phase }
}
