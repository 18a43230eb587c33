/**
 * Use cases of the questionnaire builder: create a questionnaire from a template for an organisation the actor
 * analyses, change its title and introduction, add, move, edit and remove sections and questions (one atomic
 * rewrite of the stored definition each), duplicate it. Each use case authorises through `surveys.access.ts`;
 * structural changes are refused (409) once any campaign of the questionnaire has a response.
 */
import type { Kysely } from 'kysely'
import { requireUser, type Actor } from '../../../core/access/actor.js'
import { lockForUpdate } from '../../../core/db/dialect.js'
import { newId, nowIso } from '../../../core/db/values.js'
import { AppError, notFound, validationError } from '../../../core/errors.js'
import type { Database } from '../../../database.js'
import { loadQuestionnaire } from '../surveys.access.js'
import { parseDefinition, type Definition, type QuestionType } from '../surveys.definition.js'
import { canAnalyse } from '../surveys.policy.js'
import { questionnaireHasResponses } from '../surveys.queries.js'
import { addQuestion, addSection, checkDefinition, deleteQuestion, editQuestion, moveQuestion, sectionOperation } from './builder.js'
import type { QuestionEditFormT } from './builder.schemas.js'
import { templateDefinition, territoryChoices, type TemplateKey } from './templates.js'

type Db = Kysely<Database>

/** The 409 of a questionnaire that has answers, shown on the builder next to the questions. */
function frozen(): AppError {
  return new AppError('ALLIANCE_ERR_QUESTIONNAIRE_FROZEN', 'surveys.error.frozen', { fields: [{ field: 'question', message: 'surveys.error.frozen' }] })
}

/**
 * Creates a questionnaire for an organisation from a template. Returns its id. Edge case: an organisation the
 * actor does not analyse (or that does not exist) answers 404, as acting for it is a right that depends on the
 * input (the house's order of rights).
 */
export async function createQuestionnaire(db: Db, actor: Actor, input: { organisationId: string; title: string; template: TemplateKey; territoryId: string | null }): Promise<string> {
  const user = requireUser(actor)
  const organisation = await db.selectFrom('organisations').select('id').where('id', '=', input.organisationId).executeTakeFirst()
  if (!organisation || !canAnalyse(actor, input.organisationId)) throw notFound()
  const def = templateDefinition(input.template, await territoryChoices(db, input.territoryId))
  const id = newId()
  const now = nowIso()
  await db
    .insertInto('survey_questionnaires')
    .values({ id, organisation_id: input.organisationId, title: input.title, intro: '', template: input.template, territory_id: input.territoryId, definition: JSON.stringify(def), is_demo: 0, created_by: user.userId, created_at: now, updated_at: now })
    .execute()
  return id
}

/** Changes a questionnaire's definition in one transaction (409 once answered; 400 with every broken rule). */
async function mutateDefinition<T>(db: Db, actor: Actor, id: string, change: (def: Definition) => T): Promise<T> {
  const { scope } = await loadQuestionnaire(db, actor, id)
  return db.transaction().execute(async (trx) => {
    const row = await lockForUpdate(trx, trx.selectFrom('survey_questionnaires').select(['definition']).where('id', '=', id).where('organisation_id', '=', scope.organisationId)).executeTakeFirst()
    if (!row) throw notFound()
    if (await questionnaireHasResponses(trx, scope, id)) throw frozen()
    const def = parseDefinition(row.definition)
    const result = change(def)
    const problems = checkDefinition(def)
    if (problems.length > 0) throw validationError(problems)
    await trx.updateTable('survey_questionnaires').set({ definition: JSON.stringify(def), updated_at: nowIso() }).where('id', '=', id).execute()
    return result
  })
}

/** The 409 of `mutateDefinition` when the question editor is opened on an answered questionnaire. */
export async function assertEditable(db: Db, actor: Actor, id: string): Promise<void> {
  const { scope } = await loadQuestionnaire(db, actor, id)
  if (await questionnaireHasResponses(db, scope, id)) throw frozen()
}

/** Changes a questionnaire's title and introduction (allowed even once it has answers). */
export async function updateQuestionnaireMeta(db: Db, actor: Actor, id: string, input: { title: string; intro: string }): Promise<void> {
  const { scope } = await loadQuestionnaire(db, actor, id)
  await db.updateTable('survey_questionnaires').set({ title: input.title, intro: input.intro, updated_at: nowIso() }).where('id', '=', id).where('organisation_id', '=', scope.organisationId).execute()
}

/** Adds a section; returns its key (analysts only; 409 once answered). */
export async function addSectionTo(db: Db, actor: Actor, id: string, title: string): Promise<string> {
  return mutateDefinition(db, actor, id, (def) => addSection(def, title))
}

/** Renames, moves or deletes a section (analysts only; 409 once answered). */
export async function changeSection(db: Db, actor: Actor, id: string, key: string, op: 'rename' | 'up' | 'down' | 'delete', title?: string): Promise<void> {
  await mutateDefinition(db, actor, id, (def) => sectionOperation(def, key, op, title))
}

/** Adds a question; returns its key (analysts only; 409 once answered). */
export async function addQuestionTo(db: Db, actor: Actor, id: string, input: { section: string; type: QuestionType; label: string }): Promise<string> {
  return mutateDefinition(db, actor, id, (def) => addQuestion(def, input.section, input.type, input.label))
}

/** Moves a question (analysts only; 400 when it would break a display condition). */
export async function moveQuestionIn(db: Db, actor: Actor, id: string, key: string, direction: 'up' | 'down'): Promise<void> {
  await mutateDefinition(db, actor, id, (def) => moveQuestion(def, key, direction))
}

/** Deletes a question (analysts only; 400 when others depend on it). */
export async function deleteQuestionFrom(db: Db, actor: Actor, id: string, key: string): Promise<void> {
  await mutateDefinition(db, actor, id, (def) => deleteQuestion(def, key))
}

/** Saves the question editor (and its option operation); throws a 400 listing every problem. */
export async function saveQuestion(db: Db, actor: Actor, id: string, key: string, form: QuestionEditFormT, optionLabels: Record<string, string>): Promise<void> {
  await mutateDefinition(db, actor, id, (def) => {
    const problems = editQuestion(def, key, form, optionLabels)
    if (problems.length > 0) throw validationError(problems)
  })
}

/** Copies a questionnaire (to change one that already has answers). Returns the copy's id. */
export async function duplicateQuestionnaire(db: Db, actor: Actor, id: string, copySuffix: string): Promise<string> {
  const { questionnaire } = await loadQuestionnaire(db, actor, id)
  const user = requireUser(actor)
  const copy = newId()
  const now = nowIso()
  await db
    .insertInto('survey_questionnaires')
    .values({ ...questionnaire, id: copy, title: `${questionnaire.title} ${copySuffix}`.slice(0, 200), is_demo: 0, created_by: user.userId, created_at: now, updated_at: now })
    .execute()
  return copy
}
