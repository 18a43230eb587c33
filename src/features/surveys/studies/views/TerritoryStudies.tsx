/**
 * The "studies" section of a territory page: studies published about this territory or a territory
 * inside it. Nothing is shown when there is none.
 */
import type { FastifyInstance } from 'fastify'
import { formatDate } from '../../../../core/i18n/index.js'
import { useView } from '../../../../core/views/context.js'
import type { TerritorySection } from '../../../territories/index.js'
import { listPublishedStudies, type PublishedStudyRow } from '../../surveys.queries.js'
import { SyntheticBadge } from '../../views/common.js'

function TerritoryStudies({ studies }: { studies: PublishedStudyRow[] }) {
  const { t, locale } = useView()
  return (
    <section aria-labelledby="etudes" class="territory-studies">
      <h2 id="etudes">{t('surveys.territory.title', { count: studies.length })}</h2>
      <ul>
        {studies.map((s) => (
          <li>
            <a href={`/etudes/${s.campaign_id}`}>{s.title}</a> <span class="muted">— {s.organisation_name}, {formatDate(locale, s.published_at)}</span>
            {s.is_synthetic ? (
              <>
                {' '}
                <SyntheticBadge />
              </>
            ) : null}
          </li>
        ))}
      </ul>
    </section>
  )
}

/** The section plugged into territory pages. */
export function territoryStudiesSection(app: FastifyInstance): TerritorySection {
  return {
    id: 'studies',
    async render(territory) {
      const studies = await listPublishedStudies(app.db, { insideTerritory: territory.id, limit: 10 })
      return studies.length === 0 ? null : <TerritoryStudies studies={studies} />
    },
  }
}
