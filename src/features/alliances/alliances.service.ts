/**
 * Use cases of the alliance itself: create it (its first partner, its birth in the journal, invitations, where it
 * comes from — in one transaction), edit its content, change its phase (dated in the journal). Partners,
 * charter, contributions and the journal have their own services.
 *
 * Each use case loads what the policy needs, authorises, validates every field at once and writes in one
 * transaction; pages and the JSON API call these same functions. Rules that a schema cannot express (dates
 * that exist and follow each other, territories that exist, SDG targets) live here.
 */
import type { Kysely, Transaction } from 'kysely'
import { isAdminOf, requireUser, type Actor } from '../../core/access/actor.js'
import { newId, nowIso } from '../../core/db/values.js'
import { AppError, validationError, type FieldProblem } from '../../core/errors.js'
import { normaliseText } from '../../core/text/normalise.js'
import type { Database } from '../../database.js'
import { findOrganisation } from '../organisations/index.js'
import { listTerritoriesByIds } from '../territories/index.js'
import { loadAllianceAccess } from './alliances.access.js'
import { authorizeActingFor, authorizeCoordinate, type AllianceAccess } from './alliances.policy.js'
import { dateProblem, known } from './alliances.rules.js'
import type { AllianceData, NewAllianceData } from './alliances.schemas.js'
import { writeDirectoryRow } from './directory.service.js'
import { SYSTEM_EVENT_KEYS, writeJournal } from './journal.service.js'
import { insertInvitation } from './partners.service.js'
import { compareTargets, goalOfTarget, isSdgTarget } from './sdg-targets.js'

type Db = Kysely<Database>
type Trx = Transaction<Database>

/** SDG 17 (partnerships) is the method of every alliance: it is always among its goals. */
export const METHOD_SDG = 17

/** Every problem of an alliance's content (besides what the schemas check): codes, days, targets, territories. */
async function allianceProblems(db: Db, data: AllianceData): Promise<FieldProblem[]> {
  const problems: FieldProblem[] = []
  if (data.name.trim().length < 2) problems.push({ field: 'name', message: 'form.error.minLength', params: { min: 2 } })
  if (!known('coconstruction_form', data.form)) problems.push({ field: 'form', message: 'alliances.error.form' })
  if (!['public', 'partners'].includes(data.visibility)) problems.push({ field: 'visibility', message: 'alliances.error.visibility' })
  if (data.levers.some((lever) => !known('lever', lever))) problems.push({ field: 'levers', message: 'alliances.error.lever' })
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
  return problems
}

/** The content as stored: trimmed, without repeats, targets in order, SDG 17 and the goals of named targets added. */
function normalised(data: AllianceData): AllianceData {
  const targets = [...new Set(data.sdgTargets)].sort(compareTargets)
  const sdgs = [...new Set([...data.sdgs, ...targets.map(goalOfTarget), METHOD_SDG])].sort((a, b) => a - b)
  return { ...data, name: data.name.trim(), stakes: data.stakes.trim(), description: data.description.trim(), territoryIds: [...new Set(data.territoryIds)], sdgs, sdgTargets: targets, levers: [...new Set(data.levers)] }
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
 * Creates an alliance and returns its id. The coordinating organisation must be one the actor administers (once
 * the input is valid: 404 when it is not one of the actor's organisations, 403 when they are a member without
 * the admin role); it becomes the first partner, with the coordinator role. `invitedOrganisationIds` are
 * invited at once (each one's admins accept). `origin` says where the alliance comes from (a mise en relation,
 * a practice sheet): a milestone of its first day in the journal. Everything — the alliance, its birth and its
 * origin in the journal, the invitations and their messages — is written in one transaction.
 */
export async function createAlliance(db: Db, actor: Actor, input: NewAllianceData): Promise<string> {
  const user = requireUser(actor)
  const problems: FieldProblem[] = []
  if (!known('alliance_phase', input.phase)) problems.push({ field: 'phase', message: 'alliances.error.phase' })
  const invited = [...new Set(input.invitedOrganisationIds ?? [])].filter((id) => id !== input.coordinatorOrganisationId)
  for (const organisationId of invited) {
    if (!(await findOrganisation(db, organisationId))) {
      problems.push({ field: 'invite_organisation_ids', message: 'alliances.error.organisation' })
      break
    }
  }
  const origin = input.origin
  if (origin && typeof origin.title === 'string' && (origin.title.trim().length < 2 || origin.title.trim().length > 200)) problems.push({ field: 'origin', message: 'form.error.invalid' })
  problems.push(...(await allianceProblems(db, input)))
  if (problems.length > 0) throw validationError(problems)
  authorizeActingFor(actor, input.coordinatorOrganisationId, { admin: true })
  const data = normalised(input)
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
    const journal = { allianceId: id, organisationId: input.coordinatorOrganisationId, kind: 'jalon', on: data.startedOn, authorId: user.userId }
    await writeJournal(trx, { ...journal, title: { key: SYSTEM_EVENT_KEYS.created }, event: 'created', phaseTo: input.phase })
    if (origin) await writeJournal(trx, { ...journal, title: origin.title, body: origin.body ?? '' })
    for (const organisationId of invited) await insertInvitation(trx, { id, name: data.name }, organisationId, 'partenaire', user)
    await writeDirectoryRow(trx, id)
  })
  return id
}

/** What a phase change says: the new phase, its day, a note for the journal. */
export interface PhaseChange {
  phase: string
  on: string
  note?: string
}

/** The problems of a phase change (a known, different phase; a day between the current phase's start and today). */
function phaseProblems(alliance: AllianceAccess['alliance'], input: PhaseChange): FieldProblem[] {
  const problems: FieldProblem[] = []
  if (!known('alliance_phase', input.phase)) problems.push({ field: 'phase', message: 'alliances.error.phase' })
  else if (input.phase === alliance.phase) problems.push({ field: 'phase', message: 'alliances.error.samePhase' })
  const floor = alliance.phase_since > alliance.started_on ? alliance.phase_since : alliance.started_on
  const day = dateProblem('on', input.on, { required: true, notFuture: true, notBefore: { date: floor, message: 'alliances.error.phaseBefore' } })
  if (day) problems.push(day)
  return problems
}

async function writeContentChange(trx: Trx, allianceId: string, data: AllianceData): Promise<void> {
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
}

/** Moves the phase if it is still the one read (409 otherwise: someone changed it meanwhile) and dates it in the journal. */
async function writePhaseChange(trx: Trx, actor: Actor & { userId: string }, access: AllianceAccess, input: PhaseChange): Promise<void> {
  const alliance = access.alliance
  const updated = await trx
    .updateTable('alliances')
    .set({ phase: input.phase, phase_since: input.on, updated_at: nowIso() })
    .where('id', '=', alliance.id)
    .where('phase', '=', alliance.phase)
    .executeTakeFirst()
  if (Number(updated.numUpdatedRows) !== 1) throw new AppError('ALLIANCE_ERR_CONFLICT', 'alliances.error.phaseRace')
  const coordinator = access.own.find((p) => p.status === 'active' && p.role === 'coordinateur' && isAdminOf(actor, p.organisation_id))
  await writeJournal(trx, {
    allianceId: alliance.id,
    organisationId: coordinator?.organisation_id ?? null,
    kind: 'changement_phase',
    on: input.on,
    title: { key: SYSTEM_EVENT_KEYS.phase_changed },
    body: input.note ?? '',
    event: 'phase_changed',
    phaseFrom: alliance.phase,
    phaseTo: input.phase,
    authorId: actor.userId,
  })
}

/**
 * Changes an alliance (coordinators' admins only): its content, its phase (dated in the journal), or both — every
 * problem of both reported at once, both written in one transaction (never the content without the phase).
 * Edge cases of the phase: the same phase again is refused; the day cannot be in the future nor before the
 * current phase began; two changes at once: one is a 409.
 */
export async function changeAlliance(db: Db, actor: Actor, allianceId: string, input: { content?: AllianceData; phase?: PhaseChange }): Promise<void> {
  const access = await loadAllianceAccess(db, actor, allianceId)
  authorizeCoordinate(actor, access)
  const user = requireUser(actor)
  const problems = [...(input.content ? await allianceProblems(db, input.content) : []), ...(input.phase ? phaseProblems(access.alliance, input.phase) : [])]
  if (problems.length > 0) throw validationError(problems)
  const content = input.content ? normalised(input.content) : null
  const phase = input.phase
  if (!content && !phase) return
  await db.transaction().execute(async (trx) => {
    if (content) await writeContentChange(trx, allianceId, content)
    if (phase) await writePhaseChange(trx, user, access, phase)
    await writeDirectoryRow(trx, allianceId)
  })
}

/** Replaces the alliance's content (coordinators' admins only); the phase has its own, dated, use case. */
export async function updateAlliance(db: Db, actor: Actor, allianceId: string, input: AllianceData): Promise<void> {
  await changeAlliance(db, actor, allianceId, { content: input })
}

/** Moves the alliance to another phase on a given day (coordinators' admins only), dated in the journal. */
export async function changePhase(db: Db, actor: Actor, allianceId: string, input: PhaseChange): Promise<void> {
  await changeAlliance(db, actor, allianceId, { phase: input })
}
