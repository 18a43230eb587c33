/**
 * Small views shared by the listening pages, the territory dashboard and the organisation profiles:
 * lists of needs and resources, status badges, the words of a score, amounts.
 */
import { formatDate, formatNumber } from '../../core/i18n/index.js'
import { useView } from '../../core/views/context.js'
import { DemoBadge } from '../organisations/index.js'
import { termLabel, TermLink } from '../vocabulary/index.js'
import { NATIONAL, typesOf } from './listening.codes.js'
import type { Component } from './matching.js'
import type { NeedRow, ResourceRow } from './listening.queries.js'

export function NeedStatusBadge({ status }: { status: string }) {
  const { t } = useView()
  return <span class="badge badge-status">{t(`listening.needStatus.${status}`)}</span>
}

export function ResourceStatusBadge({ status }: { status: string }) {
  const { t } = useView()
  return <span class="badge badge-status">{t(`listening.resourceStatus.${status}`)}</span>
}

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
            {t(`listening.kind.${r.kind}`)} · <TermLink kind="contribution_type" code={r.contribution_type} /> · {t('listening.meta.by', { name: r.organisation_name })}
            {r.reach_territory_id === NATIONAL ? ` · ${t('listening.national')}` : null}
          </span>
        </li>
      ))}
    </ul>
  )
}

/** The words of one score component, e.g. « Mécénat de compétences demandé et proposé ». */
export function reasonText(c: Component, t: (key: string, params?: Record<string, string | number>) => string, locale: 'fr' | 'en'): string {
  const params: Record<string, string | number> = { ...c.params }
  if (c.code === 'type') params.type = termLabel('contribution_type', String(c.params.type), locale)
  if (c.code === 'domain') params.domain = termLabel('domain', String(c.params.domain), locale)
  if (c.code === 'world') {
    const short = (code: string) => {
      const label = termLabel('world', code, locale)
      return locale === 'fr' ? label.charAt(0).toLowerCase() + label.slice(1) : label
    }
    params.need = short(String(c.params.need))
    params.resource = short(String(c.params.resource))
  }
  return t(`listening.reason.${c.code}`, params)
}

export function Reasons({ components }: { components: Component[] }) {
  const { t, locale } = useView()
  return (
    <ul class="reasons">
      {components.map((c) => (
        <li>
          {reasonText(c, t, locale)} <span class="muted">({t('listening.reason.points', { points: c.points })})</span>
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

export function UpdatedOn({ iso }: { iso: string }) {
  const { t, locale } = useView()
  return <>{t('listening.meta.updated', { date: formatDate(locale, iso) })}</>
}
