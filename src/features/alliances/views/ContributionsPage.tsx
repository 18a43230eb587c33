/**
 * Contributions of an alliance: totals per type and per partner (one line per unit), every contribution page by
 * page, and the form with which a partner's members record what their organisation gave.
 */
import type { PageOf } from '../../../core/db/paging.js'
import type { FieldProblem } from '../../../core/errors.js'
import { formatDate, type MessageKey } from '../../../core/i18n/index.js'
import { DataTable, Pagination } from '../../../core/views/components.js'
import { useView } from '../../../core/views/context.js'
import { Form, SelectField, TextArea, TextField, type FormState } from '../../../core/views/forms.js'
import { Layout } from '../../../core/views/Layout.js'
import { TermLink, termOptions } from '../../vocabulary/index.js'
import type { Alliance, ContributionRow, ContributionTotals } from '../alliances.queries.js'
import { CONTRIBUTION_UNITS, type ContributionUnit } from '../quantities.js'
import { IgnoredFilters, Quantity, TotalsTables } from './common.js'

/** The name of a unit in a choice (one per unit, checked by the compiler). */
const unitNameKey = (unit: ContributionUnit): MessageKey => `alliances.unitName.${unit}`

export function ContributionFields({ organisations }: { organisations: Array<{ value: string; label: string }> | null }) {
  const { t, locale } = useView()
  return (
    <>
      {organisations ? <SelectField name="organisation_id" label={t('alliances.contributions.organisation')} hint={t('alliances.contributions.organisationHint')} required options={organisations} /> : null}
      <SelectField name="contribution_type" label={t('alliances.contributions.type')} required options={termOptions('contribution_type', locale)} placeholder={t('form.choose')} />
      <div class="quantity-row">
        <TextField name="quantity" label={t('alliances.contributions.quantity')} hint={t('alliances.contributions.quantityHint')} required inputMode="text" maxLength={30} />
        <SelectField name="unit" label={t('alliances.contributions.unit')} required options={CONTRIBUTION_UNITS.map((u) => ({ value: u, label: t(unitNameKey(u)) }))} placeholder={t('form.choose')} />
      </div>
      <TextField name="contributed_on" label={t('alliances.contributions.date')} type="date" required />
      <TextArea name="description" label={t('alliances.contributions.description')} rows={2} maxLength={2000} />
    </>
  )
}

interface ListProps {
  /** parameters of the address that were not applied (invalid), named to the reader */
  ignored: FieldProblem[]
  alliance: Alliance
  totals: ContributionTotals
  page: PageOf<ContributionRow>
  organisations: Array<{ value: string; label: string }>
  editable: ReadonlySet<string>
  state: FormState
}

export function ContributionsPage({ alliance, totals, page, organisations, editable, state, ignored }: ListProps) {
  const { t, locale, path } = useView()
  const title = t('alliances.contributions.pageTitle', { name: alliance.name })
  return (
    <Layout title={title} breadcrumb={[{ label: t('alliances.directory.title'), href: '/alliances' }, { label: alliance.name, href: `/alliances/${alliance.id}` }, { label: t('alliances.contributions.title') }]}>
      <h1>{title}</h1>
      <p class="lead">{t('alliances.contributions.intro')}</p>
      <IgnoredFilters problems={ignored} labels={{ page: 'alliances.directory.page' }} />
      <TotalsTables totals={totals} />
      {organisations.length > 0 ? (
        <section aria-labelledby="ajouter">
          <h2 id="ajouter">{t('alliances.contributions.add')}</h2>
          <Form action={`/alliances/${alliance.id}/contributions`} state={state} submitLabel={t('alliances.contributions.submit')}>
            <ContributionFields organisations={organisations} />
          </Form>
        </section>
      ) : null}
      {page.total > 0 ? (
        <section aria-labelledby="liste">
          <h2 id="liste">{t('alliances.contributions.list', { count: page.total })}</h2>
          <DataTable
            caption={t('alliances.contributions.listCaption', { page: page.page, count: page.pageCount })}
            rows={page.rows}
            columns={[
              { header: t('alliances.contributions.date'), cell: (c) => <time dateTime={c.contributed_on}>{formatDate(locale, c.contributed_on)}</time> },
              { header: t('alliances.partner'), cell: (c) => c.organisation_name },
              { header: t('alliances.contributions.type'), cell: (c) => <TermLink kind="contribution_type" code={c.contribution_type} /> },
              { header: t('alliances.contributions.quantity'), cell: (c) => <Quantity hundredths={c.quantity_hundredths} unit={c.unit} />, numeric: true },
              { header: t('alliances.contributions.description'), cell: (c) => c.description },
              ...(editable.size > 0
                ? [
                    {
                      header: t('alliances.partners.actions'),
                      cell: (c: ContributionRow) =>
                        editable.has(c.organisation_id) ? <a href={`/alliances/${alliance.id}/contributions/${c.id}/modifier`}>{t('alliances.contributions.edit', { date: formatDate(locale, c.contributed_on) })}</a> : null,
                    },
                  ]
                : []),
            ]}
          />
          <Pagination page={page.page} pageCount={page.pageCount} href={path} />
        </section>
      ) : null}
    </Layout>
  )
}
