/**
 * JSON API of evaluation (OpenAPI tag `evaluation`), under `/api/v1/evaluation/alliances/:id`, with the rights of
 * the pages, checked before the body is read: rounds (open, read with crossed views once closed, extend, remind,
 * close), a partner's own answer (read, save or submit), the review (establish, read, approve, publish) and the
 * alliance's indicators (read, define, change, record a value).
 */
import type { FastifyInstance, FastifyRequest, preValidationAsyncHookHandler } from 'fastify'
import Type from 'typebox'
import { notFound } from '../../core/errors.js'
import { paramId } from '../../core/http/forms.js'
import { authorizeCoordinate, authorizeView, loadAllianceAccess, todayInFrance } from '../alliances/index.js'
import { saveAnswer } from './answers.service.js'
import { authorizeActingFor, authorizeEvaluation } from './evaluation.policy.js'
import { findOwnAnswer, findRound, roundStatus } from './evaluation.queries.js'
import { loadEvaluationSpace, loadRoundView, readReview, reviewJson } from './evaluation.read.js'
import { AnswerApiInput, answerFromApi, ApproveForm, DIRECTION_CODES, DISCLOSURE_CODES, ExtendForm, IndicatorForm, RoundForm, ValueForm, type AnswerApiInputT, type ApproveFormT, type IndicatorFormT, type RoundFormT, type ValueFormT } from './evaluation.schemas.js'
import { createIndicator, listIndicators, recordIndicatorValue, updateIndicator } from './indicators.js'
import { approveReview, buildReview, publishReview } from './review.service.js'
import { closeRound, extendRound, openRound, remindLatePartners } from './rounds.service.js'

const Problem = Type.Object({ type: Type.String(), title: Type.String(), status: Type.Integer(), code: Type.String(), detail: Type.String() }, { additionalProperties: true })
const Params = Type.Object({ id: Type.String({ description: 'Alliance id' }) })
const RoundParams = Type.Object({ id: Type.String({ description: 'Alliance id' }), roundId: Type.String() })
const AnswerParams = Type.Object({ id: Type.String(), roundId: Type.String(), organisationId: Type.String({ description: 'One of your active partner organisations' }) })
const IndicatorParams = Type.Object({ id: Type.String(), indicatorId: Type.String() })
const Any = Type.Object({}, { additionalProperties: true })
const errors = { 400: Problem, 401: Problem, 403: Problem, 404: Problem, 409: Problem }

const RoundSchema = Type.Object({
  id: Type.String(),
  number: Type.Integer(),
  title: Type.String(),
  period_start: Type.String(),
  period_end: Type.String(),
  opens_on: Type.String(),
  closes_on: Type.String(),
  status: Type.Union([Type.Literal('upcoming'), Type.Literal('open'), Type.Literal('closed')]),
  disclosure: Type.Union(DISCLOSURE_CODES.map((c) => Type.Literal(c))),
  grid_version: Type.Integer(),
})

type Level = 'view' | 'evaluation' | 'coordinate' | 'answer'

/** Rights of the URL's objects, checked before the body is validated: 401, then 404 (hidden), then 403. */
function guard(app: FastifyInstance, level: Level): preValidationAsyncHookHandler {
  return async (request: FastifyRequest) => {
    const access = await loadAllianceAccess(app.db, request.actor, paramId(request))
    if (level === 'view') authorizeView(request.actor, access)
    else if (level === 'coordinate') authorizeCoordinate(request.actor, access)
    else if (level === 'answer') authorizeActingFor(request.actor, access, paramId(request, 'organisationId'), { admin: false })
    else authorizeEvaluation(request.actor, access)
  }
}

const roundOut = (r: { id: string; number: number; title: string; period_start: string; period_end: string; opens_on: string; closes_on: string; closed_at: string | null; disclosure: 'named' | 'worlds'; grid_version: number }) => ({
  id: r.id,
  number: r.number,
  title: r.title,
  period_start: r.period_start,
  period_end: r.period_end,
  opens_on: r.opens_on,
  closes_on: r.closes_on,
  status: roundStatus(r, todayInFrance()),
  disclosure: r.disclosure,
  grid_version: r.grid_version,
})

export async function evaluationApi(app: FastifyInstance): Promise<void> {
  const tag = ['evaluation']
  const path = '/api/v1/evaluation/alliances/:id'

  app.get(`${path}/rounds`, { preValidation: guard(app, 'evaluation'), schema: { operationId: 'listEvaluationRounds', tags: tag, summary: 'The evaluation rounds of an alliance (members of its active partners)', params: Params, response: { 200: Type.Object({ data: Type.Array(Type.Intersect([RoundSchema, Type.Object({ submitted: Type.Integer() })])) }), ...errors } } }, async (request) => {
    const space = await loadEvaluationSpace(app.db, request.actor, paramId(request))
    return { data: space.rounds.map((r) => ({ ...roundOut(r), submitted: r.submitted })) }
  })

  app.post(`${path}/rounds`, { preValidation: guard(app, 'coordinate'), schema: { operationId: 'openEvaluationRound', tags: tag, summary: 'Open a round (coordinators’ admins); every active partner is notified', params: Params, body: RoundForm, response: { 201: Type.Object({ data: RoundSchema }), ...errors } } }, async (request, reply) => {
    const id = paramId(request)
    const v = request.body as RoundFormT
    const roundId = await openRound(app.db, request.actor, id, { title: v.title, periodStart: v.period_start, periodEnd: v.period_end, opensOn: v.opens_on, closesOn: v.closes_on, disclosure: v.disclosure })
    const view = await loadRoundView(app.db, request.actor, id, roundId)
    reply.header('location', `${path.replace(':id', id)}/rounds/${roundId}`)
    return reply.status(201).send({ data: roundOut(view.round) })
  })

  app.get(`${path}/rounds/:roundId`, { preValidation: guard(app, 'evaluation'), schema: { operationId: 'getEvaluationRound', tags: tag, summary: 'One round: who submitted, and the crossed views once it is closed (never before)', params: RoundParams, response: { 200: Type.Object({ data: Any }), ...errors } } }, async (request) => {
    const view = await loadRoundView(app.db, request.actor, paramId(request), paramId(request, 'roundId'))
    return { data: { ...roundOut(view.round), respondents: view.respondents.map((r) => ({ organisation_id: r.organisationId, name: r.name, world: r.world, submitted: r.submitted })), crossed: view.crossed } }
  })

  app.patch(`${path}/rounds/:roundId`, { preValidation: guard(app, 'coordinate'), schema: { operationId: 'extendEvaluationRound', tags: tag, summary: 'Move the closing day of a round not yet closed (coordinators’ admins)', params: RoundParams, body: ExtendForm, response: { 200: Type.Object({ data: RoundSchema }), ...errors } } }, async (request) => {
    const [id, roundId] = [paramId(request), paramId(request, 'roundId')]
    await extendRound(app.db, request.actor, id, roundId, { closesOn: (request.body as { closes_on: string }).closes_on })
    return { data: roundOut((await loadRoundView(app.db, request.actor, id, roundId)).round) }
  })

  app.post(`${path}/rounds/:roundId/reminders`, { preValidation: guard(app, 'coordinate'), schema: { operationId: 'remindEvaluationRound', tags: tag, summary: 'Notify the partners that have not submitted an open round (coordinators’ admins)', params: RoundParams, response: { 200: Type.Object({ data: Type.Object({ notified: Type.Integer() }) }), ...errors } } }, async (request) => ({
    data: { notified: await remindLatePartners(app.db, request.actor, paramId(request), paramId(request, 'roundId')) },
  }))

  app.post(`${path}/rounds/:roundId/close`, { preValidation: guard(app, 'coordinate'), schema: { operationId: 'closeEvaluationRound', tags: tag, summary: 'Close a round now and establish its review (coordinators’ admins); twice is a 409', params: RoundParams, response: { 200: Type.Object({ data: RoundSchema }), ...errors } } }, async (request) => {
    const [id, roundId] = [paramId(request), paramId(request, 'roundId')]
    await closeRound(app.db, request.actor, id, roundId)
    return { data: roundOut((await loadRoundView(app.db, request.actor, id, roundId)).round) }
  })

  const AnswerSchema = Type.Object({ organisation_id: Type.String(), status: Type.Union([Type.Literal('none'), Type.Literal('draft'), Type.Literal('submitted')]), ratings: Any, impacts: Any, what_worked: Type.String(), difficulties: Type.String(), lessons: Type.String(), submitted_at: Type.Union([Type.String(), Type.Null()]) })
  async function ownAnswer(request: FastifyRequest) {
    const [id, roundId, organisationId] = [paramId(request), paramId(request, 'roundId'), paramId(request, 'organisationId')]
    const access = await loadAllianceAccess(app.db, request.actor, id)
    const scope = authorizeActingFor(request.actor, access, organisationId, { admin: false })
    if (!(await findRound(app.db, scope, roundId))) throw notFound()
    const a = await findOwnAnswer(app.db, scope, roundId, organisationId)
    const levels = (m: Map<string, { level: number | null; comment: string }> | undefined) => Object.fromEntries([...(m ?? new Map())].map(([k, v]) => [k, { level: v.level, comment: v.comment }]))
    return { organisation_id: organisationId, status: a?.status ?? ('none' as const), ratings: levels(a?.ratings), impacts: levels(a?.impacts), what_worked: a?.what_worked ?? '', difficulties: a?.difficulties ?? '', lessons: a?.lessons ?? '', submitted_at: a?.submitted_at ?? null }
  }

  app.get(`${path}/rounds/:roundId/answers/:organisationId`, { preValidation: guard(app, 'answer'), schema: { operationId: 'getOwnEvaluationAnswer', tags: tag, summary: 'The answer of one of your partner organisations (another organisation’s answer is a 404)', params: AnswerParams, response: { 200: Type.Object({ data: AnswerSchema }), ...errors } } }, async (request) => ({
    data: await ownAnswer(request),
  }))

  app.put(`${path}/rounds/:roundId/answers/:organisationId`, { preValidation: guard(app, 'answer'), schema: { operationId: 'saveEvaluationAnswer', tags: tag, summary: 'Save your organisation’s answer as a draft (members), or submit it (`submit: true`, admins); levels outside the scale are refused', params: AnswerParams, body: AnswerApiInput, response: { 200: Type.Object({ data: AnswerSchema }), ...errors } } }, async (request) => {
    await saveAnswer(app.db, request.actor, paramId(request), paramId(request, 'roundId'), paramId(request, 'organisationId'), answerFromApi(request.body as AnswerApiInputT))
    return { data: await ownAnswer(request) }
  })

  app.get(`${path}/rounds/:roundId/review`, { config: { public: true }, preValidation: guard(app, 'view'), schema: { operationId: 'getEvaluationReview', tags: tag, summary: 'The review of a round (partners while a draft; everyone once published on a public alliance)', params: RoundParams, response: { 200: Type.Object({ data: Any }), ...errors } } }, async (request) => {
    const { review } = await readReview(app.db, request.actor, paramId(request), paramId(request, 'roundId'))
    if (!review) throw notFound()
    return { data: reviewJson(review) }
  })

  app.post(`${path}/rounds/:roundId/review`, { preValidation: guard(app, 'coordinate'), schema: { operationId: 'buildEvaluationReview', tags: tag, summary: 'Establish the review of a closed round, or a new version of it (coordinators’ admins)', params: RoundParams, response: { 201: Type.Object({ data: Type.Object({ version: Type.Integer() }) }), ...errors } } }, async (request, reply) =>
    reply.status(201).send({ data: { version: await buildReview(app.db, request.actor, paramId(request), paramId(request, 'roundId')) } }),
  )

  app.post(`${path}/rounds/:roundId/review/approvals`, { preValidation: guard(app, 'evaluation'), schema: { operationId: 'approveEvaluationReview', tags: tag, summary: 'Approve the current version for one of your organisations (its admins); twice is a 409', params: RoundParams, body: ApproveForm, response: { 201: Type.Object({ data: Type.Object({ organisation_id: Type.String(), version: Type.Integer() }) }), ...errors } } }, async (request, reply) => {
    const v = request.body as ApproveFormT
    await approveReview(app.db, request.actor, paramId(request), paramId(request, 'roundId'), { organisationId: v.organisation_id, version: v.version })
    return reply.status(201).send({ data: { organisation_id: v.organisation_id, version: v.version } })
  })

  app.post(`${path}/rounds/:roundId/review/publication`, { preValidation: guard(app, 'coordinate'), schema: { operationId: 'publishEvaluationReview', tags: tag, summary: 'Publish the review once every active partner approved it (public alliances only)', params: RoundParams, response: { 200: Type.Object({ data: Type.Object({ published: Type.Boolean() }) }), ...errors } } }, async (request) => {
    await publishReview(app.db, request.actor, paramId(request), paramId(request, 'roundId'))
    return { data: { published: true } }
  })

  const IndicatorSchema = Type.Object({
    id: Type.String(),
    name: Type.String(),
    unit: Type.String(),
    direction: Type.Union(DIRECTION_CODES.map((c) => Type.Literal(c))),
    baseline_hundredths: Type.Union([Type.Integer(), Type.Null()]),
    baseline_on: Type.Union([Type.String(), Type.Null()]),
    target_hundredths: Type.Union([Type.Integer(), Type.Null()]),
    target_on: Type.Union([Type.String(), Type.Null()]),
    sdg_target: Type.Union([Type.String(), Type.Null()]),
    source: Type.String(),
    values: Type.Array(Type.Object({ measured_on: Type.String(), value_hundredths: Type.Integer(), source: Type.String(), organisation_id: Type.String(), organisation_name: Type.String(), note: Type.String() })),
  })
  const indicatorOut = (i: Awaited<ReturnType<typeof listIndicators>>[number]) => ({
    id: i.id,
    name: i.name,
    unit: i.unit,
    direction: i.direction,
    baseline_hundredths: i.baseline_hundredths,
    baseline_on: i.baseline_on,
    target_hundredths: i.target_hundredths,
    target_on: i.target_on,
    sdg_target: i.sdg_target,
    source: i.source,
    values: i.values.map((v) => ({ measured_on: v.measured_on, value_hundredths: v.value_hundredths, source: v.source, organisation_id: v.organisation_id, organisation_name: v.organisation_name, note: v.note })),
  })
  async function indicatorsOf(request: FastifyRequest) {
    const access = await loadAllianceAccess(app.db, request.actor, paramId(request))
    return listIndicators(app.db, authorizeView(request.actor, access))
  }
  const indicatorInput = (v: IndicatorFormT) => ({ name: v.name, unit: v.unit, direction: v.direction, baseline: v.baseline, baselineOn: v.baseline_on, target: v.target, targetOn: v.target_on, sdgTarget: v.sdg_target, source: v.source })

  app.get(`${path}/indicators`, { config: { public: true }, schema: { operationId: 'listAllianceIndicators', tags: tag, summary: 'The alliance’s indicators with their values (read like the alliance)', params: Params, response: { 200: Type.Object({ data: Type.Array(IndicatorSchema) }), 404: Problem } } }, async (request) => ({
    data: (await indicatorsOf(request)).map(indicatorOut),
  }))

  app.post(`${path}/indicators`, { preValidation: guard(app, 'coordinate'), schema: { operationId: 'createAllianceIndicator', tags: tag, summary: 'Define an indicator (coordinators’ admins)', params: Params, body: IndicatorForm, response: { 201: Type.Object({ data: IndicatorSchema }), ...errors } } }, async (request, reply) => {
    const id = await createIndicator(app.db, request.actor, paramId(request), indicatorInput(request.body as IndicatorFormT))
    return reply.status(201).send({ data: indicatorOut((await indicatorsOf(request)).find((i) => i.id === id) as Awaited<ReturnType<typeof listIndicators>>[number]) })
  })

  app.patch(`${path}/indicators/:indicatorId`, { preValidation: guard(app, 'coordinate'), schema: { operationId: 'updateAllianceIndicator', tags: tag, summary: 'Change an indicator’s definition (coordinators’ admins); values stay', params: IndicatorParams, body: IndicatorForm, response: { 200: Type.Object({ data: IndicatorSchema }), ...errors } } }, async (request) => {
    const indicatorId = paramId(request, 'indicatorId')
    await updateIndicator(app.db, request.actor, paramId(request), indicatorId, indicatorInput(request.body as IndicatorFormT))
    return { data: indicatorOut((await indicatorsOf(request)).find((i) => i.id === indicatorId) as Awaited<ReturnType<typeof listIndicators>>[number]) }
  })

  app.post(`${path}/indicators/:indicatorId/values`, { preValidation: guard(app, 'evaluation'), schema: { operationId: 'recordIndicatorValue', tags: tag, summary: 'Record a dated value with its source, for one of your partner organisations (members)', params: IndicatorParams, body: Type.Omit(ValueForm, ['indicator_id']), response: { 201: Type.Object({ data: Type.Object({ id: Type.String() }) }), ...errors } } }, async (request, reply) => {
    const v = request.body as Omit<ValueFormT, 'indicator_id'>
    const id = await recordIndicatorValue(app.db, request.actor, paramId(request), paramId(request, 'indicatorId'), { organisationId: v.organisation_id, measuredOn: v.measured_on, value: v.value, source: v.source, note: v.note })
    return reply.status(201).send({ data: { id } })
  })
}
