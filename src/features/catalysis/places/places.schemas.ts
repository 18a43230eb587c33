/** Input of places: the HTML form (commune typed as text, one field per day of opening hours) and the API. */
import Type, { type Static, type TSchema } from 'typebox'
import { ACCESSIBILITY, DAYS, PLACE_KINDS, SERVICES } from './places.codes.js'

const ID = '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$'
const TERRITORY = '^(commune|epci|ept|departement|region):[0-9A-Z]{1,12}$'
const literals = <const T extends readonly string[]>(values: T, errorMessage = 'form.error.invalid') => Type.Enum([...values] as T[number][], { errorMessage })

function dayFields(): Record<string, TSchema> {
  const fields: Record<string, TSchema> = {}
  for (const d of DAYS) fields[`hours_${d}`] = Type.Optional(Type.String({ maxLength: 100 }))
  return fields
}

export const PlaceForm = Type.Object({
  organisation_id: Type.Optional(Type.String({ pattern: ID, errorMessage: 'catalysis.error.organisationRequired' })),
  name: Type.String({ minLength: 3, maxLength: 200 }),
  kind: literals(PLACE_KINDS, 'catalysis.error.placeKind'),
  description: Type.Optional(Type.String({ maxLength: 3000 })),
  address: Type.String({ minLength: 5, maxLength: 300 }),
  commune: Type.String({ minLength: 1, maxLength: 100, errorMessage: 'catalysis.error.communeRequired' }),
  capacity: Type.Optional(Type.Integer({ minimum: 1, maximum: 100_000, errorMessage: 'catalysis.error.placeCapacity' })),
  accessibility: Type.Array(literals(ACCESSIBILITY), { maxItems: ACCESSIBILITY.length }),
  services: Type.Array(literals(SERVICES), { maxItems: SERVICES.length }),
  website: Type.Optional(Type.String({ maxLength: 300 })),
  ...dayFields(),
})
export type PlaceFormT = Static<typeof PlaceForm>

export const PlaceApiInput = Type.Object(
  {
    organisation_id: Type.String({ pattern: ID, description: 'The managing organisation' }),
    name: Type.String({ minLength: 3, maxLength: 200 }),
    kind: literals(PLACE_KINDS),
    description: Type.Optional(Type.String({ maxLength: 3000 })),
    address: Type.String({ minLength: 5, maxLength: 300 }),
    commune_id: Type.String({ pattern: TERRITORY, description: 'The commune, `commune:<INSEE code>`' }),
    capacity: Type.Optional(Type.Union([Type.Integer({ minimum: 1, maximum: 100_000 }), Type.Null()])),
    accessibility: Type.Optional(Type.Array(literals(ACCESSIBILITY), { maxItems: ACCESSIBILITY.length })),
    services: Type.Optional(Type.Array(literals(SERVICES), { maxItems: SERVICES.length })),
    opening_hours: Type.Optional(Type.Record(literals(DAYS), Type.String({ maxLength: 100 }), { description: 'Day (`lun`…`dim`) → ranges `09:00-12:00,14:00-18:00`' })),
    website: Type.Optional(Type.Union([Type.String({ maxLength: 300 }), Type.Null()])),
  },
  { additionalProperties: false },
)
export type PlaceApiInputT = Static<typeof PlaceApiInput>
export const PlaceApiUpdate = Type.Omit(PlaceApiInput, ['organisation_id'], { additionalProperties: false })

export const PlaceQuery = Type.Object({
  territoire: Type.Optional(Type.String({ maxLength: 40, pattern: TERRITORY })),
  lieu: Type.Optional(Type.String({ maxLength: 100 })),
  type: Type.Optional(literals(PLACE_KINDS)),
  q: Type.Optional(Type.String({ maxLength: 100 })),
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100000 })),
})
export const ApiPlaceQuery = Type.Object(
  {
    territory: Type.Optional(Type.String({ pattern: TERRITORY })),
    kind: Type.Optional(literals(PLACE_KINDS)),
    q: Type.Optional(Type.String({ maxLength: 100 })),
    page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100000, default: 1 })),
    per_page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
  },
  { additionalProperties: false },
)
