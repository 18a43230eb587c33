/**
 * A partner's role, as a form of its own: the alliance page links each active partner's role here for its
 * coordinators (one link per partner, not one form: an alliance may have fifty partners), and the form comes
 * back with its problem when the change was refused.
 */
import { useView } from '../../../core/views/context.js'
import { Form, SelectField, type FormState } from '../../../core/views/forms.js'
import { termOptions } from '../../vocabulary/index.js'
import type { Alliance, PartnerRow } from '../alliances.queries.js'
import { AllianceSubpage } from './common.js'

export function RolePage({ alliance, partner, state }: { alliance: Alliance; partner: PartnerRow; state: FormState }) {
  const { t, locale } = useView()
  return (
    <AllianceSubpage alliance={alliance} section={{ label: t('alliances.partners.section'), href: `/alliances/${alliance.id}/partenaires` }} title={t('alliances.partners.roleOf', { organisation: partner.organisation_name })}>
      <Form action={`/alliances/${alliance.id}/partenaires/${partner.id}/role`} state={state} submitLabel={t('alliances.partners.changeRole')}>
        <SelectField name="role" label={t('alliances.partners.role')} required options={termOptions('partner_role', locale)} />
      </Form>
    </AllianceSubpage>
  )
}
