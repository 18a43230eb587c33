/**
 * The analysts' results of a campaign (`/campagnes/:id/resultats`, with `?par=<segment>`) and its anonymised
 * microdata (`/campagnes/:id/microdonnees.csv`). Rights on the campaign first (404 for another organisation's);
 * an unknown segment in the address is named and the overall view shown.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify'
import { pageRoute, paramId } from '../../../core/http/routes.js'
import { lenient, queryProblems } from '../../../core/http/validation.js'
import { campaignFacts, methodologyOf } from '../studies/studies.service.js'
import { loadCampaignWithQuestionnaire } from '../surveys.access.js'
import { allQuestions } from '../surveys.definition.js'
import { listExternalFigures, listTextAnswers } from '../surveys.queries.js'
import { activeWeighting } from '../weighting/weighting.service.js'
import { microdataCsv } from './microdata.js'
import type { ResultsView, SurveyAnalysis } from './results.js'
import { ResultsQuery } from './results.schemas.js'
import { ResultsPage } from './views/ResultsPage.js'

/** How many recent text answers the results page lists per campaign. */
const TEXT_ANSWERS = 500

/** Registers the results and microdata routes (analysts). */
export async function resultsRoutes(app: FastifyInstance, options: { analysis: SurveyAnalysis }): Promise<void> {
  const db = app.db
  const { analysis } = options
  const campaignOf = (request: FastifyRequest) => loadCampaignWithQuestionnaire(db, request.actor, paramId(request))

  pageRoute(app, {
    url: '/campagnes/:id/resultats',
    querystring: lenient(ResultsQuery),
    authorize: campaignOf,
    handler: async (request, reply, { scope, campaign, questionnaire, def }) => {
      const role = request.query.par
      const view: ResultsView = role ? `by:${role}` : 'overall'
      const [settings, figures, facts] = await Promise.all([activeWeighting(db, scope, campaign), listExternalFigures(db, campaign.id), campaignFacts(db, scope, campaign)])
      const results = await analysis.results(campaign, questionnaire.definition, settings, view)
      const questions = allQuestions(def)
      const textQuestions = questions.filter((q) => q.type === 'short_text' || q.type === 'long_text')
      const texts: Record<string, string[]> = {}
      if (textQuestions.length > 0) {
        for (const row of await listTextAnswers(db, scope, campaign.id, TEXT_ANSWERS)) {
          const answers = JSON.parse(row.answers) as Record<string, unknown>
          for (const q of textQuestions) {
            const value = answers[q.key]
            if (typeof value !== 'string') continue
            const key = `Q${questions.indexOf(q) + 1}`
            texts[key] ??= []
            texts[key].push(value)
          }
        }
      }
      const methodology = methodologyOf(campaign, { ...facts, author: '', publishedAt: '' }, settings, results)
      return reply.page(<ResultsPage campaign={campaign} results={results} methodology={methodology} figures={figures} texts={texts} problems={queryProblems(request.query)} />)
    },
  })

  // a file, not a page: still through pageRoute (rights first, no cache)
  pageRoute(app, {
    url: '/campagnes/:id/microdonnees.csv',
    authorize: campaignOf,
    handler: async (_request, reply, { scope, campaign, def }) => {
      const settings = await activeWeighting(db, scope, campaign)
      const input = await analysis.input(campaign, def, settings)
      reply.header('cache-control', 'no-store')
      reply.header('content-disposition', `attachment; filename="microdonnees-${campaign.id}.csv"`)
      return reply.type('text/csv; charset=utf-8').send(microdataCsv(def, input.snapshot, input.weighted, campaign.id))
    },
  })
}
