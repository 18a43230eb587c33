/**
 * The about page: the method's seven lessons as the source presentation states them, each followed by what the
 * platform offers for it today (only what exists, with its pages); data sources and licences; the software.
 */
import { useView } from '../../../core/views/context.js'
import { Layout } from '../../../core/views/Layout.js'
import type { Lesson } from '../home.capabilities.js'
import { CapabilityLinks } from './CapabilityLinks.js'

/** The about page. */
export function AboutPage({ lessons }: { lessons: Lesson[] }) {
  const { t } = useView()
  return (
    <Layout title={t('about.title')}>
      <h1>{t('about.title')}</h1>
      <p class="lead">{t('about.lead')}</p>
      <h2>{t('about.method.title')}</h2>
      <p>{t('about.method.text')}</p>
      <ol class="lessons">
        {lessons.map((lesson) => (
          <li>
            <p>{t(lesson.text)}</p>
            {lesson.platform ? (
              <p class="muted">
                {t(lesson.platform.text)}
                <CapabilityLinks intro="about.lesson.links" links={lesson.platform.links} />
              </p>
            ) : null}
          </li>
        ))}
      </ol>
      <h2>{t('about.data.title')}</h2>
      <ul>
        <li>{t('about.data.geography')}</li>
        <li>{t('about.data.map')}</li>
        <li>{t('about.data.demo')}</li>
      </ul>
      <h2>{t('about.software.title')}</h2>
      <p>{t('about.software.text')}</p>
    </Layout>
  )
}
