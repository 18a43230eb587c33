/**
 * The mark of invented data next to what it concerns: fictional demonstration objects (the default wording), or
 * another kind of invented data when `label` names it (a survey's synthetic responses). Colour is not the only
 * carrier: the badge says it in words.
 */
import { useView } from './context.js'

export function DemoBadge({ label }: { label?: string }) {
  const { t } = useView()
  return <span class="badge badge-demo">{label ?? t('layout.demo.badge')}</span>
}
