/** Correcting a contribution, or deleting it after ticking a confirmation (its organisation's members only). */
import { formatDate } from '../../../core/i18n/index.js'
import { useView } from '../../../core/views/context.js'
import { CheckboxGroup, Form, type FormState } from '../../../core/views/forms.js'
import type { Alliance, Contribution } from '../alliances.queries.js'
import { AllianceSubpage } from './common.js'
import { ContributionFields } from './ContributionsPage.js'

export function ContributionEditPage({ alliance, contribution, organisationName, state, deletion }: { alliance: Alliance; contribution: Contribution; organisationName: string; state: FormState; deletion: FormState }) {
  const { t, locale } = useView()
  const title = t('alliances.contributions.editTitle', { organisation: organisationName, date: formatDate(locale, contribution.contributed_on) })
  return (
    <AllianceSubpage alliance={alliance} section={{ label: t('alliances.contributions.title'), href: `/alliances/${alliance.id}/contributions` }} title={title}>
      <Form action={`/alliances/${alliance.id}/contributions/${contribution.id}/modifier`} state={state} submitLabel={t('alliances.contributions.save')}>
        <ContributionFields organisations={null} />
      </Form>
      <section aria-labelledby="supprimer">
        <h2 id="supprimer">{t('alliances.contributions.deleteTitle')}</h2>
        <p class="hint">{t('alliances.contributions.deleteHint')}</p>
        <Form action={`/alliances/${alliance.id}/contributions/${contribution.id}/supprimer`} state={deletion} submitLabel={t('alliances.contributions.delete')}>
          <CheckboxGroup name="confirm" legend={t('alliances.contributions.confirm')} options={[{ value: 'oui', label: t('alliances.contributions.confirmLabel') }]} />
        </Form>
      </section>
    </AllianceSubpage>
  )
}
