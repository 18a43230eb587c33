/**
 * Partnership pages: declaring a typed partnership between one of your organisations and another (inside an
 * alliance, between two of its partners, or on their own), and the answers of the other side (confirm,
 * decline), and ending it (dated). Partnerships are shown on organisation and alliance pages, side by
 * side by type, never ranked.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { isAdminOf, type Actor } from '../../core/access/actor.js'
import type { FieldProblem } from '../../core/errors.js'
import { formValuesOf, paramId, parseForm, requireId, withFieldErrors } from '../../core/http/forms.js'
import { useView } from '../../core/views/context.js'
import { Form, SelectField, TextArea, TextField, type FormState, type FormValues } from '../../core/views/forms.js'
import { Layout } from '../../core/views/Layout.js'
import { findOrganisation, listOrganisations } from '../organisations/index.js'
import { termOptions } from '../vocabulary/index.js'
import { authorizeView } from './alliances.policy.js'
import { listPartners, type PartnerRow } from './alliances.queries.js'
import { EndPartnershipForm, PartnershipForm, PartnershipQuery } from './alliances.schemas.js'
import { loadAllianceAccess } from './alliances.service.js'
import { todayInFrance } from './dates.js'
import { answerPartnership, endPartnership, partnershipInputOf, proposePartnership } from './partnerships.service.js'

type Option = { value: string; label: string }
type SearchRow = Awaited<ReturnType<typeof listOrganisations>>['rows'][number]

interface NewPageProps {
  from: Option[]
  /** inside an alliance: its active partners; otherwise null (search) */
  partners: Option[] | null
  alliance: { id: string; name: string } | null
  chosen: { id: string; name: string } | null
  q: string
  results: SearchRow[]
  state: FormState
}

function NewPartnershipPage({ from, partners, alliance, chosen, q, results, state }: NewPageProps) {
  const { t, locale } = useView()
  const title = t('alliances.partnerships.newTitle')
  const crumbs = alliance ? [{ label: t('alliances.directory.title'), href: '/alliances' }, { label: alliance.name, href: `/alliances/${alliance.id}` }, { label: title }] : [{ label: t('organisations.directory.title'), href: '/acteurs' }, { label: title }]
  if (from.length === 0) {
    return (
      <Layout title={title} breadcrumb={crumbs}>
        <h1>{title}</h1>
        <p class="lead">{t('alliances.partnerships.needAdmin')}</p>
      </Layout>
    )
  }
  const de = typeof state.values.organisation_a_id === 'string' ? state.values.organisation_a_id : (from[0]?.value ?? '')
  return (
    <Layout title={title} breadcrumb={crumbs}>
      <h1>{title}</h1>
      <p class="lead">{alliance ? t('alliances.partnerships.newIntroAlliance', { name: alliance.name }) : t('alliances.partnerships.newIntro')}</p>
      {partners === null && !chosen ? (
        <form method="get" action="/partenariats/nouveau" role="search" class="search-form">
          <input type="hidden" name="de" value={de} />
          <label for="recherche-partenaire">{t('alliances.partnerships.search')}</label>
          <div class="search-row">
            <input id="recherche-partenaire" name="q" type="search" value={q} maxLength={100} />
            <button type="submit" class="button">
              {t('search.submit')}
            </button>
          </div>
          {q !== '' ? (
            results.length === 0 ? (
              <p>{t('alliances.invite.none')}</p>
            ) : (
              <ul>
                {results
                  .filter((r) => !from.some((f) => f.value === r.id))
                  .map((r) => (
                    <li>
                      <a href={`/partenariats/nouveau?de=${de}&avec=${r.id}`}>{t('alliances.partnerships.choose', { organisation: r.name })}</a>
                    </li>
                  ))}
              </ul>
            )
          ) : null}
        </form>
      ) : (
        <Form action="/partenariats" state={state} submitLabel={t('alliances.partnerships.submit')}>
          {alliance ? <input type="hidden" name="alliance_id" value={alliance.id} /> : null}
          <SelectField name="organisation_a_id" label={t('alliances.partnerships.from')} required options={from} />
          {partners ? (
            <SelectField name="organisation_b_id" label={t('alliances.partnerships.with')} required options={partners} placeholder={t('form.choose')} />
          ) : chosen ? (
            <>
              <input type="hidden" name="organisation_b_id" value={chosen.id} />
              <p>
                {t('alliances.partnerships.withChosen')} <strong>{chosen.name}</strong> · <a href={`/partenariats/nouveau?de=${de}`}>{t('alliances.partnerships.changeOther')}</a>
              </p>
            </>
          ) : null}
          <SelectField name="partnership_type" label={t('alliances.partnerships.type')} hint={t('alliances.partnerships.typeHint')} required options={termOptions('partnership_type', locale)} placeholder={t('form.choose')} />
          <TextField name="started_on" label={t('alliances.partnerships.startedOn')} type="date" required />
          <TextField name="ended_on" label={t('alliances.partnerships.endedOn')} type="date" />
          <TextArea name="description" label={t('alliances.partnerships.description')} rows={3} maxLength={3000} />
        </Form>
      )}
    </Layout>
  )
}

async function adminOptions(app: FastifyInstance, actor: Actor, among?: PartnerRow[]): Promise<Option[]> {
  const options: Option[] = []
  for (const [organisationId] of actor.memberships) {
    if (!isAdminOf(actor, organisationId)) continue
    if (among && !among.some((p) => p.organisation_id === organisationId && p.status === 'active')) continue
    const organisation = await findOrganisation(app.db, organisationId)
    if (organisation) options.push({ value: organisation.id, label: organisation.name })
  }
  return options.sort((a, b) => a.label.localeCompare(b.label, 'fr'))
}

export async function partnershipPages(app: FastifyInstance): Promise<void> {
  async function newView(request: FastifyRequest, reply: FastifyReply, query: { de?: string; avec?: string; alliance?: string; q?: string }, posted: { values: FormValues; errors: FieldProblem[] } | null, status = 200) {
    let alliance: { id: string; name: string } | null = null
    let partners: PartnerRow[] | undefined
    if (query.alliance) {
      const access = await loadAllianceAccess(app.db, request.actor, requireId(query.alliance))
      const scope = authorizeView(request.actor, access)
      alliance = { id: access.alliance.id, name: access.alliance.name }
      partners = (await listPartners(app.db, scope)).filter((p) => p.status === 'active')
    }
    const from = await adminOptions(app, request.actor, partners)
    const chosenOrg = query.avec ? await findOrganisation(app.db, query.avec) : undefined
    const q = query.q ?? ''
    const results = !partners && q.trim().length >= 2 ? (await listOrganisations(app.db, { text: q }, 1, 15)).rows : []
    const values: FormValues = posted?.values ?? { organisation_a_id: query.de ?? from[0]?.value ?? '', organisation_b_id: query.avec ?? '', started_on: todayInFrance() }
    return reply.page(
      <NewPartnershipPage
        from={from}
        partners={partners ? partners.map((p) => ({ value: p.organisation_id, label: p.organisation_name })) : null}
        alliance={alliance}
        chosen={chosenOrg ? { id: chosenOrg.id, name: chosenOrg.name } : null}
        q={q}
        results={results}
        state={{ values, errors: posted?.errors ?? [] }}
      />,
      status,
    )
  }

  app.get('/partenariats/nouveau', async (request, reply) => {
    const parsed = parseForm(PartnershipQuery, request.query)
    return newView(request, reply, parsed.ok ? parsed.value : {}, null)
  })

  app.post('/partenariats', async (request, reply) => {
    const values = formValuesOf(request.body)
    const context = { de: String(values.organisation_a_id ?? ''), avec: typeof values.organisation_b_id === 'string' && /^[0-9a-f-]{36}$/.test(values.organisation_b_id) ? values.organisation_b_id : undefined, alliance: typeof values.alliance_id === 'string' && /^[0-9a-f-]{36}$/.test(values.alliance_id) ? values.alliance_id : undefined }
    const parsed = parseForm(PartnershipForm, request.body)
    if (!parsed.ok) return newView(request, reply, context, { values, errors: parsed.errors }, 400)
    const v = parsed.value
    const result = await withFieldErrors(() => proposePartnership(app.db, request.actor, partnershipInputOf(v)))
    if (!result.ok) return newView(request, reply, context, { values, errors: result.errors }, result.status)
    reply.setFlash({ kind: 'success', message: 'alliances.partnerships.proposedDone' })
    return reply.redirect(v.alliance_id ? `/alliances/${v.alliance_id}#partenariats` : `/acteurs/${v.organisation_a_id}#alliances`, 303)
  })

  for (const [path, accept] of [
    ['confirmer', true],
    ['refuser', false],
  ] as const) {
    app.post(`/partenariats/:id/${path}`, async (request, reply) => {
      const partnership = await answerPartnership(app.db, request.actor, paramId(request), accept)
      reply.setFlash({ kind: 'success', message: accept ? 'alliances.partnerships.confirmed' : 'alliances.partnerships.declined' })
      return reply.redirect(`/acteurs/${partnership.organisation_b_id}#alliances`, 303)
    })
  }

  app.post('/partenariats/:id/terminer', async (request, reply) => {
    const id = paramId(request)
    // Who may act is checked before the input is read (the service does both, in this order).
    const body = parseForm(EndPartnershipForm, request.body)
    const partnership = await endPartnership(app.db, request.actor, id, body.ok ? body.value.ended_on : '')
    reply.setFlash({ kind: 'success', message: 'alliances.partnerships.ended' })
    return reply.redirect(`/acteurs/${isAdminOf(request.actor, partnership.organisation_a_id) ? partnership.organisation_a_id : partnership.organisation_b_id}#alliances`, 303)
  })
}

