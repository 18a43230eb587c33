/**
 * The public page of a territory space: mission, perimeter, team, trades; the 4 × 4 grid of the selected year
 * as a heat table and the timeline of its activities; the dashboard of the perimeter; meetings, places and
 * (for its team and participants) dialogues; links to the yearly report, the calendar feed and the new links.
 */
import { DemoBadge } from '../../../../core/views/DemoBadge.js'
import type { FieldProblem } from '../../../../core/errors.js'
import { formatNumber, translateLabel } from '../../../../core/i18n/index.js'
import { useView } from '../../../../core/views/context.js'
import { Layout } from '../../../../core/views/Layout.js'
import { TermLink, TermList } from '../../../vocabulary/index.js'
import type { TimelineActivity } from '../../activities/activities.queries.js'
import type { GridCell } from '../../activities/activities.queries.js'
import type { MeetingDetails } from '../../meetings/meetings.queries.js'
import type { PlaceDetails } from '../../places/places.queries.js'
import { formatMeetingTime } from '../../paris-time.js'
import { Figures, IgnoredFilters, MeetingList, OrganisationWithWorld } from '../../views/common.js'
import { GridHeatTable } from '../../views/GridHeatTable.js'
import type { Dashboard } from '../dashboard.queries.js'
import { tradesOf, type SpaceDetails } from '../spaces.queries.js'
import { Timeline } from './Timeline.js'
import { DIALOGUE_STATUS_LABELS, PLACE_KIND_LABELS } from '../../views/labels.js'

export interface SpacePageProps {
  details: SpaceDetails
  years: Array<{ year: number; count: number }>
  year: number
  grid: GridCell[]
  activities: TimelineActivity[]
  dashboard: Dashboard
  upcoming: MeetingDetails[]
  past: MeetingDetails[]
  places: { total: number; rows: PlaceDetails[] }
  dialogues: Array<{ id: string; title: string; status: string }>
  can: { admin: boolean; team: boolean }
  /** parameters of the address that were ignored (an invalid year) */
  problems: FieldProblem[]
}

export function SpacePage(p: SpacePageProps) {
  const { t, locale } = useView()
  const s = p.details.space
  const d = p.dashboard
  const base = `/espaces/${s.id}`
  return (
    <Layout title={s.name} breadcrumb={[{ label: t('catalysis.spaces.title'), href: '/espaces' }, { label: s.name }]}>
      <h1>
        {s.name} {s.is_demo === 1 ? <DemoBadge /> : null}
      </h1>
      <IgnoredFilters problems={p.problems} />
      <p class="lead">{s.mission}</p>
      <dl class="facts">
        <div>
          <dt>{t('catalysis.space.animatedBy')}</dt>
          <dd>
            <OrganisationWithWorld {...p.details.organisation} />
          </dd>
        </div>
        <div>
          <dt>{t('catalysis.space.perimeter')}</dt>
          <dd>
            {p.details.territories.map((tr, i) => (
              <>
                {i > 0 ? ', ' : ''}
                <a href={`/territoires/${tr.kind}/${tr.code}`}>{tr.name}</a>
              </>
            ))}
          </dd>
        </div>
        <div>
          <dt>{t('catalysis.space.trades')}</dt>
          <dd>
            <TermList kind="catalysis_trade" codes={tradesOf(s.trade_mask)} />
          </dd>
        </div>
        <div>
          <dt>{t('catalysis.space.coanimators')}</dt>
          <dd>
            {p.details.coanimators.filter((c) => c.status === 'active').length === 0
              ? t('catalysis.space.noCoanimator')
              : p.details.coanimators
                  .filter((c) => c.status === 'active')
                  .map((c, i) => (
                    <>
                      {i > 0 ? ', ' : ''}
                      <OrganisationWithWorld id={c.organisation_id} name={c.name} world={c.world} />
                    </>
                  ))}
          </dd>
        </div>
      </dl>
      <ul class="actions">
        {p.can.admin ? (
          <li>
            <a href={`${base}/modifier`}>{t('catalysis.space.edit')}</a>
          </li>
        ) : null}
        <li>
          <a href={`${base}/equipe`}>{t('catalysis.space.team')}</a>
        </li>
        {p.can.team ? (
          <>
            <li>
              <a href={`${base}/activites/nouvelle`} class="button">
                {t('catalysis.activity.new')}
              </a>
            </li>
            <li>
              <a href={`/rencontres/nouvelle?espace=${s.id}`}>{t('catalysis.meeting.new')}</a>
            </li>
            <li>
              <a href={`${base}/dialogues/nouveau`}>{t('catalysis.dialogue.new')}</a>
            </li>
          </>
        ) : null}
        <li>
          <a href={`${base}/rapport/${p.year}`}>{t('catalysis.report.link', { year: String(p.year) })}</a>
        </li>
        <li>
          <a href={`${base}/liens`}>{t('catalysis.links.spaceLink')}</a>
        </li>
        <li>
          <a href={`${base}/calendrier.ics`} type="text/calendar">
            {t('catalysis.ical.spaceFeed')}
          </a>
        </li>
      </ul>

      <section aria-labelledby="grille">
        <h2 id="grille">{t('catalysis.grid.title')}</h2>
        {p.years.length > 1 ? (
          <nav aria-label={t('catalysis.grid.years')}>
            <ul class="inline-list">
              {p.years.map((y) => (
                <li>{y.year === p.year ? <span aria-current="true">{String(y.year)}</span> : <a href={`${base}?annee=${y.year}#grille`}>{String(y.year)}</a>}</li>
              ))}
            </ul>
          </nav>
        ) : null}
        <GridHeatTable cells={p.grid} year={p.year} />
      </section>

      <section aria-labelledby="frise">
        <h2 id="frise">{t('catalysis.timeline.title', { year: String(p.year) })}</h2>
        <Timeline activities={p.activities} spaceId={s.id} editable={p.can.team} />
      </section>

      <section aria-labelledby="tableau">
        <h2 id="tableau">{t('catalysis.dashboard.title')}</h2>
        <p>
          {t('catalysis.dashboard.intro')} {t('catalysis.dashboard.computedAt', { time: formatMeetingTime(locale, d.computedAt, d.computedAt).split(' – ')[0] ?? '' })}
        </p>
        <h3>{t('catalysis.dashboard.listening')}</h3>
        <Figures
          items={[
            { label: t('catalysis.dashboard.needsOpen'), value: (d.needs.ouvert ?? 0) + (d.needs.en_discussion ?? 0) },
            { label: t('catalysis.dashboard.needsCovered'), value: d.needs.couvert ?? 0 },
            { label: t('catalysis.dashboard.orphans'), value: d.orphanNeeds },
            { label: t('catalysis.dashboard.resources'), value: d.resources.reduce((s2, r) => s2 + r.n, 0) },
            { label: t('catalysis.dashboard.connections'), value: Object.values(d.connections).reduce((s2, n) => s2 + n, 0) },
            { label: t('catalysis.dashboard.connectionsAccepted'), value: d.connections.acceptee ?? 0 },
          ]}
        />
        <h3>{t('catalysis.dashboard.alliances')}</h3>
        {d.alliances.length === 0 ? (
          <p>{t('catalysis.dashboard.noAlliance')}</p>
        ) : (
          <ul class="world-counts">
            {d.alliances.map((a) => (
              <li>
                <TermLink kind="alliance_phase" code={a.code} /> : {formatNumber(locale, a.n)}
              </li>
            ))}
          </ul>
        )}
        <h3>{t('catalysis.dashboard.studiesAndMeetings')}</h3>
        <Figures
          items={[
            { label: t('catalysis.dashboard.campaigns'), value: d.campaigns },
            { label: t('catalysis.dashboard.studies'), value: d.studies },
            { label: t('catalysis.dashboard.meetingsPast'), value: d.meetings.past },
            { label: t('catalysis.dashboard.meetingsUpcoming'), value: d.meetings.upcoming },
            { label: t('catalysis.dashboard.participants'), value: d.meetings.participants },
            { label: t('catalysis.dashboard.places'), value: d.places },
          ]}
        />
      </section>

      <section aria-labelledby="rencontres">
        <h2 id="rencontres">{t('catalysis.space.meetings')}</h2>
        <h3>{t('catalysis.space.upcoming')}</h3>
        <MeetingList meetings={p.upcoming} empty={t('catalysis.space.noUpcoming')} />
        <h3>{t('catalysis.space.past')}</h3>
        <MeetingList meetings={p.past} empty={t('catalysis.space.noPast')} />
      </section>

      <section aria-labelledby="lieux">
        <h2 id="lieux">{t('catalysis.space.places', { count: p.places.total })}</h2>
        {p.places.rows.length === 0 ? (
          <p>{t('catalysis.space.noPlace')}</p>
        ) : (
          <ul class="inline-list">
            {p.places.rows.map((pl) => (
              <li>
                <a href={`/lieux/${pl.id}`}>{pl.name}</a> ({translateLabel(t, PLACE_KIND_LABELS, pl.kind)}, {pl.commune_name})
              </li>
            ))}
          </ul>
        )}
        <p>
          <a href={`/lieux?territoire=${p.details.territories[0]?.id ?? ''}`}>{t('catalysis.space.allPlaces')}</a>
        </p>
      </section>

      {p.dialogues.length > 0 ? (
        <section aria-labelledby="dialogues">
          <h2 id="dialogues">{t('catalysis.space.dialogues')}</h2>
          <ul>
            {p.dialogues.map((dl) => (
              <li>
                <a href={`/dialogues/${dl.id}`}>{dl.title}</a> — {translateLabel(t, DIALOGUE_STATUS_LABELS, dl.status)}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </Layout>
  )
}
