/** The reasons of a match's score in words, for the pages and the API. */
import type { Locale, Translate } from '../../../core/i18n/index.js'
import { useView } from '../../../core/views/context.js'
import { termLabel } from '../../vocabulary/index.js'
import type { Component } from '../matching/score.js'
import { reasonKey } from './labels.js'

/** The words of one score component, e.g. « Mécénat de compétences demandé et proposé ». Codes become labels. */
export function reasonText(c: Component, t: Translate, locale: Locale): string {
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
  return t(reasonKey(c.code), params)
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
