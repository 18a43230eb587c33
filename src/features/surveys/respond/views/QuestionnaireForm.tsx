/**
 * The answer form of a questionnaire (also its preview): one block per section, each question a labelled
 * field or a fieldset with a legend (choices, ranking, scale), its help text, its display condition written
 * out, its error next to it. Works without JavaScript: rankings are one select per item, a conditional
 * question is always shown with the condition stated (the server ignores it when the condition is not met).
 */
import type { FieldProblem } from '../../../../core/errors.js'
import { useView } from '../../../../core/views/context.js'
import { ErrorSummary, type FormValues } from '../../../../core/views/forms.js'
import { answerField, LONG_TEXT_MAX, rankField, SHORT_TEXT_MAX } from '../answers.js'
import { findQuestion, questionNumber, rankCountOf, scaleValues, type Definition, type Question } from '../../surveys.definition.js'

function fieldId(name: string): string {
  return `champ-${name.replace(/[^a-zA-Z0-9_-]/g, '-')}`
}

interface FieldProps {
  def: Definition
  q: Question
  values: FormValues
  error: string | undefined
  disabled: boolean
}

function Hints({ def, q, id }: { def: Definition; q: Question; id: string }) {
  const { t } = useView()
  const condition = q.condition ? findQuestion(def, q.condition.question) : undefined
  return (
    <>
      {q.help ? (
        <p class="hint" id={`${id}-hint`}>
          {q.help}
        </p>
      ) : null}
      {q.condition && condition ? (
        <p class="hint condition" id={`${id}-condition`}>
          {t('surveys.respond.condition', {
            answers: q.condition.options.map((c) => `« ${condition.options.find((o) => o.code === c)?.label ?? c} »`).join(t('surveys.respond.or')),
            number: questionNumber(def, condition.key),
          })}
        </p>
      ) : null}
    </>
  )
}

function describedBy(id: string, q: Question, error: string | undefined): string | undefined {
  const parts = [q.help ? `${id}-hint` : '', q.condition ? `${id}-condition` : '', error ? `${id}-error` : ''].filter(Boolean)
  return parts.length > 0 ? parts.join(' ') : undefined
}

function Title({ def, q }: { def: Definition; q: Question }) {
  const { t } = useView()
  return (
    <>
      {questionNumber(def, q.key)}. {q.label}
      {q.required ? <span class="required"> {t('form.required')}</span> : <span class="optional"> {t('form.optional')}</span>}
    </>
  )
}

function ErrorText({ id, error }: { id: string; error: string | undefined }) {
  const { t } = useView()
  if (!error) return null
  return (
    <p class="field-error" id={`${id}-error`}>
      <span class="visually-hidden">{t('form.errorPrefix')} </span>
      {error}
    </p>
  )
}

function ChoiceField({ def, q, values, error, disabled }: FieldProps) {
  const name = answerField(q.key)
  const id = fieldId(name)
  const raw = values[name]
  const selected = new Set(Array.isArray(raw) ? raw : raw ? [raw] : [])
  const multiple = q.type === 'multiple'
  const options = q.type === 'scale' ? scaleValues(q).map((v) => ({ code: String(v), label: String(v) })) : q.options
  const { t } = useView()
  return (
    <fieldset class={`field ${error ? 'field-has-error' : ''} ${q.type === 'scale' ? 'scale-group' : 'radio-group'}`} id={id} tabIndex={-1} aria-describedby={describedBy(id, q, error)}>
      <legend>
        <Title def={def} q={q} />
      </legend>
      <Hints def={def} q={q} id={id} />
      {q.type === 'scale' && q.scale && (q.scale.minLabel || q.scale.maxLabel) ? (
        <p class="hint">{t('surveys.respond.scaleEnds', { min: q.scale.min, minLabel: q.scale.minLabel || '—', max: q.scale.max, maxLabel: q.scale.maxLabel || '—' })}</p>
      ) : null}
      <ErrorText id={id} error={error} />
      <div class={q.type === 'scale' ? 'scale-options' : undefined}>
        {options.map((o, i) => (
          <div class={multiple ? 'checkbox' : 'radio'}>
            <input type={multiple ? 'checkbox' : 'radio'} id={`${id}-${i}`} name={name} value={o.code} checked={selected.has(o.code)} disabled={disabled} required={!multiple && q.required && !q.condition} />
            <label for={`${id}-${i}`}>{o.label}</label>
          </div>
        ))}
      </div>
    </fieldset>
  )
}

function RankingField({ def, q, values, error, disabled }: FieldProps) {
  const { t } = useView()
  const name = answerField(q.key)
  const id = fieldId(name)
  const k = rankCountOf(q)
  return (
    <fieldset class={`field ranking-group ${error ? 'field-has-error' : ''}`} id={id} tabIndex={-1} aria-describedby={describedBy(id, q, error)}>
      <legend>
        <Title def={def} q={q} />
      </legend>
      <Hints def={def} q={q} id={id} />
      <p class="hint">{q.partialRanking ? t('surveys.respond.rankingPartial', { k }) : t('surveys.respond.rankingFull', { k })}</p>
      <ErrorText id={id} error={error} />
      {q.options.map((o) => {
        const field = rankField(q.key, o.code)
        const value = values[field]
        return (
          <div class="rank-row">
            <label for={fieldId(field)}>{o.label}</label>
            <select id={fieldId(field)} name={field} disabled={disabled}>
              <option value="">{t('surveys.respond.notRanked')}</option>
              {Array.from({ length: k }, (_, r) => (
                <option value={String(r + 1)} selected={value === String(r + 1)}>
                  {t('surveys.respond.rank', { rank: r + 1 })}
                </option>
              ))}
            </select>
          </div>
        )
      })}
    </fieldset>
  )
}

function TextLikeField({ def, q, values, error, disabled }: FieldProps) {
  const { t } = useView()
  const name = answerField(q.key)
  const id = fieldId(name)
  const raw = values[name]
  const value = typeof raw === 'string' ? raw : ''
  return (
    <div class={error ? 'field field-has-error' : 'field'}>
      <label for={id}>
        <Title def={def} q={q} />
      </label>
      <Hints def={def} q={q} id={id} />
      {q.type === 'number' && q.number ? (
        <p class="hint" id={`${id}-range`}>
          {t('surveys.respond.numberHint', {
            min: q.number.min ?? '—',
            max: q.number.max ?? '—',
            unit: q.number.unit,
            integer: q.number.integer ? t('surveys.respond.integerOnly') : '',
          })}
        </p>
      ) : null}
      <ErrorText id={id} error={error} />
      {q.type === 'long_text' ? (
        <textarea id={id} name={name} rows={5} maxLength={LONG_TEXT_MAX} disabled={disabled} aria-invalid={error ? 'true' : undefined} aria-describedby={describedBy(id, q, error)}>
          {value}
        </textarea>
      ) : (
        <input
          id={id}
          name={name}
          type="text"
          value={value}
          inputMode={q.type === 'number' ? 'decimal' : undefined}
          maxLength={q.type === 'number' ? 30 : SHORT_TEXT_MAX}
          disabled={disabled}
          aria-invalid={error ? 'true' : undefined}
          aria-describedby={[describedBy(id, q, error), q.type === 'number' ? `${id}-range` : ''].filter(Boolean).join(' ') || undefined}
        />
      )}
    </div>
  )
}

function QuestionField(props: FieldProps) {
  const { q } = props
  if (q.type === 'single' || q.type === 'multiple' || q.type === 'scale') return <ChoiceField {...props} />
  if (q.type === 'ranking') return <RankingField {...props} />
  return <TextLikeField {...props} />
}

/** The questionnaire, where it posts (null: nowhere), its values and problems, preview mode. */
export interface QuestionnaireFormProps {
  def: Definition
  action: string | null
  values: FormValues
  errors: FieldProblem[]
  /** Preview: fields disabled, no submit. */
  preview?: boolean
}

/** The questionnaire as a form posting `intent=draft` or `intent=submit` to `action`. */
export function QuestionnaireForm({ def, action, values, errors, preview }: QuestionnaireFormProps) {
  const { t, csrfToken } = useView()
  const body = (
    <>
      <ErrorSummary errors={errors} />
      {def.sections.map((s) => (
        <section class="questionnaire-section" aria-labelledby={`section-${s.key}`}>
          <h2 id={`section-${s.key}`}>{s.title}</h2>
          {s.questions.map((q) => {
            const problem = errors.find((e) => e.field === answerField(q.key))
            return <QuestionField def={def} q={q} values={values} error={problem ? t(problem.message, problem.params) : undefined} disabled={preview === true} />
          })}
        </section>
      ))}
    </>
  )
  if (preview || action === null) return <div class="form questionnaire">{body}</div>
  return (
    <form method="post" action={action} noValidate class="form questionnaire">
      <input type="hidden" name="_csrf" value={csrfToken()} />
      {body}
      <div class="form-actions">
        <button type="submit" name="intent" value="submit" class="button">
          {t('surveys.respond.submit')}
        </button>
        <button type="submit" name="intent" value="draft" class="button button-secondary">
          {t('surveys.respond.saveDraft')}
        </button>
      </div>
    </form>
  )
}
