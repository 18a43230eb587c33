/**
 * The views of places: the directory (filters, list), a place's page (kind, manager, address, accessibility,
 * capacity, services, opening hours, its offer as a resource, the meetings held there) and the form to declare
 * or edit a place.
 */
import { DemoBadge } from '../../../../core/views/DemoBadge.js'
import type { FieldProblem } from '../../../../core/errors.js'
import { Pagination } from '../../../../core/views/components.js'
import { useView } from '../../../../core/views/context.js'
import { CheckboxGroup, Form, SelectField, TextArea, TextField, type FormState } from '../../../../core/views/forms.js'
import { Layout } from '../../../../core/views/Layout.js'
import { PlaceFilterNotice, type PlaceFilter } from '../../../territories/index.js'
import type { MeetingDetails } from '../../meetings/meetings.queries.js'
import { IgnoredFilters, MeetingList } from '../../views/common.js'
import { ACCESSIBILITY, DAYS, PLACE_KINDS, SERVICES, type Day } from '../places.codes.js'
import type { PlaceDetails } from '../places.queries.js'
import { translateLabel, type MessageKey } from '../../../../core/i18n/index.js'
import { PLACE_ACCESS_LABELS, PLACE_KIND_LABELS, PLACE_SERVICE_LABELS } from '../../views/labels.js'

export function PlaceDirectory({ rows, total, page, pageCount, filter, values, problems, signedIn }: { rows: PlaceDetails[]; total: number; page: number; pageCount: number; filter: PlaceFilter; values: Record<string, string>; problems: FieldProblem[]; signedIn: boolean }) {
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
      <IgnoredFilters problems={problems} />
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
                <a href={`/lieux/${p.id}`}>{p.name}</a> {p.is_demo === 1 ? <DemoBadge /> : null}
              </h3>
              <p class="card-meta">
                {translateLabel(t, PLACE_KIND_LABELS, p.kind)} · {p.commune_name} · {p.organisation_name}
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

export function PlacePage({ place, upcoming, past, canEdit }: { place: PlaceDetails; upcoming: MeetingDetails[]; past: MeetingDetails[]; canEdit: boolean }) {
  const { t } = useView()
  const hours = JSON.parse(place.opening_hours) as Partial<Record<Day, string>>
  const list = (codes: string, labels: Readonly<Record<string, MessageKey>>) => codes.split(',').filter((c) => c !== '').map((c) => translateLabel(t, labels, c))
  const offered = place.offer_status === 'disponible'
  return (
    <Layout title={place.name} breadcrumb={[{ label: t('catalysis.places.title'), href: '/lieux' }, { label: place.name }]}>
      <h1>
        {place.name} {place.is_demo === 1 ? <DemoBadge /> : null}
      </h1>
      {place.description ? <p class="lead">{place.description}</p> : null}
      <dl class="facts">
        <div>
          <dt>{t('catalysis.place.kind')}</dt>
          <dd>{translateLabel(t, PLACE_KIND_LABELS, place.kind)}</dd>
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
          <dd>{list(place.accessibility, PLACE_ACCESS_LABELS).join(', ') || t('catalysis.place.notGiven')}</dd>
        </div>
        <div>
          <dt>{t('catalysis.place.services')}</dt>
          <dd>{list(place.services, PLACE_SERVICE_LABELS).join(', ') || t('catalysis.place.notGiven')}</dd>
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

export function PlaceFormPage({ action, state, organisations, place }: { action: string; state: FormState; organisations: Array<{ value: string; label: string }>; place?: { id: string; name: string } }) {
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
