/**
 * The valuation section of an organisation's page: for its members only, links to the exports of what the
 * organisation gave (CSR report) and, for an association or a foundation, received (contributions in kind).
 */
import type { FastifyInstance } from 'fastify'
import { isMemberOf } from '../../core/access/actor.js'
import { useView } from '../../core/views/context.js'
import type { OrganisationSection } from '../organisations/index.js'

function ValuationSection({ organisationId }: { organisationId: string }) {
  const { t } = useView()
  return (
    <section aria-labelledby="valorisation">
      <h2 id="valorisation">{t('valuation.exports.section')}</h2>
      <p>{t('valuation.exports.intro')}</p>
      <p>
        <a href={`/valorisation/organisations/${organisationId}`}>{t('valuation.exports.open')}</a>
      </p>
    </section>
  )
}

export function organisationValuationSection(_app: FastifyInstance): OrganisationSection {
  return {
    id: 'valorisation',
    async render(organisation, request) {
      return isMemberOf(request.actor, organisation.id) ? <ValuationSection organisationId={organisation.id} /> : null
    },
  }
}
