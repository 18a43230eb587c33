/**
 * Use cases of needs and resources: publish and edit (members of the organisation), keep the full-text
 * index in step, and keep the actors' full-text documents up to date. Each write authorises, checks what the
 * schemas cannot (the territory exists, amounts and dates in order, statuses known, one entry per kind of
 * help) and writes in one transaction; pages, the JSON API and other features (catalysis offers places as
 * resources) call these functions.
 */
import type { Kysely, Transaction } from 'kysely'
import type { Actor } from '../../core/access/actor.js'
import { lockForUpdate } from '../../core/db/dialect.js'
import { newId, nowIso } from '../../core/db/values.js'
import { notFound, validationError, type FieldProblem } from '../../core/errors.js'
import { isCalendarDate } from '../../core/time/calendar.js'
import type { Database } from '../../database.js'
import { findOrganisation } from '../organisations/index.js'
import { findTerritoryById } from '../territories/index.js'
import { domainMask, NATIONAL, NEED_STATUSES, RESOURCE_STATUSES, sdgMask, suggestedSdgs, typeMask } from './listening.codes.js'
import { indexOrganisations, reindexNeeds, reindexResources } from './listening.documents.js'
import { refreshServedUntil, resourceServingChanged } from './listening.orphans.js'
import { levelsOf, needLevelColumns, seatLevelColumns, type Levels } from './listening.places.js'
import { authorizeListing } from './listening.policy.js'
import { matchProfileIds } from './matching/profiles.js'
import type { NeedData, ResourceData } from './listening.schemas.js'
import type { NeedStatus, ResourceStatus } from './listening.table.js'

type Db = Kysely<Database>
type Trx = Transaction<Database> | Kysely<Database>

function checkAmounts(min: number | null, max: number | null, field: string, problems: FieldProblem[]): void {
  if (min !== null && max !== null && min > max) problems.push({ field, message: 'listening.error.amountRange' })
}

async function organisationOf(db: Db, id: string) {
  const organisation = await findOrganisation(db, id)
  if (!organisation) throw notFound()
  return organisation
}

function checkStatus(status: string | null, known: readonly string[], problems: FieldProblem[]): void {
  if (status !== null && !known.includes(status)) problems.push({ field: 'status', message: 'form.error.choice' })
}

/**
 * The need or resource of `existing` edited on behalf of `organisationId`: the organisation of a listing never
 * changes. Naming another organisation is acting for it: 404 when the actor is not one of its members, a
 * field problem otherwise.
 */
function checkSameOrganisation(actor: Actor, existing: string, organisationId: string): void {
  if (organisationId === existing) return
  authorizeListing(actor, organisationId)
  throw validationError([{ field: 'organisation_id', message: 'listening.error.organisationFixed' }])
}

async function validateNeed(db: Db, data: NeedData): Promise<{ levels: Levels; sdgs: number[] }> {
  const problems: FieldProblem[] = []
  const territory = await findTerritoryById(db, data.territoryId)
  if (!territory) problems.push({ field: 'territory', message: 'listening.error.placeNotFound', params: { q: data.territoryId } })
  const types = new Set<string>()
  for (const c of data.contributions) {
    if (types.has(c.type)) problems.push({ field: 'types', message: 'listening.error.typeTwice' })
    types.add(c.type)
    checkAmounts(c.amountMinCents, c.amountMaxCents, 'amount_max', problems)
  }
  checkStatus(data.status, NEED_STATUSES, problems)
  if (problems.length > 0) throw validationError(problems)
  const sdgs = [...new Set(data.sdgs && data.sdgs.length > 0 ? data.sdgs : suggestedSdgs(data.domain))].sort((a, b) => a - b)
  return { levels: await levelsOf(db, data.territoryId), sdgs }
}

function needRow(data: NeedData, levels: Levels, sdgs: number[], world: string) {
  return {
    title: data.title,
    description: data.description,
    domain: data.domain,
    sdg_mask: sdgMask(sdgs),
    type_mask: typeMask(data.contributions.map((c) => c.type)),
    territory_id: data.territoryId,
    ...needLevelColumns(levels),
    world,
    horizon: data.horizon,
    lever: data.lever,
  }
}

async function writeContributions(trx: Trx, needId: string, data: NeedData): Promise<void> {
  await trx.deleteFrom('need_contributions').where('need_id', '=', needId).execute()
  await trx
    .insertInto('need_contributions')
    .values(
      data.contributions.map((c) => ({
        need_id: needId,
        contribution_type: c.type,
        amount_min_cents: c.amountMinCents,
        amount_max_cents: c.amountMaxCents,
        hours: c.hours,
        people: c.people,
        skills: c.skills,
        details: c.details,
      })),
    )
    .execute()
}

/**
 * Publishes a need on behalf of an organisation the actor belongs to (another organisation: 404). Returns its
 * id. Edge case: without SDGs, those of the need's domain are kept.
 */
export async function createNeed(db: Db, actor: Actor, data: NeedData): Promise<string> {
  const scope = authorizeListing(actor, data.organisationId)
  const organisation = await organisationOf(db, scope.organisationId)
  const { levels, sdgs } = await validateNeed(db, data)
  const id = newId()
  const now = nowIso()
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('needs')
      .values({
        id,
        organisation_id: scope.organisationId,
        created_by: actor.userId,
        ...needRow(data, levels, sdgs, organisation.world),
        status: (data.status ?? 'ouvert') as NeedStatus,
        served_until: '',
        is_demo: 0,
        created_at: now,
        updated_at: now,
      })
      .execute()
    await writeContributions(trx, id, data)
    await refreshServedUntil(trx, [id])
    await reindexNeeds(trx, [id])
  })
  return id
}

/** Edits a need (members of its organisation; others 404). The organisation of a need never changes. */
export async function updateNeed(db: Db, actor: Actor, id: string, data: NeedData): Promise<void> {
  const existing = await db.selectFrom('needs').select(['organisation_id', 'status']).where('id', '=', id).executeTakeFirst()
  if (!existing) throw notFound()
  const scope = authorizeListing(actor, existing.organisation_id)
  checkSameOrganisation(actor, existing.organisation_id, data.organisationId)
  const organisation = await organisationOf(db, scope.organisationId)
  const { levels, sdgs } = await validateNeed(db, data)
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable('needs')
      .set({ ...needRow(data, levels, sdgs, organisation.world), status: (data.status ?? existing.status) as NeedStatus, updated_at: nowIso() })
      .where('id', '=', id)
      .execute()
    await writeContributions(trx, id, data)
    await refreshServedUntil(trx, [id])
    await reindexNeeds(trx, [id])
  })
}

async function validateResource(db: Db, data: ResourceData, seatCommuneId: string): Promise<{ reach: string; seat: Levels }> {
  const problems: FieldProblem[] = []
  checkAmounts(data.amountMinCents, data.amountMaxCents, 'amount_max', problems)
  if (data.availableFrom && data.availableUntil && data.availableFrom > data.availableUntil) problems.push({ field: 'available_until', message: 'listening.error.dateRange' })
  for (const [field, value] of [
    ['available_from', data.availableFrom],
    ['available_until', data.availableUntil],
  ] as const) {
    if (value !== null && !isCalendarDate(value)) problems.push({ field, message: 'form.error.date' })
  }
  checkStatus(data.status, RESOURCE_STATUSES, problems)
  const seat = await levelsOf(db, seatCommuneId)
  const reach = data.reachTerritoryId ?? seat.departement ?? seat.region ?? NATIONAL
  if (reach !== NATIONAL && !(await findTerritoryById(db, reach))) problems.push({ field: 'reach', message: 'listening.error.placeNotFound', params: { q: reach } })
  if (problems.length > 0) throw validationError(problems)
  return { reach, seat }
}

/** The resource's columns from the form or API data, its match profile included (added if new). */
async function resourceRow(trx: Trx, data: ResourceData, reach: string, seat: Levels, world: string) {
  const compared = { contribution_type: data.contributionType, domain_mask: domainMask(data.domains), sdg_mask: sdgMask(data.sdgs) }
  const [profile] = await matchProfileIds(trx, [compared])
  return {
    kind: data.kind,
    title: data.title,
    description: data.description,
    contribution_type: data.contributionType,
    amount_min_cents: data.amountMinCents,
    amount_max_cents: data.amountMaxCents,
    hours: data.hours,
    people: data.people,
    skills: data.skills,
    items: data.items,
    place: data.place,
    domain_mask: compared.domain_mask,
    sdg_mask: compared.sdg_mask,
    match_profile: profile as number,
    reach_territory_id: reach,
    ...seatLevelColumns(seat),
    world,
    available_from: data.availableFrom,
    available_until: data.availableUntil,
  }
}

/**
 * Publishes a resource or a wish to engage on behalf of an organisation the actor belongs to (another: 404).
 * Edge case: without a reach, the resource reaches the département of the organisation's seat (its région, or
 * all of France, when the seat has none).
 */
export async function createResource(db: Db, actor: Actor, data: ResourceData): Promise<string> {
  const scope = authorizeListing(actor, data.organisationId)
  const organisation = await organisationOf(db, scope.organisationId)
  const { reach, seat } = await validateResource(db, data, organisation.seat_commune_id)
  const id = newId()
  const now = nowIso()
  await db.transaction().execute(async (trx) => {
    const row = {
      id,
      organisation_id: scope.organisationId,
      created_by: actor.userId,
      ...(await resourceRow(trx, data, reach, seat, organisation.world)),
      status: (data.status ?? 'disponible') as ResourceStatus,
      is_demo: 0,
      created_at: now,
      updated_at: now,
    }
    await trx.insertInto('resources').values(row).execute()
    await resourceServingChanged(trx, null, row)
    await reindexResources(trx, [id])
  })
  return id
}

/** The columns of a resource that decide which needs it serves (`listening.orphans.ts`). */
const SERVING_COLUMNS = ['organisation_id', 'contribution_type', 'reach_territory_id', 'status', 'available_until'] as const

/** Edits a resource (members of its organisation; others 404). */
export async function updateResource(db: Db, actor: Actor, id: string, data: ResourceData): Promise<void> {
  const existing = await db.selectFrom('resources').select(['organisation_id', 'status']).where('id', '=', id).executeTakeFirst()
  if (!existing) throw notFound()
  const scope = authorizeListing(actor, existing.organisation_id)
  checkSameOrganisation(actor, existing.organisation_id, data.organisationId)
  const organisation = await organisationOf(db, scope.organisationId)
  const { reach, seat } = await validateResource(db, data, organisation.seat_commune_id)
  await db.transaction().execute(async (trx) => {
    const before = await lockForUpdate(trx, trx.selectFrom('resources').select(SERVING_COLUMNS).where('id', '=', id)).executeTakeFirstOrThrow()
    const row = { ...(await resourceRow(trx, data, reach, seat, organisation.world)), status: (data.status ?? existing.status) as ResourceStatus, updated_at: nowIso() }
    await trx.updateTable('resources').set(row).where('id', '=', id).execute()
    await resourceServingChanged(trx, before, { ...row, organisation_id: before.organisation_id })
    await reindexResources(trx, [id])
  })
}

const ORGANISATION_INDEX_KEY = 'search_organisations_indexed_at'

/**
 * The position of the actors' index in `organisations` (`updated_at`, then `id`), stored as `<updated_at> <id>`.
 * Edge case: a value written before the id was kept (a timestamp alone) reads as the start of that instant, so
 * the organisations of that instant are indexed once more, then never again.
 */
function indexPosition(value: string | undefined): { at: string; id: string } {
  if (!value) return { at: '', id: '' }
  const space = value.indexOf(' ')
  return space < 0 ? { at: value, id: '' } : { at: value.slice(0, space), id: value.slice(space + 1) }
}

/**
 * Brings the actors' full-text documents up to date: organisations changed after the stored position
 * (`updated_at`, then `id`: the index `organisations_updated_idx`) are (re)indexed, and the position moves to the
 * last one. Called before an actor search and after the demo load; one indexed read when nothing changed, and
 * only the organisations changed since when something did (many sharing one timestamp, as after a bulk import,
 * are indexed once). Edge case: an organisation written with an `updated_at` earlier than the position (another
 * process's clock behind) waits for its next change.
 */
export async function refreshActorIndex(db: Db): Promise<number> {
  const meta = await db.selectFrom('app_meta').select('value').where('key', '=', ORGANISATION_INDEX_KEY).executeTakeFirst()
  let position = indexPosition(meta?.value)
  let done = 0
  for (;;) {
    const { at, id } = position
    const rows = await db
      .selectFrom('organisations')
      .select(['id', 'name', 'description', 'world', 'seat_commune_id', 'updated_at'])
      // A row comparison, which both databases read as one range of the index: spelled as "later, or same
      // instant and greater id", a plan kept for every value (PostgreSQL's generic plan) filters the whole index.
      .where((eb) => eb(eb.refTuple('updated_at', 'id'), '>', eb.tuple(at, id)))
      .orderBy('updated_at')
      .orderBy('id')
      .limit(2000)
      .execute()
    if (rows.length === 0) break
    await indexOrganisations(db, rows)
    done += rows.length
    const last = rows[rows.length - 1] as { updated_at: string; id: string }
    position = { at: last.updated_at, id: last.id }
    if (rows.length < 2000) break
  }
  if (done > 0) {
    const value = `${position.at} ${position.id}`
    await db
      .insertInto('app_meta')
      .values({ key: ORGANISATION_INDEX_KEY, value, updated_at: nowIso() })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value, updated_at: nowIso() }))
      .execute()
  }
  return done
}
