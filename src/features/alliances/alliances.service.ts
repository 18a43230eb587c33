/**
 * Use cases of alliances: create, edit, change phase (dated in the journal); invite partners, answer an
 * invitation, change a role, state what a partner brings and expects, leave (dated, history kept); the
 * versioned charter and its signatures; contributions; the journal.
 *
 * Each use case loads what the policy needs, authorises, validates and writes in one transaction; pages and
 * the JSON API call these same functions. Rules that a schema cannot express (dates that exist and follow
 * each other, territories that exist, the last coordinator, an outdated charter version) live here.
 */
import type { Kysely, Transaction } from 'kysely'
import { isAdminOf, requireUser, type Actor } from '../../core/access/actor.js'
import { isUniqueViolation } from '../../core/db/dialect.js'
import { newId, nowIso } from '../../core/db/values.js'
import { AppError, notFound, validationError, type FieldProblem } from '../../core/errors.js'
import { notify } from '../notifications/index.js'
import { allianceInvited, charterToSign, invitationAnswered } from './alliances.notifications.js'
import { normaliseText } from '../../core/text/normalise.js'
import type { Database } from '../../database.js'
import { findOrganisation } from '../organisations/index.js'
import { listTerritoriesByIds } from '../territories/index.js'
import { findTerm } from '../vocabulary/index.js'
import {
  authorizeContribute,
  authorizeCoordinate,
  authorizePartnerAct,
  authorizeView,
  type AllianceAccess,
} from './alliances.policy.js'
import {
  countActiveCoordinators,
  findContribution,
  findJournalEntry,
  findLatestCharter,
  findPartner,
  findPartnerByOrganisation,
  unsafeFindAlliance,
  unsafeListPartnersOf,
  type AllianceScope,
} from './alliances.queries.js'
import { MEETING_FREQUENCIES, WRITABLE_JOURNAL_KINDS, type AllianceData, type NewAllianceData } from './alliances.schemas.js'
import type { ObjectiveDirection, SystemEvent } from './alliances.table.js'
import { isCalendarDate, todayInFrance } from './dates.js'
import { isContributionUnit, parseQuantity, type ContributionUnit } from './quantities.js'
import { compareTargets, goalOfTarget, isSdgTarget } from './sdg-targets.js'
import { EVERYWHERE, leverMask, sdgMask, worldMask } from './facets.js'

type Db = Kysely<Database>
type Trx = Transaction<Database>

/** SDG 17 (partnerships) is the method of every alliance: it is always among its goals. */
export const METHOD_SDG = 17

/** Loads the alliance and the actor's partner rows; 404 when the alliance does not exist. */
export async function loadAllianceAccess(db: Db | Trx, actor: Actor, allianceId: string): Promise<AllianceAccess> {
  const alliance = await unsafeFindAlliance(db, allianceId)
  if (!alliance) throw notFound()
  const own = await unsafeListPartnersOf(db, allianceId, [...actor.memberships.keys()])
  return { alliance, own }
}

function dateProblem(field: string, value: string | null | undefined, options: { required?: boolean; notFuture?: boolean; notBefore?: { date: string; message: string } } = {}): FieldProblem | null {
  if (value === null || value === undefined || value === '') return options.required ? { field, message: 'form.error.required' } : null
  if (!isCalendarDate(value)) return { field, message: 'alliances.error.date' }
  if (options.notFuture && value > todayInFrance()) return { field, message: 'alliances.error.dateFuture' }
  if (options.notBefore && value < options.notBefore.date) return { field, message: options.notBefore.message, params: { date: options.notBefore.date } }
  return null
}

function known(kind: Parameters<typeof findTerm>[0], code: string): boolean {
  return findTerm(kind, code) !== undefined
}

/** Validates and normalises an alliance's content: SDG 17 and the goals of named targets are added. */
async function validateAlliance(db: Db, data: AllianceData): Promise<AllianceData> {
  const problems: FieldProblem[] = []
  const name = data.name.trim()
  if (name.length < 2) problems.push({ field: 'name', message: 'form.error.minLength', params: { min: 2 } })
  if (!known('coconstruction_form', data.form)) problems.push({ field: 'form', message: 'alliances.error.form' })
  if (!['public', 'partners'].includes(data.visibility)) problems.push({ field: 'visibility', message: 'alliances.error.visibility' })
  for (const lever of data.levers) if (!known('lever', lever)) problems.push({ field: 'levers', message: 'alliances.error.lever' })
  if (data.sdgs.some((sdg) => !Number.isInteger(sdg) || sdg < 1 || sdg > 17)) problems.push({ field: 'sdgs', message: 'alliances.error.sdg' })
  const badTarget = data.sdgTargets.find((t) => !isSdgTarget(t))
  if (badTarget) problems.push({ field: 'sdg_targets', message: 'alliances.error.target', params: { target: badTarget } })
  const start = dateProblem('started_on', data.startedOn, { required: true })
  if (start) problems.push(start)
  const end = dateProblem('ended_on', data.endedOn, start ? {} : { notBefore: { date: data.startedOn, message: 'alliances.error.endBeforeStart' } })
  if (end) problems.push(end)
  const territoryIds = [...new Set(data.territoryIds)]
  if (territoryIds.length === 0) problems.push({ field: 'territories', message: 'alliances.error.territoriesRequired' })
  else {
    const found = await listTerritoriesByIds(db, territoryIds)
    const missing = territoryIds.find((id) => !found.some((t) => t.id === id))
    if (missing) problems.push({ field: 'territories', message: 'alliances.error.territoryUnknown', params: { q: missing } })
  }
  if (problems.length > 0) throw validationError(problems)
  const targets = [...new Set(data.sdgTargets)].sort(compareTargets)
  const sdgs = [...new Set([...data.sdgs, ...targets.map(goalOfTarget), METHOD_SDG])].sort((a, b) => a - b)
  return { ...data, name, stakes: data.stakes.trim(), description: data.description.trim(), territoryIds, sdgs, sdgTargets: targets, levers: [...new Set(data.levers)] }
}

async function writeContent(trx: Trx, allianceId: string, data: AllianceData, isNew: boolean): Promise<void> {
  if (!isNew) {
    await trx.deleteFrom('alliance_territories').where('alliance_id', '=', allianceId).execute()
    await trx.deleteFrom('alliance_sdgs').where('alliance_id', '=', allianceId).execute()
    await trx.deleteFrom('alliance_sdg_targets').where('alliance_id', '=', allianceId).execute()
    await trx.deleteFrom('alliance_levers').where('alliance_id', '=', allianceId).execute()
  }
  await trx.insertInto('alliance_territories').values(data.territoryIds.map((territory_id) => ({ alliance_id: allianceId, territory_id }))).execute()
  await trx.insertInto('alliance_sdgs').values(data.sdgs.map((sdg) => ({ alliance_id: allianceId, sdg }))).execute()
  if (data.sdgTargets.length > 0) await trx.insertInto('alliance_sdg_targets').values(data.sdgTargets.map((target) => ({ alliance_id: allianceId, target }))).execute()
  if (data.levers.length > 0) await trx.insertInto('alliance_levers').values(data.levers.map((lever) => ({ alliance_id: allianceId, lever }))).execute()
}

/**
 * Rewrites the alliance's directory rows from the rows they summarise: name, visibility, phase, form, the
 * masks of its SDGs, levers and the worlds of its active partners, one row for `france` and one per
 * territory containing its perimeter (inside the caller's transaction).
 */
export async function writeDirectoryRow(trx: Trx | Db, allianceId: string): Promise<void> {
  const [alliance, sdgs, levers, worlds, places] = await Promise.all([
    trx.selectFrom('alliances').select(['visibility', 'search_name', 'phase', 'form']).where('id', '=', allianceId).executeTakeFirst(),
    trx.selectFrom('alliance_sdgs').select('sdg').where('alliance_id', '=', allianceId).execute(),
    trx.selectFrom('alliance_levers').select('lever').where('alliance_id', '=', allianceId).execute(),
    trx
      .selectFrom('alliance_partners')
      .innerJoin('organisations', 'organisations.id', 'alliance_partners.organisation_id')
      .select('organisations.world')
      .distinct()
      .where('alliance_partners.alliance_id', '=', allianceId)
      .where('alliance_partners.status', '=', 'active')
      .execute(),
    trx
      .selectFrom('alliance_territories')
      .innerJoin('territory_closure', 'territory_closure.descendant_id', 'alliance_territories.territory_id')
      .select('territory_closure.ancestor_id')
      .distinct()
      .where('alliance_territories.alliance_id', '=', allianceId)
      .execute(),
  ])
  await trx.deleteFrom('alliance_directory').where('alliance_id', '=', allianceId).execute()
  if (!alliance) return
  const row = {
    alliance_id: allianceId,
    ...alliance,
    sdg_mask: sdgMask(sdgs.map((s) => s.sdg)),
    lever_mask: leverMask(levers.map((l) => l.lever)),
    world_mask: worldMask(worlds.map((w) => w.world)),
  }
  const scopes = [EVERYWHERE, ...new Set(places.map((p) => p.ancestor_id))]
  for (let i = 0; i < scopes.length; i += 200) {
    await trx.insertInto('alliance_directory').values(scopes.slice(i, i + 200).map((scope_id) => ({ scope_id, ...row }))).execute()
  }
}

const WORLD_MASKS_SYNCED = 'alliance_world_masks_synced_at'
const PLACES_GEOGRAPHY = 'alliance_directory_geography'

/**
 * Brings the directory's summaries up to date before it filters by world or territory:
 * - `world_mask` of alliances whose partner organisations changed (an organisation may correct its world)
 *   since the last pass;
 * - the places of every alliance in the directory when the geography was reloaded (a new official geography may
 *   merge communes or move them between intercommunalités).
 * When nothing changed this costs two indexed lookups. Idempotent, so two processes running it at once agree.
 */
export async function refreshDirectorySummaries(db: Db, needs: { worlds: boolean; places: boolean }): Promise<void> {
  if (!needs.worlds && !needs.places) return
  const [latest, meta] = await Promise.all([
    needs.worlds ? db.selectFrom('organisations').select((eb) => eb.fn.max('updated_at').as('at')).executeTakeFirst() : Promise.resolve(undefined),
    db.selectFrom('app_meta').select(['key', 'value']).where('key', 'in', [WORLD_MASKS_SYNCED, PLACES_GEOGRAPHY, 'geography_version']).execute(),
  ])
  const value = (key: string) => meta.find((m) => m.key === key)?.value
  const latestAt = latest?.at ?? null
  const synced = value(WORLD_MASKS_SYNCED)
  if (needs.worlds && latestAt !== null && (synced === undefined || latestAt > synced)) {
    await db.transaction().execute(async (trx) => {
      const stale = await trx
        .selectFrom('alliance_partners')
        .innerJoin('organisations', 'organisations.id', 'alliance_partners.organisation_id')
        .select('alliance_partners.alliance_id')
        .distinct()
        .where('organisations.updated_at', '>', synced ?? '')
        .execute()
      for (const row of stale) await writeDirectoryRow(trx, row.alliance_id)
      await setMeta(trx, WORLD_MASKS_SYNCED, latestAt)
    })
  }
  const geography = value('geography_version')
  if (needs.places && geography !== undefined && value(PLACES_GEOGRAPHY) !== geography) {
    // Every alliance's places again, from the new closure, in one statement per step.
    await db.transaction().execute(async (trx) => {
      await trx.deleteFrom('alliance_directory').where('scope_id', '!=', EVERYWHERE).execute()
      await trx
        .insertInto('alliance_directory')
        .columns(['scope_id', 'alliance_id', 'visibility', 'search_name', 'phase', 'form', 'sdg_mask', 'lever_mask', 'world_mask'])
        .expression(
          trx
            .selectFrom('alliance_territories')
            .innerJoin('territory_closure', 'territory_closure.descendant_id', 'alliance_territories.territory_id')
            .innerJoin('alliance_directory as everywhere', (join) => join.onRef('everywhere.alliance_id', '=', 'alliance_territories.alliance_id').on('everywhere.scope_id', '=', EVERYWHERE))
            .select([
              'territory_closure.ancestor_id',
              'everywhere.alliance_id',
              'everywhere.visibility',
              'everywhere.search_name',
              'everywhere.phase',
              'everywhere.form',
              'everywhere.sdg_mask',
              'everywhere.lever_mask',
              'everywhere.world_mask',
            ])
            .distinct(),
        )
        .execute()
      await setMeta(trx, PLACES_GEOGRAPHY, geography)
    })
  }
}

async function setMeta(db: Db | Trx, key: string, value: string): Promise<void> {
  const now = nowIso()
  await db
    .insertInto('app_meta')
    .values({ key, value, updated_at: now })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value, updated_at: now }))
    .execute()
}

/**
 * Records that the summaries are up to date: world masks with organisations changed until `worldsAt`, places
 * with the loaded geography (the demo loader and the benchmark write their summaries themselves).
 */
export async function markDirectorySummariesFresh(db: Db | Trx, worldsAt: string): Promise<void> {
  await setMeta(db, WORLD_MASKS_SYNCED, worldsAt)
  const geography = await db.selectFrom('app_meta').select('value').where('key', '=', 'geography_version').executeTakeFirst()
  if (geography) await setMeta(db, PLACES_GEOGRAPHY, geography.value)
}

interface JournalWrite {
  allianceId: string
  organisationId: string | null
  kind: string
  on: string
  title: string
  body?: string
  event?: SystemEvent | null
  phaseFrom?: string | null
  phaseTo?: string | null
  authorId: string | null
}

/** Writes one journal entry (inside the caller's transaction). */
async function writeJournal(trx: Trx, entry: JournalWrite): Promise<string> {
  const id = newId()
  await trx
    .insertInto('alliance_journal_entries')
    .values({
      id,
      alliance_id: entry.allianceId,
      organisation_id: entry.organisationId,
      kind: entry.kind,
      occurred_on: entry.on,
      title: entry.title,
      body: entry.body ?? '',
      phase_from: entry.phaseFrom ?? null,
      phase_to: entry.phaseTo ?? null,
      system_event: entry.event ?? null,
      author_id: entry.authorId,
      created_at: nowIso(),
    })
    .execute()
  return id
}

const phaseLabel = (code: string) => findTerm('alliance_phase', code)?.fr ?? code

async function insertInvitation(trx: Trx, allianceId: string, allianceName: string, organisationId: string, role: string, actor: Actor & { userId: string }): Promise<string> {
  const now = nowIso()
  const existing = await trx.selectFrom('alliance_partners').select(['id', 'status']).where('alliance_id', '=', allianceId).where('organisation_id', '=', organisationId).executeTakeFirst()
  let partnerId: string
  if (existing && (existing.status === 'active' || existing.status === 'invited')) throw alreadyPartner(existing.status)
  if (existing) {
    // A partner that left, or declined, may be invited again; its earlier history stays in the journal.
    partnerId = existing.id
    await trx
      .updateTable('alliance_partners')
      .set({ status: 'invited', role, invited_by: actor.userId, invited_at: now, responded_by: null, joined_on: null, left_on: null, left_reason: '', updated_at: now })
      .where('id', '=', existing.id)
      .execute()
  } else {
    partnerId = newId()
    await trx
      .insertInto('alliance_partners')
      .values({ id: partnerId, alliance_id: allianceId, organisation_id: organisationId, role, status: 'invited', brings: '', expects: '', invited_by: actor.userId, invited_at: now, responded_by: null, joined_on: null, left_on: null, left_reason: '', updated_at: now })
      .execute()
  }
  const organisation = await trx.selectFrom('organisations').select('name').where('id', '=', organisationId).executeTakeFirstOrThrow()
  // The invited organisation's admins answer from "Mon espace" (one button), or from the alliance's page.
  await notify(trx, allianceInvited, { organisationId }, { params: { inviter: actor.displayName, organisation: organisation.name, alliance: allianceName }, link: '/mon-espace', exceptUserId: actor.userId })
  return partnerId
}

function alreadyPartner(status: string): AppError {
  const key = status === 'invited' ? 'alliances.error.alreadyInvited' : 'alliances.error.alreadyPartner'
  return new AppError('ALLIANCE_ERR_ALREADY_PARTNER', key, { fields: [{ field: 'organisation_id', message: key }] })
}

async function guarded<T>(work: () => Promise<T>, onUnique: () => AppError): Promise<T> {
  try {
    return await work()
  } catch (error) {
    if (isUniqueViolation(error)) throw onUnique()
    throw error
  }
}

// --- alliance ---------------------------------------------------------------------------------------------

/**
 * Creates an alliance. The coordinating organisation must be one the actor administers; it becomes the
 * first partner, with the coordinator role. `invitedOrganisationIds` are invited at once (each admin
 * accepts); a connection that becomes an alliance passes both organisations here. Returns the new id.
 */
export async function createAlliance(db: Db, actor: Actor, input: NewAllianceData, options: { publicUrl: string }): Promise<string> {
  const user = requireUser(actor)
  const problems: FieldProblem[] = []
  if (!isAdminOf(actor, input.coordinatorOrganisationId)) problems.push({ field: 'coordinator', message: 'alliances.error.coordinator' })
  if (!known('alliance_phase', input.phase)) problems.push({ field: 'phase', message: 'alliances.error.phase' })
  const invited = [...new Set(input.invitedOrganisationIds ?? [])].filter((id) => id !== input.coordinatorOrganisationId)
  for (const organisationId of invited) {
    if (!(await findOrganisation(db, organisationId))) problems.push({ field: 'invite_organisation_ids', message: 'alliances.error.organisation' })
  }
  let data: AllianceData
  try {
    data = await validateAlliance(db, input)
  } catch (error) {
    if (error instanceof AppError && problems.length > 0) throw validationError([...problems, ...error.fields])
    throw error
  }
  if (problems.length > 0) throw validationError(problems)
  const id = newId()
  const now = nowIso()
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('alliances')
      .values({
        id,
        name: data.name,
        search_name: normaliseText(data.name),
        stakes: data.stakes,
        description: data.description,
        form: data.form,
        phase: input.phase,
        phase_since: data.startedOn,
        visibility: data.visibility,
        started_on: data.startedOn,
        ended_on: data.endedOn,
        is_demo: 0,
        created_by: user.userId,
        created_at: now,
        updated_at: now,
      })
      .execute()
    await writeContent(trx, id, data, true)
    await trx
      .insertInto('alliance_partners')
      .values({
        id: newId(),
        alliance_id: id,
        organisation_id: input.coordinatorOrganisationId,
        role: 'coordinateur',
        status: 'active',
        brings: '',
        expects: '',
        invited_by: user.userId,
        invited_at: now,
        responded_by: user.userId,
        joined_on: data.startedOn,
        left_on: null,
        left_reason: '',
        updated_at: now,
      })
      .execute()
    await writeJournal(trx, { allianceId: id, organisationId: input.coordinatorOrganisationId, kind: 'jalon', on: data.startedOn, title: `Naissance de l’alliance, en phase « ${phaseLabel(input.phase)} »`, event: 'created', phaseTo: input.phase, authorId: user.userId })
    for (const organisationId of invited) await insertInvitation(trx, id, data.name, organisationId, 'partenaire', user)
    await writeDirectoryRow(trx, id)
  })
  return id
}

/** Replaces the alliance's content (coordinators' admins only); the phase has its own, dated, use case. */
export async function updateAlliance(db: Db, actor: Actor, allianceId: string, input: AllianceData): Promise<void> {
  const access = await loadAllianceAccess(db, actor, allianceId)
  authorizeCoordinate(actor, access)
  const data = await validateAlliance(db, input)
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable('alliances')
      .set({
        name: data.name,
        search_name: normaliseText(data.name),
        stakes: data.stakes,
        description: data.description,
        form: data.form,
        visibility: data.visibility,
        started_on: data.startedOn,
        ended_on: data.endedOn,
        updated_at: nowIso(),
      })
      .where('id', '=', allianceId)
      .execute()
    await writeContent(trx, allianceId, data, false)
    await writeDirectoryRow(trx, allianceId)
  })
}

/**
 * Moves the alliance to another phase on a given day (coordinators' admins only) and writes the change in
 * the journal, with the note. Edge cases: the same phase again is refused; the day cannot be in the future
 * nor before the alliance began, nor before the current phase began.
 */
export async function changePhase(db: Db, actor: Actor, allianceId: string, input: { phase: string; on: string; note?: string }): Promise<void> {
  const access = await loadAllianceAccess(db, actor, allianceId)
  authorizeCoordinate(actor, access)
  const alliance = access.alliance
  const problems: FieldProblem[] = []
  if (!known('alliance_phase', input.phase)) problems.push({ field: 'phase', message: 'alliances.error.phase' })
  else if (input.phase === alliance.phase) problems.push({ field: 'phase', message: 'alliances.error.samePhase' })
  const floor = alliance.phase_since > alliance.started_on ? alliance.phase_since : alliance.started_on
  const day = dateProblem('on', input.on, { required: true, notFuture: true, notBefore: { date: floor, message: 'alliances.error.phaseBefore' } })
  if (day) problems.push(day)
  if (problems.length > 0) throw validationError(problems)
  const user = requireUser(actor)
  const coordinator = access.own.find((p) => p.status === 'active' && p.role === 'coordinateur' && isAdminOf(actor, p.organisation_id))
  await db.transaction().execute(async (trx) => {
    const updated = await trx
      .updateTable('alliances')
      .set({ phase: input.phase, phase_since: input.on, updated_at: nowIso() })
      .where('id', '=', allianceId)
      .where('phase', '=', alliance.phase)
      .executeTakeFirst()
    if (Number(updated.numUpdatedRows) !== 1) throw new AppError('ALLIANCE_ERR_CONFLICT', 'alliances.error.phaseRace')
    await writeDirectoryRow(trx, allianceId)
    await writeJournal(trx, {
      allianceId,
      organisationId: coordinator?.organisation_id ?? null,
      kind: 'changement_phase',
      on: input.on,
      title: `Passage de « ${phaseLabel(alliance.phase)} » à « ${phaseLabel(input.phase)} »`,
      body: (input.note ?? '').trim(),
      event: 'phase_changed',
      phaseFrom: alliance.phase,
      phaseTo: input.phase,
      authorId: user.userId,
    })
  })
}

// --- partners ---------------------------------------------------------------------------------------------

/**
 * Invites an organisation (coordinators' admins only). Its admins get a message and answer on the alliance
 * page. Inviting an organisation already invited or active is a 409 that says which; one that left or
 * declined may be invited again. Returns the partner id.
 */
export async function invitePartner(db: Db, actor: Actor, allianceId: string, input: { organisationId: string; role: string }, options: { publicUrl: string }): Promise<string> {
  const access = await loadAllianceAccess(db, actor, allianceId)
  const scope = authorizeCoordinate(actor, access)
  const user = requireUser(actor)
  const problems: FieldProblem[] = []
  const organisation = await findOrganisation(db, input.organisationId)
  if (!organisation) problems.push({ field: 'organisation_id', message: 'alliances.error.organisation' })
  if (!known('partner_role', input.role)) problems.push({ field: 'role', message: 'alliances.error.role' })
  if (problems.length > 0) throw validationError(problems)
  const existing = await findPartnerByOrganisation(db, scope, input.organisationId)
  if (existing && (existing.status === 'active' || existing.status === 'invited')) throw alreadyPartner(existing.status)
  return guarded(
    () => db.transaction().execute((trx) => insertInvitation(trx, allianceId, access.alliance.name, input.organisationId, input.role, user)),
    () => alreadyPartner('invited'),
  )
}

/**
 * Accepts or declines an invitation, for the invited organisation (its admins only). Accepting makes it an
 * active partner from today, written in the journal. Answering twice is a 409.
 */
export async function answerInvitation(db: Db, actor: Actor, allianceId: string, partnerId: string, accept: boolean): Promise<void> {
  const access = await loadAllianceAccess(db, actor, allianceId)
  // A partner row of another organisation is treated like a stranger's: 403 (or 404 when hidden).
  const target = access.own.find((p) => p.id === partnerId)
  const { scope, partner: invited } = authorizePartnerAct(actor, access, target?.organisation_id ?? '', { admin: true, statuses: ['invited', 'active', 'declined', 'left'] })
  if (invited.status !== 'invited') throw new AppError('ALLIANCE_ERR_CONFLICT', 'alliances.error.notInvited')
  const user = requireUser(actor)
  const today = todayInFrance()
  await db.transaction().execute(async (trx) => {
    const updated = await trx
      .updateTable('alliance_partners')
      .set({ status: accept ? 'active' : 'declined', responded_by: user.userId, joined_on: accept ? today : null, updated_at: nowIso() })
      .where('id', '=', partnerId)
      .where('alliance_id', '=', scope.allianceId)
      .where('status', '=', 'invited')
      .executeTakeFirst()
    if (Number(updated.numUpdatedRows) !== 1) throw new AppError('ALLIANCE_ERR_CONFLICT', 'alliances.error.notInvited')
    const organisation = await findOrganisation(trx, invited.organisation_id)
    if (accept) {
      await writeDirectoryRow(trx, allianceId)
      await writeJournal(trx, { allianceId, organisationId: invited.organisation_id, kind: 'jalon', on: today, title: `${organisation?.name ?? ''} rejoint l’alliance`, event: 'partner_joined', authorId: user.userId })
    }
    const coordinators = await trx.selectFrom('alliance_partners').select('organisation_id').where('alliance_id', '=', scope.allianceId).where('status', '=', 'active').where('role', '=', 'coordinateur').execute()
    for (const c of coordinators) {
      await notify(trx, invitationAnswered, { organisationId: c.organisation_id }, { variant: accept ? 'accepted' : 'declined', params: { organisation: organisation?.name ?? '', alliance: access.alliance.name }, link: `/alliances/${allianceId}`, exceptUserId: user.userId })
    }
  })
}

async function guardLastCoordinator(db: Db | Trx, scope: AllianceScope, partnerId: string): Promise<void> {
  const partner = await findPartner(db, scope, partnerId)
  if (!partner) throw notFound()
  if (partner.status === 'active' && partner.role === 'coordinateur' && (await countActiveCoordinators(db, scope)) <= 1) {
    throw new AppError('ALLIANCE_ERR_LAST_COORDINATOR', 'alliances.error.lastCoordinator')
  }
}

/** Changes a partner's role (coordinators' admins only); the last coordinator keeps the role (409). */
export async function changePartnerRole(db: Db, actor: Actor, allianceId: string, partnerId: string, role: string): Promise<void> {
  const access = await loadAllianceAccess(db, actor, allianceId)
  const scope = authorizeCoordinate(actor, access)
  if (!known('partner_role', role)) throw validationError([{ field: 'role', message: 'alliances.error.role' }])
  const partner = await findPartner(db, scope, partnerId)
  if (!partner) throw notFound()
  if (role !== 'coordinateur') await guardLastCoordinator(db, scope, partnerId)
  await db.updateTable('alliance_partners').set({ role, updated_at: nowIso() }).where('id', '=', partnerId).where('alliance_id', '=', scope.allianceId).execute()
}

export interface PartnerStatement {
  brings: string
  expects: string
  bringsObjectives: string[]
  expectsObjectives: string[]
}

/** A partner states what it brings and what it expects on the four objectives (its admins only). */
export async function updatePartnerStatement(db: Db, actor: Actor, allianceId: string, partnerId: string, input: PartnerStatement): Promise<void> {
  const access = await loadAllianceAccess(db, actor, allianceId)
  const target = access.own.find((p) => p.id === partnerId)
  authorizePartnerAct(actor, access, target?.organisation_id ?? '', { admin: true, statuses: ['active', 'invited'] })
  const problems: FieldProblem[] = []
  if (input.bringsObjectives.some((o) => !known('partnership_objective', o))) problems.push({ field: 'brings_objectives', message: 'alliances.error.objective' })
  if (input.expectsObjectives.some((o) => !known('partnership_objective', o))) problems.push({ field: 'expects_objectives', message: 'alliances.error.objective' })
  if (problems.length > 0) throw validationError(problems)
  await db.transaction().execute(async (trx) => {
    await trx.updateTable('alliance_partners').set({ brings: input.brings.trim(), expects: input.expects.trim(), updated_at: nowIso() }).where('id', '=', partnerId).execute()
    await trx.deleteFrom('alliance_partner_objectives').where('partner_id', '=', partnerId).execute()
    const rows = [
      ...[...new Set(input.bringsObjectives)].map((objective) => ({ partner_id: partnerId, direction: 'brings' as ObjectiveDirection, objective })),
      ...[...new Set(input.expectsObjectives)].map((objective) => ({ partner_id: partnerId, direction: 'expects' as ObjectiveDirection, objective })),
    ]
    if (rows.length > 0) await trx.insertInto('alliance_partner_objectives').values(rows).execute()
  })
}

/**
 * The organisation leaves the alliance on a given day (its admins only). Its contributions, signatures and
 * journal entries stay. The last coordinator cannot leave (409): another partner takes the role first.
 */
export async function leaveAlliance(db: Db, actor: Actor, allianceId: string, partnerId: string, input: { leftOn: string; reason?: string }): Promise<void> {
  const access = await loadAllianceAccess(db, actor, allianceId)
  const target = access.own.find((p) => p.id === partnerId)
  const { scope, partner } = authorizePartnerAct(actor, access, target?.organisation_id ?? '', { admin: true })
  const floor = partner.joined_on ?? access.alliance.started_on
  const day = dateProblem('left_on', input.leftOn, { required: true, notFuture: true, notBefore: { date: floor, message: 'alliances.error.leftBefore' } })
  if (day) throw validationError([day])
  await guardLastCoordinator(db, scope, partnerId)
  const user = requireUser(actor)
  const organisation = await findOrganisation(db, partner.organisation_id)
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable('alliance_partners')
      .set({ status: 'left', left_on: input.leftOn, left_reason: (input.reason ?? '').trim(), updated_at: nowIso() })
      .where('id', '=', partnerId)
      .where('status', '=', 'active')
      .execute()
    await writeDirectoryRow(trx, allianceId)
    await writeJournal(trx, { allianceId, organisationId: partner.organisation_id, kind: 'jalon', on: input.leftOn, title: `${organisation?.name ?? ''} quitte l’alliance`, body: (input.reason ?? '').trim(), event: 'partner_left', authorId: user.userId })
  })
}

// --- charter ----------------------------------------------------------------------------------------------

export interface CharterInput {
  principles: string
  governance: string
  meetingFrequency: string
  nextReviewOn: string
  /** organisation id → its commitments (active partners only; others are ignored) */
  commitments: Map<string, string>
}

/**
 * Saves a new version of the charter (coordinators' admins only): version n + 1, with the commitments of
 * each active partner. Signatures belong to a version, so every partner must sign the new one again.
 */
export async function saveCharter(db: Db, actor: Actor, allianceId: string, input: CharterInput): Promise<number> {
  const access = await loadAllianceAccess(db, actor, allianceId)
  const scope = authorizeCoordinate(actor, access)
  const problems: FieldProblem[] = []
  if (!(MEETING_FREQUENCIES as readonly string[]).includes(input.meetingFrequency)) problems.push({ field: 'meeting_frequency', message: 'alliances.error.frequency' })
  const review = dateProblem('next_review_on', input.nextReviewOn, { required: true, notBefore: { date: todayInFrance(), message: 'alliances.error.reviewPast' } })
  if (review) problems.push(review)
  if (problems.length > 0) throw validationError(problems)
  const user = requireUser(actor)
  const active = await db.selectFrom('alliance_partners').select('organisation_id').where('alliance_id', '=', scope.allianceId).where('status', '=', 'active').execute()
  const latest = await findLatestCharter(db, scope)
  const version = (latest?.version ?? 0) + 1
  const charterId = newId()
  await guarded(
    () =>
      db.transaction().execute(async (trx) => {
        await trx
          .insertInto('alliance_charters')
          .values({
            id: charterId,
            alliance_id: scope.allianceId,
            version,
            principles: input.principles.trim(),
            governance: input.governance.trim(),
            meeting_frequency: input.meetingFrequency,
            next_review_on: input.nextReviewOn,
            created_by: user.userId,
            created_at: nowIso(),
          })
          .execute()
        const commitments = active
          .map((p) => ({ charter_id: charterId, organisation_id: p.organisation_id, commitments: (input.commitments.get(p.organisation_id) ?? '').trim() }))
          .filter((c) => c.commitments !== '')
        if (commitments.length > 0) await trx.insertInto('alliance_charter_commitments').values(commitments).execute()
        const coordinator = access.own.find((p) => p.status === 'active' && p.role === 'coordinateur' && isAdminOf(actor, p.organisation_id))
        await writeJournal(trx, { allianceId, organisationId: coordinator?.organisation_id ?? null, kind: 'decision', on: todayInFrance(), title: `Charte : version ${version}`, event: 'charter_version', authorId: user.userId })
        const names = await trx.selectFrom('organisations').select(['id', 'name']).where('id', 'in', active.length > 0 ? active.map((p) => p.organisation_id) : ['']).execute()
        for (const p of names) {
          await notify(trx, charterToSign, { organisationId: p.id }, { params: { alliance: access.alliance.name, version, organisation: p.name }, link: `/alliances/${allianceId}/charte`, exceptUserId: user.userId })
        }
      }),
    () => new AppError('ALLIANCE_ERR_CONFLICT', 'alliances.error.charterRace'),
  )
  return version
}

/**
 * Signs the current charter version for an organisation (its admins only, active partners). Signing a
 * version that a newer one replaced is a 409 `ALLIANCE_ERR_CHARTER_OUTDATED`; signing twice is a 409.
 * Records who signed, when, and which version.
 */
export async function signCharter(db: Db, actor: Actor, allianceId: string, input: { version: number; organisationId: string }): Promise<void> {
  const access = await loadAllianceAccess(db, actor, allianceId)
  const { scope } = authorizePartnerAct(actor, access, input.organisationId, { admin: true })
  const user = requireUser(actor)
  await guarded(
    () =>
      db.transaction().execute(async (trx) => {
        const latest = await findLatestCharter(trx, scope)
        if (!latest) throw new AppError('ALLIANCE_ERR_CONFLICT', 'alliances.error.noCharter')
        if (latest.version !== input.version) {
          throw new AppError('ALLIANCE_ERR_CHARTER_OUTDATED', 'alliances.error.charterOutdated', { params: { version: input.version, current: latest.version } })
        }
        const already = await trx.selectFrom('alliance_charter_signatures').select('signed_at').where('charter_id', '=', latest.id).where('organisation_id', '=', input.organisationId).executeTakeFirst()
        if (already) throw new AppError('ALLIANCE_ERR_CONFLICT', 'alliances.error.alreadySigned', { params: { version: latest.version } })
        await trx
          .insertInto('alliance_charter_signatures')
          .values({ charter_id: latest.id, organisation_id: input.organisationId, version: latest.version, signed_by: user.userId, signer_name: actor.displayName, signed_at: nowIso() })
          .execute()
      }),
    () => new AppError('ALLIANCE_ERR_CONFLICT', 'alliances.error.alreadySigned', { params: { version: input.version } }),
  )
}

// --- contributions ----------------------------------------------------------------------------------------

export interface ContributionInput {
  organisationId: string
  contributionType: string
  unit: string
  /** the quantity as typed (`1 500,50`, `12.5`) */
  quantity: string
  contributedOn: string
  description: string
}

function validateContribution(input: ContributionInput): { hundredths: number; unit: ContributionUnit } {
  const problems: FieldProblem[] = []
  if (!known('contribution_type', input.contributionType)) problems.push({ field: 'contribution_type', message: 'alliances.error.contributionType' })
  let hundredths = 0
  if (!isContributionUnit(input.unit)) problems.push({ field: 'unit', message: 'alliances.error.unit' })
  else {
    const parsed = parseQuantity(input.quantity, input.unit)
    if (parsed.ok) hundredths = parsed.hundredths
    else problems.push({ field: 'quantity', message: `alliances.error.quantity.${parsed.problem}` })
  }
  const day = dateProblem('contributed_on', input.contributedOn, { required: true, notFuture: true })
  if (day) problems.push(day)
  if (problems.length > 0) throw validationError(problems)
  return { hundredths, unit: input.unit as ContributionUnit }
}

/** Records a contribution of one of the actor's partner organisations (any member of it). Returns its id. */
export async function addContribution(db: Db, actor: Actor, allianceId: string, input: ContributionInput): Promise<string> {
  const access = await loadAllianceAccess(db, actor, allianceId)
  authorizeContribute(actor, access)
  const { partner } = authorizePartnerAct(actor, access, input.organisationId, { admin: false })
  const { hundredths, unit } = validateContribution(input)
  const user = requireUser(actor)
  const id = newId()
  const now = nowIso()
  await db
    .insertInto('alliance_contributions')
    .values({
      id,
      alliance_id: allianceId,
      partner_id: partner.id,
      organisation_id: input.organisationId,
      contribution_type: input.contributionType,
      unit,
      quantity_hundredths: hundredths,
      contributed_on: input.contributedOn,
      description: input.description.trim(),
      created_by: user.userId,
      created_at: now,
      updated_by: null,
      updated_at: now,
    })
    .execute()
  return id
}

/**
 * Corrects a contribution: only members of the organisation that gave it (403 for other partners, whatever
 * their role). The giving organisation cannot be changed.
 */
export async function updateContribution(db: Db, actor: Actor, allianceId: string, contributionId: string, input: Omit<ContributionInput, 'organisationId'>): Promise<void> {
  const access = await loadAllianceAccess(db, actor, allianceId)
  const { contribution } = await authorizeContributionEdit(db, actor, access, contributionId)
  const { hundredths, unit } = validateContribution({ ...input, organisationId: contribution.organisation_id })
  const user = requireUser(actor)
  await db
    .updateTable('alliance_contributions')
    .set({ contribution_type: input.contributionType, unit, quantity_hundredths: hundredths, contributed_on: input.contributedOn, description: input.description.trim(), updated_by: user.userId, updated_at: nowIso() })
    .where('id', '=', contributionId)
    .where('alliance_id', '=', allianceId)
    .execute()
}

/**
 * Deletes a contribution recorded by mistake: the same people as a correction (members of the organisation
 * that gave it). Totals follow at once; nothing else refers to a contribution.
 */
export async function deleteContribution(db: Db, actor: Actor, allianceId: string, contributionId: string): Promise<void> {
  const access = await loadAllianceAccess(db, actor, allianceId)
  await authorizeContributionEdit(db, actor, access, contributionId)
  await db.deleteFrom('alliance_contributions').where('id', '=', contributionId).where('alliance_id', '=', allianceId).execute()
}

/** The contribution, when the actor may edit it (404 when unseen or missing, 403 when another partner's). */
export async function authorizeContributionEdit(db: Db, actor: Actor, access: AllianceAccess, contributionId: string) {
  requireUser(actor)
  const scope = authorizeView(actor, access)
  const contribution = await findContribution(db, scope, contributionId)
  if (!contribution) throw notFound()
  authorizePartnerAct(actor, access, contribution.organisation_id, { admin: false, statuses: ['active', 'left'] })
  return { contribution, scope }
}

// --- journal ----------------------------------------------------------------------------------------------

export interface JournalInput {
  organisationId: string
  kind: string
  occurredOn: string
  title: string
  body: string
}

/** The problems of a journal entry's fields (kind written by partners, a real date, a title). */
function validateJournalEntry(input: Omit<JournalInput, 'organisationId'>): void {
  const problems: FieldProblem[] = []
  if (!WRITABLE_JOURNAL_KINDS.includes(input.kind)) problems.push({ field: 'kind', message: 'alliances.error.journalKind' })
  const day = dateProblem('occurred_on', input.occurredOn, { required: true })
  if (day) problems.push(day)
  if (input.title.trim().length < 2) problems.push({ field: 'title', message: 'form.error.minLength', params: { min: 2 } })
  if (problems.length > 0) throw validationError(problems)
}

/** Writes a journal entry on behalf of one of the actor's partner organisations (any member). Returns its id. */
export async function addJournalEntry(db: Db, actor: Actor, allianceId: string, input: JournalInput): Promise<string> {
  const access = await loadAllianceAccess(db, actor, allianceId)
  authorizeContribute(actor, access)
  authorizePartnerAct(actor, access, input.organisationId, { admin: false })
  validateJournalEntry(input)
  const user = requireUser(actor)
  return db.transaction().execute((trx) =>
    writeJournal(trx, { allianceId, organisationId: input.organisationId, kind: input.kind, on: input.occurredOn, title: input.title.trim(), body: input.body.trim(), authorId: user.userId }),
  )
}

/**
 * The journal entry, when the actor may correct it: an entry written by a partner (not one the platform wrote:
 * creation, phase changes, arrivals and departures, charter versions — 403), by members of the organisation it
 * was written for (403 for others, 404 when unseen or missing).
 */
export async function authorizeJournalEdit(db: Db, actor: Actor, access: AllianceAccess, entryId: string) {
  requireUser(actor)
  const scope = authorizeView(actor, access)
  const entry = await findJournalEntry(db, scope, entryId)
  if (!entry) throw notFound()
  if (entry.system_event !== null || entry.organisation_id === null) throw new AppError('ALLIANCE_ERR_FORBIDDEN', 'alliances.error.systemEntry')
  authorizePartnerAct(actor, access, entry.organisation_id, { admin: false, statuses: ['active', 'left'] })
  return { entry, scope }
}

/** Corrects a journal entry written by a partner (see `authorizeJournalEdit`); the organisation stays. */
export async function updateJournalEntry(db: Db, actor: Actor, allianceId: string, entryId: string, input: Omit<JournalInput, 'organisationId'>): Promise<void> {
  const access = await loadAllianceAccess(db, actor, allianceId)
  await authorizeJournalEdit(db, actor, access, entryId)
  validateJournalEntry(input)
  await db
    .updateTable('alliance_journal_entries')
    .set({ kind: input.kind, occurred_on: input.occurredOn, title: input.title.trim(), body: input.body.trim() })
    .where('id', '=', entryId)
    .where('alliance_id', '=', allianceId)
    .execute()
}
