/**
 * Pages of evaluation rounds and reviews, under `/evaluation/:id` (the alliance's id): the evaluation space,
 * opening a round, one round (crossed views once closed), a partner's answer, the coordinators' actions, the
 * review (print, JSON, establish, approve, publish). Every form posts, then redirects (303) or shows itself
 * again with every error.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { formValuesOf, paramId, parseForm, parseOrThrow, withFieldErrors } from '../../core/http/forms.js'
import { notFound } from '../../core/errors.js'
import { emptyForm, type FormState } from '../../core/views/forms.js'
import { authorizeCoordinate, loadAllianceAccess, todayInFrance } from '../alliances/index.js'
import { saveAnswer } from './answers.service.js'
import { gridOf } from './evaluation.grid.js'
import { authorizeActingFor, authorizeEvaluation, partnerOrganisations } from './evaluation.policy.js'
import { findOwnAnswer, findRound, roundStatus } from './evaluation.queries.js'
import { loadEvaluationSpace, loadRoundView, readReview, reviewJson } from './evaluation.read.js'
import { answerFormSchema, answerFormValues, answerFromForm, ApproveForm, ExtendForm, RoundForm } from './evaluation.schemas.js'
import { approveReview, buildReview, publishReview } from './review.service.js'
import { closeRound, extendRound, openRound, remindLatePartners } from './rounds.service.js'
import { ReviewPage } from './views/ReviewPage.js'
import { AnswerPage, HubPage, NewRoundPage, RoundPage } from './views/RoundPages.js'

const roundBase = (allianceId: string, roundId: string) => `/evaluation/${allianceId}/temps/${roundId}`

export async function evaluationPages(app: FastifyInstance): Promise<void> {
  app.get('/evaluation/:id', async (request, reply) => reply.page(<HubPage space={await loadEvaluationSpace(app.db, request.actor, paramId(request))} />))

  async function newRoundView(request: FastifyRequest, reply: FastifyReply, state: FormState | null, status = 200) {
    const access = await loadAllianceAccess(app.db, request.actor, paramId(request))
    authorizeCoordinate(request.actor, access)
    const today = todayInFrance()
    const initial = { values: { opens_on: today, period_end: today, disclosure: 'named' }, errors: [] }
    return reply.page(<NewRoundPage alliance={access.alliance} state={state ?? initial} />, status)
  }
  app.get('/evaluation/:id/nouveau-temps', async (request, reply) => newRoundView(request, reply, null))
  app.post('/evaluation/:id/temps', async (request, reply) => {
    const id = paramId(request)
    authorizeCoordinate(request.actor, await loadAllianceAccess(app.db, request.actor, id))
    const values = formValuesOf(request.body)
    const parsed = parseForm(RoundForm, request.body)
    if (!parsed.ok) return newRoundView(request, reply, { values, errors: parsed.errors }, 400)
    const v = parsed.value
    const result = await withFieldErrors(() => openRound(app.db, request.actor, id, { title: v.title, periodStart: v.period_start, periodEnd: v.period_end, opensOn: v.opens_on, closesOn: v.closes_on, disclosure: v.disclosure }))
    if (!result.ok) return newRoundView(request, reply, { values, errors: result.errors }, result.status)
    reply.setFlash({ kind: 'success', message: 'evaluation.flash.opened' })
    return reply.redirect(roundBase(id, result.value), 303)
  })

  async function roundView(request: FastifyRequest, reply: FastifyReply, extend: FormState = emptyForm, status = 200) {
    const view = await loadRoundView(app.db, request.actor, paramId(request), paramId(request, 'roundId'))
    return reply.page(<RoundPage view={view} extend={extend.values.closes_on ? extend : { values: { closes_on: view.round.closes_on }, errors: extend.errors }} />, status)
  }
  app.get('/evaluation/:id/temps/:roundId', async (request, reply) => roundView(request, reply))

  app.post('/evaluation/:id/temps/:roundId/echeance', async (request, reply) => {
    const [id, roundId] = [paramId(request), paramId(request, 'roundId')]
    authorizeCoordinate(request.actor, await loadAllianceAccess(app.db, request.actor, id))
    const values = formValuesOf(request.body)
    const parsed = parseForm(ExtendForm, request.body)
    if (!parsed.ok) return roundView(request, reply, { values, errors: parsed.errors }, 400)
    const result = await withFieldErrors(() => extendRound(app.db, request.actor, id, roundId, { closesOn: parsed.value.closes_on }))
    if (!result.ok) return roundView(request, reply, { values, errors: result.errors }, result.status)
    reply.setFlash({ kind: 'success', message: 'evaluation.flash.extended' })
    return reply.redirect(roundBase(id, roundId), 303)
  })

  app.post('/evaluation/:id/temps/:roundId/relance', async (request, reply) => {
    const [id, roundId] = [paramId(request), paramId(request, 'roundId')]
    const count = await remindLatePartners(app.db, request.actor, id, roundId)
    reply.setFlash({ kind: 'success', message: 'evaluation.flash.reminded', params: { count } })
    return reply.redirect(roundBase(id, roundId), 303)
  })

  app.post('/evaluation/:id/temps/:roundId/cloture', async (request, reply) => {
    const [id, roundId] = [paramId(request), paramId(request, 'roundId')]
    await closeRound(app.db, request.actor, id, roundId)
    reply.setFlash({ kind: 'success', message: 'evaluation.flash.closed' })
    return reply.redirect(roundBase(id, roundId), 303)
  })

  async function answerView(request: FastifyRequest, reply: FastifyReply, state: FormState | null, status = 200) {
    const [id, roundId, organisationId] = [paramId(request), paramId(request, 'roundId'), paramId(request, 'organisationId')]
    const access = await loadAllianceAccess(app.db, request.actor, id)
    const scope = authorizeActingFor(request.actor, access, organisationId, { admin: false })
    const round = await findRound(app.db, scope, roundId)
    if (!round) throw notFound()
    const grid = gridOf(round.grid_version)
    const answer = await findOwnAnswer(app.db, scope, roundId, organisationId)
    const admin = partnerOrganisations(request.actor, access, { admin: true }).includes(organisationId)
    const readOnly = roundStatus(round, todayInFrance()) !== 'open' || (answer?.status === 'submitted' && !admin)
    const organisation = { id: organisationId, name: (await app.db.selectFrom('organisations').select('name').where('id', '=', organisationId).executeTakeFirst())?.name ?? '' }
    const roundTitle = `${round.number}. ${round.title}`
    return reply.page(<AnswerPage alliance={access.alliance} roundId={roundId} roundTitle={roundTitle} grid={grid} organisation={organisation} admin={admin} readOnly={readOnly} closesOn={round.closes_on} state={state ?? { values: answerFormValues(grid, answer), errors: [] }} />, status)
  }
  app.get('/evaluation/:id/temps/:roundId/reponse/:organisationId', async (request, reply) => answerView(request, reply, null))
  app.post('/evaluation/:id/temps/:roundId/reponse/:organisationId', async (request, reply) => {
    const [id, roundId, organisationId] = [paramId(request), paramId(request, 'roundId'), paramId(request, 'organisationId')]
    const access = await loadAllianceAccess(app.db, request.actor, id)
    const scope = authorizeActingFor(request.actor, access, organisationId, { admin: false })
    const round = await findRound(app.db, scope, roundId)
    if (!round) throw notFound()
    const grid = gridOf(round.grid_version)
    const values = formValuesOf(request.body)
    const parsed = parseForm(answerFormSchema(grid), request.body)
    if (!parsed.ok) return answerView(request, reply, { values, errors: parsed.errors }, 400)
    const input = answerFromForm(grid, parsed.value as Record<string, string | undefined>)
    const result = await withFieldErrors(() => saveAnswer(app.db, request.actor, id, roundId, organisationId, input))
    if (!result.ok) return answerView(request, reply, { values, errors: result.errors }, result.status)
    reply.setFlash({ kind: 'success', message: input.submit ? 'evaluation.answer.submitted' : 'evaluation.answer.saved' })
    return reply.redirect(roundBase(id, roundId), 303)
  })

  app.get('/evaluation/:id/temps/:roundId/bilan', { config: { public: true } }, async (request, reply) => {
    const [id, roundId] = [paramId(request), paramId(request, 'roundId')]
    const { access, review } = await readReview(app.db, request.actor, id, roundId)
    if (!review) throw notFound()
    const admins = new Set(partnerOrganisations(request.actor, access, { admin: true }))
    const approved = new Set(review.approvals.map((a) => a.organisation_id))
    const approveFor = review.pending.filter((p) => admins.has(p.organisationId) && !approved.has(p.organisationId)).map((p) => ({ value: p.organisationId, label: p.name }))
    const coordinate = access.own.some((p) => p.status === 'active' && p.role === 'coordinateur' && request.actor.memberships.get(p.organisation_id) === 'admin')
    return reply.page(<ReviewPage review={review} base={roundBase(id, roundId)} actions={{ approveFor, coordinate }} />)
  })

  app.get('/evaluation/:id/temps/:roundId/bilan.json', { config: { public: true } }, async (request, reply) => {
    const { review } = await readReview(app.db, request.actor, paramId(request), paramId(request, 'roundId'))
    if (!review) throw notFound()
    return reply.type('application/json; charset=utf-8').send(reviewJson(review))
  })

  app.post('/evaluation/:id/temps/:roundId/bilan/etablir', async (request, reply) => {
    const [id, roundId] = [paramId(request), paramId(request, 'roundId')]
    await buildReview(app.db, request.actor, id, roundId)
    reply.setFlash({ kind: 'success', message: 'evaluation.review.built' })
    return reply.redirect(`${roundBase(id, roundId)}/bilan`, 303)
  })

  app.post('/evaluation/:id/temps/:roundId/bilan/approbation', async (request, reply) => {
    const [id, roundId] = [paramId(request), paramId(request, 'roundId')]
    authorizeEvaluation(request.actor, await loadAllianceAccess(app.db, request.actor, id))
    const form = parseOrThrow(ApproveForm, request.body)
    await approveReview(app.db, request.actor, id, roundId, { organisationId: form.organisation_id, version: form.version })
    reply.setFlash({ kind: 'success', message: 'evaluation.review.approved' })
    return reply.redirect(`${roundBase(id, roundId)}/bilan`, 303)
  })

  app.post('/evaluation/:id/temps/:roundId/bilan/publication', async (request, reply) => {
    const [id, roundId] = [paramId(request), paramId(request, 'roundId')]
    await publishReview(app.db, request.actor, id, roundId)
    reply.setFlash({ kind: 'success', message: 'evaluation.review.publishedDone' })
    return reply.redirect(`${roundBase(id, roundId)}/bilan`, 303)
  })
}

