/**
 * Small pieces shared by the catalysis pages: a meeting line, the demo badge, a definition list of figures, an
 * organisation with its world, the notice of ignored filters.
 */
import type { ComponentChildren } from 'preact'
import type { FieldProblem } from '../../../core/errors.js'
import { formatNumber, translateLabel } from '../../../core/i18n/index.js'
import { useView } from '../../../core/views/context.js'
import { TermLink } from '../../vocabulary/index.js'
import type { MeetingDetails } from '../meetings/meetings.queries.js'
import { formatMeetingTime } from '../paris-time.js'
import { MEETING_KIND_LABELS } from './labels.js'

/** A list of meetings: title (link), kind, date and place, and (unless `seats` is false) the seats taken. */
export function MeetingList({ meetings, empty, seats = true }: { meetings: MeetingDetails[]; empty: string; seats?: boolean }) {
  const { t, locale } = useView()
  if (meetings.length === 0) return <p>{empty}</p>
  return (
    <ul class="card-list">
      {meetings.map((m) => (
        <li class="card">
          <h3 class="card-title">
            <a href={`/rencontres/${m.id}`}>{m.title}</a>
          </h3>
          <p class="card-meta">
            {translateLabel(t, MEETING_KIND_LABELS, m.kind)} · <time dateTime={m.starts_at}>{formatMeetingTime(locale, m.starts_at, m.ends_at)}</time> · {m.place_name ?? m.territory_name}
            {m.status === 'annulee' ? <strong> · {t('catalysis.meeting.cancelled')}</strong> : null}
            {m.visibility === 'invitation' ? <span class="badge"> {t('catalysis.meeting.invitationOnly')}</span> : null}
          </p>
          {seats ? <p class="card-meta">{t('catalysis.meeting.seatsLine', { registered: m.registered_count, capacity: m.capacity, waiting: m.waiting_count })}</p> : null}
        </li>
      ))}
    </ul>
  )
}

/** Figures as a definition list (label → number). */
export function Figures({ items }: { items: Array<{ label: ComponentChildren; value: number }> }) {
  const { locale } = useView()
  return (
    <dl class="figures">
      {items.map((i) => (
        <div>
          <dt>{i.label}</dt>
          <dd>{formatNumber(locale, i.value)}</dd>
        </div>
      ))}
    </dl>
  )
}

/** An organisation with its world. */
export function OrganisationWithWorld({ id, name, world }: { id: string; name: string; world: string }) {
  return (
    <>
      <a href={`/acteurs/${id}`}>{name}</a> (<TermLink kind="world" code={world} />)
    </>
  )
}

/**
 * Says which parameters of the address were ignored (an invalid filter is dropped, the valid ones kept): for
 * pages whose parameters have no form field to carry the message (a year chosen by a link).
 */
export function IgnoredFilters({ problems }: { problems: FieldProblem[] }) {
  const { t } = useView()
  if (problems.length === 0) return null
  return (
    <div class="notice notice-info" role="status">
      <ul>
        {problems.map((p) => (
          <li>{t('catalysis.filter.ignored', { name: p.field, problem: t(p.message, p.params) })}</li>
        ))}
      </ul>
    </div>
  )
}
