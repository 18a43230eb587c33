/**
 * The catalysis section of territory pages: the spaces whose perimeter meets the territory (catalysts at
 * work there), its upcoming public meetings and places, with links to the directories and the calendar feed.
 */
import type { FastifyInstance } from 'fastify'
import { useView } from '../../core/views/context.js'
import type { TerritorySection } from '../territories/index.js'
import { listMeetings, type MeetingDetails } from './meetings/meetings.queries.js'
import { placesInPerimeter } from './places/places.queries.js'
import { listSpaces, type SpaceListRow } from './spaces/spaces.queries.js'
import { MeetingList } from './views/common.js'

function CatalysisSection({ territory, spaces, meetings, places }: { territory: { id: string; kind: string; code: string; name: string }; spaces: { rows: SpaceListRow[]; total: number }; meetings: MeetingDetails[]; places: number }) {
  const { t } = useView()
  return (
    <section aria-labelledby="catalyse">
      <h2 id="catalyse">{t('catalysis.section.title')}</h2>
      <p>{t('catalysis.section.spaces', { count: spaces.total })}</p>
      {spaces.rows.length > 0 ? (
        <ul>
          {spaces.rows.map((s) => (
            <li>
              <a href={`/espaces/${s.id}`}>{s.name}</a> — {s.organisation_name}
            </li>
          ))}
        </ul>
      ) : null}
      <p>
        <a href={`/espaces?territoire=${territory.id}`}>{t('catalysis.section.allSpaces')}</a> · <a href={`/lieux?territoire=${territory.id}`}>{t('catalysis.section.places', { count: places })}</a> ·{' '}
        <a href={`/rencontres/territoires/${territory.kind}/${territory.code}/calendrier.ics`} type="text/calendar">
          {t('catalysis.ical.territoryFeed', { name: territory.name })}
        </a>
      </p>
      <h3>{t('catalysis.section.meetings')}</h3>
      <MeetingList meetings={meetings} empty={t('catalysis.meetings.none')} seats={false} />
    </section>
  )
}

export function territoryCatalysisSection(app: FastifyInstance): TerritorySection {
  return {
    id: 'catalyse',
    async render(territory) {
      const perimeter = [{ id: territory.id, kind: territory.kind }]
      const [spaces, meetings, places] = await Promise.all([
        listSpaces(app.db, { territoryId: territory.id }, 1, 5),
        listMeetings(app.db, { perimeter, from: new Date().toISOString() }, { limit: 5, order: 'asc' }),
        placesInPerimeter(app.db, perimeter, 0),
      ])
      if (spaces.total === 0 && meetings.length === 0 && places.total === 0) return null
      return <CatalysisSection territory={territory} spaces={spaces} meetings={meetings} places={places.total} />
    },
  }
}
