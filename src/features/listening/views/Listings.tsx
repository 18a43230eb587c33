/**
 * Small views shared by the listening pages, the territory dashboard and the organisation profiles: lists of
 * needs and resources, status badges, amounts, the date of the last update.
 */
import { formatDate, formatNumber } from '../../../core/i18n/index.js'
import { useView } from '../../../core/views/context.js'
import { DemoBadge } from '../../organisations/index.js'
import { termLabel, TermLink } from '../../vocabulary/index.js'
import { NATIONAL, typesOf } from '../listening.codes.js'
import type { NeedRow, ResourceRow } from '../listening.queries.js'
import type { NeedStatus, ResourceStatus } from '../listening.table.js'
import { needStatusKey, resourceKindKey, resourceStatusKey } from './labels.js'

export function NeedStatusBadge({ status }: { status: NeedStatus }) {
  const { t } = useView()
  return <span class="badge badge-status">{t(needStatusKey(status))}</span>
}

export function ResourceStatusBadge({ status }: { status: ResourceStatus }) {
  const { t } = useView()
  return <span class="badge badge-status">{t(resourceStatusKey(status))}</span>
}

/** Needs with their status, domain, place, organisation and the kinds of help sought. */
export function NeedList({ rows }: { rows: NeedRow[] }) {
  const { t, locale } = useView()
  return (
    <ul class="listing-list">
      {rows.map((n) => (
        <li>
          <a class="listing-title" href={`/besoins/${n.id}`}>
            {n.title}
          </a>{' '}
          <NeedStatusBadge status={n.status} /> {n.is_demo ? <DemoBadge /> : null}
          <span class="listing-meta">
            <TermLink kind="domain" code={n.domain} /> · {t('listening.meta.in', { place: n.territory_name })} · {t('listening.meta.by', { name: n.organisation_name })} ·{' '}
            {typesOf(n.type_mask)
              .map((code) => termLabel('contribution_type', code, locale))
              .join(', ')}
          </span>
        </li>
      ))}
    </ul>
  )
}

/** Resources and wishes to engage with their status, kind of contribution, organisation and reach. */
export function ResourceList({ rows }: { rows: ResourceRow[] }) {
  const { t } = useView()
  return (
    <ul class="listing-list">
      {rows.map((r) => (
        <li>
          <a class="listing-title" href={`/ressources/${r.id}`}>
            {r.title}
          </a>{' '}
          <ResourceStatusBadge status={r.status} /> {r.is_demo ? <DemoBadge /> : null}
          <span class="listing-meta">
            {t(resourceKindKey(r.kind))} · <TermLink kind="contribution_type" code={r.contribution_type} /> · {t('listening.meta.by', { name: r.organisation_name })}
            {r.reach_territory_id === NATIONAL ? ` · ${t('listening.national')}` : null}
          </span>
        </li>
      ))}
    </ul>
  )
}

/** "de 1 000 à 5 000 €" from cents (either bound may be missing). */
export function AmountRange({ min, max }: { min: number | null; max: number | null }) {
  const { t, locale } = useView()
  const euros = (cents: number) => formatNumber(locale, Math.round(cents / 100))
  if (min !== null && max !== null) return <>{t('listening.detail.amount', { min: euros(min), max: euros(max) })}</>
  if (min !== null) return <>{t('listening.detail.amountFrom', { min: euros(min) })}</>
  if (max !== null) return <>{t('listening.detail.amountUpTo', { max: euros(max) })}</>
  return null
}

/** "mis à jour le 3 novembre 2026" (the day in Paris). */
export function UpdatedOn({ iso }: { iso: string }) {
  const { t, locale } = useView()
  return <>{t('listening.meta.updated', { date: formatDate(locale, iso) })}</>
}
