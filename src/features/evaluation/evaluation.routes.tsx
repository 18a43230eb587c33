/**
 * Pages and forms of evaluation rounds and reviews, under `/evaluation/:id` (the alliance's id): the evaluation
 * space, opening a round, one round (crossed views once closed) and the coordinators' actions on it, a
 * partner's answer for its organisation, the review (print, JSON, establish, approve, publish). Every form runs
 * the one order (sign-in → the alliance, round or organisation of the URL and the actor's rights → every field
 * at once → service) and ends in a 303 redirect, or shows itself again with every problem.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { done, formRoute, pageRoute, paramId } from '../../core/http/routes.js'
import { parisToday } from '../../core/time/calendar.js'
import type { FormState } from '../../core/views/forms.js'
import { saveAnswer } from './answers.service.js'
import { isCoordinatorAdmin } from '../alliances/index.js'
import { findOrganisation } from '../organisations/index.js'
import { allianceRights, answerRights, roundRights, type AllianceRights, type RoundRights } from './evaluation.authorize.js'
import { gridOf } from './evaluation.grid.js'
import { partnerOrganisations } from './evaluation.policy.js'
import { findOwnAnswer, roundStatus } from './evaluation.queries.js'
import { loadEvaluationSpace, loadRoundView, readExistingReview, reviewJson, type ReadableReview } from './evaluation.read.js'
import { answerFormValues, answerFromForm, AnswerForm, AnswerParams, ApproveInput, ExtendInput, IdParams, NoInput, RoundInput, RoundParams } from './evaluation.schemas.js'
import { approveReview, buildReview, publishReview } from './review.service.js'
import { closeRound, extendRound, openRound, remindLatePartners, roundDayProblems } from './rounds.service.js'
import { ReviewPage } from './views/ReviewPage.js'
import { AnswerPage, HubPage, NewRoundPage, RoundPage } from './views/RoundPages.js'

/** The page of a round. */
export const roundPath = (allianceId: string, roundId: string) => `/evaluation/${allianceId}/temps/${roundId}`

export async function evaluationRoutes(app: FastifyInstance): Promise<void> {
  pageRoute(app, {
    url: '/evaluation/:id',
    params: IdParams,
    authorize: (request) => allianceRights(app.db, request, 'evaluation'),
    handler: async (request, reply, { access }) => reply.page(<HubPage space={await loadEvaluationSpace(app.db, request.actor, access.alliance.id)} />),
  })

  // --- opening a round ------------------------------------------------------------------------------------

  const newRoundPage = (reply: FastifyReply, { access }: AllianceRights, state: FormState | null, status = 200) => {
    const today = parisToday()
    return reply.page(<NewRoundPage alliance={access.alliance} state={state ?? { values: { opens_on: today, period_end: today, disclosure: 'named' }, errors: [] }} />, status)
  }
  pageRoute(app, {
    url: '/evaluation/:id/nouveau-temps',
    params: IdParams,
    authorize: (request) => allianceRights(app.db, request, 'coordinate'),
    handler: async (_request, reply, rights) => newRoundPage(reply, rights, null),
  })
  formRoute(app, {
    url: '/evaluation/:id/temps',
    params: IdParams,
    body: RoundInput,
    invalidates: [],
    authorize: (request) => allianceRights(app.db, request, 'coordinate'),
    check: (_request, _rights, values) => roundDayProblems(values),
    render: (_request, reply, rights, state, status) => newRoundPage(reply, rights, state, status),
    handler: async (request, reply, { access }) => {
      const v = request.body
      const roundId = await openRound(app.db, request.actor, access.alliance.id, { title: v.title, periodStart: v.period_start, periodEnd: v.period_end, opensOn: v.opens_on, closesOn: v.closes_on, disclosure: v.disclosure })
      return done(reply, roundPath(access.alliance.id, roundId), { kind: 'success', message: 'evaluation.flash.opened' })
    },
  })

  // --- one round and the coordinators' actions -------------------------------------------------------------

  const roundPage = async (request: FastifyRequest, reply: FastifyReply, { access, round }: RoundRights, extend: FormState | null, status = 200) => {
    const view = await loadRoundView(app.db, request.actor, access.alliance.id, round.id)
    return reply.page(<RoundPage view={view} extend={extend ?? { values: { closes_on: view.round.closes_on }, errors: [] }} />, status)
  }
  pageRoute(app, {
    url: '/evaluation/:id/temps/:roundId',
    params: RoundParams,
    authorize: (request) => roundRights(app.db, request, 'evaluation'),
    handler: async (request, reply, rights) => roundPage(request, reply, rights, null),
  })

  // The buttons of the coordinators: no field can be wrong, so `render` only shows the round again.
  const coordinatorForm = { params: RoundParams, invalidates: [], authorize: (request: FastifyRequest) => roundRights(app.db, request, 'coordinate'), render: (request: FastifyRequest, reply: FastifyReply, rights: RoundRights, state: FormState, status: number) => roundPage(request, reply, rights, state, status) }
  formRoute(app, {
    ...coordinatorForm,
    url: '/evaluation/:id/temps/:roundId/echeance',
    body: ExtendInput,
    handler: async (request, reply, { access, round }) => {
      await extendRound(app.db, request.actor, access.alliance.id, round.id, { closesOn: request.body.closes_on })
      return done(reply, roundPath(access.alliance.id, round.id), { kind: 'success', message: 'evaluation.flash.extended' })
    },
  })
  formRoute(app, {
    ...coordinatorForm,
    url: '/evaluation/:id/temps/:roundId/relance',
    body: NoInput,
    handler: async (request, reply, { access, round }) => {
      const count = await remindLatePartners(app.db, request.actor, access.alliance.id, round.id)
      return done(reply, roundPath(access.alliance.id, round.id), { kind: 'success', message: 'evaluation.flash.reminded', params: { count } })
    },
  })
  formRoute(app, {
    ...coordinatorForm,
    url: '/evaluation/:id/temps/:roundId/cloture',
    body: NoInput,
    handler: async (request, reply, { access, round }) => {
      await closeRound(app.db, request.actor, access.alliance.id, round.id)
      return done(reply, roundPath(access.alliance.id, round.id), { kind: 'success', message: 'evaluation.flash.closed' })
    },
  })

  // --- a partner's answer ----------------------------------------------------------------------------------

  const answerPage = async (request: FastifyRequest, reply: FastifyReply, rights: RoundRights & { organisationId: string }, state: FormState | null, status = 200) => {
    const { access, scope, round, organisationId } = rights
    const grid = gridOf(round.grid_version)
    const answer = await findOwnAnswer(app.db, scope, round.id, organisationId)
    const admin = partnerOrganisations(request.actor, access, { admin: true }).includes(organisationId)
    const readOnly = roundStatus(round, parisToday()) !== 'open' || (answer?.status === 'submitted' && !admin)
    const organisation = { id: organisationId, name: (await findOrganisation(app.db, organisationId))?.name ?? '' }
    return reply.page(
      <AnswerPage alliance={access.alliance} roundId={round.id} roundTitle={`${round.number}. ${round.title}`} grid={grid} organisation={organisation} admin={admin} readOnly={readOnly} closesOn={round.closes_on} state={state ?? { values: answerFormValues(grid, answer), errors: [] }} />,
      status,
    )
  }
  pageRoute(app, {
    url: '/evaluation/:id/temps/:roundId/reponse/:organisationId',
    params: AnswerParams,
    authorize: (request) => answerRights(app.db, request),
    handler: async (request, reply, rights) => answerPage(request, reply, rights, null),
  })
  formRoute(app, {
    url: '/evaluation/:id/temps/:roundId/reponse/:organisationId',
    params: AnswerParams,
    body: AnswerForm,
    invalidates: [],
    authorize: (request) => answerRights(app.db, request),
    render: (request, reply, rights, state, status) => answerPage(request, reply, rights, state, status),
    handler: async (request, reply, { access, round, organisationId }) => {
      const input = answerFromForm(gridOf(round.grid_version), request.body)
      await saveAnswer(app.db, request.actor, access.alliance.id, round.id, organisationId, input)
      return done(reply, roundPath(access.alliance.id, round.id), { kind: 'success', message: input.submit ? 'evaluation.answer.submitted' : 'evaluation.answer.saved' })
    },
  })

  // --- the review --------------------------------------------------------------------------------------------

  const reviewPage = (request: FastifyRequest, reply: FastifyReply, readable: ReadableReview, approve: FormState | null, status = 200) => {
    const { access, round, review } = readable
    const admins = new Set(partnerOrganisations(request.actor, access, { admin: true }))
    const approved = new Set(review.approvals.map((a) => a.organisation_id))
    const approveFor = review.pending.filter((p) => admins.has(p.organisationId) && !approved.has(p.organisationId)).map((p) => ({ value: p.organisationId, label: p.name }))
    return reply.page(<ReviewPage review={review} base={roundPath(access.alliance.id, round.id)} actions={{ approveFor, coordinate: isCoordinatorAdmin(request.actor, access) }} approve={approve} />, status)
  }
  /** The review of `:roundId` with its page's rights: partners while a draft, everyone once published on a public alliance. */
  const reviewOf = (request: FastifyRequest) => readExistingReview(app.db, request.actor, paramId(request), paramId(request, 'roundId'))

  pageRoute(app, {
    url: '/evaluation/:id/temps/:roundId/bilan',
    public: true,
    cache: true,
    params: RoundParams,
    authorize: reviewOf,
    handler: async (request, reply, readable) => reviewPage(request, reply, readable, null),
  })
  // The review as a JSON file to download (its API twin: GET /api/v1/evaluation/alliances/:id/rounds/:roundId/review).
  pageRoute(app, {
    url: '/evaluation/:id/temps/:roundId/bilan.json',
    public: true,
    params: RoundParams,
    authorize: reviewOf,
    handler: async (_request, reply, { round, review }) =>
      reply
        .type('application/json; charset=utf-8')
        .header('content-disposition', `attachment; filename="bilan-${round.number}.json"`)
        .send(JSON.stringify(reviewJson(review), null, 2)),
  })

  formRoute(app, {
    ...coordinatorForm,
    url: '/evaluation/:id/temps/:roundId/bilan/etablir',
    body: NoInput,
    handler: async (request, reply, { access, round }) => {
      await buildReview(app.db, request.actor, access.alliance.id, round.id)
      return done(reply, `${roundPath(access.alliance.id, round.id)}/bilan`, { kind: 'success', message: 'evaluation.review.built' })
    },
  })
  formRoute(app, {
    url: '/evaluation/:id/temps/:roundId/bilan/approbation',
    params: RoundParams,
    body: ApproveInput,
    invalidates: [],
    // Partners approve; the organisation they approve for is checked by the service (not theirs: 404).
    authorize: async (request) => {
      await roundRights(app.db, request, 'evaluation')
      return reviewOf(request)
    },
    render: (request, reply, readable, state, status) => reviewPage(request, reply, readable, state, status),
    handler: async (request, reply, { access, round }) => {
      await approveReview(app.db, request.actor, access.alliance.id, round.id, { organisationId: request.body.organisation_id, version: request.body.version })
      return done(reply, `${roundPath(access.alliance.id, round.id)}/bilan`, { kind: 'success', message: 'evaluation.review.approved' })
    },
  })
  // Publishing makes the review of a public alliance a public page.
  formRoute(app, {
    ...coordinatorForm,
    url: '/evaluation/:id/temps/:roundId/bilan/publication',
    body: NoInput,
    invalidates: ['evaluation'],
    handler: async (request, reply, { access, round }) => {
      await publishReview(app.db, request.actor, access.alliance.id, round.id)
      return done(reply, `${roundPath(access.alliance.id, round.id)}/bilan`, { kind: 'success', message: 'evaluation.review.publishedDone' })
    },
  })
}
