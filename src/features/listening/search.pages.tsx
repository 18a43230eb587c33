/**
 * `/recherche`: one search across needs, resources and actors (full text: accents and plurals do not
 * matter), with the filters every list shares — territory (everything inside it), field of action, SDG,
 * kind of contribution, world, status — and pagination. Also the filter form used by `/besoins` and
 * `/ressources`.
 */
import type { FastifyInstance } from 'fastify'
import { formValuesOf, parseForm } from '../../core/http/forms.js'
import { Pagination, withQuery } from '../../core/views/components.js'
import { useView } from '../../core/views/context.js'
import { Form, SelectField, TextField, type FormValues } from '../../core/views/forms.js'
import { Layout } from '../../core/views/Layout.js'
import { ActorList } from '../organisations/index.js'
import { findTerritoryById, type Territory } from '../territories/index.js'
import { termOptions } from '../vocabulary/index.js'
import { NEED_STATUSES, RESOURCE_STATUSES } from './listening.codes.js'
import { resolvePlace } from './listening.places.js'
import { listActors, listNeeds, listResources, type ActorRow, type ListFilters, type ListPage, type NeedRow, type ResourceRow } from './listening.queries.js'
import { ListQuery, type ListQueryT } from './listening.schemas.js'
import { refreshActorIndex } from './listening.service.js'
import { NeedList, ResourceList } from './views.js'

/** The territory filter: an id (`territoire`) or a typed place (`lieu`) resolved like the forms do. */
export async function resolveFilterPlace(app: FastifyInstance, query: Partial<ListQueryT>): Promise<Territory | null> {
  if (query.territoire) return (await findTerritoryById(app.db, query.territoire)) ?? null
  if (query.lieu) {
    const place = await resolvePlace(app.db, 'lieu', query.lieu, { allowNational: false })
    if (place.id) return (await findTerritoryById(app.db, place.id)) ?? null
  }
  return null
}

export function filtersFrom(query: Partial<ListQueryT>, territoryId: string | undefined): ListFilters {
  return {
    text: query.q,
    territoryId,
    domain: query.domaine,
    sdg: query.odd,
    contributionType: query.contribution,
    world: query.monde,
    status: query.statut,
  }
}

/** The shared filter form (GET): words, territory, field, SDG, kind of contribution, world, status. */
export function FilterForm({ action, values, kind }: { action: string; values: FormValues; kind: 'needs' | 'resources' | 'all' }) {
  const { t, locale } = useView()
  const statuses = kind === 'needs' ? NEED_STATUSES.map((s) => ({ value: s, label: t(`listening.needStatus.${s}`) })) : kind === 'resources' ? RESOURCE_STATUSES.map((s) => ({ value: s, label: t(`listening.resourceStatus.${s}`) })) : []
  return (
    <Form action={action} method="get" state={{ values, errors: [] }} submitLabel={t('listening.search.submit')} class="filters">
      <div class="filter-grid">
        <TextField name="q" label={t('listening.search.q')} type="search" maxLength={100} />
        {kind === 'all' ? (
          <SelectField
            name="type"
            label={t('listening.search.kind')}
            options={[
              { value: 'tout', label: t('listening.search.all') },
              { value: 'besoins', label: t('listening.search.needs') },
              { value: 'ressources', label: t('listening.search.resources') },
              { value: 'acteurs', label: t('listening.search.actors') },
            ]}
          />
        ) : null}
        <TextField name="lieu" label={t('listening.search.place')} hint={t('listening.search.placeHint')} maxLength={100} />
        <SelectField name="domaine" label={t('listening.field.domain')} options={termOptions('domain', locale)} placeholder={t('listening.search.anyDomain')} />
        <SelectField name="odd" label={t('listening.dashboard.sdg')} options={termOptions('sdg', locale)} placeholder={t('listening.search.anySdg')} />
        <SelectField name="contribution" label={t('listening.field.type')} options={termOptions('contribution_type', locale)} placeholder={t('listening.search.anyType')} />
        <SelectField name="monde" label={t('listening.search.world')} options={termOptions('world', locale)} placeholder={t('listening.search.anyWorld')} />
        {statuses.length > 0 ? <SelectField name="statut" label={t('listening.search.status')} options={statuses} placeholder={t('listening.search.anyStatus')} /> : null}
      </div>
      {typeof values.territoire === 'string' && values.territoire !== '' ? <input type="hidden" name="territoire" value={values.territoire} /> : null}
    </Form>
  )
}

interface SearchResults {
  needs: ListPage<NeedRow> | null
  resources: ListPage<ResourceRow> | null
  actors: ListPage<ActorRow> | null
}

function SearchPage({ values, results, kind, place }: { values: FormValues; results: SearchResults; kind: string; place: string | null }) {
  const { t, path } = useView()
  const section = (key: 'needs' | 'resources' | 'actors', type: string) => {
    const page = results[key]
    if (!page) return null
    return (
      <section aria-labelledby={`resultats-${key}`}>
        <h2 id={`resultats-${key}`}>{t(`listening.count.${key}`, { count: page.total })}</h2>
        {page.capped ? <p class="muted">{t('listening.count.capped', { count: page.total })}</p> : null}
        {page.rows.length === 0 ? (
          <p>{t('listening.none')}</p>
        ) : key === 'needs' ? (
          <NeedList rows={page.rows as NeedRow[]} />
        ) : key === 'resources' ? (
          <ResourceList rows={page.rows as ResourceRow[]} />
        ) : (
          <ActorList rows={(page.rows as ActorRow[]).map((a) => ({ ...a, seat_code: '' }))} />
        )}
        {kind === 'tout' && page.total > page.rows.length ? (
          <p>
            <a href={withQuery(path, { type, page: undefined })}>{t('listening.search.seeAll')}</a>
          </p>
        ) : null}
        {kind !== 'tout' ? <Pagination page={page.page} pageCount={page.pageCount} href={path} /> : null}
      </section>
    )
  }
  return (
    <Layout title={t('listening.search.title')}>
      <h1>{t('listening.search.title')}</h1>
      <p class="lead">{t('listening.search.intro')}</p>
      <FilterForm action="/recherche" values={values} kind="all" />
      {place ? <p class="active-filter">{t('listening.search.inside', { place })}</p> : null}
      <div aria-live="polite">
        {section('needs', 'besoins')}
        {section('resources', 'ressources')}
        {section('actors', 'acteurs')}
      </div>
    </Layout>
  )
}

export async function searchPages(app: FastifyInstance): Promise<void> {
  app.get('/recherche', { config: { public: true, cache: true } }, async (request, reply) => {
    const parsed = parseForm(ListQuery, request.query)
    const query: Partial<ListQueryT> = parsed.ok ? parsed.value : {}
    const kind: string = query.type ?? 'tout'
    const place = await resolveFilterPlace(app, query)
    const filters = filtersFrom(query, place?.id)
    const all = kind === 'tout'
    const size = all ? 5 : 20
    const page = all ? 1 : (query.page ?? 1)
    if (all || kind === 'acteurs') await refreshActorIndex(app.db)
    // The status filter means different things for needs and resources: it applies to the kind it names.
    const needStatus = filters.status && (NEED_STATUSES as readonly string[]).includes(filters.status) ? filters.status : undefined
    const resourceStatus = filters.status && (RESOURCE_STATUSES as readonly string[]).includes(filters.status) ? filters.status : undefined
    const wantActors = kind === 'acteurs' || (all && !filters.domain && !filters.contributionType)
    const results: SearchResults = {
      needs: all || kind === 'besoins' ? await listNeeds(app.db, { ...filters, status: needStatus }, page, size) : null,
      resources: all || kind === 'ressources' ? await listResources(app.db, { ...filters, status: resourceStatus }, page, size) : null,
      actors: wantActors ? await listActors(app.db, filters, page, size) : null,
    }
    return reply.page(<SearchPage values={formValuesOf(request.query)} results={results} kind={kind} place={place?.name ?? null} />)
  })
}
