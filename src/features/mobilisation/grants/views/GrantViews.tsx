/**
 * Pages of grants: one agreement (convention) with its terms, signatures, tranches and payments, reporting
 * obligations and the forms of whoever may act on it; a fund's transparency page (what was funded, where, for which
 * SDGs and how much: a map by département with its table, and the list) with the SCDL export links.
 */
import { DataTable, Pagination } from '../../../../core/views/components.js'
import { useView } from '../../../../core/views/context.js'
import { CheckboxGroup, emptyForm, Form, SelectField, TextArea, TextField, type FormState } from '../../../../core/views/forms.js'
import type { PageOf } from '../../../../core/db/paging.js'
import { FranceMap } from '../../../territories/index.js'
import type { Fund } from '../../funds/funds.queries.js'
import type { MobilisationGrantReportsTable, MobilisationGrantTranchesTable } from '../../mobilisation.table.js'
import { Cents, Day, MobilisationPage, ParisTime } from '../../views/format.js'
import type { GrantAccess } from '../grants.policy.js'
import type { PublicGrant } from '../grants.queries.js'
import { REPORT_ROWS, TRANCHE_ROWS } from '../grants.service.js'

export interface GrantForms {
  terms?: FormState
  payment?: FormState
}

export interface GrantPageProps {
  access: GrantAccess
  tranches: MobilisationGrantTranchesTable[]
  reports: MobilisationGrantReportsTable[]
  /** the sides the reader may sign for now */
  canSign: Array<'fund' | 'beneficiary'>
  forms?: GrantForms
}

export function GrantPage({ access, tranches, reports, canSign, forms = {} }: GrantPageProps) {
  const { t } = useView()
  const g = access.grant
  const title = t('mobilisation.grant.title', { reference: g.reference })
  const preparing = access.fundAdmin && g.status === 'to_sign' && !g.fund_signed_at && !g.beneficiary_signed_at
  return (
    <MobilisationPage title={title} trail={[{ label: g.fund_name, href: `/mobilisation/fonds/${g.fund_id}` }, { label: g.call_title, href: `/mobilisation/appels-a-projets/${g.call_id}` }]}>
      <h1>{title}</h1>
      <p>
        <span class={`badge badge-status-${g.status}`}>{t(`mobilisation.grant.status.${g.status}`)}</span> {g.object}
      </p>
      <dl class="facts">
        <div>
          <dt>{t('mobilisation.grant.beneficiary')}</dt>
          <dd>{g.beneficiary_name}</dd>
        </div>
        <div>
          <dt>{t('mobilisation.application.alliance')}</dt>
          <dd>
            <a href={`/mobilisation/candidatures/${g.application_id}`}>{g.alliance_name}</a>
          </dd>
        </div>
        <div>
          <dt>{t('mobilisation.grant.amount')}</dt>
          <dd>
            <Cents cents={Number(g.amount_cents)} />
          </dd>
        </div>
        <div>
          <dt>{t('mobilisation.grant.disbursed')}</dt>
          <dd>
            <Cents cents={Number(g.disbursed_cents)} />
          </dd>
        </div>
      </dl>
      {g.conditions ? <p>{t('mobilisation.decision.conditions', { conditions: g.conditions })}</p> : null}
      <h2>{t('mobilisation.grant.signatures')}</h2>
      <ul>
        <li>{g.fund_signed_at ? <>{t('mobilisation.grant.signedByFund')} <ParisTime iso={g.fund_signed_at} /></> : t('mobilisation.grant.fundToSign')}</li>
        <li>{g.beneficiary_signed_at ? <>{t('mobilisation.grant.signedByBeneficiary')} <ParisTime iso={g.beneficiary_signed_at} /></> : t('mobilisation.grant.beneficiaryToSign')}</li>
        {g.signed_on ? <li>{t('mobilisation.grant.signedOn')} <Day day={g.signed_on} /></li> : null}
      </ul>
      {canSign.map((side) => (
        <Form action={`/mobilisation/conventions/${g.id}/signature`} submitLabel={t(`mobilisation.grant.sign.${side}`)}>
          <input type="hidden" name="side" value={side} />
        </Form>
      ))}
      <h2>{t('mobilisation.grant.tranches')}</h2>
      {tranches.length === 0 ? (
        <p class="muted">{t('mobilisation.grant.noTranche')}</p>
      ) : (
        <DataTable
          caption={t('mobilisation.grant.tranches')}
          captionHidden
          rows={tranches}
          columns={[
            { header: t('mobilisation.grant.tranche'), cell: (tr) => String(tr.number), numeric: true },
            { header: t('mobilisation.grant.due'), cell: (tr) => <Day day={tr.due_on} /> },
            { header: t('mobilisation.grant.condition'), cell: (tr) => tr.condition },
            { header: t('mobilisation.grant.amount'), cell: (tr) => <Cents cents={Number(tr.amount_cents)} />, numeric: true },
            { header: t('mobilisation.grant.paid'), cell: (tr) => <>{<Cents cents={Number(tr.paid_cents)} />}{tr.paid_on ? <> (<Day day={tr.paid_on} />)</> : null}</>, numeric: true },
          ]}
        />
      )}
      {access.fundAdmin && g.status === 'signed' ? (
        <>
          <h3>{t('mobilisation.grant.recordPayment')}</h3>
          <Form action={`/mobilisation/conventions/${g.id}/versements`} state={forms.payment ?? emptyForm} submitLabel={t('mobilisation.grant.recordPayment')}>
            <SelectField name="tranche" label={t('mobilisation.grant.tranche')} required options={tranches.map((tr) => ({ value: String(tr.number), label: t('mobilisation.grant.trancheOption', { number: tr.number }) }))} />
            <TextField name="amount" label={t('mobilisation.grant.paymentAmount')} hint={t('mobilisation.form.eurosHint')} required inputMode="numeric" maxLength={30} />
            <TextField name="paid_on" type="date" label={t('mobilisation.grant.paidOn')} hint={t('mobilisation.form.todayWhenEmpty')} />
          </Form>
        </>
      ) : null}
      <h2>{t('mobilisation.grant.reports')}</h2>
      {reports.length === 0 ? (
        <p class="muted">{t('mobilisation.grant.noReport')}</p>
      ) : (
        <DataTable
          caption={t('mobilisation.grant.reports')}
          captionHidden
          rows={reports}
          columns={[
            { header: t('mobilisation.grant.reportTitle'), cell: (r) => r.title },
            { header: t('mobilisation.grant.period'), cell: (r) => <><Day day={r.period_start} /> – <Day day={r.period_end} /></> },
            { header: t('mobilisation.grant.due'), cell: (r) => <Day day={r.due_on} /> },
            {
              header: t('mobilisation.grant.report'),
              cell: (r) =>
                r.round_id ? (
                  <a href={`/evaluation/${g.alliance_id}/temps/${r.round_id}`}>{t('mobilisation.grant.reportRound')}</a>
                ) : access.coordinatorAdmin && g.status === 'signed' ? (
                  <Form action={`/mobilisation/conventions/${g.id}/rapports/${r.id}`} submitLabel={t('mobilisation.grant.openRound', { title: r.title })} class="inline-form">
                    {null}
                  </Form>
                ) : (
                  <span class="muted">{t('mobilisation.grant.reportAwaited')}</span>
                ),
            },
          ]}
        />
      )}
      {preparing ? (
        <>
          <h2>{t('mobilisation.grant.prepare')}</h2>
          <Form action={`/mobilisation/conventions/${g.id}/conditions`} state={forms.terms ?? emptyForm} submitLabel={t('mobilisation.form.save')}>
            <TextArea name="object" label={t('mobilisation.grant.object')} hint={t('mobilisation.grant.objectHint')} required rows={2} maxLength={256} />
            <TextArea name="conditions" label={t('mobilisation.decision.conditionsLabel')} rows={3} maxLength={2000} />
            <CheckboxGroup name="in_kind" legend={t('mobilisation.grant.nature')} options={[{ value: 'oui', label: t('mobilisation.grant.inKind') }]} />
            <CheckboxGroup name="notification_ue" legend={t('mobilisation.grant.notificationUe')} options={[{ value: 'oui', label: t('mobilisation.grant.notificationUeYes') }]} />
            <TextField name="dispositif_aide" label={t('mobilisation.grant.dispositif')} maxLength={100} />
            {Array.from({ length: TRANCHE_ROWS }, (_, i) => (
              <fieldset class="fieldset">
                <legend>{t('mobilisation.grant.trancheOption', { number: i + 1 })}</legend>
                <TextField name={`tranche_amount_${i + 1}`} label={t('mobilisation.grant.amount')} hint={t('mobilisation.form.eurosHint')} inputMode="numeric" maxLength={30} />
                <TextField name={`tranche_due_${i + 1}`} type="date" label={t('mobilisation.grant.due')} />
                <TextField name={`tranche_condition_${i + 1}`} label={t('mobilisation.grant.condition')} maxLength={500} />
              </fieldset>
            ))}
            {Array.from({ length: REPORT_ROWS }, (_, i) => (
              <fieldset class="fieldset">
                <legend>{t('mobilisation.grant.reportOption', { number: i + 1 })}</legend>
                <TextField name={`report_title_${i + 1}`} label={t('mobilisation.grant.reportTitle')} maxLength={200} />
                <TextField name={`report_start_${i + 1}`} type="date" label={t('mobilisation.grant.periodStart')} />
                <TextField name={`report_end_${i + 1}`} type="date" label={t('mobilisation.grant.periodEnd')} />
                <TextField name={`report_due_${i + 1}`} type="date" label={t('mobilisation.grant.due')} />
              </fieldset>
            ))}
          </Form>
        </>
      ) : null}
    </MobilisationPage>
  )
}

export interface TransparencyPageProps {
  fund: Fund
  grants: PageOf<PublicGrant>
  byDepartement: Map<string, number>
  departements: Map<string, string>
}

/** A fund's transparency page: the map by département with its table, then every signed grant. */
export function TransparencyPage({ fund, grants, byDepartement, departements }: TransparencyPageProps) {
  const { t } = useView()
  const title = t('mobilisation.transparency.title', { fund: fund.name })
  const rows = [...byDepartement].map(([code, euros]) => ({ code, euros })).sort((a, b) => b.euros - a.euros || a.code.localeCompare(b.code))
  return (
    <MobilisationPage title={title} trail={[{ label: t('mobilisation.funds.title'), href: '/mobilisation/fonds' }, { label: fund.name, href: `/mobilisation/fonds/${fund.id}` }]}>
      <h1>{title}</h1>
      <p class="lead">{t('mobilisation.transparency.intro')}</p>
      <dl class="facts">
        <div>
          <dt>{t('mobilisation.transparency.grants')}</dt>
          <dd>{grants.total}</dd>
        </div>
        <div>
          <dt>{t('mobilisation.fund.granted')}</dt>
          <dd>
            <Cents cents={Number(fund.granted_cents)} />
          </dd>
        </div>
        <div>
          <dt>{t('mobilisation.grant.disbursed')}</dt>
          <dd>
            <Cents cents={Number(fund.disbursed_cents)} />
          </dd>
        </div>
      </dl>
      <ul class="actions">
        <li>
          <a href={`/mobilisation/fonds/${fund.id}/subventions.csv`} download>
            {t('mobilisation.transparency.csv')}
          </a>
        </li>
        <li>
          <a href={`/api/v1/mobilisation/funds/${fund.id}/scdl`}>{t('mobilisation.transparency.json')}</a>
        </li>
      </ul>
      <h2>{t('mobilisation.transparency.map')}</h2>
      <p class="muted">{t('mobilisation.transparency.mapNote')}</p>
      <FranceMap values={new Map(rows.map((r) => [r.code, Math.round(r.euros)]))} unit="mobilisation.map.euros" title={t('mobilisation.transparency.map')} />
      <DataTable
        caption={t('mobilisation.transparency.byDepartement')}
        rows={rows}
        columns={[
          { header: t('mobilisation.transparency.departement'), cell: (r) => departements.get(`departement:${r.code}`) ?? departements.get(r.code) ?? r.code },
          { header: t('mobilisation.grant.amount'), cell: (r) => <Cents cents={Math.round(r.euros * 100)} />, numeric: true },
        ]}
      />
      <h2>{t('mobilisation.transparency.list')}</h2>
      {grants.rows.length === 0 ? (
        <p class="muted">{t('mobilisation.transparency.empty')}</p>
      ) : (
        <DataTable
          caption={t('mobilisation.transparency.list')}
          captionHidden
          rows={grants.rows}
          columns={[
            { header: t('mobilisation.grant.signedOn'), cell: (g) => <Day day={g.signed_on} /> },
            { header: t('mobilisation.grant.beneficiary'), cell: (g) => g.beneficiary_name },
            { header: t('mobilisation.grant.object'), cell: (g) => g.object },
            { header: t('mobilisation.application.alliance'), cell: (g) => (g.alliance_id && g.alliance_name ? <a href={`/alliances/${g.alliance_id}`}>{g.alliance_name}</a> : <span class="muted">{t('mobilisation.transparency.privateAlliance')}</span>) },
            { header: t('mobilisation.transparency.where'), cell: (g) => g.territories.map((tt) => tt.name).join(', ') },
            { header: t('mobilisation.transparency.sdgs'), cell: (g) => g.sdgs.map((s) => t('mobilisation.transparency.sdg', { sdg: s })).join(', ') },
            { header: t('mobilisation.grant.amount'), cell: (g) => <Cents cents={g.amount_cents} />, numeric: true },
          ]}
        />
      )}
      <Pagination page={grants.page} pageCount={grants.pageCount} href={`/mobilisation/fonds/${fund.id}/transparence`} />
    </MobilisationPage>
  )
}
