/** A finding of the diagnosis (its views, giving one's view, its priority) and the form to raise one. */
import { formatNumber, translateLabel } from '../../../../core/i18n/index.js'
import { useView } from '../../../../core/views/context.js'
import { CheckboxGroup, Form, SelectField, TextArea, TextField, type FormState } from '../../../../core/views/forms.js'
import { Layout } from '../../../../core/views/Layout.js'
import { termLabel, termOptions, TermLink } from '../../../vocabulary/index.js'
import { FINDING_KINDS, PRIORITIES } from '../dialogues.service.js'
import type { FindingWithViews } from '../dialogues.queries.js'
import { IMPORTANCE_LABELS } from '../../views/labels.js'

type Crumb = { dialogue: { id: string; title: string } }

export function NewFindingPage({ dialogue, speakFor, state }: Crumb & { speakFor: Array<{ value: string; label: string }>; state: FormState }) {
  const { t, locale } = useView()
  const title = t('catalysis.finding.raise')
  return (
    <Layout title={title} breadcrumb={[{ label: dialogue.title, href: `/dialogues/${dialogue.id}` }, { label: title }]}>
      <h1>{title}</h1>
      <p class="lead">{t('catalysis.diagnosis.intro')}</p>
      <Form action={`/dialogues/${dialogue.id}/constats`} state={state} submitLabel={t('catalysis.finding.raiseSubmit')}>
        <SelectField name="organisation_id" label={t('catalysis.finding.for')} required options={speakFor} />
        <SelectField name="kind" label={t('catalysis.finding.kind')} required options={FINDING_KINDS.map((k) => ({ value: k, label: t(`catalysis.finding.kind.${k}`) }))} />
        <TextField name="title" label={t('catalysis.finding.title')} required maxLength={200} />
        <TextArea name="description" label={t('catalysis.finding.description')} rows={3} maxLength={3000} />
        <SelectField name="domain" label={t('catalysis.finding.domain')} required options={termOptions('domain', locale)} />
        <CheckboxGroup name="sdgs" legend={t('catalysis.finding.sdgs')} options={termOptions('sdg', locale)} columns />
        <SelectField name="priority" label={t('catalysis.finding.priority')} required options={PRIORITIES.map((x) => ({ value: x, label: t(`catalysis.priority.${x}`) }))} />
      </Form>
    </Layout>
  )
}

export function FindingPage({ dialogue, finding, speakFor, canRun, state }: Crumb & { finding: FindingWithViews; speakFor: Array<{ value: string; label: string }>; canRun: boolean; state: FormState }) {
  const { t, locale } = useView()
  const base = `/dialogues/${dialogue.id}/constats/${finding.id}`
  return (
    <Layout title={finding.title} breadcrumb={[{ label: dialogue.title, href: `/dialogues/${dialogue.id}#diagnostic` }, { label: finding.title }]}>
      <h1>{finding.title}</h1>
      <p class="card-meta">
        {t(`catalysis.finding.kind.${finding.kind}`)} · {t(`catalysis.priority.${finding.priority}`)} · <TermLink kind="domain" code={finding.domain} /> · {t('catalysis.finding.raisedBy', { name: finding.organisation_name, world: termLabel('world', finding.world, locale) })}
      </p>
      {finding.description ? <p>{finding.description}</p> : null}
      <h2>{t('catalysis.finding.views', { count: finding.views.length })}</h2>
      {finding.views.length === 0 ? (
        <p>{t('catalysis.finding.noView')}</p>
      ) : (
        <ul>
          {finding.views.map((v) => (
            <li>
              {v.organisation_name} (<TermLink kind="world" code={v.world} />) : {translateLabel(t, IMPORTANCE_LABELS, v.importance)} ({formatNumber(locale, v.importance)}/4){v.comment ? ` — « ${v.comment} »` : ''}
            </li>
          ))}
        </ul>
      )}
      {speakFor.length > 0 ? (
        <>
          <h2>{t('catalysis.finding.giveView')}</h2>
          <Form action={`${base}/avis`} state={state} submitLabel={t('catalysis.finding.giveViewSubmit')}>
            <SelectField name="organisation_id" label={t('catalysis.finding.for')} required options={speakFor} />
            <SelectField name="importance" label={t('catalysis.finding.importanceLabel')} required options={Object.entries(IMPORTANCE_LABELS).map(([n, key]) => ({ value: n, label: t(key) }))} />
            <TextField name="comment" label={t('catalysis.finding.comment')} maxLength={2000} />
          </Form>
        </>
      ) : null}
      {canRun ? (
        <>
          <h2>{t('catalysis.finding.priority')}</h2>
          <Form action={`${base}/priorite`} state={{ values: { priority: finding.priority }, errors: [] }} submitLabel={t('catalysis.finding.setPriority')}>
            <SelectField name="priority" label={t('catalysis.finding.priority')} required options={PRIORITIES.map((x) => ({ value: x, label: t(`catalysis.priority.${x}`) }))} />
          </Form>
        </>
      ) : null}
    </Layout>
  )
}
