/**
 * Schemas of calls to engage: the form and API body (the same fields: quantities are typed as people write them,
 * the territory as a name, a code or a `kind:code` id), the list's filters, and what the API shows of a call.
 */
import Type, { type Static } from 'typebox'
import { Enum, Id, IsoDate, IsoDateTime, named, Nullable, PageQuery } from '../../../core/http/schemas.js'
import { HELP_KINDS } from '../help.js'
import type { CallInput } from './calls.service.js'

const Quantity = Type.Optional(Type.String({ maxLength: 30, description: 'A quantity as people write it (`1 500,50`, `1500.50`); empty: no goal of this kind' }))

const callFields = {
  title: Type.String({ minLength: 1, maxLength: 200 }),
  summary: Type.String({ minLength: 1, maxLength: 5000, description: 'What the call asks and why' }),
  territory: Type.String({ minLength: 1, maxLength: 200, description: 'The territory: `kind:code`, a name or an INSEE code' }),
  starts_on: IsoDate,
  ends_on: IsoDate,
  goal_euros: Quantity,
  goal_skills: Quantity,
  goal_volunteering: Quantity,
  goal_goods: Quantity,
  goal_premises: Quantity,
  need_ids: Type.Optional(Type.Array(Id, { maxItems: 50, description: 'Open needs of the territory the call is about' })),
  worlds: Type.Optional(Type.Array(Type.String({ maxLength: 40 }), { maxItems: 20, description: 'Worlds aimed at (vocabulary `world`); none: every world' })),
  sizes: Type.Optional(Type.Array(Type.String({ maxLength: 40 }), { maxItems: 20, description: 'Size bands aimed at (vocabulary `organisation_size`); none: every size' })),
  audience_territories: Type.Optional(Type.String({ maxLength: 2000, description: 'Where the organisations aimed at are (one territory per line); empty: the call’s territory' })),
}

/** `POST /mobilisation/appels/nouveau` and `POST /api/v1/mobilisation/calls`. */
export const CallCreateBody = Type.Object({ organisation_id: Id, space_id: Type.Optional(Id), ...callFields }, { additionalProperties: false })
/** Changing a call (its publisher stays). */
export const CallUpdateBody = Type.Object(callFields, { additionalProperties: false })

export type CallBodyT = Static<typeof CallUpdateBody>

/** The service's input from either body. */
export function callInput(body: CallBodyT): Omit<CallInput, 'organisationId' | 'spaceId'> {
  return {
    title: body.title,
    summary: body.summary,
    territory: body.territory,
    startsOn: body.starts_on,
    endsOn: body.ends_on,
    goals: { euros: body.goal_euros, skills: body.goal_skills, volunteering: body.goal_volunteering, goods: body.goal_goods, premises: body.goal_premises },
    needIds: body.need_ids ?? [],
    worlds: body.worlds ?? [],
    sizes: body.sizes ?? [],
    audienceTerritories: body.audience_territories,
  }
}

export const CALL_PHASES = ['open', 'upcoming', 'ended'] as const

/** The list's filters (pages: lenient). */
export const CallListQuery = Type.Object({ territoire: Type.Optional(Type.String({ pattern: '^(commune|epci|ept|departement|region):[0-9A-Z]{1,12}$' })), etat: Type.Optional(Enum(CALL_PHASES)), page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100_000 })) })
export const CallApiQuery = Type.Object({ territory: Type.Optional(Type.String({ pattern: '^(commune|epci|ept|departement|region):[0-9A-Z]{1,12}$' })), phase: Type.Optional(Enum(CALL_PHASES)), ...PageQuery() }, { additionalProperties: false })

export const HelpKindSchema = named('HelpKind', Enum(HELP_KINDS, { description: 'A kind of help: euros, hours of skills, volunteering hours, goods (items), premises (days)' }))

export const GoalProgressSchema = named(
  'GoalProgress',
  Type.Object({
    kind: HelpKindSchema,
    unit: Type.String({ description: 'The kind’s unit (`eur`, `hours`, `items`, `days`)' }),
    target: Type.String({ description: 'The goal, a decimal in the unit' }),
    pledged: Type.String({ description: 'Promised by active pledges' }),
    fulfilled: Type.String({ description: 'Fulfilled by contributions linked to them' }),
    pledges: Type.Integer({ minimum: 0 }),
  }),
)

export const CallSchema = named(
  'MobilisationCall',
  Type.Object({
    id: Id,
    title: Type.String(),
    summary: Type.String(),
    status: Enum(['draft', 'published', 'closed'] as const),
    phase: Enum(['draft', 'upcoming', 'open', 'ended'] as const),
    organisation: Type.Object({ id: Id, name: Type.String(), href: Type.String() }),
    territory: Type.Object({ id: Type.String(), name: Type.String() }),
    starts_on: IsoDate,
    ends_on: IsoDate,
    published_at: Nullable(IsoDateTime),
    space: Nullable(Type.Object({ id: Id, name: Type.String() })),
    audience: Type.Object({ worlds: Type.Array(Type.String()), sizes: Type.Array(Type.String()), territories: Type.Array(Type.String()) }),
    needs: Type.Array(Type.Object({ id: Id, title: Type.String(), href: Type.String() })),
    progress: Type.Array(GoalProgressSchema),
    href: Type.String(),
  }),
)

/** A call in lists. */
export const CallSummarySchema = named(
  'MobilisationCallSummary',
  Type.Object({ id: Id, title: Type.String(), phase: Enum(['draft', 'upcoming', 'open', 'ended'] as const), territory: Type.String(), starts_on: IsoDate, ends_on: IsoDate, href: Type.String() }),
)
