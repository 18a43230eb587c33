/**
 * JSON API of alliances (in the OpenAPI document, tag `alliances`): the directory with the page's filters,
 * one alliance, its partners, contributions (with totals), journal and charter; creation for signed-in
 * people and updates for members, with the same rights as the pages. A partners-only alliance answers 404
 * to everyone else. Rights are checked before the body is validated, so a stranger learns nothing from the
 * shape of an answer.
 */
import { paramId } from '../../core/http/forms.js'
import type { FastifyInstance, FastifyRequest, preValidationAsyncHookHandler } from 'fastify'
import Type, { type Static, type TProperties } from 'typebox'
import { presentTerritory, TerritorySchema } from '../territories/index.js'
import { authorizeAnyPartnerAdmin, authorizeContribute, authorizeCoordinate, authorizePartnerAct, authorizeView, readScopeOf } from './alliances.policy.js'
import {
  contributionTotals,
  findAllianceDetails,
  listAlliances,
  listCharterVersions,
  listContributions,
  listJournal,
  listPartners,
  type AllianceDetails,
  type AllianceScope,
} from './alliances.queries.js'
import {
  AllianceApiCreate,
  AllianceApiUpdate,
  CharterForm,
  ContributionApiInput,
  ContributionEditForm,
  EndPartnershipForm,
  FORM_CODES,
  ID_PATTERN,
  JournalApiInput,
  JournalEditForm,
  LeaveForm,
  PartnershipForm,
  RoleForm,
  StatementForm,
  LEVER_CODES,
  PHASE_CODES,
  ROLE_CODES,
  WORLD_CODES,
  type AllianceApiCreateT,
  type AllianceApiUpdateT,
  type AllianceData,
} from './alliances.schemas.js'
import {
  addContribution,
  addJournalEntry,
  answerInvitation,
  authorizeContributionEdit,
  authorizeJournalEdit,
  changePartnerRole,
  changePhase,
  createAlliance,
  deleteContribution,
  invitePartner,
  leaveAlliance,
  loadAllianceAccess,
  refreshDirectorySummaries,
  saveCharter,
  signCharter,
  updateAlliance,
  updateContribution,
  updateJournalEntry,
  updatePartnerStatement,
} from './alliances.service.js'
import { answerPartnership, authorizePartnershipAct, endPartnership, partnershipInputOf, proposePartnership } from './partnerships.service.js'
import { todayInFrance } from './dates.js'

const Problem = Type.Object({ type: Type.String(), title: Type.String(), status: Type.Integer(), code: Type.String(), detail: Type.String() }, { additionalProperties: true })
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) => Type.Union([schema, Type.Null()])
const IdParams = Type.Object({ id: Type.String({ description: 'Alliance id' }) })

const AllianceSchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  stakes: Type.String({ description: 'Shared stakes (enjeux partagés)' }),
  description: Type.String(),
  form: Type.String({ description: 'Vocabulary kind `coconstruction_form`' }),
  phase: Type.String({ description: 'Vocabulary kind `alliance_phase`' }),
  phase_since: Type.String({ description: 'Day the current phase began' }),
  visibility: Type.Union([Type.Literal('public'), Type.Literal('partners')]),
  started_on: Type.String(),
  ended_on: Nullable(Type.String()),
  territories: Type.Array(TerritorySchema),
  sdgs: Type.Array(Type.Integer(), { description: 'Always includes 17, the method of every alliance' }),
  sdg_targets: Type.Array(Type.String()),
  levers: Type.Array(Type.String({ description: 'Vocabulary kind `lever`' })),
  is_demo: Type.Boolean(),
  created_at: Type.String(),
  updated_at: Type.String(),
  href: Type.String(),
})

function present(d: AllianceDetails): Static<typeof AllianceSchema> {
  const a = d.alliance
  return {
    id: a.id,
    name: a.name,
    stakes: a.stakes,
    description: a.description,
    form: a.form,
    phase: a.phase,
    phase_since: a.phase_since,
    visibility: a.visibility,
    started_on: a.started_on,
    ended_on: a.ended_on,
    territories: d.territories.map(presentTerritory),
    sdgs: d.sdgs,
    sdg_targets: d.sdgTargets,
    levers: d.levers,
    is_demo: a.is_demo === 1,
    created_at: a.created_at,
    updated_at: a.updated_at,
    href: `/alliances/${a.id}`,
  }
}

const PartnerSchema = Type.Object({
  id: Type.String(),
  organisation: Type.Object({ id: Type.String(), name: Type.String(), world: Type.String() }),
  role: Type.String({ description: 'Vocabulary kind `partner_role`' }),
  status: Type.Union([Type.Literal('invited'), Type.Literal('active'), Type.Literal('declined'), Type.Literal('left')]),
  joined_on: Nullable(Type.String()),
  left_on: Nullable(Type.String()),
  brings: Type.String(),
  expects: Type.String(),
  brings_objectives: Type.Array(Type.String({ description: 'Vocabulary kind `partnership_objective`' })),
  expects_objectives: Type.Array(Type.String()),
})

const ContributionSchema = Type.Object({
  id: Type.String(),
  organisation_id: Type.String(),
  organisation_name: Type.String(),
  contribution_type: Type.String({ description: 'Vocabulary kind `contribution_type`' }),
  unit: Type.String({ description: '`eur`, `hours`, `days`, `people`, `items` or `m2`' }),
  quantity: Type.String({ description: 'Exact decimal, e.g. `1500.50`' }),
  quantity_hundredths: Type.Integer({ description: 'The quantity × 100 as stored (cents for euros)' }),
  contributed_on: Type.String(),
  description: Type.String(),
})

const TotalSchema = Type.Object({ unit: Type.String(), quantity: Type.String(), quantity_hundredths: Type.Integer(), count: Type.Integer() })

const JournalSchema = Type.Object({
  id: Type.String(),
  kind: Type.String({ description: 'Vocabulary kind `journal_kind`' }),
  occurred_on: Type.String(),
  title: Type.String(),
  body: Type.String(),
  organisation: Nullable(Type.Object({ id: Type.String(), name: Type.String() })),
  system_event: Nullable(Type.String({ description: 'Set for entries written by the platform: created, phase_changed, partner_joined, partner_left, charter_version' })),
  phase_from: Nullable(Type.String()),
  phase_to: Nullable(Type.String()),
})

const CharterSchema = Type.Object({
  version: Type.Integer(),
  created_at: Type.String(),
  principles: Type.String(),
  governance: Type.String(),
  meeting_frequency: Type.String(),
  next_review_on: Type.String(),
  commitments: Type.Array(Type.Object({ organisation_id: Type.String(), organisation_name: Type.String(), commitments: Type.String() })),
  signatures: Type.Array(Type.Object({ organisation_id: Type.String(), organisation_name: Type.String(), version: Type.Integer(), signer_name: Type.String(), signed_at: Type.String() })),
})

const decimal = (hundredths: number) => `${Math.floor(hundredths / 100)}${hundredths % 100 === 0 ? '' : `.${String(hundredths % 100).padStart(2, '0')}`}`

type Level = 'view' | 'coordinate' | 'contribute' | 'partnerAdmin'

/** Route-level check run before the body is validated: 401, then 404 (hidden), then 403. */
function guard(app: FastifyInstance, level: Level): preValidationAsyncHookHandler {
  return async (request: FastifyRequest) => {
    const access = await loadAllianceAccess(app.db, request.actor, paramId(request))
    if (level === 'view') authorizeView(request.actor, access)
    else if (level === 'coordinate') authorizeCoordinate(request.actor, access)
    else if (level === 'contribute') authorizeContribute(request.actor, access)
    else authorizeAnyPartnerAdmin(request.actor, access)
  }
}

async function scopeOf(app: FastifyInstance, request: FastifyRequest): Promise<AllianceScope> {
  const access = await loadAllianceAccess(app.db, request.actor, paramId(request))
  return authorizeView(request.actor, access)
}

async function details(app: FastifyInstance, scope: AllianceScope): Promise<AllianceDetails> {
  const found = await findAllianceDetails(app.db, scope)
  if (!found) throw new Error('alliance vanished')
  return found
}

function dataOf(input: Required<Pick<AllianceApiCreateT, 'name' | 'stakes' | 'form' | 'started_on' | 'visibility' | 'territory_ids'>> & AllianceApiUpdateT): AllianceData {
  return {
    name: input.name,
    stakes: input.stakes,
    description: input.description ?? '',
    territoryIds: input.territory_ids,
    form: input.form,
    sdgs: input.sdgs ?? [],
    sdgTargets: input.sdg_targets ?? [],
    levers: input.levers ?? [],
    startedOn: input.started_on,
    endedOn: input.ended_on ?? null,
    visibility: input.visibility,
  }
}

export interface AllianceApiOptions {
  publicUrl: string
}

export async function allianceApi(app: FastifyInstance, options: AllianceApiOptions): Promise<void> {
  app.get(
    '/api/v1/alliances',
    {
      config: { public: true },
      schema: {
        operationId: 'listAlliances',
        tags: ['alliances'],
        summary: 'The alliances directory, with filters (partners-only alliances appear only to their partners)',
        querystring: Type.Object(
          {
            q: Type.Optional(Type.String({ maxLength: 100, description: 'Text in the name' })),
            territory: Type.Optional(Type.String({ pattern: '^(commune|epci|ept|departement|region):[0-9A-Z]{1,12}$', description: 'Located inside this territory (everything inside included)' })),
            sdg: Type.Optional(Type.Integer({ minimum: 1, maximum: 17 })),
            phase: Type.Optional(Type.Union(PHASE_CODES.map((c) => Type.Literal(c)))),
            form: Type.Optional(Type.Union(FORM_CODES.map((c) => Type.Literal(c)))),
            world: Type.Optional(Type.Union(WORLD_CODES.map((c) => Type.Literal(c)), { description: 'At least one active partner of this world' })),
            lever: Type.Optional(Type.Union(LEVER_CODES.map((c) => Type.Literal(c)))),
            page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100000, default: 1 })),
            per_page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
          },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({
            data: Type.Array(Type.Object({ id: Type.String(), name: Type.String(), phase: Type.String(), form: Type.String(), visibility: Type.String(), started_on: Type.String(), partners: Type.Integer(), worlds: Type.Integer(), is_demo: Type.Boolean() })),
            total: Type.Integer(),
            page: Type.Integer(),
            page_count: Type.Integer(),
          }),
          400: Problem,
        },
      },
    },
    async (request) => {
      const q = request.query as { q?: string; territory?: string; sdg?: number; phase?: string; form?: string; world?: string; lever?: string; page?: number; per_page?: number }
      await refreshDirectorySummaries(app.db, { worlds: q.world !== undefined, places: q.territory !== undefined })
      const result = await listAlliances(app.db, readScopeOf(request.actor), { text: q.q, territoryId: q.territory, sdg: q.sdg, phase: q.phase, form: q.form, world: q.world, lever: q.lever }, q.page ?? 1, q.per_page ?? 20)
      return { data: result.rows.map((r) => ({ ...r, is_demo: r.is_demo === 1 })), total: result.total, page: result.page, page_count: result.pageCount }
    },
  )

  app.get(
    '/api/v1/alliances/:id',
    { config: { public: true }, schema: { operationId: 'getAlliance', tags: ['alliances'], summary: 'One alliance', params: IdParams, response: { 200: Type.Object({ data: AllianceSchema }), 404: Problem } } },
    async (request) => ({ data: present(await details(app, await scopeOf(app, request))) }),
  )

  app.get(
    '/api/v1/alliances/:id/partners',
    { config: { public: true }, schema: { operationId: 'listAlliancePartners', tags: ['alliances'], summary: 'The partners of an alliance, with their history', params: IdParams, response: { 200: Type.Object({ data: Type.Array(PartnerSchema) }), 404: Problem } } },
    async (request) => {
      const partners = await listPartners(app.db, await scopeOf(app, request))
      return {
        data: partners.map((p) => ({
          id: p.id,
          organisation: { id: p.organisation_id, name: p.organisation_name, world: p.world },
          role: p.role,
          status: p.status,
          joined_on: p.joined_on,
          left_on: p.left_on,
          brings: p.brings,
          expects: p.expects,
          brings_objectives: p.brings_objectives,
          expects_objectives: p.expects_objectives,
        })),
      }
    },
  )

  app.get(
    '/api/v1/alliances/:id/contributions',
    {
      config: { public: true },
      schema: {
        operationId: 'listAllianceContributions',
        tags: ['alliances'],
        summary: 'Contributions of an alliance (newest first) with totals per type and per partner',
        params: IdParams,
        querystring: Type.Object({ page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100000, default: 1 })), per_page: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })) }, { additionalProperties: false }),
        response: {
          200: Type.Object({
            data: Type.Array(ContributionSchema),
            totals: Type.Object({
              by_type: Type.Array(Type.Intersect([Type.Object({ contribution_type: Type.String() }), TotalSchema])),
              by_partner: Type.Array(Type.Intersect([Type.Object({ organisation_id: Type.String(), organisation_name: Type.String() }), TotalSchema])),
            }),
            total: Type.Integer(),
            page: Type.Integer(),
            page_count: Type.Integer(),
          }),
          404: Problem,
        },
      },
    },
    async (request) => {
      const scope = await scopeOf(app, request)
      const q = request.query as { page?: number; per_page?: number }
      const [page, totals] = await Promise.all([listContributions(app.db, scope, q.page ?? 1, q.per_page ?? 50), contributionTotals(app.db, scope)])
      return {
        data: page.rows.map((c) => ({
          id: c.id,
          organisation_id: c.organisation_id,
          organisation_name: c.organisation_name,
          contribution_type: c.contribution_type,
          unit: c.unit,
          quantity: decimal(c.quantity_hundredths),
          quantity_hundredths: c.quantity_hundredths,
          contributed_on: c.contributed_on,
          description: c.description,
        })),
        totals: {
          by_type: totals.byType.map((r) => ({ contribution_type: r.contribution_type, unit: r.unit, quantity: decimal(r.quantity_hundredths), quantity_hundredths: r.quantity_hundredths, count: r.count })),
          by_partner: totals.byPartner.map((r) => ({ organisation_id: r.organisation_id, organisation_name: r.organisation_name, unit: r.unit, quantity: decimal(r.quantity_hundredths), quantity_hundredths: r.quantity_hundredths, count: r.count })),
        },
        total: page.total,
        page: page.page,
        page_count: page.pageCount,
      }
    },
  )

  app.get(
    '/api/v1/alliances/:id/journal',
    {
      config: { public: true },
      schema: {
        operationId: 'listAllianceJournal',
        tags: ['alliances'],
        summary: 'The journal of an alliance (newest first), for one year or entirely',
        params: IdParams,
        querystring: Type.Object({ year: Type.Optional(Type.Integer({ minimum: 1900, maximum: 2200 })) }, { additionalProperties: false }),
        response: { 200: Type.Object({ data: Type.Array(JournalSchema) }), 404: Problem },
      },
    },
    async (request) => {
      const { year } = request.query as { year?: number }
      const rows = await listJournal(app.db, await scopeOf(app, request), { year: year ?? null })
      return {
        data: rows.map((e) => ({
          id: e.id,
          kind: e.kind,
          occurred_on: e.occurred_on,
          title: e.title,
          body: e.body,
          organisation: e.organisation_id && e.organisation_name ? { id: e.organisation_id, name: e.organisation_name } : null,
          system_event: e.system_event,
          phase_from: e.phase_from,
          phase_to: e.phase_to,
        })),
      }
    },
  )

  app.get(
    '/api/v1/alliances/:id/charter',
    {
      config: { public: true },
      schema: { operationId: 'getAllianceCharter', tags: ['alliances'], summary: 'Every version of the charter, newest first, with commitments and signatures', params: IdParams, response: { 200: Type.Object({ data: Type.Array(CharterSchema) }), 404: Problem } },
    },
    async (request) => {
      const versions = await listCharterVersions(app.db, await scopeOf(app, request))
      return {
        data: versions.map((c) => ({ version: c.version, created_at: c.created_at, principles: c.principles, governance: c.governance, meeting_frequency: c.meeting_frequency, next_review_on: c.next_review_on, commitments: c.commitments, signatures: c.signatures })),
      }
    },
  )

  app.post(
    '/api/v1/alliances',
    {
      schema: {
        operationId: 'createAlliance',
        tags: ['alliances'],
        summary: 'Create an alliance; one of your organisations (you are its admin) is its first partner and coordinator',
        body: AllianceApiCreate,
        response: { 201: Type.Object({ data: AllianceSchema }), 400: Problem, 401: Problem },
      },
    },
    async (request, reply) => {
      const input = request.body as AllianceApiCreateT
      const id = await createAlliance(
        app.db,
        request.actor,
        { ...dataOf(input), phase: input.phase, coordinatorOrganisationId: input.coordinator_organisation_id, invitedOrganisationIds: input.invite_organisation_ids ?? [] },
        { publicUrl: options.publicUrl },
      )
      const access = await loadAllianceAccess(app.db, request.actor, id)
      reply.header('location', `/api/v1/alliances/${id}`)
      return reply.status(201).send({ data: present(await details(app, authorizeView(request.actor, access))) })
    },
  )

  app.patch(
    '/api/v1/alliances/:id',
    {
      preValidation: guard(app, 'coordinate'),
      schema: {
        operationId: 'updateAlliance',
        tags: ['alliances'],
        summary: 'Change an alliance (its coordinators’ admins only); a new `phase` is dated in the journal',
        params: IdParams,
        body: AllianceApiUpdate,
        response: { 200: Type.Object({ data: AllianceSchema }), 400: Problem, 401: Problem, 403: Problem, 404: Problem, 409: Problem },
      },
    },
    async (request) => {
      const input = request.body as AllianceApiUpdateT
      const scope = await scopeOf(app, request)
      const current = await details(app, scope)
      const { phase, phase_on, phase_note, ...content } = input
      if (Object.keys(content).length > 0) {
        const a = current.alliance
        await updateAlliance(app.db, request.actor, a.id, {
          name: content.name ?? a.name,
          stakes: content.stakes ?? a.stakes,
          description: content.description ?? a.description,
          territoryIds: content.territory_ids ?? current.territories.map((t) => t.id),
          form: content.form ?? a.form,
          sdgs: content.sdgs ?? current.sdgs,
          sdgTargets: content.sdg_targets ?? current.sdgTargets,
          levers: content.levers ?? current.levers,
          startedOn: content.started_on ?? a.started_on,
          endedOn: content.ended_on ?? a.ended_on,
          visibility: content.visibility ?? a.visibility,
        })
      }
      if (phase !== undefined) await changePhase(app.db, request.actor, scope.allianceId, { phase, on: phase_on ?? todayInFrance(), note: phase_note })
      return { data: present(await details(app, scope)) }
    },
  )

  app.post(
    '/api/v1/alliances/:id/partners',
    {
      preValidation: guard(app, 'coordinate'),
      schema: {
        operationId: 'inviteAlliancePartner',
        tags: ['alliances'],
        summary: 'Invite an organisation (coordinators’ admins only); its admins accept on the alliance page',
        params: IdParams,
        body: Type.Object({ organisation_id: Type.String({ pattern: '^[0-9a-f-]{36}$' }), role: Type.Union(ROLE_CODES.map((c) => Type.Literal(c))) }, { additionalProperties: false }),
        response: { 201: Type.Object({ data: Type.Object({ id: Type.String(), status: Type.Literal('invited') }) }), 400: Problem, 401: Problem, 403: Problem, 404: Problem, 409: Problem },
      },
    },
    async (request, reply) => {
      const body = request.body as { organisation_id: string; role: string }
      const id = await invitePartner(app.db, request.actor, paramId(request), { organisationId: body.organisation_id, role: body.role }, { publicUrl: options.publicUrl })
      return reply.status(201).send({ data: { id, status: 'invited' as const } })
    },
  )

  app.post(
    '/api/v1/alliances/:id/contributions',
    {
      preValidation: guard(app, 'contribute'),
      schema: {
        operationId: 'addAllianceContribution',
        tags: ['alliances'],
        summary: 'Record a contribution of one of your partner organisations',
        params: IdParams,
        body: ContributionApiInput,
        response: { 201: Type.Object({ data: Type.Object({ id: Type.String() }) }), 400: Problem, 401: Problem, 403: Problem, 404: Problem },
      },
    },
    async (request, reply) => {
      const b = request.body as Static<typeof ContributionApiInput>
      const id = await addContribution(app.db, request.actor, paramId(request), { organisationId: b.organisation_id, contributionType: b.contribution_type, unit: b.unit, quantity: b.quantity, contributedOn: b.contributed_on, description: b.description ?? '' })
      return reply.status(201).send({ data: { id } })
    },
  )

  app.post(
    '/api/v1/alliances/:id/journal',
    {
      preValidation: guard(app, 'contribute'),
      schema: {
        operationId: 'addAllianceJournalEntry',
        tags: ['alliances'],
        summary: 'Write a journal entry on behalf of one of your partner organisations',
        params: IdParams,
        body: JournalApiInput,
        response: { 201: Type.Object({ data: Type.Object({ id: Type.String() }) }), 400: Problem, 401: Problem, 403: Problem, 404: Problem },
      },
    },
    async (request, reply) => {
      const b = request.body as Static<typeof JournalApiInput>
      const id = await addJournalEntry(app.db, request.actor, paramId(request), { organisationId: b.organisation_id, kind: b.kind, occurredOn: b.occurred_on, title: b.title, body: b.body ?? '' })
      return reply.status(201).send({ data: { id } })
    },
  )

  app.post(
    '/api/v1/alliances/:id/charter/signatures',
    {
      preValidation: guard(app, 'partnerAdmin'),
      schema: {
        operationId: 'signAllianceCharter',
        tags: ['alliances'],
        summary: 'Sign the current charter version for one of your organisations (409 if `version` is outdated)',
        params: IdParams,
        body: Type.Object({ version: Type.Integer({ minimum: 1 }), organisation_id: Type.String({ pattern: '^[0-9a-f-]{36}$' }) }, { additionalProperties: false }),
        response: { 201: Type.Object({ data: Type.Object({ version: Type.Integer(), organisation_id: Type.String() }) }), 400: Problem, 401: Problem, 403: Problem, 404: Problem, 409: Problem },
      },
    },
    async (request, reply) => {
      const b = request.body as { version: number; organisation_id: string }
      await signCharter(app.db, request.actor, paramId(request), { version: b.version, organisationId: b.organisation_id })
      return reply.status(201).send({ data: { version: b.version, organisation_id: b.organisation_id } })
    },
  )
  // --- partners, charter versions, contributions: the same acts as the pages --------------------------------

  const strict = <T extends TProperties>(properties: T) => Type.Object(properties, { additionalProperties: false })
  const PartnerParams = Type.Object({ id: Type.String({ description: 'Alliance id' }), partnerId: Type.String({ description: 'Partner id (from the partners list)' }) })

  /** The partner of the URL acts: its own organisation's admins only (checked before the body is read). */
  const partnerGuard = (statuses: Array<'invited' | 'active' | 'declined' | 'left'>): preValidationAsyncHookHandler => async (request) => {
    const access = await loadAllianceAccess(app.db, request.actor, paramId(request))
    const target = access.own.find((p) => p.id === paramId(request, 'partnerId'))
    authorizePartnerAct(request.actor, access, target?.organisation_id ?? '', { admin: true, statuses })
  }

  app.post(
    '/api/v1/alliances/:id/partners/:partnerId/answer',
    {
      preValidation: partnerGuard(['invited', 'active', 'declined', 'left']),
      schema: {
        operationId: 'answerAllianceInvitation',
        tags: ['alliances'],
        summary: 'Accept or decline an invitation, for the invited organisation (its admins only); answering twice is a 409',
        params: PartnerParams,
        body: strict({ accept: Type.Boolean() }),
        response: { 200: Type.Object({ data: Type.Object({ id: Type.String(), status: Type.Union([Type.Literal('active'), Type.Literal('declined')]) }) }), 400: Problem, 401: Problem, 403: Problem, 404: Problem, 409: Problem },
      },
    },
    async (request) => {
      const partnerId = paramId(request, 'partnerId')
      const { accept } = request.body as { accept: boolean }
      await answerInvitation(app.db, request.actor, paramId(request), partnerId, accept)
      return { data: { id: partnerId, status: accept ? ('active' as const) : ('declined' as const) } }
    },
  )

  app.put(
    '/api/v1/alliances/:id/partners/:partnerId/role',
    {
      preValidation: guard(app, 'coordinate'),
      schema: {
        operationId: 'changeAlliancePartnerRole',
        tags: ['alliances'],
        summary: 'Change a partner’s role (coordinators’ admins only); the last coordinator keeps the role (409)',
        params: PartnerParams,
        body: strict(RoleForm.properties),
        response: { 200: Type.Object({ data: Type.Object({ id: Type.String(), role: Type.String() }) }), 400: Problem, 401: Problem, 403: Problem, 404: Problem, 409: Problem },
      },
    },
    async (request) => {
      const partnerId = paramId(request, 'partnerId')
      const { role } = request.body as { role: string }
      await changePartnerRole(app.db, request.actor, paramId(request), partnerId, role)
      return { data: { id: partnerId, role } }
    },
  )

  app.put(
    '/api/v1/alliances/:id/partners/:partnerId/statement',
    {
      preValidation: partnerGuard(['active', 'invited']),
      schema: {
        operationId: 'updateAlliancePartnerStatement',
        tags: ['alliances'],
        summary: 'What the partner brings and expects, on the four objectives (the partner’s admins only); replaces the previous statement',
        params: PartnerParams,
        body: strict(StatementForm.properties),
        response: { 200: Type.Object({ data: Type.Object({ id: Type.String() }) }), 400: Problem, 401: Problem, 403: Problem, 404: Problem },
      },
    },
    async (request) => {
      const partnerId = paramId(request, 'partnerId')
      const b = request.body as Static<typeof StatementForm>
      await updatePartnerStatement(app.db, request.actor, paramId(request), partnerId, { brings: b.brings ?? '', expects: b.expects ?? '', bringsObjectives: b.brings_objectives, expectsObjectives: b.expects_objectives })
      return { data: { id: partnerId } }
    },
  )

  app.post(
    '/api/v1/alliances/:id/partners/:partnerId/leave',
    {
      preValidation: partnerGuard(['active']),
      schema: {
        operationId: 'leaveAlliance',
        tags: ['alliances'],
        summary: 'The partner leaves on a day (its admins only); its history stays; the last coordinator cannot leave (409)',
        params: PartnerParams,
        body: strict(LeaveForm.properties),
        response: { 200: Type.Object({ data: Type.Object({ id: Type.String(), status: Type.Literal('left') }) }), 400: Problem, 401: Problem, 403: Problem, 404: Problem, 409: Problem },
      },
    },
    async (request) => {
      const partnerId = paramId(request, 'partnerId')
      const b = request.body as Static<typeof LeaveForm>
      await leaveAlliance(app.db, request.actor, paramId(request), partnerId, { leftOn: b.left_on, reason: b.reason })
      return { data: { id: partnerId, status: 'left' as const } }
    },
  )

  app.post(
    '/api/v1/alliances/:id/charter',
    {
      preValidation: guard(app, 'coordinate'),
      schema: {
        operationId: 'saveAllianceCharter',
        tags: ['alliances'],
        summary: 'Save a new version of the charter (coordinators’ admins only); every partner must sign it again',
        params: IdParams,
        body: strict({
          ...CharterForm.properties,
          commitments: Type.Optional(Type.Record(Type.String({ pattern: ID_PATTERN }), Type.String({ maxLength: 5000 }), { description: 'Active partner organisation id → its commitments' })),
        }),
        response: { 201: Type.Object({ data: Type.Object({ version: Type.Integer() }) }), 400: Problem, 401: Problem, 403: Problem, 404: Problem },
      },
    },
    async (request, reply) => {
      const b = request.body as Static<typeof CharterForm> & { commitments?: Record<string, string> }
      const version = await saveCharter(app.db, request.actor, paramId(request), {
        principles: b.principles,
        governance: b.governance,
        meetingFrequency: b.meeting_frequency,
        nextReviewOn: b.next_review_on,
        commitments: new Map(Object.entries(b.commitments ?? {})),
      })
      return reply.status(201).send({ data: { version } })
    },
  )

  /** The contribution of the URL may be corrected or deleted by the actor (its organisation's members). */
  const contributionGuard: preValidationAsyncHookHandler = async (request) => {
    const access = await loadAllianceAccess(app.db, request.actor, paramId(request))
    await authorizeContributionEdit(app.db, request.actor, access, paramId(request, 'contributionId'))
  }
  const ContributionParams = Type.Object({ id: Type.String({ description: 'Alliance id' }), contributionId: Type.String({ description: 'Contribution id' }) })

  app.patch(
    '/api/v1/alliances/:id/contributions/:contributionId',
    {
      preValidation: contributionGuard,
      schema: {
        operationId: 'updateAllianceContribution',
        tags: ['alliances'],
        summary: 'Correct a contribution (members of the organisation that gave it only; the giver cannot change)',
        params: ContributionParams,
        body: strict(ContributionEditForm.properties),
        response: { 200: Type.Object({ data: Type.Object({ id: Type.String() }) }), 400: Problem, 401: Problem, 403: Problem, 404: Problem },
      },
    },
    async (request) => {
      const contributionId = paramId(request, 'contributionId')
      const b = request.body as Static<typeof ContributionEditForm>
      await updateContribution(app.db, request.actor, paramId(request), contributionId, { contributionType: b.contribution_type, unit: b.unit, quantity: b.quantity, contributedOn: b.contributed_on, description: b.description ?? '' })
      return { data: { id: contributionId } }
    },
  )

  app.delete(
    '/api/v1/alliances/:id/contributions/:contributionId',
    {
      preValidation: contributionGuard,
      schema: {
        operationId: 'deleteAllianceContribution',
        tags: ['alliances'],
        summary: 'Delete a contribution recorded by mistake (members of the organisation that gave it only)',
        params: ContributionParams,
        response: { 204: Type.Null(), 401: Problem, 403: Problem, 404: Problem },
      },
    },
    async (request, reply) => {
      await deleteContribution(app.db, request.actor, paramId(request), paramId(request, 'contributionId'))
      return reply.status(204).send()
    },
  )

  app.patch(
    '/api/v1/alliances/:id/journal/:entryId',
    {
      preValidation: async (request) => {
        const access = await loadAllianceAccess(app.db, request.actor, paramId(request))
        await authorizeJournalEdit(app.db, request.actor, access, paramId(request, 'entryId'))
      },
      schema: {
        operationId: 'updateAllianceJournalEntry',
        tags: ['alliances'],
        summary: 'Correct a journal entry written by a partner (members of its organisation only; the platform’s own entries are not corrected)',
        params: Type.Object({ id: Type.String({ description: 'Alliance id' }), entryId: Type.String({ description: 'Journal entry id' }) }),
        body: strict(JournalEditForm.properties),
        response: { 200: Type.Object({ data: Type.Object({ id: Type.String() }) }), 400: Problem, 401: Problem, 403: Problem, 404: Problem },
      },
    },
    async (request) => {
      const entryId = paramId(request, 'entryId')
      const b = request.body as Static<typeof JournalEditForm>
      await updateJournalEntry(app.db, request.actor, paramId(request), entryId, { kind: b.kind, occurredOn: b.occurred_on, title: b.title, body: b.body ?? '' })
      return { data: { id: entryId } }
    },
  )

  // --- partnerships ----------------------------------------------------------------------------------------

  app.post(
    '/api/v1/partnerships',
    {
      schema: {
        operationId: 'proposePartnership',
        tags: ['alliances'],
        summary: 'Propose a partnership on behalf of organisation A (you are its admin) to organisation B, whose admins confirm it',
        body: strict(PartnershipForm.properties),
        response: { 201: Type.Object({ data: Type.Object({ id: Type.String(), status: Type.Literal('proposed') }) }), 400: Problem, 401: Problem, 403: Problem, 404: Problem, 409: Problem },
      },
    },
    async (request, reply) => {
      const b = request.body as Static<typeof PartnershipForm>
      const id = await proposePartnership(app.db, request.actor, partnershipInputOf(b))
      return reply.status(201).send({ data: { id, status: 'proposed' as const } })
    },
  )

  const partnershipGuard = (act: 'answer' | 'end'): preValidationAsyncHookHandler => async (request) => {
    await authorizePartnershipAct(app.db, request.actor, paramId(request), act)
  }
  const PartnershipParams = Type.Object({ id: Type.String({ description: 'Partnership id' }) })

  app.post(
    '/api/v1/partnerships/:id/answer',
    {
      preValidation: partnershipGuard('answer'),
      schema: {
        operationId: 'answerPartnership',
        tags: ['alliances'],
        summary: 'Confirm or decline a proposed partnership (admins of organisation B only); answering twice is a 409',
        params: PartnershipParams,
        body: strict({ accept: Type.Boolean() }),
        response: { 200: Type.Object({ data: Type.Object({ id: Type.String(), status: Type.Union([Type.Literal('confirmed'), Type.Literal('declined')]) }) }), 400: Problem, 401: Problem, 403: Problem, 404: Problem, 409: Problem },
      },
    },
    async (request) => {
      const id = paramId(request)
      const { accept } = request.body as { accept: boolean }
      await answerPartnership(app.db, request.actor, id, accept)
      return { data: { id, status: accept ? ('confirmed' as const) : ('declined' as const) } }
    },
  )

  app.post(
    '/api/v1/partnerships/:id/end',
    {
      preValidation: partnershipGuard('end'),
      schema: {
        operationId: 'endPartnership',
        tags: ['alliances'],
        summary: 'End a confirmed partnership on a day (admins of either side); its history stays',
        params: PartnershipParams,
        body: strict(EndPartnershipForm.properties),
        response: { 200: Type.Object({ data: Type.Object({ id: Type.String(), ended_on: Type.String() }) }), 400: Problem, 401: Problem, 403: Problem, 404: Problem, 409: Problem },
      },
    },
    async (request) => {
      const id = paramId(request)
      const { ended_on } = request.body as { ended_on: string }
      await endPartnership(app.db, request.actor, id, ended_on)
      return { data: { id, ended_on } }
    },
  )
}
