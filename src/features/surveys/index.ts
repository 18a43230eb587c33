/**
 * Surveys and the observatory: questionnaires (builder, templates including the Baromètre du jouer
 * collectif), campaigns (territory, segments, dates, anonymous / invitation / signed-in answering),
 * weighting with the statistics engine, weighted results with intervals, segment breakdowns with Rao–Scott
 * tests and the ternary plot of the three levers, published studies with their exports.
 *
 * Owns: `survey_questionnaires`, `survey_campaigns`, `survey_invitation_codes`, `survey_responses`,
 * `survey_rows`, `survey_weightings`, `survey_result_cache`, `survey_publications`,
 * `survey_external_figures`. Public exports: the plugin, its messages, the territory-page section, the
 * demo loader, the analysis service (benchmarks), the table types.
 */
import type { FastifyInstance } from 'fastify'
import { surveyApi } from './surveys.api.js'
import { campaignPages } from './surveys.campaigns.js'
import { questionnairePages } from './surveys.pages.js'
import { respondPages } from './surveys.respond.js'
import { SurveyAnalysis } from './surveys.results.js'
import { studyPages } from './surveys.study.js'

export { surveyMessages } from './surveys.messages.js'
export { surveysPersonalData } from './surveys.personal-data.js'
export { territoryStudiesSection } from './TerritoryStudies.js'
export { loadSurveyDemo, demoCampaignIds, DEMO_BAROMETER_SIZE } from './surveys.demo.js'
export { SurveyAnalysis } from './surveys.results.js'
export { barometerGenerator } from './surveys.synthetic.js'
export { encodeRow } from './surveys.answers.js'
export { parseDefinition, slotLayout } from './surveys.definition.js'
export { templateDefinition, REGION_OPTIONS } from './surveys.templates.js'
// Used by catalysis: the feedback survey of a meeting and the maturity self-diagnosis of a dialogue are
// questionnaires built from this module's templates and campaigns run by it.
export { createQuestionnaire, addQuestionTo, saveQuestion, createCampaign, saveAnswers, respondentKeyOfUser } from './surveys.service.js'
// Used by catalysis: registrations share SQLite commits the way answer submissions do.
export { groupCommitOf } from '../../core/db/group-commit.js'
/** Kysely types of the feature's tables (composed into `Database`). */
export type { SurveyTables } from './surveys.table.js'

/** What the feature needs from the application: the public URL (answer links, citations). */
export interface SurveysOptions {
  publicUrl: string
  /** limit the attempts at an invitation code per address (off in tests, `ALLIANCE_RATE_LIMIT=0`) */
  rateLimit: boolean
}

/** The surveys plugin: builder, campaigns, answering, studies and the studies API, sharing one analysis service. */
export async function surveysFeature(app: FastifyInstance, options: SurveysOptions): Promise<void> {
  const analysis = new SurveyAnalysis(app.db)
  await app.register(questionnairePages)
  await app.register(campaignPages, { analysis, publicUrl: options.publicUrl })
  await app.register(respondPages, { publicUrl: options.publicUrl, rateLimit: options.rateLimit })
  await app.register(studyPages, { publicUrl: options.publicUrl })
  await app.register(surveyApi, { publicUrl: options.publicUrl })
}
