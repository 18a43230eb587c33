/**
 * The authorisation matrix: every route of the application with who may call it. `public` routes answer
 * anyone; `signed-in` routes need an account (anonymous callers get a redirect to sign-in for pages and a
 * 401 for the API). Object-level rules (admin / member / outsider → 403 / 404) are tested in each feature.
 * A route missing here, or whose `public` flag disagrees, fails `route-inventory.test.ts`.
 */
export type Access = 'public' | 'signed-in'

export const MATRIX: Record<string, Access> = {
  // core
  'GET /langue/:locale': 'public',
  'GET /api/openapi.json': 'public',
  // home
  'GET /': 'public',
  'GET /a-propos': 'public',
  // vocabulary
  'GET /lexique': 'public',
  'GET /api/v1/vocabulary': 'public',
  // territories
  'GET /territoires': 'public',
  'GET /territoires/:kind/:code': 'public',
  'GET /api/v1/territories': 'public',
  'GET /api/v1/territories/:kind/:code': 'public',
  // organisations
  'GET /acteurs': 'public',
  'GET /acteurs/nouveau': 'signed-in',
  'POST /acteurs/nouveau': 'signed-in',
  'GET /acteurs/:id': 'public',
  'GET /acteurs/:id/modifier': 'signed-in',
  'POST /acteurs/:id/modifier': 'signed-in',
  'GET /acteurs/:id/membres': 'signed-in',
  'POST /acteurs/:id/invitations': 'signed-in',
  'POST /acteurs/:id/invitations/:invitationId/retirer': 'signed-in',
  'POST /acteurs/:id/membres/:userId/role': 'signed-in',
  'POST /acteurs/:id/membres/:userId/retirer': 'signed-in',
  'GET /invitations/:token': 'public',
  'POST /invitations/:token': 'signed-in',
  'GET /api/v1/organisations': 'public',
  'GET /api/v1/organisations/:id': 'public',
  'POST /api/v1/organisations': 'signed-in',
  'PUT /api/v1/organisations/:id': 'signed-in',
  // alliances (object-level rights: src/features/alliances/alliances.rights.test.ts)
  'GET /alliances': 'public',
  'GET /alliances/carte': 'public',
  'GET /alliances/nouvelle': 'signed-in',
  'POST /alliances/nouvelle': 'signed-in',
  'GET /alliances/:id': 'public',
  'GET /alliances/:id/modifier': 'signed-in',
  'POST /alliances/:id/modifier': 'signed-in',
  'GET /alliances/:id/phase': 'signed-in',
  'POST /alliances/:id/phase': 'signed-in',
  'GET /alliances/:id/partenaires/inviter': 'signed-in',
  'POST /alliances/:id/partenaires': 'signed-in',
  'POST /alliances/:id/partenaires/:partnerId/accepter': 'signed-in',
  'POST /alliances/:id/partenaires/:partnerId/refuser': 'signed-in',
  'POST /alliances/:id/partenaires/:partnerId/role': 'signed-in',
  'GET /alliances/:id/partenaires/:partnerId/apports': 'signed-in',
  'POST /alliances/:id/partenaires/:partnerId/apports': 'signed-in',
  'POST /alliances/:id/partenaires/:partnerId/quitter': 'signed-in',
  'GET /alliances/:id/charte': 'public',
  'GET /alliances/:id/charte/modifier': 'signed-in',
  'POST /alliances/:id/charte': 'signed-in',
  'POST /alliances/:id/charte/signer': 'signed-in',
  'GET /alliances/:id/contributions': 'public',
  'POST /alliances/:id/contributions': 'signed-in',
  'GET /alliances/:id/contributions/:contributionId/modifier': 'signed-in',
  'POST /alliances/:id/contributions/:contributionId/modifier': 'signed-in',
  'GET /alliances/:id/journal': 'public',
  'POST /alliances/:id/journal': 'signed-in',
  'GET /partenariats/nouveau': 'signed-in',
  'POST /partenariats': 'signed-in',
  'POST /partenariats/:id/confirmer': 'signed-in',
  'POST /partenariats/:id/refuser': 'signed-in',
  'POST /partenariats/:id/terminer': 'signed-in',
  'GET /api/v1/alliances': 'public',
  'GET /api/v1/alliances/:id': 'public',
  'GET /api/v1/alliances/:id/partners': 'public',
  'GET /api/v1/alliances/:id/contributions': 'public',
  'GET /api/v1/alliances/:id/journal': 'public',
  'GET /api/v1/alliances/:id/charter': 'public',
  'POST /api/v1/alliances': 'signed-in',
  'PATCH /api/v1/alliances/:id': 'signed-in',
  'POST /api/v1/alliances/:id/partners': 'signed-in',
  'POST /api/v1/alliances/:id/contributions': 'signed-in',
  'POST /api/v1/alliances/:id/journal': 'signed-in',
  'POST /api/v1/alliances/:id/charter/signatures': 'signed-in',
  // accounts
  'GET /inscription': 'public',
  'POST /inscription': 'public',
  'GET /connexion': 'public',
  'POST /connexion': 'public',
  'POST /deconnexion': 'public',
  'GET /compte': 'signed-in',
  'POST /compte': 'signed-in',
  'POST /compte/mot-de-passe': 'signed-in',
}

/** Routes added by third-party plugins (static files, API documentation): public, not in the matrix. */
export const PLUGIN_PREFIXES = ['/static/', '/api/docs']
