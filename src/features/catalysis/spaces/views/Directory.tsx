/**
 * The directory of catalysts: the map of spaces by département (a space counts in every département its
 * perimeter meets) with its table, then the list filtered by territory, trade and words.
 */
import type { FieldProblem } from '../../../../core/errors.js'
import { formatNumber } from '../../../../core/i18n/index.js'
import { DataTable, Pagination, withQuery } from '../../../../core/views/components.js'
import { useView } from '../../../../core/views/context.js'
import { Form, SelectField, TextField } from '../../../../core/views/forms.js'
import { Layout } from '../../../../core/views/Layout.js'
import { FranceMap, PlaceFilterNotice, type PlaceFilter, type Territory } from '../../../territories/index.js'
import { termOptions, TermList } from '../../../vocabulary/index.js'
import { DemoMark, IgnoredFilters } from '../../views/common.js'
import { tradesOf, type SpaceListRow } from '../spaces.queries.js'

export interface DirectoryProps {
  rows: SpaceListRow[]
  total: number
  page: number
  pageCount: number
  byDepartement: Map<string, number>
  departements: Territory[]
  filter: PlaceFilter
  values: Record<string, string>
  /** filters of the address that were ignored (invalid), the valid ones being applied */
  problems: FieldProblem[]
  signedIn: boolean
}

export function Directory(p: DirectoryProps) {
  const { t, locale, path } = useView()
  const mapped = p.departements.filter((d) => (p.byDepartement.get(d.code) ?? 0) > 0)
  return (
    <Layout title={t('catalysis.spaces.title')}>
      <h1>{t('catalysis.spaces.title')}</h1>
      <p class="lead">{t('catalysis.spaces.intro')}</p>
      <ul class="actions">
        {p.signedIn ? (
          <li>
            <a class="button" href="/espaces/nouveau">
              {t('catalysis.space.newTitle')}
            </a>
          </li>
        ) : null}
        <li>
          <a href="/rencontres">{t('catalysis.meetings.title')}</a>
        </li>
        <li>
          <a href="/lieux">{t('catalysis.places.title')}</a>
        </li>
        <li>
          <a href="/maturite">{t('catalysis.grid.pageTitle')}</a>
        </li>
      </ul>
      <section aria-labelledby="carte">
        <h2 id="carte">{t('catalysis.spaces.map')}</h2>
        <div class="map-layout">
          <FranceMap values={p.byDepartement} unit="catalysis.spaces.unit" title={t('catalysis.spaces.mapTitle')} />
          <DataTable
            caption={t('catalysis.spaces.mapTable')}
            rows={mapped}
            columns={[
              { header: t('catalysis.spaces.departement'), cell: (d) => <a href={withQuery('/espaces', { territoire: d.id })}>{`${d.name} (${d.code})`}</a> },
              { header: t('catalysis.spaces.count'), cell: (d) => formatNumber(locale, p.byDepartement.get(d.code) ?? 0), numeric: true },
            ]}
          />
        </div>
      </section>
      <section aria-labelledby="liste">
        <h2 id="liste">{t('catalysis.spaces.list', { count: p.total })}</h2>
        <IgnoredFilters problems={p.problems} />
        <Form action="/espaces" method="get" submitLabel={t('catalysis.filter')} state={{ values: p.values, errors: [] }}>
          <TextField name="lieu" label={t('catalysis.filter.place')} hint={t('catalysis.filter.placeHint')} maxLength={100} />
          <SelectField name="metier" label={t('catalysis.space.trades')} options={termOptions('catalysis_trade', locale, true)} placeholder={t('catalysis.filter.all')} />
          <TextField name="q" label={t('catalysis.filter.words')} type="search" maxLength={100} />
        </Form>
        <PlaceFilterNotice filter={p.filter} insideLabel={t('catalysis.spaces.meeting')} />
        {p.rows.length === 0 ? (
          <p>{t('catalysis.spaces.none')}</p>
        ) : (
          <ul class="card-list">
            {p.rows.map((s) => (
              <li class="card">
                <h3 class="card-title">
                  <a href={`/espaces/${s.id}`}>{s.name}</a> <DemoMark isDemo={s.is_demo} />
                </h3>
                <p class="card-meta">{t('catalysis.space.animatedByName', { name: s.organisation_name })}</p>
                <TermList kind="catalysis_trade" codes={tradesOf(s.trade_mask)} />
              </li>
            ))}
          </ul>
        )}
        <Pagination page={p.page} pageCount={p.pageCount} href={path} />
      </section>
    </Layout>
  )
}
