/**
 * Views of valued totals shared by the alliance's valuation page, the partnership review and the practice
 * sheets: euros, the method line that every figure carries (which table and version, adopted or default, why),
 * the tables per partner, world, type and lever of the socio-economic model (in a fixed order, never ranked),
 * what stayed unvalued, and the rates used with their sources.
 */
import type { ComponentChildren } from 'preact'
import { formatDate, formatNumber, type Locale, type MessageKey, translateLabel } from '../../../core/i18n/index.js'
import { BarChart } from '../../../core/views/charts.js'
import { DataTable } from '../../../core/views/components.js'
import { useView } from '../../../core/views/context.js'
import { type ContributionUnit, Quantity } from '../../alliances/index.js'
import { TermLink, termLabel } from '../../vocabulary/index.js'
import { MSE_LEVER_OF_TYPE, type Rate } from '../valuation.engine.js'
import type { ValuationMethod } from '../rates.queries.js'
import type { UnvaluedLine } from '../valuation.report.js'

/** The units of the rates, as nouns. */
const UNIT_NAME_LABELS = { days: 'alliances.unitName.days', eur: 'alliances.unitName.eur', hours: 'alliances.unitName.hours', items: 'alliances.unitName.items', m2: 'alliances.unitName.m2', people: 'alliances.unitName.people' } as const satisfies Record<ContributionUnit, MessageKey>

/** Euros from cents, in the reader's language: `1 234,56 €` / `€1,234.56`. */
export function formatEuros(locale: Locale, cents: bigint): string {
  const value = Number(cents) / 100
  return locale === 'fr' ? `${formatNumber(locale, value, 2)} €` : `€${formatNumber(locale, value, 2)}`
}

export function Euros({ cents }: { cents: bigint }) {
  const { locale } = useView()
  return <>{formatEuros(locale, cents)}</>
}

/** Per mille as a percentage with one decimal. */
export function Share({ perMille }: { perMille: number }) {
  const { locale } = useView()
  return <>{`${formatNumber(locale, perMille / 10, 1)} %`}</>
}

export interface MethodInfo {
  tableId: string | null
  title: string | null
  version: number | null
  adopted: boolean
  reason: string
}

/** What the method line shows of an alliance's valuation method. */
export function methodInfo(m: ValuationMethod): MethodInfo {
  return { tableId: m.table?.id ?? null, title: m.table?.title ?? null, version: m.table?.version ?? null, adopted: m.adopted, reason: m.reason }
}

/** "Valorisé avec … version n — barème par défaut / adopté par l'alliance : raison", next to every figure. */
export function MethodLine({ method, stated }: { method: MethodInfo; stated?: number }) {
  const { t } = useView()
  return (
    <p class="valuation-method">
      {method.tableId === null ? (
        t('valuation.method.none')
      ) : (
        <>
          {t('valuation.method.with')} <a href={`/valorisation/baremes/${method.tableId}`}>{t('valuation.method.table', { title: method.title ?? '', version: method.version ?? 0 })}</a>
          {' — '}
          {method.adopted ? t('valuation.method.adopted', { reason: method.reason }) : t('valuation.method.default')}
        </>
      )}
      {stated ? ` ${t('valuation.method.stated', { count: stated })}` : null}
    </p>
  )
}

export interface ReportData {
  total: bigint
  count: number
  unvaluedCount: number
  byPartner: Array<{ organisationId: string; name: string; world: string; cents: bigint; perMille: number; count: number }>
  byWorld: Array<{ world: string; cents: bigint; perMille: number }>
  byType: Array<{ contributionType: string; cents: bigint; perMille: number; count: number }>
  byLever: Array<{ lever: string; cents: bigint; perMille: number }>
  unvalued: UnvaluedLine[]
  rates: Rate[]
}

function Section({ id, title, children }: { id: string; title: string; children: ComponentChildren }) {
  return (
    <section aria-labelledby={id} class="valuation-section">
      <h3 id={id}>{title}</h3>
      {children}
    </section>
  )
}

/**
 * The valued totals of a set of contributions: total, per partner (with the balance), per world, per type, per
 * lever of the socio-economic model, what is not valued, and the rates used. `idPrefix` keeps ids unique when a
 * page shows several reports; `print` shows the data tables in the page instead of behind toggles.
 */
export function ValuationReportView({ report, idPrefix, method, stated, print }: { report: ReportData; idPrefix: string; method: MethodInfo; stated?: number; print?: boolean }) {
  const { t, locale } = useView()
  return (
    <div class="valuation-report">
      <p class="valuation-total">
        {t('valuation.report.total')} <strong><Euros cents={report.total} /></strong> {t('valuation.report.count', { count: report.count })}
      </p>
      <MethodLine method={method} stated={stated} />
      <p class="hint">{t('valuation.report.notAScore')}</p>
      <Section id={`${idPrefix}-partners`} title={t('valuation.report.byPartner')}>
        <DataTable
          caption={t('valuation.report.byPartnerCaption')}
          captionHidden
          rows={report.byPartner}
          columns={[
            { header: t('valuation.report.partner'), cell: (p) => p.name },
            { header: t('valuation.report.world'), cell: (p) => <TermLink kind="world" code={p.world} /> },
            { header: t('valuation.report.value'), cell: (p) => <Euros cents={p.cents} />, numeric: true },
            { header: t('valuation.report.share'), cell: (p) => <Share perMille={p.perMille} />, numeric: true },
            { header: t('valuation.report.contributions'), cell: (p) => String(p.count), numeric: true },
          ]}
        />
      </Section>
      <Section id={`${idPrefix}-worlds`} title={t('valuation.report.byWorld')}>
        <BarChart
          id={`${idPrefix}-worlds-chart`}
          title={t('valuation.report.byWorldChart')}
          labelHeader={t('valuation.report.world')}
          valueHeader={t('valuation.report.valueEuros')}
          bars={report.byWorld.map((w) => ({ label: `${termLabel('world', w.world, locale)} (${formatNumber(locale, w.perMille / 10, 1)} %)`, value: Math.round(Number(w.cents) / 100) }))}
          emptyText={t('valuation.report.empty')}
        />
        {print ? (
          <DataTable
            caption={t('valuation.report.byWorldChart')}
            captionHidden
            rows={report.byWorld}
            columns={[
              { header: t('valuation.report.world'), cell: (w) => termLabel('world', w.world, locale) },
              { header: t('valuation.report.value'), cell: (w) => <Euros cents={w.cents} />, numeric: true },
              { header: t('valuation.report.share'), cell: (w) => <Share perMille={w.perMille} />, numeric: true },
            ]}
          />
        ) : null}
      </Section>
      <Section id={`${idPrefix}-types`} title={t('valuation.report.byType')}>
        <DataTable
          caption={t('valuation.report.byType')}
          captionHidden
          rows={report.byType}
          columns={[
            { header: t('valuation.report.type'), cell: (r) => <TermLink kind="contribution_type" code={r.contributionType} /> },
            { header: t('valuation.report.lever'), cell: (r) => <TermLink kind="mse_lever" code={MSE_LEVER_OF_TYPE[r.contributionType] ?? 'alliances'} /> },
            { header: t('valuation.report.value'), cell: (r) => <Euros cents={r.cents} />, numeric: true },
            { header: t('valuation.report.share'), cell: (r) => <Share perMille={r.perMille} />, numeric: true },
            { header: t('valuation.report.contributions'), cell: (r) => String(r.count), numeric: true },
          ]}
        />
      </Section>
      <Section id={`${idPrefix}-levers`} title={t('valuation.report.byLever')}>
        <p class="hint">{t('valuation.report.leverHint')}</p>
        <DataTable
          caption={t('valuation.report.byLever')}
          captionHidden
          rows={report.byLever}
          columns={[
            { header: t('valuation.report.lever'), cell: (r) => <TermLink kind="mse_lever" code={r.lever} /> },
            { header: t('valuation.report.value'), cell: (r) => <Euros cents={r.cents} />, numeric: true },
            { header: t('valuation.report.share'), cell: (r) => <Share perMille={r.perMille} />, numeric: true },
          ]}
        />
      </Section>
      {report.unvalued.length > 0 ? (
        <Section id={`${idPrefix}-unvalued`} title={t('valuation.report.unvalued', { count: report.unvaluedCount })}>
          <p class="hint">{t('valuation.report.unvaluedHint')}</p>
          <DataTable
            caption={t('valuation.report.unvaluedCaption')}
            captionHidden
            rows={report.unvalued}
            columns={[
              { header: t('valuation.report.type'), cell: (r) => <TermLink kind="contribution_type" code={r.contributionType} /> },
              { header: t('valuation.report.quantity'), cell: (r) => <Quantity hundredths={r.quantityHundredths} unit={r.unit} />, numeric: true },
              { header: t('valuation.report.contributions'), cell: (r) => String(r.count), numeric: true },
            ]}
          />
        </Section>
      ) : null}
      {report.rates.length > 0 ? (
        <Section id={`${idPrefix}-rates`} title={t('valuation.report.rates')}>
          <RatesTable rates={report.rates} caption={t('valuation.report.ratesCaption')} />
        </Section>
      ) : null}
    </div>
  )
}

/** Rates with their validity, method and source (a rate table page, the rates used by a report). */
export function RatesTable({ rates, caption }: { rates: Rate[]; caption: string }) {
  const { t, locale } = useView()
  return (
    <DataTable
      caption={caption}
      focusable
      rows={rates}
      columns={[
        { header: t('valuation.rates.type'), cell: (r) => <TermLink kind="contribution_type" code={r.contributionType} /> },
        { header: t('valuation.rates.unit'), cell: (r) => translateLabel(t, UNIT_NAME_LABELS, r.unit) },
        { header: t('valuation.rates.rate'), cell: (r) => <Euros cents={BigInt(r.rateCents)} />, numeric: true },
        { header: t('valuation.rates.validity'), cell: (r) => (r.validTo ? t('valuation.rates.fromTo', { from: formatDate(locale, r.validFrom), to: formatDate(locale, r.validTo) }) : t('valuation.rates.from', { from: formatDate(locale, r.validFrom) })) },
        { header: t('valuation.rates.method'), cell: (r) => r.methodNote },
        { header: t('valuation.rates.source'), cell: (r) => (r.sourceUrl ? <a href={r.sourceUrl}>{r.sourceText}</a> : r.sourceText) },
      ]}
    />
  )
}
