/**
 * Contributions of an alliance: totals per type and per partner (one line per unit), every contribution
 * page by page, the form with which a partner's members record what their organisation gave, and the
 * correction form (only for the organisation that gave).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { Actor } from '../../core/access/actor.js'
import { formValuesOf, paramId, parseForm, withFieldErrors } from '../../core/http/forms.js'
import { formatDate } from '../../core/i18n/index.js'
import { DataTable, Pagination } from '../../core/views/components.js'
import { useView } from '../../core/views/context.js'
import { CheckboxGroup, emptyForm, Form, SelectField, TextArea, TextField, type FormState } from '../../core/views/forms.js'
import { Layout } from '../../core/views/Layout.js'
import { TermLink, termOptions } from '../vocabulary/index.js'
import { viewable } from './alliances.http.js'
import { actingOrganisations, authorizeContribute, type AllianceAccess } from './alliances.policy.js'
import { contributionTotals, listContributions, listPartners, type Alliance, type Contribution, type ContributionRow, type ContributionTotals, type Page } from './alliances.queries.js'
import { ContributionEditForm, ContributionForm, ContributionsQuery, DeleteContributionForm } from './alliances.schemas.js'
import { addContribution, authorizeContributionEdit, deleteContribution, loadAllianceAccess, updateContribution } from './alliances.service.js'
import { todayInFrance } from './dates.js'
import { CONTRIBUTION_UNITS, quantityInput } from './quantities.js'
import { AllianceSubpage, Quantity, TotalsTables } from './views/common.js'

const PAGE_SIZE = 50

function ContributionFields({ organisations }: { organisations: Array<{ value: string; label: string }> | null }) {
  const { t, locale } = useView()
  return (
    <>
      {organisations ? <SelectField name="organisation_id" label={t('alliances.contributions.organisation')} hint={t('alliances.contributions.organisationHint')} required options={organisations} /> : null}
      <SelectField name="contribution_type" label={t('alliances.contributions.type')} required options={termOptions('contribution_type', locale)} placeholder={t('form.choose')} />
      <div class="quantity-row">
        <TextField name="quantity" label={t('alliances.contributions.quantity')} hint={t('alliances.contributions.quantityHint')} required inputMode="text" maxLength={30} />
        <SelectField name="unit" label={t('alliances.contributions.unit')} required options={CONTRIBUTION_UNITS.map((u) => ({ value: u, label: t(`alliances.unitName.${u}`) }))} placeholder={t('form.choose')} />
      </div>
      <TextField name="contributed_on" label={t('alliances.contributions.date')} type="date" required />
      <TextArea name="description" label={t('alliances.contributions.description')} rows={2} maxLength={2000} />
    </>
  )
}

interface ListProps {
  alliance: Alliance
  totals: ContributionTotals
  page: Page<ContributionRow>
  organisations: Array<{ value: string; label: string }>
  editable: ReadonlySet<string>
  state: FormState
}

function ContributionsPage({ alliance, totals, page, organisations, editable, state }: ListProps) {
  const { t, locale, path } = useView()
  const title = t('alliances.contributions.pageTitle', { name: alliance.name })
  return (
    <Layout title={title} breadcrumb={[{ label: t('alliances.directory.title'), href: '/alliances' }, { label: alliance.name, href: `/alliances/${alliance.id}` }, { label: t('alliances.contributions.title') }]}>
      <h1>{title}</h1>
      <p class="lead">{t('alliances.contributions.intro')}</p>
      <TotalsTables totals={totals} />
      {organisations.length > 0 ? (
        <section aria-labelledby="ajouter">
          <h2 id="ajouter">{t('alliances.contributions.add')}</h2>
          <Form action={`/alliances/${alliance.id}/contributions`} state={state} submitLabel={t('alliances.contributions.submit')}>
            <ContributionFields organisations={organisations} />
          </Form>
        </section>
      ) : null}
      {page.total > 0 ? (
        <section aria-labelledby="liste">
          <h2 id="liste">{t('alliances.contributions.list', { count: page.total })}</h2>
          <DataTable
            caption={t('alliances.contributions.listCaption', { page: page.page, count: page.pageCount })}
            rows={page.rows}
            columns={[
              { header: t('alliances.contributions.date'), cell: (c) => <time dateTime={c.contributed_on}>{formatDate(locale, c.contributed_on)}</time> },
              { header: t('alliances.partner'), cell: (c) => c.organisation_name },
              { header: t('alliances.contributions.type'), cell: (c) => <TermLink kind="contribution_type" code={c.contribution_type} /> },
              { header: t('alliances.contributions.quantity'), cell: (c) => <Quantity hundredths={c.quantity_hundredths} unit={c.unit} />, numeric: true },
              { header: t('alliances.contributions.description'), cell: (c) => c.description },
              ...(editable.size > 0
                ? [
                    {
                      header: t('alliances.partners.actions'),
                      cell: (c: ContributionRow) =>
                        editable.has(c.organisation_id) ? <a href={`/alliances/${alliance.id}/contributions/${c.id}/modifier`}>{t('alliances.contributions.edit', { date: formatDate(locale, c.contributed_on) })}</a> : null,
                    },
                  ]
                : []),
            ]}
          />
          <Pagination page={page.page} pageCount={page.pageCount} href={path} />
        </section>
      ) : null}
    </Layout>
  )
}

function EditPage({ alliance, contribution, organisationName, state, deletion }: { alliance: Alliance; contribution: Contribution; organisationName: string; state: FormState; deletion: FormState }) {
  const { t, locale } = useView()
  const title = t('alliances.contributions.editTitle', { organisation: organisationName, date: formatDate(locale, contribution.contributed_on) })
  return (
    <AllianceSubpage alliance={alliance} section={{ label: t('alliances.contributions.title'), href: `/alliances/${alliance.id}/contributions` }} title={title}>
      <Form action={`/alliances/${alliance.id}/contributions/${contribution.id}/modifier`} state={state} submitLabel={t('alliances.contributions.save')}>
        <ContributionFields organisations={null} />
      </Form>
      <section aria-labelledby="supprimer">
        <h2 id="supprimer">{t('alliances.contributions.deleteTitle')}</h2>
        <p class="hint">{t('alliances.contributions.deleteHint')}</p>
        <Form action={`/alliances/${alliance.id}/contributions/${contribution.id}/supprimer`} state={deletion} submitLabel={t('alliances.contributions.delete')}>
          <CheckboxGroup name="confirm" legend={t('alliances.contributions.confirm')} options={[{ value: 'oui', label: t('alliances.contributions.confirmLabel') }]} />
        </Form>
      </section>
    </AllianceSubpage>
  )
}

async function organisationOptions(app: FastifyInstance, actor: Actor, access: AllianceAccess, scope: Parameters<typeof listPartners>[1]) {
  const ids = new Set(actingOrganisations(actor, access, { admin: false }))
  if (ids.size === 0) return []
  const partners = await listPartners(app.db, scope)
  return partners.filter((p) => ids.has(p.organisation_id)).map((p) => ({ value: p.organisation_id, label: p.organisation_name }))
}

export async function contributionPages(app: FastifyInstance): Promise<void> {
  async function listView(request: FastifyRequest, reply: FastifyReply, state: FormState | null, status = 200) {
    const { access, scope } = await viewable(app, request)
    const query = parseForm(ContributionsQuery, request.query)
    const [totals, page, organisations] = await Promise.all([
      contributionTotals(app.db, scope),
      listContributions(app.db, scope, query.ok ? (query.value.page ?? 1) : 1, PAGE_SIZE),
      organisationOptions(app, request.actor, access, scope),
    ])
    // Members may correct their own organisation's contributions, even after it left the alliance.
    const editable = new Set(access.own.filter((p) => request.actor.memberships.has(p.organisation_id) && (p.status === 'active' || p.status === 'left')).map((p) => p.organisation_id))
    const initial: FormState = { values: { organisation_id: organisations[0]?.value ?? '', contributed_on: todayInFrance() }, errors: [] }
    return reply.page(<ContributionsPage alliance={access.alliance} totals={totals} page={page} organisations={organisations} editable={editable} state={state ?? initial} />, status)
  }

  app.get('/alliances/:id/contributions', { config: { public: true, cache: true } }, async (request, reply) => listView(request, reply, null))

  app.post('/alliances/:id/contributions', async (request, reply) => {
    const id = paramId(request)
    const access = await loadAllianceAccess(app.db, request.actor, id)
    authorizeContribute(request.actor, access)
    const values = formValuesOf(request.body)
    const parsed = parseForm(ContributionForm, request.body)
    if (!parsed.ok) return listView(request, reply, { values, errors: parsed.errors }, 400)
    const v = parsed.value
    const result = await withFieldErrors(() =>
      addContribution(app.db, request.actor, id, { organisationId: v.organisation_id, contributionType: v.contribution_type, unit: v.unit, quantity: v.quantity, contributedOn: v.contributed_on, description: v.description ?? '' }),
    )
    if (!result.ok) return listView(request, reply, { values, errors: result.errors }, result.status)
    reply.setFlash({ kind: 'success', message: 'alliances.contributions.done' })
    return reply.redirect(`/alliances/${id}/contributions`, 303)
  })

  async function editView(request: FastifyRequest, reply: FastifyReply, state: FormState | null, status = 200, deletion: FormState = emptyForm) {
    const id = paramId(request)
    const access = await loadAllianceAccess(app.db, request.actor, id)
    const { contribution, scope } = await authorizeContributionEdit(app.db, request.actor, access, paramId(request, 'contributionId'))
    const partners = await listPartners(app.db, scope)
    const name = partners.find((p) => p.organisation_id === contribution.organisation_id)?.organisation_name ?? ''
    const values = {
      contribution_type: contribution.contribution_type,
      unit: contribution.unit,
      quantity: quantityInput(request.locale, contribution.quantity_hundredths),
      contributed_on: contribution.contributed_on,
      description: contribution.description,
    }
    return reply.page(<EditPage alliance={access.alliance} contribution={contribution} organisationName={name} state={state ?? { values, errors: [] }} deletion={deletion} />, status)
  }

  app.get('/alliances/:id/contributions/:contributionId/modifier', async (request, reply) => editView(request, reply, null))

  app.post('/alliances/:id/contributions/:contributionId/modifier', async (request, reply) => {
    const id = paramId(request)
    const contributionId = paramId(request, 'contributionId')
    const access = await loadAllianceAccess(app.db, request.actor, id)
    await authorizeContributionEdit(app.db, request.actor, access, contributionId)
    const values = formValuesOf(request.body)
    const parsed = parseForm(ContributionEditForm, request.body)
    if (!parsed.ok) return editView(request, reply, { values, errors: parsed.errors }, 400)
    const v = parsed.value
    const result = await withFieldErrors(() =>
      updateContribution(app.db, request.actor, id, contributionId, { contributionType: v.contribution_type, unit: v.unit, quantity: v.quantity, contributedOn: v.contributed_on, description: v.description ?? '' }),
    )
    if (!result.ok) return editView(request, reply, { values, errors: result.errors }, result.status)
    reply.setFlash({ kind: 'success', message: 'alliances.contributions.saved' })
    return reply.redirect(`/alliances/${id}/contributions`, 303)
  })

  app.post('/alliances/:id/contributions/:contributionId/supprimer', async (request, reply) => {
    const id = paramId(request)
    const contributionId = paramId(request, 'contributionId')
    const access = await loadAllianceAccess(app.db, request.actor, id)
    await authorizeContributionEdit(app.db, request.actor, access, contributionId)
    const parsed = parseForm(DeleteContributionForm, request.body)
    if (!parsed.ok) return editView(request, reply, null, 400, { values: {}, errors: parsed.errors })
    await deleteContribution(app.db, request.actor, id, contributionId)
    reply.setFlash({ kind: 'success', message: 'alliances.contributions.deleted' })
    return reply.redirect(`/alliances/${id}/contributions`, 303)
  })
}
