/** API of dialogues (participants, findings, views, self-diagnosis, maturity, consent) and of the maturity grid. */
import type { FastifyInstance, FastifyRequest } from 'fastify'
import Type from 'typebox'
import { AppError } from '../../../core/errors.js'
import { paramId } from '../../../core/http/forms.js'
import { IdParams, Nullable, Ok, Problem, TAG, WRITE_ERRORS } from '../api.common.js'
import { actingParticipants, authorizeGridEdit, authorizeRunDialogue, authorizeSpaceTeam, authorizeViewDialogue, canViewDialogue } from '../catalysis.policy.js'
import { loadSpace } from '../spaces/spaces.service.js'
import { findResult, listFindings, listParticipants } from './dialogues.queries.js'
import { CloseInput, ConsentInput, DialogueApiInput, FindingInput, GridApiInput, LaunchInput, ParticipantsInput, PriorityInput, ViewInput } from './dialogues.schemas.js'
import { addParticipants, closeDialogue, createDialogue, giveView, loadDialogue, prioritiseFinding, raiseFinding } from './dialogues.service.js'
import type { Grid } from './maturity.grid.js'
import { answerConsent, computeMaturity, currentGrid, launchSelfDiagnosis, saveGrid } from './maturity.service.js'

export async function dialogueApi(app: FastifyInstance, options: { publicUrl: string }): Promise<void> {
  const db = app.db
  const run = async (request: FastifyRequest) => authorizeRunDialogue(request.actor, await loadDialogue(db, paramId(request)))
  const speak = (admin: boolean) => async (request: FastifyRequest) => {
    const access = await loadDialogue(db, paramId(request))
    authorizeViewDialogue(request.actor, access)
    if (actingParticipants(request.actor, access, { admin }).length === 0) throw new AppError('ALLIANCE_ERR_FORBIDDEN', admin ? 'catalysis.error.participantAdminOnly' : 'catalysis.error.participantOnly')
  }

  app.post('/api/v1/spaces/:id/dialogues', { preValidation: async (request) => authorizeSpaceTeam(request.actor, await loadSpace(db, paramId(request))), schema: { operationId: 'createDialogue', tags: [TAG], summary: 'Open a governance dialogue in a space (its team)', params: IdParams, body: DialogueApiInput, response: { 201: Type.Object({ id: Type.String(), href: Type.String() }), ...WRITE_ERRORS } } }, async (request, reply) => {
    const v = request.body as { title: string; purpose?: string; territory_id?: string | null; subject_organisation_id?: string | null; started_on: string; participant_ids?: string[] }
    const id = await createDialogue(db, request.actor, paramId(request), { title: v.title, purpose: v.purpose ?? '', territoryId: v.territory_id ?? null, subjectOrganisationId: v.subject_organisation_id ?? null, startedOn: v.started_on, participantIds: v.participant_ids ?? [] })
    return reply.status(201).send({ id, href: `/dialogues/${id}` })
  })

  app.get('/api/v1/dialogues/:id', { config: { public: true }, schema: { operationId: 'getDialogue', tags: [TAG], summary: 'A dialogue: participants, diagnosis and maturity result (team and participants; others only its published result, else 404)', params: IdParams, response: { 404: Problem } } }, async (request) => {
    const access = await loadDialogue(db, paramId(request))
    const full = canViewDialogue(request.actor, access)
    if (!full && !access.published) authorizeViewDialogue(request.actor, access)
    const d = access.dialogue
    const [participants, findings, result] = await Promise.all([listParticipants(db, d.id), listFindings(db, d.id), findResult(db, d.id)])
    return {
      data: { id: d.id, title: d.title, purpose: d.purpose, space_id: d.space_id, territory_id: d.territory_id, subject_organisation_id: d.subject_organisation_id, status: d.status, started_on: d.started_on, closed_on: d.closed_on, campaign_id: full ? d.campaign_id : null },
      participants: participants.map((p) => ({ organisation_id: p.id, name: p.name, world: p.world, consent: p.consent })),
      findings: findings.map((f) => ({ id: f.id, kind: f.kind, title: f.title, description: f.description, domain: f.domain, sdg_mask: f.sdg_mask, priority: f.priority, organisation_id: f.organisation_id, world: f.world, views: f.views })),
      maturity: result && (full || result.published_at) ? { grid_version: result.grid_version, score: result.score_tenths / 10, level: result.level, respondents: result.respondents, criteria: JSON.parse(result.criteria) as unknown, lever_first_tenths: JSON.parse(result.lever_first) as unknown, published_at: result.published_at } : null,
    }
  })

  app.post('/api/v1/dialogues/:id/participants', { preValidation: run, schema: { operationId: 'addDialogueParticipants', tags: [TAG], summary: 'Add participating organisations (the team)', params: IdParams, body: ParticipantsInput, response: { 201: Type.Object({ added: Type.Integer() }), ...WRITE_ERRORS } } }, async (request, reply) => {
    return reply.status(201).send({ added: await addParticipants(db, request.actor, paramId(request), (request.body as { organisation_ids: string[] }).organisation_ids) })
  })
  app.post('/api/v1/dialogues/:id/findings', { preValidation: speak(false), schema: { operationId: 'raiseFinding', tags: [TAG], summary: 'Raise a fragility, asset or specificity for a participating organisation', params: IdParams, body: FindingInput, response: { 201: Type.Object({ id: Type.String() }), ...WRITE_ERRORS } } }, async (request, reply) => {
    const v = request.body as { organisation_id: string; kind: string; title: string; description?: string; domain: string; sdgs: number[]; priority: string }
    return reply.status(201).send({ id: await raiseFinding(db, request.actor, paramId(request), { organisationId: v.organisation_id, kind: v.kind, title: v.title, description: v.description ?? '', domain: v.domain, sdgs: v.sdgs, priority: v.priority }) })
  })
  const findingParams = Type.Object({ id: Type.String(), findingId: Type.String() })
  app.put('/api/v1/dialogues/:id/findings/:findingId/view', { preValidation: speak(false), schema: { operationId: 'giveView', tags: [TAG], summary: 'Give a participating organisation’s view of a finding (importance 1–4, comment)', params: findingParams, body: ViewInput, response: { 200: Ok, ...WRITE_ERRORS } } }, async (request) => {
    const v = request.body as { organisation_id: string; importance: number; comment?: string }
    await giveView(db, request.actor, paramId(request), paramId(request, 'findingId'), { organisationId: v.organisation_id, importance: v.importance, comment: v.comment ?? '' })
    return { ok: true }
  })
  app.put('/api/v1/dialogues/:id/findings/:findingId/priority', { preValidation: run, schema: { operationId: 'prioritiseFinding', tags: [TAG], summary: 'Set a finding’s priority (the team)', params: findingParams, body: PriorityInput, response: { 200: Ok, ...WRITE_ERRORS } } }, async (request) => {
    await prioritiseFinding(db, request.actor, paramId(request), paramId(request, 'findingId'), (request.body as { priority: string }).priority)
    return { ok: true }
  })
  app.post('/api/v1/dialogues/:id/self-diagnosis', { preValidation: run, schema: { operationId: 'launchSelfDiagnosis', tags: [TAG], summary: 'Launch the maturity self-diagnosis (a survey campaign) until `closes_on`', params: IdParams, body: LaunchInput, response: { 201: Type.Object({ campaign_id: Type.String() }), ...WRITE_ERRORS } } }, async (request, reply) => {
    return reply.status(201).send({ campaign_id: await launchSelfDiagnosis(db, request.actor, paramId(request), (request.body as { closes_on: string }).closes_on) })
  })
  app.post('/api/v1/dialogues/:id/maturity', { preValidation: run, schema: { operationId: 'computeMaturity', tags: [TAG], summary: 'Score the self-diagnosis with the current grid; participants are asked to consent to publication', params: IdParams, response: { 200: Type.Object({ score: Type.Number(), level: Type.String(), respondents: Type.Integer() }), ...WRITE_ERRORS } } }, async (request) => {
    const s = await computeMaturity(db, request.actor, paramId(request), options.publicUrl)
    return { score: s.score, level: s.level.code, respondents: s.respondents }
  })
  app.put('/api/v1/dialogues/:id/consent', { preValidation: speak(true), schema: { operationId: 'answerConsent', tags: [TAG], summary: 'A participating organisation agrees to or refuses publication (its admins); published when all agree', params: IdParams, body: ConsentInput, response: { 200: Type.Object({ published: Type.Boolean() }), ...WRITE_ERRORS } } }, async (request) => {
    const v = request.body as { organisation_id: string; consent: 'accord' | 'refus' }
    return answerConsent(db, request.actor, paramId(request), v.organisation_id, v.consent)
  })
  app.post('/api/v1/dialogues/:id/close', { preValidation: run, schema: { operationId: 'closeDialogue', tags: [TAG], summary: 'Close the dialogue (the team)', params: IdParams, body: CloseInput, response: { 200: Ok, ...WRITE_ERRORS } } }, async (request) => {
    await closeDialogue(db, request.actor, paramId(request), (request.body as { closed_on: string }).closed_on)
    return { ok: true }
  })

  app.get('/api/v1/maturity-grid', { config: { public: true }, schema: { operationId: 'getMaturityGrid', tags: [TAG], summary: 'The current maturity grid (criteria, levels and ranges; which level is sourced and which are the platform’s proposal)', response: { 200: Type.Object({ version: Type.Integer(), note: Type.String(), grid: Type.Unknown(), documented_levels: Type.Array(Type.Object({ code: Type.String(), source: Nullable(Type.String()) })) }) } } }, async () => {
    const g = await currentGrid(db)
    return { version: g.version, note: g.note, grid: g.grid, documented_levels: g.grid.levels.map((l) => ({ code: l.code, source: l.source })) }
  })
  app.post('/api/v1/maturity-grid', { preValidation: async (request) => authorizeGridEdit(request.actor), schema: { operationId: 'saveMaturityGrid', tags: [TAG], summary: 'Save a new version of the grid (platform admins); overlapping or missing ranges are refused', body: GridApiInput, response: { 201: Type.Object({ version: Type.Integer() }), ...WRITE_ERRORS } } }, async (request, reply) => {
    const v = request.body as { grid: Grid; note: string }
    return reply.status(201).send({ version: await saveGrid(db, request.actor, v.grid, v.note) })
  })
}
