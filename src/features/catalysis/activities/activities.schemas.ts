/**
 * Schemas of the activity log: the HTML form (hours typed "2,5", outputs as page addresses, one per line), the
 * JSON API's input (minutes, outputs as typed ids) and what it answers. Both end as `ActivityData`.
 */
import Type, { type Static } from 'typebox'
import { Enum, Id, IsoDate, named, Nullable, Page, PageQuery } from '../../../core/http/schemas.js'
import { codesOf } from '../../vocabulary/index.js'
import { OrganisationRef, organisationRef } from '../catalysis.schemas.js'
import type { TimelineActivity } from './activities.queries.js'
import { OUTPUT_KINDS, type ActivityData } from './activities.service.js'

const TRADES = codesOf('catalysis_trade', true)
/** The sixteen activities of the 4 × 4 grid (vocabulary kind `catalysis_activity`, below the trades). */
export const ACTIVITY_CODES = codesOf('catalysis_activity').filter((c) => !TRADES.includes(c))
const ActivityCode = Enum(ACTIVITY_CODES, { description: 'One of the sixteen cells of the grid (vocabulary kind `catalysis_activity`)' })
const OutputKind = Enum(OUTPUT_KINDS, { description: 'The kind of object an output is' })

/** `/espaces/:id/activites/:activityId/…`. */
export const ActivityParams = Type.Object({ id: Id, activityId: Id })

export const ActivityForm = Type.Object({
  activity: ActivityCode,
  title: Type.String({ minLength: 3, maxLength: 200 }),
  description: Type.Optional(Type.String({ maxLength: 5000 })),
  started_on: IsoDate,
  ended_on: Type.Optional(IsoDate),
  hours: Type.Optional(Type.String({ pattern: '^[0-9]{1,5}([.,][0-9]{1,2})?$', errorMessage: 'catalysis.error.hours' })),
  organisation_ids: Type.Array(Id, { maxItems: 50 }),
  outputs: Type.Optional(Type.String({ maxLength: 5000 })),
})

/** "2,5" hours → 150 minutes. */
export function minutesOf(hours: string | undefined): number | null {
  if (hours === undefined || hours === '') return null
  return Math.round(Number(hours.replace(',', '.')) * 60)
}

export const ActivityApiInput = Type.Object(
  {
    activity: ActivityCode,
    title: Type.String({ minLength: 3, maxLength: 200 }),
    description: Type.Optional(Type.String({ maxLength: 5000 })),
    started_on: IsoDate,
    ended_on: Type.Optional(Nullable(IsoDate)),
    minutes_spent: Type.Optional(Nullable(Type.Integer({ minimum: 0, maximum: 1_000_000, description: 'Time spent, in minutes' }))),
    organisation_ids: Type.Optional(Type.Array(Id, { maxItems: 50, description: 'The organisations involved' })),
    outputs: Type.Optional(Type.Array(Type.Object({ kind: OutputKind, target_id: Id }, { additionalProperties: false }), { maxItems: 100, description: 'What the activity produced, each a real object' })),
  },
  { additionalProperties: false },
)
export type ActivityApiInputT = Static<typeof ActivityApiInput>

export const ActivityListQuery = Type.Object({ year: Type.Optional(Type.Integer({ minimum: 1900, maximum: 2200, description: 'Only this year' })), ...PageQuery({ perPage: 50 }) }, { additionalProperties: false })

export const ActivitySchema = named(
  'SpaceActivity',
  Type.Object({
    id: Id,
    activity: ActivityCode,
    trade: Enum(TRADES, { description: 'The trade of the activity (vocabulary kind `catalysis_trade`)' }),
    title: Type.String(),
    description: Type.String(),
    started_on: IsoDate,
    ended_on: Nullable(IsoDate),
    minutes_spent: Nullable(Type.Integer()),
    organisations: Type.Array(OrganisationRef),
    outputs: Type.Array(Type.Object({ kind: OutputKind, target_id: Id, label: Nullable(Type.String({ description: 'Null when the object is private' })), href: Nullable(Type.String()) })),
  }),
)
export const ActivityList = Page(ActivitySchema)

export function presentActivity(a: TimelineActivity): Static<typeof ActivitySchema> {
  return {
    id: a.id,
    activity: a.activity,
    trade: a.trade,
    title: a.title,
    description: a.description,
    started_on: a.started_on,
    ended_on: a.ended_on,
    minutes_spent: a.minutes_spent,
    organisations: a.organisations.map(organisationRef),
    outputs: a.outputs.map((o) => ({ kind: o.kind, target_id: o.targetId, label: o.label, href: o.href })),
  }
}

/** The service's input from the API's. */
export function activityData(v: ActivityApiInputT): ActivityData {
  return { activity: v.activity, title: v.title, description: v.description ?? '', startedOn: v.started_on, endedOn: v.ended_on ?? null, minutesSpent: v.minutes_spent ?? null, organisationIds: v.organisation_ids ?? [], outputs: (v.outputs ?? []).map((o) => ({ kind: o.kind, targetId: o.target_id })) }
}
