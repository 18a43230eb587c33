/** `/recherche`: needs, resources and actors found with the shared filters (five of each, or one kind paged). */
import type { FieldProblem } from '../../../core/errors.js'
import { Pagination, withQuery } from '../../../core/views/components.js'
import { useView } from '../../../core/views/context.js'
import type { FormValues } from '../../../core/views/forms.js'
import { Layout } from '../../../core/views/Layout.js'
import { ActorList } from '../../organisations/index.js'
import { PlaceFilterNotice, type PlaceFilter } from '../../territories/index.js'
import type { ActorRow, ListPage, NeedRow, ResourceRow } from '../listening.queries.js'
import { FilterForm } from './FilterForm.js'
import { ListCount } from './ListPage.js'
import { NeedList, ResourceList } from './Listings.js'

export interface SearchResults {
  needs: ListPage<NeedRow> | null
  resources: ListPage<ResourceRow> | null
  actors: ListPage<ActorRow> | null
}

type SearchKind = 'tout' | 'besoins' | 'ressources' | 'acteurs'

export function SearchPage({ values, results, kind, place, ignored }: { values: FormValues; results: SearchResults; kind: SearchKind; place: PlaceFilter; ignored: FieldProblem[] }) {
  const { t, path } = useView()
  const more = (page: ListPage<unknown>, type: SearchKind) =>
    kind === 'tout' ? (
      page.total > page.rows.length ? (
        <p>
          <a href={withQuery(path, { type, page: undefined })}>{t('listening.search.seeAll')}</a>
        </p>
      ) : null
    ) : (
      <Pagination page={page.page} pageCount={page.pageCount} href={path} />
    )
  return (
    <Layout title={t('listening.search.title')}>
      <h1>{t('listening.search.title')}</h1>
      <p class="lead">{t('listening.search.intro')}</p>
      <FilterForm action="/recherche" values={values} kind="all" ignored={ignored} />
      <PlaceFilterNotice filter={place} insideLabel={t('listening.search.inside')} />
      <div aria-live="polite">
        {results.needs ? (
          <section aria-labelledby="resultats-needs">
            <ListCount listing={{ kind: 'needs', page: results.needs }} headingId="resultats-needs" />
            {results.needs.rows.length === 0 ? <p>{t('listening.none')}</p> : <NeedList rows={results.needs.rows} />}
            {more(results.needs, 'besoins')}
          </section>
        ) : null}
        {results.resources ? (
          <section aria-labelledby="resultats-resources">
            <ListCount listing={{ kind: 'resources', page: results.resources }} headingId="resultats-resources" />
            {results.resources.rows.length === 0 ? <p>{t('listening.none')}</p> : <ResourceList rows={results.resources.rows} />}
            {more(results.resources, 'ressources')}
          </section>
        ) : null}
        {results.actors ? (
          <section aria-labelledby="resultats-actors">
            <ListCount listing={{ kind: 'actors', page: results.actors }} headingId="resultats-actors" />
            {results.actors.rows.length === 0 ? <p>{t('listening.none')}</p> : <ActorList rows={results.actors.rows.map((a) => ({ ...a, seat_code: '' }))} />}
            {more(results.actors, 'acteurs')}
          </section>
        ) : null}
      </div>
    </Layout>
  )
}
