/**
 * Reads of meetings: one meeting with its organiser, place and territory; its seats; lists (of a space, of
 * a place, of a dialogue, the public agenda inside a territory); the rows of calendar feeds; the people
 * registered (for the organisers' attendance list) and the organisations present (for "whom I met").
 * Lists of several meetings show public meetings only, unless the caller passes the meetings the actor
 * organises or is invited to.
 */
import { expressionBuilder, sql, type Expression, type Kysely, type SqlBool } from 'kysely'
import { pageOf, pageWindow, type PageOf } from '../../../core/db/paging.js'
import type { Database } from '../../../database.js'
import type { CatalysisMeetingsTable, RegistrationStatus } from '../catalysis.table.js'
import { insidePerimeter, type Perimeter } from '../territory-scope.js'
import type { IcalMeeting } from './ical.js'

type Db = Kysely<Database>

export interface MeetingDetails extends CatalysisMeetingsTable {
  organisation_name: string
  space_name: string | null
  place_name: string | null
  place_address: string | null
  territory_name: string
  territory_kind: string
  territory_code: string
  postal_code: string | null
}

function detailed(db: Db) {
  return db
    .selectFrom('catalysis_meetings')
    .innerJoin('organisations', 'organisations.id', 'catalysis_meetings.organisation_id')
    .innerJoin('territories', 'territories.id', 'catalysis_meetings.territory_id')
    .leftJoin('catalysis_spaces', 'catalysis_spaces.id', 'catalysis_meetings.space_id')
    .leftJoin('catalysis_places', 'catalysis_places.id', 'catalysis_meetings.place_id')
    .selectAll('catalysis_meetings')
    .select([
      'organisations.name as organisation_name',
      'catalysis_spaces.name as space_name',
      'catalysis_places.name as place_name',
      'catalysis_places.address as place_address',
      'territories.name as territory_name',
      'territories.kind as territory_kind',
      'territories.code as territory_code',
      sql<string | null>`substr(territories.postal_codes, 1, 5)`.as('postal_code'),
    ])
}

/** One meeting with what its page shows (the caller has checked that the actor may see it). */
export async function findMeetingDetails(db: Db, id: string): Promise<MeetingDetails | undefined> {
  return detailed(db).where('catalysis_meetings.id', '=', id).executeTakeFirst()
}

/** The postal address line of a meeting: its place or address, postal code and commune. */
export function locationOf(m: Pick<MeetingDetails, 'place_name' | 'place_address' | 'address' | 'territory_name' | 'territory_kind' | 'postal_code'>): string | null {
  const street = m.place_address ?? m.address
  if (!street) return null
  const commune = m.territory_kind === 'commune' ? [m.postal_code, m.territory_name].filter(Boolean).join(' ') : ''
  return [m.place_name, street, commune].filter((p) => p && p !== '').join(', ')
}

export interface MeetingListFilters {
  spaceId?: string
  placeId?: string
  dialogueId?: string
  perimeter?: Perimeter
  /** instants: meetings starting at or after `from`, before `to` */
  from?: string
  to?: string
  /** invitation-only meetings the actor may see, listed too */
  alsoVisible?: string[]
}

/** The condition of the filters over `catalysis_meetings` (public meetings, plus `alsoVisible`). */
function matching(filters: MeetingListFilters): Expression<SqlBool> {
  const eb = expressionBuilder<Database, 'catalysis_meetings'>()
  const parts: Array<Expression<SqlBool>> = []
  if (filters.spaceId) parts.push(eb('catalysis_meetings.space_id', '=', filters.spaceId))
  if (filters.placeId) parts.push(eb('catalysis_meetings.place_id', '=', filters.placeId))
  if (filters.dialogueId) parts.push(eb('catalysis_meetings.dialogue_id', '=', filters.dialogueId))
  if (filters.perimeter) parts.push(insidePerimeter(filters.perimeter, 'catalysis_meetings', 'terr_commune_id'))
  if (filters.from) parts.push(eb('catalysis_meetings.starts_at', '>=', filters.from))
  if (filters.to) parts.push(eb('catalysis_meetings.starts_at', '<', filters.to))
  const visible = filters.alsoVisible ?? []
  parts.push(visible.length > 0 ? eb.or([eb('catalysis_meetings.visibility', '=', 'public'), eb('catalysis_meetings.id', 'in', visible)]) : eb('catalysis_meetings.visibility', '=', 'public'))
  return eb.and(parts)
}

/** Meetings matching the filters, by start (`order`), at most `limit`. */
export async function listMeetings(db: Db, filters: MeetingListFilters, options: { limit: number; order: 'asc' | 'desc' }): Promise<MeetingDetails[]> {
  return detailed(db).where(matching(filters)).orderBy('catalysis_meetings.starts_at', options.order).orderBy('catalysis_meetings.id').limit(options.limit).execute()
}

/** A page of the meetings matching the filters, by start (past the last page: no rows, with the totals). */
export async function pageMeetings(db: Db, filters: MeetingListFilters, options: { page: number; perPage: number; order: 'asc' | 'desc' }): Promise<PageOf<MeetingDetails>> {
  const window = pageWindow(options.page, options.perPage)
  const condition = matching(filters)
  const [{ n }, rows] = await Promise.all([
    db.selectFrom('catalysis_meetings').select((eb) => eb.fn.countAll<number>().as('n')).where(condition).executeTakeFirstOrThrow(),
    detailed(db).where(condition).orderBy('catalysis_meetings.starts_at', options.order).orderBy('catalysis_meetings.id').limit(window.limit).offset(window.offset).execute(),
  ])
  return pageOf(rows, Number(n), window.page, options.perPage)
}

/** The invitation-only meetings of a space the actor may see (organiser team: all of them). */
export async function visibleInvitationMeetings(db: Db, input: { spaceId?: string; team: boolean; email: string; organisationIds: string[]; userId: string | null }): Promise<string[]> {
  if (input.userId === null) return []
  let query = db.selectFrom('catalysis_meetings').select('catalysis_meetings.id').where('catalysis_meetings.visibility', '=', 'invitation')
  if (input.spaceId) query = query.where('catalysis_meetings.space_id', '=', input.spaceId)
  if (!input.team) {
    const orgs = input.organisationIds.length > 0 ? input.organisationIds : ['-']
    query = query.where((eb) =>
      eb.or([
        eb('catalysis_meetings.organisation_id', 'in', orgs),
        eb('catalysis_meetings.id', 'in', eb.selectFrom('catalysis_meeting_invitations').select('meeting_id').where((x) => x.or([x('email', '=', input.email.toLowerCase()), x('organisation_id', 'in', orgs)]))),
        eb('catalysis_meetings.id', 'in', eb.selectFrom('catalysis_registrations').select('meeting_id').where('user_id', '=', input.userId as string)),
      ]),
    )
  }
  return (await query.limit(1000).execute()).map((r) => r.id)
}

/** Calendar rows of public meetings matching the filters (oldest first). */
export async function icalRows(db: Db, filters: MeetingListFilters, limit: number): Promise<IcalMeeting[]> {
  const rows = await listMeetings(db, filters, { limit, order: 'asc' })
  return rows.map(icalRowOf)
}

/** The calendar row of one meeting. */
export function icalRowOf(m: MeetingDetails): IcalMeeting {
  return { ...m, location: locationOf(m), organiser_name: m.space_name ?? m.organisation_name }
}

/** The seats of a meeting per bucket (`*` first). */
export async function meetingSeats(db: Db, id: string): Promise<Array<{ bucket: string; seats: number; taken: number }>> {
  const rows = await db.selectFrom('catalysis_meeting_seats').select(['bucket', 'seats', 'taken']).where('meeting_id', '=', id).orderBy('bucket').execute()
  return rows
}

export interface RegistrationRow {
  id: string
  user_id: string
  display_name: string
  organisation_id: string | null
  organisation_name: string | null
  world: string | null
  bucket: string
  status: string
  arrival: number
  attended: number | null
}

function registrations(db: Db, meetingId: string, statuses: RegistrationStatus[]) {
  return db
    .selectFrom('catalysis_registrations')
    .innerJoin('users', 'users.id', 'catalysis_registrations.user_id')
    .leftJoin('organisations', 'organisations.id', 'catalysis_registrations.organisation_id')
    .where('catalysis_registrations.meeting_id', '=', meetingId)
    .where('catalysis_registrations.status', 'in', statuses)
}

const REGISTRATION_COLUMNS = [
  'catalysis_registrations.id',
  'catalysis_registrations.user_id',
  'users.display_name',
  'catalysis_registrations.organisation_id',
  'organisations.name as organisation_name',
  'catalysis_registrations.world',
  'catalysis_registrations.bucket',
  'catalysis_registrations.status',
  'catalysis_registrations.arrival',
  'catalysis_registrations.attended',
] as const

/** Registrations of a meeting (seated first by arrival, then waiting), for its organisers. */
export async function listRegistrations(db: Db, meetingId: string, statuses: RegistrationStatus[] = ['inscrit', 'attente']): Promise<RegistrationRow[]> {
  return registrations(db, meetingId, statuses)
    .select(REGISTRATION_COLUMNS)
    .orderBy(sql`case when catalysis_registrations.status = 'inscrit' then 0 else 1 end`)
    .orderBy('catalysis_registrations.arrival')
    .execute()
}

/** A page of the registrations of a meeting, in the order of `listRegistrations` (past the end: empty, with the totals). */
export async function pageRegistrations(db: Db, meetingId: string, page: number, perPage: number): Promise<PageOf<RegistrationRow>> {
  const window = pageWindow(page, perPage)
  const statuses: RegistrationStatus[] = ['inscrit', 'attente']
  const [{ n }, rows] = await Promise.all([
    db.selectFrom('catalysis_registrations').select((eb) => eb.fn.countAll<number>().as('n')).where('meeting_id', '=', meetingId).where('status', 'in', statuses).executeTakeFirstOrThrow(),
    registrations(db, meetingId, statuses)
      .select(REGISTRATION_COLUMNS)
      .orderBy(sql`case when catalysis_registrations.status = 'inscrit' then 0 else 1 end`)
      .orderBy('catalysis_registrations.arrival')
      .limit(window.limit)
      .offset(window.offset)
      .execute(),
  ])
  return pageOf(rows, Number(n), window.page, perPage)
}

/**
 * The organisations taking part in a meeting: the organiser and the organisations of seated registrations
 * (present ones only once attendance is taken), by name.
 */
export async function participatingOrganisations(db: Db, meetingId: string): Promise<Array<{ id: string; name: string; world: string }>> {
  const meeting = await db.selectFrom('catalysis_meetings').select(['organisation_id', 'present_count']).where('id', '=', meetingId).executeTakeFirstOrThrow()
  let registered = db.selectFrom('catalysis_registrations').select('organisation_id').where('meeting_id', '=', meetingId).where('status', '=', 'inscrit').where('organisation_id', 'is not', null)
  if (meeting.present_count > 0) registered = registered.where('attended', '=', 1)
  return db
    .selectFrom('organisations')
    .select(['id', 'name', 'world'])
    .where((eb) => eb.or([eb('id', '=', meeting.organisation_id), eb('id', 'in', registered as never)]))
    .orderBy('search_name')
    .execute()
}
