/**
 * The registration and edit form of an organisation: identity, official identifiers, seat (with a choice when
 * several communes match) and perimeter, SDGs, presentation and public contact. Every problem shows at once.
 */
import type { Territory } from '../../territories/index.js'
import { useView } from '../../../core/views/context.js'
import { CheckboxGroup, Form, SelectField, TextArea, TextField, type FormState } from '../../../core/views/forms.js'
import { Layout } from '../../../core/views/Layout.js'
import { termOptions } from '../../vocabulary/index.js'
import { PERIMETER_LEVELS } from '../organisations.schemas.js'

const LEVEL_LABELS = {
  commune: 'organisations.perimeterLevel.commune',
  epci: 'organisations.perimeterLevel.epci',
  ept: 'organisations.perimeterLevel.ept',
  departement: 'organisations.perimeterLevel.departement',
  region: 'organisations.perimeterLevel.region',
} as const satisfies Record<(typeof PERIMETER_LEVELS)[number], string>

/** The form page, to register (`create`) or edit an organisation. */
export function OrganisationFormPage({ mode, action, state, seatCandidates, organisationName }: { mode: 'create' | 'edit'; action: string; state: FormState; seatCandidates: Territory[]; organisationName?: string }) {
  const { t, locale } = useView()
  const title = mode === 'create' ? t('organisations.create.title') : t('organisations.edit.title', { name: organisationName ?? '' })
  const sizeOptions = termOptions('organisation_size', locale)
  return (
    <Layout title={title} breadcrumb={[{ label: t('organisations.directory.title'), href: '/acteurs' }, { label: title }]}>
      <h1>{title}</h1>
      {mode === 'create' ? <p class="lead">{t('organisations.create.intro')}</p> : null}
      <Form action={action} state={state} submitLabel={mode === 'create' ? t('organisations.create.submit') : t('organisations.edit.submit')}>
        <fieldset>
          <legend>{t('organisations.section.identity')}</legend>
          <TextField name="name" label={t('organisations.field.name')} required maxLength={200} autocomplete="organization" />
          <SelectField name="world" label={t('organisations.field.world')} hint={t('organisations.field.worldHint')} required options={termOptions('world', locale)} placeholder={t('form.choose')} />
          <SelectField name="size_band" label={t('organisations.field.size')} hint={t('organisations.field.sizeHint')} options={sizeOptions} placeholder={t('form.none')} />
        </fieldset>
        <fieldset>
          <legend>{t('organisations.section.identifiers')}</legend>
          <p class="hint">{t('organisations.section.identifiersHint')}</p>
          <TextField name="siret" label="SIRET" hint={t('organisations.field.siretHint')} inputMode="numeric" maxLength={20} />
          <TextField name="siren" label="SIREN" hint={t('organisations.field.sirenHint')} inputMode="numeric" maxLength={12} />
          <TextField name="rna" label={t('organisations.field.rna')} hint={t('organisations.field.rnaHint')} maxLength={12} />
        </fieldset>
        <fieldset>
          <legend>{t('organisations.section.place')}</legend>
          <TextField name="seat" label={t('organisations.field.seat')} hint={t('organisations.field.seatHint')} required maxLength={100} />
          {seatCandidates.length > 0 ? (
            <fieldset class="field radio-group">
              <legend>{t('organisations.field.seatChoice')}</legend>
              {seatCandidates.map((c, i) => (
                <div class="radio">
                  <input type="radio" id={`seat-choice-${i}`} name="seat_choice" value={c.id} />
                  <label for={`seat-choice-${i}`}>
                    {c.name} ({c.code}){c.postal_codes ? ` — ${c.postal_codes.split(' ').slice(0, 3).join(', ')}` : ''}
                  </label>
                </div>
              ))}
            </fieldset>
          ) : null}
          <CheckboxGroup
            name="perimeter_levels"
            legend={t('organisations.field.perimeter')}
            hint={t('organisations.field.perimeterHint')}
            options={PERIMETER_LEVELS.map((level) => ({ value: level, label: t(LEVEL_LABELS[level]) }))}
          />
          <TextArea name="perimeter_other" label={t('organisations.field.perimeterOther')} hint={t('organisations.field.perimeterOtherHint')} rows={2} maxLength={500} />
        </fieldset>
        <CheckboxGroup name="sdgs" legend={t('organisations.field.sdgs')} hint={t('organisations.field.sdgsHint')} options={termOptions('sdg', locale)} columns />
        <fieldset>
          <legend>{t('organisations.section.presentation')}</legend>
          <TextArea name="description" label={t('organisations.field.description')} maxLength={5000} rows={6} />
          <TextField name="website" label={t('organisations.field.website')} hint={t('organisations.field.websiteHint')} type="url" maxLength={300} />
          <TextField name="contact_email" label={t('organisations.field.contactEmail')} hint={t('organisations.field.contactHint')} type="email" maxLength={254} autocomplete="email" />
          <TextField name="contact_phone" label={t('organisations.field.contactPhone')} type="tel" maxLength={30} autocomplete="tel" />
        </fieldset>
      </Form>
    </Layout>
  )
}

