/**
 * The weighting page of a campaign (`/campagnes/:id/redressement`): the active version's diagnostics, the
 * presets, and the form that weights (a new version) or refreshes the inputs for a new structure. When the engine
 * cannot weight, the form comes back with problems naming the margins and categories (and, for bounds that
 * cannot be met, the conflicting margins with their numbers). A weighting changes nothing public (a published
 * study is frozen).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { validationError } from '../../../core/errors.js'
import { done, formRoute, pageRoute, paramId, postedValues } from '../../../core/http/routes.js'
import { lenient, queryProblems } from '../../../core/http/validation.js'
import type { FormState } from '../../../core/views/forms.js'
import type { SurveyAnalysis } from '../analysis/results.js'
import { loadCampaignWithQuestionnaire, type CampaignWithQuestionnaire } from '../surveys.access.js'
import { listWeightings } from '../surveys.queries.js'
import { cellField, type WeightingSettings } from './margins.js'
import type { MissingFigure } from './presets.js'
import { presetSettings, readWeightingForm, valuesOfSettings } from './weighting-form.js'
import { WeightingForm, WeightingQuery } from './weighting.schemas.js'
import { applyWeighting } from './weighting.service.js'
import type { WeightingSummary } from './weighting.js'
import { WeightingPage } from './views/WeightingPage.js'
import type { MessageKey } from '../../../core/i18n/index.js'

/** Registers the weighting routes (analysts). */
export async function weightingRoutes(app: FastifyInstance, options: { analysis: SurveyAnalysis }): Promise<void> {
  const db = app.db
  const campaignOf = (request: FastifyRequest) => loadCampaignWithQuestionnaire(db, request.actor, paramId(request))

  async function renderWeighting(reply: FastifyReply, access: CampaignWithQuestionnaire, state: FormState | null, preset: { problem: MessageKey | null; missing: MissingFigure[] } = { problem: null, missing: [] }, status = 200) {
    const { scope, campaign, def } = access
    const current = (await listWeightings(db, scope, campaign.id)).find((w) => w.version === campaign.weighting_version)
    const active = current ? { settings: JSON.parse(current.settings) as WeightingSettings, summary: JSON.parse(current.summary) as WeightingSummary, version: current.version } : null
    const formState = state ?? { values: active ? valuesOfSettings(active.settings) : { unit: 'shares', base: '' }, errors: [] }
    return reply.page(<WeightingPage campaign={campaign} def={def} state={formState} active={active} preset={preset} n={campaign.submitted_count} />, status)
  }

  pageRoute(app, {
    url: '/campagnes/:id/redressement',
    querystring: lenient(WeightingQuery),
    authorize: campaignOf,
    handler: async (request, reply, access) => {
      const errors = queryProblems(request.query)
      const key = request.query.preset
      if (!key) return renderWeighting(reply, access, errors.length > 0 ? { values: { unit: 'shares', base: '' }, errors } : null)
      const outcome = await presetSettings(db, access.def, key)
      const values = outcome.settings ? valuesOfSettings(outcome.settings) : {}
      // a figure the sources do not give is left empty, never 0
      for (const m of outcome.missing) values[cellField(m.roles, m.codes)] = ''
      return renderWeighting(reply, access, { values, errors }, { problem: outcome.problem, missing: outcome.missing })
    },
  })

  formRoute(app, {
    url: '/campagnes/:id/redressement',
    body: WeightingForm,
    invalidates: [],
    authorize: campaignOf,
    render: (_request, reply, access, state, status) => renderWeighting(reply, access, state, undefined, status),
    handler: async (request, reply, access) => {
      const values = postedValues(request)
      if (request.body.op === 'refresh') return renderWeighting(reply, access, { values, errors: [] })
      const { settings, problems } = readWeightingForm(access.def, values)
      if (problems.length > 0) throw validationError(problems)
      const version = await applyWeighting(db, request.actor, options.analysis, access.campaign.id, settings)
      // the analyst's first look at the results should not wait from scratch
      options.analysis.warm({ ...access.campaign, weighting_version: version }, access.questionnaire.definition, settings, (error) => request.log.warn({ err: error }, 'results warm-up failed'))
      return done(reply, `/campagnes/${access.campaign.id}/redressement#diagnostics-heading`, { kind: 'success', message: 'surveys.weighting.done' })
    },
  })
}
