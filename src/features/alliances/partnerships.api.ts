/**
 * JSON API of partnerships (tag `alliances`): proposing one for an organisation one administers, the other
 * side's answer, ending it (dated) — the same acts and rights as the pages.
 */
import type { FastifyInstance } from 'fastify'
import Type from 'typebox'
import { apiRoute } from '../../core/http/routes.js'
import { Enum, Id, IdParams, IsoDate } from '../../core/http/schemas.js'
import { ALLIANCE_PAGES, allianceRights } from './alliances.authorize.js'
import { AnswerApiInput, EndPartnershipApiInput, PartnershipApiInput } from './alliances.schemas.js'
import { answerPartnership, endPartnership, partnershipInputOf, proposePartnership } from './partnerships.service.js'

export async function partnershipApi(app: FastifyInstance): Promise<void> {
  const rights = allianceRights(app)

  apiRoute(app, {
    method: 'POST',
    url: '/api/v1/partnerships',
    operationId: 'proposePartnership',
    tags: ['alliances'],
    summary: 'Propose a partnership on behalf of organisation A (you are its admin) to organisation B, whose admins confirm it',
    description: 'Organisation A not among yours answers 404 (403 when you are a member without being its admin); an alliance you do not see, 404.',
    body: PartnershipApiInput,
    // A proposal is seen by its two organisations only, until it is confirmed.
    invalidates: [],
    response: { 201: Type.Object({ data: Type.Object({ id: Id, status: Enum(['proposed'] as const) }) }, { description: 'The proposal' }) },
    errors: [404, 409],
    handler: async (request) => {
      const id = await proposePartnership(app.db, request.actor, partnershipInputOf(request.body))
      return { data: { id, status: 'proposed' as const } }
    },
  })

  apiRoute(app, {
    method: 'POST',
    url: '/api/v1/partnerships/:id/answer',
    operationId: 'answerPartnership',
    tags: ['alliances'],
    summary: 'Confirm or decline a proposed partnership (admins of organisation B only); answering twice is a 409',
    params: IdParams,
    body: AnswerApiInput,
    invalidates: ALLIANCE_PAGES,
    authorize: rights.partnership('answer'),
    response: { 200: Type.Object({ data: Type.Object({ id: Id, status: Enum(['confirmed', 'declined'] as const) }) }, { description: 'The partnership after the answer' }) },
    errors: [409],
    handler: async (request, _reply, partnership) => {
      await answerPartnership(app.db, request.actor, partnership.id, request.body.accept)
      return { data: { id: partnership.id, status: request.body.accept ? ('confirmed' as const) : ('declined' as const) } }
    },
  })

  apiRoute(app, {
    method: 'POST',
    url: '/api/v1/partnerships/:id/end',
    operationId: 'endPartnership',
    tags: ['alliances'],
    summary: 'End a confirmed partnership on a day (admins of either side); its history stays',
    params: IdParams,
    body: EndPartnershipApiInput,
    invalidates: ALLIANCE_PAGES,
    authorize: rights.partnership('end'),
    response: { 200: Type.Object({ data: Type.Object({ id: Id, ended_on: IsoDate }) }, { description: 'The partnership ended' }) },
    errors: [409],
    handler: async (request, _reply, partnership) => {
      await endPartnership(app.db, request.actor, partnership.id, request.body.ended_on)
      return { data: { id: partnership.id, ended_on: request.body.ended_on } }
    },
  })
}
