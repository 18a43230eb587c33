/**
 * Pages of needs (`/besoins`) and resources (`/ressources`): lists with filters, detail pages, publish and
 * edit forms (POST-redirect-GET, error summary on failure), and the ranked matches of each, with the reasons
 * of every score in words.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { JSX } from 'preact'
import type { Static, TSchema } from 'typebox'
import { isMemberOf, type Actor } from '../../core/access/actor.js'
import { notFound, type FieldProblem } from '../../core/errors.js'
import { formValuesOf, paramId, parseForm, requireId, withFieldErrors } from '../../core/http/forms.js'
import { formatDate } from '../../core/i18n/index.js'
import { Pagination } from '../../core/views/components.js'
import { useView } from '../../core/views/context.js'
import { CheckboxGroup, Form, SelectField, TextArea, TextField, type FormState, type FormValues } from '../../core/views/forms.js'
import { Layout } from '../../core/views/Layout.js'
import { DemoBadge, listMembershipsOfUser } from '../organisations/index.js'
import { TerritoryName } from '../territories/index.js'
import { termLabel, termOptions, TermLink, TermList } from '../vocabulary/index.js'
import { listRequestsForPairs } from './connections.queries.js'
import { effectiveStatus } from './connections.service.js'
import { CONTRIBUTION_TYPES, domainsOf, HORIZONS, NEED_STATUSES, RESOURCE_KINDS, RESOURCE_STATUSES, sdgsOf } from './listening.codes.js'
import { placeText, resolvePlace } from './listening.places.js'
import { findNeed, findResource, listNeeds, listNeedsByIds, listResources, listResourcesByIds, type ListPage, type NeedDetails, type NeedRow, type ResourceDetails, type ResourceRow } from './listening.queries.js'
import { ListQuery, NeedForm, ResourceForm, type ContributionData, type NeedData, type NeedFormT, type ResourceData, type ResourceFormT } from './listening.schemas.js'
import { createNeed, createResource, updateNeed, updateResource } from './listening.service.js'
import { explainNeedsForResource, explainResourcesForNeed, loadNeedSides, loadResourceSides, type Explained } from './matching.js'
import { AmountRange, NeedList, NeedStatusBadge, Reasons, ResourceList, ResourceStatusBadge, UpdatedOn } from './views.js'
import { filtersFrom, FilterForm, resolveFilterPlace } from './search.pages.js'

const PAGE_SIZE = 20

type MyOrganisation = { id: string; name: string }

async function myOrganisations(app: FastifyInstance, request: FastifyRequest): Promise<MyOrganisation[]> {
  if (request.actor.userId === null) return []
  return (await listMembershipsOfUser(app.db, request.actor.userId)).map((m) => ({ id: m.id, name: m.name }))
}

function NoOrganisation() {
  const { t } = useView()
  return (
    <div class="notice notice-info">
      <p>{t('listening.noOrganisation')}</p>
      <p>
        <a class="button" href="/acteurs/nouveau">
          {t('listening.registerOrganisation')}
        </a>
      </p>
    </div>
  )
}

// --- lists ----------------------------------------------------------------------------------------------

function ListPageView({ kind, page, values, place }: { kind: 'needs' | 'resources'; page: ListPage<NeedRow> | ListPage<ResourceRow>; values: FormValues; place: string | null }) {
  const { t, path, user } = useView()
  const title = kind === 'needs' ? t('listening.needs.title') : t('listening.resources.title')
  return (
    <Layout title={title}>
      <h1>{title}</h1>
      <p class="lead">{kind === 'needs' ? t('listening.needs.intro') : t('listening.resources.intro')}</p>
      {user ? (
        <p>
          <a class="button" href={kind === 'needs' ? '/besoins/nouveau' : '/ressources/nouvelle'}>
            {kind === 'needs' ? t('listening.need.create') : t('listening.resource.create')}
          </a>
        </p>
      ) : null}
      <FilterForm action={kind === 'needs' ? '/besoins' : '/ressources'} values={values} kind={kind} />
      {place ? <p class="active-filter">{t('listening.search.inside', { place })}</p> : null}
      <h2 aria-live="polite">{t(kind === 'needs' ? 'listening.count.needs' : 'listening.count.resources', { count: page.total })}</h2>
      {page.capped ? <p class="muted">{t('listening.count.capped', { count: page.total })}</p> : null}
      {page.rows.length === 0 ? <p>{t('listening.none')}</p> : kind === 'needs' ? <NeedList rows={page.rows as NeedRow[]} /> : <ResourceList rows={page.rows as ResourceRow[]} />}
      <Pagination page={page.page} pageCount={page.pageCount} href={path} />
    </Layout>
  )
}

// --- details ----------------------------------------------------------------------------------------------

function ContributionDetails({ c }: { c: NeedDetails['contributions'][number] }) {
  const { t } = useView()
  return (
    <li>
      <TermLink kind="contribution_type" code={c.contribution_type} />
      {c.amount_min_cents !== null || c.amount_max_cents !== null ? (
        <>
          {' '}
          — <AmountRange min={c.amount_min_cents} max={c.amount_max_cents} />
        </>
      ) : null}
      {c.hours !== null ? <> — {t('listening.detail.peopleHours', { people: c.people ?? 1, hours: c.hours })}</> : null}
      {c.skills ? <> — {t('listening.detail.skills', { skills: c.skills })}</> : null}
      {c.details ? <> — {c.details}</> : null}
    </li>
  )
}

/** The actions of a need's or resource's page: its matches, and editing for its organisation's members. */
function DetailActions({ path, canEdit }: { path: string; canEdit: boolean }) {
  const { t } = useView()
  return (
    <ul class="actions">
      <li>
        <a class="button" href={`${path}/correspondances`}>
          {t('listening.detail.matches')}
        </a>
      </li>
      {canEdit ? (
        <li>
          <a class="button button-secondary" href={`${path}/modifier`}>
            {t('listening.detail.edit')}
          </a>
        </li>
      ) : null}
    </ul>
  )
}

/** The publishing organisation, first fact of a need's or resource's page. */
function OrganisationFact({ organisation }: { organisation: { id: string; name: string } }) {
  const { t } = useView()
  return (
    <div>
      <dt>{t('listening.detail.organisation')}</dt>
      <dd>
        <a href={`/acteurs/${organisation.id}`}>{organisation.name}</a>
      </dd>
    </div>
  )
}

function NeedPage({ details, canEdit }: { details: NeedDetails; canEdit: boolean }) {
  const { t } = useView()
  const { need, contributions, territory, organisation } = details
  return (
    <Layout title={need.title} breadcrumb={[{ label: t('listening.needs.title'), href: '/besoins' }, { label: need.title }]}>
      <p class="kicker">
        <TermLink kind="concept" code="besoin" /> · <TermLink kind="domain" code={need.domain} /> <NeedStatusBadge status={need.status} /> {need.is_demo ? <DemoBadge /> : null}
      </p>
      <h1>{need.title}</h1>
      <DetailActions path={`/besoins/${need.id}`} canEdit={canEdit} />
      <dl class="facts">
        <OrganisationFact organisation={organisation} />
        <div>
          <dt>{t('listening.field.territory')}</dt>
          <dd>
            <TerritoryName territory={territory} />
          </dd>
        </div>
        <div>
          <dt>{t('listening.field.horizon')}</dt>
          <dd>{t(`listening.horizon.${need.horizon}`)}</dd>
        </div>
        {need.lever ? (
          <div>
            <dt>{t('listening.field.lever')}</dt>
            <dd>
              <TermLink kind="lever" code={need.lever} />
            </dd>
          </div>
        ) : null}
        <div>
          <dt>{t('listening.field.status')}</dt>
          <dd>
            {t(`listening.needStatus.${need.status}`)} · <UpdatedOn iso={need.updated_at} />
          </dd>
        </div>
      </dl>
      {need.description.split(/\n{2,}/).map((p) => (
        <p>{p}</p>
      ))}
      <h2>{t('listening.section.help')}</h2>
      <ul>
        {contributions.map((c) => (
          <ContributionDetails c={c} />
        ))}
      </ul>
      <h2>{t('listening.field.sdgs')}</h2>
      <TermList kind="sdg" codes={sdgsOf(need.sdg_mask).map(String)} />
    </Layout>
  )
}

function ResourcePage({ details, canEdit }: { details: ResourceDetails; canEdit: boolean }) {
  const { t, locale } = useView()
  const { resource: r, reach, organisation } = details
  return (
    <Layout title={r.title} breadcrumb={[{ label: t('listening.resources.title'), href: '/ressources' }, { label: r.title }]}>
      <p class="kicker">
        {t(`listening.kind.${r.kind}`)} · <TermLink kind="contribution_type" code={r.contribution_type} /> <ResourceStatusBadge status={r.status} /> {r.is_demo ? <DemoBadge /> : null}
      </p>
      <h1>{r.title}</h1>
      <DetailActions path={`/ressources/${r.id}`} canEdit={canEdit} />
      <dl class="facts">
        <OrganisationFact organisation={organisation} />
        <div>
          <dt>{t('listening.field.reach')}</dt>
          <dd>{reach ? <TerritoryName territory={reach} /> : t('listening.national')}</dd>
        </div>
        {r.amount_min_cents !== null || r.amount_max_cents !== null || r.hours !== null ? (
          <div>
            <dt>{t('listening.field.capacity')}</dt>
            <dd>
              <AmountRange min={r.amount_min_cents} max={r.amount_max_cents} />
              {r.hours !== null ? t('listening.detail.peopleHours', { people: r.people ?? 1, hours: r.hours }) : null}
            </dd>
          </div>
        ) : null}
        {r.available_from || r.available_until ? (
          <div>
            <dt>{t('listening.detail.window')}</dt>
            <dd>
              {r.available_from ? t('listening.detail.windowFrom', { date: formatDate(locale, r.available_from) }) : null} {r.available_until ? t('listening.detail.windowUntil', { date: formatDate(locale, r.available_until) }) : null}
            </dd>
          </div>
        ) : null}
        <div>
          <dt>{t('listening.field.status')}</dt>
          <dd>
            {t(`listening.resourceStatus.${r.status}`)} · <UpdatedOn iso={r.updated_at} />
          </dd>
        </div>
      </dl>
      {r.description.split(/\n{2,}/).map((p) => (
        <p>{p}</p>
      ))}
      {r.skills ? <p>{t('listening.detail.skills', { skills: r.skills })}</p> : null}
      {r.items ? (
        <p>
          {t('listening.field.items')} : {r.items}
        </p>
      ) : null}
      {r.place ? (
        <p>
          {t('listening.field.place')} : {r.place}
        </p>
      ) : null}
      {r.domain_mask ? (
        <>
          <h2>{t('listening.field.domains')}</h2>
          <TermList kind="domain" codes={domainsOf(r.domain_mask)} />
        </>
      ) : null}
      {r.sdg_mask ? (
        <>
          <h2>{t('listening.field.sdgs')}</h2>
          <TermList kind="sdg" codes={sdgsOf(r.sdg_mask).map(String)} />
        </>
      ) : null}
    </Layout>
  )
}

// --- forms ------------------------------------------------------------------------------------------------

function OrganisationChoice({ organisations }: { organisations: MyOrganisation[] }) {
  const { t } = useView()
  return <SelectField name="organisation_id" label={t('listening.field.organisation')} required options={organisations.map((o) => ({ value: o.id, label: o.name }))} />
}

function NeedFormPage({ mode, action, state, organisations }: { mode: 'create' | 'edit'; action: string; state: FormState; organisations: MyOrganisation[] }) {
  const { t, locale } = useView()
  const title = mode === 'create' ? t('listening.need.create') : t('listening.need.edit')
  const other = CONTRIBUTION_TYPES.filter((c) => !['mecenat_financier', 'mecenat_competences', 'benevolat'].includes(c))
  return (
    <Layout title={title} breadcrumb={[{ label: t('listening.needs.title'), href: '/besoins' }, { label: title }]}>
      <h1>{title}</h1>
      <p class="lead">{t('listening.need.createIntro')}</p>
      {organisations.length === 0 ? (
        <NoOrganisation />
      ) : (
        <Form action={action} state={state} submitLabel={title}>
          <fieldset>
            <legend>{t('listening.section.what')}</legend>
            {mode === 'create' ? <OrganisationChoice organisations={organisations} /> : <input type="hidden" name="organisation_id" value={String(state.values.organisation_id ?? '')} />}
            <TextField name="title" label={t('listening.field.title')} required maxLength={200} />
            <TextArea name="description" label={t('listening.field.description')} required maxLength={5000} rows={5} />
            <SelectField name="domain" label={t('listening.field.domain')} required options={termOptions('domain', locale)} placeholder={t('form.choose')} />
            <CheckboxGroup name="sdgs" legend={t('listening.field.sdgs')} hint={t('listening.field.sdgsHint')} options={termOptions('sdg', locale)} columns />
          </fieldset>
          <fieldset>
            <legend>{t('listening.section.where')}</legend>
            <TextField name="territory" label={t('listening.field.territory')} hint={t('listening.field.territoryHint')} required maxLength={100} />
            <SelectField name="horizon" label={t('listening.field.horizon')} required options={HORIZONS.map((h) => ({ value: h, label: t(`listening.horizon.${h}`) }))} placeholder={t('form.choose')} />
            <SelectField name="lever" label={t('listening.field.lever')} options={termOptions('lever', locale)} placeholder={t('form.none')} />
            {mode === 'edit' ? <SelectField name="status" label={t('listening.field.status')} required options={NEED_STATUSES.map((s) => ({ value: s, label: t(`listening.needStatus.${s}`) }))} /> : null}
          </fieldset>
          <CheckboxGroup name="types" legend={t('listening.field.types')} hint={t('listening.field.typesHint')} options={termOptions('contribution_type', locale)} columns />
          <fieldset>
            <legend>{t('listening.field.detailsFinancial')}</legend>
            <TextField name="amount_min" label={t('listening.field.amountMin')} inputMode="numeric" maxLength={12} />
            <TextField name="amount_max" label={t('listening.field.amountMax')} inputMode="numeric" maxLength={12} />
          </fieldset>
          <fieldset>
            <legend>{t('listening.field.detailsSkills')}</legend>
            <TextField name="skills" label={t('listening.field.skills')} maxLength={500} />
            <TextField name="skill_hours" label={t('listening.field.skillHours')} inputMode="numeric" maxLength={6} />
            <TextField name="skill_people" label={t('listening.field.skillPeople')} inputMode="numeric" maxLength={5} />
          </fieldset>
          <fieldset>
            <legend>{t('listening.field.detailsVolunteers')}</legend>
            <TextField name="volunteer_people" label={t('listening.field.volunteerPeople')} inputMode="numeric" maxLength={5} />
            <TextField name="volunteer_hours" label={t('listening.field.volunteerHours')} inputMode="numeric" maxLength={6} />
          </fieldset>
          <fieldset>
            <legend>{t('listening.field.detailsOther')}</legend>
            {other.map((type) => (
              <TextField name={`details_${type}`} label={t('listening.field.detailsOf', { type: termLabel('contribution_type', type, locale) })} maxLength={1000} />
            ))}
          </fieldset>
        </Form>
      )}
    </Layout>
  )
}

function ResourceFormPage({ mode, action, state, organisations }: { mode: 'create' | 'edit'; action: string; state: FormState; organisations: MyOrganisation[] }) {
  const { t, locale } = useView()
  const title = mode === 'create' ? t('listening.resource.create') : t('listening.resource.edit')
  return (
    <Layout title={title} breadcrumb={[{ label: t('listening.resources.title'), href: '/ressources' }, { label: title }]}>
      <h1>{title}</h1>
      <p class="lead">{t('listening.resource.createIntro')}</p>
      {organisations.length === 0 ? (
        <NoOrganisation />
      ) : (
        <Form action={action} state={state} submitLabel={title}>
          <fieldset>
            <legend>{t('listening.section.offer')}</legend>
            {mode === 'create' ? <OrganisationChoice organisations={organisations} /> : <input type="hidden" name="organisation_id" value={String(state.values.organisation_id ?? '')} />}
            <SelectField name="kind" label={t('listening.field.kind')} required options={RESOURCE_KINDS.map((k) => ({ value: k, label: t(`listening.kind.${k}`) }))} />
            <TextField name="title" label={t('listening.field.title')} required maxLength={200} />
            <TextArea name="description" label={t('listening.field.description')} required maxLength={5000} rows={5} />
            <SelectField name="contribution_type" label={t('listening.field.type')} required options={termOptions('contribution_type', locale)} placeholder={t('form.choose')} />
            <TextField name="amount_min" label={t('listening.field.amountMin')} inputMode="numeric" maxLength={12} />
            <TextField name="amount_max" label={t('listening.field.amountOffered')} inputMode="numeric" maxLength={12} />
            <TextField name="skills" label={t('listening.field.skills')} maxLength={500} />
            <TextField name="people" label={t('listening.field.people')} inputMode="numeric" maxLength={5} />
            <TextField name="hours" label={t('listening.field.hours')} inputMode="numeric" maxLength={6} />
            <TextField name="items" label={t('listening.field.items')} maxLength={500} />
            <TextField name="place" label={t('listening.field.place')} maxLength={500} />
          </fieldset>
          <fieldset>
            <legend>{t('listening.section.interest')}</legend>
            <TextField name="reach" label={t('listening.field.reach')} hint={t('listening.field.reachHint')} maxLength={100} />
            <TextField name="available_from" label={t('listening.field.availableFrom')} hint={t('listening.field.dateHint')} type="date" maxLength={10} />
            <TextField name="available_until" label={t('listening.field.availableUntil')} hint={t('listening.field.dateHint')} type="date" maxLength={10} />
            {mode === 'edit' ? <SelectField name="status" label={t('listening.field.status')} required options={RESOURCE_STATUSES.map((s) => ({ value: s, label: t(`listening.resourceStatus.${s}`) }))} /> : null}
          </fieldset>
          <CheckboxGroup name="domains" legend={t('listening.field.domains')} options={termOptions('domain', locale)} columns />
          <CheckboxGroup name="sdgs" legend={t('listening.field.sdgs')} options={termOptions('sdg', locale)} columns />
        </Form>
      )}
    </Layout>
  )
}

// --- matches ----------------------------------------------------------------------------------------------

interface MatchItem {
  explained: Explained
  title: string
  href: string
  organisation: string
  demo: boolean
  request: { id: string; status: string } | null
}

function MatchesPage({ title, back, items, contactable }: { title: string; back: { label: string; href: string }; items: MatchItem[]; contactable: boolean }) {
  const { t } = useView()
  return (
    <Layout title={title} breadcrumb={[back, { label: title }]}>
      <h1>{title}</h1>
      <p class="lead">{t('listening.matches.intro')}</p>
      <p>
        <a href="/lexique#concept-mise-en-relation">{t('listening.matches.how')}</a>
      </p>
      {items.length === 0 ? (
        <p>{t('listening.matches.none')}</p>
      ) : (
        <ol class="match-list">
          {items.map((item) => (
            <li>
              <h2 class="listing-title">
                <a href={item.href}>{item.title}</a> {item.demo ? <DemoBadge /> : null}
              </h2>
              <p class="listing-meta">
                {item.organisation} · <span class="match-score">{t('listening.matches.score', { score: item.explained.score.total })}</span>
              </p>
              <p class="visually-hidden">{t('listening.matches.reasons')}</p>
              <Reasons components={item.explained.score.components} />
              {item.request ? (
                <p>
                  <a href={`/mises-en-relation/${item.request.id}`}>{t('listening.matches.requested', { status: t(`listening.requestStatus.${item.request.status}`) })}</a>
                </p>
              ) : contactable ? (
                <p>
                  <a class="button button-small" href={`/mises-en-relation/nouvelle?besoin=${item.explained.needId}&ressource=${item.explained.resourceId}`}>
                    {t('listening.matches.contact')}
                  </a>
                </p>
              ) : null}
            </li>
          ))}
        </ol>
      )}
    </Layout>
  )
}

// --- form → data ------------------------------------------------------------------------------------------

const cents = (euros: number | undefined) => (euros === undefined ? null : euros * 100)
function orNull<T>(value: T | undefined): Exclude<T, undefined> | null {
  return value === undefined ? null : (value as Exclude<T, undefined>)
}

async function needDataFromForm(app: FastifyInstance, form: NeedFormT): Promise<{ data: NeedData | null; problems: FieldProblem[] }> {
  const place = await resolvePlace(app.db, 'territory', form.territory, { allowNational: false })
  if (!place.id) return { data: null, problems: place.problem ? [place.problem] : [] }
  const contributions: ContributionData[] = [...new Set(form.types)].map((type) => {
    const details = orNull((form as Record<string, unknown>)[`details_${type}`] as string | undefined)
    if (type === 'mecenat_financier') return { type, amountMinCents: cents(form.amount_min), amountMaxCents: cents(form.amount_max), hours: null, people: null, skills: null, details }
    if (type === 'mecenat_competences') return { type, amountMinCents: null, amountMaxCents: null, hours: orNull(form.skill_hours), people: orNull(form.skill_people), skills: orNull(form.skills), details }
    if (type === 'benevolat') return { type, amountMinCents: null, amountMaxCents: null, hours: orNull(form.volunteer_hours), people: orNull(form.volunteer_people), skills: null, details }
    return { type, amountMinCents: null, amountMaxCents: null, hours: null, people: null, skills: null, details }
  })
  return {
    data: {
      organisationId: form.organisation_id,
      title: form.title,
      description: form.description,
      domain: form.domain,
      sdgs: form.sdgs.length > 0 ? form.sdgs : null,
      territoryId: place.id,
      contributions,
      horizon: form.horizon,
      lever: form.lever ?? null,
      status: form.status ?? null,
    },
    problems: [],
  }
}

function needValues(d: NeedDetails): FormValues {
  const values: FormValues = {
    organisation_id: d.need.organisation_id,
    title: d.need.title,
    description: d.need.description,
    domain: d.need.domain,
    sdgs: sdgsOf(d.need.sdg_mask).map(String),
    territory: d.need.territory_id,
    types: d.contributions.map((c) => c.contribution_type),
    horizon: d.need.horizon,
    lever: d.need.lever ?? '',
    status: d.need.status,
  }
  for (const c of d.contributions) {
    if (c.details) values[`details_${c.contribution_type}`] = c.details
    if (c.contribution_type === 'mecenat_financier') {
      if (c.amount_min_cents !== null) values.amount_min = String(c.amount_min_cents / 100)
      if (c.amount_max_cents !== null) values.amount_max = String(c.amount_max_cents / 100)
    }
    if (c.contribution_type === 'mecenat_competences') {
      values.skills = c.skills ?? ''
      if (c.hours !== null) values.skill_hours = String(c.hours)
      if (c.people !== null) values.skill_people = String(c.people)
    }
    if (c.contribution_type === 'benevolat') {
      if (c.hours !== null) values.volunteer_hours = String(c.hours)
      if (c.people !== null) values.volunteer_people = String(c.people)
    }
  }
  return values
}

async function resourceDataFromForm(app: FastifyInstance, form: ResourceFormT): Promise<{ data: ResourceData | null; problems: FieldProblem[] }> {
  let reach: string | null = null
  if (form.reach) {
    const place = await resolvePlace(app.db, 'reach', form.reach, { allowNational: true })
    if (!place.id) return { data: null, problems: place.problem ? [place.problem] : [] }
    reach = place.id
  }
  return {
    data: {
      organisationId: form.organisation_id,
      kind: form.kind as ResourceData['kind'],
      title: form.title,
      description: form.description,
      contributionType: form.contribution_type,
      amountMinCents: cents(form.amount_min),
      amountMaxCents: cents(form.amount_max),
      hours: orNull(form.hours),
      people: orNull(form.people),
      skills: orNull(form.skills),
      items: orNull(form.items),
      place: orNull(form.place),
      domains: [...new Set(form.domains)],
      sdgs: [...new Set(form.sdgs)],
      reachTerritoryId: reach,
      availableFrom: orNull(form.available_from),
      availableUntil: orNull(form.available_until),
      status: form.status ?? null,
    },
    problems: [],
  }
}

function resourceValues(d: ResourceDetails): FormValues {
  const r = d.resource
  return {
    organisation_id: r.organisation_id,
    kind: r.kind,
    title: r.title,
    description: r.description,
    contribution_type: r.contribution_type,
    amount_min: r.amount_min_cents === null ? '' : String(r.amount_min_cents / 100),
    amount_max: r.amount_max_cents === null ? '' : String(r.amount_max_cents / 100),
    hours: r.hours === null ? '' : String(r.hours),
    people: r.people === null ? '' : String(r.people),
    skills: r.skills ?? '',
    items: r.items ?? '',
    place: r.place ?? '',
    domains: domainsOf(r.domain_mask),
    sdgs: sdgsOf(r.sdg_mask).map(String),
    reach: placeText(r.reach_territory_id),
    available_from: r.available_from ?? '',
    available_until: r.available_until ?? '',
    status: r.status,
  }
}

// --- routes -----------------------------------------------------------------------------------------------

/** What differs between the pages of needs and those of resources (and wishes to engage). */
interface Publication<Schema extends TSchema, Details, Data extends { title: string }> {
  /** the list and the base of each object's address (`/besoins/:id`, `/besoins/:id/modifier`) */
  path: string
  newPath: string
  schema: Schema
  initialValues: FormValues
  FormPage: (props: { mode: 'create' | 'edit'; action: string; state: FormState; organisations: MyOrganisation[] }) => JSX.Element
  Page: (props: { details: Details; canEdit: boolean }) => JSX.Element
  find: (db: FastifyInstance['db'], id: string) => Promise<Details | undefined>
  ownerOf: (details: Details) => string
  valuesOf: (details: Details) => FormValues
  fromForm: (app: FastifyInstance, form: Static<Schema>) => Promise<{ data: Data | null; problems: FieldProblem[] }>
  create: (db: FastifyInstance['db'], actor: Actor, data: Data) => Promise<string>
  update: (db: FastifyInstance['db'], actor: Actor, id: string, data: Data) => Promise<void>
  flash: { created: string; updated: string }
}

/** Create, show and edit pages of one kind of publication; forms re-render with an error summary. */
function publicationRoutes<Schema extends TSchema, Details, Data extends { title: string }>(app: FastifyInstance, kind: Publication<Schema, Details, Data>): void {
  const { FormPage, Page } = kind

  /** Validates and saves the posted form; re-renders it with the problems, or redirects to the object. */
  async function save(request: FastifyRequest, reply: FastifyReply, mode: 'create' | 'edit', action: string, values: FormValues, work: (data: Data) => Promise<string>) {
    const organisations = await myOrganisations(app, request)
    const rerender = (errors: FieldProblem[], status = 400) => reply.page(<FormPage mode={mode} action={action} state={{ values, errors }} organisations={organisations} />, status)
    const parsed = parseForm(kind.schema, values)
    if (!parsed.ok) return rerender(parsed.errors)
    const { data, problems } = await kind.fromForm(app, parsed.value)
    if (!data) return rerender(problems)
    const saved = await withFieldErrors(() => work(data))
    if (!saved.ok) return rerender(saved.errors, saved.status)
    reply.setFlash({ kind: 'success', message: mode === 'create' ? kind.flash.created : kind.flash.updated, params: { title: data.title } })
    return reply.redirect(`${kind.path}/${saved.value}`, 303)
  }

  /** The object of the URL when one of the actor's organisations publishes it (404 otherwise). */
  async function editable(request: FastifyRequest): Promise<{ id: string; details: Details }> {
    const id = paramId(request)
    const details = await kind.find(app.db, id)
    if (!details || !isMemberOf(request.actor, kind.ownerOf(details))) throw notFound()
    return { id, details }
  }

  app.get(kind.newPath, async (request, reply) => {
    const organisations = await myOrganisations(app, request)
    return reply.page(<FormPage mode="create" action={kind.newPath} state={{ values: kind.initialValues, errors: [] }} organisations={organisations} />)
  })

  app.post(kind.newPath, async (request, reply) => save(request, reply, 'create', kind.newPath, formValuesOf(request.body), (data) => kind.create(app.db, request.actor, data)))

  app.get(`${kind.path}/:id`, { config: { public: true, cache: true } }, async (request, reply) => {
    const details = await kind.find(app.db, paramId(request))
    if (!details) throw notFound()
    return reply.page(<Page details={details} canEdit={isMemberOf(request.actor, kind.ownerOf(details))} />)
  })

  app.get(`${kind.path}/:id/modifier`, async (request, reply) => {
    const { id, details } = await editable(request)
    return reply.page(<FormPage mode="edit" action={`${kind.path}/${id}/modifier`} state={{ values: kind.valuesOf(details), errors: [] }} organisations={await myOrganisations(app, request)} />)
  })

  app.post(`${kind.path}/:id/modifier`, async (request, reply) => {
    const { id, details } = await editable(request)
    const values = { ...formValuesOf(request.body), organisation_id: kind.ownerOf(details) }
    return save(request, reply, 'edit', `${kind.path}/${id}/modifier`, values, async (data) => {
      await kind.update(app.db, request.actor, id, data)
      return id
    })
  })
}


export async function listeningPages(app: FastifyInstance): Promise<void> {
  for (const kind of ['needs', 'resources'] as const) {
    app.get(kind === 'needs' ? '/besoins' : '/ressources', { config: { public: true, cache: true } }, async (request, reply) => {
      const parsed = parseForm(ListQuery, request.query)
      const query = parsed.ok ? parsed.value : {}
      const place = await resolveFilterPlace(app, query)
      const filters = filtersFrom(query, place?.id)
      const page = kind === 'needs' ? await listNeeds(app.db, filters, query.page ?? 1, PAGE_SIZE) : await listResources(app.db, filters, query.page ?? 1, PAGE_SIZE)
      return reply.page(<ListPageView kind={kind} page={page} values={formValuesOf(request.query)} place={place?.name ?? null} />)
    })
  }

  publicationRoutes(app, {
    path: '/besoins',
    newPath: '/besoins/nouveau',
    schema: NeedForm,
    initialValues: { horizon: 'moyen' },
    FormPage: NeedFormPage,
    Page: NeedPage,
    find: findNeed,
    ownerOf: (d) => d.need.organisation_id,
    valuesOf: needValues,
    fromForm: needDataFromForm,
    create: createNeed,
    update: updateNeed,
    flash: { created: 'listening.need.created', updated: 'listening.need.updated' },
  })
  publicationRoutes(app, {
    path: '/ressources',
    newPath: '/ressources/nouvelle',
    schema: ResourceForm,
    initialValues: { kind: 'ressource' },
    FormPage: ResourceFormPage,
    Page: ResourcePage,
    find: findResource,
    ownerOf: (d) => d.resource.organisation_id,
    valuesOf: resourceValues,
    fromForm: resourceDataFromForm,
    create: createResource,
    update: updateResource,
    flash: { created: 'listening.resource.created', updated: 'listening.resource.updated' },
  })

  async function requestsByPair(request: FastifyRequest, explained: Explained[]) {
    const mine = [...request.actor.memberships.keys()]
    const rows = await listRequestsForPairs(app.db, mine, explained.map((e) => ({ needId: e.needId, resourceId: e.resourceId })))
    const now = new Date().toISOString()
    const map = new Map<string, { id: string; status: string }>()
    for (const r of rows) {
      const key = `${r.need_id}|${r.resource_id}`
      if (!map.has(key)) map.set(key, { id: r.id, status: effectiveStatus(r, now) })
    }
    return map
  }

  app.get('/besoins/:id/correspondances', { config: { public: true } }, async (request, reply) => {
    const id = requireId((request.params as { id: string }).id)
    const need = (await loadNeedSides(app.db, [id])).get(id)
    const details = await findNeed(app.db, id)
    if (!need || !details) throw notFound()
    const explained = await explainResourcesForNeed(app.db, need, { limit: 20, now: new Date() })
    const rows = new Map((await listResourcesByIds(app.db, explained.map((e) => e.resourceId))).map((r) => [r.id, r]))
    const requests = await requestsByPair(request, explained)
    const items: MatchItem[] = explained.map((e) => {
      const r = rows.get(e.resourceId) as ResourceRow
      return { explained: e, title: r.title, href: `/ressources/${r.id}`, organisation: r.organisation_name, demo: r.is_demo === 1, request: requests.get(`${e.needId}|${e.resourceId}`) ?? null }
    })
    const contactable = request.actor.userId !== null
    return reply.page(
      <MatchesPage title={request.t('listening.matches.titleNeed', { title: details.need.title })} back={{ label: details.need.title, href: `/besoins/${id}` }} items={items} contactable={contactable} />,
    )
  })

  app.get('/ressources/:id/correspondances', { config: { public: true } }, async (request, reply) => {
    const id = requireId((request.params as { id: string }).id)
    const resource = (await loadResourceSides(app.db, [id])).get(id)
    const details = await findResource(app.db, id)
    if (!resource || !details) throw notFound()
    const explained = details.resource.status === 'disponible' ? await explainNeedsForResource(app.db, resource, { limit: 20, now: new Date() }) : []
    const rows = new Map((await listNeedsByIds(app.db, explained.map((e) => e.needId))).map((n) => [n.id, n]))
    const requests = await requestsByPair(request, explained)
    const items: MatchItem[] = explained.map((e) => {
      const n = rows.get(e.needId) as NeedRow
      return { explained: e, title: n.title, href: `/besoins/${n.id}`, organisation: `${n.organisation_name} · ${n.territory_name}`, demo: n.is_demo === 1, request: requests.get(`${e.needId}|${e.resourceId}`) ?? null }
    })
    return reply.page(
      <MatchesPage
        title={request.t('listening.matches.titleResource', { title: details.resource.title })}
        back={{ label: details.resource.title, href: `/ressources/${id}` }}
        items={items}
        contactable={request.actor.userId !== null}
      />,
    )
  })
}


