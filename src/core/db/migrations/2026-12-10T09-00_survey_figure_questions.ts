import type { Kysely } from 'kysely'

/**
 * Outside figures shown beside a survey's results say which question the outside study asked
 * (`question_wording`) and whether it is the same question as the survey's (`same_question`, 0/1). Only a
 * figure answering the same question is compared with the survey's estimate; the others are shown apart with
 * their own wording. Figures recorded before this change have no wording and are not compared (0).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('survey_external_figures').addColumn('question_wording', 'text', (c) => c.notNull().defaultTo('')).execute()
  await db.schema.alterTable('survey_external_figures').addColumn('same_question', 'integer', (c) => c.notNull().defaultTo(0)).execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('survey_external_figures').dropColumn('same_question').execute()
  await db.schema.alterTable('survey_external_figures').dropColumn('question_wording').execute()
}
