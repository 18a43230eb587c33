/**
 * JSON API of governance dialogues (participants, findings, views, priorities, self-diagnosis, maturity,
 * consent, closing) and of the maturity grid (OpenAPI tag `catalysis`). The pages' rights, checked before the
 * body: a dialogue answers 404 to whoever is neither in its space's team nor a participant (its published
 * result excepted).
 */
import type { FastifyInstance, FastifyRequest } from 'fastify'
import Type from 'typebox'
import { AppError, notFound } from '../../../core/errors.js'
import { apiRoute, paramId } from '../../../core/http/routes.js'
import { Id, IdParams } from '../../../core/http/schemas.js'
import { actingParticipants, authorizeGridEdit, authorizeRunDialogue, authorizeSpaceTeam, authorizeViewDialogue, canViewDialogue } from '../catalysis.policy.js'
import { Done, organisationRef, TAG } from '../catalysis.schemas.js'
import { loadSpace } from '../spaces/spaces.service.js'
import { findResult, listFindings, listParticipants, sdgsOfMask } from './dialogues.queries.js'
import { CloseInput, ConsentInput, DialogueApiInput, DialogueSchema, FindingInput, FindingParams, GridApiInput, LaunchInput, MaturityGridSchema, ParticipantsInput, PriorityInput, ViewInput, type DialogueAnswer } from './dialogues.schemas.js'
import { addParticipants, closeDialogue, createDialogue, giveView, loadDialogue, prioritiseFinding, raiseFinding } from './dialogues.service.js'
import { answerConsent, computeMaturity, currentGrid, launchSelfDiagnosis, saveGrid } from './maturity.service.js'

export async function dialogueApi(app: FastifyInstance): Promise<void> {
  const db = app.db
  const dialogueOf = (request: FastifyRequest) => loadDialogue(db, paramId(request))
  const runnerOf = async (request: FastifyRequest) => {
    const access = await dialogueOf(request)
    authorizeRunDialogue(request.actor, access)
    return access
  }
  const speakerOf = (admin: boolean) => async (request: FastifyRequest) => {
    const access = await dialogueOf(request)
    authorizeViewDialogue(request.actor, access)
    if (actingParticipants(request.actor, access, { admin }).length === 0) throw new AppError('ALLIANCE_ERR_FORBIDDEN', admin ? 'catalysis.error.participantAdminOnly' : 'catalysis.error.participantOnly')
    return access
  }
  /** The finding of the URL in the dialogue (404 otherwise), after the rights `check` asks. */
  const findingOf = (check: (request: FastifyRequest) => ReturnType<typeof dialogueOf>) => async (request: FastifyRequest) => {
    const access = await check(request)
    const findingId = paramId(request, 'findingId')
    if (!(await listFindings(db, access.dialogue.id)).some((f) => f.id === findingId)) throw notFound()
    return { access, findingId }
  }

  apiRoute(app, {
    method: 'POST',
    url: '/api/v1/spaces/:id/dialogues',
    operationId: 'createDialogue',
    tags: [TAG],
    summary: 'Open a governance dialogue in a space (its team)',
    params: IdParams,
    body: DialogueApiInput,
    formFields: [[/^territory$/, 'territory_id']],
    response: { 201: Type.Object({ id: Id, href: Type.String() }, { description: 'Opened' }) },
    invalidates: [],
    authorize: async (request) => {
      const space = await loadSpace(db, paramId(request))
      authorizeSpaceTeam(request.actor, space)
      return space
    },
    handler: async (request, _reply, space) => {
      const v = request.body
      const id = await createDialogue(db, request.actor, space.space.id, { title: v.title, purpose: v.purpose ?? '', territoryId: v.territory_id ?? null, subjectOrganisationId: v.subject_organisation_id ?? null, startedOn: v.started_on, participantIds: v.participant_ids ?? [] })
      return { id, href: `/dialogues/${id}` }
    },
  })

  apiRoute(app, {
    method: 'GET',
    url: '/api/v1/dialogues/:id',
    public: true,
    operationId: 'getDialogue',
    tags: [TAG],
    summary: 'A dialogue: participants, diagnosis and maturity result (its team and participants; others only its published result, else 404)',
    params: IdParams,
    response: { 200: DialogueSchema },
    authorize: async (request) => {
      const access = await dialogueOf(request)
      if (!canViewDialogue(request.actor, access) && !access.published) authorizeViewDialogue(request.actor, access)
      return access
    },
    handler: async (request, _reply, access): Promise<DialogueAnswer> => {
      const full = canViewDialogue(request.actor, access)
      const d = access.dialogue
      const [participants, findings, result] = await Promise.all([listParticipants(db, d.id), listFindings(db, d.id), findResult(db, d.id)])
      const tenths = (json: string) => Object.fromEntries(Object.entries(JSON.parse(json) as Record<string, number | null>).map(([k, v]) => [k, v === null ? null : v / 10]))
      return {
        data: { id: d.id, title: d.title, purpose: d.purpose, space_id: d.space_id, territory_id: d.territory_id, subject_organisation_id: d.subject_organisation_id, status: d.status, started_on: d.started_on, closed_on: d.closed_on, campaign_id: full ? d.campaign_id : null, href: `/dialogues/${d.id}` },
        participants: participants.map((p) => ({ organisation: organisationRef(p), consent: p.consent })),
        findings: findings.map((f) => ({ id: f.id, kind: f.kind, title: f.title, description: f.description, domain: f.domain, sdgs: sdgsOfMask(f.sdg_mask), priority: f.priority, organisation_id: f.organisation_id, world: f.world, views: f.views.map((v) => ({ organisation_id: v.organisation_id, world: v.world, importance: v.importance, comment: v.comment })) })),
        maturity:
          result && (full || result.published_at)
            ? { grid_version: result.grid_version, score: result.score_tenths / 10, level: result.level, respondents: result.respondents, criteria: tenths(result.criteria), lever_first: tenths(result.lever_first) as Record<string, number>, published_at: result.published_at }
            : null,
      }
    },
  })

  apiRoute(app, {
    method: 'POST',
    url: '/api/v1/dialogues/:id/participants',
    operationId: 'addDialogueParticipants',
    tags: [TAG],
    summary: 'Add participating organisations (the team)',
    params: IdParams,
    body: ParticipantsInput,
    response: { 201: Type.Object({ added: Type.Integer({ minimum: 0 }) }, { description: 'How many were added' }) },
    invalidates: [],
    authorize: runnerOf,
    handler: async (request, _reply, access) => ({ added: await addParticipants(db, request.actor, access.dialogue.id, request.body.organisation_ids) }),
  })

  apiRoute(app, {
    method: 'POST',
    url: '/api/v1/dialogues/:id/findings',
    operationId: 'raiseFinding',
    tags: [TAG],
    summary: 'Raise a fragility, asset or specificity for a participating organisation (its members)',
    params: IdParams,
    body: FindingInput,
    response: { 201: Type.Object({ id: Id }, { description: 'Raised' }) },
    invalidates: [],
    authorize: speakerOf(false),
    handler: async (request, _reply, access) => {
      const v = request.body
      return { id: await raiseFinding(db, request.actor, access.dialogue.id, { organisationId: v.organisation_id, kind: v.kind, title: v.title, description: v.description ?? '', domain: v.domain, sdgs: v.sdgs, priority: v.priority }) }
    },
  })

  apiRoute(app, {
    method: 'PUT',
    url: '/api/v1/dialogues/:id/findings/:findingId/view',
    operationId: 'giveView',
    tags: [TAG],
    summary: 'Give a participating organisation’s view of a finding (importance 1–4, comment)',
    params: FindingParams,
    body: ViewInput,
    response: { 200: Done },
    invalidates: [],
    authorize: findingOf(speakerOf(false)),
    handler: async (request, _reply, { access, findingId }) => {
      const v = request.body
      await giveView(db, request.actor, access.dialogue.id, findingId, { organisationId: v.organisation_id, importance: v.importance, comment: v.comment ?? '' })
      return { ok: true as const }
    },
  })

  apiRoute(app, {
    method: 'PUT',
    url: '/api/v1/dialogues/:id/findings/:findingId/priority',
    operationId: 'prioritiseFinding',
    tags: [TAG],
    summary: 'Set a finding’s priority (the team)',
    params: FindingParams,
    body: PriorityInput,
    response: { 200: Done },
    invalidates: [],
    authorize: findingOf(runnerOf),
    handler: async (request, _reply, { access, findingId }) => {
      await prioritiseFinding(db, request.actor, access.dialogue.id, findingId, request.body.priority)
      return { ok: true as const }
    },
  })

  apiRoute(app, {
    method: 'POST',
    url: '/api/v1/dialogues/:id/self-diagnosis',
    operationId: 'launchSelfDiagnosis',
    tags: [TAG],
    summary: 'Launch the maturity self-diagnosis (a survey campaign of the participants) until `closes_on`',
    params: IdParams,
    body: LaunchInput,
    response: { 201: Type.Object({ campaign_id: Id }, { description: 'The survey campaign' }) },
    errors: [409],
    invalidates: [],
    authorize: runnerOf,
    handler: async (request, _reply, access) => ({ campaign_id: await launchSelfDiagnosis(db, request.actor, access.dialogue.id, request.body.closes_on) }),
  })

  apiRoute(app, {
    method: 'POST',
    url: '/api/v1/dialogues/:id/maturity',
    operationId: 'computeMaturity',
    tags: [TAG],
    summary: 'Score the self-diagnosis with the current grid; each participating organisation’s admins are asked to consent to publication',
    params: IdParams,
    response: { 200: Type.Object({ score: Type.Number({ description: 'Out of 100' }), level: Type.String(), respondents: Type.Integer() }, { description: 'The result' }) },
    errors: [409],
    invalidates: [],
    authorize: runnerOf,
    handler: async (request, _reply, access) => {
      const s = await computeMaturity(db, request.actor, access.dialogue.id)
      return { score: s.score, level: s.level.code, respondents: s.respondents }
    },
  })

  apiRoute(app, {
    method: 'PUT',
    url: '/api/v1/dialogues/:id/consent',
    operationId: 'answerConsent',
    tags: [TAG],
    summary: 'A participating organisation agrees to or refuses publication (its admins); published when all agree',
    params: IdParams,
    body: ConsentInput,
    response: { 200: Type.Object({ published: Type.Boolean() }, { description: 'Whether the result is now published' }) },
    errors: [409],
    invalidates: [],
    authorize: speakerOf(true),
    handler: async (request, _reply, access) => answerConsent(db, request.actor, access.dialogue.id, request.body.organisation_id, request.body.consent),
  })

  apiRoute(app, {
    method: 'POST',
    url: '/api/v1/dialogues/:id/close',
    operationId: 'closeDialogue',
    tags: [TAG],
    summary: 'Close the dialogue (the team)',
    params: IdParams,
    body: CloseInput,
    response: { 200: Done },
    invalidates: [],
    authorize: runnerOf,
    handler: async (request, _reply, access) => {
      await closeDialogue(db, request.actor, access.dialogue.id, request.body.closed_on)
      return { ok: true as const }
    },
  })

  apiRoute(app, {
    method: 'GET',
    url: '/api/v1/maturity-grid',
    public: true,
    operationId: 'getMaturityGrid',
    tags: [TAG],
    summary: 'The current maturity grid: criteria, levels and ranges; which level is publicly sourced and which are the platform’s own proposal',
    response: { 200: MaturityGridSchema },
    handler: async () => {
      const g = await currentGrid(db)
      return { version: g.version, note: g.note, grid: g.grid, documented_levels: g.grid.levels.map((l) => ({ code: l.code, source: l.source })) }
    },
  })

  apiRoute(app, {
    method: 'POST',
    url: '/api/v1/maturity-grid',
    operationId: 'saveMaturityGrid',
    tags: [TAG],
    summary: 'Save a new version of the grid (platform admins); overlapping or missing ranges are refused',
    body: GridApiInput,
    formFields: [[/^level_/, 'grid']],
    response: { 201: Type.Object({ version: Type.Integer() }, { description: 'The new version' }) },
    invalidates: [],
    authorize: (request) => authorizeGridEdit(request.actor),
    handler: async (request) => ({ version: await saveGrid(db, request.actor, request.body.grid, request.body.note) }),
  })
}
