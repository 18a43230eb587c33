/**
 * What listening shows on other features' pages: the listening dashboard of every territory page (open needs
 * by field and by SDG, available resources by kind of contribution, orphan needs — each an SVG bar chart with
 * its data table) and the needs and resources block of organisation profiles.
 */
import { BarChart } from '../../../core/views/charts.js'
import { useView } from '../../../core/views/context.js'
import type { Territory } from '../../territories/index.js'
import { termLabel, termsOf } from '../../vocabulary/index.js'
import type { Count, NeedRow, ResourceRow } from '../listening.queries.js'
import { NeedList, ResourceList } from './Listings.js'

interface DashboardData {
  byDomain: Count[]
  bySdg: Count[]
  byType: Count[]
  orphans: { rows: NeedRow[]; byDomain: Count[]; total: number }
}

const byValue = (a: { value: number; label: string }, b: { value: number; label: string }) => b.value - a.value || a.label.localeCompare(b.label)

export function ListeningDashboard({ territory, data }: { territory: Territory; data: DashboardData }) {
  const { t, locale, user } = useView()
  const inside = encodeURIComponent(territory.id)
  const openNeeds = data.byDomain.reduce((s, c) => s + c.n, 0)
  const resources = data.byType.reduce((s, c) => s + c.n, 0)
  const domainBars = (counts: Count[], status?: string) =>
    counts
      .map((c) => ({ label: termLabel('domain', c.code, locale), value: c.n, href: `/besoins?territoire=${inside}&domaine=${c.code}${status ? `&statut=${status}` : ''}` }))
      .sort(byValue)
  const sdgBars = data.bySdg
    .filter((c) => c.n > 0)
    .map((c) => ({ label: `${locale === 'fr' ? 'ODD' : 'SDG'} ${c.code} — ${termLabel('sdg', c.code, locale)}`, value: c.n, href: `/besoins?territoire=${inside}&odd=${c.code}` }))
    .sort(byValue)
  const order = termsOf('contribution_type').map((term) => term.code)
  const typeBars = data.byType
    .map((c) => ({ label: termLabel('contribution_type', c.code, locale), value: c.n, href: `/ressources?territoire=${inside}&contribution=${c.code}&statut=disponible`, order: order.indexOf(c.code) }))
    .sort(byValue)
  const id = (name: string) => `ecoute-${name}`
  return (
    <section aria-labelledby="ecoute" class="listening-dashboard">
      <h2 id="ecoute">{t('listening.dashboard.title')}</h2>
      <p>{t('listening.dashboard.intro', { needs: openNeeds, resources })}</p>
      <p>
        <a href={`/besoins?territoire=${inside}`}>{t('listening.dashboard.allNeeds')}</a> · <a href={`/ressources?territoire=${inside}`}>{t('listening.dashboard.allResources')}</a>
        {user ? (
          <>
            {' '}
            · <a href="/besoins/nouveau">{t('listening.dashboard.publish')}</a>
          </>
        ) : null}
      </p>
      <div class="dashboard-grid">
        <div>
          <h3>{t('listening.dashboard.byDomain')}</h3>
          <BarChart id={id('domaines')} title={t('listening.dashboard.byDomain')} labelHeader={t('listening.dashboard.domain')} valueHeader={t('listening.dashboard.openNeeds')} bars={domainBars(data.byDomain)} emptyText={t('listening.dashboard.empty')} />
        </div>
        <div>
          <h3>{t('listening.dashboard.bySdg')}</h3>
          <BarChart id={id('odd')} title={t('listening.dashboard.bySdg')} labelHeader={t('listening.dashboard.sdg')} valueHeader={t('listening.dashboard.openNeeds')} bars={sdgBars} emptyText={t('listening.dashboard.empty')} />
        </div>
        <div>
          <h3>{t('listening.dashboard.byType')}</h3>
          <BarChart id={id('contributions')} title={t('listening.dashboard.byType')} labelHeader={t('listening.dashboard.type')} valueHeader={t('listening.dashboard.resources')} bars={typeBars} emptyText={t('listening.dashboard.empty')} />
        </div>
        <div>
          <h3>{t('listening.dashboard.orphans')}</h3>
          <p class="muted">{t('listening.dashboard.orphansIntro')}</p>
          <BarChart id={id('orphelins')} title={t('listening.dashboard.orphans')} labelHeader={t('listening.dashboard.domain')} valueHeader={t('listening.dashboard.orphanNeeds')} bars={domainBars(data.orphans.byDomain)} emptyText={t('listening.dashboard.empty')} />
          {data.orphans.rows.length > 0 ? <NeedList rows={data.orphans.rows} /> : null}
        </div>
      </div>
    </section>
  )
}

export function OrganisationListings({ needs, resources }: { needs: NeedRow[]; resources: ResourceRow[] }) {
  const { t } = useView()
  return (
    <section aria-labelledby="ecoute-acteur">
      <h2 id="ecoute-acteur">{t('listening.profile.needs')}</h2>
      {needs.length === 0 ? <p>{t('listening.profile.none')}</p> : <NeedList rows={needs} />}
      <h2>{t('listening.profile.resources')}</h2>
      {resources.length === 0 ? <p>{t('listening.profile.none')}</p> : <ResourceList rows={resources} />}
    </section>
  )
}

