/** A short list of links to the platform's pages ("Sur la plateforme : les besoins, les ressources…"). */
import { useView } from '../../../core/views/context.js'
import type { MessageKey } from '../../../core/i18n/index.js'
import type { CapabilityLink } from '../home.capabilities.js'

/** The links after a lead-in (`intro`); nothing when there is no link. */
export function CapabilityLinks({ intro, links }: { intro: MessageKey; links: CapabilityLink[] }) {
  const { t } = useView()
  if (links.length === 0) return null
  return (
    <span class="capability-links">
      {' '}
      {t(intro)}{' '}
      {links.map((l, i) => (
        <>
          {i > 0 ? ', ' : null}
          <a href={l.href}>{t(l.label)}</a>
        </>
      ))}
      .
    </span>
  )
}
