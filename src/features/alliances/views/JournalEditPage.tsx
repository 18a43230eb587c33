/** Correcting a journal entry written by a partner (its organisation's members only). */
import { useView } from '../../../core/views/context.js'
import { Form, type FormState } from '../../../core/views/forms.js'
import type { Alliance } from '../alliances.queries.js'
import { AllianceSubpage } from './common.js'
import { JournalFields } from './JournalPage.js'

export function JournalEditPage({ alliance, organisationName, action, state }: { alliance: Alliance; organisationName: string; action: string; state: FormState }) {
  const { t } = useView()
  return (
    <AllianceSubpage alliance={alliance} section={{ label: t('alliances.journal.title'), href: `/alliances/${alliance.id}/journal` }} title={t('alliances.journal.editTitle', { organisation: organisationName })}>
      <Form action={action} state={state} submitLabel={t('alliances.journal.save')}>
        <JournalFields />
      </Form>
    </AllianceSubpage>
  )
}
