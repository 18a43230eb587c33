/**
 * The charter's pages: the charter (current version, signatures, earlier versions), the form that saves version
 * n + 1 (each active partner's commitments in a field of its own), and signing for one's organisation.
 */
import type { FastifyInstance } from 'fastify'
import type { FieldProblem } from '../../core/errors.js'
import { done, formRoute, pageRoute, postedValues } from '../../core/http/routes.js'
import { IdParams } from '../../core/http/schemas.js'
import { hasForbiddenCharacter } from '../../core/http/validation.js'
import type { FormState, FormValues } from '../../core/views/forms.js'
import { ALLIANCE_PAGES, allianceRights, type AllianceContext } from './alliances.authorize.js'
import { allianceCan } from './alliances.policy.js'
import { listCharterVersions, listPartners, type PartnerRow } from './alliances.queries.js'
import { CharterForm, commitmentField, COMMITMENTS_MAX_LENGTH, SignForm } from './alliances.schemas.js'
import { saveCharter, signCharter } from './charter.service.js'
import { CharterFormPage } from './views/CharterFormPage.js'
import { CharterPage } from './views/CharterPage.js'
import { ProblemPage } from './views/ProblemPage.js'

/** The active partners, whose commitments the form asks for. */
async function activePartners(app: FastifyInstance, { scope }: AllianceContext): Promise<PartnerRow[]> {
  return (await listPartners(app.db, scope)).filter((p) => p.status === 'active')
}

/**
 * Problems of the commitments' fields (one per active partner, outside the schema since their names depend on
 * the partners): too long, or holding a control character — the core rule for every text.
 */
function commitmentProblems(partners: PartnerRow[], values: FormValues): FieldProblem[] {
  const problems: FieldProblem[] = []
  for (const p of partners) {
    const field = commitmentField(p.organisation_id)
    const value = values[field]
    if (typeof value !== 'string') continue
    if (hasForbiddenCharacter(value)) problems.push({ field, message: 'form.error.controlCharacter' })
    else if (value.trim().length > COMMITMENTS_MAX_LENGTH) problems.push({ field, message: 'form.error.maxLength', params: { max: COMMITMENTS_MAX_LENGTH } })
  }
  return problems
}

export async function charterPages(app: FastifyInstance): Promise<void> {
  const rights = allianceRights(app)

  pageRoute(app, {
    url: '/alliances/:id/charte',
    public: true,
    cache: true,
    params: IdParams,
    authorize: rights.view,
    handler: async (request, reply, { access, scope }) => {
      const [charters, partners] = await Promise.all([listCharterVersions(app.db, scope), listPartners(app.db, scope)])
      return reply.page(<CharterPage alliance={access.alliance} charters={charters} partners={partners} can={allianceCan(request.actor, access)} />)
    },
  })

  async function formPage(ctx: AllianceContext, state: FormState | null) {
    const [charters, partners] = await Promise.all([listCharterVersions(app.db, ctx.scope), activePartners(app, ctx)])
    const current = charters[0]
    let values: FormValues = state?.values ?? {}
    if (!state && current) {
      values = { principles: current.principles, governance: current.governance, meeting_frequency: current.meeting_frequency, next_review_on: current.next_review_on }
      for (const c of current.commitments) values[commitmentField(c.organisation_id)] = c.commitments
    }
    return <CharterFormPage alliance={ctx.access.alliance} next={(current?.version ?? 0) + 1} partners={partners} state={{ values, errors: state?.errors ?? [] }} />
  }

  pageRoute(app, {
    url: '/alliances/:id/charte/modifier',
    params: IdParams,
    authorize: rights.coordinate,
    handler: async (_request, reply, ctx) => reply.page(await formPage(ctx, null)),
  })

  formRoute(app, {
    url: '/alliances/:id/charte',
    params: IdParams,
    body: CharterForm,
    invalidates: ALLIANCE_PAGES,
    authorize: rights.coordinate,
    check: async (_request, ctx, values) => commitmentProblems(await activePartners(app, ctx), values),
    render: async (_request, reply, ctx, state, status) => reply.page(await formPage(ctx, state), status),
    handler: async (request, reply, ctx) => {
      const values = postedValues(request)
      const commitments = new Map<string, string>()
      for (const p of await activePartners(app, ctx)) {
        const value = values[commitmentField(p.organisation_id)]
        if (typeof value === 'string') commitments.set(p.organisation_id, value)
      }
      const v = request.body
      const version = await saveCharter(app.db, request.actor, ctx.scope.allianceId, { principles: v.principles, governance: v.governance, meetingFrequency: v.meeting_frequency, nextReviewOn: v.next_review_on, commitments })
      return done(reply, `/alliances/${ctx.scope.allianceId}/charte`, { kind: 'success', message: 'alliances.charter.saved', params: { version } })
    },
  })

  formRoute(app, {
    url: '/alliances/:id/charte/signer',
    params: IdParams,
    body: SignForm,
    invalidates: ALLIANCE_PAGES,
    // Rights first (401/404/403), then the input: an outsider learns nothing from a malformed request.
    authorize: rights.partnerAdmin,
    render: (request, reply, { scope }, state, status) =>
      reply.page(<ProblemPage problems={state.errors} back={{ href: `/alliances/${scope.allianceId}/charte`, label: request.t('alliances.problem.backCharter') }} />, status),
    handler: async (request, reply, { scope }) => {
      await signCharter(app.db, request.actor, scope.allianceId, { version: request.body.version, organisationId: request.body.organisation_id })
      return done(reply, `/alliances/${scope.allianceId}/charte#signatures`, { kind: 'success', message: 'alliances.charter.signed', params: { version: request.body.version } })
    },
  })
}
