/**
 * Accessible form building blocks: an error summary linked to the fields, labelled fields with hints and
 * inline errors (`aria-describedby`, `aria-invalid`), and a form that always carries the CSRF token.
 *
 * Forms post with `novalidate`: the server validates and answers with the same messages with or without
 * JavaScript, in the page's language (browser bubbles would be neither consistent nor translated).
 */
import type { ComponentChildren } from 'preact'
import { createContext } from 'preact'
import { useContext } from 'preact/hooks'
import type { FieldProblem } from '../errors.js'
import { useView } from './context.js'

export type FormValues = Record<string, string | string[] | undefined>

export interface FormState {
  values: FormValues
  errors: FieldProblem[]
}

export const emptyForm: FormState = { values: {}, errors: [] }

const FormCtx = createContext<FormState>(emptyForm)

function fieldId(name: string): string {
  return `champ-${name.replace(/[^a-zA-Z0-9_-]/g, '-')}`
}

function useField(name: string) {
  const state = useContext(FormCtx)
  const { t } = useView()
  const problem = state.errors.find((e) => e.field === name)
  const raw = state.values[name]
  return {
    id: fieldId(name),
    value: raw,
    error: problem ? t(problem.message, problem.params) : undefined,
  }
}

/** Lists every problem of the form at the top, each a link to its field; receives focus on display. */
export function ErrorSummary({ errors }: { errors: FieldProblem[] }) {
  const { t } = useView()
  if (errors.length === 0) return null
  return (
    // biome-ignore lint/a11y/noAutofocus: a form that comes back with errors puts the focus on their summary, read first by a screen reader (the GOV.UK error-summary pattern)
    <div class="error-summary" role="alert" aria-labelledby="error-summary-title" tabIndex={-1} autoFocus>
      <h2 id="error-summary-title">{t('form.errorSummary', { count: errors.length })}</h2>
      <ul>
        {errors.map((e) => (
          <li>
            <a href={`#${fieldId(e.field)}`}>{t(e.message, e.params)}</a>
          </li>
        ))}
      </ul>
    </div>
  )
}

/**
 * The filters of a page that were dropped because they were invalid (`queryProblems(request.query)` of a
 * `lenient` query): each is named with what was wrong, so that the person knows why the list is wider than
 * asked. Renders nothing when every filter was valid.
 */
export function IgnoredFilters({ problems }: { problems: FieldProblem[] }) {
  const { t } = useView()
  if (problems.length === 0) return null
  return (
    <div class="notice notice-warning" role="status">
      <p>{t('form.filters.ignored', { count: problems.length })}</p>
      <ul>
        {problems.map((p) => (
          <li>{t('form.filters.problem', { field: p.field, problem: t(p.message, p.params) })}</li>
        ))}
      </ul>
    </div>
  )
}

export interface FormProps {
  action: string
  state?: FormState
  submitLabel: string
  children: ComponentChildren
  method?: 'post' | 'get'
  /** Extra buttons or links after the submit button. */
  secondary?: ComponentChildren
  class?: string
}

/** A POST form (CSRF token included) or a GET form (search, filters: no token). */
export function Form({ action, state = emptyForm, submitLabel, children, method = 'post', secondary, class: cls }: FormProps) {
  const { csrfToken } = useView()
  return (
    <FormCtx.Provider value={state}>
      <form method={method} action={action} noValidate class={cls ?? 'form'}>
        <ErrorSummary errors={state.errors} />
        {method === 'post' ? <input type="hidden" name="_csrf" value={csrfToken()} /> : null}
        {children}
        <div class="form-actions">
          <button type="submit" class="button">
            {submitLabel}
          </button>
          {secondary}
        </div>
      </form>
    </FormCtx.Provider>
  )
}

interface FieldFrameProps {
  id: string
  label: string
  hint?: string
  error?: string
  required?: boolean
  children: ComponentChildren
}

function FieldFrame({ id, label, hint, error, required, children }: FieldFrameProps) {
  const { t } = useView()
  return (
    <div class={error ? 'field field-has-error' : 'field'}>
      <label for={id}>
        {label}
        {required ? <span class="required"> {t('form.required')}</span> : <span class="optional"> {t('form.optional')}</span>}
      </label>
      {hint ? (
        <p class="hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      {error ? (
        <p class="field-error" id={`${id}-error`}>
          <span class="visually-hidden">{t('form.errorPrefix')} </span>
          {error}
        </p>
      ) : null}
      {children}
    </div>
  )
}

function describedBy(id: string, hint?: string, error?: string): string | undefined {
  const parts = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean)
  return parts.length ? parts.join(' ') : undefined
}

export interface TextFieldProps {
  name: string
  label: string
  hint?: string
  required?: boolean
  type?: 'text' | 'email' | 'password' | 'url' | 'tel' | 'number' | 'search' | 'date' | 'datetime-local'
  autocomplete?: string
  maxLength?: number
  inputMode?: 'numeric' | 'text' | 'email' | 'tel' | 'url'
  spellcheck?: boolean
  class?: string
}

/** The input types that take `maxlength` (HTML forbids it on dates and numbers). */
const TEXT_LIKE = new Set(['text', 'email', 'password', 'url', 'tel', 'search'])

export function TextField(props: TextFieldProps) {
  const { id, value, error } = useField(props.name)
  return (
    <FieldFrame id={id} label={props.label} hint={props.hint} error={error} required={props.required}>
      <input
        id={id}
        name={props.name}
        type={props.type ?? 'text'}
        value={props.type === 'password' ? '' : typeof value === 'string' ? value : ''}
        required={props.required}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedBy(id, props.hint, error)}
        autoComplete={props.autocomplete}
        maxLength={TEXT_LIKE.has(props.type ?? 'text') ? props.maxLength : undefined}
        inputMode={props.inputMode}
        spellcheck={props.spellcheck}
        class={props.class}
      />
    </FieldFrame>
  )
}

export function TextArea(props: { name: string; label: string; hint?: string; required?: boolean; rows?: number; maxLength?: number }) {
  const { id, value, error } = useField(props.name)
  return (
    <FieldFrame id={id} label={props.label} hint={props.hint} error={error} required={props.required}>
      <textarea
        id={id}
        name={props.name}
        rows={props.rows ?? 5}
        required={props.required}
        maxLength={props.maxLength}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedBy(id, props.hint, error)}
      >
        {typeof value === 'string' ? value : ''}
      </textarea>
    </FieldFrame>
  )
}

export interface Option {
  value: string
  label: string
}

/**
 * A list to choose from. A required list without a `placeholder` always has a value (its first option), so it
 * says `aria-required` but not `required`: HTML only allows `required` when the first option is an empty
 * placeholder.
 */
export function SelectField(props: { name: string; label: string; hint?: string; required?: boolean; options: Option[]; placeholder?: string }) {
  const { id, value, error } = useField(props.name)
  const placeholder = props.placeholder !== undefined
  return (
    <FieldFrame id={id} label={props.label} hint={props.hint} error={error} required={props.required}>
      <select
        id={id}
        name={props.name}
        required={props.required && placeholder}
        aria-required={props.required && !placeholder ? 'true' : undefined}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedBy(id, props.hint, error)}
      >
        {props.placeholder !== undefined ? <option value="">{props.placeholder}</option> : null}
        {props.options.map((o) => (
          <option value={o.value} selected={value === o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </FieldFrame>
  )
}

/** A group of checkboxes (fieldset + legend); the value is the list of checked option values. */
export function CheckboxGroup(props: { name: string; legend: string; hint?: string; options: Option[]; columns?: boolean }) {
  const { id, value, error } = useField(props.name)
  const checked = new Set(Array.isArray(value) ? value : typeof value === 'string' ? [value] : [])
  return (
    <fieldset
      class={error ? 'field field-has-error checkbox-group' : 'field checkbox-group'}
      id={id}
      tabIndex={-1}
      aria-describedby={describedBy(id, props.hint, error)}
    >
      <legend>{props.legend}</legend>
      {props.hint ? (
        <p class="hint" id={`${id}-hint`}>
          {props.hint}
        </p>
      ) : null}
      {error ? (
        <p class="field-error" id={`${id}-error`}>
          {error}
        </p>
      ) : null}
      <div class={props.columns ? 'checkbox-columns' : undefined}>
        {props.options.map((o, i) => (
          <div class="checkbox">
            <input type="checkbox" id={`${id}-${i}`} name={props.name} value={o.value} checked={checked.has(o.value)} />
            <label for={`${id}-${i}`}>{o.label}</label>
          </div>
        ))}
      </div>
    </fieldset>
  )
}

/**
 * One choice among options shown as radio buttons (fieldset + legend), optionally in labelled groups (e.g.
 * the sixteen activities of the catalysis grid under their four trades). Works without JavaScript.
 */
export function RadioGroup(props: { name: string; legend: string; hint?: string; required?: boolean; groups: Array<{ legend?: string; options: Option[] }> }) {
  const { id, value, error } = useField(props.name)
  const { t } = useView()
  let n = 0
  return (
    <fieldset class={error ? 'field field-has-error radio-group' : 'field radio-group'} id={id} tabIndex={-1} aria-describedby={describedBy(id, props.hint, error)}>
      <legend>
        {props.legend}
        {props.required ? <span class="required"> {t('form.required')}</span> : null}
      </legend>
      {props.hint ? (
        <p class="hint" id={`${id}-hint`}>
          {props.hint}
        </p>
      ) : null}
      {error ? (
        <p class="field-error" id={`${id}-error`}>
          {error}
        </p>
      ) : null}
      {props.groups.map((g) => {
        const radios = g.options.map((o) => {
          const optionId = `${id}-${n++}`
          return (
            <div class="radio">
              <input type="radio" id={optionId} name={props.name} value={o.value} checked={value === o.value} />
              <label for={optionId}>{o.label}</label>
            </div>
          )
        })
        return g.legend ? (
          <fieldset class="radio-subgroup">
            <legend>{g.legend}</legend>
            {radios}
          </fieldset>
        ) : (
          radios
        )
      })}
    </fieldset>
  )
}
