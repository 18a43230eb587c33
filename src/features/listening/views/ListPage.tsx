/** `/besoins` and `/ressources`: the list with its filters, the territory filter's notice, the count and pages. */
import type { FieldProblem } from '../../../core/errors.js'
import { Pagination } from '../../../core/views/components.js'
import { useView } from '../../../core/views/context.js'
import type { FormValues } from '../../../core/views/forms.js'
import { Layout } from '../../../core/views/Layout.js'
import { PlaceFilterNotice, type PlaceFilter } from '../../territories/index.js'
import type { ListPage, NeedRow, ResourceRow } from '../listening.queries.js'
import { FilterForm } from './FilterForm.js'
import { NeedList, ResourceList } from './Listings.js'

type ListingPage = { kind: 'needs'; page: ListPage<NeedRow> } | { kind: 'resources'; page: ListPage<ResourceRow> }

/** The count of a list and whether it stops at the cap. */
export function ListCount({ listing, headingId }: { listing: ListingPage | { kind: 'actors'; page: ListPage<unknown> }; headingId?: string }) {
  const { t } = useView()
  const key = listing.kind === 'needs' ? 'listening.count.needs' : listing.kind === 'resources' ? 'listening.count.resources' : 'listening.count.actors'
  return (
    <>
      <h2 id={headingId} aria-live="polite">
        {t(key, { count: listing.page.total })}
      </h2>
      {listing.page.capped ? <p class="muted">{t('listening.count.capped', { count: listing.page.total })}</p> : null}
    </>
  )
}

export function ListPageView({ listing, values, place, ignored }: { listing: ListingPage; values: FormValues; place: PlaceFilter; ignored: FieldProblem[] }) {
  const { t, path, user } = useView()
  const needs = listing.kind === 'needs'
  const title = needs ? t('listening.needs.title') : t('listening.resources.title')
  return (
    <Layout title={title}>
      <h1>{title}</h1>
      <p class="lead">{needs ? t('listening.needs.intro') : t('listening.resources.intro')}</p>
      {user ? (
        <p>
          <a class="button" href={needs ? '/besoins/nouveau' : '/ressources/nouvelle'}>
            {needs ? t('listening.need.create') : t('listening.resource.create')}
          </a>
        </p>
      ) : null}
      <FilterForm action={needs ? '/besoins' : '/ressources'} values={values} kind={listing.kind} ignored={ignored} />
      <PlaceFilterNotice filter={place} insideLabel={t('listening.search.inside')} />
      <ListCount listing={listing} />
      {listing.page.rows.length === 0 ? <p>{t('listening.none')}</p> : listing.kind === 'needs' ? <NeedList rows={listing.page.rows} /> : <ResourceList rows={listing.page.rows} />}
      <Pagination page={listing.page.page} pageCount={listing.page.pageCount} href={path} />
    </Layout>
  )
}
