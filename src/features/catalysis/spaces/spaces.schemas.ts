/**
 * Input of spaces and their activity log: the HTML forms (territories and output links typed as text) and
 * the JSON API (ids). Both end as `SpaceData` / `ActivityData`, which the services check further.
 */
import Type, { type Static } from 'typebox'
import { codesOf } from '../../vocabulary/index.js'
import { OUTPUT_KINDS } from '../activities/activities.service.js'

const ID = '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$'
const TERRITORY = '^(commune|epci|ept|departement|region):[0-9A-Z]{1,12}$'
const DATE = '^[0-9]{4}-[0-9]{2}-[0-9]{2}$'
const literals = <const T extends readonly string[]>(values: T, errorMessage = 'form.error.invalid') => Type.Enum([...values] as T[number][], { errorMessage })

export const TRADE_CODES = codesOf('catalysis_trade', true)
export const ACTIVITY_CODES = codesOf('catalysis_activity').filter((c) => !TRADE_CODES.includes(c))

export const SpaceForm = Type.Object({
  organisation_id: Type.Optional(Type.String({ pattern: ID, errorMessage: 'catalysis.error.organisationRequired' })),
  name: Type.String({ minLength: 3, maxLength: 200 }),
  mission: Type.String({ minLength: 10, maxLength: 3000 }),
  trades: Type.Array(literals(TRADE_CODES), { minItems: 1, maxItems: 4, errorMessage: 'catalysis.error.tradesRequired' }),
  territories: Type.String({ minLength: 1, maxLength: 1000, errorMessage: 'catalysis.error.perimeterRequired' }),
})
export type SpaceFormT = Static<typeof SpaceForm>

export const SpaceApiInput = Type.Object(
  {
    organisation_id: Type.String({ pattern: ID, description: 'The animating organisation (its admins run the space)' }),
    name: Type.String({ minLength: 3, maxLength: 200 }),
    mission: Type.String({ minLength: 10, maxLength: 3000 }),
    trades: Type.Array(literals(TRADE_CODES), { minItems: 1, maxItems: 4, description: 'Vocabulary kind `catalysis_trade`' }),
    territory_ids: Type.Array(Type.String({ pattern: TERRITORY }), { minItems: 1, maxItems: 50, description: 'The perimeter: territories at any level' }),
  },
  { additionalProperties: false },
)
export type SpaceApiInputT = Static<typeof SpaceApiInput>
export const SpaceApiUpdate = Type.Omit(SpaceApiInput, ['organisation_id'], { additionalProperties: false })
export type SpaceApiUpdateT = Static<typeof SpaceApiUpdate>

export const DirectoryQuery = Type.Object({
  territoire: Type.Optional(Type.String({ maxLength: 40, pattern: TERRITORY })),
  metier: Type.Optional(literals(TRADE_CODES)),
  q: Type.Optional(Type.String({ maxLength: 100 })),
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100000 })),
})

export const ApiDirectoryQuery = Type.Object(
  {
    territory: Type.Optional(Type.String({ pattern: TERRITORY, description: 'Spaces whose perimeter meets this territory' })),
    trade: Type.Optional(literals(TRADE_CODES)),
    q: Type.Optional(Type.String({ maxLength: 100 })),
    page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100000, default: 1 })),
    per_page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
  },
  { additionalProperties: false },
)

export const YearQuery = Type.Object({ annee: Type.Optional(Type.Integer({ minimum: 1900, maximum: 2200 })) })

export const CoanimatorForm = Type.Object({ organisation_id: Type.String({ pattern: ID, errorMessage: 'catalysis.error.organisationUnknown' }) })
export const CoanimatorSearch = Type.Object({ q: Type.Optional(Type.String({ maxLength: 100 })) })
export const AnswerInput = Type.Object({ accept: Type.Boolean() }, { additionalProperties: false })

export const ActivityForm = Type.Object({
  activity: literals(ACTIVITY_CODES, 'catalysis.error.activity'),
  title: Type.String({ minLength: 3, maxLength: 200 }),
  description: Type.Optional(Type.String({ maxLength: 5000 })),
  started_on: Type.String({ pattern: DATE, errorMessage: 'catalysis.error.date' }),
  ended_on: Type.Optional(Type.String({ pattern: DATE, errorMessage: 'catalysis.error.date' })),
  hours: Type.Optional(Type.String({ pattern: '^[0-9]{1,5}([.,][0-9]{1,2})?$', errorMessage: 'catalysis.error.hours' })),
  organisation_ids: Type.Array(Type.String({ pattern: ID }), { maxItems: 50 }),
  outputs: Type.Optional(Type.String({ maxLength: 5000 })),
})
export type ActivityFormT = Static<typeof ActivityForm>

export const ActivityApiInput = Type.Object(
  {
    activity: literals(ACTIVITY_CODES, 'catalysis.error.activity'),
    title: Type.String({ minLength: 3, maxLength: 200 }),
    description: Type.Optional(Type.String({ maxLength: 5000 })),
    started_on: Type.String({ pattern: DATE }),
    ended_on: Type.Optional(Type.Union([Type.String({ pattern: DATE }), Type.Null()])),
    minutes_spent: Type.Optional(Type.Union([Type.Integer({ minimum: 0, maximum: 1_000_000 }), Type.Null()])),
    organisation_ids: Type.Optional(Type.Array(Type.String({ pattern: ID }), { maxItems: 50 })),
    outputs: Type.Optional(Type.Array(Type.Object({ kind: literals(OUTPUT_KINDS), target_id: Type.String({ pattern: ID }) }, { additionalProperties: false }), { maxItems: 100 })),
  },
  { additionalProperties: false },
)
export type ActivityApiInputT = Static<typeof ActivityApiInput>

/** "2,5" hours → 150 minutes. */
export function minutesOf(hours: string | undefined): number | null {
  if (hours === undefined || hours === '') return null
  return Math.round(Number(hours.replace(',', '.')) * 60)
}
