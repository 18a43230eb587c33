/**
 * The question editor (`/enquetes/:id/questions/:key`): label, help, required, options (added, relabelled,
 * moved, removed with the form's buttons), ranking, scale and number settings, display condition, profile
 * role and subtotal.
 */
import { useView } from '../../../../core/views/context.js'
import { CheckboxGroup, Form, SelectField, TextArea, TextField, type FormState, type FormValues } from '../../../../core/views/forms.js'
import { Layout } from '../../../../core/views/Layout.js'
import { earlierChoiceQuestions, hasOptions, PROFILE_ROLES, questionNumber, type Definition, type Question } from '../../surveys.definition.js'
import type { Questionnaire } from '../../surveys.queries.js'
import { roleLabel } from '../../views/common.js'

/** The editor of question `q`. */
export function QuestionEditPage({ questionnaire, def, q, state }: { questionnaire: Questionnaire; def: Definition; q: Question; state: FormState }) {
  const { t } = useView()
  const base = `/enquetes/${questionnaire.id}`
  const n = questionNumber(def, q.key)
  const title = t('surveys.edit.title', { number: n })
  const earlier = earlierChoiceQuestions(def, q.key)
  return (
    <Layout title={title} breadcrumb={[{ label: t('surveys.list.title'), href: '/enquetes' }, { label: questionnaire.title, href: base }, { label: title }]}>
      <h1>{title}</h1>
      <p class="muted">{t(`surveys.type.${q.type}`)}</p>
      <Form action={`${base}/questions/${q.key}`} state={state} submitLabel={t('surveys.edit.save')}>
        <div class="form-actions">
          <button type="submit" name="op" value="save" class="button">
            {t('surveys.edit.save')}
          </button>
        </div>
        <input type="hidden" name="op" value="save" />
        <TextArea name="label" label={t('surveys.field.questionLabel')} required rows={3} maxLength={1000} />
        <TextArea name="help" label={t('surveys.field.help')} hint={t('surveys.field.helpHint')} rows={2} maxLength={2000} />
        <CheckboxGroup name="required" legend={t('surveys.field.requiredLegend')} options={[{ value: 'on', label: t('surveys.field.required') }]} />
        {hasOptions(q.type) ? (
          <fieldset class="field options-editor" id="champ-options" tabIndex={-1}>
            <legend>{q.type === 'ranking' ? t('surveys.edit.items') : t('surveys.edit.options')}</legend>
            {q.options.length === 0 ? <p class="muted">{t('surveys.edit.noOptions')}</p> : null}
            {q.options.map((o, i) => (
              <div class="option-row">
                <TextField name={`option_${o.code}`} label={t('surveys.edit.option', { number: i + 1 })} maxLength={300} />
                <button type="submit" name="op" value={`option-up:${o.code}`} class="link-button">
                  {t('surveys.edit.optionUp', { number: i + 1 })}
                </button>{' '}
                <button type="submit" name="op" value={`option-down:${o.code}`} class="link-button">
                  {t('surveys.edit.optionDown', { number: i + 1 })}
                </button>{' '}
                <button type="submit" name="op" value={`option-delete:${o.code}`} class="link-button danger">
                  {t('surveys.edit.optionDelete', { number: i + 1 })}
                </button>
              </div>
            ))}
            <TextField name="new_option" label={t('surveys.edit.newOption')} maxLength={300} />
            <button type="submit" name="op" value="add-option" class="button button-small">
              {t('surveys.edit.addOption')}
            </button>
          </fieldset>
        ) : null}
        {q.type === 'ranking' ? (
          <fieldset>
            <legend>{t('surveys.edit.rankingSettings')}</legend>
            <TextField name="rank_count" label={t('surveys.field.rankCount')} hint={t('surveys.field.rankCountHint', { m: q.options.length })} type="number" />
            <CheckboxGroup name="partial" legend={t('surveys.field.partialLegend')} options={[{ value: 'on', label: t('surveys.field.partial') }]} />
          </fieldset>
        ) : null}
        {q.type === 'scale' ? (
          <fieldset>
            <legend>{t('surveys.edit.scaleSettings')}</legend>
            <SelectField name="scale_range" label={t('surveys.field.scaleRange')} options={[{ value: '0-10', label: '0 – 10' }, { value: '1-5', label: '1 – 5' }]} />
            <TextField name="min_label" label={t('surveys.field.minLabel')} maxLength={100} />
            <TextField name="max_label" label={t('surveys.field.maxLabel')} maxLength={100} />
          </fieldset>
        ) : null}
        {q.type === 'number' ? (
          <fieldset>
            <legend>{t('surveys.edit.numberSettings')}</legend>
            <TextField name="number_min" label={t('surveys.field.numberMin')} inputMode="numeric" maxLength={20} />
            <TextField name="number_max" label={t('surveys.field.numberMax')} inputMode="numeric" maxLength={20} />
            <CheckboxGroup name="number_integer" legend={t('surveys.field.integerLegend')} options={[{ value: 'on', label: t('surveys.field.integer') }]} />
            <TextField name="number_unit" label={t('surveys.field.unit')} maxLength={40} />
          </fieldset>
        ) : null}
        {earlier.length > 0 ? (
          <fieldset class="field" id="champ-condition" tabIndex={-1}>
            <legend>{t('surveys.edit.condition')}</legend>
            <p class="hint">{t('surveys.edit.conditionHint')}</p>
            {earlier.map((e) => (
              <CheckboxGroup
                name="condition"
                legend={t('surveys.edit.conditionOn', { number: questionNumber(def, e.key), label: e.label.length > 80 ? `${e.label.slice(0, 79)}…` : e.label })}
                options={e.options.map((o) => ({ value: `${e.key}:${o.code}`, label: o.label }))}
              />
            ))}
          </fieldset>
        ) : null}
        {q.type === 'single' ? (
          <>
            <SelectField name="profile" label={t('surveys.field.profile')} hint={t('surveys.field.profileHint')} options={PROFILE_ROLES.map((r) => ({ value: r, label: roleLabel(t, r) }))} placeholder={t('surveys.field.noProfile')} />
            {q.options.length >= 2 ? (
              <fieldset class="field" id="champ-subtotal" tabIndex={-1}>
                <legend>{t('surveys.edit.subtotal')}</legend>
                <CheckboxGroup name="subtotal" legend={t('surveys.edit.subtotalOptions')} hint={t('surveys.edit.subtotalHint')} options={q.options.map((o) => ({ value: o.code, label: o.label }))} />
                <TextField name="subtotal_label" label={t('surveys.edit.subtotalLabel')} maxLength={100} />
              </fieldset>
            ) : null}
          </>
        ) : null}
      </Form>
      <p>
        <a href={`${base}#q-${q.key}`}>{t('surveys.edit.back')}</a>
      </p>
    </Layout>
  )
}

/** The form values that show a question in the editor. */
export function valuesOfQuestion(q: Question): FormValues {
  const values: FormValues = {
    label: q.label,
    help: q.help,
    required: q.required ? ['on'] : [],
    condition: q.condition ? q.condition.options.map((c) => `${q.condition?.question}:${c}`) : [],
    profile: q.profile ?? '',
    subtotal: q.subtotal?.options ?? [],
    subtotal_label: q.subtotal?.label ?? '',
  }
  for (const o of q.options) values[`option_${o.code}`] = o.label
  if (q.type === 'ranking') {
    values.rank_count = q.rankCount !== undefined ? String(q.rankCount) : ''
    values.partial = q.partialRanking ? ['on'] : []
  }
  if (q.type === 'scale' && q.scale) {
    values.scale_range = q.scale.min === 1 ? '1-5' : '0-10'
    values.min_label = q.scale.minLabel
    values.max_label = q.scale.maxLabel
  }
  if (q.type === 'number' && q.number) {
    values.number_min = q.number.min === null ? '' : String(q.number.min)
    values.number_max = q.number.max === null ? '' : String(q.number.max)
    values.number_integer = q.number.integer ? ['on'] : []
    values.number_unit = q.number.unit
  }
  return values
}

