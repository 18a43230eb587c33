/**
 * Pages of places (lieux): the directory (inside a territory, by kind, by words), a place's page (kind,
 * manager, address, accessibility, capacity, services, opening hours, the meetings held there, its offer as a
 * resource), and the forms to declare, edit and offer a place.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { FieldProblem } from '../../../core/errors.js'
import { formValuesOf, paramId, parseForm, withFieldErrors } from '../../../core/http/forms.js'
import { Pagination } from '../../../core/views/components.js'
import { useView } from '../../../core/views/context.js'
import { CheckboxGroup, Form, SelectField, TextArea, TextField, type FormState } from '../../../core/views/forms.js'
import { Layout } from '../../../core/views/Layout.js'
import { PlaceFilterNotice, resolvePlaceFilter, type PlaceFilter } from '../../territories/index.js'
import { isMemberOf } from '../../../core/access/actor.js'
import { authorizePlaceEdit } from '../catalysis.policy.js'
import { listMeetings, type MeetingDetails } from '../meetings/meetings.queries.js'
import { resolveTerritoryText } from '../territory-scope.js'
import { DemoMark, MeetingList } from '../views/common.js'
import { ACCESSIBILITY, DAYS, PLACE_KINDS, SERVICES, type Day } from './places.codes.js'
import { findPlaceDetails, listPlaces, type PlaceDetails } from './places.queries.js'
import { PlaceForm, PlaceQuery, type PlaceFormT } from './places.schemas.js'
import { createPlace, loadPlace, offerPlace, updatePlace, withdrawPlaceOffer, type PlaceData } from './places.service.js'

const PAGE_SIZE = 30

function PlaceDirectory({ rows, total, page, pageCount, filter, values, signedIn }: { rows: PlaceDetails[]; total: number; page: number; pageCount: number; filter: PlaceFilter; values: Record<string, string>; signedIn: boolean }) {
  const { t, path } = useView()
  return (
    <Layout title={t('catalysis.places.title')}>
      <h1>{t('catalysis.places.title')}</h1>
      <p class="lead">{t('catalysis.places.intro')}</p>
      {signedIn ? (
        <p>
          <a class="button" href="/lieux/nouveau">
            {t('catalysis.place.newTitle')}
          </a>
        </p>
      ) : null}
      <Form action="/lieux" method="get" submitLabel={t('catalysis.filter')} state={{ values, errors: [] }}>
        <TextField name="lieu" label={t('catalysis.filter.place')} hint={t('catalysis.filter.placeHint')} maxLength={100} />
        <SelectField name="type" label={t('catalysis.place.kind')} options={PLACE_KINDS.map((k) => ({ value: k, label: t(`catalysis.place.kind.${k}`) }))} placeholder={t('catalysis.filter.all')} />
        <TextField name="q" label={t('catalysis.filter.words')} type="search" maxLength={100} />
      </Form>
      <PlaceFilterNotice filter={filter} insideLabel={t('catalysis.places.inside')} />
      <h2>{t('catalysis.places.count', { count: total })}</h2>
      {rows.length === 0 ? (
        <p>{t('catalysis.places.none')}</p>
      ) : (
        <ul class="card-list">
          {rows.map((p) => (
            <li class="card">
              <h3 class="card-title">
                <a href={`/lieux/${p.id}`}>{p.name}</a> <DemoMark isDemo={p.is_demo} />
              </h3>
              <p class="card-meta">
                {t(`catalysis.place.kind.${p.kind}`)} · {p.commune_name} · {p.organisation_name}
                {p.capacity ? ` · ${t('catalysis.place.capacityLine', { count: p.capacity })}` : ''}
              </p>
            </li>
          ))}
        </ul>
      )}
      <Pagination page={page} pageCount={pageCount} href={path} />
    </Layout>
  )
}

function PlacePage({ place, upcoming, past, canEdit }: { place: PlaceDetails; upcoming: MeetingDetails[]; past: MeetingDetails[]; canEdit: boolean }) {
  const { t } = useView()
  const hours = JSON.parse(place.opening_hours) as Partial<Record<Day, string>>
  const list = (codes: string, prefix: string) => codes.split(',').filter((c) => c !== '').map((c) => t(`${prefix}.${c}`))
  const offered = place.offer_status === 'disponible'
  return (
    <Layout title={place.name} breadcrumb={[{ label: t('catalysis.places.title'), href: '/lieux' }, { label: place.name }]}>
      <h1>
        {place.name} <DemoMark isDemo={place.is_demo} />
      </h1>
      {place.description ? <p class="lead">{place.description}</p> : null}
      <dl class="facts">
        <div>
          <dt>{t('catalysis.place.kind')}</dt>
          <dd>{t(`catalysis.place.kind.${place.kind}`)}</dd>
        </div>
        <div>
          <dt>{t('catalysis.place.manager')}</dt>
          <dd>
            <a href={`/acteurs/${place.organisation_id}`}>{place.organisation_name}</a>
          </dd>
        </div>
        <div>
          <dt>{t('catalysis.place.address')}</dt>
          <dd>
            {place.address}, <a href={`/territoires/commune/${place.commune_code}`}>{place.commune_name}</a>
          </dd>
        </div>
        <div>
          <dt>{t('catalysis.place.capacity')}</dt>
          <dd>{place.capacity ? t('catalysis.place.capacityLine', { count: place.capacity }) : t('catalysis.place.notGiven')}</dd>
        </div>
        <div>
          <dt>{t('catalysis.place.accessibility')}</dt>
          <dd>{list(place.accessibility, 'catalysis.place.access').join(', ') || t('catalysis.place.notGiven')}</dd>
        </div>
        <div>
          <dt>{t('catalysis.place.services')}</dt>
          <dd>{list(place.services, 'catalysis.place.service').join(', ') || t('catalysis.place.notGiven')}</dd>
        </div>
        {place.website ? (
          <div>
            <dt>{t('catalysis.place.website')}</dt>
            <dd>
              <a href={place.website} rel="noopener noreferrer">
                {place.website}
              </a>
            </dd>
          </div>
        ) : null}
      </dl>
      <h2>{t('catalysis.place.hours')}</h2>
      <table class="data-table">
        <caption class="visually-hidden">{t('catalysis.place.hours')}</caption>
        <tbody>
          {DAYS.map((d) => (
            <tr>
              <th scope="row">{t(`catalysis.day.${d}`)}</th>
              <td>{hours[d] ? hours[d].replace(/-/g, ' – ').replace(/,/g, ', ') : t('catalysis.place.closed')}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2>{t('catalysis.place.offer')}</h2>
      {offered && place.resource_id ? <p>{t('catalysis.place.offered')} <a href={`/ressources/${place.resource_id}`}>{t('catalysis.place.resourceLink')}</a></p> : <p>{t('catalysis.place.notOffered')}</p>}
      {canEdit ? (
        <ul class="actions">
          <li>
            <a href={`/lieux/${place.id}/modifier`}>{t('catalysis.place.edit')}</a>
          </li>
          <li>
            <Form action={`/lieux/${place.id}/${offered ? 'retirer' : 'proposer'}`} submitLabel={offered ? t('catalysis.place.withdraw') : t('catalysis.place.offerSubmit')} class="inline-form">
              {null}
            </Form>
          </li>
        </ul>
      ) : null}
      <h2>{t('catalysis.place.meetings')}</h2>
      <h3>{t('catalysis.space.upcoming')}</h3>
      <MeetingList meetings={upcoming} empty={t('catalysis.space.noUpcoming')} />
      <h3>{t('catalysis.space.past')}</h3>
      <MeetingList meetings={past} empty={t('catalysis.space.noPast')} />
    </Layout>
  )
}

function PlaceFormPage({ action, state, organisations, place }: { action: string; state: FormState; organisations: Array<{ value: string; label: string }>; place?: { id: string; name: string } }) {
  const { t } = useView()
  const title = place ? t('catalysis.place.editTitle', { name: place.name }) : t('catalysis.place.newTitle')
  return (
    <Layout title={title} breadcrumb={[{ label: t('catalysis.places.title'), href: '/lieux' }, ...(place ? [{ label: place.name, href: `/lieux/${place.id}` }] : []), { label: title }]}>
      <h1>{title}</h1>
      {!place && organisations.length === 0 ? (
        <p>{t('catalysis.place.noOrganisation')}</p>
      ) : (
        <Form action={action} state={state} submitLabel={place ? t('catalysis.save') : t('catalysis.place.create')}>
          {!place ? <SelectField name="organisation_id" label={t('catalysis.place.manager')} required options={organisations} /> : null}
          <TextField name="name" label={t('catalysis.place.name')} required maxLength={200} />
          <SelectField name="kind" label={t('catalysis.place.kind')} required options={PLACE_KINDS.map((k) => ({ value: k, label: t(`catalysis.place.kind.${k}`) }))} />
          <TextArea name="description" label={t('catalysis.place.description')} rows={3} maxLength={3000} />
          <TextField name="address" label={t('catalysis.place.address')} required maxLength={300} />
          <TextField name="commune" label={t('catalysis.meeting.commune')} hint={t('catalysis.meeting.communeHint')} required maxLength={100} />
          <TextField name="capacity" label={t('catalysis.place.capacity')} type="number" inputMode="numeric" />
          <CheckboxGroup name="accessibility" legend={t('catalysis.place.accessibility')} options={ACCESSIBILITY.map((a) => ({ value: a, label: t(`catalysis.place.access.${a}`) }))} />
          <CheckboxGroup name="services" legend={t('catalysis.place.services')} options={SERVICES.map((s) => ({ value: s, label: t(`catalysis.place.service.${s}`) }))} columns />
          <fieldset class="field-group">
            <legend>{t('catalysis.place.hours')}</legend>
            <p class="hint">{t('catalysis.place.hoursHint')}</p>
            {DAYS.map((d) => (
              <TextField name={`hours_${d}`} label={t(`catalysis.day.${d}`)} maxLength={100} />
            ))}
          </fieldset>
          <TextField name="website" label={t('catalysis.place.website')} type="url" maxLength={300} />
        </Form>
      )}
    </Layout>
  )
}

export async function placePages(app: FastifyInstance): Promise<void> {
  const db = app.db

  app.get('/lieux', { config: { public: true, cache: true } }, async (request, reply) => {
    const parsed = parseForm(PlaceQuery, request.query)
    const q = parsed.ok ? parsed.value : {}
    const filter = await resolvePlaceFilter(db, { territoire: q.territoire, lieu: q.lieu })
    const page = await listPlaces(db, { territory: filter.territory ? { id: filter.territory.id, kind: filter.territory.kind } : undefined, kind: q.type, text: q.q }, q.page ?? 1, PAGE_SIZE)
    return reply.page(<PlaceDirectory {...page} filter={filter} values={{ lieu: q.lieu ?? '', type: q.type ?? '', q: q.q ?? '' }} signedIn={request.actor.userId !== null} />)
  })

  const memberOrganisations = async (request: FastifyRequest) => {
    const ids = [...request.actor.memberships.keys()]
    if (ids.length === 0) return []
    return (await db.selectFrom('organisations').select(['id', 'name']).where('id', 'in', ids).orderBy('search_name').execute()).map((o) => ({ value: o.id, label: o.name }))
  }

  async function placeData(v: PlaceFormT): Promise<{ data: PlaceData; problems: FieldProblem[] }> {
    const commune = await resolveTerritoryText(db, v.commune, 'commune')
    const hours: Partial<Record<Day, string>> = {}
    for (const d of DAYS) {
      const value = (v as Record<string, unknown>)[`hours_${d}`]
      if (typeof value === 'string') hours[d] = value
    }
    return {
      data: { name: v.name, kind: v.kind, description: v.description ?? '', address: v.address, communeId: commune.ids[0] ?? '', capacity: v.capacity ?? null, accessibility: v.accessibility, services: v.services, openingHours: hours, website: v.website ?? null },
      problems: commune.problem ? [{ field: 'commune', message: 'catalysis.error.communeUnknown', params: { q: v.commune } }] : commune.ids.length === 0 ? [{ field: 'commune', message: 'catalysis.error.communeRequired' }] : [],
    }
  }

  async function newView(request: FastifyRequest, reply: FastifyReply, state: FormState, status = 200) {
    return reply.page(<PlaceFormPage action="/lieux/nouveau" state={state} organisations={await memberOrganisations(request)} />, status)
  }
  app.get('/lieux/nouveau', async (request, reply) => newView(request, reply, { values: {}, errors: [] }))
  app.post('/lieux/nouveau', async (request, reply) => {
    const values = formValuesOf(request.body)
    const parsed = parseForm(PlaceForm, request.body)
    if (!parsed.ok) return newView(request, reply, { values, errors: parsed.errors }, 400)
    const { data, problems } = await placeData(parsed.value)
    const result = await withFieldErrors(() => createPlace(db, request.actor, parsed.value.organisation_id ?? '00000000-0000-0000-0000-000000000000', data, problems))
    if (!result.ok) return newView(request, reply, { values, errors: result.errors }, result.status)
    reply.setFlash({ kind: 'success', message: 'catalysis.place.created' })
    return reply.redirect(`/lieux/${result.value}`, 303)
  })

  app.get('/lieux/:id', { config: { public: true } }, async (request, reply) => {
    const place = await findPlaceDetails(db, paramId(request))
    if (!place) return reply.callNotFound()
    const now = new Date().toISOString()
    const [upcoming, past] = await Promise.all([listMeetings(db, { placeId: place.id, from: now }, { limit: 20, order: 'asc' }), listMeetings(db, { placeId: place.id, to: now }, { limit: 20, order: 'desc' })])
    return reply.page(<PlacePage place={place} upcoming={upcoming} past={past} canEdit={isMemberOf(request.actor, place.organisation_id)} />)
  })

  async function editView(request: FastifyRequest, reply: FastifyReply, state: FormState | null, status = 200) {
    const place = await loadPlace(db, paramId(request))
    authorizePlaceEdit(request.actor, place)
    const hours = JSON.parse(place.opening_hours) as Record<string, string>
    const initial = {
      values: { name: place.name, kind: place.kind, description: place.description, address: place.address, commune: place.commune_id, capacity: place.capacity ? String(place.capacity) : '', accessibility: place.accessibility.split(',').filter(Boolean), services: place.services.split(',').filter(Boolean), website: place.website ?? '', ...Object.fromEntries(Object.entries(hours).map(([d, v]) => [`hours_${d}`, v])) },
      errors: [],
    }
    return reply.page(<PlaceFormPage action={`/lieux/${place.id}/modifier`} state={state ?? initial} organisations={[]} place={place} />, status)
  }
  app.get('/lieux/:id/modifier', async (request, reply) => editView(request, reply, null))
  app.post('/lieux/:id/modifier', async (request, reply) => {
    const id = paramId(request)
    authorizePlaceEdit(request.actor, await loadPlace(db, id))
    const values = formValuesOf(request.body)
    const parsed = parseForm(PlaceForm, request.body)
    if (!parsed.ok) return editView(request, reply, { values, errors: parsed.errors }, 400)
    const { data, problems } = await placeData(parsed.value)
    const result = await withFieldErrors(() => updatePlace(db, request.actor, id, data, problems))
    if (!result.ok) return editView(request, reply, { values, errors: result.errors }, result.status)
    reply.setFlash({ kind: 'success', message: 'catalysis.saved' })
    return reply.redirect(`/lieux/${id}`, 303)
  })

  app.post('/lieux/:id/proposer', async (request, reply) => {
    const id = paramId(request)
    await offerPlace(db, request.actor, id)
    reply.setFlash({ kind: 'success', message: 'catalysis.place.offeredFlash' })
    return reply.redirect(`/lieux/${id}`, 303)
  })
  app.post('/lieux/:id/retirer', async (request, reply) => {
    const id = paramId(request)
    await withdrawPlaceOffer(db, request.actor, id)
    reply.setFlash({ kind: 'success', message: 'catalysis.place.withdrawnFlash' })
    return reply.redirect(`/lieux/${id}`, 303)
  })
}
