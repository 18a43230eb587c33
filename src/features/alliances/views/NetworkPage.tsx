/**
 * The network of a territory (`/alliances/territoires/:kind/:code/reseau`): the organisations linked by the
 * alliances located in it and by their partnerships, drawn and tabled. Its own page, so that the territory page
 * does not pay for the network's queries on every view.
 */
import { useView } from '../../../core/views/context.js'
import { Layout } from '../../../core/views/Layout.js'
import type { Territory } from '../../territories/index.js'
import { NetworkFigure, type NetworkSelection } from './NetworkFigure.js'

/** The territory's name as the network's caption gives it (with its code for communes and départements). */
export function territoryCaption(territory: Territory): string {
  return territory.kind === 'commune' || territory.kind === 'departement' ? `${territory.name} (${territory.code})` : territory.name
}

export function NetworkPage({ territory, network }: { territory: Territory; network: NetworkSelection }) {
  const { t } = useView()
  const name = territoryCaption(territory)
  const territoryHref = `/territoires/${territory.kind}/${territory.code}`
  return (
    <Layout
      title={t('alliances.network.pageTitle', { territory: name })}
      description={t('alliances.network.intro')}
      breadcrumb={[{ label: name, href: territoryHref }, { label: t('alliances.network.title') }]}
    >
      <h1>{t('alliances.network.pageTitle', { territory: name })}</h1>
      <p class="lead">{t('alliances.network.intro')}</p>
      {network.layout.nodes.length > 0 ? <NetworkFigure selection={network} territoryName={name} /> : <p>{t('alliances.network.empty')}</p>}
      <p>
        <a href={`/alliances?territoire=${encodeURIComponent(territory.id)}`}>{t('alliances.network.directory')}</a>
      </p>
    </Layout>
  )
}
