/**
 * The identifier review of platform admins (`/admin/identifiants`): the list, verifying an organisation's
 * identifiers, granting or refusing a claim. Anyone else gets 404 (401 / sign-in when signed out), before any
 * input is read. Verifying or moving an identifier changes public profiles.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { done, formRoute, pageRoute, paramId } from '../../core/http/routes.js'
import { IdParams } from '../../core/http/schemas.js'
import { decideClaim, reviewLists, verifyIdentifiers } from './identifier-review.service.js'
import { authorizeReview } from './organisations.policy.js'
import { ORGANISATION_PAGES } from './organisations.routes.js'
import { EmptyForm } from './organisations.schemas.js'
import { IdentifierReviewPage } from './views/IdentifierReviewPage.js'

const REVIEW = '/admin/identifiants'

/** Registers the review pages. */
export async function identifierReviewPages(app: FastifyInstance): Promise<void> {
  const reviewPage = async (request: FastifyRequest, reply: FastifyReply, status: number) => reply.page(<IdentifierReviewPage {...await reviewLists(app.db, request.actor)} />, status)
  /** A platform admin, and the id of the URL (404 when malformed). */
  const reviewerWithId = (request: FastifyRequest) => {
    authorizeReview(request.actor)
    return paramId(request)
  }

  pageRoute(app, {
    url: REVIEW,
    authorize: (request) => authorizeReview(request.actor),
    handler: async (request, reply) => reviewPage(request, reply, 200),
  })

  formRoute(app, {
    url: `${REVIEW}/:id/verifier`,
    params: IdParams,
    body: EmptyForm,
    invalidates: [ORGANISATION_PAGES],
    authorize: reviewerWithId,
    render: (request, reply, _id, _state, status) => reviewPage(request, reply, status),
    handler: async (request, reply, organisationId) => {
      await verifyIdentifiers(app.db, request.actor, organisationId)
      return done(reply, REVIEW, { kind: 'success', message: 'organisations.review.done' })
    },
  })

  for (const [path, grant] of [
    ['accorder', true],
    ['refuser', false],
  ] as const) {
    formRoute(app, {
      url: `${REVIEW}/revendications/:id/${path}`,
      params: IdParams,
      body: EmptyForm,
      invalidates: [ORGANISATION_PAGES],
      authorize: reviewerWithId,
      render: (request, reply, _id, _state, status) => reviewPage(request, reply, status),
      handler: async (request, reply, claimId) => {
        await decideClaim(app.db, request.actor, claimId, grant)
        return done(reply, REVIEW, { kind: 'success', message: 'organisations.review.done' })
      },
    })
  }
}
