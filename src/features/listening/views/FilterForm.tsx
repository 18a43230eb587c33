/**
 * The filter form shared by `/besoins`, `/ressources` and `/recherche` (GET): words, territory, field, SDG,
 * kind of contribution, world, status. A filter the page could not read is dropped, the others kept, and a
 * notice above the form names it and says why, so that the person sees what did not apply.
 */
import type { FieldProblem } from '../../../core/errors.js'
import type { MessageKey } from '../../../core/i18n/index.js'
import { useView } from '../../../core/views/context.js'
import { Form, SelectField, TextField, type FormValues } from '../../../core/views/forms.js'
import { termOptions } from '../../vocabulary/index.js'
import { NEED_STATUSES, RESOURCE_STATUSES } from '../listening.codes.js'
import { needStatusKey, resourceStatusKey } from './labels.js'

/** What each filter is called on the form (to name an ignored one). */
const FILTER_LABELS: Record<string, MessageKey> = {
  q: 'listening.search.q',
  type: 'listening.search.kind',
  lieu: 'listening.search.place',
  territoire: 'listening.search.place',
  domaine: 'listening.field.domain',
  odd: 'listening.dashboard.sdg',
  contribution: 'listening.field.type',
  monde: 'listening.search.world',
  statut: 'listening.search.status',
  page: 'listening.search.page',
}

/** The filters as the form shows them again (numbers as text; dropped filters absent). */
export function filterValues(query: Record<string, unknown>): FormValues {
  const values: FormValues = {}
  for (const [key, value] of Object.entries(query)) if (typeof value === 'string' || typeof value === 'number') values[key] = String(value)
  return values
}

/** The filters that were dropped, each named with the reason (nothing when every filter applied). */
function IgnoredFilters({ ignored }: { ignored: FieldProblem[] }) {
  const { t } = useView()
  if (ignored.length === 0) return null
  return (
    <div class="notice notice-info" role="status">
      <p>{t('listening.search.ignored', { count: ignored.length })}</p>
      <ul>
        {ignored.map((p) => (
          <li>{t('listening.search.ignoredFilter', { filter: t(FILTER_LABELS[p.field] ?? 'listening.search.filter'), reason: t(p.message, p.params) })}</li>
        ))}
      </ul>
    </div>
  )
}

export function FilterForm({ action, values, kind, ignored }: { action: string; values: FormValues; kind: 'needs' | 'resources' | 'all'; ignored: FieldProblem[] }) {
  const { t, locale } = useView()
  const statuses =
    kind === 'needs'
      ? NEED_STATUSES.map((s) => ({ value: s, label: t(needStatusKey(s)) }))
      : kind === 'resources'
        ? RESOURCE_STATUSES.map((s) => ({ value: s, label: t(resourceStatusKey(s)) }))
        : []
  return (
    <>
    <IgnoredFilters ignored={ignored} />
    <Form action={action} method="get" state={{ values, errors: [] }} submitLabel={t('listening.search.submit')} class="filters">
      <div class="filter-grid">
        <TextField name="q" label={t('listening.search.q')} type="search" maxLength={100} />
        {kind === 'all' ? (
          <SelectField
            name="type"
            label={t('listening.search.kind')}
            options={[
              { value: 'tout', label: t('listening.search.all') },
              { value: 'besoins', label: t('listening.search.needs') },
              { value: 'ressources', label: t('listening.search.resources') },
              { value: 'acteurs', label: t('listening.search.actors') },
            ]}
          />
        ) : null}
        <TextField name="lieu" label={t('listening.search.place')} hint={t('listening.search.placeHint')} maxLength={100} />
        <SelectField name="domaine" label={t('listening.field.domain')} options={termOptions('domain', locale)} placeholder={t('listening.search.anyDomain')} />
        <SelectField name="odd" label={t('listening.dashboard.sdg')} options={termOptions('sdg', locale)} placeholder={t('listening.search.anySdg')} />
        <SelectField name="contribution" label={t('listening.field.type')} options={termOptions('contribution_type', locale)} placeholder={t('listening.search.anyType')} />
        <SelectField name="monde" label={t('listening.search.world')} options={termOptions('world', locale)} placeholder={t('listening.search.anyWorld')} />
        {statuses.length > 0 ? <SelectField name="statut" label={t('listening.search.status')} options={statuses} placeholder={t('listening.search.anyStatus')} /> : null}
      </div>
      {typeof values.territoire === 'string' && values.territoire !== '' ? <input type="hidden" name="territoire" value={values.territoire} /> : null}
    </Form>
    </>
  )
}
