/**
 * Pages of governance dialogues and of the maturity grid: opening a dialogue in a space, its page
 * (participants, sessions, diagnosis, maturity, consent), raising a finding and giving a view, launching and
 * computing the self-diagnosis, closing; the public documentation of the grid and its editor.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { AppError } from '../../../core/errors.js'
import { formValuesOf, paramId, parseForm, withFieldErrors } from '../../../core/http/forms.js'
import { useView } from '../../../core/views/context.js'
import { CheckboxGroup, Form, TextArea, TextField, type FormState } from '../../../core/views/forms.js'
import { Layout } from '../../../core/views/Layout.js'
import { listOrganisations } from '../../organisations/index.js'
import type { Locale } from '../../../core/i18n/index.js'
import { findTerritoryById } from '../../territories/index.js'
import { termLabel } from '../../vocabulary/index.js'
import { actingParticipants, authorizeGridEdit, authorizeRunDialogue, authorizeSpaceTeam, authorizeViewDialogue, canViewDialogue, isSpaceTeam } from '../catalysis.policy.js'
import { listMeetings } from '../meetings/meetings.queries.js'
import { parisToday } from '../paris-time.js'
import { loadSpace } from '../spaces/spaces.service.js'
import { resolveTerritoryText } from '../territory-scope.js'
import { findResult, listFindings, listParticipants, recommendationsFor } from './dialogues.queries.js'
import { CloseInput, ConsentInput, DialogueForm, FindingInput, gridFormSchema, LaunchInput, ParticipantSearch, ParticipantsInput, PriorityInput, ViewInput } from './dialogues.schemas.js'
import { addParticipants, closeDialogue, createDialogue, giveView, loadDialogue, prioritiseFinding, raiseFinding } from './dialogues.service.js'
import type { Grid } from './maturity.grid.js'
import { answerConsent, computeMaturity, currentGrid, gridVersion, gridVersions, launchSelfDiagnosis, saveGrid } from './maturity.service.js'
import { DialoguePage } from './views/DialoguePage.js'
import { FindingPage, NewFindingPage } from './views/FindingPages.js'
import { GridEditPage, gridFormValues, GridPage } from './views/GridPages.js'

function NewDialoguePage({ space, state, candidates }: { space: { id: string; name: string }; state: FormState; candidates: Array<{ value: string; label: string }> }) {
  const { t } = useView()
  const title = t('catalysis.dialogue.newTitle')
  return (
    <Layout title={title} breadcrumb={[{ label: t('catalysis.spaces.title'), href: '/espaces' }, { label: space.name, href: `/espaces/${space.id}` }, { label: title }]}>
      <h1>{title}</h1>
      <p class="lead">{t('catalysis.dialogue.intro')}</p>
      <Form action={`/espaces/${space.id}/dialogues`} state={state} submitLabel={t('catalysis.dialogue.create')}>
        <TextField name="title" label={t('catalysis.dialogue.title')} required maxLength={200} />
        <TextArea name="purpose" label={t('catalysis.dialogue.purpose')} rows={3} maxLength={5000} />
        <TextField name="territory" label={t('catalysis.dialogue.territory')} hint={t('catalysis.dialogue.territoryHint')} maxLength={100} />
        <TextField name="started_on" label={t('catalysis.dialogue.startedOn')} type="date" required />
        {candidates.length > 0 ? <CheckboxGroup name="participant_ids" legend={t('catalysis.dialogue.candidates')} hint={t('catalysis.dialogue.candidatesHint')} options={candidates} /> : null}
      </Form>
    </Layout>
  )
}

export async function dialoguePages(app: FastifyInstance, options: { publicUrl: string }): Promise<void> {
  const db = app.db

  /** Organisations of the space's perimeter, to pick participants from (and a text search). */
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

  async function newView(request: FastifyRequest, reply: FastifyReply, state: FormState | null, status = 200) {
    const space = await loadSpace(db, paramId(request))
    authorizeSpaceTeam(request.actor, space)
    return reply.page(<NewDialoguePage space={space.space} state={state ?? { values: { started_on: parisToday() }, errors: [] }} candidates={await candidatesOf(space.space.id, '', [], request.locale)} />, status)
  }
  app.get('/espaces/:id/dialogues/nouveau', async (request, reply) => newView(request, reply, null))
  app.post('/espaces/:id/dialogues', async (request, reply) => {
    const spaceId = paramId(request)
    authorizeSpaceTeam(request.actor, await loadSpace(db, spaceId))
    const values = formValuesOf(request.body)
    const parsed = parseForm(DialogueForm, request.body)
    if (!parsed.ok) return newView(request, reply, { values, errors: parsed.errors }, 400)
    const v = parsed.value
    const territory = v.territory ? await resolveTerritoryText(db, v.territory, 'territory') : { ids: [], problem: null }
    const result = await withFieldErrors(() =>
      createDialogue(db, request.actor, spaceId, { title: v.title, purpose: v.purpose ?? '', territoryId: territory.ids[0] ?? null, subjectOrganisationId: v.subject_organisation_id ?? null, startedOn: v.started_on, participantIds: v.participant_ids }, territory.problem ? [territory.problem] : []),
    )
    if (!result.ok) return newView(request, reply, { values, errors: result.errors }, result.status)
    reply.setFlash({ kind: 'success', message: 'catalysis.dialogue.created' })
    return reply.redirect(`/dialogues/${result.value}`, 303)
  })

  async function pageView(request: FastifyRequest, reply: FastifyReply, forms: Record<string, FormState>, status = 200) {
    const access = await loadDialogue(db, paramId(request))
    const actor = request.actor
    const view = canViewDialogue(actor, access)
    if (!view && !access.published) authorizeViewDialogue(actor, access)
    const d = access.dialogue
    const run = view && isSpaceTeam(actor, access.space)
    const [participants, findings, sessions, result, subject, territory] = await Promise.all([
      listParticipants(db, d.id),
      listFindings(db, d.id),
      listMeetings(db, { dialogueId: d.id, alsoVisible: view ? (await db.selectFrom('catalysis_meetings').select('id').where('dialogue_id', '=', d.id).execute()).map((m) => m.id) : [] }, { limit: 50, order: 'asc' }),
      findResult(db, d.id),
      d.subject_organisation_id ? db.selectFrom('organisations').select('name').where('id', '=', d.subject_organisation_id).executeTakeFirst() : Promise.resolve(undefined),
      d.territory_id ? findTerritoryById(db, d.territory_id) : Promise.resolve(undefined),
    ])
    const grid = result ? ((await gridVersion(db, result.grid_version)) ?? null) : null
    const level = grid && result ? grid.levels.find((l) => l.code === result.level) : undefined
    const recommendations = level ? await recommendationsFor(db, level, territory ? { id: territory.id, kind: territory.kind } : null) : null
    const q = parseForm(ParticipantSearch, request.query)
    const candidates = run ? await candidatesOf(access.space.space.id, q.ok ? (q.value.q ?? '') : '', participants.map((x) => x.id), request.locale) : []
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
  app.get('/dialogues/:id', { config: { public: true } }, async (request, reply) => pageView(request, reply, {}))

  /** A POST of the dialogue page: rights first, then the form, then the service; errors re-render the page. */
  function dialogueForm<S extends Parameters<typeof parseForm>[0]>(path: string, formKey: string, schema: S, act: (request: FastifyRequest, value: import('typebox').Static<S>) => Promise<unknown>, flash: string, check: 'run' | 'view' = 'run') {
    app.post(`/dialogues/:id${path}`, async (request, reply) => {
      const access = await loadDialogue(db, paramId(request))
      if (check === 'run') authorizeRunDialogue(request.actor, access)
      else {
        authorizeViewDialogue(request.actor, access)
        if (actingParticipants(request.actor, access, { admin: true }).length === 0) throw new AppError('ALLIANCE_ERR_FORBIDDEN', 'catalysis.error.participantAdminOnly')
      }
      const values = formValuesOf(request.body)
      const parsed = parseForm(schema, request.body)
      if (!parsed.ok) return pageView(request, reply, { [formKey]: { values, errors: parsed.errors } }, 400)
      const result = await withFieldErrors(() => act(request, parsed.value))
      if (!result.ok) return pageView(request, reply, { [formKey]: { values, errors: result.errors } }, result.status)
      reply.setFlash({ kind: 'success', message: flash })
      return reply.redirect(`/dialogues/${access.dialogue.id}`, 303)
    })
  }
  dialogueForm('/participants', 'participants', ParticipantsInput, (r, v) => addParticipants(db, r.actor, paramId(r), v.organisation_ids), 'catalysis.dialogue.participantsAdded')
  dialogueForm('/autodiagnostic', 'launch', LaunchInput, (r, v) => launchSelfDiagnosis(db, r.actor, paramId(r), v.closes_on), 'catalysis.maturity.launched')
  dialogueForm('/accord', 'consent', ConsentInput, (r, v) => answerConsent(db, r.actor, paramId(r), v.organisation_id, v.consent), 'catalysis.consent.recorded', 'view')
  dialogueForm('/cloture', 'close', CloseInput, (r, v) => closeDialogue(db, r.actor, paramId(r), v.closed_on), 'catalysis.dialogue.closed')
  app.post('/dialogues/:id/maturite', async (request, reply) => {
    const id = paramId(request)
    await computeMaturity(db, request.actor, id, options.publicUrl)
    reply.setFlash({ kind: 'success', message: 'catalysis.maturity.computed' })
    return reply.redirect(`/dialogues/${id}#maturite`, 303)
  })

  // --- findings ----------------------------------------------------------------------------------------

  async function speakForOf(request: FastifyRequest, access: Awaited<ReturnType<typeof loadDialogue>>) {
    const participants = await listParticipants(db, access.dialogue.id)
    const names = new Map(participants.map((x) => [x.id, x.name]))
    return actingParticipants(request.actor, access, { admin: false }).map((x) => ({ value: x.organisation_id, label: names.get(x.organisation_id) ?? '' }))
  }

  async function newFindingView(request: FastifyRequest, reply: FastifyReply, state: FormState | null, status = 200) {
    const access = await loadDialogue(db, paramId(request))
    authorizeViewDialogue(request.actor, access)
    const speakFor = await speakForOf(request, access)
    if (speakFor.length === 0) throw new AppError('ALLIANCE_ERR_FORBIDDEN', 'catalysis.error.participantOnly')
    return reply.page(<NewFindingPage dialogue={access.dialogue} speakFor={speakFor} state={state ?? { values: { priority: 'moyenne' }, errors: [] }} />, status)
  }
  app.get('/dialogues/:id/constats/nouveau', async (request, reply) => newFindingView(request, reply, null))
  app.post('/dialogues/:id/constats', async (request, reply) => {
    const access = await loadDialogue(db, paramId(request))
    authorizeViewDialogue(request.actor, access)
    if (actingParticipants(request.actor, access, { admin: false }).length === 0) throw new AppError('ALLIANCE_ERR_FORBIDDEN', 'catalysis.error.participantOnly')
    const values = formValuesOf(request.body)
    const parsed = parseForm(FindingInput, request.body)
    if (!parsed.ok) return newFindingView(request, reply, { values, errors: parsed.errors }, 400)
    const v = parsed.value
    const result = await withFieldErrors(() => raiseFinding(db, request.actor, access.dialogue.id, { organisationId: v.organisation_id, kind: v.kind, title: v.title, description: v.description ?? '', domain: v.domain, sdgs: v.sdgs, priority: v.priority }))
    if (!result.ok) return newFindingView(request, reply, { values, errors: result.errors }, result.status)
    reply.setFlash({ kind: 'success', message: 'catalysis.finding.raised' })
    return reply.redirect(`/dialogues/${access.dialogue.id}#diagnostic`, 303)
  })

  async function findingView(request: FastifyRequest, reply: FastifyReply, state: FormState, status = 200) {
    const access = await loadDialogue(db, paramId(request))
    authorizeViewDialogue(request.actor, access)
    const findingId = paramId(request, 'findingId')
    const finding = (await listFindings(db, access.dialogue.id)).find((f) => f.id === findingId)
    if (!finding) return reply.callNotFound()
    return reply.page(<FindingPage dialogue={access.dialogue} finding={finding} speakFor={await speakForOf(request, access)} canRun={isSpaceTeam(request.actor, access.space)} state={state} />, status)
  }
  app.get('/dialogues/:id/constats/:findingId', async (request, reply) => findingView(request, reply, { values: {}, errors: [] }))
  app.post('/dialogues/:id/constats/:findingId/avis', async (request, reply) => {
    const access = await loadDialogue(db, paramId(request))
    authorizeViewDialogue(request.actor, access)
    if (actingParticipants(request.actor, access, { admin: false }).length === 0) throw new AppError('ALLIANCE_ERR_FORBIDDEN', 'catalysis.error.participantOnly')
    const findingId = paramId(request, 'findingId')
    const values = formValuesOf(request.body)
    const parsed = parseForm(ViewInput, request.body)
    if (!parsed.ok) return findingView(request, reply, { values, errors: parsed.errors }, 400)
    const result = await withFieldErrors(() => giveView(db, request.actor, access.dialogue.id, findingId, { organisationId: parsed.value.organisation_id, importance: parsed.value.importance, comment: parsed.value.comment ?? '' }))
    if (!result.ok) return findingView(request, reply, { values, errors: result.errors }, result.status)
    reply.setFlash({ kind: 'success', message: 'catalysis.finding.viewGiven' })
    return reply.redirect(`/dialogues/${access.dialogue.id}/constats/${findingId}`, 303)
  })
  app.post('/dialogues/:id/constats/:findingId/priorite', async (request, reply) => {
    const access = await loadDialogue(db, paramId(request))
    authorizeRunDialogue(request.actor, access)
    const findingId = paramId(request, 'findingId')
    const values = formValuesOf(request.body)
    const parsed = parseForm(PriorityInput, request.body)
    if (!parsed.ok) return findingView(request, reply, { values, errors: parsed.errors }, 400)
    await prioritiseFinding(db, request.actor, access.dialogue.id, findingId, parsed.value.priority)
    reply.setFlash({ kind: 'success', message: 'catalysis.saved' })
    return reply.redirect(`/dialogues/${access.dialogue.id}/constats/${findingId}`, 303)
  })

  // --- the maturity grid -------------------------------------------------------------------------------

  app.get('/maturite', { config: { public: true } }, async (request, reply) => {
    const [{ version, grid }, versions] = await Promise.all([currentGrid(db), gridVersions(db)])
    return reply.page(<GridPage version={version} grid={grid} versions={versions} canEdit={request.actor.isPlatformAdmin} />)
  })

  async function editView(request: FastifyRequest, reply: FastifyReply, state: FormState | null, status = 200) {
    authorizeGridEdit(request.actor)
    const { grid } = await currentGrid(db)
    return reply.page(<GridEditPage grid={grid} state={state ?? { values: gridFormValues(grid), errors: [] }} />, status)
  }
  app.get('/maturite/modifier', async (request, reply) => editView(request, reply, null))
  app.post('/maturite/modifier', async (request, reply) => {
    authorizeGridEdit(request.actor)
    const { grid } = await currentGrid(db)
    const values = formValuesOf(request.body)
    const parsed = parseForm(gridFormSchema(grid.levels.length, grid.criteria.length), request.body)
    if (!parsed.ok) return editView(request, reply, { values, errors: parsed.errors }, 400)
    const v = parsed.value as Record<string, string | number | undefined>
    const next: Grid = {
      criteria: grid.criteria.map((c, i) => ({ ...c, weight: Number(v[`criterion_${i}_weight`]) })),
      levels: grid.levels.map((l, i) => ({ ...l, label: String(v[`level_${i}_label`]), description: String(v[`level_${i}_description`] ?? ''), min: Number(v[`level_${i}_min`]), max: Number(v[`level_${i}_max`]) })),
    }
    const result = await withFieldErrors(() => saveGrid(db, request.actor, next, String(v.note ?? '')))
    if (!result.ok) return editView(request, reply, { values, errors: result.errors }, result.status)
    reply.setFlash({ kind: 'success', message: 'catalysis.grid.saved', params: { version: result.value } })
    return reply.redirect('/maturite', 303)
  })
}
