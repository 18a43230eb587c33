/** The preview of a questionnaire (`/enquetes/:id/apercu`): the answer form, disabled. */
import { useView } from '../../../../core/views/context.js'
import { Layout } from '../../../../core/views/Layout.js'
import { QuestionnaireForm } from '../../respond/views/QuestionnaireForm.js'
import type { Definition } from '../../surveys.definition.js'
import type { Questionnaire } from '../../surveys.queries.js'

/** The questionnaire as respondents will see it, without a submit button. */
export function PreviewPage({ questionnaire, def }: { questionnaire: Questionnaire; def: Definition }) {
  const { t } = useView()
  const title = t('surveys.preview.title', { title: questionnaire.title })
  return (
    <Layout title={title} breadcrumb={[{ label: t('surveys.list.title'), href: '/enquetes' }, { label: questionnaire.title, href: `/enquetes/${questionnaire.id}` }, { label: t('surveys.builder.preview') }]}>
      <h1>{title}</h1>
      <p class="notice notice-info">{t('surveys.preview.notice')}</p>
      {questionnaire.intro ? <p class="lead">{questionnaire.intro}</p> : null}
      <QuestionnaireForm def={def} action={null} values={{}} errors={[]} preview />
    </Layout>
  )
}

