/** Pages of pooled funds: the list, one fund (totals, governance, contributors, its acts), the fund form, the ledger. */
import type { PageOf } from '../../../../core/db/paging.js'
import { DataTable, Pagination } from '../../../../core/views/components.js'
import { useView } from '../../../../core/views/context.js'
import { emptyForm, Form, SelectField, TextArea, TextField, type FormState, type Option } from '../../../../core/views/forms.js'
import type { ProjectCallListRow } from '../../projects/projects.queries.js'
import { Cents, Day, MobilisationPage, ParisTime } from '../../views/format.js'
import type { CommitteeMember, ContributorRow, EntryRow, Fund, FundListRow } from '../funds.queries.js'
import { LEGAL_FORMS, MEMBER_ROLES } from '../funds.service.js'
import { translateLabel } from '../../../../core/i18n/index.js'
import { MEMBER_ROLE_LABELS } from '../../views/labels.js'

export function FundListPage({ page, canCreate }: { page: PageOf<FundListRow>; canCreate: boolean }) {
  const { t, path } = useView()
  return (
    <MobilisationPage title={t('mobilisation.funds.title')}>
      <h1>{t('mobilisation.funds.title')}</h1>
      <p class="lead">{t('mobilisation.funds.intro')}</p>
      {canCreate ? (
        <p>
          <a class="button" href="/mobilisation/fonds/nouveau">
            {t('mobilisation.funds.new')}
          </a>
        </p>
      ) : null}
      {page.rows.length === 0 ? (
        <p>{t('mobilisation.funds.none')}</p>
      ) : (
        <DataTable
          caption={t('mobilisation.funds.count', { count: page.total })}
          rows={page.rows}
          columns={[
            { header: t('mobilisation.fund.name'), cell: (f) => <a href={`/mobilisation/fonds/${f.id}`}>{f.name}</a> },
            { header: t('mobilisation.fund.host'), cell: (f) => f.host_name },
            { header: t('mobilisation.fund.territory'), cell: (f) => f.territory_name },
            { header: t('mobilisation.fund.paid'), cell: (f) => <Cents cents={Number(f.paid_cents)} />, numeric: true },
            { header: t('mobilisation.fund.granted'), cell: (f) => <Cents cents={Number(f.granted_cents)} />, numeric: true },
          ]}
        />
      )}
      <Pagination page={page.page} pageCount={page.pageCount} href={path} />
    </MobilisationPage>
  )
}

export interface FundForms {
  pledge?: FormState
  payment?: FormState
  commitment?: FormState
  member?: FormState
}

export interface FundPageProps {
  fund: Fund
  admin: boolean
  governance: boolean
  committee: CommitteeMember[]
  contributors: ContributorRow[]
  /** the actor's administered organisations (to pledge for) */
  ownOrganisations: Option[]
  calls: ProjectCallListRow[]
  forms: FundForms
}

export function FundPage({ fund, admin, governance, committee, contributors, ownOrganisations, calls, forms }: FundPageProps) {
  const { t, csrfToken } = useView()
  const available = Number(fund.paid_cents) + Number(fund.committed_cents) - Number(fund.granted_cents)
  const mine = new Set(ownOrganisations.map((o) => o.value))
  return (
    <MobilisationPage title={fund.name} trail={[{ label: t('mobilisation.funds.title'), href: '/mobilisation/fonds' }]}>
      <h1>{fund.name}</h1>
      <p class="lead">{fund.description}</p>
      <dl class="facts">
        <div>
          <dt>{t('mobilisation.fund.host')}</dt>
          <dd>
            <a href={`/acteurs/${fund.host_organisation_id}`}>{fund.host_name}</a> · {t(`mobilisation.legalForm.${fund.legal_form}`)}
          </dd>
        </div>
        <div>
          <dt>{t('mobilisation.fund.territory')}</dt>
          <dd>{fund.territory_name}</dd>
        </div>
        <div>
          <dt>{t('mobilisation.fund.siret')}</dt>
          <dd>{fund.siret}</dd>
        </div>
      </dl>
      <section aria-labelledby="comptes">
        <h2 id="comptes">{t('mobilisation.fund.ledger')}</h2>
        <DataTable
          caption={t('mobilisation.fund.ledger')}
          captionHidden
          rows={[
            { label: t('mobilisation.fund.pledged'), cents: Number(fund.pledged_cents) },
            { label: t('mobilisation.fund.paid'), cents: Number(fund.paid_cents) },
            { label: t('mobilisation.fund.committed'), cents: Number(fund.committed_cents) },
            { label: t('mobilisation.fund.granted'), cents: Number(fund.granted_cents) },
            { label: t('mobilisation.fund.disbursed'), cents: Number(fund.disbursed_cents) },
            { label: t('mobilisation.fund.available'), cents: available },
          ]}
          columns={[
            { header: t('mobilisation.fund.line'), cell: (r) => r.label },
            { header: t('mobilisation.fund.amount'), cell: (r) => <Cents cents={r.cents} />, numeric: true },
          ]}
        />
        <p class="muted">{t('mobilisation.fund.rules')}</p>
        <ul class="actions">
          <li>
            <a href={`/mobilisation/fonds/${fund.id}/transparence`}>{t('mobilisation.fund.transparency')}</a>
          </li>
          {governance ? (
            <li>
              <a href={`/mobilisation/fonds/${fund.id}/grand-livre`}>{t('mobilisation.fund.entries')}</a>
            </li>
          ) : null}
          {admin ? (
            <li>
              <a href={`/mobilisation/fonds/${fund.id}/modifier`}>{t('mobilisation.fund.edit')}</a>
            </li>
          ) : null}
        </ul>
      </section>
      <section aria-labelledby="appels-a-projets">
        <h2 id="appels-a-projets">{t('mobilisation.fund.calls')}</h2>
        {calls.length === 0 ? (
          <p class="muted">{t('mobilisation.projects.none')}</p>
        ) : (
          <ul>
            {calls.map((c) => (
              <li>
                <a href={`/mobilisation/appels-a-projets/${c.id}`}>{c.title}</a> <span class="muted">— {t('mobilisation.project.deadline')} <ParisTime iso={c.deadline_at} /></span>
                {c.status === 'draft' ? <span class="badge badge-phase-draft"> {t('mobilisation.project.phase.draft')}</span> : null}
              </li>
            ))}
          </ul>
        )}
        {admin ? (
          <p>
            <a class="button" href={`/mobilisation/fonds/${fund.id}/appels-a-projets/nouveau`}>
              {t('mobilisation.project.new')}
            </a>
          </p>
        ) : null}
      </section>
      <section aria-labelledby="gouvernance">
        <h2 id="gouvernance">{t('mobilisation.fund.committee')}</h2>
        <ul>
          {committee.map((m) => (
            <li>
              {m.display_name} — {translateLabel(t, MEMBER_ROLE_LABELS, m.role)}
              {m.organisations ? <span class="muted"> ({m.organisations})</span> : null}
              {admin ? (
                <form method="post" action={`/mobilisation/fonds/${fund.id}/comite/${m.user_id}/retirer`} class="inline-form">
                  <input type="hidden" name="_csrf" value={csrfToken()} />{' '}
                  <button type="submit" class="link-button danger">
                    {t('mobilisation.fund.removeMember', { name: m.display_name })}
                  </button>
                </form>
              ) : null}
            </li>
          ))}
        </ul>
        {admin ? (
          <Form action={`/mobilisation/fonds/${fund.id}/comite`} state={forms.member ?? emptyForm} submitLabel={t('mobilisation.fund.addMember')}>
            <TextField name="email" type="email" label={t('mobilisation.fund.memberEmail')} hint={t('mobilisation.fund.memberEmailHint')} required autocomplete="off" />
            <SelectField name="role" label={t('mobilisation.fund.memberRole')} required options={MEMBER_ROLES.map((r) => ({ value: r, label: t(`mobilisation.memberRole.${r}`) }))} />
          </Form>
        ) : null}
      </section>
      <section aria-labelledby="contributeurs">
        <h2 id="contributeurs">{t('mobilisation.fund.contributors')}</h2>
        {contributors.length === 0 ? (
          <p class="muted">{t('mobilisation.fund.noContributor')}</p>
        ) : (
          <DataTable
            caption={t('mobilisation.fund.contributors')}
            captionHidden
            rows={contributors}
            columns={[
              { header: t('mobilisation.fund.contributor'), cell: (c) => <a href={`/acteurs/${c.organisation_id}`}>{c.name}</a> },
              { header: t('mobilisation.fund.pledged'), cell: (c) => (governance || mine.has(c.organisation_id) ? <Cents cents={Number(c.pledged_cents)} /> : '—'), numeric: true },
              { header: t('mobilisation.fund.paid'), cell: (c) => (governance || mine.has(c.organisation_id) ? <Cents cents={Number(c.paid_cents)} /> : '—'), numeric: true },
            ]}
          />
        )}
        {!governance ? <p class="muted">{t('mobilisation.fund.amountsPrivate')}</p> : null}
        {ownOrganisations.length > 0 ? (
          <Form action={`/mobilisation/fonds/${fund.id}/promesses`} state={forms.pledge ?? emptyForm} submitLabel={t('mobilisation.fund.pledge')}>
            <SelectField name="organisation_id" label={t('mobilisation.fund.pledgeFor')} required options={ownOrganisations} />
            <TextField name="amount" label={t('mobilisation.fund.pledgeAmount')} hint={t('mobilisation.form.eurosHint')} required inputMode="numeric" maxLength={30} />
          </Form>
        ) : null}
      </section>
      {admin ? (
        <section aria-labelledby="mouvements">
          <h2 id="mouvements">{t('mobilisation.fund.record')}</h2>
          {contributors.length > 0 ? (
            <Form action={`/mobilisation/fonds/${fund.id}/versements`} state={forms.payment ?? emptyForm} submitLabel={t('mobilisation.fund.recordPayment')}>
              <SelectField name="organisation_id" label={t('mobilisation.fund.paidBy')} required options={contributors.map((c) => ({ value: c.organisation_id, label: c.name }))} />
              <TextField name="amount" label={t('mobilisation.fund.paymentAmount')} hint={t('mobilisation.form.eurosHint')} required inputMode="numeric" maxLength={30} />
              <TextField name="paid_on" type="date" label={t('mobilisation.fund.paidOn')} hint={t('mobilisation.form.todayWhenEmpty')} />
            </Form>
          ) : null}
          <Form action={`/mobilisation/fonds/${fund.id}/engagements-hote`} state={forms.commitment ?? emptyForm} submitLabel={t('mobilisation.fund.declareCommitment')}>
            <TextField name="amount" label={t('mobilisation.fund.commitmentAmount')} hint={t('mobilisation.form.eurosHint')} required inputMode="numeric" maxLength={30} />
            <TextField name="committed_on" type="date" label={t('mobilisation.fund.committedOn')} hint={t('mobilisation.form.todayWhenEmpty')} />
            <TextArea name="note" label={t('mobilisation.fund.commitmentNote')} hint={t('mobilisation.fund.commitmentNoteHint')} required rows={2} maxLength={500} />
          </Form>
        </section>
      ) : null}
    </MobilisationPage>
  )
}

export function FundForm({ action, state, creating, organisations }: { action: string; state: FormState; creating: boolean; organisations: Option[] }) {
  const { t } = useView()
  const title = creating ? t('mobilisation.funds.new') : t('mobilisation.fund.edit')
  return (
    <MobilisationPage title={title} trail={[{ label: t('mobilisation.funds.title'), href: '/mobilisation/fonds' }]}>
      <h1>{title}</h1>
      <Form action={action} state={state} submitLabel={creating ? t('mobilisation.fundForm.create') : t('mobilisation.form.save')}>
        {creating ? <SelectField name="host_organisation_id" label={t('mobilisation.fundForm.host')} hint={t('mobilisation.fundForm.hostHint')} required options={organisations} /> : null}
        <TextField name="name" label={t('mobilisation.fundForm.name')} required maxLength={200} />
        <TextArea name="description" label={t('mobilisation.fundForm.description')} required rows={5} />
        <SelectField name="legal_form" label={t('mobilisation.fundForm.legalForm')} required options={LEGAL_FORMS.map((f) => ({ value: f, label: t(`mobilisation.legalForm.${f}`) }))} />
        <TextField name="siret" label={t('mobilisation.fundForm.siret')} hint={t('mobilisation.fundForm.siretHint')} required inputMode="numeric" maxLength={20} />
        <TextField name="territory" label={t('mobilisation.fundForm.territory')} hint={t('mobilisation.form.territoryHint')} required maxLength={200} />
      </Form>
    </MobilisationPage>
  )
}

export function LedgerPage({ fund, entries }: { fund: Fund; entries: PageOf<EntryRow> }) {
  const { t, path } = useView()
  const title = t('mobilisation.fund.entries')
  return (
    <MobilisationPage title={title} trail={[{ label: t('mobilisation.funds.title'), href: '/mobilisation/fonds' }, { label: fund.name, href: `/mobilisation/fonds/${fund.id}` }]}>
      <h1>
        {title} — {fund.name}
      </h1>
      <p class="muted">{t('mobilisation.fund.rules')}</p>
      <DataTable
        caption={t('mobilisation.fund.entriesCount', { count: entries.total })}
        focusable
        rows={entries.rows}
        columns={[
          { header: t('mobilisation.entry.day'), cell: (e) => <Day day={e.occurred_on} /> },
          { header: t('mobilisation.entry.kind'), cell: (e) => t(`mobilisation.entry.kind.${e.kind}`) },
          { header: t('mobilisation.fund.amount'), cell: (e) => <Cents cents={Number(e.amount_cents)} />, numeric: true },
          { header: t('mobilisation.entry.who'), cell: (e) => e.organisation_name ?? (e.grant_id ? <a href={`/mobilisation/conventions/${e.grant_id}`}>{e.grant_reference ?? ''}</a> : fund.host_name) },
          { header: t('mobilisation.entry.note'), cell: (e) => e.note },
          { header: t('mobilisation.entry.recordedBy'), cell: (e) => e.recorded_by_name ?? '' },
        ]}
      />
      <Pagination page={entries.page} pageCount={entries.pageCount} href={path} />
    </MobilisationPage>
  )
}
