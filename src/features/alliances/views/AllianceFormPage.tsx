/**
 * The alliance form, for creating an alliance (with its coordinating organisation and first phase, perhaps born
 * from an accepted mise en relation) and for editing its content.
 */
import { useView } from '../../../core/views/context.js'
import { CheckboxGroup, Form, RadioGroup, SelectField, TextArea, TextField, type FormState } from '../../../core/views/forms.js'
import { Layout } from '../../../core/views/Layout.js'
import type { Territory } from '../../territories/index.js'
import { termOptions } from '../../vocabulary/index.js'

export interface AllianceFormPageProps {
  mode: 'create' | 'edit'
  action: string
  state: FormState
  coordinators: Array<{ value: string; label: string }>
  allianceName?: string
  allianceId?: string
  currentTerritories?: Territory[]
  /** When the alliance is born from an accepted mise en relation: the request and who will be invited. */
  origin?: { requestId: string; otherName: string; needTitle: string }
}

export function AllianceFormPage({ mode, action, state, coordinators, allianceName, allianceId, currentTerritories, origin }: AllianceFormPageProps) {
  const { t, locale } = useView()
  const title = mode === 'create' ? t('alliances.create.title') : t('alliances.edit.title', { name: allianceName ?? '' })
  const crumbs = [{ label: t('alliances.directory.title'), href: '/alliances' }, ...(allianceId ? [{ label: allianceName ?? '', href: `/alliances/${allianceId}` }] : []), { label: title }]
  if (mode === 'create' && coordinators.length === 0) {
    return (
      <Layout title={title} breadcrumb={crumbs}>
        <h1>{title}</h1>
        <p class="lead">{t('alliances.create.needOrganisation')}</p>
        <p>
          <a class="button" href="/acteurs/nouveau">
            {t('alliances.create.registerOrganisation')}
          </a>
        </p>
      </Layout>
    )
  }
  return (
    <Layout title={title} breadcrumb={crumbs}>
      <h1>{title}</h1>
      {mode === 'create' ? <p class="lead">{t('alliances.create.intro')}</p> : null}
      {origin ? (
        <p class="notice">{t('alliances.create.fromContact', { other: origin.otherName, need: origin.needTitle })}</p>
      ) : null}
      <Form action={action} state={state} submitLabel={mode === 'create' ? t('alliances.create.submit') : t('alliances.edit.submit')}>
        {origin ? <input type="hidden" name="mise_en_relation" value={origin.requestId} /> : null}
        <fieldset>
          <legend>{t('alliances.section.identity')}</legend>
          <TextField name="name" label={t('alliances.field.name')} required maxLength={200} />
          <TextArea name="stakes" label={t('alliances.field.stakes')} hint={t('alliances.field.stakesHint')} required rows={4} maxLength={5000} />
          <TextArea name="description" label={t('alliances.field.description')} rows={4} maxLength={10000} />
          {mode === 'create' ? <SelectField name="coordinator" label={t('alliances.field.coordinator')} hint={t('alliances.field.coordinatorHint')} required options={coordinators} /> : null}
        </fieldset>
        <fieldset>
          <legend>{t('alliances.section.territory')}</legend>
          {currentTerritories && currentTerritories.length > 0 ? (
            <p class="hint">
              {t('alliances.field.territoriesCurrent')} {currentTerritories.map((c) => `${c.name} (${c.kind}:${c.code})`).join(' ; ')}
            </p>
          ) : null}
          <TextField name="territories" label={t('alliances.field.territories')} hint={t('alliances.field.territoriesHint')} required maxLength={500} />
        </fieldset>
        <fieldset>
          <legend>{t('alliances.section.form')}</legend>
          <SelectField name="form" label={t('alliances.field.form')} required options={termOptions('coconstruction_form', locale)} placeholder={t('form.choose')} />
          {mode === 'create' ? <SelectField name="phase" label={t('alliances.field.phase')} hint={t('alliances.field.phaseHint')} required options={termOptions('alliance_phase', locale)} placeholder={t('form.choose')} /> : null}
          <TextField name="started_on" label={t('alliances.field.startedOn')} type="date" required />
          <TextField name="ended_on" label={t('alliances.field.endedOn')} hint={t('alliances.field.endedOnHint')} type="date" />
        </fieldset>
        <CheckboxGroup name="sdgs" legend={t('alliances.field.sdgs')} hint={t('alliances.field.sdgsHint')} options={termOptions('sdg', locale).filter((o) => o.value !== '17')} columns />
        <TextField name="sdg_targets" label={t('alliances.field.targets')} hint={t('alliances.field.targetsHint')} maxLength={500} />
        <CheckboxGroup name="levers" legend={t('alliances.field.levers')} hint={t('alliances.field.leversHint')} options={termOptions('lever', locale)} />
        <RadioGroup
          name="visibility"
          legend={t('alliances.field.visibility')}
          required
          groups={[
            {
              options: [
                { value: 'public', label: t('alliances.visibility.publicChoice') },
                { value: 'partners', label: t('alliances.visibility.partnersChoice') },
              ],
            },
          ]}
        />
      </Form>
    </Layout>
  )
}
