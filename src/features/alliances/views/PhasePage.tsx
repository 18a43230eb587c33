/** The form that moves an alliance to another phase, on a given day, with a note for the journal. */
import { formatDate } from '../../../core/i18n/index.js'
import { useView } from '../../../core/views/context.js'
import { Form, SelectField, TextArea, TextField, type FormState } from '../../../core/views/forms.js'
import { Layout } from '../../../core/views/Layout.js'
import { TermLink, termOptions } from '../../vocabulary/index.js'
import type { Alliance } from '../alliances.queries.js'

export function PhasePage({ alliance, state }: { alliance: Alliance; state: FormState }) {
  const { t, locale } = useView()
  const title = t('alliances.phase.title', { name: alliance.name })
  return (
    <Layout title={title} breadcrumb={[{ label: t('alliances.directory.title'), href: '/alliances' }, { label: alliance.name, href: `/alliances/${alliance.id}` }, { label: t('alliances.phase.link') }]}>
      <h1>{title}</h1>
      <p class="lead">
        {t('alliances.phase.current')} <TermLink kind="alliance_phase" code={alliance.phase} /> ({t('alliances.phase.since', { date: formatDate(locale, alliance.phase_since) })}).
      </p>
      <p>{t('alliances.phase.intro')}</p>
      <Form action={`/alliances/${alliance.id}/phase`} state={state} submitLabel={t('alliances.phase.submit')}>
        <SelectField name="phase" label={t('alliances.phase.new')} required options={termOptions('alliance_phase', locale).filter((o) => o.value !== alliance.phase)} placeholder={t('form.choose')} />
        <TextField name="on" label={t('alliances.phase.on')} hint={t('alliances.phase.onHint')} type="date" required />
        <TextArea name="note" label={t('alliances.phase.note')} hint={t('alliances.phase.noteHint')} rows={3} maxLength={2000} />
      </Form>
    </Layout>
  )
}
