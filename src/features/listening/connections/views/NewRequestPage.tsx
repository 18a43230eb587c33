/** The form asking for a mise en relation about a need and a resource, reached from a match. */
import { useView } from '../../../../core/views/context.js'
import { Form, SelectField, TextArea, type FormState } from '../../../../core/views/forms.js'
import { Layout } from '../../../../core/views/Layout.js'
import type { PairInfo } from '../connections.queries.js'

export function NewRequestPage({ pair, state, sides }: { pair: PairInfo; state: FormState; sides: Array<{ id: string; name: string }> }) {
  const { t } = useView()
  return (
    <Layout title={t('listening.request.new')} breadcrumb={[{ label: t('listening.request.list'), href: '/mises-en-relation' }, { label: t('listening.request.new') }]}>
      <h1>{t('listening.request.new')}</h1>
      <p class="lead">{t('listening.request.newIntro')}</p>
      <p>
        {t('listening.request.about', { need: pair.need.title, resource: pair.resource.title })} — <a href={`/besoins/${pair.need.id}`}>{pair.need.organisation_name}</a> ↔{' '}
        <a href={`/ressources/${pair.resource.id}`}>{pair.resource.organisation_name}</a>
      </p>
      <Form action="/mises-en-relation/nouvelle" state={state} submitLabel={t('listening.request.send')}>
        <input type="hidden" name="need_id" value={pair.need.id} />
        <input type="hidden" name="resource_id" value={pair.resource.id} />
        {sides.length > 1 ? <SelectField name="from_organisation_id" label={t('listening.request.asOrganisation')} options={sides.map((s) => ({ value: s.id, label: s.name }))} /> : null}
        <TextArea name="message" label={t('listening.request.message')} hint={t('listening.request.messageHint')} required rows={6} maxLength={3000} />
      </Form>
    </Layout>
  )
}

