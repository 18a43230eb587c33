/**
 * Schemas of the territories: what the API shows of a territory (embedded by every feature's API that names
 * territories), and the inputs of the territory routes.
 */
import Type, { type Static } from 'typebox'
import { Enum, named, Nullable, PageQuery } from '../../core/http/schemas.js'
import type { Territory } from './territories.queries.js'
import { TERRITORY_KINDS } from './territories.table.js'

/** A territorial level. */
export const TerritoryKindSchema = named('TerritoryKind', Enum(TERRITORY_KINDS, { description: 'Territorial level' }))

/** A territory as the API shows it. */
export const TerritorySchema = named(
  'Territory',
  Type.Object({
    id: Type.String({ description: '`kind:code`, e.g. `commune:94080`' }),
    kind: TerritoryKindSchema,
    code: Type.String({ description: 'INSEE code (commune, département, région) or SIREN (EPCI, EPT)' }),
    name: Type.String(),
    subtype: Nullable(Type.String({ description: 'EPCI legal form (CC, CA, CU, METRO) or EPT' })),
    population: Nullable(Type.Integer({ description: 'Municipal population (INSEE)' })),
    departement_code: Nullable(Type.String()),
    region_code: Nullable(Type.String()),
    postal_codes: Type.Array(Type.String()),
    href: Type.String({ description: 'The territory page (relative)' }),
  }),
)

/** A territory as the API shows it (shared by every API that embeds territories). */
export function presentTerritory(t: Territory): Static<typeof TerritorySchema> {
  return {
    id: t.id,
    kind: t.kind,
    code: t.code,
    name: t.name,
    subtype: t.subtype,
    population: t.population,
    departement_code: t.departement_code,
    region_code: t.region_code,
    postal_codes: t.postal_codes ? t.postal_codes.split(' ') : [],
    href: `/territoires/${t.kind}/${t.code}`,
  }
}

/** `/territoires/{kind}/{code}` and `/api/v1/territories/{kind}/{code}`. */
export const TerritoryParams = Type.Object({ kind: TerritoryKindSchema, code: Type.String({ pattern: '^[0-9A-Za-z]{1,12}$' }) })

/** The territory search page's query. */
export const SearchPageQuery = Type.Object({ q: Type.Optional(Type.String({ maxLength: 100 })), page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100_000 })) })

/** A territory page's query (the page of the levels below). */
export const TerritoryPageQuery = Type.Object({ page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100_000 })) })

/** `GET /api/v1/territories`. */
export const SearchApiQuery = Type.Object(
  {
    q: Type.String({ minLength: 1, maxLength: 100, description: 'Name, INSEE code or postal code' }),
    kind: Type.Optional(TerritoryKindSchema),
    ...PageQuery({ perPage: 20, maxPerPage: 100 }),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, description: 'Deprecated: the former name of `per_page` (kept for existing clients)' })),
  },
  { additionalProperties: false },
)
