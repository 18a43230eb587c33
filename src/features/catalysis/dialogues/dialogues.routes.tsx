/**
 * Pages of governance dialogues: opening one in a space, its page (participants, sessions, diagnosis, maturity,
 * consent), adding participants, raising a finding and giving a view, the priority of a finding, launching and
 * computing the self-diagnosis, consenting to publication, closing. A dialogue is seen by its space's team and
 * its participants (others 404, except its published result); rights before input. Nothing here is kept by
 * the page cache (`invalidates: []`).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { TSchema } from 'typebox'
import Type from 'typebox'
import { AppError, notFound } from '../../../core/errors.js'
import type { Locale, MessageKey } from '../../../core/i18n/index.js'
import { done, formRoute, pageRoute, paramId, postedValues, type RouteRequest } from '../../../core/http/routes.js'
import { IdParams } from '../../../core/http/schemas.js'
import { lenient, queryProblems } from '../../../core/http/validation.js'
import { parisToday } from '../../../core/time/calendar.js'
import type { FormState } from '../../../core/views/forms.js'
import { listOrganisations } from '../../organisations/index.js'
import { findTerritoryById } from '../../territories/index.js'
import { termLabel } from '../../vocabulary/index.js'
import { actingParticipants, authorizeRunDialogue, authorizeSpaceTeam, authorizeViewDialogue, canViewDialogue, isSpaceTeam, type DialogueAccess, type SpaceAccess } from '../catalysis.policy.js'
import { listMeetings } from '../meetings/meetings.queries.js'
import { loadSpace } from '../spaces/spaces.service.js'
import { resolveTerritoryText } from '../territory-scope.js'
import { findResult, listFindings, listParticipants, recommendationsFor } from './dialogues.queries.js'
import { CloseInput, ConsentInput, DialogueForm, FindingInput, FindingParams, LaunchInput, ParticipantSearch, ParticipantsInput, PriorityInput, ViewInput } from './dialogues.schemas.js'
import { addParticipants, closeDialogue, createDialogue, giveView, loadDialogue, prioritiseFinding, raiseFinding } from './dialogues.service.js'
import { answerConsent, computeMaturity, gridVersion, launchSelfDiagnosis } from './maturity.service.js'
import { DialoguePage } from './views/DialoguePage.js'
import { FindingPage, NewFindingPage } from './views/FindingPages.js'
import { NewDialoguePage } from './views/NewDialoguePage.js'

export async function dialoguePages(app: FastifyInstance): Promise<void> {
  const db = app.db
  const dialogueOf = (request: FastifyRequest) => loadDialogue(db, paramId(request))
  /** The space's team runs the dialogue (404 for whoever may not see it, 403 for participants). */
  const runnerOf = async (request: FastifyRequest) => {
    const access = await dialogueOf(request)
    authorizeRunDialogue(request.actor, access)
    return access
  }
  /** A member (or, for consent, an admin) of a participating organisation speaks for it. */
  const speakerOf = (admin: boolean) => async (request: FastifyRequest) => {
    const access = await dialogueOf(request)
    authorizeViewDialogue(request.actor, access)
    if (actingParticipants(request.actor, access, { admin }).length === 0) throw new AppError('ALLIANCE_ERR_FORBIDDEN', admin ? 'catalysis.error.participantAdminOnly' : 'catalysis.error.participantOnly')
    return access
  }

  /** Organisations of the space's perimeter (or found by words), to pick participants from. */
  async function candidatesOf(spaceId: string, q: string, exclude: string[], locale: Locale) {
    const rows = q
      ? (await listOrganisations(db, { text: q }, 1, 50)).rows
      : await db
          .selectFrom('organisations')
          .select(['id', 'name', 'world'])
          .where('seat_commune_id', 'in', (eb) => eb.selectFrom('territory_closure').select('descendant_id').where('ancestor_id', 'in', eb.selectFrom('catalysis_space_territories').select('territory_id').where('space_id', '=', spaceId)))
          .orderBy('search_name')
          .limit(100)
          .execute()
    return rows.filter((o) => !exclude.includes(o.id)).map((o) => ({ value: o.id, label: `${o.name} (${termLabel('world', o.world, locale)})` }))
  }

  // --- opening a dialogue -----------------------------------------------------------------------------

  const teamOf = async (request: FastifyRequest) => {
    const space = await loadSpace(db, paramId(request))
    authorizeSpaceTeam(request.actor, space)
    return space
  }
  const renderNew = async (request: FastifyRequest, reply: FastifyReply, space: SpaceAccess, state: FormState, status: number) =>
    reply.page(<NewDialoguePage space={space.space} state={state} candidates={await candidatesOf(space.space.id, '', [], request.locale)} />, status)
  /** The territory typed as text, resolved (its problem shown with the form's others). */
  const territoryOf = async (values: FormState['values']) => {
    const text = typeof values.territory === 'string' ? values.territory.trim() : ''
    return text === '' ? { ids: [], problem: null } : resolveTerritoryText(db, text, 'territory')
  }
  pageRoute(app, { url: '/espaces/:id/dialogues/nouveau', params: IdParams, authorize: teamOf, handler: async (request, reply, space) => renderNew(request, reply, space, { values: { started_on: parisToday() }, errors: [] }, 200) })
  formRoute(app, {
    url: '/espaces/:id/dialogues',
    params: IdParams,
    body: DialogueForm,
    invalidates: [],
    authorize: teamOf,
    render: renderNew,
    check: async (_request, _ctx, values) => {
      const { problem } = await territoryOf(values)
      return problem ? [problem] : []
    },
    handler: async (request, reply, space) => {
      const v = request.body
      const territory = await territoryOf(postedValues(request))
      const id = await createDialogue(db, request.actor, space.space.id, { title: v.title, purpose: v.purpose ?? '', territoryId: territory.ids[0] ?? null, subjectOrganisationId: v.subject_organisation_id ?? null, startedOn: v.started_on, participantIds: v.participant_ids })
      return done(reply, `/dialogues/${id}`, { kind: 'success', message: 'catalysis.dialogue.created' })
    },
  })

  // --- the dialogue's page and its forms -------------------------------------------------------------

  /** The dialogue's page; `q` (the GET page's words) looks for organisations to add as participants. */
  async function renderPage(request: FastifyRequest, reply: FastifyReply, access: DialogueAccess, forms: Record<string, FormState>, status: number, q = '') {
    const actor = request.actor
    const view = canViewDialogue(actor, access)
    const d = access.dialogue
    const run = view && isSpaceTeam(actor, access.space)
    const sessionIds = view ? (await db.selectFrom('catalysis_meetings').select('id').where('dialogue_id', '=', d.id).execute()).map((m) => m.id) : []
    const [participants, findings, sessions, result, subject, territory] = await Promise.all([
      listParticipants(db, d.id),
      listFindings(db, d.id),
      listMeetings(db, { dialogueId: d.id, alsoVisible: sessionIds }, { limit: 50, order: 'asc' }),
      findResult(db, d.id),
      d.subject_organisation_id ? db.selectFrom('organisations').select('name').where('id', '=', d.subject_organisation_id).executeTakeFirst() : Promise.resolve(undefined),
      d.territory_id ? findTerritoryById(db, d.territory_id) : Promise.resolve(undefined),
    ])
    const grid = result ? ((await gridVersion(db, result.grid_version)) ?? null) : null
    const level = grid && result ? grid.levels.find((l) => l.code === result.level) : undefined
    const recommendations = level ? await recommendationsFor(db, level, territory ? { id: territory.id, kind: territory.kind } : null) : null
    const candidates = run ? await candidatesOf(access.space.space.id, q, participants.map((x) => x.id), request.locale) : []
    const names = new Map(participants.map((x) => [x.id, x.name]))
    const speakFor = view ? actingParticipants(actor, access, { admin: false }).map((x) => ({ value: x.organisation_id, label: names.get(x.organisation_id) ?? '' })) : []
    const consentFor = view ? actingParticipants(actor, access, { admin: true }).map((x) => ({ value: x.organisation_id, label: names.get(x.organisation_id) ?? '' })) : []
    return reply.page(
      <DialoguePage
        dialogue={d}
        space={access.space.space}
        subject={[territory?.name, subject?.name].filter(Boolean).join(' · ') || null}
        participants={participants}
        findings={findings}
        sessions={view ? sessions : []}
        result={result && (view || result.published_at) ? result : null}
        grid={grid}
        recommendations={recommendations}
        can={{ view, run, speakFor, consentFor }}
        candidates={candidates}
        forms={forms}
      />,
      status,
    )
  }
  pageRoute(app, {
    url: '/dialogues/:id',
    public: true,
    params: IdParams,
    querystring: lenient(ParticipantSearch),
    // its team and participants see the whole dialogue; anyone its published result; others 404 (401 signed out)
    authorize: async (request) => {
      const access = await dialogueOf(request)
      if (!canViewDialogue(request.actor, access) && !access.published) authorizeViewDialogue(request.actor, access)
      return access
    },
    handler: async (request, reply, access) => renderPage(request, reply, access, { participants: { values: {}, errors: queryProblems(request.query) } }, 200, request.query.q ?? ''),
  })

  /** A form of the dialogue's page: errors re-render the page with the form `key` showing them. */
  function pageForm<B extends TSchema>(path: string, key: string, body: B, authorize: (request: FastifyRequest) => Promise<DialogueAccess>, act: (request: RouteRequest<TSchema, TSchema, B>, access: DialogueAccess) => Promise<unknown>, flash: MessageKey, anchor = '') {
    formRoute(app, {
      url: `/dialogues/:id${path}`,
      params: IdParams,
      body,
      invalidates: [],
      authorize,
      render: (request, reply, access, state, status) => renderPage(request, reply, access, { [key]: state }, status),
      handler: async (request, reply, access) => {
        await act(request as unknown as RouteRequest<TSchema, TSchema, B>, access)
        return done(reply, `/dialogues/${access.dialogue.id}${anchor}`, { kind: 'success', message: flash })
      },
    })
  }
  pageForm('/participants', 'participants', ParticipantsInput, runnerOf, (r, a) => addParticipants(db, r.actor, a.dialogue.id, r.body.organisation_ids), 'catalysis.dialogue.participantsAdded')
  pageForm('/autodiagnostic', 'launch', LaunchInput, runnerOf, (r, a) => launchSelfDiagnosis(db, r.actor, a.dialogue.id, r.body.closes_on), 'catalysis.maturity.launched')
  pageForm('/accord', 'consent', ConsentInput, speakerOf(true), (r, a) => answerConsent(db, r.actor, a.dialogue.id, r.body.organisation_id, r.body.consent), 'catalysis.consent.recorded')
  pageForm('/cloture', 'close', CloseInput, runnerOf, (r, a) => closeDialogue(db, r.actor, a.dialogue.id, r.body.closed_on), 'catalysis.dialogue.closed')
  pageForm('/maturite', 'maturity', Type.Object({}), runnerOf, (r, a) => computeMaturity(db, r.actor, a.dialogue.id), 'catalysis.maturity.computed', '#maturite')

  // --- findings ----------------------------------------------------------------------------------------

  async function speakForOf(request: FastifyRequest, access: DialogueAccess) {
    const participants = await listParticipants(db, access.dialogue.id)
    const names = new Map(participants.map((x) => [x.id, x.name]))
    return actingParticipants(request.actor, access, { admin: false }).map((x) => ({ value: x.organisation_id, label: names.get(x.organisation_id) ?? '' }))
  }
  const renderNewFinding = async (request: FastifyRequest, reply: FastifyReply, access: DialogueAccess, state: FormState, status: number) =>
    reply.page(<NewFindingPage dialogue={access.dialogue} speakFor={await speakForOf(request, access)} state={state} />, status)
  pageRoute(app, { url: '/dialogues/:id/constats/nouveau', params: IdParams, authorize: speakerOf(false), handler: async (request, reply, access) => renderNewFinding(request, reply, access, { values: { priority: 'moyenne' }, errors: [] }, 200) })
  formRoute(app, {
    url: '/dialogues/:id/constats',
    params: IdParams,
    body: FindingInput,
    invalidates: [],
    authorize: speakerOf(false),
    render: renderNewFinding,
    handler: async (request, reply, access) => {
      const v = request.body
      await raiseFinding(db, request.actor, access.dialogue.id, { organisationId: v.organisation_id, kind: v.kind, title: v.title, description: v.description ?? '', domain: v.domain, sdgs: v.sdgs, priority: v.priority })
      return done(reply, `/dialogues/${access.dialogue.id}#diagnostic`, { kind: 'success', message: 'catalysis.finding.raised' })
    },
  })

  /** The finding of the URL in the dialogue (404 otherwise), with the rights `check` asks. */
  const findingOf = (check: (request: FastifyRequest) => Promise<DialogueAccess>) => async (request: FastifyRequest) => {
    const access = await check(request)
    const finding = (await listFindings(db, access.dialogue.id)).find((f) => f.id === paramId(request, 'findingId'))
    if (!finding) throw notFound()
    return { access, finding }
  }
  const viewerOf = async (request: FastifyRequest) => {
    const access = await dialogueOf(request)
    authorizeViewDialogue(request.actor, access)
    return access
  }
  type FindingCtx = Awaited<ReturnType<ReturnType<typeof findingOf>>>
  const renderFinding = async (request: FastifyRequest, reply: FastifyReply, { access, finding }: FindingCtx, state: FormState, status: number) =>
    reply.page(<FindingPage dialogue={access.dialogue} finding={finding} speakFor={await speakForOf(request, access)} canRun={isSpaceTeam(request.actor, access.space)} state={state} />, status)
  pageRoute(app, { url: '/dialogues/:id/constats/:findingId', params: FindingParams, authorize: findingOf(viewerOf), handler: async (request, reply, ctx) => renderFinding(request, reply, ctx, { values: {}, errors: [] }, 200) })
  formRoute(app, {
    url: '/dialogues/:id/constats/:findingId/avis',
    params: FindingParams,
    body: ViewInput,
    invalidates: [],
    authorize: findingOf(speakerOf(false)),
    render: renderFinding,
    handler: async (request, reply, { access, finding }) => {
      const v = request.body
      await giveView(db, request.actor, access.dialogue.id, finding.id, { organisationId: v.organisation_id, importance: v.importance, comment: v.comment ?? '' })
      return done(reply, `/dialogues/${access.dialogue.id}/constats/${finding.id}`, { kind: 'success', message: 'catalysis.finding.viewGiven' })
    },
  })
  formRoute(app, {
    url: '/dialogues/:id/constats/:findingId/priorite',
    params: FindingParams,
    body: PriorityInput,
    invalidates: [],
    authorize: findingOf(runnerOf),
    render: renderFinding,
    handler: async (request, reply, { access, finding }) => {
      await prioritiseFinding(db, request.actor, access.dialogue.id, finding.id, request.body.priority)
      return done(reply, `/dialogues/${access.dialogue.id}/constats/${finding.id}`, { kind: 'success', message: 'catalysis.saved' })
    },
  })
}
