/** A partner's statement of what it brings and expects on the four objectives, and the form to leave the alliance. */
import { formatDate } from '../../../core/i18n/index.js'
import { useView } from '../../../core/views/context.js'
import { CheckboxGroup, Form, TextArea, TextField, type FormState } from '../../../core/views/forms.js'
import { Layout } from '../../../core/views/Layout.js'
import { TermLink, termOptions } from '../../vocabulary/index.js'
import type { Alliance, PartnerRow } from '../alliances.queries.js'

export function StatementPage({ alliance, partner, state, leaveState }: { alliance: Alliance; partner: PartnerRow; state: FormState; leaveState: FormState }) {
  const { t, locale } = useView()
  const title = t('alliances.statement.title', { organisation: partner.organisation_name })
  const options = termOptions('partnership_objective', locale)
  return (
    <Layout title={title} breadcrumb={[{ label: t('alliances.directory.title'), href: '/alliances' }, { label: alliance.name, href: `/alliances/${alliance.id}` }, { label: title }]}>
      <h1>{title}</h1>
      <p class="lead">
        {t('alliances.statement.intro')} <TermLink kind="partner_role" code={partner.role} />
        {partner.joined_on ? <>, {t('alliances.partners.sinceDate', { date: formatDate(locale, partner.joined_on) })}</> : null}.
      </p>
      <Form action={`/alliances/${alliance.id}/partenaires/${partner.id}/apports`} state={state} submitLabel={t('alliances.statement.submit')}>
        <fieldset>
          <legend>{t('alliances.partners.brings')}</legend>
          <CheckboxGroup name="brings_objectives" legend={t('alliances.statement.objectives')} options={options} />
          <TextArea name="brings" label={t('alliances.statement.bringsText')} hint={t('alliances.statement.bringsHint')} rows={3} maxLength={3000} />
        </fieldset>
        <fieldset>
          <legend>{t('alliances.partners.expects')}</legend>
          <CheckboxGroup name="expects_objectives" legend={t('alliances.statement.objectives')} options={options} />
          <TextArea name="expects" label={t('alliances.statement.expectsText')} hint={t('alliances.statement.expectsHint')} rows={3} maxLength={3000} />
        </fieldset>
      </Form>
      {partner.status === 'active' ? (
        <section aria-labelledby="quitter" class="danger-zone">
          <h2 id="quitter">{t('alliances.leave.title')}</h2>
          <p>{t('alliances.leave.intro')}</p>
          <Form action={`/alliances/${alliance.id}/partenaires/${partner.id}/quitter`} state={leaveState} submitLabel={t('alliances.leave.submit', { organisation: partner.organisation_name })}>
            <TextField name="left_on" label={t('alliances.leave.on')} type="date" required />
            <TextArea name="reason" label={t('alliances.leave.reason')} rows={2} maxLength={2000} />
          </Form>
        </section>
      ) : null}
    </Layout>
  )
}
