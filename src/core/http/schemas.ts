/**
 * Schema pieces shared by every route, defined once (TypeBox: one schema gives the handler's types, the
 * validation and the OpenAPI document).
 *
 * Naming for the OpenAPI document: a schema given a `title` (see `named`) becomes a named component
 * (`#/components/schemas/<title>`) referenced wherever it is used; two different schemas must never share a
 * title (the document builder refuses it).
 */
import Type, { type TSchema } from 'typebox'

/** Gives a schema a component name in the OpenAPI document (its `title`). */
export function named<T extends TSchema>(title: string, schema: T): T {
  // A faithful copy: TypeBox keeps a schema's kind in non-enumerable symbols, which a spread would lose.
  const copy = Object.create(Object.getPrototypeOf(schema), Object.getOwnPropertyDescriptors(schema)) as T
  Object.defineProperty(copy, 'title', { value: title, enumerable: true, writable: true, configurable: true })
  return copy
}

/** RFC 9457 problem details, the body of every error answer of the API (`application/problem+json`). */
export const Problem = named(
  'Problem',
  Type.Object(
    {
      type: Type.String({ description: 'Always `about:blank`: the `code` says what happened' }),
      title: Type.String({ description: 'The HTTP status in words, in the request’s language' }),
      status: Type.Integer({ minimum: 400, maximum: 599 }),
      code: Type.String({ description: 'Stable error code, e.g. `ALLIANCE_ERR_VALIDATION` (docs/errors.md)', pattern: '^ALLIANCE_ERR_[A-Z_]+$' }),
      detail: Type.String({ description: 'What went wrong, in the request’s language' }),
      errors: Type.Optional(
        Type.Array(
          Type.Object({
            field: Type.String({ description: 'The invalid property (a JSON pointer’s first segment)' }),
            message: Type.String({ description: 'What is wrong with it, in the request’s language' }),
          }),
          { description: 'One entry per invalid field, all at once' },
        ),
      ),
      link: Type.Optional(Type.String({ description: 'A related resource, e.g. the existing organisation with the same SIRET' })),
    },
    { additionalProperties: false },
  ),
)

/** The body of a form with nothing to fill: a button that confirms an act (sign out, mark read, replay…). */
export const EmptyForm = Type.Object({})

/** `T` or `null` (a nullable property, always present). */
export function Nullable<T extends TSchema>(schema: T) {
  return Type.Union([schema, Type.Null()])
}

/** A closed list of codes (`enum` in the document, a union of literals in TypeScript). */
export function Enum<const T extends readonly string[]>(codes: T, options: { description?: string } = {}) {
  return Type.Enum(codes as unknown as T[number][], { type: 'string', ...options } as { description?: string })
}

/** The identifier shape (UUIDv7 text). An id that does not have it answers 404 before any query. */
export const ID_PATTERN = '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$'
export const Id = Type.String({ pattern: ID_PATTERN, description: 'Identifier (UUID)' })
/** `:id` in the URL. */
export const IdParams = Type.Object({ id: Id })

/** A territory id `kind:code`, e.g. `commune:94080`, `departement:2A`. */
export const TERRITORY_ID_PATTERN = '^(commune|epci|ept|departement|region):[0-9A-Z]{1,12}$'
export const TerritoryId = Type.String({ pattern: TERRITORY_ID_PATTERN, description: 'Territory `kind:code`, e.g. `commune:94080`' })

/** A calendar day `YYYY-MM-DD` (a day in France, Europe/Paris). */
export const IsoDate = Type.String({ format: 'date', description: 'A day, `YYYY-MM-DD` (Europe/Paris)' })
/** An instant, ISO-8601 UTC. */
export const IsoDateTime = Type.String({ format: 'date-time', description: 'An instant, ISO-8601 UTC' })

/** The paging parameters of every list of the API (`page` from 1; past the last page the list is empty). */
export function PageQuery(options: { perPage?: number; maxPerPage?: number } = {}) {
  return {
    page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100_000, default: 1, description: 'Page number, from 1; past the last page, `data` is empty' })),
    per_page: Type.Optional(Type.Integer({ minimum: 1, maximum: options.maxPerPage ?? 100, default: options.perPage ?? 20, description: 'Rows per page' })),
  }
}

function pageMembers<T extends TSchema>(item: T, options: { totalDescription?: string }) {
  return {
    data: Type.Array(item),
    total: Type.Integer({ minimum: 0, description: options.totalDescription ?? 'Rows matching, over every page' }),
    page: Type.Integer({ minimum: 1, description: 'This page' }),
    per_page: Type.Integer({ minimum: 1 }),
    page_count: Type.Integer({ minimum: 1, description: 'Pages holding rows (at least 1)' }),
  }
}

/**
 * One page of a list: its rows and the totals (also on an empty page past the end). With `capped: true`, the
 * answer also says `total_capped` (the count stopped at the list's cap); the overloads keep that member in the
 * static type.
 */
export function Page<T extends TSchema>(item: T, options: { totalDescription?: string; capped: true }): ReturnType<typeof cappedPage<T>>
export function Page<T extends TSchema>(item: T, options?: { totalDescription?: string; capped?: false }): ReturnType<typeof plainPage<T>>
export function Page<T extends TSchema>(item: T, options: { totalDescription?: string; capped?: boolean } = {}) {
  return options.capped ? cappedPage(item, options) : plainPage(item, options)
}

function plainPage<T extends TSchema>(item: T, options: { totalDescription?: string }) {
  return Type.Object(pageMembers(item, options))
}

function cappedPage<T extends TSchema>(item: T, options: { totalDescription?: string }) {
  return Type.Object({ ...pageMembers(item, options), total_capped: Type.Boolean({ description: 'True when there are more rows than `total` (the count stops there)' }) })
}

/** The paging members of an API answer, from a `PageOf` (see `core/db/paging.ts`). */
export function pageMeta(page: { total: number; page: number; perPage: number; pageCount: number }) {
  return { total: page.total, page: page.page, per_page: page.perPage, page_count: page.pageCount }
}
