/**
 * The alliances directory (`/alliances`): the filters (an invalid filter is named and dropped, the others kept),
 * the place filter's notice, the count and one page of alliances.
 */
import type { FieldProblem } from '../../../core/errors.js'
import type { PageOf } from '../../../core/db/paging.js'
import type { MessageKey } from '../../../core/i18n/index.js'
import { Pagination } from '../../../core/views/components.js'
import { useView } from '../../../core/views/context.js'
import { Form, SelectField, TextField, type FormValues } from '../../../core/views/forms.js'
import { Layout } from '../../../core/views/Layout.js'
import { PlaceFilterNotice, type PlaceFilter } from '../../territories/index.js'
import { termOptions } from '../../vocabulary/index.js'
import type { AllianceListRow } from '../directory.queries.js'
import { AllianceList, IgnoredFilters } from './common.js'

interface DirectoryProps {
  values: FormValues
  place: PlaceFilter
  page: PageOf<AllianceListRow>
  /** filters of the address that were not applied (invalid), named to the reader */
  ignored: FieldProblem[]
}

/** The filter's label, to name an ignored filter. */
const FILTER_LABELS: Record<string, MessageKey> = {
  q: 'alliances.directory.text',
  lieu: 'alliances.directory.place',
  territoire: 'alliances.directory.place',
  odd: 'alliances.field.sdg',
  phase: 'alliances.field.phase',
  forme: 'alliances.field.form',
  monde: 'alliances.directory.world',
  levier: 'alliances.directory.lever',
  page: 'alliances.directory.page',
}

export function DirectoryPage({ values, place, page, ignored }: DirectoryProps) {
  const { t, locale, path, user } = useView()
  return (
    <Layout title={t('alliances.directory.title')}>
      <h1>{t('alliances.directory.title')}</h1>
      <p class="lead">{t('alliances.directory.intro')}</p>
      <ul class="actions">
        {user ? (
          <li>
            <a class="button" href="/alliances/nouvelle">
              {t('alliances.create.title')}
            </a>
          </li>
        ) : null}
        <li>
          <a class="button button-secondary" href="/alliances/carte">
            {t('alliances.map.link')}
          </a>
        </li>
      </ul>
      <Form action="/alliances" method="get" state={{ values, errors: [] }} submitLabel={t('alliances.directory.filter')} class="filters">
        <div class="filter-grid">
          <TextField name="q" label={t('alliances.directory.text')} type="search" />
          <TextField name="lieu" label={t('alliances.directory.place')} hint={t('alliances.directory.placeHint')} />
          <SelectField name="odd" label={t('alliances.field.sdg')} options={termOptions('sdg', locale)} placeholder={t('alliances.directory.all')} />
          <SelectField name="phase" label={t('alliances.field.phase')} options={termOptions('alliance_phase', locale)} placeholder={t('alliances.directory.all')} />
          <SelectField name="forme" label={t('alliances.field.form')} options={termOptions('coconstruction_form', locale)} placeholder={t('alliances.directory.all')} />
          <SelectField name="monde" label={t('alliances.directory.world')} options={termOptions('world', locale)} placeholder={t('alliances.directory.all')} />
          <SelectField name="levier" label={t('alliances.directory.lever')} options={termOptions('lever', locale)} placeholder={t('alliances.directory.all')} />
        </div>
        {place.territory ? <input type="hidden" name="territoire" value={place.territory.id} /> : null}
      </Form>
      <IgnoredFilters problems={ignored} labels={FILTER_LABELS} />
      <PlaceFilterNotice filter={place} insideLabel={t('alliances.directory.inside')} />
      <h2 aria-live="polite">{t('alliances.directory.count', { count: page.total })}</h2>
      {page.rows.length > 0 ? <AllianceList rows={page.rows} /> : <p>{t('alliances.directory.none')}</p>}
      <Pagination page={page.page} pageCount={page.pageCount} href={path} />
    </Layout>
  )
}
