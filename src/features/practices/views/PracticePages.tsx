/**
 * Pages of the capitalisation library (pratiques inspirantes): the library with its filters and full-text
 * search, one sheet with live figures from its alliance and the map of where it was replicated, the form that
 * writes or changes a sheet, and "S'en inspirer".
 */
import { formatDate, formatNumber, type Translate } from '../../../core/i18n/index.js'
import { DataTable, Pagination } from '../../../core/views/components.js'
import { useView } from '../../../core/views/context.js'
import type { FieldProblem } from '../../../core/errors.js'
import type { MessageKey } from '../../../core/i18n/index.js'
import { CheckboxGroup, Form, IgnoredFilters, SelectField, TextArea, TextField, type FormState } from '../../../core/views/forms.js'
import { Layout } from '../../../core/views/Layout.js'
import { FranceMap } from '../../territories/index.js'
import { Euros, MethodLine } from '../../valuation/index.js'
import { TermLink, TermList, termOptions } from '../../vocabulary/index.js'
import type { SheetCard, SheetPage } from '../practices.read.js'
import type { LibraryFilters } from '../practices.search.js'
import { SHEET_FIELDS } from '../practices.service.js'

type SheetKey = (typeof SHEET_FIELDS)[number][0]
const FIELD_LABEL = {
  summary: 'practices.field.summary',
  context: 'practices.field.context',
  solution: 'practices.field.solution',
  process: 'practices.field.process',
  socioEconomicModel: 'practices.field.socioEconomicModel',
  arrangement: 'practices.field.arrangement',
  governance: 'practices.field.governance',
  legalFrame: 'practices.field.legalFrame',
  lessons: 'practices.field.lessons',
} as const satisfies Record<SheetKey, MessageKey>
const FIELD_HINT = {
  summary: 'practices.hint.summary',
  context: 'practices.hint.context',
  solution: 'practices.hint.solution',
  process: 'practices.hint.process',
  socioEconomicModel: 'practices.hint.socioEconomicModel',
  arrangement: 'practices.hint.arrangement',
  governance: 'practices.hint.governance',
  legalFrame: 'practices.hint.legalFrame',
  lessons: 'practices.hint.lessons',
} as const satisfies Record<SheetKey, MessageKey>

const crumbs = (t: Translate, last?: { label: string; href?: string }, current?: string) => [{ label: t('practices.title'), href: '/pratiques' }, ...(last ? [last] : []), ...(current ? [{ label: current }] : [])]

/** The library: filters, search, results (newest first), the Atom feed. */
export function LibraryPage({ filters, result, regions, path, ignored }: { filters: LibraryFilters; result: { rows: SheetCard[]; total: number; capped: boolean; page: number; pageCount: number }; regions: Array<{ value: string; label: string }>; path: string; ignored: FieldProblem[] }) {
  const { t, locale } = useView()
  const select = (name: string, label: string, options: Array<{ value: string; label: string }>, value: string | undefined) => (
    <div class="field">
      <label for={`f-${name}`}>{label}</label>
      <select id={`f-${name}`} name={name}>
        <option value="">{t('practices.filters.all')}</option>
        {options.map((o) => (
          <option value={o.value} selected={o.value === value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  )
  return (
    <Layout title={t('practices.title')} alternate={{ href: '/pratiques/flux.atom', type: 'application/atom+xml', title: t('practices.feed') }}>
      <h1>{t('practices.title')}</h1>
      <p class="lead">{t('practices.intro')}</p>
      <IgnoredFilters problems={ignored} />
      <form method="get" action="/pratiques" class="filters" role="search">
        <div class="field">
          <label for="f-q">{t('practices.filters.text')}</label>
          <input id="f-q" name="q" type="search" value={filters.text ?? ''} maxLength={100} />
        </div>
        {select('odd', t('practices.filters.sdg'), termOptions('sdg', locale).map((o) => ({ value: o.value, label: `${o.value}. ${o.label}` })), filters.sdg === undefined ? undefined : String(filters.sdg))}
        {select('domaine', t('practices.filters.domain'), termOptions('domain', locale), filters.domain)}
        {select('forme', t('practices.filters.form'), termOptions('coconstruction_form', locale), filters.form)}
        {select('monde', t('practices.filters.world'), termOptions('world', locale), filters.world)}
        {select('taille', t('practices.filters.size'), termOptions('commune_size', locale), filters.size)}
        {select('region', t('practices.filters.region'), regions, filters.region)}
        {select('phase', t('practices.filters.phase'), termOptions('alliance_phase', locale), filters.phase)}
        <button type="submit" class="button">{t('practices.filters.submit')}</button>
      </form>
      <p role="status">{result.capped ? t('practices.countCapped', { count: result.total }) : t('practices.count', { count: result.total })}</p>
      <ul class="listing-list">
        {result.rows.map((s) => (
          <li>
            <a class="listing-title" href={`/pratiques/${s.id}`}>{s.title}</a>
            <span class="listing-meta">
              {t('practices.card.from', { alliance: s.allianceName, date: formatDate(locale, s.publishedAt.slice(0, 10)) })}
              {s.replications > 0 ? ` — ${t('practices.card.replications', { count: s.replications })}` : ''}
            </span>
            <p>{s.summary}</p>
            <TermList kind="domain" codes={s.domains} />
          </li>
        ))}
      </ul>
      <Pagination page={result.page} pageCount={result.pageCount} href={path} />
      <p>
        <a href="/pratiques/flux.atom">{t('practices.feed')}</a>
      </p>
    </Layout>
  )
}

/** One sheet: its axes, live figures from its alliance, its reviews, where it was replicated. */
export function SheetView({ page }: { page: SheetPage }) {
  const { t, locale } = useView()
  const s = page.sheet
  const a = page.details.alliance
  const departements = new Map<string, number>()
  for (const r of page.replications) for (const code of new Set(r.territories.map((x) => x.departementCode).filter((c): c is string => c !== null))) departements.set(code, (departements.get(code) ?? 0) + 1)
  return (
    <Layout title={s.title} breadcrumb={crumbs(t, undefined, s.title)}>
      <h1>{s.title}</h1>
      <p class="lead">{s.summary}</p>
      <p>
        {t('practices.sheet.from')} <a href={`/alliances/${a.id}`}>{a.name}</a> — {t('practices.sheet.published', { date: formatDate(locale, s.published_at.slice(0, 10)) })}
        {page.inspiredBy ? (
          <>
            {' '}— {t('practices.sheet.inspiredBy')} <a href={`/pratiques/${page.inspiredBy.sheetId}`}>{page.inspiredBy.title}</a>
          </>
        ) : null}
      </p>
      <TermList kind="domain" codes={page.domains} />
      <p class="actions">
        <a class="button" href={`/pratiques/${s.id}/s-en-inspirer`}>{t('practices.inspire.action')}</a>
        {page.canEdit ? (
          <>
            {' '}
            <a href={`/pratiques/${s.id}/modifier`}>{t('practices.sheet.edit')}</a>
          </>
        ) : null}
      </p>
      {SHEET_FIELDS.filter(([key]) => key !== 'summary').map(([key, field]) => (
        <section aria-labelledby={`axis-${field}`}>
          <h2 id={`axis-${field}`}>{t(FIELD_LABEL[key])}</h2>
          <p class="prose">{s[field]}</p>
        </section>
      ))}
      <section aria-labelledby="figures">
        <h2 id="figures">{t('practices.sheet.figures')}</h2>
        <p class="hint">{t('practices.sheet.figuresHint')}</p>
        <h3>{t('practices.sheet.worlds', { count: page.worlds.length })}</h3>
        <ul class="world-counts">
          {page.worlds.map((w) => (
            <li>
              <TermLink kind="world" code={w.world} /> — {t('practices.sheet.partners', { count: w.partners })}
            </li>
          ))}
        </ul>
        <h3>{t('practices.sheet.valued')}</h3>
        <p class="valuation-total">
          <strong><Euros cents={page.valuation.report.total} /></strong> {t('valuation.report.count', { count: page.valuation.report.count })}
        </p>
        <MethodLine method={page.valuation.method} stated={page.valuation.report.statedCount} />
        <p>
          <a href={`/valorisation/alliances/${a.id}`}>{t('practices.sheet.valuedLink')}</a>
        </p>
        <h3>{t('evaluation.indicators.title')}</h3>
        {page.indicators.length === 0 ? (
          <p>{t('evaluation.indicators.none')}</p>
        ) : (
          <DataTable
            caption={t('practices.sheet.indicatorsCaption')}
            captionHidden
            rows={page.indicators}
            columns={[
              { header: t('evaluation.indicators.name'), cell: (i) => i.name },
              { header: t('practices.sheet.latest'), cell: (i) => (i.latest ? `${formatNumber(locale, i.latest.valueHundredths / 100, 2)} ${i.unit} (${formatDate(locale, i.latest.on)})` : '—') },
              { header: t('evaluation.indicators.target'), cell: (i) => (i.targetHundredths !== null ? `${formatNumber(locale, i.targetHundredths / 100, 2)} ${i.unit}${i.targetOn ? ` (${formatDate(locale, i.targetOn)})` : ''}` : '—') },
            ]}
          />
        )}
        <h3>{t('practices.sheet.reviews')}</h3>
        <ul>
          {page.reviews.map((r) => (
            <li>
              <a href={`/evaluation/${a.id}/temps/${r.roundId}/bilan`}>{t('evaluation.round.name', { number: r.number, title: r.title })}</a>
            </li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="essaimage">
        <h2 id="essaimage">{t('practices.sheet.replications', { count: page.replications.length })}</h2>
        {page.replications.length === 0 ? (
          <p>{t('practices.sheet.noReplication')}</p>
        ) : (
          <>
            <FranceMap values={departements} unit="practices.map.unit" title={t('practices.sheet.mapTitle')} />
            <DataTable
              caption={t('practices.sheet.replicationsCaption')}
              rows={page.replications}
              columns={[
                { header: t('practices.sheet.alliance'), cell: (r) => <a href={`/alliances/${r.allianceId}`}>{r.name}</a> },
                { header: t('practices.sheet.perimeter'), cell: (r) => r.territories.map((x) => x.name).join(', ') },
                { header: t('practices.sheet.since'), cell: (r) => formatDate(locale, r.startedOn) },
              ]}
            />
          </>
        )}
      </section>
    </Layout>
  )
}

/** Writing a sheet from a published review, or changing it. */
export function SheetFormPage({ action, state, title, allianceName }: { action: string; state: FormState; title: string; allianceName: string }) {
  const { t, locale } = useView()
  return (
    <Layout title={title} breadcrumb={crumbs(t, undefined, title)}>
      <h1>{title}</h1>
      <p class="lead">{t('practices.form.intro', { alliance: allianceName })}</p>
      <Form action={action} state={state} submitLabel={t('practices.form.submit')}>
        <TextField name="title" label={t('practices.field.title')} required maxLength={200} />
        {SHEET_FIELDS.map(([key, field]) => (
          <TextArea name={field} label={t(FIELD_LABEL[key])} hint={t(FIELD_HINT[key])} required rows={key === 'summary' ? 3 : 5} maxLength={8000} />
        ))}
        <CheckboxGroup name="domains" legend={t('practices.field.domains')} options={termOptions('domain', locale)} columns />
      </Form>
    </Layout>
  )
}

/** "S'en inspirer": a new alliance from the sheet, coordinated by one of the reader's organisations. */
export function InspirePage({ sheet, organisations, state, sourceName }: { sheet: { id: string; title: string }; organisations: Array<{ value: string; label: string }>; state: FormState; sourceName: string }) {
  const { t } = useView()
  const title = t('practices.inspire.title', { title: sheet.title })
  return (
    <Layout title={title} breadcrumb={crumbs(t, { label: sheet.title, href: `/pratiques/${sheet.id}` }, t('practices.inspire.action'))}>
      <h1>{title}</h1>
      <p class="lead">{t('practices.inspire.intro', { alliance: sourceName })}</p>
      {organisations.length === 0 ? (
        <p class="notice notice-info">{t('practices.inspire.noOrganisation')}</p>
      ) : (
        <Form action={`/pratiques/${sheet.id}/s-en-inspirer`} state={state} submitLabel={t('practices.inspire.submit')}>
          <SelectField name="coordinator" label={t('practices.inspire.coordinator')} required options={organisations} />
          <TextField name="name" label={t('practices.inspire.name')} required maxLength={200} />
          <TextField name="territories" label={t('practices.inspire.territory')} hint={t('practices.inspire.territoryHint')} required maxLength={100} />
          <TextField name="started_on" label={t('practices.inspire.startedOn')} type="date" required />
          <SelectField
            name="visibility"
            label={t('practices.inspire.visibility')}
            required
            options={[
              { value: 'public', label: t('alliances.visibility.publicChoice') },
              { value: 'partners', label: t('alliances.visibility.partnersChoice') },
            ]}
          />
        </Form>
      )}
    </Layout>
  )
}
