/**
 * The weighting page (`/campagnes/:id/redressement`), without JavaScript: the active version's diagnostics, the
 * presets (INSEE population, mayors) with what their sources do not give, and the form: margins (variables with
 * the same margin number are crossed), totals or shares, one value per category, bounds and trimming. Problems
 * name margins by their roles; they are put into the reader's words here (`rolesLabel`).
 */
import type { FieldProblem } from '../../../../core/errors.js'
import type { MessageKey, Translate } from '../../../../core/i18n/index.js'
import { useView } from '../../../../core/views/context.js'
import { ErrorSummary, type FormState, type FormValues } from '../../../../core/views/forms.js'
import { Layout } from '../../../../core/views/Layout.js'
import { PROFILE_ROLES, profileQuestion, type Definition, type ProfileRole } from '../../surveys.definition.js'
import type { Campaign } from '../../surveys.queries.js'
import { roleLabel, rolesLabel } from '../../views/common.js'
import { cellField, marginField, type WeightingSettings } from '../margins.js'
import { PRESET_KEYS, type MissingFigure } from '../presets.js'
import { marginCells, SOURCE_MAX, structureOf } from '../weighting-form.js'
import type { WeightingSummary } from '../weighting.js'
import { WeightingDiagnostics } from './WeightingDiagnostics.js'

/** Problems whose parameters name margins by roles (`roles`, `otherRoles`), with the roles in the reader's words. */
export function localised(t: Translate, problems: FieldProblem[]): FieldProblem[] {
  return problems.map((p) =>
    p.params && (p.params.roles !== undefined || p.params.otherRoles !== undefined)
      ? { ...p, params: { ...p.params, variable: rolesLabel(t, String(p.params.roles ?? '')), otherVariable: rolesLabel(t, String(p.params.otherRoles ?? '')) } }
      : p,
  )
}

function MarginInputs({ def, roles, values, errors }: { def: Definition; roles: ProfileRole[]; values: FormValues; errors: FieldProblem[] }) {
  const { t } = useView()
  const label = roles.map((r) => roleLabel(t, r)).join(' × ')
  const field = marginField(roles)
  const marginError = errors.find((e) => e.field === field)
  const fieldId = (name: string) => `champ-${name.replace(/[^a-zA-Z0-9_-]/g, '-')}`
  const input = (codes: string[], text: string) => {
    const name = cellField(roles, codes)
    const problem = errors.find((e) => e.field === name)
    const raw = values[name]
    return (
      <div class={problem ? 'field field-has-error margin-cell' : 'field margin-cell'}>
        <label for={fieldId(name)} class="margin-label">
          {text}
        </label>
        {problem ? (
          <p class="field-error" id={`${fieldId(name)}-error`}>
            {t(problem.message, problem.params)}
          </p>
        ) : null}
        <input id={fieldId(name)} name={name} type="text" inputMode="decimal" value={typeof raw === 'string' ? raw : ''} maxLength={20} aria-invalid={problem ? 'true' : undefined} aria-describedby={problem ? `${fieldId(name)}-error` : undefined} />
      </div>
    )
  }
  const q0 = profileQuestion(def, roles[0] as ProfileRole)
  const q1 = roles[1] ? profileQuestion(def, roles[1]) : undefined
  return (
    <fieldset class={marginError ? 'field field-has-error margin' : 'field margin'} id={fieldId(field)} tabIndex={-1}>
      <legend>{t('surveys.weighting.marginLegend', { variable: label })}</legend>
      {marginError ? <p class="field-error">{t(marginError.message, marginError.params)}</p> : null}
      <div class="margin-grid">
        {q1
          ? (q0?.options ?? []).flatMap((a) => q1.options.map((b) => input([a.code, b.code], `${a.label} × ${b.label}`)))
          : marginCells(def, roles).map((codes) => input(codes, q0?.options.find((o) => o.code === codes[0])?.label ?? (codes[0] as string)))}
      </div>
    </fieldset>
  )
}

/** The weighting page (see the file comment). */
export function WeightingPage({ campaign, def, state: given, active, preset, n }: { campaign: Campaign; def: Definition; state: FormState; active: { settings: WeightingSettings; summary: WeightingSummary; version: number } | null; preset: { problem: MessageKey | null; missing: MissingFigure[] }; n: number }) {
  const { t, csrfToken } = useView()
  const state = { values: given.values, errors: localised(t, given.errors) }
  const roles = PROFILE_ROLES.filter((r) => profileQuestion(def, r))
  const structure = structureOf(def, state.values)
  const title = t('surveys.weighting.title')
  const unit = state.values.unit === 'shares' ? 'shares' : 'totals'
  const text = (name: string) => (typeof state.values[name] === 'string' ? (state.values[name] as string) : '')
  return (
    <Layout title={`${title} — ${campaign.title}`} breadcrumb={[{ label: t('surveys.list.title'), href: '/enquetes' }, { label: campaign.title, href: `/campagnes/${campaign.id}` }, { label: title }]}>
      <h1>{title}</h1>
      <p class="lead">{t('surveys.weighting.intro', { n })}</p>
      {active ? <WeightingDiagnostics summary={active.summary} settings={active.settings} /> : <p>{t('surveys.campaign.notWeighted')}</p>}
      <h2>{t('surveys.weighting.formTitle')}</h2>
      <ul class="actions">
        {PRESET_KEYS.map((key) => (
          <li>
            <a class="button button-secondary" href={`/campagnes/${campaign.id}/redressement?preset=${key}`}>
              {t(`surveys.preset.${key}`)}
            </a>
          </li>
        ))}
      </ul>
      <p class="hint">{t('surveys.preset.hint')}</p>
      {preset.problem ? <p class="notice notice-info">{t(preset.problem)}</p> : null}
      {preset.missing.length > 0 ? (
        <div class="notice notice-info" role="note">
          <p>{t('surveys.preset.missingFigures')}</p>
          <ul>
            {preset.missing.map((m) => (
              <li>
                <strong>{m.label}</strong> ({rolesLabel(t, m.roles.join('*'))}) : {m.reason}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {roles.length === 0 ? (
        <p class="notice notice-info">{t('surveys.weighting.noProfile')}</p>
      ) : (
        <form method="post" action={`/campagnes/${campaign.id}/redressement`} class="form weighting-form" noValidate>
          <ErrorSummary errors={state.errors} />
          <input type="hidden" name="_csrf" value={csrfToken()} />
          <input type="hidden" name="preset" value={text('preset')} />
          <fieldset class="field" id="champ-structure" tabIndex={-1}>
            <legend>{t('surveys.weighting.structure')}</legend>
            <p class="hint">{t('surveys.weighting.structureHint')}</p>
            {roles.map((role) => (
              <div class="field inline-field">
                <label for={`group-${role}`}>{roleLabel(t, role)}</label>{' '}
                <select id={`group-${role}`} name={`group_${role}`}>
                  <option value="">{t('surveys.weighting.notUsed')}</option>
                  {[1, 2, 3, 4].map((g) => (
                    <option value={String(g)} selected={state.values[`group_${role}`] === String(g)}>
                      {t('surveys.weighting.margin', { number: g })}
                    </option>
                  ))}
                </select>
              </div>
            ))}
            <button type="submit" name="op" value="refresh" class="button button-small button-secondary">
              {t('surveys.weighting.refresh')}
            </button>
          </fieldset>
          <fieldset class="field">
            <legend>{t('surveys.weighting.unit')}</legend>
            {(['totals', 'shares'] as const).map((u) => (
              <div class="radio">
                <input type="radio" id={`unit-${u}`} name="unit" value={u} checked={unit === u} />
                <label for={`unit-${u}`}>{t(`surveys.weighting.unit.${u}`)}</label>
              </div>
            ))}
          </fieldset>
          <TextInput name="base" label={t('surveys.weighting.base')} hint={t('surveys.weighting.baseHint')} state={state} />
          <TextInput name="base_label" label={t('surveys.weighting.baseLabel')} hint={t('surveys.weighting.baseLabelHint')} state={state} />
          <TextInput name="source" label={t('surveys.weighting.source')} hint={t('surveys.weighting.sourceHint')} state={state} multiline />
          {structure.map((m) => (
            <MarginInputs def={def} roles={m} values={state.values} errors={state.errors} />
          ))}
          <fieldset class="field">
            <legend>{t('surveys.weighting.options')}</legend>
            <p class="hint">{t('surveys.weighting.boundsHint')}</p>
            <TextInput name="bounds_low" label={t('surveys.weighting.boundsLow')} state={state} />
            <TextInput name="bounds_high" label={t('surveys.weighting.boundsHigh')} state={state} />
            <p class="hint">{t('surveys.weighting.trimHint')}</p>
            <TextInput name="trim_low" label={t('surveys.weighting.trimLow')} state={state} />
            <TextInput name="trim_high" label={t('surveys.weighting.trimHigh')} state={state} />
          </fieldset>
          <div class="form-actions">
            <button type="submit" name="op" value="apply" class="button">
              {t('surveys.weighting.apply')}
            </button>
          </div>
        </form>
      )}
    </Layout>
  )
}

/** A plain labelled text input (or text area) reading its value and error from a form state (outside the core Form). */
function TextInput({ name, label, hint, state, multiline }: { name: string; label: string; hint?: string; state: FormState; multiline?: boolean }) {
  const { t } = useView()
  const id = `champ-${name.replace(/[^a-zA-Z0-9_-]/g, '-')}`
  const problem = state.errors.find((e) => e.field === name)
  const raw = state.values[name]
  const described = [hint ? `${id}-hint` : '', problem ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined
  return (
    <div class={problem ? 'field field-has-error' : 'field'}>
      <label for={id}>{label}</label>
      {hint ? (
        <p class="hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      {problem ? (
        <p class="field-error" id={`${id}-error`}>
          {t(problem.message, problem.params)}
        </p>
      ) : null}
      {multiline ? (
        <textarea id={id} name={name} rows={5} maxLength={SOURCE_MAX} aria-invalid={problem ? 'true' : undefined} aria-describedby={described}>
          {typeof raw === 'string' ? raw : ''}
        </textarea>
      ) : (
        <input id={id} name={name} type="text" value={typeof raw === 'string' ? raw : ''} maxLength={200} aria-invalid={problem ? 'true' : undefined} aria-describedby={described} />
      )}
    </div>
  )
}

