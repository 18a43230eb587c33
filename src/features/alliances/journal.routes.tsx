/**
 * Journal pages of an alliance: the timeline across the years and the events of one year (`?annee=`), the form
 * with which partners write an entry, and the correction of an entry by its organisation's members.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify'
import Type from 'typebox'
import { done, formRoute, pageRoute } from '../../core/http/routes.js'
import { Id, IdParams } from '../../core/http/schemas.js'
import { lenient, queryProblems } from '../../core/http/validation.js'
import { pageOf, pageWindow } from '../../core/db/paging.js'
import { parisToday } from '../../core/time/calendar.js'
import type { FormState } from '../../core/views/forms.js'
import { ALLIANCE_PAGES, allianceRights, type AllianceContext } from './alliances.authorize.js'
import { actingOrganisations, ownRecordOrganisations } from './alliances.policy.js'
import { listContributionsOfYear, listJournal, partnerOptions, timelineYears, type JournalEntry } from './alliances.queries.js'
import { JournalEditForm, JournalForm, JournalQuery } from './alliances.schemas.js'
import { addJournalEntry, updateJournalEntry } from './journal.service.js'
import { journalTitleText } from './journal.title.js'
import { mergeTimeline } from './views/common.js'
import { JournalEditPage } from './views/JournalEditPage.js'
import { JournalPage } from './views/JournalPage.js'

const EntryParams = Type.Object({ id: Id, entryId: Id })

/** Events of a year shown per page: a busy alliance's year may hold thousands. */
const EVENTS_PER_PAGE = 50

export async function journalPages(app: FastifyInstance): Promise<void> {
  const rights = allianceRights(app)

  /**
   * The journal of `year` (default: the latest year with events), its events page by page. The year's events
   * merge two lists, each read in the merged order: the first `offset + limit` of each hold the page.
   */
  async function journalPage(request: FastifyRequest, { access, scope }: AllianceContext, state: FormState | null, year: number | undefined, page = 1) {
    const years = await timelineYears(app.db, scope)
    const selected = year ?? years[years.length - 1]?.year ?? null
    const counts = years.find((y) => y.year === selected)
    const window = pageWindow(page, EVENTS_PER_PAGE)
    const reach = window.offset + window.limit
    const [entries, contributions, organisations] = await Promise.all([
      selected === null ? Promise.resolve([]) : listJournal(app.db, scope, { year: selected, limit: reach }),
      selected === null ? Promise.resolve([]) : listContributionsOfYear(app.db, scope, selected, reach),
      partnerOptions(app.db, scope, actingOrganisations(request.actor, access, { admin: false })),
    ])
    const events = pageOf(mergeTimeline(entries, contributions).slice(window.offset, reach), counts ? counts.entries + counts.contributions : 0, window.page, EVENTS_PER_PAGE)
    const editable = ownRecordOrganisations(request.actor, access)
    const initial: FormState = { values: { organisation_id: organisations[0]?.value ?? '', occurred_on: parisToday() }, errors: [] }
    return (
      <JournalPage
        alliance={access.alliance}
        years={years}
        selected={selected}
        events={events}
        organisations={organisations}
        editable={editable}
        state={state ?? initial}
        ignored={queryProblems(request.query)}
      />
    )
  }

  pageRoute(app, {
    url: '/alliances/:id/journal',
    public: true,
    cache: true,
    params: IdParams,
    querystring: lenient(JournalQuery),
    authorize: rights.view,
    handler: async (request, reply, ctx) => reply.page(await journalPage(request, ctx, null, request.query.annee, request.query.page)),
  })

  formRoute(app, {
    url: '/alliances/:id/journal',
    params: IdParams,
    body: JournalForm,
    invalidates: ALLIANCE_PAGES,
    authorize: rights.contribute,
    render: async (request, reply, ctx, state, status) => reply.page(await journalPage(request, ctx, state, undefined), status),
    handler: async (request, reply, { scope }) => {
      const v = request.body
      await addJournalEntry(app.db, request.actor, scope.allianceId, { organisationId: v.organisation_id, kind: v.kind, occurredOn: v.occurred_on, title: v.title, body: v.body ?? '' })
      return done(reply, `/alliances/${scope.allianceId}/journal?annee=${v.occurred_on.slice(0, 4)}`, { kind: 'success', message: 'alliances.journal.done' })
    },
  })

  async function editPage(request: FastifyRequest, { access, scope, entry }: AllianceContext & { entry: JournalEntry }, state: FormState | null) {
    const [organisation] = await partnerOptions(app.db, scope, entry.organisation_id === null ? [] : [entry.organisation_id])
    const title = journalTitleText({ ...entry, organisation_name: organisation?.label ?? null }, request.t, request.locale)
    const values = { kind: entry.kind, occurred_on: entry.occurred_on, title, body: entry.body }
    return <JournalEditPage alliance={access.alliance} organisationName={organisation?.label ?? ''} action={`/alliances/${access.alliance.id}/journal/${entry.id}/modifier`} state={state ?? { values, errors: [] }} />
  }

  pageRoute(app, {
    url: '/alliances/:id/journal/:entryId/modifier',
    params: EntryParams,
    authorize: rights.journalEntry,
    handler: async (request, reply, ctx) => reply.page(await editPage(request, ctx, null)),
  })

  formRoute(app, {
    url: '/alliances/:id/journal/:entryId/modifier',
    params: EntryParams,
    body: JournalEditForm,
    invalidates: ALLIANCE_PAGES,
    authorize: rights.journalEntry,
    render: async (request, reply, ctx, state, status) => reply.page(await editPage(request, ctx, state), status),
    handler: async (request, reply, { scope, entry }) => {
      const v = request.body
      await updateJournalEntry(app.db, request.actor, scope.allianceId, entry.id, { kind: v.kind, occurredOn: v.occurred_on, title: v.title, body: v.body ?? '' })
      return done(reply, `/alliances/${scope.allianceId}/journal?annee=${v.occurred_on.slice(0, 4)}`, { kind: 'success', message: 'alliances.journal.saved' })
    },
  })
}
