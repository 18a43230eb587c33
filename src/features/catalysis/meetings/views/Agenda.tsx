/** The public agenda of meetings, inside a territory if one is chosen, with its calendar feed. */
import type { FieldProblem } from '../../../../core/errors.js'
import { useView } from '../../../../core/views/context.js'
import { Form, TextField } from '../../../../core/views/forms.js'
import { Layout } from '../../../../core/views/Layout.js'
import { PlaceFilterNotice, type PlaceFilter } from '../../../territories/index.js'
import { IgnoredFilters, MeetingList } from '../../views/common.js'
import type { MeetingDetails } from '../meetings.queries.js'

export function Agenda({ meetings, filter, past, values, problems, signedIn }: { meetings: MeetingDetails[]; filter: PlaceFilter; past: boolean; values: Record<string, string>; problems: FieldProblem[]; signedIn: boolean }) {
  const { t } = useView()
  const territory = filter.territory
  return (
    <Layout title={t('catalysis.meetings.title')}>
      <h1>{t('catalysis.meetings.title')}</h1>
      <p class="lead">{t('catalysis.meetings.intro')}</p>
      {signedIn ? (
        <p>
          <a class="button" href="/rencontres/nouvelle">
            {t('catalysis.meeting.newTitle')}
          </a>
        </p>
      ) : null}
      <IgnoredFilters problems={problems} />
      <Form action="/rencontres" method="get" submitLabel={t('catalysis.filter')} state={{ values, errors: [] }}>
        <TextField name="lieu" label={t('catalysis.filter.place')} hint={t('catalysis.filter.placeHint')} maxLength={100} />
      </Form>
      <PlaceFilterNotice filter={filter} insideLabel={t('catalysis.meetings.inside')} />
      {territory ? (
        <p>
          <a href={`/rencontres/territoires/${territory.kind}/${territory.code}/calendrier.ics`} type="text/calendar">
            {t('catalysis.ical.territoryFeed', { name: territory.name })}
          </a>
        </p>
      ) : null}
      <p>
        {past ? (
          <a href={territory ? `/rencontres?territoire=${territory.id}` : '/rencontres'}>{t('catalysis.meetings.showUpcoming')}</a>
        ) : (
          <a href={territory ? `/rencontres?territoire=${territory.id}&passees=oui` : '/rencontres?passees=oui'}>{t('catalysis.meetings.showPast')}</a>
        )}
      </p>
      <h2>{past ? t('catalysis.space.past') : t('catalysis.space.upcoming')}</h2>
      <MeetingList meetings={meetings} empty={t('catalysis.meetings.none')} />
    </Layout>
  )
}
