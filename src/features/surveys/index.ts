/**
 * Surveys and the observatory: questionnaires (builder, templates including the Baromètre du jouer collectif),
 * campaigns (territory, segments, dates, anonymous / invitation / signed-in answering), weighting with the
 * statistics engine (INSEE population presets), weighted results with intervals, segment breakdowns with
 * Rao–Scott tests and the ternary plot of the three levers, published studies with their exports and API —
 * every published figure under the small-cell rule (`analysis/suppression.ts`).
 *
 * Sub-folders by job: `builder/`, `campaigns/`, `respond/`, `weighting/`, `analysis/`, `studies/`, `demo/`.
 *
 * Owns: `survey_questionnaires`, `survey_campaigns`, `survey_invitation_codes`, `survey_responses`,
 * `survey_rows`, `survey_weightings`, `survey_result_cache`, `survey_publications`, `survey_external_figures`.
 * Public exports: the plugin, its messages, the territory-page section, the demo loader, what catalysis builds
 * its questionnaires with, what the benchmark generates answers with, the table types.
 */
import type { FastifyInstance } from 'fastify'
import { SurveyAnalysis } from './analysis/results.js'
import { resultsRoutes } from './analysis/results.routes.js'
import { builderRoutes } from './builder/builder.routes.js'
import { campaignRoutes } from './campaigns/campaigns.routes.js'
import { respondRoutes } from './respond/respond.routes.js'
import { studiesApi } from './studies/studies.api.js'
import { studyRoutes } from './studies/studies.routes.js'
import { weightingRoutes } from './weighting/weighting.routes.js'

export { surveyMessages } from './surveys.messages.js'
export { surveysPersonalData } from './surveys.personal-data.js'
export { territoryStudiesSection } from './studies/views/TerritoryStudies.js'
export { loadSurveyDemo } from './demo/demo.js'
export { barometerGenerator } from './demo/synthetic.js'
export { encodeRow } from './respond/answers.js'
export { slotLayout, parseDefinition } from './surveys.definition.js'
export { templateDefinition, REGION_OPTIONS } from './builder/templates.js'
// Used by catalysis: the feedback survey of a meeting and the maturity self-diagnosis of a dialogue are
// questionnaires built from this module's templates and campaigns run by it.
export { createQuestionnaire, addQuestionTo, saveQuestion } from './builder/builder.service.js'
export { createCampaign } from './campaigns/campaigns.service.js'
export { saveAnswers, respondentKeyOfUser } from './respond/respond.service.js'
/** Kysely types of the feature's tables (composed into `Database`). */
export type { SurveyTables } from './surveys.table.js'

/** What the feature needs from the application: the public URL (answer links, citations). */
export interface SurveysOptions {
  publicUrl: string
  /** limit the attempts at an invitation code per address (off in tests, `ALLIANCE_RATE_LIMIT=0`) */
  rateLimit: boolean
}

/** The surveys plugin: builder, campaigns, weighting, results, answering, studies and their API, sharing one analysis service. */
export async function surveysFeature(app: FastifyInstance, options: SurveysOptions): Promise<void> {
  const analysis = new SurveyAnalysis(app.db)
  await app.register(builderRoutes)
  await app.register(campaignRoutes, { analysis, publicUrl: options.publicUrl })
  await app.register(weightingRoutes, { analysis })
  await app.register(resultsRoutes, { analysis })
  await app.register(respondRoutes, { publicUrl: options.publicUrl, rateLimit: options.rateLimit })
  await app.register(studyRoutes, { publicUrl: options.publicUrl, analysis })
  await app.register(studiesApi, { publicUrl: options.publicUrl, analysis })
}
