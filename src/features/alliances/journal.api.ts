/**
 * JSON API of the journal (tag `alliances`): the entries of one year or of every year, page by page (titles the
 * platform wrote come in the request's language), writing an entry for one of one's partner organisations, and
 * correcting one's own organisation's entries.
 */
import type { FastifyInstance } from 'fastify'
import Type from 'typebox'
import { apiRoute } from '../../core/http/routes.js'
import { Id, IdParams, Page, pageMeta } from '../../core/http/schemas.js'
import { ALLIANCE_PAGES, allianceRights } from './alliances.authorize.js'
import { JournalEntrySchema, presentJournalEntry } from './alliances.presenters.js'
import { listJournalPage } from './alliances.queries.js'
import { JournalApiEdit, JournalApiInput, JournalApiQuery } from './alliances.schemas.js'
import { addJournalEntry, updateJournalEntry } from './journal.service.js'

const EntryParams = Type.Object({ id: Id, entryId: Type.String({ ...Id, description: 'Journal entry id' }) })

export async function journalApi(app: FastifyInstance): Promise<void> {
  const rights = allianceRights(app)

  apiRoute(app, {
    method: 'GET',
    url: '/api/v1/alliances/:id/journal',
    public: true,
    operationId: 'listAllianceJournal',
    tags: ['alliances'],
    summary: 'The journal of an alliance (newest first), for one year or entirely',
    params: IdParams,
    querystring: JournalApiQuery,
    authorize: rights.view,
    response: { 200: Type.Object(Page(JournalEntrySchema).properties, { description: 'One page of entries, newest first' }) },
    handler: async (request, _reply, { scope }) => {
      const page = await listJournalPage(app.db, scope, request.query.year ?? null, request.query.page ?? 1, request.query.per_page ?? 50)
      return { data: page.rows.map((e) => presentJournalEntry(e, request.t, request.locale)), ...pageMeta(page) }
    },
  })

  apiRoute(app, {
    method: 'POST',
    url: '/api/v1/alliances/:id/journal',
    operationId: 'addAllianceJournalEntry',
    tags: ['alliances'],
    summary: 'Write a journal entry on behalf of one of your partner organisations',
    description: 'An organisation you are not a member of answers 404; one that is not an active partner, 403.',
    params: IdParams,
    body: JournalApiInput,
    invalidates: ALLIANCE_PAGES,
    authorize: rights.contribute,
    response: { 201: Type.Object({ data: Type.Object({ id: Id }) }, { description: 'The entry written' }) },
    handler: async (request, _reply, { scope }) => {
      const b = request.body
      const id = await addJournalEntry(app.db, request.actor, scope.allianceId, { organisationId: b.organisation_id, kind: b.kind, occurredOn: b.occurred_on, title: b.title, body: b.body ?? '' })
      return { data: { id } }
    },
  })

  apiRoute(app, {
    method: 'PATCH',
    url: '/api/v1/alliances/:id/journal/:entryId',
    operationId: 'updateAllianceJournalEntry',
    tags: ['alliances'],
    summary: 'Correct a journal entry written by a partner (members of its organisation only; the platform’s own entries are not corrected)',
    params: EntryParams,
    body: JournalApiEdit,
    invalidates: ALLIANCE_PAGES,
    authorize: rights.journalEntry,
    response: { 200: Type.Object({ data: Type.Object({ id: Id }) }, { description: 'The entry corrected' }) },
    handler: async (request, _reply, { scope, entry }) => {
      const b = request.body
      await updateJournalEntry(app.db, request.actor, scope.allianceId, entry.id, { kind: b.kind, occurredOn: b.occurred_on, title: b.title, body: b.body ?? '' })
      return { data: { id: entry.id } }
    },
  })
}
