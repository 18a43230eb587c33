/**
 * Ending a partnership on a day, as a form of its own: organisation pages end partnerships inline, and this page
 * shows the form again with its problem when the day was refused.
 */
import { useView } from '../../../core/views/context.js'
import { Form, TextField, type FormState } from '../../../core/views/forms.js'
import { Layout } from '../../../core/views/Layout.js'
import type { PartnershipRow } from '../alliances.queries.js'

export function EndPartnershipPage({ partnership, state }: { partnership: PartnershipRow; state: FormState }) {
  const { t } = useView()
  const title = t('alliances.partnerships.endTitle', { a: partnership.organisation_a_name, b: partnership.organisation_b_name })
  return (
    <Layout title={title} breadcrumb={[{ label: t('organisations.directory.title'), href: '/acteurs' }, { label: partnership.organisation_a_name, href: `/acteurs/${partnership.organisation_a_id}#alliances` }, { label: title }]}>
      <h1>{title}</h1>
      <Form action={`/partenariats/${partnership.id}/terminer`} state={state} submitLabel={t('alliances.partnerships.endSubmit')}>
        <TextField name="ended_on" label={t('alliances.partnerships.endOn')} type="date" required />
      </Form>
    </Layout>
  )
}
