/**
 * JSON API of evaluation rounds and reviews (OpenAPI tag `evaluation`), under
 * `/api/v1/evaluation/alliances/:id`, with the rights of the pages checked before the body is read: rounds
 * (list, open, read with crossed views once closed, extend, remind, close), a partner's own answer (read, save
 * or submit), the review (establish, read, approve, publish).
 */
import type { FastifyInstance } from 'fastify'
import Type from 'typebox'
import { pageOf, pageWindow } from '../../core/db/paging.js'
import { apiRoute, paramId } from '../../core/http/routes.js'
import { IdParams, Page, pageMeta } from '../../core/http/schemas.js'
import { parisToday } from '../../core/time/calendar.js'
import { saveAnswer } from './answers.service.js'
import { allianceRights, answerRights, roundRights } from './evaluation.authorize.js'
import { findOwnAnswer, listRounds, roundStatus, type Answer, type Round } from './evaluation.queries.js'
import { loadRoundView, readExistingReview, reviewJson } from './evaluation.read.js'
import { answerFromApi, AnswerInputSchema, AnswerParams, ApproveInput, EvaluationAnswer, EvaluationReview, EvaluationRound, EvaluationRoundDetail, ExtendInput, RoundInput, RoundParams, RoundsQuery } from './evaluation.schemas.js'
import { approveReview, buildReview, publishReview } from './review.service.js'
import { closeRound, extendRound, openRound, remindLatePartners } from './rounds.service.js'

const BASE = '/api/v1/evaluation/alliances/:id'
const tags: ['evaluation'] = ['evaluation']

/** A round as the API shows it. */
export function presentRound(r: Round, submitted: number) {
  return {
    id: r.id,
    number: r.number,
    title: r.title,
    period_start: r.period_start,
    period_end: r.period_end,
    opens_on: r.opens_on,
    closes_on: r.closes_on,
    status: roundStatus(r, parisToday()),
    disclosure: r.disclosure,
    grid_version: r.grid_version,
    submitted,
    href: `/evaluation/${r.alliance_id}/temps/${r.id}`,
  }
}

/** An organisation's answer as the API shows it (`none` before anything is saved). */
function presentAnswer(organisationId: string, a: Answer | undefined) {
  const levels = (m: Map<string, { level: number | null; comment: string }> | undefined) => Object.fromEntries([...(m ?? new Map())].map(([k, v]) => [k, { level: v.level, comment: v.comment }]))
  return { organisation_id: organisationId, status: a?.status ?? ('none' as const), ratings: levels(a?.ratings), impacts: levels(a?.impacts), what_worked: a?.what_worked ?? '', difficulties: a?.difficulties ?? '', lessons: a?.lessons ?? '', submitted_at: a?.submitted_at ?? null }
}

export async function evaluationApi(app: FastifyInstance): Promise<void> {
  const roundDetail = async (actor: Parameters<typeof loadRoundView>[1], allianceId: string, roundId: string) => {
    const view = await loadRoundView(app.db, actor, allianceId, roundId)
    return {
      round: presentRound(view.round, view.respondents.filter((r) => r.submitted).length),
      respondents: view.respondents.map((r) => ({ organisation_id: r.organisationId, name: r.name, world: r.world, submitted: r.submitted })),
      crossed: view.crossed,
    }
  }

  apiRoute(app, {
    method: 'GET',
    url: `${BASE}/rounds`,
    operationId: 'listEvaluationRounds',
    tags,
    summary: 'The evaluation rounds of an alliance, newest first (members of its active partners)',
    params: IdParams,
    querystring: RoundsQuery,
    response: { 200: Page(EvaluationRound) },
    errors: [403],
    authorize: (request) => allianceRights(app.db, request, 'evaluation'),
    handler: async (request, _reply, { scope }) => {
      const perPage = request.query.per_page ?? 20
      const window = pageWindow(request.query.page ?? 1, perPage)
      const rounds = await listRounds(app.db, scope)
      const page = pageOf(rounds.slice(window.offset, window.offset + window.limit), rounds.length, window.page, perPage)
      return { data: page.rows.map((r) => presentRound(r, r.submitted)), ...pageMeta(page) }
    },
  })

  apiRoute(app, {
    method: 'POST',
    url: `${BASE}/rounds`,
    operationId: 'openEvaluationRound',
    tags,
    summary: 'Open a round (coordinators’ admins); every active partner’s members are notified. Another round not yet closed: 409',
    params: IdParams,
    body: RoundInput,
    response: { 201: Type.Object({ data: EvaluationRound }, { description: 'The round opened (its address in `Location`)' }) },
    errors: [409],
    invalidates: [],
    authorize: (request) => allianceRights(app.db, request, 'coordinate'),
    handler: async (request, reply, { access }) => {
      const v = request.body
      const roundId = await openRound(app.db, request.actor, access.alliance.id, { title: v.title, periodStart: v.period_start, periodEnd: v.period_end, opensOn: v.opens_on, closesOn: v.closes_on, disclosure: v.disclosure })
      reply.header('location', `/api/v1/evaluation/alliances/${access.alliance.id}/rounds/${roundId}`)
      return { data: (await roundDetail(request.actor, access.alliance.id, roundId)).round }
    },
  })

  apiRoute(app, {
    method: 'GET',
    url: `${BASE}/rounds/:roundId`,
    operationId: 'getEvaluationRound',
    tags,
    summary: 'One round: who submitted, and the crossed views once it is closed (never before: a partner sees only its own answer)',
    params: RoundParams,
    response: { 200: Type.Object({ data: EvaluationRoundDetail }, { description: 'The round' }) },
    errors: [403],
    authorize: (request) => roundRights(app.db, request, 'evaluation'),
    handler: async (request, _reply, { access, round }) => ({ data: await roundDetail(request.actor, access.alliance.id, round.id) }),
  })

  apiRoute(app, {
    method: 'PATCH',
    url: `${BASE}/rounds/:roundId`,
    operationId: 'extendEvaluationRound',
    tags,
    summary: 'Move the closing day of a round not yet closed (coordinators’ admins); a closed round: 409',
    params: RoundParams,
    body: ExtendInput,
    response: { 200: Type.Object({ data: EvaluationRound }, { description: 'The round' }) },
    errors: [409],
    invalidates: [],
    authorize: (request) => roundRights(app.db, request, 'coordinate'),
    handler: async (request, _reply, { access, round }) => {
      await extendRound(app.db, request.actor, access.alliance.id, round.id, { closesOn: request.body.closes_on })
      return { data: (await roundDetail(request.actor, access.alliance.id, round.id)).round }
    },
  })

  apiRoute(app, {
    method: 'POST',
    url: `${BASE}/rounds/:roundId/reminders`,
    operationId: 'remindEvaluationRound',
    tags,
    summary: 'Notify the members of the partners that have not submitted an open round (coordinators’ admins)',
    params: RoundParams,
    response: { 200: Type.Object({ data: Type.Object({ notified: Type.Integer({ minimum: 0, description: 'People notified' }) }) }, { description: 'Who was reminded' }) },
    errors: [409],
    invalidates: [],
    authorize: (request) => roundRights(app.db, request, 'coordinate'),
    handler: async (request, _reply, { access, round }) => ({ data: { notified: await remindLatePartners(app.db, request.actor, access.alliance.id, round.id) } }),
  })

  apiRoute(app, {
    method: 'POST',
    url: `${BASE}/rounds/:roundId/close`,
    operationId: 'closeEvaluationRound',
    tags,
    summary: 'Close a round now and establish its review (coordinators’ admins); twice: 409',
    params: RoundParams,
    response: { 200: Type.Object({ data: EvaluationRound }, { description: 'The round, closed' }) },
    errors: [409],
    invalidates: [],
    authorize: (request) => roundRights(app.db, request, 'coordinate'),
    handler: async (request, _reply, { access, round }) => {
      await closeRound(app.db, request.actor, access.alliance.id, round.id)
      return { data: (await roundDetail(request.actor, access.alliance.id, round.id)).round }
    },
  })

  apiRoute(app, {
    method: 'GET',
    url: `${BASE}/rounds/:roundId/answers/:organisationId`,
    operationId: 'getOwnEvaluationAnswer',
    tags,
    summary: 'The answer (draft or submitted) of one of your partner organisations; another organisation’s answer: 404',
    params: AnswerParams,
    response: { 200: Type.Object({ data: EvaluationAnswer }, { description: 'The answer' }) },
    errors: [403],
    authorize: (request) => answerRights(app.db, request),
    handler: async (_request, _reply, { scope, round, organisationId }) => ({ data: presentAnswer(organisationId, await findOwnAnswer(app.db, scope, round.id, organisationId)) }),
  })

  apiRoute(app, {
    method: 'PUT',
    url: `${BASE}/rounds/:roundId/answers/:organisationId`,
    operationId: 'saveEvaluationAnswer',
    tags,
    summary: 'Save your organisation’s answer as a draft (members), or submit it (`submit: true`, its admins); levels outside the scale: 400; a round not open: 409',
    params: AnswerParams,
    body: AnswerInputSchema,
    formFields: [[/^(level|comment)\.impact\./, 'impacts'], [/^(level|comment)\./, 'ratings']],
    response: { 200: Type.Object({ data: EvaluationAnswer }, { description: 'The answer as stored' }) },
    errors: [403, 409],
    invalidates: [],
    authorize: (request) => answerRights(app.db, request),
    handler: async (request, _reply, { access, scope, round, organisationId }) => {
      await saveAnswer(app.db, request.actor, access.alliance.id, round.id, organisationId, answerFromApi(request.body))
      return { data: presentAnswer(organisationId, await findOwnAnswer(app.db, scope, round.id, organisationId)) }
    },
  })

  apiRoute(app, {
    method: 'GET',
    url: `${BASE}/rounds/:roundId/review`,
    public: true,
    operationId: 'getEvaluationReview',
    tags,
    summary: 'The review of a round: partners while a draft; everyone once published on a public alliance. Not established yet: 404',
    params: RoundParams,
    response: { 200: Type.Object({ data: EvaluationReview }, { description: 'The review with its frozen document' }) },
    errors: [403],
    authorize: (request) => readExistingReview(app.db, request.actor, paramId(request), paramId(request, 'roundId')),
    handler: async (_request, _reply, { review }) => ({ data: reviewJson(review) }),
  })

  apiRoute(app, {
    method: 'POST',
    url: `${BASE}/rounds/:roundId/review`,
    operationId: 'buildEvaluationReview',
    tags,
    summary: 'Establish the review of a closed round, or a new version of it (coordinators’ admins); open or published: 409',
    params: RoundParams,
    response: { 201: Type.Object({ data: Type.Object({ version: Type.Integer({ minimum: 1 }) }) }, { description: 'The version established' }) },
    errors: [409],
    invalidates: [],
    authorize: (request) => roundRights(app.db, request, 'coordinate'),
    handler: async (request, _reply, { access, round }) => ({ data: { version: await buildReview(app.db, request.actor, access.alliance.id, round.id) } }),
  })

  apiRoute(app, {
    method: 'POST',
    url: `${BASE}/rounds/:roundId/review/approvals`,
    operationId: 'approveEvaluationReview',
    tags,
    summary: 'Approve the current version for one of your organisations (its admins; another organisation: 404); twice or an older version: 409',
    params: RoundParams,
    body: ApproveInput,
    response: { 201: Type.Object({ data: Type.Object({ organisation_id: Type.String(), version: Type.Integer() }) }, { description: 'The approval recorded' }) },
    errors: [409],
    invalidates: [],
    authorize: (request) => roundRights(app.db, request, 'evaluation'),
    handler: async (request, _reply, { access, round }) => {
      const v = request.body
      await approveReview(app.db, request.actor, access.alliance.id, round.id, { organisationId: v.organisation_id, version: v.version })
      return { data: { organisation_id: v.organisation_id, version: v.version } }
    },
  })

  apiRoute(app, {
    method: 'POST',
    url: `${BASE}/rounds/:roundId/review/publication`,
    operationId: 'publishEvaluationReview',
    tags,
    summary: 'Publish the review once every active partner approved its current version (public alliances only; otherwise 409)',
    params: RoundParams,
    response: { 200: Type.Object({ data: Type.Object({ published: Type.Boolean() }) }, { description: 'Published' }) },
    errors: [409],
    invalidates: ['evaluation'],
    authorize: (request) => roundRights(app.db, request, 'coordinate'),
    handler: async (request, _reply, { access, round }) => {
      await publishReview(app.db, request.actor, access.alliance.id, round.id)
      return { data: { published: true } }
    },
  })
}
