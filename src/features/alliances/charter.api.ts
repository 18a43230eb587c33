/**
 * JSON API of the charter (tag `alliances`): every version with commitments and signatures, saving version
 * n + 1 (coordinators' admins), signing the current version for one's organisation (409 when outdated).
 */
import type { FastifyInstance } from 'fastify'
import Type from 'typebox'
import { pageOf, pageWindow } from '../../core/db/paging.js'
import { apiRoute } from '../../core/http/routes.js'
import { Id, IdParams, Page, pageMeta } from '../../core/http/schemas.js'
import { ALLIANCE_PAGES, allianceRights } from './alliances.authorize.js'
import { CharterVersionSchema, presentCharter } from './alliances.presenters.js'
import { listCharterVersions } from './alliances.queries.js'
import { CharterApiInput, CharterApiQuery, SignApiInput } from './alliances.schemas.js'
import { saveCharter, signCharter } from './charter.service.js'

export async function charterApi(app: FastifyInstance): Promise<void> {
  const rights = allianceRights(app)

  apiRoute(app, {
    method: 'GET',
    url: '/api/v1/alliances/:id/charter',
    public: true,
    operationId: 'getAllianceCharter',
    tags: ['alliances'],
    summary: 'Every version of the charter, newest first, with commitments and signatures',
    params: IdParams,
    querystring: CharterApiQuery,
    authorize: rights.view,
    response: { 200: Type.Object(Page(CharterVersionSchema).properties, { description: 'One page of versions, newest first' }) },
    handler: async (request, _reply, { scope }) => {
      const perPage = request.query.per_page ?? 20
      const window = pageWindow(request.query.page ?? 1, perPage)
      const versions = await listCharterVersions(app.db, scope)
      const page = pageOf(versions.slice(window.offset, window.offset + window.limit), versions.length, window.page, perPage)
      return { data: page.rows.map(presentCharter), ...pageMeta(page) }
    },
  })

  apiRoute(app, {
    method: 'POST',
    url: '/api/v1/alliances/:id/charter',
    operationId: 'saveAllianceCharter',
    tags: ['alliances'],
    summary: 'Save a new version of the charter (coordinators’ admins only); every partner must sign it again',
    params: IdParams,
    body: CharterApiInput,
    invalidates: ALLIANCE_PAGES,
    authorize: rights.coordinate,
    response: { 201: Type.Object({ data: Type.Object({ version: Type.Integer({ minimum: 1 }) }) }, { description: 'The version saved' }) },
    errors: [409],
    handler: async (request, _reply, { scope }) => {
      const b = request.body
      const commitments = new Map((b.commitments ?? []).map((c) => [c.organisation_id, c.commitments]))
      const version = await saveCharter(app.db, request.actor, scope.allianceId, { principles: b.principles, governance: b.governance, meetingFrequency: b.meeting_frequency, nextReviewOn: b.next_review_on, commitments })
      return { data: { version } }
    },
  })

  apiRoute(app, {
    method: 'POST',
    url: '/api/v1/alliances/:id/charter/signatures',
    operationId: 'signAllianceCharter',
    tags: ['alliances'],
    summary: 'Sign the current charter version for one of your organisations (409 if `version` is outdated)',
    description: 'An organisation you are not a member of answers 404; one you are a member of without being its admin, 403.',
    params: IdParams,
    body: SignApiInput,
    invalidates: ALLIANCE_PAGES,
    authorize: rights.partnerAdmin,
    response: { 201: Type.Object({ data: Type.Object({ version: Type.Integer({ minimum: 1 }), organisation_id: Id }) }, { description: 'The signature recorded' }) },
    errors: [409],
    handler: async (request, _reply, { scope }) => {
      const b = request.body
      await signCharter(app.db, request.actor, scope.allianceId, { version: b.version, organisationId: b.organisation_id })
      return { data: { version: b.version, organisation_id: b.organisation_id } }
    },
  })
}
