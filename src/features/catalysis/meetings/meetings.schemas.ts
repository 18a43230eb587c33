/**
 * Schemas of meetings: the HTML forms (Paris local date-times, a commune typed as text, one quota field per
 * world), the page filters (lenient), the JSON API's input (ids, quotas as an object) and what it answers
 * (named components). Form and API input both end as `MeetingData`, which the service checks further (the
 * bounds of a capacity and quotas, so that every problem of a meeting shows at once).
 */
import Type, { type Static, type TSchema } from 'typebox'
import { Enum, Id, ID_PATTERN, IsoDateTime, named, Nullable, Page, PageQuery, TERRITORY_ID_PATTERN, TerritoryId } from '../../../core/http/schemas.js'
import { OrganisationRef, PARIS_LOCAL_PATTERN, ParisLocalDateTime, WORLDS } from '../catalysis.schemas.js'
import { isoToParisLocal } from '../paris-time.js'
import { MAX_CAPACITY, MEETING_KINDS } from './meetings.codes.js'
import type { MeetingDetails, RegistrationRow } from './meetings.queries.js'
import type { MeetingData } from './meetings.service.js'

export const MeetingKind = Enum(MEETING_KINDS, { description: 'dîner, atelier, rencontre d’interconnaissance, visite, webinaire, séance de dialogue' })
export const Visibility = Enum(['public', 'invitation'] as const, { description: '`public`, or `invitation`: seen by its organisers and invited people only (others get 404)' })
const Status = Enum(['prevue', 'annulee'] as const, { description: '`prevue` (planned) or `annulee` (cancelled)' })
const RegistrationStatus = Enum(['inscrit', 'attente'] as const, { description: '`inscrit` (seated) or `attente` (waiting list)' })

function quotaFields(): Record<string, TSchema> {
  const fields: Record<string, TSchema> = {}
  for (const w of WORLDS) fields[`quota_${w}`] = Type.Optional(Type.Integer({ errorMessage: 'catalysis.error.quota' }))
  return fields
}

/** The organiser of a new meeting: one of a space (its team) or an organisation (its members). */
const organiserFields = {
  space_id: Type.Optional(Type.String({ pattern: ID_PATTERN })),
  organisation_id: Type.Optional(Type.String({ pattern: ID_PATTERN, errorMessage: 'catalysis.error.organisationRequired' })),
}

const meetingFields = {
  title: Type.String({ minLength: 3, maxLength: 200 }),
  kind: MeetingKind,
  description: Type.Optional(Type.String({ maxLength: 5000 })),
  starts_at: Type.String({ pattern: PARIS_LOCAL_PATTERN, errorMessage: 'catalysis.error.dateTime' }),
  ends_at: Type.String({ pattern: PARIS_LOCAL_PATTERN, errorMessage: 'catalysis.error.dateTime' }),
  place_id: Type.Optional(Type.String({ pattern: ID_PATTERN, errorMessage: 'catalysis.error.placeUnknown' })),
  address: Type.Optional(Type.String({ maxLength: 300 })),
  commune: Type.Optional(Type.String({ maxLength: 100 })),
  online_url: Type.Optional(Type.String({ maxLength: 500 })),
  visibility: Visibility,
  // bounds checked by the service, with the other rules of a meeting, so that every problem shows at once
  capacity: Type.Integer({ errorMessage: 'catalysis.error.capacityNumber' }),
  dialogue_id: Type.Optional(Type.String({ pattern: ID_PATTERN, errorMessage: 'catalysis.error.dialogueUnknown' })),
  ...quotaFields(),
}

/** Editing a meeting (the organiser stays). */
export const MeetingForm = Type.Object(meetingFields)
export type MeetingFormT = Static<typeof MeetingForm>
/** Creating a meeting. */
export const NewMeetingForm = Type.Object({ ...organiserFields, ...meetingFields })

/** `/rencontres/nouvelle?espace=…`: the organising space proposed by the space's page. */
export const NewMeetingQuery = Type.Object({ espace: Type.Optional(Id) })

/** The quotas of the form (world → seats), empty and zero quotas left out (negative ones are refused by the service). */
export function quotasOf(form: Record<string, unknown>): Record<string, number> {
  const quotas: Record<string, number> = {}
  for (const w of WORLDS) {
    const value = form[`quota_${w}`]
    if (typeof value === 'number' && value !== 0) quotas[w] = value
  }
  return quotas
}

export const RegistrationForm = Type.Object({ organisation_id: Type.Optional(Type.String({ pattern: ID_PATTERN, errorMessage: 'catalysis.error.organisationNotYours' })) })
export const InvitationForm = Type.Object({ organisation_ids: Type.Array(Id, { maxItems: 200 }), emails: Type.Optional(Type.String({ maxLength: 5000 })) })
export const InvitationSearch = Type.Object({ monde: Type.Optional(Enum(WORLDS)), lieu: Type.Optional(Type.String({ maxLength: 100 })), q: Type.Optional(Type.String({ maxLength: 100 })) })
export const AttendanceForm = Type.Object({ present: Type.Array(Id, { maxItems: 100_000 }) })
export const EncounterForm = Type.Object({
  organisation_id: Type.String({ pattern: ID_PATTERN, errorMessage: 'catalysis.error.organisationNotYours' }),
  met_organisation_id: Type.String({ pattern: ID_PATTERN, errorMessage: 'catalysis.error.metNotParticipant' }),
  subject: Type.Optional(Type.String({ pattern: `^${ID_PATTERN.slice(1, -1)}:${ID_PATTERN.slice(1, -1)}$`, errorMessage: 'catalysis.error.followUpSubject' })),
  message: Type.Optional(Type.String({ maxLength: 3000 })),
})
/** The "whom I met" page: the two organisations chosen before picking a subject. */
export const EncounterQuery = Type.Object({ organisation_id: Type.Optional(Id), met_organisation_id: Type.Optional(Id) })
export const MinutesForm = Type.Object({ minutes: Type.String({ minLength: 10, maxLength: 20000 }), decisions: Type.Optional(Type.String({ maxLength: 10000 })), alliance_ids: Type.Array(Id, { maxItems: 20 }) })
export const AgendaQuery = Type.Object({ territoire: Type.Optional(TerritoryId), lieu: Type.Optional(Type.String({ maxLength: 100 })), passees: Type.Optional(Enum(['oui'] as const)) })

// --- API ----------------------------------------------------------------------------------------------

export const MeetingApiInput = Type.Object(
  {
    space_id: Type.Optional(Type.String({ pattern: ID_PATTERN, description: 'The organising space (its team organises); or give `organisation_id`. Ignored when editing' })),
    organisation_id: Type.Optional(Type.String({ pattern: ID_PATTERN, description: 'The organising organisation (its members organise). Ignored when editing' })),
    title: Type.String({ minLength: 3, maxLength: 200 }),
    kind: MeetingKind,
    description: Type.Optional(Type.String({ maxLength: 5000 })),
    starts_at: ParisLocalDateTime,
    ends_at: ParisLocalDateTime,
    place_id: Type.Optional(Nullable(Type.String({ pattern: ID_PATTERN, description: 'A place of the directory' }))),
    address: Type.Optional(Nullable(Type.String({ maxLength: 300 }))),
    commune_id: Type.Optional(Nullable(Type.String({ pattern: TERRITORY_ID_PATTERN, description: 'The commune of the address, `commune:<INSEE code>`' }))),
    online_url: Type.Optional(Nullable(Type.String({ maxLength: 500, description: 'An https link, for an online (or hybrid) meeting' }))),
    visibility: Visibility,
    capacity: Type.Integer({ minimum: 1, maximum: MAX_CAPACITY }),
    quotas: Type.Optional(Type.Record(Type.String({ pattern: '^[a-z_]{2,30}$' }), Type.Integer({ minimum: 0, maximum: MAX_CAPACITY }), { description: 'World code → seats reserved for it (vocabulary kind `world`); the other seats are open to every world' })),
    dialogue_id: Type.Optional(Nullable(Type.String({ pattern: ID_PATTERN, description: 'The governance dialogue this meeting is a session of' }))),
  },
  { additionalProperties: false },
)
export type MeetingApiInputT = Static<typeof MeetingApiInput>

/** The service's input from the API's. */
export function meetingData(v: MeetingApiInputT): MeetingData {
  return { title: v.title, kind: v.kind, description: v.description ?? '', startsLocal: v.starts_at, endsLocal: v.ends_at, placeId: v.place_id ?? null, address: v.address ?? null, communeId: v.commune_id ?? null, onlineUrl: v.online_url ?? null, visibility: v.visibility, capacity: v.capacity, quotas: v.quotas ?? {}, dialogueId: v.dialogue_id ?? null }
}

export const MeetingListQuery = Type.Object(
  {
    territory: Type.Optional(Type.String({ pattern: TERRITORY_ID_PATTERN, description: 'Meetings inside this territory' })),
    space_id: Type.Optional(Type.String({ pattern: ID_PATTERN, description: 'Meetings of this space' })),
    from: Type.Optional(Type.String({ format: 'date-time', description: 'Meetings starting at or after this instant (default: now)' })),
    ...PageQuery({ perPage: 50 }),
  },
  { additionalProperties: false },
)
export const InvitationApiInput = Type.Object(
  { organisation_ids: Type.Optional(Type.Array(Id, { maxItems: 200 })), emails: Type.Optional(Type.Array(Type.String({ maxLength: 254 }), { maxItems: 200, description: 'People invited by address; those without an account get the e-mail alone' })) },
  { additionalProperties: false },
)
export const RegistrationApiInput = Type.Object({ organisation_id: Type.Optional(Nullable(Type.String({ pattern: ID_PATTERN, description: 'Register for one of your organisations (its world’s quota), or in your own name' }))) }, { additionalProperties: false })
export const AttendanceApiInput = Type.Object({ present: Type.Array(Id, { maxItems: 100_000, description: 'Registration ids of the people present; the other seated people are marked absent' }) }, { additionalProperties: false })
export const EncounterApiInput = Type.Object(
  {
    organisation_id: Type.String({ pattern: ID_PATTERN, description: 'The organisation you speak for' }),
    met_organisation_id: Type.String({ pattern: ID_PATTERN, description: 'The participating organisation you met' }),
    follow_up: Type.Optional(Type.Object({ need_id: Id, resource_id: Id, message: Type.String({ minLength: 10, maxLength: 3000 }) }, { additionalProperties: false, description: 'A consented connection request (mise en relation) about a need of one side and a resource of the other' })),
  },
  { additionalProperties: false },
)
export const MinutesApiInput = Type.Object({ minutes: Type.String({ minLength: 10, maxLength: 20000 }), decisions: Type.Optional(Type.String({ maxLength: 10000 })), alliance_ids: Type.Optional(Type.Array(Id, { maxItems: 20, description: 'Alliances whose journal receives the minutes (you must act for an active partner)' })) }, { additionalProperties: false })
export const RegistrationListQuery = Type.Object(PageQuery({ perPage: 100, maxPerPage: 500 }), { additionalProperties: false })

const Seats = Type.Array(Type.Object({ bucket: Type.String({ description: 'A world with a quota, or `*` (the seats open to every world)' }), seats: Type.Integer(), taken: Type.Integer() }))

export const MeetingSummary = named(
  'MeetingSummary',
  Type.Object({
    id: Id,
    title: Type.String(),
    kind: MeetingKind,
    starts_at: IsoDateTime,
    ends_at: IsoDateTime,
    visibility: Visibility,
    status: Status,
    capacity: Type.Integer(),
    registered: Type.Integer(),
    waiting: Type.Integer(),
    href: Type.String({ description: 'The meeting’s page (relative)' }),
  }),
)

export const MeetingSchema = named(
  'Meeting',
  Type.Object({
    id: Id,
    title: Type.String(),
    kind: MeetingKind,
    description: Type.String(),
    starts_at: IsoDateTime,
    ends_at: IsoDateTime,
    starts_local: ParisLocalDateTime,
    ends_local: ParisLocalDateTime,
    place_id: Nullable(Id),
    address: Nullable(Type.String()),
    territory_id: TerritoryId,
    online_url: Nullable(Type.String()),
    space_id: Nullable(Id),
    organisation_id: Id,
    dialogue_id: Nullable(Id),
    visibility: Visibility,
    status: Status,
    capacity: Type.Integer(),
    registered: Type.Integer(),
    waiting: Type.Integer(),
    present: Type.Integer(),
    seats: Seats,
    minutes: Nullable(Type.String()),
    decisions: Nullable(Type.String()),
    feedback_campaign_id: Nullable(Id),
    href: Type.String(),
    ics: Type.String({ description: 'The meeting’s iCalendar file (relative)' }),
  }),
)
export const MeetingAnswer = Type.Object({ data: MeetingSchema, event: Type.Record(Type.String(), Type.Unknown(), { description: 'The schema.org `Event` (JSON-LD)' }) }, { description: 'The meeting and its schema.org Event' })

export const RegistrationSchema = named(
  'MeetingRegistration',
  Type.Object({ id: Id, status: RegistrationStatus, position: Nullable(Type.Integer({ minimum: 1, description: 'Rank in the waiting list (1 = next)' })) }),
)

export const RegistrantSchema = named(
  'MeetingRegistrant',
  Type.Object({
    id: Id,
    display_name: Type.String(),
    organisation_id: Nullable(Id),
    organisation_name: Nullable(Type.String()),
    world: Nullable(Type.String()),
    status: RegistrationStatus,
    arrival: Type.Integer({ description: 'Order of arrival (the waiting list is promoted in this order)' }),
    attended: Nullable(Type.Boolean({ description: 'Null until attendance is taken' })),
  }),
)

export const NewLinksSchema = named(
  'MeetingNewLinks',
  Type.Object({
    nodes: Type.Array(OrganisationRef),
    before: Type.Array(Type.Array(Id, { minItems: 2, maxItems: 2 }), { description: 'Pairs linked before the meeting (two organisation ids each; a tuple, which OpenAPI 3.0 cannot write)' }),
    met: Type.Array(Type.Array(Id, { minItems: 2, maxItems: 2 }), { description: 'Pairs that met but were linked before, or of the same world (two organisation ids each)' }),
    new_links: Type.Array(
      Type.Object({
        a: Id,
        b: Id,
        met_at: IsoDateTime,
        connection: Nullable(Type.Object({ id: Id, status: Type.String() })),
        alliances: Type.Array(Type.Object({ id: Id, name: Nullable(Type.String({ description: 'Null for a partners-only alliance' })) })),
      }),
    ),
  }),
)

export const MeetingList = Page(MeetingSummary)
export const RegistrantList = Page(RegistrantSchema)

export function presentMeetingSummary(m: MeetingDetails): Static<typeof MeetingSummary> {
  return { id: m.id, title: m.title, kind: m.kind as Static<typeof MeetingKind>, starts_at: m.starts_at, ends_at: m.ends_at, visibility: m.visibility, status: m.status, capacity: m.capacity, registered: m.registered_count, waiting: m.waiting_count, href: `/rencontres/${m.id}` }
}

export function presentMeeting(m: MeetingDetails, seats: Array<{ bucket: string; seats: number; taken: number }>): Static<typeof MeetingSchema> {
  return {
    id: m.id,
    title: m.title,
    kind: m.kind as Static<typeof MeetingKind>,
    description: m.description,
    starts_at: m.starts_at,
    ends_at: m.ends_at,
    starts_local: isoToParisLocal(m.starts_at),
    ends_local: isoToParisLocal(m.ends_at),
    place_id: m.place_id,
    address: m.address,
    territory_id: m.territory_id,
    online_url: m.online_url,
    space_id: m.space_id,
    organisation_id: m.organisation_id,
    dialogue_id: m.dialogue_id,
    visibility: m.visibility,
    status: m.status,
    capacity: m.capacity,
    registered: m.registered_count,
    waiting: m.waiting_count,
    present: m.present_count,
    seats,
    minutes: m.minutes,
    decisions: m.decisions,
    feedback_campaign_id: m.feedback_campaign_id,
    href: `/rencontres/${m.id}`,
    ics: `/rencontres/${m.id}/calendrier.ics`,
  }
}

export function presentRegistrant(r: RegistrationRow): Static<typeof RegistrantSchema> {
  return { id: r.id, display_name: r.display_name, organisation_id: r.organisation_id, organisation_name: r.organisation_name, world: r.world, status: r.status as 'inscrit' | 'attente', arrival: r.arrival, attended: r.attended === null ? null : r.attended === 1 }
}
