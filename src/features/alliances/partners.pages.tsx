/**
 * Partner pages of an alliance: inviting an organisation (search, then invite with a role), answering an
 * invitation, changing a role, a partner's statement of what it brings and expects on the four objectives,
 * and leaving the alliance (dated).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { FieldProblem } from '../../core/errors.js'
import { formValuesOf, paramId, parseForm, parseOrThrow, withFieldErrors } from '../../core/http/forms.js'
import { formatDate } from '../../core/i18n/index.js'
import { useView } from '../../core/views/context.js'
import { CheckboxGroup, ErrorSummary, Form, TextArea, TextField, type FormState } from '../../core/views/forms.js'
import { Layout } from '../../core/views/Layout.js'
import { listOrganisations } from '../organisations/index.js'
import { TermLink, termLabel, termOptions } from '../vocabulary/index.js'
import { authorizeCoordinate, authorizePartnerAct } from './alliances.policy.js'
import { listPartners, type Alliance, type PartnerRow } from './alliances.queries.js'
import { InviteForm, InviteSearchQuery, LeaveForm, ROLE_CODES, RoleForm, StatementForm } from './alliances.schemas.js'
import { answerInvitation, changePartnerRole, invitePartner, leaveAlliance, loadAllianceAccess, updatePartnerStatement } from './alliances.service.js'
import { todayInFrance } from './dates.js'

type SearchResult = Awaited<ReturnType<typeof listOrganisations>>['rows'][number]

function InvitePage({ alliance, q, results, partners, errors }: { alliance: Alliance; q: string; results: SearchResult[]; partners: PartnerRow[]; errors: FieldProblem[] }) {
  const { t, locale, csrfToken } = useView()
  const title = t('alliances.invite.title', { name: alliance.name })
  const statusOf = (organisationId: string) => partners.find((p) => p.organisation_id === organisationId)?.status
  return (
    <Layout title={title} breadcrumb={[{ label: t('alliances.directory.title'), href: '/alliances' }, { label: alliance.name, href: `/alliances/${alliance.id}` }, { label: t('alliances.invite.link') }]}>
      <h1>{title}</h1>
      <p class="lead">{t('alliances.invite.intro')}</p>
      <ErrorSummary errors={errors} />
      <form method="get" action={`/alliances/${alliance.id}/partenaires/inviter`} role="search" class="search-form">
        <label for="recherche-organisation">{t('alliances.invite.search')}</label>
        <p class="hint" id="recherche-organisation-hint">
          {t('alliances.invite.searchHint')}
        </p>
        <div class="search-row">
          <input id="recherche-organisation" name="q" type="search" value={q} maxLength={100} aria-describedby="recherche-organisation-hint" />
          <button type="submit" class="button">
            {t('search.submit')}
          </button>
        </div>
      </form>
      {q !== '' ? (
        <section aria-labelledby="resultats" id="champ-organisation_id" tabIndex={-1}>
          <h2 id="resultats">{t('alliances.invite.results', { count: results.length })}</h2>
          {results.length === 0 ? <p>{t('alliances.invite.none')}</p> : null}
          <ul class="actor-list">
            {results.map((o) => {
              const status = statusOf(o.id)
              return (
                <li>
                  <a href={`/acteurs/${o.id}`} class="actor-name">
                    {o.name}
                  </a>
                  <span class="actor-meta">
                    <TermLink kind="world" code={o.world} /> · {t('organisations.seatIn', { commune: o.seat_name })}
                  </span>
                  {status === 'active' || status === 'invited' ? (
                    <p class="muted">{t(`alliances.invite.status.${status}`)}</p>
                  ) : (
                    <form method="post" action={`/alliances/${alliance.id}/partenaires`} class="invite-form">
                      <input type="hidden" name="_csrf" value={csrfToken()} />
                      <input type="hidden" name="organisation_id" value={o.id} />
                      <input type="hidden" name="q" value={q} />
                      <label for={`role-${o.id}`}>{t('alliances.invite.roleOf', { organisation: o.name })}</label>{' '}
                      <select id={`role-${o.id}`} name="role">
                        {ROLE_CODES.map((code) => (
                          <option value={code} selected={code === 'partenaire'}>
                            {termLabel('partner_role', code, locale)}
                          </option>
                        ))}
                      </select>{' '}
                      <button type="submit" class="button button-small">
                        {t('alliances.invite.submit', { organisation: o.name })}
                      </button>
                    </form>
                  )}
                </li>
              )
            })}
          </ul>
        </section>
      ) : null}
    </Layout>
  )
}

function StatementPage({ alliance, partner, state, leaveState }: { alliance: Alliance; partner: PartnerRow; state: FormState; leaveState: FormState }) {
  const { t, locale } = useView()
  const title = t('alliances.statement.title', { organisation: partner.organisation_name })
  const options = termOptions('partnership_objective', locale)
  return (
    <Layout title={title} breadcrumb={[{ label: t('alliances.directory.title'), href: '/alliances' }, { label: alliance.name, href: `/alliances/${alliance.id}` }, { label: title }]}>
      <h1>{title}</h1>
      <p class="lead">
        {t('alliances.statement.intro')} <TermLink kind="partner_role" code={partner.role} />
        {partner.joined_on ? <>, {t('alliances.partners.sinceDate', { date: formatDate(locale, partner.joined_on) })}</> : null}.
      </p>
      <Form action={`/alliances/${alliance.id}/partenaires/${partner.id}/apports`} state={state} submitLabel={t('alliances.statement.submit')}>
        <fieldset>
          <legend>{t('alliances.partners.brings')}</legend>
          <CheckboxGroup name="brings_objectives" legend={t('alliances.statement.objectives')} options={options} />
          <TextArea name="brings" label={t('alliances.statement.bringsText')} hint={t('alliances.statement.bringsHint')} rows={3} maxLength={3000} />
        </fieldset>
        <fieldset>
          <legend>{t('alliances.partners.expects')}</legend>
          <CheckboxGroup name="expects_objectives" legend={t('alliances.statement.objectives')} options={options} />
          <TextArea name="expects" label={t('alliances.statement.expectsText')} hint={t('alliances.statement.expectsHint')} rows={3} maxLength={3000} />
        </fieldset>
      </Form>
      {partner.status === 'active' ? (
        <section aria-labelledby="quitter" class="danger-zone">
          <h2 id="quitter">{t('alliances.leave.title')}</h2>
          <p>{t('alliances.leave.intro')}</p>
          <Form action={`/alliances/${alliance.id}/partenaires/${partner.id}/quitter`} state={leaveState} submitLabel={t('alliances.leave.submit', { organisation: partner.organisation_name })}>
            <TextField name="left_on" label={t('alliances.leave.on')} type="date" required />
            <TextArea name="reason" label={t('alliances.leave.reason')} rows={2} maxLength={2000} />
          </Form>
        </section>
      ) : null}
    </Layout>
  )
}

export interface PartnerPagesOptions {
  publicUrl: string
}

export async function partnerPages(app: FastifyInstance, options: PartnerPagesOptions): Promise<void> {
  async function inviteView(request: FastifyRequest, reply: FastifyReply, q: string, errors: FieldProblem[], status = 200) {
    const access = await loadAllianceAccess(app.db, request.actor, paramId(request))
    const scope = authorizeCoordinate(request.actor, access)
    const [page, partners] = await Promise.all([
      q.trim().length >= 2 ? listOrganisations(app.db, { text: q }, 1, 15) : Promise.resolve({ rows: [] as SearchResult[] }),
      listPartners(app.db, scope),
    ])
    return reply.page(<InvitePage alliance={access.alliance} q={q} results={page.rows} partners={partners} errors={errors} />, status)
  }

  app.get('/alliances/:id/partenaires/inviter', async (request, reply) => {
    const parsed = parseForm(InviteSearchQuery, request.query)
    return inviteView(request, reply, parsed.ok ? (parsed.value.q ?? '') : '', [])
  })

  app.post('/alliances/:id/partenaires', async (request, reply) => {
    const id = paramId(request)
    const access = await loadAllianceAccess(app.db, request.actor, id)
    authorizeCoordinate(request.actor, access)
    const q = String(formValuesOf(request.body).q ?? '')
    const parsed = parseForm(InviteForm, request.body)
    if (!parsed.ok) return inviteView(request, reply, q, parsed.errors, 400)
    const result = await withFieldErrors(() => invitePartner(app.db, request.actor, id, { organisationId: parsed.value.organisation_id, role: parsed.value.role }, { publicUrl: options.publicUrl }))
    if (!result.ok) return inviteView(request, reply, q, result.errors, result.status)
    reply.setFlash({ kind: 'success', message: 'alliances.invite.done' })
    return reply.redirect(`/alliances/${id}#partenaires`, 303)
  })

  for (const [path, accept] of [
    ['accepter', true],
    ['refuser', false],
  ] as const) {
    app.post(`/alliances/:id/partenaires/:partnerId/${path}`, async (request, reply) => {
      const id = paramId(request)
      await answerInvitation(app.db, request.actor, id, paramId(request, 'partnerId'), accept)
      reply.setFlash({ kind: 'success', message: accept ? 'alliances.invitation.accepted' : 'alliances.invitation.declined' })
      return reply.redirect(accept ? `/alliances/${id}` : '/alliances', 303)
    })
  }

  app.post('/alliances/:id/partenaires/:partnerId/role', async (request, reply) => {
    const id = paramId(request)
    const partnerId = paramId(request, 'partnerId')
    const access = await loadAllianceAccess(app.db, request.actor, id)
    authorizeCoordinate(request.actor, access)
    const { role } = parseOrThrow(RoleForm, request.body)
    await changePartnerRole(app.db, request.actor, id, partnerId, role)
    reply.setFlash({ kind: 'success', message: 'alliances.partners.roleChanged' })
    return reply.redirect(`/alliances/${id}#partenaires`, 303)
  })

  async function statementView(request: FastifyRequest, reply: FastifyReply, state: FormState | null, leaveState: FormState | null, status = 200) {
    const id = paramId(request)
    const partnerId = paramId(request, 'partnerId')
    const access = await loadAllianceAccess(app.db, request.actor, id)
    const own = access.own.find((p) => p.id === partnerId)
    const { scope } = authorizePartnerAct(request.actor, access, own?.organisation_id ?? '', { admin: true, statuses: ['active', 'invited'] })
    const partner = (await listPartners(app.db, scope)).find((p) => p.id === partnerId)
    if (!partner) throw new Error('partner vanished')
    const values = { brings: partner.brings, expects: partner.expects, brings_objectives: partner.brings_objectives, expects_objectives: partner.expects_objectives }
    return reply.page(
      <StatementPage alliance={access.alliance} partner={partner} state={state ?? { values, errors: [] }} leaveState={leaveState ?? { values: { left_on: todayInFrance() }, errors: [] }} />,
      status,
    )
  }

  app.get('/alliances/:id/partenaires/:partnerId/apports', async (request, reply) => statementView(request, reply, null, null))

  app.post('/alliances/:id/partenaires/:partnerId/apports', async (request, reply) => {
    const id = paramId(request)
    const partnerId = paramId(request, 'partnerId')
    const access = await loadAllianceAccess(app.db, request.actor, id)
    const own = access.own.find((p) => p.id === partnerId)
    authorizePartnerAct(request.actor, access, own?.organisation_id ?? '', { admin: true, statuses: ['active', 'invited'] })
    const values = formValuesOf(request.body)
    const parsed = parseForm(StatementForm, request.body)
    if (!parsed.ok) return statementView(request, reply, { values, errors: parsed.errors }, null, 400)
    const v = parsed.value
    const result = await withFieldErrors(() =>
      updatePartnerStatement(app.db, request.actor, id, partnerId, { brings: v.brings ?? '', expects: v.expects ?? '', bringsObjectives: v.brings_objectives, expectsObjectives: v.expects_objectives }),
    )
    if (!result.ok) return statementView(request, reply, { values, errors: result.errors }, null, result.status)
    reply.setFlash({ kind: 'success', message: 'alliances.statement.done' })
    return reply.redirect(`/alliances/${id}#partenaires`, 303)
  })

  app.post('/alliances/:id/partenaires/:partnerId/quitter', async (request, reply) => {
    const id = paramId(request)
    const partnerId = paramId(request, 'partnerId')
    const access = await loadAllianceAccess(app.db, request.actor, id)
    const own = access.own.find((p) => p.id === partnerId)
    authorizePartnerAct(request.actor, access, own?.organisation_id ?? '', { admin: true })
    const values = formValuesOf(request.body)
    const parsed = parseForm(LeaveForm, request.body)
    if (!parsed.ok) return statementView(request, reply, null, { values, errors: parsed.errors }, 400)
    const result = await withFieldErrors(() => leaveAlliance(app.db, request.actor, id, partnerId, { leftOn: parsed.value.left_on, reason: parsed.value.reason }))
    if (!result.ok) return statementView(request, reply, null, { values, errors: result.errors }, result.status)
    reply.setFlash({ kind: 'success', message: 'alliances.leave.done' })
    return reply.redirect(`/alliances/${id}`, 303)
  })
}
