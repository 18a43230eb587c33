/**
 * Pages of connecting (mise en relation): the request form reached from a match, the list of the actor's
 * requests, one request with its answer buttons, the contact details (after acceptance only) and the message
 * thread.
 *
 * Rights (one order): sign-in → the object (the request of the URL: 404 to anyone outside its two
 * organisations, 403 to the sending side for an answer; the pair asked about, read from the query or the
 * form's hidden fields: 404 when it does not exist, 403 to a person of neither side) → the fields (400, all at
 * once) → acting for an organisation one does not belong to (404, the service) → the service.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify'
import { nowIso } from '../../../core/db/values.js'
import { notFound } from '../../../core/errors.js'
import { done, formRoute, formValuesOf, pageRoute, paramId, postedValues, requireId } from '../../../core/http/routes.js'
import { lenient } from '../../../core/http/validation.js'
import type { FormState } from '../../../core/views/forms.js'
import { authorizeAnswer, authorizeAsk, authorizeRequestView, type RequestScope } from './connections.policy.js'
import { effectiveStatus, findContactCards, findPair, findRequestDetails, findRequestRow, listRequestsOfOrganisations, listThread, type PairInfo } from './connections.queries.js'
import { AnswerForm, ContactRequestForm, MessageForm, RequestListQuery } from './connections.schemas.js'
import { answerContactRequest, createContactRequest, postContactMessage } from './connections.service.js'
import { NewRequestPage } from './views/NewRequestPage.js'
import { RequestListPage } from './views/RequestListPage.js'
import { RequestPage } from './views/RequestPage.js'

const PAGE_SIZE = 50

interface ConnectionPagesOptions {
  publicUrl: string
}

/** The pair of `needId` and `resourceId` and the sides the actor may ask for (404: no such pair; 403: neither side). */
async function askable(app: FastifyInstance, request: FastifyRequest, needId: unknown, resourceId: unknown): Promise<{ pair: PairInfo; sides: Array<{ id: string; name: string }> }> {
  const pair = await findPair(app.db, requireId(needId), requireId(resourceId))
  if (!pair) throw notFound()
  const ids = authorizeAsk(request.actor, { needOrganisationId: pair.need.organisation_id, resourceOrganisationId: pair.resource.organisation_id })
  const names = new Map([
    [pair.resource.organisation_id, pair.resource.organisation_name],
    [pair.need.organisation_id, pair.need.organisation_name],
  ])
  return { pair, sides: ids.map((id) => ({ id, name: names.get(id) ?? '' })) }
}

/** The request of the URL as the actor may see it (404 otherwise). */
async function visibleRequest(app: FastifyInstance, request: FastifyRequest): Promise<RequestScope> {
  const row = await findRequestRow(app.db, paramId(request))
  if (!row) throw notFound()
  return authorizeRequestView(request.actor, row)
}

export async function connectionPages(app: FastifyInstance, _options: ConnectionPagesOptions): Promise<void> {
  pageRoute(app, {
    url: '/mises-en-relation',
    querystring: lenient(RequestListQuery),
    handler: async (request, reply) => {
      const mine = [...request.actor.memberships.keys()]
      const page = await listRequestsOfOrganisations(app.db, mine, request.query.page ?? 1, PAGE_SIZE)
      return reply.page(<RequestListPage page={page} mine={new Set(mine)} now={nowIso()} />)
    },
  })

  pageRoute(app, {
    url: '/mises-en-relation/nouvelle',
    // `?besoin=…&ressource=…`: the pair is the object of the page (a malformed or unknown id: 404).
    authorize: (request) => {
      const query = formValuesOf(request.query)
      return askable(app, request, query.besoin, query.ressource)
    },
    handler: async (_request, reply, { pair, sides }) => reply.page(<NewRequestPage pair={pair} state={{ values: {}, errors: [] }} sides={sides} />),
  })

  formRoute(app, {
    url: '/mises-en-relation/nouvelle',
    body: ContactRequestForm,
    // Private to the two organisations: no public page changes.
    invalidates: [],
    authorize: (request) => {
      const posted = postedValues(request)
      return askable(app, request, posted.need_id, posted.resource_id)
    },
    render: (_request, reply, { pair, sides }, state, status) => reply.page(<NewRequestPage pair={pair} state={state} sides={sides} />, status),
    handler: async (request, reply, { pair }) => {
      const { from_organisation_id, message } = request.body
      const id = await createContactRequest(app.db, request.actor, { needId: pair.need.id, resourceId: pair.resource.id, fromOrganisationId: from_organisation_id, message })
      const to = (await findRequestRow(app.db, id))?.to_organisation_id === pair.need.organisation_id ? pair.need.organisation_name : pair.resource.organisation_name
      return done(reply, `/mises-en-relation/${id}`, { kind: 'success', message: 'listening.request.sent', params: { to } })
    },
  })

  /** One request's page, with the reply form in `replyState`. */
  async function requestPage(scope: RequestScope, replyState: FormState) {
    const details = await findRequestDetails(app.db, scope)
    if (!details) throw notFound()
    const [cards, thread] = await Promise.all([findContactCards(app.db, scope), listThread(app.db, scope)])
    return <RequestPage details={details} scope={scope} status={effectiveStatus(details.request, nowIso())} cards={cards} thread={thread} replyState={replyState} />
  }

  pageRoute(app, {
    url: '/mises-en-relation/:id',
    authorize: (request) => visibleRequest(app, request),
    handler: async (_request, reply, scope) => reply.page(await requestPage(scope, { values: {}, errors: [] })),
  })

  for (const [path, answer, flash] of [
    ['accepter', 'acceptee', 'listening.request.accepted'],
    ['refuser', 'refusee', 'listening.request.declined'],
  ] as const) {
    formRoute(app, {
      url: `/mises-en-relation/:id/${path}`,
      body: AnswerForm,
      // Accepting puts an open need "en discussion" (shown on public pages); declining changes nothing public.
      invalidates: answer === 'acceptee' ? ['listening'] : [],
      authorize: async (request) => {
        const row = await findRequestRow(app.db, paramId(request))
        if (!row) throw notFound()
        return authorizeAnswer(request.actor, row)
      },
      render: async (_request, reply, scope, _state, status) => reply.page(await requestPage(scope, { values: {}, errors: [] }), status),
      handler: async (request, reply, scope) => {
        await answerContactRequest(app.db, request.actor, scope.requestId, answer)
        return done(reply, `/mises-en-relation/${scope.requestId}`, { kind: 'success', message: flash })
      },
    })
  }

  formRoute(app, {
    url: '/mises-en-relation/:id/messages',
    body: MessageForm,
    invalidates: [],
    authorize: (request) => visibleRequest(app, request),
    render: async (_request, reply, scope, state, status) => reply.page(await requestPage(scope, state), status),
    handler: async (request, reply, scope) => {
      await postContactMessage(app.db, request.actor, scope.requestId, request.body.body)
      return done(reply, `/mises-en-relation/${scope.requestId}#echanges`, { kind: 'success', message: 'listening.request.replied' })
    },
  })
}
