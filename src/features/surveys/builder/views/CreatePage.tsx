/** Creating a questionnaire (`/enquetes/nouvelle`): organisation, title, template, territory. */
import { useView } from '../../../../core/views/context.js'
import { Form, RadioGroup, SelectField, TextField, type FormState } from '../../../../core/views/forms.js'
import { Layout } from '../../../../core/views/Layout.js'
import type { Territory } from '../../../territories/index.js'
import { TerritoryCandidates } from '../../views/common.js'
import { TEMPLATE_KEYS } from '../templates.js'

/** The creation form; `candidates` when the territory typed matches several. */
export function CreatePage({ state, organisations, candidates }: { state: FormState; organisations: Array<{ id: string; name: string }>; candidates: Territory[] }) {
  const { t } = useView()
  return (
    <Layout title={t('surveys.create.title')} breadcrumb={[{ label: t('surveys.list.title'), href: '/enquetes' }, { label: t('surveys.create.title') }]}>
      <h1>{t('surveys.create.title')}</h1>
      {organisations.length === 0 ? (
        <p class="notice notice-info">
          {t('surveys.create.noOrganisation')} <a href="/acteurs/nouveau">{t('surveys.create.registerOrganisation')}</a>
        </p>
      ) : (
        <Form action="/enquetes/nouvelle" state={state} submitLabel={t('surveys.create.submit')}>
          <SelectField name="organisation" label={t('surveys.field.organisation')} required options={organisations.map((o) => ({ value: o.id, label: o.name }))} />
          <TextField name="title" label={t('surveys.field.title')} required maxLength={200} />
          <RadioGroup name="template" legend={t('surveys.field.template')} required groups={[{ options: TEMPLATE_KEYS.map((key) => ({ value: key, label: `${t(`surveys.template.${key}`)} — ${t(`surveys.template.${key}.hint`)}` })) }]} />
          <TextField name="territory" label={t('surveys.field.territory')} hint={t('surveys.field.territoryHint')} maxLength={100} />
          <TerritoryCandidates candidates={candidates} />
        </Form>
      )}
    </Layout>
  )
}
