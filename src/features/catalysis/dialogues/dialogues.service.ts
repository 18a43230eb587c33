/**
 * Governance dialogues (dialogues de gouvernance): a structured process run by a space's team on a territory
 * (or with one organisation), over several sessions (meetings linked to it), with participating
 * organisations of several worlds. Participants build a shared diagnosis — fragilities, assets and
 * specificities, each raised by one of them, tagged by domain and SDGs, prioritised, with each
 * organisation's view (importance 1–4 and a comment) so that the worlds' views read side by side.
 */
import type { Kysely } from 'kysely'
import type { Actor } from '../../../core/access/actor.js'
import { newId, nowIso } from '../../../core/db/values.js'
import { notFound, validationError, type FieldProblem } from '../../../core/errors.js'
import type { Database } from '../../../database.js'
import { codesOf } from '../../vocabulary/index.js'
import { authorizeParticipantAct, authorizeRunDialogue, authorizeSpaceTeam, type DialogueAccess } from '../catalysis.policy.js'
import type { FindingKind, Priority } from '../catalysis.table.js'
import { isCalendarDate } from '../../../core/time/calendar.js'
import { findSpaceAccess } from '../spaces/spaces.queries.js'
import { loadSpace } from '../spaces/spaces.service.js'
import { checkTerritories } from '../territory-scope.js'

type Db = Kysely<Database>

export const FINDING_KINDS: readonly FindingKind[] = ['fragilite', 'atout', 'specificite']
export const PRIORITIES: readonly Priority[] = ['haute', 'moyenne', 'basse']

/** Loads a dialogue with its space and participants; 404 when it does not exist. */
export async function loadDialogue(db: Db, id: string): Promise<DialogueAccess> {
  const dialogue = await db.selectFrom('catalysis_dialogues').selectAll().where('id', '=', id).executeTakeFirst()
  if (!dialogue) throw notFound()
  const [space, participants, result] = await Promise.all([
    findSpaceAccess(db, dialogue.space_id),
    db.selectFrom('catalysis_dialogue_participants').selectAll().where('dialogue_id', '=', id).orderBy('created_at').execute(),
    db.selectFrom('catalysis_maturity_results').select('published_at').where('dialogue_id', '=', id).executeTakeFirst(),
  ])
  if (!space) throw notFound()
  return { dialogue, space, participants, published: result?.published_at != null }
}

export interface DialogueData {
  title: string
  purpose: string
  /** the territory of the dialogue, or null for a dialogue with one organisation */
  territoryId: string | null
  subjectOrganisationId: string | null
  startedOn: string
  participantIds: string[]
}

async function validateDialogue(db: Db, data: DialogueData, extra: FieldProblem[]) {
  const problems = [...extra]
  if (data.title.trim().length < 3) problems.push({ field: 'title', message: 'form.error.minLength', params: { min: 3 } })
  if (!isCalendarDate(data.startedOn)) problems.push({ field: 'started_on', message: 'catalysis.error.date' })
  if (data.territoryId === null && data.subjectOrganisationId === null && !problems.some((p) => p.field === 'territory')) problems.push({ field: 'territory', message: 'catalysis.error.dialogueSubject' })
  if (data.territoryId !== null) {
    const { problem } = await checkTerritories(db, [data.territoryId], 'territory')
    if (problem) problems.push(problem)
  }
  const ids = [...new Set([...data.participantIds, ...(data.subjectOrganisationId ? [data.subjectOrganisationId] : [])])]
  const found = ids.length ? await db.selectFrom('organisations').select(['id', 'world']).where('id', 'in', ids).execute() : []
  if (found.length !== ids.length) problems.push({ field: 'participant_ids', message: 'catalysis.error.organisationUnknown' })
  if (problems.length > 0) throw validationError(problems)
  return found
}

/** Opens a dialogue in a space (its team; others 403). Participants are organisations of any world. */
export async function createDialogue(db: Db, actor: Actor, spaceId: string, data: DialogueData, problems: FieldProblem[] = []): Promise<string> {
  const space = await loadSpace(db, spaceId)
  authorizeSpaceTeam(actor, space)
  const participants = await validateDialogue(db, data, problems)
  const id = newId()
  const now = nowIso()
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('catalysis_dialogues')
      .values({ id, space_id: spaceId, title: data.title.trim(), purpose: data.purpose.trim(), territory_id: data.territoryId, subject_organisation_id: data.subjectOrganisationId, status: 'en_cours', started_on: data.startedOn, closed_on: null, questionnaire_id: null, campaign_id: null, is_demo: 0, created_by: actor.userId, created_at: now, updated_at: now })
      .execute()
    if (participants.length > 0) {
      await trx.insertInto('catalysis_dialogue_participants').values(participants.map((p) => ({ dialogue_id: id, organisation_id: p.id, world: p.world, consent: null, consent_at: null, consent_by: null, created_at: now }))).execute()
    }
  })
  return id
}

/** Adds participating organisations (the team); those already in are skipped. Returns how many were added. */
export async function addParticipants(db: Db, actor: Actor, dialogueId: string, organisationIds: string[]): Promise<number> {
  const access = await loadDialogue(db, dialogueId)
  authorizeRunDialogue(actor, access)
  const ids = [...new Set(organisationIds)].filter((id) => !access.participants.some((p) => p.organisation_id === id))
  if (organisationIds.length === 0) throw validationError([{ field: 'organisation_ids', message: 'form.error.required' }])
  const found = ids.length ? await db.selectFrom('organisations').select(['id', 'world']).where('id', 'in', ids).execute() : []
  if (found.length !== ids.length) throw validationError([{ field: 'organisation_ids', message: 'catalysis.error.organisationUnknown' }])
  if (found.length === 0) return 0
  const now = nowIso()
  await db.insertInto('catalysis_dialogue_participants').values(found.map((p) => ({ dialogue_id: dialogueId, organisation_id: p.id, world: p.world, consent: null, consent_at: null, consent_by: null, created_at: now }))).execute()
  return found.length
}

/** Closes the dialogue (the team); its diagnosis and result stay. */
export async function closeDialogue(db: Db, actor: Actor, dialogueId: string, closedOn: string): Promise<void> {
  const access = await loadDialogue(db, dialogueId)
  authorizeRunDialogue(actor, access)
  if (!isCalendarDate(closedOn)) throw validationError([{ field: 'closed_on', message: 'catalysis.error.date' }])
  if (closedOn < access.dialogue.started_on) throw validationError([{ field: 'closed_on', message: 'catalysis.error.endBeforeStart' }])
  await db.updateTable('catalysis_dialogues').set({ status: 'clos', closed_on: closedOn, updated_at: nowIso() }).where('id', '=', dialogueId).execute()
}

export interface FindingData {
  organisationId: string
  kind: string
  title: string
  description: string
  domain: string
  sdgs: number[]
  priority: string
}

function findingProblems(data: Omit<FindingData, 'organisationId'>): FieldProblem[] {
  const problems: FieldProblem[] = []
  if (!(FINDING_KINDS as readonly string[]).includes(data.kind)) problems.push({ field: 'kind', message: 'catalysis.error.findingKind' })
  if (data.title.trim().length < 3) problems.push({ field: 'title', message: 'form.error.minLength', params: { min: 3 } })
  if (!codesOf('domain').includes(data.domain)) problems.push({ field: 'domain', message: 'catalysis.error.domain' })
  if (data.sdgs.some((s) => !Number.isInteger(s) || s < 1 || s > 17)) problems.push({ field: 'sdgs', message: 'catalysis.error.sdg' })
  if (!(PRIORITIES as readonly string[]).includes(data.priority)) problems.push({ field: 'priority', message: 'catalysis.error.priority' })
  return problems
}

const maskOf = (sdgs: number[]) => [...new Set(sdgs)].reduce((m, s) => m | (1 << (s - 1)), 0)

/** Raises a fragility, asset or specificity for a participating organisation (its members). Returns its id. */
export async function raiseFinding(db: Db, actor: Actor, dialogueId: string, data: FindingData): Promise<string> {
  const access = await loadDialogue(db, dialogueId)
  const participant = authorizeParticipantAct(actor, access, data.organisationId, { admin: false })
  const problems = findingProblems(data)
  if (problems.length > 0) throw validationError(problems)
  const id = newId()
  const now = nowIso()
  await db
    .insertInto('catalysis_findings')
    .values({ id, dialogue_id: dialogueId, kind: data.kind as FindingKind, title: data.title.trim(), description: data.description.trim(), domain: data.domain, sdg_mask: maskOf(data.sdgs), priority: data.priority as Priority, organisation_id: participant.organisation_id, world: participant.world, created_by: actor.userId, created_at: now, updated_at: now })
    .execute()
  return id
}

/** Sets a finding's priority (the dialogue's team: prioritising is the animators' synthesis). */
export async function prioritiseFinding(db: Db, actor: Actor, dialogueId: string, findingId: string, priority: string): Promise<void> {
  const access = await loadDialogue(db, dialogueId)
  authorizeRunDialogue(actor, access)
  const finding = await db.selectFrom('catalysis_findings').select('id').where('id', '=', findingId).where('dialogue_id', '=', dialogueId).executeTakeFirst()
  if (!finding) throw notFound()
  if (!(PRIORITIES as readonly string[]).includes(priority)) throw validationError([{ field: 'priority', message: 'catalysis.error.priority' }])
  await db.updateTable('catalysis_findings').set({ priority: priority as Priority, updated_at: nowIso() }).where('id', '=', findingId).execute()
}

/** Gives (or changes) a participating organisation's view of a finding: importance 1–4 and a comment. */
export async function giveView(db: Db, actor: Actor, dialogueId: string, findingId: string, input: { organisationId: string; importance: number; comment: string }): Promise<void> {
  const access = await loadDialogue(db, dialogueId)
  const participant = authorizeParticipantAct(actor, access, input.organisationId, { admin: false })
  const finding = await db.selectFrom('catalysis_findings').select('id').where('id', '=', findingId).where('dialogue_id', '=', dialogueId).executeTakeFirst()
  if (!finding) throw notFound()
  if (!Number.isInteger(input.importance) || input.importance < 1 || input.importance > 4) throw validationError([{ field: 'importance', message: 'catalysis.error.importance' }])
  const row = { finding_id: findingId, organisation_id: participant.organisation_id, world: participant.world, importance: input.importance, comment: input.comment.trim(), created_by: actor.userId, updated_at: nowIso() }
  await db
    .insertInto('catalysis_finding_views')
    .values(row)
    .onConflict((oc) => oc.columns(['finding_id', 'organisation_id']).doUpdateSet({ importance: row.importance, comment: row.comment, created_by: row.created_by, updated_at: row.updated_at }))
    .execute()
}
