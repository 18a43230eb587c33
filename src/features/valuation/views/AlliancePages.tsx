/**
 * Pages of an alliance's valuation: the valued totals of a year with the balance between partners (next to
 * what each says it brings and expects) and the socio-economic model; the form with which coordinators adopt
 * another rate table (with the reason); the form with which a partner states the value of its own contribution.
 */
import { formatDate, type MessageKey } from '../../../core/i18n/index.js'
import { DataTable } from '../../../core/views/components.js'
import { useView } from '../../../core/views/context.js'
import type { FieldProblem } from '../../../core/errors.js'
import { Form, IgnoredFilters, SelectField, TextArea, TextField, type FormState } from '../../../core/views/forms.js'
import { AllianceSubpage, Quantity, type Alliance, type PartnerRow } from '../../alliances/index.js'
import { TermLink, TermList } from '../../vocabulary/index.js'
import type { RateTable } from '../rates.queries.js'
import type { ValueBasis } from '../valuation.engine.js'
import type { ValuedContribution } from '../valuation.queries.js'
import type { ValuationReport } from '../valuation.report.js'
import { Euros, Share, ValuationReportView, type MethodInfo } from './ValuationViews.js'

/** How a figure was valued, in words. */
const BASIS_LABEL = { stated: 'valuation.basis.stated', rate: 'valuation.basis.rate', face: 'valuation.basis.face', none: 'valuation.basis.none' } as const satisfies Record<ValueBasis, MessageKey>

export interface AllianceValuationProps {
  alliance: Alliance
  years: Array<{ year: number; cents: bigint; count: number }>
  year: number | null
  report: ValuationReport
  method: MethodInfo
  partners: PartnerRow[]
  rows: ValuedContribution[]
  /** organisations whose contributions the reader may value (its own) */
  editable: ReadonlySet<string>
  coordinate: boolean
  /** filters of the address that were dropped (an invalid year) */
  ignored: FieldProblem[]
}

/** The valuation of an alliance for a year (or every year). */
export function AllianceValuationPage(p: AllianceValuationProps) {
  const { t, locale } = useView()
  const title = t('valuation.alliance.title', { name: p.alliance.name })
  const base = `/valorisation/alliances/${p.alliance.id}`
  return (
    <AllianceSubpage alliance={p.alliance} section={{ label: t('valuation.alliance.section'), href: base }} title={title}>
      <p class="lead">{t('valuation.alliance.intro')}</p>
      <IgnoredFilters problems={p.ignored} />
      <nav aria-label={t('valuation.alliance.years')} class="year-nav">
        <ul>
          <li>{p.year === null ? <span aria-current="page">{t('valuation.alliance.allYears')}</span> : <a href={base}>{t('valuation.alliance.allYears')}</a>}</li>
          {p.years.map((y) => (
            <li>{p.year === y.year ? <span aria-current="page">{y.year}</span> : <a href={`${base}?annee=${y.year}`}>{y.year}</a>}</li>
          ))}
        </ul>
      </nav>
      {p.coordinate ? (
        <p>
          <a href={`${base}/bareme`}>{t('valuation.alliance.changeTable')}</a>
        </p>
      ) : null}
      <h2>{p.year === null ? t('valuation.alliance.allYearsTitle') : t('valuation.alliance.yearTitle', { year: p.year })}</h2>
      <ValuationReportView
        idPrefix="valo"
        method={p.method}
        stated={p.report.statedCount}
        report={{ ...p.report, byPartner: p.report.byPartner.map((x) => ({ ...x, name: x.organisationName })), rates: p.report.ratesUsed }}
      />
      <section aria-labelledby="balance">
        <h2 id="balance">{t('valuation.alliance.balance')}</h2>
        <p class="hint">{t('valuation.alliance.balanceHint')}</p>
        <DataTable
          caption={t('valuation.alliance.balanceCaption')}
          captionHidden
          focusable
          rows={p.partners.filter((x) => x.status === 'active')}
          columns={[
            { header: t('valuation.report.partner'), cell: (x) => x.organisation_name },
            { header: t('valuation.report.share'), cell: (x) => <Share perMille={p.report.byPartner.find((b) => b.organisationId === x.organisation_id)?.perMille ?? 0} />, numeric: true },
            { header: t('valuation.alliance.brings'), cell: (x) => <><TermList kind="partnership_objective" codes={x.brings_objectives} />{x.brings}</> },
            { header: t('valuation.alliance.expects'), cell: (x) => <><TermList kind="partnership_objective" codes={x.expects_objectives} />{x.expects}</> },
          ]}
        />
      </section>
      <section aria-labelledby="detail">
        <h2 id="detail">{t('valuation.alliance.detail', { count: p.rows.length })}</h2>
        {p.rows.length === 0 ? (
          <p>{t('valuation.report.empty')}</p>
        ) : (
          <DataTable
            caption={t('valuation.alliance.detailCaption')}
            captionHidden
            focusable
            rows={p.rows}
            columns={[
              { header: t('valuation.alliance.date'), cell: (c) => <time dateTime={c.day}>{formatDate(locale, c.day)}</time> },
              { header: t('valuation.report.partner'), cell: (c) => c.organisationName },
              { header: t('valuation.report.type'), cell: (c) => <TermLink kind="contribution_type" code={c.contributionType} /> },
              { header: t('valuation.report.quantity'), cell: (c) => <Quantity hundredths={c.quantityHundredths} unit={c.unit} />, numeric: true },
              { header: t('valuation.report.value'), cell: (c) => (c.value.cents === null ? t('valuation.alliance.notValued') : <Euros cents={c.value.cents} />), numeric: true },
              { header: t('valuation.alliance.how'), cell: (c) => (c.value.basis === 'stated' ? t('valuation.alliance.statedBasis', { basis: c.statement?.basis ?? '' }) : t(BASIS_LABEL[c.value.basis])) },
              {
                header: t('valuation.alliance.state'),
                cell: (c) => (p.editable.has(c.organisationId) ? <a href={`/valorisation/alliances/${p.alliance.id}/contributions/${c.id}`}>{t('valuation.alliance.stateLink', { date: formatDate(locale, c.day) })}</a> : null),
              },
            ]}
          />
        )}
      </section>
    </AllianceSubpage>
  )
}

/** Coordinators choose the table that values the alliance's contributions, with the reason. */
export function AdoptTablePage({ alliance, tables, state, current }: { alliance: Alliance; tables: RateTable[]; state: FormState; current: MethodInfo }) {
  const { t } = useView()
  const title = t('valuation.adopt.title')
  return (
    <AllianceSubpage alliance={alliance} section={{ label: t('valuation.alliance.section'), href: `/valorisation/alliances/${alliance.id}` }} title={title}>
      <p class="lead">{t('valuation.adopt.intro')}</p>
      <p>
        {t('valuation.adopt.current')} {current.title ? t('valuation.method.table', { title: current.title, version: current.version ?? 0 }) : t('valuation.method.none')} —{' '}
        {current.adopted ? t('valuation.method.adopted', { reason: current.reason }) : t('valuation.method.default')}
      </p>
      <Form action={`/valorisation/alliances/${alliance.id}/bareme`} state={state} submitLabel={t('valuation.adopt.submit')}>
        <SelectField
          name="rate_table_id"
          label={t('valuation.adopt.table')}
          required
          options={[{ value: 'defaut', label: t('valuation.adopt.defaultOption') }, ...tables.map((x) => ({ value: x.id, label: `${x.title} — ${t('valuation.tables.version', { version: x.version })}${x.scope === 'alliance' ? ` (${t('valuation.tables.ownScope')})` : ''}` }))]}
        />
        <TextArea name="reason" label={t('valuation.adopt.reason')} hint={t('valuation.adopt.reasonHint')} rows={3} maxLength={1000} />
      </Form>
      <p>
        <a href={`/valorisation/alliances/${alliance.id}/baremes/nouveau`}>{t('valuation.adopt.writeOwn')}</a>
      </p>
    </AllianceSubpage>
  )
}

/** A partner states the value of its own contribution, with the basis, and who received it. */
export function StatementPage({ alliance, contribution, valueText, recipients, state }: { alliance: Alliance; contribution: ValuedContribution; valueText: string; recipients: Array<{ value: string; label: string }>; state: FormState }) {
  const { t, locale } = useView()
  const title = t('valuation.statement.title', { organisation: contribution.organisationName, date: formatDate(locale, contribution.day) })
  return (
    <AllianceSubpage alliance={alliance} section={{ label: t('valuation.alliance.section'), href: `/valorisation/alliances/${alliance.id}` }} title={title}>
      <p class="lead">
        <TermLink kind="contribution_type" code={contribution.contributionType} /> — <Quantity hundredths={contribution.quantityHundredths} unit={contribution.unit} />. {valueText}
      </p>
      <p class="hint">{t('valuation.statement.intro')}</p>
      <Form action={`/valorisation/alliances/${alliance.id}/contributions/${contribution.id}`} state={state} submitLabel={t('valuation.statement.submit')}>
        <TextField name="value" label={t('valuation.statement.value')} hint={t('valuation.statement.valueHint')} inputMode="text" maxLength={30} />
        <TextArea name="basis" label={t('valuation.statement.basis')} hint={t('valuation.statement.basisHint')} rows={3} maxLength={1000} />
        <SelectField name="recipient_organisation_id" label={t('valuation.statement.recipient')} hint={t('valuation.statement.recipientHint')} options={recipients} placeholder={t('valuation.statement.noRecipient')} />
      </Form>
    </AllianceSubpage>
  )
}
