/**
 * Use cases of places (lieux): the members of an organisation declare a place it manages (kind, address in a
 * commune, accessibility, capacity, services, opening hours), edit it, and may offer it to the territory —
 * the place then becomes a listening resource of the type « mise à disposition d'un lieu », created and kept
 * through listening's own service, so that it appears in matching like any other resource. Withdrawing the
 * offer closes that resource.
 */
import type { Kysely } from 'kysely'
import type { Actor } from '../../../core/access/actor.js'
import { newId, nowIso } from '../../../core/db/values.js'
import { notFound, validationError, type FieldProblem } from '../../../core/errors.js'
import { normaliseText } from '../../../core/text/normalise.js'
import type { Database } from '../../../database.js'
import { createResource, updateResource, type ResourceData } from '../../listening/index.js'
import { authorizeActFor, authorizePlaceEdit } from '../catalysis.policy.js'
import type { CatalysisPlacesTable } from '../catalysis.table.js'
import { checkTerritories, levelColumns } from '../territory-scope.js'
import { ACCESSIBILITY, DAYS, PLACE_KINDS, SERVICES, parseDayHours, type Day } from './places.codes.js'

type Db = Kysely<Database>

/** A place's content (the commune resolved to its id). */
export interface PlaceData {
  name: string
  kind: string
  description: string
  address: string
  communeId: string
  capacity: number | null
  accessibility: string[]
  services: string[]
  openingHours: Partial<Record<Day, string>>
  website: string | null
}

/** Loads a place; 404 when it does not exist. */
export async function loadPlace(db: Db, id: string): Promise<CatalysisPlacesTable> {
  const place = await db.selectFrom('catalysis_places').selectAll().where('id', '=', id).executeTakeFirst()
  if (!place) throw notFound()
  return place
}

async function validatePlace(db: Db, data: PlaceData, extra: FieldProblem[]) {
  const problems = [...extra]
  const name = data.name.trim()
  if (name.length < 3) problems.push({ field: 'name', message: 'form.error.minLength', params: { min: 3 } })
  if (!(PLACE_KINDS as readonly string[]).includes(data.kind)) problems.push({ field: 'kind', message: 'catalysis.error.placeKind' })
  if (data.address.trim().length < 5) problems.push({ field: 'address', message: 'form.error.minLength', params: { min: 5 } })
  if (!problems.some((p) => p.field === 'commune')) {
    const { territories, problem } = await checkTerritories(db, [data.communeId], 'commune')
    if (problem) problems.push({ field: 'commune', message: 'catalysis.error.communeUnknown', params: { q: data.communeId } })
    else if (territories[0]?.kind !== 'commune') problems.push({ field: 'commune', message: 'catalysis.error.communeRequired' })
  }
  if (data.capacity !== null && (!Number.isInteger(data.capacity) || data.capacity < 1 || data.capacity > 100_000)) problems.push({ field: 'capacity', message: 'catalysis.error.placeCapacity' })
  if (data.accessibility.some((a) => !(ACCESSIBILITY as readonly string[]).includes(a))) problems.push({ field: 'accessibility', message: 'form.error.invalid' })
  if (data.services.some((s) => !(SERVICES as readonly string[]).includes(s))) problems.push({ field: 'services', message: 'form.error.invalid' })
  const hours: Partial<Record<Day, string>> = {}
  for (const day of DAYS) {
    const text = data.openingHours[day]
    if (text === undefined || text.trim() === '') continue
    const parsed = parseDayHours(text)
    if (parsed === null) problems.push({ field: `hours_${day}`, message: 'catalysis.error.hoursFormat' })
    else hours[day] = parsed
  }
  if (data.website !== null && !/^https?:\/\/[^\s]+\.[^\s]+$/.test(data.website)) problems.push({ field: 'website', message: 'catalysis.error.url' })
  if (problems.length > 0) throw validationError(problems)
  return {
    name,
    search_name: normaliseText(name),
    kind: data.kind,
    description: data.description.trim(),
    address: data.address.trim(),
    commune_id: data.communeId,
    ...(await levelColumns(db, data.communeId)),
    capacity: data.capacity,
    accessibility: [...new Set(data.accessibility)].join(','),
    services: [...new Set(data.services)].join(','),
    opening_hours: JSON.stringify(hours),
    website: data.website,
  }
}

/** Declares a place managed by `organisationId` (its members; another organisation 404). Returns its id. */
export async function createPlace(db: Db, actor: Actor, organisationId: string, data: PlaceData, problems: FieldProblem[] = []): Promise<string> {
  authorizeActFor(actor, organisationId, { admin: false, field: 'organisation_id' })
  const row = await validatePlace(db, data, problems)
  const id = newId()
  const now = nowIso()
  await db.insertInto('catalysis_places').values({ id, organisation_id: organisationId, ...row, resource_id: null, is_demo: 0, created_by: actor.userId, created_at: now, updated_at: now }).execute()
  return id
}

/** Edits a place (its organisation's members; others 403). An offered place's resource follows. */
export async function updatePlace(db: Db, actor: Actor, id: string, data: PlaceData, problems: FieldProblem[] = []): Promise<void> {
  const place = await loadPlace(db, id)
  authorizePlaceEdit(actor, place)
  const row = await validatePlace(db, data, problems)
  await db.updateTable('catalysis_places').set({ ...row, updated_at: nowIso() }).where('id', '=', id).execute()
  if (place.resource_id) {
    const resource = await db.selectFrom('resources').select('status').where('id', '=', place.resource_id).executeTakeFirst()
    if (resource) await updateResource(db, actor, place.resource_id, await resourceData(db, { ...place, ...row }, resource.status))
  }
}

/** The listening resource that offers a place: « mise à disposition d'un lieu », reaching its département. */
async function resourceData(db: Db, place: Pick<CatalysisPlacesTable, 'organisation_id' | 'name' | 'description' | 'address' | 'commune_id' | 'capacity' | 'terr_departement_id'>, status: string): Promise<ResourceData> {
  const commune = await db.selectFrom('territories').select('name').where('id', '=', place.commune_id).executeTakeFirstOrThrow()
  const description = place.description.length >= 10 ? place.description : `${place.name} — ${place.address}, ${commune.name}.`
  return {
    organisationId: place.organisation_id,
    kind: 'ressource',
    title: `Mise à disposition : ${place.name}`.slice(0, 200),
    description: description.slice(0, 5000),
    contributionType: 'lieu',
    amountMinCents: null,
    amountMaxCents: null,
    hours: null,
    people: place.capacity,
    skills: null,
    items: null,
    place: `${place.address}, ${commune.name}`.slice(0, 500),
    domains: [],
    sdgs: [11, 17],
    reachTerritoryId: place.terr_departement_id,
    availableFrom: null,
    availableUntil: null,
    status,
  }
}

/**
 * Offers the place to the territory (its organisation's members): creates its listening resource, or makes
 * the existing one available again. Returns the resource's id.
 */
export async function offerPlace(db: Db, actor: Actor, id: string): Promise<string> {
  const place = await loadPlace(db, id)
  authorizePlaceEdit(actor, place)
  if (place.resource_id) {
    const existing = await db.selectFrom('resources').select('id').where('id', '=', place.resource_id).executeTakeFirst()
    if (existing) {
      await updateResource(db, actor, existing.id, await resourceData(db, place, 'disponible'))
      return existing.id
    }
  }
  const resourceId = await createResource(db, actor, await resourceData(db, place, 'disponible'))
  await db.updateTable('catalysis_places').set({ resource_id: resourceId, updated_at: nowIso() }).where('id', '=', id).execute()
  return resourceId
}

/** Withdraws the offer: the place's resource is closed (kept, with its history of connections). */
export async function withdrawPlaceOffer(db: Db, actor: Actor, id: string): Promise<void> {
  const place = await loadPlace(db, id)
  authorizePlaceEdit(actor, place)
  if (!place.resource_id) return
  const existing = await db.selectFrom('resources').select('id').where('id', '=', place.resource_id).executeTakeFirst()
  if (existing) await updateResource(db, actor, existing.id, await resourceData(db, place, 'close'))
}
