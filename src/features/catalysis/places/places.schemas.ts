/**
 * Schemas of places: the HTML form (the commune typed as text, one field per day of opening hours), the
 * directory's filters (lenient), the JSON API's input and what it answers (named components). Both kinds of
 * input end as `PlaceData`, which the service checks further (the opening hours, the commune).
 */
import Type, { type Static, type TSchema } from 'typebox'
import { Enum, Id, ID_PATTERN, named, Nullable, Page, PageQuery, TERRITORY_ID_PATTERN, TerritoryId } from '../../../core/http/schemas.js'
import { OrganisationRef } from '../catalysis.schemas.js'
import { ACCESSIBILITY, DAYS, PLACE_KINDS, SERVICES, type Day } from './places.codes.js'
import type { PlaceDetails } from './places.queries.js'
import type { PlaceData } from './places.service.js'

const PlaceKind = Enum(PLACE_KINDS, { description: 'tiers-lieu, maison des associations, coworking, fab lab, démonstrateur, lieu convivial, salle de réunion' })
const Accessibility = Enum(ACCESSIBILITY)
const Service = Enum(SERVICES)

function dayFields(): Record<string, TSchema> {
  const fields: Record<string, TSchema> = {}
  for (const d of DAYS) fields[`hours_${d}`] = Type.Optional(Type.String({ maxLength: 100 }))
  return fields
}

const placeFields = {
  name: Type.String({ minLength: 3, maxLength: 200 }),
  kind: PlaceKind,
  description: Type.Optional(Type.String({ maxLength: 3000 })),
  address: Type.String({ minLength: 5, maxLength: 300 }),
  commune: Type.String({ minLength: 1, maxLength: 100, errorMessage: 'catalysis.error.communeRequired' }),
  capacity: Type.Optional(Type.Integer({ minimum: 1, maximum: 100_000, errorMessage: 'catalysis.error.placeCapacity' })),
  accessibility: Type.Array(Accessibility, { maxItems: ACCESSIBILITY.length }),
  services: Type.Array(Service, { maxItems: SERVICES.length }),
  website: Type.Optional(Type.String({ maxLength: 300 })),
  ...dayFields(),
}
/** Editing a place. */
export const PlaceForm = Type.Object(placeFields)
export type PlaceFormT = Static<typeof PlaceForm>
/** Declaring a place: the managing organisation first. */
export const NewPlaceForm = Type.Object({ organisation_id: Type.String({ pattern: ID_PATTERN, errorMessage: 'catalysis.error.organisationRequired' }), ...placeFields })

/** The opening hours of the form (one field per day). */
export function hoursOf(form: Record<string, unknown>): Partial<Record<Day, string>> {
  const hours: Partial<Record<Day, string>> = {}
  for (const d of DAYS) {
    const value = form[`hours_${d}`]
    if (typeof value === 'string') hours[d] = value
  }
  return hours
}

/** The directory's filters (`/lieux`). */
export const PlaceQuery = Type.Object({
  territoire: Type.Optional(TerritoryId),
  lieu: Type.Optional(Type.String({ maxLength: 100 })),
  type: Type.Optional(PlaceKind),
  q: Type.Optional(Type.String({ maxLength: 100 })),
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100_000 })),
})

// --- API ----------------------------------------------------------------------------------------------

const placeApiFields = {
  name: Type.String({ minLength: 3, maxLength: 200 }),
  kind: PlaceKind,
  description: Type.Optional(Type.String({ maxLength: 3000 })),
  address: Type.String({ minLength: 5, maxLength: 300 }),
  commune_id: Type.String({ pattern: TERRITORY_ID_PATTERN, description: 'The commune, `commune:<INSEE code>`' }),
  capacity: Type.Optional(Nullable(Type.Integer({ minimum: 1, maximum: 100_000 }))),
  accessibility: Type.Optional(Type.Array(Accessibility, { maxItems: ACCESSIBILITY.length })),
  services: Type.Optional(Type.Array(Service, { maxItems: SERVICES.length })),
  opening_hours: Type.Optional(Type.Record(Enum(DAYS), Type.String({ maxLength: 100 }), { description: 'Day (`lun`…`dim`) → ranges `09:00-12:00,14:00-18:00`' })),
  website: Type.Optional(Nullable(Type.String({ maxLength: 300 }))),
}
export const PlaceApiInput = Type.Object({ organisation_id: Type.String({ pattern: ID_PATTERN, description: 'The managing organisation (you must be a member)' }), ...placeApiFields }, { additionalProperties: false })
export const PlaceApiUpdate = Type.Object(placeApiFields, { additionalProperties: false })
export type PlaceApiUpdateT = Static<typeof PlaceApiUpdate>

/** The service's input from the API's. */
export function placeData(v: PlaceApiUpdateT): PlaceData {
  return { name: v.name, kind: v.kind, description: v.description ?? '', address: v.address, communeId: v.commune_id, capacity: v.capacity ?? null, accessibility: v.accessibility ?? [], services: v.services ?? [], openingHours: (v.opening_hours ?? {}) as Partial<Record<Day, string>>, website: v.website ?? null }
}

export const PlaceListQuery = Type.Object(
  {
    territory: Type.Optional(Type.String({ pattern: TERRITORY_ID_PATTERN, description: 'Places inside this territory' })),
    kind: Type.Optional(PlaceKind),
    q: Type.Optional(Type.String({ maxLength: 100, description: 'Words of the name' })),
    ...PageQuery(),
  },
  { additionalProperties: false },
)

export const PlaceSchema = named(
  'Place',
  Type.Object({
    id: Id,
    name: Type.String(),
    kind: PlaceKind,
    description: Type.String(),
    address: Type.String(),
    commune: Type.Object({ id: TerritoryId, name: Type.String(), href: Type.String() }),
    organisation: OrganisationRef,
    capacity: Nullable(Type.Integer()),
    accessibility: Type.Array(Accessibility),
    services: Type.Array(Service),
    opening_hours: Type.Record(Type.String(), Type.String(), { description: 'Day (`lun`…`dim`) → ranges; a day not given is closed' }),
    website: Nullable(Type.String()),
    resource_id: Nullable(Type.String({ description: 'The listening resource offering the place, while it is offered' })),
    is_demo: Type.Boolean(),
    href: Type.String({ description: 'The place’s page (relative)' }),
  }),
)
export const PlaceList = Page(PlaceSchema)

const codes = <T extends string>(text: string) => text.split(',').filter((c) => c !== '') as T[]

export function presentPlace(p: PlaceDetails): Static<typeof PlaceSchema> {
  return {
    id: p.id,
    name: p.name,
    kind: p.kind as Static<typeof PlaceKind>,
    description: p.description,
    address: p.address,
    commune: { id: p.commune_id, name: p.commune_name, href: `/territoires/commune/${p.commune_code}` },
    organisation: { id: p.organisation_id, name: p.organisation_name, world: p.organisation_world, href: `/acteurs/${p.organisation_id}` },
    capacity: p.capacity,
    accessibility: codes(p.accessibility),
    services: codes(p.services),
    opening_hours: JSON.parse(p.opening_hours) as Record<string, string>,
    website: p.website,
    resource_id: p.offer_status === 'disponible' ? p.resource_id : null,
    is_demo: p.is_demo === 1,
    href: `/lieux/${p.id}`,
  }
}
