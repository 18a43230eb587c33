/**
 * The page of a meeting: when (Paris time) and where, organiser, audience sought with its seats per world,
 * registration (or the waiting list and one's rank), the organisers' tools, and once held: the minutes and
 * decisions, "whom I met", the feedback survey and the new links. Carries the meeting as schema.org JSON-LD.
 */
import { DemoBadge } from '../../../../core/views/DemoBadge.js'
import { useView } from '../../../../core/views/context.js'
import { Form, SelectField, type FormState } from '../../../../core/views/forms.js'
import { Layout } from '../../../../core/views/Layout.js'
import { TermLink } from '../../../vocabulary/index.js'
import { formatMeetingTime } from '../../paris-time.js'
import { OPEN_SEATS } from '../meetings.codes.js'
import { locationOf, type MeetingDetails } from '../meetings.queries.js'
import type { RegistrationResult } from '../registrations.service.js'
import { translateLabel } from '../../../../core/i18n/index.js'
import { MEETING_KIND_LABELS } from '../../views/labels.js'

export interface MeetingPageProps {
  meeting: MeetingDetails
  seats: Array<{ bucket: string; seats: number; taken: number }>
  registration: (RegistrationResult & { organisation_id: string | null }) | null
  organisations: Array<{ value: string; label: string }>
  organiser: boolean
  held: boolean
  jsonLd: string
  state: FormState
  linkedAlliances: Array<{ id: string; name: string }>
}

export function MeetingPage(p: MeetingPageProps) {
  const { t, locale, user, path } = useView()
  const m = p.meeting
  const base = `/rencontres/${m.id}`
  const where = locationOf(m)
  const cancelled = m.status === 'annulee'
  return (
    <Layout title={m.title} breadcrumb={[{ label: t('catalysis.meetings.title'), href: '/rencontres' }, { label: m.title }]}>
      <script type="application/ld+json" dangerouslySetInnerHTML={{ __html: p.jsonLd }} />
      <h1>
        {m.title} {m.is_demo === 1 ? <DemoBadge /> : null}
      </h1>
      {cancelled ? <p class="notice notice-info">{t('catalysis.meeting.cancelledNotice')}</p> : null}
      <dl class="facts">
        <div>
          <dt>{t('catalysis.meeting.kind')}</dt>
          <dd>{translateLabel(t, MEETING_KIND_LABELS, m.kind)}</dd>
        </div>
        <div>
          <dt>{t('catalysis.meeting.when')}</dt>
          <dd>
            <time dateTime={m.starts_at}>{formatMeetingTime(locale, m.starts_at, m.ends_at)}</time> {t('catalysis.meeting.parisTime')}
          </dd>
        </div>
        <div>
          <dt>{t('catalysis.meeting.where')}</dt>
          <dd>
            {m.place_id ? <a href={`/lieux/${m.place_id}`}>{where}</a> : (where ?? t('catalysis.meeting.onlineOnly'))}
            {m.online_url ? (
              <>
                {where ? ' · ' : ' '}
                <a href={m.online_url} rel="noopener noreferrer">
                  {t('catalysis.meeting.onlineLink')}
                </a>
              </>
            ) : null}
          </dd>
        </div>
        <div>
          <dt>{t('catalysis.meeting.organiser')}</dt>
          <dd>{m.space_id ? <a href={`/espaces/${m.space_id}`}>{m.space_name}</a> : <a href={`/acteurs/${m.organisation_id}`}>{m.organisation_name}</a>}</dd>
        </div>
        <div>
          <dt>{t('catalysis.meeting.access')}</dt>
          <dd>{t(`catalysis.meeting.visibility.${m.visibility}`)}</dd>
        </div>
      </dl>
      {m.description ? <p>{m.description}</p> : null}

      <section aria-labelledby="places">
        <h2 id="places">{t('catalysis.meeting.audience')}</h2>
        <p>{t('catalysis.meeting.seatsLine', { registered: m.registered_count, capacity: m.capacity, waiting: m.waiting_count })}</p>
        {p.seats.some((s) => s.bucket !== OPEN_SEATS) ? (
          <ul>
            {p.seats
              .filter((s) => s.seats > 0 || s.bucket !== OPEN_SEATS)
              .map((s) => (
                <li>
                  {s.bucket === OPEN_SEATS ? t('catalysis.meeting.openSeats') : <TermLink kind="world" code={s.bucket} />} : {t('catalysis.meeting.bucketLine', { taken: s.taken, seats: s.seats })}
                </li>
              ))}
          </ul>
        ) : null}
        <p>
          <a href={`${base}/calendrier.ics`} type="text/calendar">
            {t('catalysis.ical.meeting')}
          </a>
        </p>
      </section>

      {!p.held && !cancelled ? (
        <section aria-labelledby="inscription">
          <h2 id="inscription">{t('catalysis.registration.title')}</h2>
          {!user ? (
            <p>
              <a href={`/connexion?retour=${encodeURIComponent(path)}`}>{t('catalysis.registration.signIn')}</a>
            </p>
          ) : p.registration ? (
            <>
              <p class="notice notice-info">{p.registration.status === 'inscrit' ? t('catalysis.registration.registered') : t('catalysis.registration.waiting', { position: p.registration.position ?? 0 })}</p>
              <Form action={`${base}/desinscription`} submitLabel={p.registration.status === 'inscrit' ? t('catalysis.registration.cancel') : t('catalysis.registration.leaveQueue')}>
                {null}
              </Form>
            </>
          ) : (
            <Form action={`${base}/inscription`} state={p.state} submitLabel={m.registered_count >= m.capacity ? t('catalysis.registration.joinQueue') : t('catalysis.registration.submit')}>
              <SelectField name="organisation_id" label={t('catalysis.registration.as')} hint={t('catalysis.registration.asHint')} options={p.organisations} placeholder={t('catalysis.registration.ownName')} />
            </Form>
          )}
        </section>
      ) : null}

      {p.organiser ? (
        <section aria-labelledby="organiser">
          <h2 id="organiser">{t('catalysis.meeting.organiserTools')}</h2>
          <ul class="actions">
            <li>
              <a href={`${base}/modifier`}>{t('catalysis.meeting.edit')}</a>
            </li>
            <li>
              <a href={`${base}/invitations`}>{t('catalysis.invitations.title')}</a>
            </li>
            <li>
              <a href={`${base}/presences`}>{t('catalysis.attendance.title')}</a>
            </li>
            {p.held ? (
              <li>
                <a href={`${base}/compte-rendu`}>{t('catalysis.minutes.write')}</a>
              </li>
            ) : null}
          </ul>
          {p.held && !m.feedback_campaign_id ? (
            <Form action={`${base}/questionnaire`} submitLabel={t('catalysis.feedback.launch')}>
              <p class="hint">{t('catalysis.feedback.hint')}</p>
            </Form>
          ) : null}
          {!p.held && !cancelled ? (
            <Form action={`${base}/annuler`} submitLabel={t('catalysis.meeting.cancel')} class="inline-form danger">
              {null}
            </Form>
          ) : null}
        </section>
      ) : null}

      {p.held ? (
        <section aria-labelledby="apres">
          <h2 id="apres">{t('catalysis.meeting.after')}</h2>
          {m.minutes ? (
            <>
              <h3>{t('catalysis.minutes.title')}</h3>
              <p class="preserve-lines">{m.minutes}</p>
              {m.decisions ? (
                <>
                  <h3>{t('catalysis.minutes.decisions')}</h3>
                  <p class="preserve-lines">{m.decisions}</p>
                </>
              ) : null}
              {p.linkedAlliances.length > 0 ? (
                <p>
                  {t('catalysis.minutes.inJournals')}{' '}
                  {p.linkedAlliances.map((a, i) => (
                    <>
                      {i > 0 ? ', ' : ''}
                      <a href={`/alliances/${a.id}/journal`}>{a.name}</a>
                    </>
                  ))}
                </p>
              ) : null}
            </>
          ) : (
            <p>{t('catalysis.minutes.none')}</p>
          )}
          <p>{t('catalysis.meeting.attendanceLine', { present: m.present_count, registered: m.registered_count })}</p>
          <ul class="actions">
            {p.registration?.status === 'inscrit' || p.organiser ? (
              <li>
                <a href={`${base}/suites`} class="button">
                  {t('catalysis.followUp.link')}
                </a>
              </li>
            ) : null}
            {m.feedback_campaign_id ? (
              <li>
                <a href={`/repondre/${m.feedback_campaign_id}`}>{t('catalysis.feedback.answer')}</a>
              </li>
            ) : null}
            <li>
              <a href={`${base}/liens`}>{t('catalysis.links.meetingLink')}</a>
            </li>
          </ul>
        </section>
      ) : null}
    </Layout>
  )
}
