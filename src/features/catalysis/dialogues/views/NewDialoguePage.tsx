/** The form that opens a governance dialogue in a space: title, purpose, territory, start, participants. */
import { useView } from '../../../../core/views/context.js'
import { CheckboxGroup, Form, TextArea, TextField, type FormState } from '../../../../core/views/forms.js'
import { Layout } from '../../../../core/views/Layout.js'

export function NewDialoguePage({ space, state, candidates }: { space: { id: string; name: string }; state: FormState; candidates: Array<{ value: string; label: string }> }) {
  const { t } = useView()
  const title = t('catalysis.dialogue.newTitle')
  return (
    <Layout title={title} breadcrumb={[{ label: t('catalysis.spaces.title'), href: '/espaces' }, { label: space.name, href: `/espaces/${space.id}` }, { label: title }]}>
      <h1>{title}</h1>
      <p class="lead">{t('catalysis.dialogue.intro')}</p>
      <Form action={`/espaces/${space.id}/dialogues`} state={state} submitLabel={t('catalysis.dialogue.create')}>
        <TextField name="title" label={t('catalysis.dialogue.title')} required maxLength={200} />
        <TextArea name="purpose" label={t('catalysis.dialogue.purpose')} rows={3} maxLength={5000} />
        <TextField name="territory" label={t('catalysis.dialogue.territory')} hint={t('catalysis.dialogue.territoryHint')} maxLength={100} />
        <TextField name="started_on" label={t('catalysis.dialogue.startedOn')} type="date" required />
        {candidates.length > 0 ? <CheckboxGroup name="participant_ids" legend={t('catalysis.dialogue.candidates')} hint={t('catalysis.dialogue.candidatesHint')} options={candidates} /> : null}
      </Form>
    </Layout>
  )
}
