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
  // listening: needs, resources, matches, search
  'GET /besoins': 'public',
  'GET /besoins/nouveau': 'signed-in',
  'POST /besoins/nouveau': 'signed-in',
  'GET /besoins/:id': 'public',
  'GET /besoins/:id/modifier': 'signed-in',
  'POST /besoins/:id/modifier': 'signed-in',
  'GET /besoins/:id/correspondances': 'public',
  'GET /ressources': 'public',
  'GET /ressources/nouvelle': 'signed-in',
  'POST /ressources/nouvelle': 'signed-in',
  'GET /ressources/:id': 'public',
  'GET /ressources/:id/modifier': 'signed-in',
  'POST /ressources/:id/modifier': 'signed-in',
  'GET /ressources/:id/correspondances': 'public',
  'GET /recherche': 'public',
  'GET /api/v1/needs': 'public',
  'GET /api/v1/needs/:id': 'public',
  'GET /api/v1/needs/:id/matches': 'public',
  'POST /api/v1/needs': 'signed-in',
  'PUT /api/v1/needs/:id': 'signed-in',
  'GET /api/v1/resources': 'public',
  'GET /api/v1/resources/:id': 'public',
  'GET /api/v1/resources/:id/matches': 'public',
  'POST /api/v1/resources': 'signed-in',
  'PUT /api/v1/resources/:id': 'signed-in',
  // listening: connecting (mise en relation), private to the two organisations
  'GET /mises-en-relation': 'signed-in',
  'GET /mises-en-relation/nouvelle': 'signed-in',
  'POST /mises-en-relation/nouvelle': 'signed-in',
  'GET /mises-en-relation/:id': 'signed-in',
  'POST /mises-en-relation/:id/accepter': 'signed-in',
  'POST /mises-en-relation/:id/refuser': 'signed-in',
  'POST /mises-en-relation/:id/messages': 'signed-in',
  // notifications
  'GET /notifications': 'signed-in',
  'POST /notifications/lues': 'signed-in',
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
