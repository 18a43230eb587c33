/**
 * Pages of valuation beyond one alliance: valued totals of the public alliances of a place by world and type,
 * the rate tables (the platform's versions, one table with its rates and sources, the form of a new version),
 * and an organisation's exports for its accounts and its CSR report.
 */
import { formatDate, formatNumber, type Translate } from '../../../core/i18n/index.js'
import { BarChart } from '../../../core/views/charts.js'
import { DataTable } from '../../../core/views/components.js'
import { useView } from '../../../core/views/context.js'
import type { FieldProblem } from '../../../core/errors.js'
import { Form, IgnoredFilters, SelectField, TextArea, TextField, type FormState } from '../../../core/views/forms.js'
import { Layout } from '../../../core/views/Layout.js'
import { Quantity } from '../../alliances/index.js'
import { PlaceFilterNotice, type PlaceFilter } from '../../territories/index.js'
import { TermLink, termLabel, termOptions } from '../../vocabulary/index.js'
import type { PlaceTotals } from '../place-totals.js'
import type { RateTable, RateTableWithRates } from '../rates.queries.js'
import { RATE_UNITS } from '../rates.service.js'
import { Euros, RatesTable, Share } from './ValuationViews.js'

const crumbs = (t: Translate, last?: string) => [{ label: t('valuation.place.title'), href: '/valorisation' }, ...(last ? [{ label: last }] : [])]

/** Valued totals of a place (France by default), public alliances only. */
export function PlaceTotalsPage({ totals, place, placeName, year, ignored }: { totals: PlaceTotals; place: PlaceFilter; placeName: string; year: number | null; ignored: FieldProblem[] }) {
  const { t, locale } = useView()
  const title = t('valuation.place.heading', { place: placeName })
  return (
    <Layout title={title} breadcrumb={crumbs(t, placeName)}>
      <h1>{title}</h1>
      <p class="lead">{t('valuation.place.intro')}</p>
      <IgnoredFilters problems={ignored} />
      <form method="get" action="/valorisation" class="filters">
        <div class="field">
          <label for="place">{t('valuation.place.place')}</label>
          <p class="hint" id="place-hint">{t('valuation.place.placeHint')}</p>
          <input id="place" name="lieu" value={place.territory?.name ?? ''} aria-describedby="place-hint" />
        </div>
        <div class="field">
          <label for="year">{t('valuation.place.year')}</label>
          <select id="year" name="annee">
            <option value="">{t('valuation.alliance.allYears')}</option>
            {totals.years.map((y) => (
              <option value={String(y)} selected={y === year}>
                {y}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" class="button">{t('valuation.place.show')}</button>
      </form>
      <PlaceFilterNotice filter={place} insideLabel={t('valuation.place.inside')} />
      <p class="valuation-total">
        {t('valuation.report.total')} <strong><Euros cents={totals.total} /></strong> {t('valuation.place.from', { count: totals.count, alliances: totals.alliances })}
      </p>
      <ul class="valuation-method">
        {totals.tables.map((x) => (
          <li>
            <a href={`/valorisation/baremes/${x.table.id}`}>{t('valuation.method.table', { title: x.table.title, version: x.table.version })}</a> —{' '}
            {x.isDefault ? t('valuation.place.defaultFor', { count: x.count }) : t('valuation.place.adoptedFor', { count: x.count })}
          </li>
        ))}
      </ul>
      <p class="hint">{t('valuation.place.publicOnly')}</p>
      <h2>{t('valuation.report.byWorld')}</h2>
      <BarChart
        id="place-worlds"
        title={t('valuation.report.byWorldChart')}
        labelHeader={t('valuation.report.world')}
        valueHeader={t('valuation.report.valueEuros')}
        bars={[...totals.byWorld].sort((a, b) => a.world.localeCompare(b.world)).map((w) => ({ label: `${termLabel('world', w.world, locale)} (${formatNumber(locale, w.perMille / 10, 1)} %)`, value: Math.round(Number(w.cents) / 100) }))}
        emptyText={t('valuation.report.empty')}
      />
      <h2>{t('valuation.report.byType')}</h2>
      <DataTable
        caption={t('valuation.report.byType')}
        captionHidden
        rows={totals.byType}
        columns={[
          { header: t('valuation.report.type'), cell: (r) => <TermLink kind="contribution_type" code={r.contributionType} /> },
          { header: t('valuation.report.value'), cell: (r) => <Euros cents={r.cents} />, numeric: true },
          { header: t('valuation.report.share'), cell: (r) => <Share perMille={r.perMille} />, numeric: true },
          { header: t('valuation.report.contributions'), cell: (r) => formatNumber(locale, r.count), numeric: true },
        ]}
      />
      <h2>{t('valuation.place.crossed')}</h2>
      <DataTable
        caption={t('valuation.place.crossedCaption')}
        captionHidden
        focusable
        rows={[...totals.byWorldAndType].sort((a, b) => a.world.localeCompare(b.world) || a.contributionType.localeCompare(b.contributionType))}
        columns={[
          { header: t('valuation.report.world'), cell: (r) => <TermLink kind="world" code={r.world} /> },
          { header: t('valuation.report.type'), cell: (r) => <TermLink kind="contribution_type" code={r.contributionType} /> },
          { header: t('valuation.report.value'), cell: (r) => <Euros cents={r.cents} />, numeric: true },
          { header: t('valuation.report.contributions'), cell: (r) => formatNumber(locale, r.count), numeric: true },
        ]}
      />
      {totals.unvalued.length > 0 ? (
        <>
          <h2>{t('valuation.report.unvaluedTitle')}</h2>
          <DataTable
            caption={t('valuation.report.unvaluedCaption')}
            captionHidden
            rows={totals.unvalued}
            columns={[
              { header: t('valuation.report.type'), cell: (r) => <TermLink kind="contribution_type" code={r.contributionType} /> },
              { header: t('valuation.report.quantity'), cell: (r) => <Quantity hundredths={r.quantityHundredths} unit={r.unit} />, numeric: true },
              { header: t('valuation.report.contributions'), cell: (r) => formatNumber(locale, r.count), numeric: true },
            ]}
          />
        </>
      ) : null}
      <p>
        <a href="/valorisation/baremes">{t('valuation.tables.title')}</a>
      </p>
    </Layout>
  )
}

/** The platform's versions of the rate table, newest (the default) first. */
export function RateTablesPage({ tables, canWrite }: { tables: RateTable[]; canWrite: boolean }) {
  const { t, locale } = useView()
  return (
    <Layout title={t('valuation.tables.title')} breadcrumb={crumbs(t, t('valuation.tables.title'))}>
      <h1>{t('valuation.tables.title')}</h1>
      <p class="lead">{t('valuation.tables.intro')}</p>
      {canWrite ? (
        <p>
          <a class="button" href="/valorisation/baremes/nouveau">{t('valuation.tables.new')}</a>
        </p>
      ) : null}
      <DataTable
        caption={t('valuation.tables.caption')}
        captionHidden
        rows={tables}
        columns={[
          { header: t('valuation.tables.version', { version: '' }), cell: (x) => <a href={`/valorisation/baremes/${x.id}`}>{t('valuation.tables.version', { version: x.version })}</a> },
          { header: t('valuation.tables.name'), cell: (x) => x.title },
          { header: t('valuation.tables.created'), cell: (x) => formatDate(locale, x.created_at.slice(0, 10)) },
          { header: t('valuation.tables.status'), cell: (x) => (x.id === tables[0]?.id ? t('valuation.tables.isDefault') : t('valuation.tables.earlier')) },
        ]}
      />
    </Layout>
  )
}

/** One table: its method and every rate with its source. */
export function RateTablePage({ table, isDefault, allianceName }: { table: RateTableWithRates; isDefault: boolean; allianceName: string | null }) {
  const { t, locale } = useView()
  const title = t('valuation.method.table', { title: table.title, version: table.version })
  return (
    <Layout title={title} breadcrumb={[...crumbs(t), { label: t('valuation.tables.title'), href: '/valorisation/baremes' }, { label: title }]}>
      <h1>{title}</h1>
      <p class="lead">{table.method_note}</p>
      <p>
        {table.scope === 'platform' ? (isDefault ? t('valuation.tables.isDefaultLong') : t('valuation.tables.earlierLong')) : t('valuation.tables.ofAlliance', { name: allianceName ?? '' })}{' '}
        {t('valuation.tables.createdOn', { date: formatDate(locale, table.created_at.slice(0, 10)) })}
      </p>
      <RatesTable rates={table.rates} caption={t('valuation.tables.ratesCaption')} />
      <p class="hint">{t('valuation.tables.noRateHint')}</p>
    </Layout>
  )
}

/** The form of a new version (platform admins) or of an alliance's own table (its coordinators). */
export function RateTableFormPage({ state, rowCount, alliance }: { state: FormState; rowCount: number; alliance: { id: string; name: string } | null }) {
  const { t, locale } = useView()
  const title = alliance ? t('valuation.tables.newOwn', { name: alliance.name }) : t('valuation.tables.new')
  const rows = Array.from({ length: rowCount }, (_, i) => i)
  return (
    <Layout title={title} breadcrumb={[...crumbs(t), { label: t('valuation.tables.title'), href: '/valorisation/baremes' }, { label: title }]}>
      <h1>{title}</h1>
      <p class="lead">{t('valuation.tables.formIntro')}</p>
      <Form action={alliance ? `/valorisation/alliances/${alliance.id}/baremes` : '/valorisation/baremes'} state={state} submitLabel={t('valuation.tables.submit')}>
        <TextField name="title" label={t('valuation.tables.name')} required maxLength={200} />
        <TextArea name="method_note" label={t('valuation.tables.method')} hint={t('valuation.tables.methodHint')} required rows={3} maxLength={4000} />
        {rows.map((i) => (
          <fieldset class="rate-row">
            <legend>{t('valuation.tables.row', { n: i + 1 })}</legend>
            <SelectField name={`rates.${i}.contribution_type`} label={t('valuation.rates.type')} options={termOptions('contribution_type', locale)} placeholder={t('valuation.tables.emptyRow')} />
            <SelectField name={`rates.${i}.unit`} label={t('valuation.rates.unit')} options={RATE_UNITS.map((u) => ({ value: u, label: t(`alliances.unitName.${u}`) }))} placeholder={t('form.choose')} />
            <TextField name={`rates.${i}.rate`} label={t('valuation.tables.rateEuros')} hint={t('valuation.tables.rateHint')} maxLength={20} />
            <TextField name={`rates.${i}.valid_from`} label={t('valuation.tables.validFrom')} hint={t('valuation.tables.validFromHint')} type="date" />
            <TextField name={`rates.${i}.valid_to`} label={t('valuation.tables.validTo')} hint={t('valuation.tables.validToHint')} type="date" />
            <TextArea name={`rates.${i}.method_note`} label={t('valuation.rates.method')} rows={2} maxLength={2000} />
            <TextField name={`rates.${i}.source_text`} label={t('valuation.tables.sourceText')} maxLength={500} />
            <TextField name={`rates.${i}.source_url`} label={t('valuation.tables.sourceUrl')} type="url" maxLength={500} />
          </fieldset>
        ))}
      </Form>
    </Layout>
  )
}

/** An organisation's exports of valued contributions (its members only). */
export function OrganisationExportsPage({ organisation, years, receives }: { organisation: { id: string; name: string; world: string }; years: number[]; receives: boolean }) {
  const { t, locale } = useView()
  const title = t('valuation.exports.title', { name: organisation.name })
  return (
    <Layout title={title} breadcrumb={[{ label: t('nav.actors'), href: '/acteurs' }, { label: organisation.name, href: `/acteurs/${organisation.id}` }, { label: t('valuation.exports.section') }]}>
      <h1>{title}</h1>
      <p class="lead">{t('valuation.exports.intro')}</p>
      <h2>{t('valuation.exports.given')}</h2>
      <p>{t('valuation.exports.givenHint')}</p>
      <p>
        <a href={`/valorisation/organisations/${organisation.id}/contributions-donnees.csv`}>{t('valuation.exports.givenLink')}</a>
      </p>
      <h2>{t('valuation.exports.received')}</h2>
      {receives ? (
        <>
          <p>{t('valuation.exports.receivedHint')}</p>
          {years.length === 0 ? (
            <p>{t('valuation.exports.noneReceived')}</p>
          ) : (
            <ul>
              {years.map((y) => (
                <li>
                  <a href={`/valorisation/organisations/${organisation.id}/contributions-recues.csv?annee=${y}`}>{t('valuation.exports.receivedLink', { year: y })}</a>
                </li>
              ))}
            </ul>
          )}
        </>
      ) : (
        <p>{t('valuation.exports.notReceiving', { world: termLabel('world', organisation.world, locale) })}</p>
      )}
    </Layout>
  )
}
