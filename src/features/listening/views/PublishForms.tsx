/** The forms to publish or edit a need and a resource (or wish to engage), with every problem at once. */
import { useView } from '../../../core/views/context.js'
import { CheckboxGroup, Form, SelectField, TextArea, TextField, type FormState } from '../../../core/views/forms.js'
import { Layout } from '../../../core/views/Layout.js'
import { termLabel, termOptions } from '../../vocabulary/index.js'
import { CONTRIBUTION_TYPES, HORIZONS, NEED_STATUSES, RESOURCE_KINDS, RESOURCE_STATUSES } from '../listening.codes.js'
import { capacityMeasure } from '../matching/score.js'
import { horizonKey, needStatusKey, resourceKindKey, resourceStatusKey } from './labels.js'

/** An organisation the person may publish for. */
export interface MyOrganisation {
  id: string
  name: string
}

interface PublishFormProps {
  mode: 'create' | 'edit'
  action: string
  state: FormState
  organisations: MyOrganisation[]
}

function NoOrganisation() {
  const { t } = useView()
  return (
    <div class="notice notice-info">
      <p>{t('listening.noOrganisation')}</p>
      <p>
        <a class="button" href="/acteurs/nouveau">
          {t('listening.registerOrganisation')}
        </a>
      </p>
    </div>
  )
}

/** Who publishes: a choice when creating; fixed when editing (the organisation of a listing never changes). */
function OrganisationChoice({ mode, organisations, state }: { mode: 'create' | 'edit'; organisations: MyOrganisation[]; state: FormState }) {
  const { t } = useView()
  if (mode === 'edit') return <input type="hidden" name="organisation_id" value={String(state.values.organisation_id ?? '')} />
  return <SelectField name="organisation_id" label={t('listening.field.organisation')} required options={organisations.map((o) => ({ value: o.id, label: o.name }))} />
}

export function NeedFormPage({ mode, action, state, organisations }: PublishFormProps) {
  const { t, locale } = useView()
  const title = mode === 'create' ? t('listening.need.create') : t('listening.need.edit')
  // Kinds of help measured in money or time have their own fields; the others a free text of details.
  const other = CONTRIBUTION_TYPES.filter((c) => capacityMeasure(c) === null)
  return (
    <Layout title={title} breadcrumb={[{ label: t('listening.needs.title'), href: '/besoins' }, { label: title }]}>
      <h1>{title}</h1>
      <p class="lead">{t('listening.need.createIntro')}</p>
      {organisations.length === 0 ? (
        <NoOrganisation />
      ) : (
        <Form action={action} state={state} submitLabel={title}>
          <fieldset>
            <legend>{t('listening.section.what')}</legend>
            <OrganisationChoice mode={mode} organisations={organisations} state={state} />
            <TextField name="title" label={t('listening.field.title')} required maxLength={200} />
            <TextArea name="description" label={t('listening.field.description')} required maxLength={5000} rows={5} />
            <SelectField name="domain" label={t('listening.field.domain')} required options={termOptions('domain', locale)} placeholder={t('form.choose')} />
            <CheckboxGroup name="sdgs" legend={t('listening.field.sdgs')} hint={t('listening.field.sdgsHint')} options={termOptions('sdg', locale)} columns />
          </fieldset>
          <fieldset>
            <legend>{t('listening.section.where')}</legend>
            <TextField name="territory" label={t('listening.field.territory')} hint={t('listening.field.territoryHint')} required maxLength={100} />
            <SelectField name="horizon" label={t('listening.field.horizon')} required options={HORIZONS.map((h) => ({ value: h, label: t(horizonKey(h)) }))} placeholder={t('form.choose')} />
            <SelectField name="lever" label={t('listening.field.lever')} options={termOptions('lever', locale)} placeholder={t('form.none')} />
            {mode === 'edit' ? <SelectField name="status" label={t('listening.field.status')} required options={NEED_STATUSES.map((s) => ({ value: s, label: t(needStatusKey(s)) }))} /> : null}
          </fieldset>
          <CheckboxGroup name="types" legend={t('listening.field.types')} hint={t('listening.field.typesHint')} options={termOptions('contribution_type', locale)} columns />
          <fieldset>
            <legend>{t('listening.field.detailsFinancial')}</legend>
            <TextField name="amount_min" label={t('listening.field.amountMin')} inputMode="numeric" maxLength={12} />
            <TextField name="amount_max" label={t('listening.field.amountMax')} inputMode="numeric" maxLength={12} />
          </fieldset>
          <fieldset>
            <legend>{t('listening.field.detailsSkills')}</legend>
            <TextField name="skills" label={t('listening.field.skills')} maxLength={500} />
            <TextField name="skill_hours" label={t('listening.field.skillHours')} inputMode="numeric" maxLength={6} />
            <TextField name="skill_people" label={t('listening.field.skillPeople')} inputMode="numeric" maxLength={5} />
          </fieldset>
          <fieldset>
            <legend>{t('listening.field.detailsVolunteers')}</legend>
            <TextField name="volunteer_people" label={t('listening.field.volunteerPeople')} inputMode="numeric" maxLength={5} />
            <TextField name="volunteer_hours" label={t('listening.field.volunteerHours')} inputMode="numeric" maxLength={6} />
          </fieldset>
          <fieldset>
            <legend>{t('listening.field.detailsOther')}</legend>
            {other.map((type) => (
              <TextField name={`details_${type}`} label={t('listening.field.detailsOf', { type: termLabel('contribution_type', type, locale) })} maxLength={1000} />
            ))}
          </fieldset>
        </Form>
      )}
    </Layout>
  )
}

export function ResourceFormPage({ mode, action, state, organisations }: PublishFormProps) {
  const { t, locale } = useView()
  const title = mode === 'create' ? t('listening.resource.create') : t('listening.resource.edit')
  return (
    <Layout title={title} breadcrumb={[{ label: t('listening.resources.title'), href: '/ressources' }, { label: title }]}>
      <h1>{title}</h1>
      <p class="lead">{t('listening.resource.createIntro')}</p>
      {organisations.length === 0 ? (
        <NoOrganisation />
      ) : (
        <Form action={action} state={state} submitLabel={title}>
          <fieldset>
            <legend>{t('listening.section.offer')}</legend>
            <OrganisationChoice mode={mode} organisations={organisations} state={state} />
            <SelectField name="kind" label={t('listening.field.kind')} required options={RESOURCE_KINDS.map((k) => ({ value: k, label: t(resourceKindKey(k)) }))} />
            <TextField name="title" label={t('listening.field.title')} required maxLength={200} />
            <TextArea name="description" label={t('listening.field.description')} required maxLength={5000} rows={5} />
            <SelectField name="contribution_type" label={t('listening.field.type')} required options={termOptions('contribution_type', locale)} placeholder={t('form.choose')} />
            <TextField name="amount_min" label={t('listening.field.amountMin')} inputMode="numeric" maxLength={12} />
            <TextField name="amount_max" label={t('listening.field.amountOffered')} inputMode="numeric" maxLength={12} />
            <TextField name="skills" label={t('listening.field.skills')} maxLength={500} />
            <TextField name="people" label={t('listening.field.people')} inputMode="numeric" maxLength={5} />
            <TextField name="hours" label={t('listening.field.hours')} inputMode="numeric" maxLength={6} />
            <TextField name="items" label={t('listening.field.items')} maxLength={500} />
            <TextField name="place" label={t('listening.field.place')} maxLength={500} />
          </fieldset>
          <fieldset>
            <legend>{t('listening.section.interest')}</legend>
            <TextField name="reach" label={t('listening.field.reach')} hint={t('listening.field.reachHint')} maxLength={100} />
            <TextField name="available_from" label={t('listening.field.availableFrom')} hint={t('listening.field.dateHint')} type="date" maxLength={10} />
            <TextField name="available_until" label={t('listening.field.availableUntil')} hint={t('listening.field.dateHint')} type="date" maxLength={10} />
            {mode === 'edit' ? <SelectField name="status" label={t('listening.field.status')} required options={RESOURCE_STATUSES.map((s) => ({ value: s, label: t(resourceStatusKey(s)) }))} /> : null}
          </fieldset>
          <CheckboxGroup name="domains" legend={t('listening.field.domains')} options={termOptions('domain', locale)} columns />
          <CheckboxGroup name="sdgs" legend={t('listening.field.sdgs')} options={termOptions('sdg', locale)} columns />
        </Form>
      )}
    </Layout>
  )
}
