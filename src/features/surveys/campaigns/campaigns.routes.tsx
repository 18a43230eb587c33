/**
 * Routes of campaigns for analysts: opening a campaign of a questionnaire, the campaign page and its forms
 * (settings, invitation codes, publication of the study, outside figures). Rights on the campaign of the URL
 * come first (404 for another organisation's); each form is validated at once and re-renders the campaign page
 * with its problems. Writes that change what public study pages show bump the `studies` page-cache tag.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { done, formRoute, pageRoute, paramId, postedValues } from '../../../core/http/routes.js'
import type { FormState, FormValues } from '../../../core/views/forms.js'
import { parisToday } from '../../../core/time/calendar.js'
import { findTerritoryById } from '../../territories/index.js'
import type { SurveyAnalysis } from '../analysis/results.js'
import { publishStudy, STUDIES_TAG, unpublishStudy } from '../studies/studies.service.js'
import { loadCampaignWithQuestionnaire, loadQuestionnaire, type CampaignWithQuestionnaire } from '../surveys.access.js'
import { countResponses, findPublication, listExternalFigures, listWeightings } from '../surveys.queries.js'
import { CampaignForm, CodesForm, DeleteFigureForm, ExternalFigureForm, PublicationForm, type CampaignFormT } from './campaigns.schemas.js'
import { addExternalFigure, createCampaign, deleteExternalFigure, generateInvitationCodes, updateCampaign, type CampaignData } from './campaigns.service.js'
import { resolveTerritory, type TerritoryResolution } from './territory-input.js'
import { CampaignPage, type CampaignPageProps } from './views/CampaignPage.js'
import { campaignValues, NewCampaignPage } from './views/NewCampaignPage.js'

/** The analysis service and the public URL (answer links). */
export interface CampaignRoutesOptions {
  analysis: SurveyAnalysis
  publicUrl: string
}

const text = (value: string | string[] | undefined) => (typeof value === 'string' ? value : undefined)

function campaignData(body: CampaignFormT, territory: TerritoryResolution): CampaignData {
  return { title: body.title, territoryId: territory.territoryId, segments: body.segments, opensOn: body.opens_on, closesOn: body.closes_on, mode: body.mode }
}

/** The campaign page's forms, one state each; the ones not given show their defaults. */
type PageForms = Partial<Pick<CampaignPageProps, 'settings' | 'candidates' | 'codes' | 'codesState' | 'publication' | 'figure'>>

/** Registers the campaign routes (analysts). */
export async function campaignRoutes(app: FastifyInstance, options: CampaignRoutesOptions): Promise<void> {
  const db = app.db
  const campaignOf = (request: FastifyRequest) => loadCampaignWithQuestionnaire(db, request.actor, paramId(request))

  async function renderCampaign(request: FastifyRequest, reply: FastifyReply, access: CampaignWithQuestionnaire, forms: PageForms = {}, status = 200) {
    const { scope, campaign } = access
    const [counts, weightings, publication, figures, territory] = await Promise.all([
      countResponses(db, scope, campaign.id),
      listWeightings(db, scope, campaign.id),
      findPublication(db, scope, campaign.id),
      listExternalFigures(db, campaign.id),
      campaign.territory_id ? findTerritoryById(db, campaign.territory_id) : Promise.resolve(undefined),
    ])
    return reply.page(
      <CampaignPage
        data={{ campaign, questionnaireTitle: access.questionnaire.title, territory, counts, weightings, publication, figures, def: access.def }}
        answerUrl={`${options.publicUrl}/repondre/${campaign.id}`}
        settings={forms.settings ?? { values: campaignValues(campaign, territory), errors: [] }}
        candidates={forms.candidates ?? []}
        codes={forms.codes ?? null}
        codesState={forms.codesState ?? { values: { count: '20' }, errors: [] }}
        publication={forms.publication ?? { values: { author: publication?.author ?? request.actor.displayName }, errors: [] }}
        figure={forms.figure ?? { values: {}, errors: [] }}
      />,
      status,
    )
  }

  // The territory typed is resolved once per request: its problem joins the schema's, its candidates the page.
  const territories = new WeakMap<FastifyRequest, TerritoryResolution>()
  const checkTerritory = async <Ctx,>(request: FastifyRequest, _ctx: Ctx, values: FormValues) => {
    const resolution = await resolveTerritory(db, text(values.territory), text(values.territory_choice))
    territories.set(request, resolution)
    return resolution.problem ? [resolution.problem] : []
  }
  const territoryOf = async (request: FastifyRequest) => territories.get(request) ?? resolveTerritory(db, text(postedValues(request).territory), text(postedValues(request).territory_choice))

  const questionnaireOf = (request: FastifyRequest) => loadQuestionnaire(db, request.actor, paramId(request))

  pageRoute(app, {
    url: '/enquetes/:id/campagnes/nouvelle',
    authorize: questionnaireOf,
    handler: async (_request, reply, { questionnaire }) => {
      const today = parisToday()
      const closes = new Date(Date.parse(`${today}T12:00:00Z`) + 30 * 86400_000).toISOString().slice(0, 10)
      const values: FormValues = { title: questionnaire.title, opens_on: today, closes_on: closes, mode: 'anonymous', segments: ['citoyen'] }
      const territory = questionnaire.territory_id ? await findTerritoryById(db, questionnaire.territory_id) : undefined
      if (territory) Object.assign(values, { territory: territory.name, territory_choice: territory.id })
      return reply.page(<NewCampaignPage questionnaireId={questionnaire.id} questionnaireTitle={questionnaire.title} state={{ values, errors: [] }} candidates={[]} />)
    },
  })

  formRoute(app, {
    url: '/enquetes/:id/campagnes',
    body: CampaignForm,
    invalidates: [],
    authorize: questionnaireOf,
    check: checkTerritory,
    render: (request, reply, { questionnaire }, state, status) =>
      reply.page(<NewCampaignPage questionnaireId={questionnaire.id} questionnaireTitle={questionnaire.title} state={state} candidates={territories.get(request)?.candidates ?? []} />, status),
    handler: async (request, reply, { questionnaire }) => {
      const id = await createCampaign(db, request.actor, questionnaire.id, campaignData(request.body, await territoryOf(request)))
      return done(reply, `/campagnes/${id}`, { kind: 'success', message: 'surveys.campaign.created' })
    },
  })

  pageRoute(app, { url: '/campagnes/:id', authorize: campaignOf, handler: async (request, reply, access) => renderCampaign(request, reply, access) })

  formRoute(app, {
    url: '/campagnes/:id',
    body: CampaignForm,
    invalidates: [STUDIES_TAG],
    authorize: campaignOf,
    check: checkTerritory,
    render: (request, reply, access, state, status) => renderCampaign(request, reply, access, { settings: state, candidates: territories.get(request)?.candidates ?? [] }, status),
    handler: async (request, reply, { campaign }) => {
      await updateCampaign(db, request.actor, campaign.id, campaignData(request.body, await territoryOf(request)))
      return done(reply, `/campagnes/${campaign.id}`, { kind: 'success', message: 'surveys.campaign.saved' })
    },
  })

  formRoute(app, {
    url: '/campagnes/:id/codes',
    body: CodesForm,
    invalidates: [],
    authorize: campaignOf,
    render: (request, reply, access, state, status) => renderCampaign(request, reply, access, { codesState: state }, status),
    handler: async (request, reply, access) => {
      const codes = await generateInvitationCodes(db, request.actor, access.campaign.id, request.body.count)
      // shown once, never stored in clear: the page must not be kept by any cache
      reply.header('cache-control', 'no-store')
      return renderCampaign(request, reply, access, { codes }, 201)
    },
  })

  formRoute(app, {
    url: '/campagnes/:id/publication',
    body: PublicationForm,
    invalidates: [STUDIES_TAG],
    authorize: campaignOf,
    render: (request, reply, access, state, status) => renderCampaign(request, reply, access, { publication: state }, status),
    handler: async (request, reply, { campaign }) => {
      if (request.body.op === 'unpublish') {
        await unpublishStudy(db, request.actor, campaign.id)
        return done(reply, `/campagnes/${campaign.id}`, { kind: 'success', message: 'surveys.publication.unpublished' })
      }
      await publishStudy(db, request.actor, options.analysis, campaign.id, request.body.author ?? '')
      return done(reply, `/etudes/${campaign.id}`, { kind: 'success', message: 'surveys.publication.done' })
    },
  })

  formRoute(app, {
    url: '/campagnes/:id/chiffres',
    body: ExternalFigureForm,
    invalidates: [STUDIES_TAG],
    authorize: campaignOf,
    render: (request, reply, access, state, status) => renderCampaign(request, reply, access, { figure: state }, status),
    handler: async (request, reply, { campaign }) => {
      const b = request.body
      await addExternalFigure(db, request.actor, campaign.id, {
        questionKey: b.question_key ?? null,
        questionWording: b.question_wording,
        sameQuestion: b.same_question === 'on',
        population: b.population,
        value: b.value,
        source: b.source,
        publishedOn: b.published_on,
        base: b.base,
        url: b.url ?? null,
      })
      return done(reply, `/campagnes/${campaign.id}#figures-heading`, { kind: 'success', message: 'surveys.figures.added' })
    },
  })

  formRoute(app, {
    url: '/campagnes/:id/chiffres/:figureId/supprimer',
    body: DeleteFigureForm,
    invalidates: [STUDIES_TAG],
    authorize: async (request) => ({ access: await campaignOf(request), figureId: paramId(request, 'figureId') }),
    render: (request, reply, ctx, state: FormState, status) => renderCampaign(request, reply, ctx.access, { figure: state }, status),
    handler: async (request, reply, { access, figureId }) => {
      await deleteExternalFigure(db, request.actor, access.campaign.id, figureId)
      return done(reply, `/campagnes/${access.campaign.id}#figures-heading`, { kind: 'success', message: 'surveys.figures.deleted' })
    },
  })
}
