/**
 * Input of meetings: the HTML form (Paris local date-times, a commune typed as text, one quota field per
 * world) and the JSON API (ids, quotas as an object). Both end as `MeetingData`.
 */
import Type, { type Static, type TSchema } from 'typebox'
import { codesOf } from '../../vocabulary/index.js'
import { MAX_CAPACITY, MEETING_KINDS } from './meetings.codes.js'

const ID = '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$'
const TERRITORY = '^(commune|epci|ept|departement|region):[0-9A-Z]{1,12}$'
const LOCAL = '^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}$'
const literals = <const T extends readonly string[]>(values: T, errorMessage = 'form.error.invalid') => Type.Enum([...values] as T[number][], { errorMessage })

export const WORLD_CODES = codesOf('world')

function quotaFields(): Record<string, TSchema> {
  const fields: Record<string, TSchema> = {}
  for (const w of WORLD_CODES) fields[`quota_${w}`] = Type.Optional(Type.Integer({ errorMessage: 'catalysis.error.quota' }))
  return fields
}

export const MeetingForm = Type.Object({
  space_id: Type.Optional(Type.String({ pattern: ID })),
  organisation_id: Type.Optional(Type.String({ pattern: ID })),
  title: Type.String({ minLength: 3, maxLength: 200 }),
  kind: literals(MEETING_KINDS, 'catalysis.error.meetingKind'),
  description: Type.Optional(Type.String({ maxLength: 5000 })),
  starts_at: Type.String({ pattern: LOCAL, errorMessage: 'catalysis.error.dateTime' }),
  ends_at: Type.String({ pattern: LOCAL, errorMessage: 'catalysis.error.dateTime' }),
  place_id: Type.Optional(Type.String({ pattern: ID, errorMessage: 'catalysis.error.placeUnknown' })),
  address: Type.Optional(Type.String({ maxLength: 300 })),
  commune: Type.Optional(Type.String({ maxLength: 100 })),
  online_url: Type.Optional(Type.String({ maxLength: 500 })),
  visibility: literals(['public', 'invitation'] as const),
  // bounds checked by the service, with the other rules of a meeting, so that every problem shows at once
  capacity: Type.Integer({ errorMessage: 'catalysis.error.capacityNumber' }),
  dialogue_id: Type.Optional(Type.String({ pattern: ID, errorMessage: 'catalysis.error.dialogueUnknown' })),
  ...quotaFields(),
})
export type MeetingFormT = Static<typeof MeetingForm>

/** The quotas of the form (world → seats), empty and zero quotas left out (negative ones are refused by the service). */
export function quotasOf(form: Record<string, unknown>): Record<string, number> {
  const quotas: Record<string, number> = {}
  for (const w of WORLD_CODES) {
    const value = form[`quota_${w}`]
    if (typeof value === 'number' && value !== 0) quotas[w] = value
  }
  return quotas
}

export const MeetingApiInput = Type.Object(
  {
    space_id: Type.Optional(Type.String({ pattern: ID, description: 'The organising space (its team organises); or give `organisation_id`' })),
    organisation_id: Type.Optional(Type.String({ pattern: ID, description: 'The organising organisation (its members organise)' })),
    title: Type.String({ minLength: 3, maxLength: 200 }),
    kind: literals(MEETING_KINDS),
    description: Type.Optional(Type.String({ maxLength: 5000 })),
    starts_at: Type.String({ pattern: LOCAL, description: 'Local date-time in Europe/Paris, `YYYY-MM-DDTHH:MM`' }),
    ends_at: Type.String({ pattern: LOCAL, description: 'Local date-time in Europe/Paris, `YYYY-MM-DDTHH:MM`' }),
    place_id: Type.Optional(Type.Union([Type.String({ pattern: ID }), Type.Null()])),
    address: Type.Optional(Type.Union([Type.String({ maxLength: 300 }), Type.Null()])),
    commune_id: Type.Optional(Type.Union([Type.String({ pattern: TERRITORY }), Type.Null()])),
    online_url: Type.Optional(Type.Union([Type.String({ maxLength: 500 }), Type.Null()])),
    visibility: literals(['public', 'invitation'] as const),
    capacity: Type.Integer({ minimum: 1, maximum: MAX_CAPACITY }),
    quotas: Type.Optional(Type.Record(Type.String({ pattern: '^[a-z_]{2,30}$' }), Type.Integer({ minimum: 0, maximum: MAX_CAPACITY }), { description: 'World code → seats reserved for it (vocabulary kind `world`)' })),
    dialogue_id: Type.Optional(Type.Union([Type.String({ pattern: ID }), Type.Null()])),
  },
  { additionalProperties: false },
)
export type MeetingApiInputT = Static<typeof MeetingApiInput>

export const RegistrationForm = Type.Object({ organisation_id: Type.Optional(Type.String({ pattern: ID, errorMessage: 'catalysis.error.organisationNotYours' })) })

export const InvitationForm = Type.Object({
  organisation_ids: Type.Array(Type.String({ pattern: ID }), { maxItems: 200 }),
  emails: Type.Optional(Type.String({ maxLength: 5000 })),
})
export const InvitationApiInput = Type.Object(
  { organisation_ids: Type.Optional(Type.Array(Type.String({ pattern: ID }), { maxItems: 200 })), emails: Type.Optional(Type.Array(Type.String({ maxLength: 254 }), { maxItems: 200 })) },
  { additionalProperties: false },
)
export const InvitationSearch = Type.Object({
  monde: Type.Optional(literals(WORLD_CODES)),
  lieu: Type.Optional(Type.String({ maxLength: 100 })),
  q: Type.Optional(Type.String({ maxLength: 100 })),
})

export const AttendanceForm = Type.Object({ present: Type.Array(Type.String({ pattern: ID }), { maxItems: 100_000 }) })
export const AttendanceApiInput = Type.Object({ present: Type.Array(Type.String({ pattern: ID }), { maxItems: 100_000, description: 'Registration ids of the people present; the others are marked absent' }) }, { additionalProperties: false })

export const EncounterForm = Type.Object({
  organisation_id: Type.String({ pattern: ID, errorMessage: 'catalysis.error.organisationNotYours' }),
  met_organisation_id: Type.String({ pattern: ID, errorMessage: 'catalysis.error.metNotParticipant' }),
  subject: Type.Optional(Type.String({ pattern: `^${ID.slice(1, -1)}:${ID.slice(1, -1)}$`, errorMessage: 'catalysis.error.followUpSubject' })),
  message: Type.Optional(Type.String({ maxLength: 3000 })),
})
export const EncounterApiInput = Type.Object(
  {
    organisation_id: Type.String({ pattern: ID }),
    met_organisation_id: Type.String({ pattern: ID }),
    follow_up: Type.Optional(Type.Object({ need_id: Type.String({ pattern: ID }), resource_id: Type.String({ pattern: ID }), message: Type.String({ minLength: 10, maxLength: 3000 }) }, { additionalProperties: false })),
  },
  { additionalProperties: false },
)

export const MinutesForm = Type.Object({
  minutes: Type.String({ minLength: 10, maxLength: 20000 }),
  decisions: Type.Optional(Type.String({ maxLength: 10000 })),
  alliance_ids: Type.Array(Type.String({ pattern: ID }), { maxItems: 20 }),
})
export const MinutesApiInput = Type.Object(
  { minutes: Type.String({ minLength: 10, maxLength: 20000 }), decisions: Type.Optional(Type.String({ maxLength: 10000 })), alliance_ids: Type.Optional(Type.Array(Type.String({ pattern: ID }), { maxItems: 20 })) },
  { additionalProperties: false },
)

export const AgendaQuery = Type.Object({
  territoire: Type.Optional(Type.String({ maxLength: 40, pattern: TERRITORY })),
  lieu: Type.Optional(Type.String({ maxLength: 100 })),
  passees: Type.Optional(Type.String({ maxLength: 3 })),
})
export const ApiMeetingsQuery = Type.Object(
  {
    territory: Type.Optional(Type.String({ pattern: TERRITORY, description: 'Meetings inside this territory' })),
    space_id: Type.Optional(Type.String({ pattern: ID })),
    from: Type.Optional(Type.String({ format: 'date-time', description: 'Meetings starting at or after this instant (default: now)' })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 100 })),
  },
  { additionalProperties: false },
)
