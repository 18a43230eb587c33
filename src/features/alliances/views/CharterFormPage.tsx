/** The charter's form: saving it creates version n + 1, which every partner signs again. */
import { useView } from '../../../core/views/context.js'
import { Form, SelectField, TextArea, TextField, type FormState } from '../../../core/views/forms.js'
import { Layout } from '../../../core/views/Layout.js'
import type { Alliance, PartnerRow } from '../alliances.queries.js'
import { commitmentField, COMMITMENTS_MAX_LENGTH, MEETING_FREQUENCIES } from '../alliances.schemas.js'

export function CharterFormPage({ alliance, next, partners, state }: { alliance: Alliance; next: number; partners: PartnerRow[]; state: FormState }) {
  const { t } = useView()
  const title = t('alliances.charter.formTitle', { version: next, name: alliance.name })
  return (
    <Layout title={title} breadcrumb={[{ label: t('alliances.directory.title'), href: '/alliances' }, { label: alliance.name, href: `/alliances/${alliance.id}` }, { label: t('alliances.charter.title'), href: `/alliances/${alliance.id}/charte` }, { label: title }]}>
      <h1>{title}</h1>
      <p class="lead">{next > 1 ? t('alliances.charter.formIntroNew', { version: next }) : t('alliances.charter.formIntro')}</p>
      <Form action={`/alliances/${alliance.id}/charte`} state={state} submitLabel={t('alliances.charter.save', { version: next })}>
        <TextArea name="principles" label={t('alliances.charter.principles')} hint={t('alliances.charter.principlesHint')} required rows={8} maxLength={20000} />
        <fieldset>
          <legend>{t('alliances.charter.commitments')}</legend>
          <p class="hint">{t('alliances.charter.commitmentsHint')}</p>
          {partners.map((p) => (
            <TextArea name={commitmentField(p.organisation_id)} label={t('alliances.charter.commitmentsOf', { organisation: p.organisation_name })} rows={3} maxLength={COMMITMENTS_MAX_LENGTH} />
          ))}
        </fieldset>
        <fieldset>
          <legend>{t('alliances.charter.governance')}</legend>
          <TextArea name="governance" label={t('alliances.charter.governanceText')} hint={t('alliances.charter.governanceHint')} required rows={5} maxLength={10000} />
          <SelectField name="meeting_frequency" label={t('alliances.charter.meetings')} required options={MEETING_FREQUENCIES.map((f) => ({ value: f, label: t(`alliances.frequency.${f}`) }))} placeholder={t('form.choose')} />
          <TextField name="next_review_on" label={t('alliances.charter.nextReview')} type="date" required />
        </fieldset>
      </Form>
    </Layout>
  )
}
