/**
 * Pages of the alliance's indicators: each with its chart and table (values, baseline, target), the form with
 * which partners record a dated value with its source, the CSV export, and the form that defines or changes an
 * indicator (coordinators).
 */
import { formatDate, formatNumber } from '../../../core/i18n/index.js'
import { useView } from '../../../core/views/context.js'
import { Form, SelectField, TextArea, TextField, type FormState } from '../../../core/views/forms.js'
import { termLabel, termOptions } from '../../vocabulary/index.js'
import type { IndicatorWithValues } from '../indicators.js'
import { IndicatorChart } from './charts.js'
import { EvaluationPage } from './common.js'

export interface IndicatorsPageProps {
  alliance: { id: string; name: string }
  indicators: IndicatorWithValues[]
  /** organisations the reader records values for (empty: cannot record) */
  organisations: Array<{ value: string; label: string }>
  coordinate: boolean
  state: FormState
}

export function IndicatorsPage({ alliance, indicators, organisations, coordinate, state }: IndicatorsPageProps) {
  const { t, locale } = useView()
  const base = `/evaluation/${alliance.id}/indicateurs`
  return (
    <EvaluationPage alliance={alliance} title={t('evaluation.indicators.pageTitle', { name: alliance.name })} section={{ label: alliance.name, href: `/alliances/${alliance.id}` }}>
      <p class="lead">{t('evaluation.indicators.intro')}</p>
      <ul class="inline-links">
        <li><a href={`${base}.csv`}>{t('evaluation.indicators.csv')}</a></li>
        {coordinate ? <li><a href={`${base}/nouveau`}>{t('evaluation.indicators.new')}</a></li> : null}
      </ul>
      {indicators.length === 0 ? <p>{t('evaluation.indicators.none')}</p> : null}
      {indicators.map((i, n) => (
        <section aria-labelledby={`indicator-${n}`} class="indicator">
          <h2 id={`indicator-${n}`}>{i.name}</h2>
          <p class="hint">
            {t('evaluation.indicators.summary', { unit: i.unit, direction: termLabel('indicator_direction', i.direction, locale), source: i.source })}
            {i.sdg_target ? ` ${t('evaluation.indicators.sdgTarget', { target: i.sdg_target })}` : ''}
            {i.target_hundredths !== null && i.target_on ? ` ${t('evaluation.indicators.targetLine', { value: formatNumber(locale, i.target_hundredths / 100, 2), date: formatDate(locale, i.target_on) })}` : ''}
          </p>
          <IndicatorChart
            id={`indicator-chart-${n}`}
            title={t('evaluation.indicators.chartTitle', { name: i.name, unit: i.unit })}
            unit={i.unit}
            points={i.values.map((v) => ({ on: v.measured_on, value: v.value_hundredths / 100, source: v.source, by: v.organisation_name }))}
            baseline={i.baseline_hundredths !== null && i.baseline_on ? { on: i.baseline_on, value: i.baseline_hundredths / 100 } : null}
            target={i.target_hundredths !== null && i.target_on ? { on: i.target_on, value: i.target_hundredths / 100 } : null}
          />
          {coordinate ? (
            <p>
              <a href={`${base}/${i.id}/modifier`}>{t('evaluation.indicators.edit', { name: i.name })}</a>
            </p>
          ) : null}
        </section>
      ))}
      {organisations.length > 0 && indicators.length > 0 ? (
        <section aria-labelledby="record">
          <h2 id="record">{t('evaluation.indicators.record')}</h2>
          <Form action={`${base}/valeurs`} state={state} submitLabel={t('evaluation.indicators.recordSubmit')}>
            <SelectField name="indicator_id" label={t('evaluation.indicators.which')} required options={indicators.map((i) => ({ value: i.id, label: `${i.name} (${i.unit})` }))} />
            {organisations.length > 1 ? <SelectField name="organisation_id" label={t('evaluation.indicators.forOrganisation')} required options={organisations} /> : <input type="hidden" name="organisation_id" value={organisations[0]?.value ?? ''} />}
            <TextField name="measured_on" label={t('evaluation.indicators.date')} type="date" required />
            <TextField name="value" label={t('evaluation.indicators.valueField')} hint={t('evaluation.indicators.valueHint')} required maxLength={30} />
            <TextField name="source" label={t('evaluation.indicators.source')} hint={t('evaluation.indicators.sourceHint')} required maxLength={500} />
            <TextArea name="note" label={t('evaluation.indicators.note')} rows={2} maxLength={2000} />
          </Form>
        </section>
      ) : null}
    </EvaluationPage>
  )
}

/** Defining an indicator, or changing one (coordinators). */
export function IndicatorFormPage({ alliance, action, state, editing }: { alliance: { id: string; name: string }; action: string; state: FormState; editing: boolean }) {
  const { t, locale } = useView()
  return (
    <EvaluationPage alliance={alliance} title={editing ? t('evaluation.indicators.editTitle') : t('evaluation.indicators.new')} section={{ label: t('evaluation.indicators.title'), href: `/evaluation/${alliance.id}/indicateurs` }}>
      <Form action={action} state={state} submitLabel={editing ? t('evaluation.indicators.save') : t('evaluation.indicators.create')}>
        <TextField name="name" label={t('evaluation.indicators.name')} required maxLength={200} />
        <TextField name="unit" label={t('evaluation.indicators.unit')} hint={t('evaluation.indicators.unitHint')} required maxLength={50} />
        <SelectField name="direction" label={t('evaluation.indicators.direction')} required options={termOptions('indicator_direction', locale)} />
        <TextField name="baseline" label={t('evaluation.indicators.baseline')} hint={t('evaluation.indicators.valueHint')} maxLength={30} />
        <TextField name="baseline_on" label={t('evaluation.indicators.baselineOn')} type="date" />
        <TextField name="target" label={t('evaluation.indicators.target')} hint={t('evaluation.indicators.valueHint')} maxLength={30} />
        <TextField name="target_on" label={t('evaluation.indicators.targetOn')} type="date" />
        <TextField name="sdg_target" label={t('evaluation.indicators.sdgTargetField')} hint={t('evaluation.indicators.sdgTargetHint')} maxLength={6} />
        <TextField name="source" label={t('evaluation.indicators.source')} hint={t('evaluation.indicators.definitionSourceHint')} required maxLength={500} />
      </Form>
    </EvaluationPage>
  )
}
