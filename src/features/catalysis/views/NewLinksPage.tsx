/** The page of the new links of a meeting or of a space's recent meetings. */
import { useView } from '../../../core/views/context.js'
import { Layout } from '../../../core/views/Layout.js'
import type { NewLinksFigure as Figure } from '../meetings/new-links.js'
import { NewLinksFigure } from './NewLinksFigure.js'

export function NewLinksPage({ title, back, figure, meetings }: { title: string; back: { label: string; href: string }; figure: Figure; meetings: number | null }) {
  const { t } = useView()
  const heading = t('catalysis.links.title', { name: title })
  return (
    <Layout title={heading} breadcrumb={[{ label: back.label, href: back.href }, { label: t('catalysis.links.short') }]}>
      <h1>{heading}</h1>
      <p class="lead">{t('catalysis.links.intro')}</p>
      {meetings !== null ? <p>{t('catalysis.links.meetingsCounted', { count: meetings })}</p> : null}
      <h2 id="liens-figure">{t('catalysis.links.figure')}</h2>
      <NewLinksFigure figure={figure} headingId="liens-figure" />
    </Layout>
  )
}
