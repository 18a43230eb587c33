/**
 * The maturity self-diagnosis of a dialogue and the grid that scores it.
 *
 * - The grid: version 1 is `DEFAULT_GRID`, written on first use; platform admins save new versions (each
 *   checked: ranges from 0 to 100 without overlap or gap). Results name the version they used.
 * - Launching: the team creates, through the surveys module, a questionnaire from its « acteurs » template
 *   (which ranks the three levers) completed with the grid's four questions, and a campaign answered by
 *   signed-in people on the dialogue's territory.
 * - Computing: the submitted answers are scored with the current grid into a level; the participating
 *   organisations' admins are asked whether to publish it.
 * - Publishing: the result is public only once every participating organisation agreed; one refusal keeps it
 *   private (a later agreement of all publishes it).
 */
import type { Kysely } from 'kysely'
import type { Actor } from '../../../core/access/actor.js'
import { nowIso } from '../../../core/db/values.js'
import { AppError, validationError } from '../../../core/errors.js'
import type { Database } from '../../../database.js'
import { addQuestionTo, createCampaign, createQuestionnaire, saveQuestion } from '../../surveys/index.js'
import { codesOf } from '../../vocabulary/index.js'
import { notifyConsentRequest } from '../catalysis.notifications.js'
import { authorizeGridEdit, authorizeParticipantAct, authorizeRunDialogue } from '../catalysis.policy.js'
import type { Consent } from '../catalysis.table.js'
import { isCalendarDate, parisToday } from '../../../core/time/calendar.js'
import { loadDialogue } from './dialogues.service.js'
import { DEFAULT_GRID, gridProblems, scoreAnswers, SELF_DIAGNOSIS_QUESTIONS, type Grid, type MaturityScore } from './maturity.grid.js'

type Db = Kysely<Database>

/** The current grid and its version (version 1, the default, is written the first time it is read). */
export async function currentGrid(db: Db): Promise<{ version: number; grid: Grid; note: string; created_at: string }> {
  let row = await db.selectFrom('catalysis_maturity_grids').selectAll().orderBy('version', 'desc').limit(1).executeTakeFirst()
  if (!row) {
    await db
      .insertInto('catalysis_maturity_grids')
      .values({ version: 1, definition: JSON.stringify(DEFAULT_GRID), note: 'Grille initiale proposée par la plateforme.', created_by: null, created_at: nowIso() })
      .onConflict((oc) => oc.column('version').doNothing())
      .execute()
    row = await db.selectFrom('catalysis_maturity_grids').selectAll().orderBy('version', 'desc').limit(1).executeTakeFirstOrThrow()
  }
  return { version: row.version, grid: JSON.parse(row.definition) as Grid, note: row.note, created_at: row.created_at }
}

/** Every version of the grid, newest first (its history). */
export async function gridVersions(db: Db) {
  await currentGrid(db)
  return db.selectFrom('catalysis_maturity_grids').leftJoin('users', 'users.id', 'catalysis_maturity_grids.created_by').select(['version', 'note', 'catalysis_maturity_grids.created_at', 'users.display_name']).orderBy('version', 'desc').execute()
}

/** A version of the grid, or undefined. */
export async function gridVersion(db: Db, version: number): Promise<Grid | undefined> {
  const row = await db.selectFrom('catalysis_maturity_grids').select('definition').where('version', '=', version).executeTakeFirst()
  return row ? (JSON.parse(row.definition) as Grid) : undefined
}

/** Saves a new version of the grid (platform admins; others 403). Refuses overlapping or missing ranges. */
export async function saveGrid(db: Db, actor: Actor, grid: Grid, note: string): Promise<number> {
  authorizeGridEdit(actor)
  const problems = gridProblems(grid)
  if (note.trim().length < 5) problems.push({ field: 'note', message: 'form.error.minLength', params: { min: 5 } })
  if (problems.length > 0) throw validationError(problems)
  const { version } = await currentGrid(db)
  await db.insertInto('catalysis_maturity_grids').values({ version: version + 1, definition: JSON.stringify(grid), note: note.trim(), created_by: actor.userId, created_at: nowIso() }).execute()
  return version + 1
}

/**
 * Launches the self-diagnosis of a dialogue (the team): a questionnaire of the space's animating organisation
 * from the surveys module's « acteurs » template plus the grid's questions, and a campaign open from today to
 * `closesOn`, answered by signed-in people. Once launched, launching again is a 409.
 */
export async function launchSelfDiagnosis(db: Db, actor: Actor, dialogueId: string, closesOn: string): Promise<string> {
  const access = await loadDialogue(db, dialogueId)
  authorizeRunDialogue(actor, access)
  if (access.dialogue.campaign_id) throw new AppError('ALLIANCE_ERR_CONFLICT', 'catalysis.error.diagnosisLaunched')
  const today = parisToday()
  if (!isCalendarDate(closesOn) || closesOn < today) throw validationError([{ field: 'closes_on', message: 'catalysis.error.closesOn' }])
  const organisationId = access.space.space.organisation_id
  const title = `Autodiagnostic de maturité — ${access.dialogue.title}`.slice(0, 200)
  const questionnaireId = await createQuestionnaire(db, actor, { organisationId, title, template: 'acteurs', territoryId: access.dialogue.territory_id })
  for (const q of SELF_DIAGNOSIS_QUESTIONS) {
    const key = await addQuestionTo(db, actor, questionnaireId, { section: 's1', type: 'scale', label: q.label })
    await saveQuestion(db, actor, questionnaireId, key, { op: 'save', label: q.label, required: 'on', scale_range: '0-10', min_label: q.minLabel, max_label: q.maxLabel, condition: [], subtotal: [] } as unknown as Parameters<typeof saveQuestion>[4], {})
  }
  const campaignId = await createCampaign(db, actor, questionnaireId, { title, territoryId: access.dialogue.territory_id, segments: codesOf('respondent_segment'), opensOn: today, closesOn, mode: 'signed_in' })
  await db.updateTable('catalysis_dialogues').set({ questionnaire_id: questionnaireId, campaign_id: campaignId, updated_at: nowIso() }).where('id', '=', dialogueId).execute()
  return campaignId
}

/**
 * Scores the submitted answers with the current grid (the team) and asks each participating organisation's
 * admins for consent to publish; earlier consents are reset (the result changed). Errors: not launched or no
 * usable answer yet 409.
 */
export async function computeMaturity(db: Db, actor: Actor, dialogueId: string): Promise<MaturityScore> {
  const access = await loadDialogue(db, dialogueId)
  authorizeRunDialogue(actor, access)
  if (!access.dialogue.campaign_id) throw new AppError('ALLIANCE_ERR_CONFLICT', 'catalysis.error.diagnosisNotLaunched')
  const rows = await db.selectFrom('survey_responses').select('answers').where('campaign_id', '=', access.dialogue.campaign_id).where('status', '=', 'submitted').execute()
  const { version, grid } = await currentGrid(db)
  const score = scoreAnswers(grid, rows.map((r) => JSON.parse(r.answers) as Record<string, unknown>))
  if (!score) throw new AppError('ALLIANCE_ERR_CONFLICT', 'catalysis.error.noAnswers')
  const now = nowIso()
  const values = {
    grid_version: version,
    score_tenths: Math.round(score.score * 10),
    level: score.level.code,
    respondents: score.respondents,
    criteria: JSON.stringify(Object.fromEntries(Object.entries(score.criteria).map(([k, v]) => [k, v === null ? null : Math.round(v * 10)]))),
    lever_first: JSON.stringify(Object.fromEntries(Object.entries(score.leverFirst).map(([k, v]) => [k, Math.round(v * 10)]))),
    computed_by: actor.userId,
    computed_at: now,
    published_at: null,
  }
  await db.transaction().execute(async (trx) => {
    await trx.insertInto('catalysis_maturity_results').values({ dialogue_id: dialogueId, ...values }).onConflict((oc) => oc.column('dialogue_id').doUpdateSet(values)).execute()
    await trx.updateTable('catalysis_dialogue_participants').set({ consent: null, consent_at: null, consent_by: null }).where('dialogue_id', '=', dialogueId).execute()
    const organisations = await trx.selectFrom('organisations').select(['id', 'name']).where('id', 'in', [...access.participants.map((p) => p.organisation_id), '-']).orderBy('id').execute()
    await notifyConsentRequest(trx, access.dialogue, organisations, actor.userId)
  })
  return score
}

/**
 * A participating organisation's answer on publishing the result (its admins). The result is published when
 * every participant agreed, and withdrawn as soon as one refuses. Errors: no result yet 409.
 */
export async function answerConsent(db: Db, actor: Actor, dialogueId: string, organisationId: string, consent: Consent): Promise<{ published: boolean }> {
  const access = await loadDialogue(db, dialogueId)
  authorizeParticipantAct(actor, access, organisationId, { admin: true })
  const result = await db.selectFrom('catalysis_maturity_results').select('dialogue_id').where('dialogue_id', '=', dialogueId).executeTakeFirst()
  if (!result) throw new AppError('ALLIANCE_ERR_CONFLICT', 'catalysis.error.noResult')
  if (consent !== 'accord' && consent !== 'refus') throw validationError([{ field: 'consent', message: 'form.error.invalid' }])
  return db.transaction().execute(async (trx) => {
    await trx.updateTable('catalysis_dialogue_participants').set({ consent, consent_at: nowIso(), consent_by: actor.userId }).where('dialogue_id', '=', dialogueId).where('organisation_id', '=', organisationId).execute()
    const all = await trx.selectFrom('catalysis_dialogue_participants').select('consent').where('dialogue_id', '=', dialogueId).execute()
    const published = all.length > 0 && all.every((p) => p.consent === 'accord')
    await trx.updateTable('catalysis_maturity_results').set({ published_at: published ? nowIso() : null }).where('dialogue_id', '=', dialogueId).execute()
    return { published }
  })
}
