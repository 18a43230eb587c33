/**
 * Reads and writes of organisations. A public profile is public; memberships and invitations are private to
 * the organisation, so their queries take an `OrganisationScope`, which only the policy can produce (it is
 * proof that the actor was authorised for that organisation).
 */
import type { Kysely, Transaction } from 'kysely'
import type { MembershipRole } from '../../core/access/actor.js'
import { containsNormalised, isOneOf, lockForUpdate } from '../../core/db/dialect.js'
import { byName, namesContaining } from '../../core/search/names.js'
import { cappedTotal, countAfterRow, countPastWindow, countUpTo, pageOf, pageWindow, type CappedPageOf } from '../../core/db/paging.js'
import { sha256 } from '../../core/hash.js'
import { normaliseText } from '../../core/text/normalise.js'
import type { Database } from '../../database.js'
import { insideTerritory, type Territory } from '../territories/index.js'
import { identifierStatus } from './identifier-review.queries.js'
import type { OrganisationsTable } from './organisations.table.js'

type Db = Kysely<Database> | Transaction<Database>

declare const scopeBrand: unique symbol
/** An organisation the actor was authorised to see privately (created by `organisations.policy.ts` only). */
export interface OrganisationScope {
  readonly organisationId: string
  readonly [scopeBrand]: true
}

/** An organisation's row. */
export type Organisation = OrganisationsTable

/** An organisation by id (its public row), or undefined. */
export async function findOrganisation(db: Db, id: string): Promise<Organisation | undefined> {
  return db.selectFrom('organisations').selectAll().where('id', '=', id).executeTakeFirst()
}

/** The organisation already registered with this SIRET or RNA number (for the duplicate check). */
export async function findOrganisationByIdentifier(db: Db, field: 'siret' | 'rna', value: string): Promise<Organisation | undefined> {
  return db.selectFrom('organisations').selectAll().where(field, '=', value).executeTakeFirst()
}

export interface OrganisationDetails {
  organisation: Organisation
  seat: Territory | undefined
  perimeter: Territory[]
  sdgs: number[]
  /** "vérifié" or "déclaré" per identifier, and the organisation's identifier claims under review */
  identifiers: Awaited<ReturnType<typeof identifierStatus>>
}

/** A public profile with its seat, perimeter and SDGs. */
export async function findOrganisationDetails(db: Db, id: string): Promise<OrganisationDetails | undefined> {
  const organisation = await findOrganisation(db, id)
  if (!organisation) return undefined
  const [seat, perimeter, sdgs, identifiers] = await Promise.all([
    db.selectFrom('territories').selectAll().where('id', '=', organisation.seat_commune_id).executeTakeFirst(),
    db
      .selectFrom('organisation_perimeters')
      .innerJoin('territories', 'territories.id', 'organisation_perimeters.territory_id')
      .selectAll('territories')
      .where('organisation_perimeters.organisation_id', '=', id)
      .orderBy('territories.population', 'desc')
      .execute(),
    db.selectFrom('organisation_sdgs').select('sdg').where('organisation_id', '=', id).orderBy('sdg').execute(),
    identifierStatus(db, organisation),
  ])
  return { organisation, seat, perimeter, sdgs: sdgs.map((s) => s.sdg), identifiers }
}

/** The filters of the directory (page and API). */
export interface DirectoryFilters {
  text?: string
  world?: string
  sdg?: number
  /** Only organisations seated inside this territory (any level, everything inside included). */
  territoryId?: string
}

/** A row of the directory. */
export interface DirectoryRow {
  id: string
  name: string
  world: string
  is_demo: number
  seat_name: string
  seat_code: string
}

/** The columns of a directory row (organisations joined with their seat as `seat`). */
const DIRECTORY_COLUMNS = [
  'organisations.id',
  'organisations.name',
  'organisations.world',
  'organisations.is_demo',
  'seat.name as seat_name',
  'seat.code as seat_code',
] as const

/** One page of the directory with its totals (past the last page: no rows, the totals still given). */
export type DirectoryPage = CappedPageOf<DirectoryRow>

/**
 * The public directory: filters combine with AND; ordered by name; `perPage` rows per page. The total is
 * counted up to `COUNT_CAP` (`capped` beyond: "more than 1 000"), so that a page costs the same with 200 000
 * organisations; every page stays readable, past the cap too.
 */
export async function listOrganisations(db: Db, filters: DirectoryFilters, page: number, perPage: number): Promise<DirectoryPage> {
  // The seat's name is joined to the page's rows only: the count reads the organisations alone (a seat always exists).
  let base = db.selectFrom('organisations')
  if (filters.world) base = base.where('organisations.world', '=', filters.world)
  if (filters.sdg !== undefined) {
    const sdg = filters.sdg
    base = base.where(({ exists, selectFrom }) =>
      exists(
        selectFrom('organisation_sdgs')
          .select('organisation_sdgs.sdg')
          .whereRef('organisation_sdgs.organisation_id', '=', 'organisations.id')
          .where('organisation_sdgs.sdg', '=', sdg),
      ),
    )
  }
  const text = filters.text ? normaliseText(filters.text) : ''
  // A name filter asks the trigram index first: a few thousand matches at most are filtered and sorted here; with
  // more, the walk in name order below finds a page early (core/search/names.ts).
  const matches = text === '' ? null : await namesContaining(db, 'organisations', text)
  const named = text === '' ? base : base.where(({ ref }) => (matches ? isOneOf(db, ref('organisations.id'), matches.map((m) => m.id)) : containsNormalised(ref('organisations.search_name'), text)))
  const inside = filters.territoryId ? insideTerritory(db, filters.territoryId) : null
  const counted = inside ? named.where('organisations.seat_commune_id', 'in', inside) : named
  const window = pageWindow(page, perPage)
  const facets = Boolean(filters.world) || filters.sdg !== undefined
  // Few matches: those that pass the other filters (each read by primary key; all of them when there is no other
  // filter), sorted here.
  const kept = matches ? (facets || filters.territoryId ? await counted.select(['organisations.id', 'organisations.search_name']).execute() : matches).sort(byName) : null
  // The territory alone: its count is kept by the triggers; any other filter is counted on the rows, reached by
  // their seats (`inside`, the seat index), which counts faster than joining `territory_organisations` below by
  // id (230 000 organisations, SQLite: a text filter in the Val-de-Marne 4 ms against 21, a world in the région
  // 1.2 against 2.0).
  const territoryOnly = !facets && text === '' ? filters.territoryId : undefined
  // The page is chosen among the organisations alone; only its rows meet their seat. Inside a territory, its
  // organisations by name (`territory_organisations`, kept by triggers) give the page as the first rows of one key
  // range, whatever the number of organisations inside and on the platform.
  const territoryId = filters.territoryId
  const columns = ['organisations.id', 'organisations.name', 'organisations.world', 'organisations.is_demo', 'organisations.seat_commune_id', 'organisations.search_name'] as const
  // Kept matches have passed every filter: the page is read by its ids alone.
  const ordered = kept
    ? db
        .selectFrom('organisations')
        .select(columns)
        .where(({ ref }) => isOneOf(db, ref('organisations.id'), kept.slice(window.offset, window.offset + window.limit).map((r) => r.id)))
    : territoryId
      ? named
          // Joined by id alone: PostgreSQL multiplies the selectivities of two join conditions that always agree,
          // expects one row, and then hashes every organisation instead of walking the range.
          .innerJoin('territory_organisations as place', 'place.organisation_id', 'organisations.id')
          .where('place.territory_id', '=', territoryId)
          .select(columns)
          .orderBy('place.search_name')
          .orderBy('place.organisation_id')
      : named.select(columns).orderBy('organisations.search_name').orderBy('organisations.id')
  const chosen = (kept ? ordered : ordered.limit(window.limit).offset(window.offset)).as('page')
  const rows = await db
    .selectFrom(chosen)
    .innerJoin('territories as seat', 'seat.id', 'page.seat_commune_id')
    .select(['page.id', 'page.name', 'page.world', 'page.is_demo', 'seat.name as seat_name', 'seat.code as seat_code', 'page.search_name'])
    .orderBy('page.search_name')
    .orderBy('page.id')
    .execute()
  // A name filter over every organisation that the index did not answer walked the names in order, from the first
  // one: it is counted after the page (`countPastWindow`), from the page's last row, so that the count does not walk
  // again every name before the first match.
  const last = rows.at(-1)
  const { total, capped } = kept
    ? cappedTotal(kept.length)
    : territoryOnly
      ? await seatedIn(db, territoryOnly)
      : text !== '' && !territoryId
        ? await countPastWindow(window, rows.length, {
            after: (rest) => countAfterRow(db, counted, ['organisations.search_name', 'organisations.id'], [last!.search_name, last!.id], rest),
            all: () => countUpTo(db, counted),
          })
        : await countUpTo(db, counted)
  return { ...pageOf(rows.map(({ search_name: _, ...row }) => row), total, window.page, perPage), capped }
}

/**
 * The organisations seated in a territory, counted as `countUpTo` would (`cappedTotal`), from the summary
 * the triggers keep (`territory_organisation_counts`): one row, whatever the size of the territory.
 */
async function seatedIn(db: Db, territoryId: string): Promise<{ total: number; capped: boolean }> {
  const row = await db.selectFrom('territory_organisation_counts').select('n').where('territory_id', '=', territoryId).executeTakeFirst()
  return cappedTotal(Number(row?.n ?? 0))
}

/** Organisations whose perimeter covers `territoryId` (a perimeter territory that contains it), seated elsewhere. */
export async function listOrganisationsActingIn(db: Db, territoryId: string, limit: number): Promise<DirectoryRow[]> {
  return db
    .selectFrom('organisations')
    .innerJoin('territories as seat', 'seat.id', 'organisations.seat_commune_id')
    .select(DIRECTORY_COLUMNS)
    .where('organisations.id', 'in', (eb) =>
      eb
        .selectFrom('organisation_perimeters')
        .select('organisation_perimeters.organisation_id')
        .where('organisation_perimeters.territory_id', 'in', (eb2) =>
          eb2.selectFrom('territory_closure').select('ancestor_id').where('descendant_id', '=', territoryId),
        ),
    )
    .where('organisations.seat_commune_id', 'not in', insideTerritory(db, territoryId))
    .orderBy('organisations.search_name')
    .limit(limit)
    .execute()
}

/** Number of organisations seated in each département (for the home map). */
export async function countOrganisationsByDepartement(db: Db): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom('organisations')
    .innerJoin('territories', 'territories.id', 'organisations.seat_commune_id')
    .select(['territories.departement_code as code', ({ fn }) => fn.countAll<number>().as('n')])
    .groupBy('territories.departement_code')
    .execute()
  return new Map(rows.filter((r) => r.code !== null).map((r) => [r.code as string, Number(r.n)]))
}

/** Number of organisations by world (for the home page figures). */
export async function countOrganisationsByWorld(db: Db): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom('organisations')
    .select(['world', ({ fn }) => fn.countAll<number>().as('n')])
    .groupBy('world')
    .execute()
  return new Map(rows.map((r) => [r.world, Number(r.n)]))
}

/** Whether any fictional demonstration organisation exists (then every page says so). */
export async function hasDemoOrganisations(db: Db): Promise<boolean> {
  const row = await db.selectFrom('organisations').select('id').where('is_demo', '=', 1).limit(1).executeTakeFirst()
  return row !== undefined
}

/** Writes the organisation's row, perimeter and SDGs (inside the caller's transaction). */
export async function writeOrganisation(trx: Transaction<Database>, row: OrganisationsTable, perimeterIds: string[], sdgs: number[], isNew: boolean): Promise<void> {
  if (isNew) await trx.insertInto('organisations').values(row).execute()
  else {
    const { id, created_at: _created, created_by: _by, is_demo: _demo, ...changes } = row
    await trx.updateTable('organisations').set(changes).where('id', '=', id).execute()
    await trx.deleteFrom('organisation_perimeters').where('organisation_id', '=', id).execute()
    await trx.deleteFrom('organisation_sdgs').where('organisation_id', '=', id).execute()
  }
  if (perimeterIds.length > 0) {
    await trx
      .insertInto('organisation_perimeters')
      .values(perimeterIds.map((territory_id) => ({ organisation_id: row.id, territory_id })))
      .execute()
  }
  if (sdgs.length > 0) {
    await trx
      .insertInto('organisation_sdgs')
      .values(sdgs.map((sdg) => ({ organisation_id: row.id, sdg })))
      .execute()
  }
}

// --- memberships (private to the organisation) ---------------------------------------------------------

/** A member as the members page shows them. */
export interface MemberRow {
  user_id: string
  display_name: string
  email: string
  role: MembershipRole
  created_at: string
}

/** The members of an organisation (admins first), for those authorised to see them. */
export async function listMembers(db: Db, scope: OrganisationScope): Promise<MemberRow[]> {
  return db
    .selectFrom('memberships')
    .innerJoin('users', 'users.id', 'memberships.user_id')
    .select(['memberships.user_id', 'users.display_name', 'users.email', 'memberships.role', 'memberships.created_at'])
    .where('memberships.organisation_id', '=', scope.organisationId)
    .orderBy('memberships.role')
    .orderBy('users.display_name')
    .execute()
}

/** Number of admins; inside a transaction on PostgreSQL the admin rows stay locked until it ends. */
export async function countAdmins(db: Db, scope: OrganisationScope): Promise<number> {
  const query = db
    .selectFrom('memberships')
    .select('user_id')
    .where('organisation_id', '=', scope.organisationId)
    .where('role', '=', 'admin')
  const rows = await lockForUpdate(db, query).execute()
  return rows.length
}

/** One person's membership of an organisation, or undefined. */
export async function findMembership(db: Db, scope: OrganisationScope, userId: string) {
  return db
    .selectFrom('memberships')
    .selectAll()
    .where('organisation_id', '=', scope.organisationId)
    .where('user_id', '=', userId)
    .executeTakeFirst()
}

/** A pending invitation as the members page shows it. */
export interface InvitationRow {
  id: string
  email: string
  role: MembershipRole
  created_at: string
  expires_at: string
}

/** Invitations not yet accepted, revoked or expired. */
export async function listPendingInvitations(db: Db, scope: OrganisationScope, now: string): Promise<InvitationRow[]> {
  return db
    .selectFrom('invitations')
    .select(['id', 'email', 'role', 'created_at', 'expires_at'])
    .where('organisation_id', '=', scope.organisationId)
    .where('accepted_at', 'is', null)
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', now)
    .orderBy('created_at', 'desc')
    .execute()
}

/** The organisations a person belongs to, with their role (for the account page and the actor). */
export async function listMembershipsOfUser(db: Db, userId: string) {
  return db
    .selectFrom('memberships')
    .innerJoin('organisations', 'organisations.id', 'memberships.organisation_id')
    .select(['organisations.id', 'organisations.name', 'organisations.world', 'memberships.role'])
    .where('memberships.user_id', '=', userId)
    .orderBy('organisations.search_name')
    .execute()
}

/** Pending invitations addressed to an e-mail (shown on that person's account page). */
export async function listInvitationsForEmail(db: Db, email: string, now: string) {
  return db
    .selectFrom('invitations')
    .innerJoin('organisations', 'organisations.id', 'invitations.organisation_id')
    .select(['invitations.id', 'invitations.role', 'invitations.expires_at', 'organisations.id as organisation_id', 'organisations.name as organisation_name'])
    .where('invitations.email', '=', email)
    .where('invitations.accepted_at', 'is', null)
    .where('invitations.revoked_at', 'is', null)
    .where('invitations.expires_at', '>', now)
    .execute()
}

/**
 * The invitation behind a token (whatever its state: the caller checks it is open). Unscoped: the token is the
 * authorisation. A token of the wrong shape is never looked up.
 */
export async function unsafeFindOpenInvitation(db: Db, token: string) {
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) return undefined
  return db
    .selectFrom('invitations')
    .innerJoin('organisations', 'organisations.id', 'invitations.organisation_id')
    .select([
      'invitations.id',
      'invitations.email',
      'invitations.role',
      'invitations.expires_at',
      'invitations.accepted_at',
      'invitations.revoked_at',
      'organisations.id as organisation_id',
      'organisations.name as organisation_name',
    ])
    .where('invitations.token_hash', '=', sha256(token))
    .executeTakeFirst()
}

/** True when an invitation can still be accepted: neither accepted, nor revoked, nor expired at `now`. */
export function isInvitationOpen(invitation: { accepted_at: string | null; revoked_at: string | null; expires_at: string } | undefined, now: string): boolean {
  return invitation !== undefined && invitation.accepted_at === null && invitation.revoked_at === null && invitation.expires_at > now
}
