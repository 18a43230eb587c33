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
  // accounts
  'GET /inscription': 'public',
  'POST /inscription': 'public',
  'GET /connexion': 'public',
  'POST /connexion': 'public',
  'POST /deconnexion': 'public',
  'GET /compte': 'signed-in',
  'POST /compte': 'signed-in',
  'POST /compte/mot-de-passe': 'signed-in',
  // surveys
  'GET /enquetes': 'signed-in',
  'GET /enquetes/nouvelle': 'signed-in',
  'POST /enquetes/nouvelle': 'signed-in',
  'GET /enquetes/:id': 'signed-in',
  'POST /enquetes/:id': 'signed-in',
  'POST /enquetes/:id/sections': 'signed-in',
  'POST /enquetes/:id/sections/:key': 'signed-in',
  'POST /enquetes/:id/questions': 'signed-in',
  'GET /enquetes/:id/questions/:key': 'signed-in',
  'POST /enquetes/:id/questions/:key': 'signed-in',
  'POST /enquetes/:id/questions/:key/deplacer': 'signed-in',
  'POST /enquetes/:id/questions/:key/supprimer': 'signed-in',
  'GET /enquetes/:id/apercu': 'signed-in',
  'POST /enquetes/:id/dupliquer': 'signed-in',
  'GET /enquetes/:id/campagnes/nouvelle': 'signed-in',
  'POST /enquetes/:id/campagnes': 'signed-in',
  'GET /campagnes/:id': 'signed-in',
  'POST /campagnes/:id': 'signed-in',
  'POST /campagnes/:id/codes': 'signed-in',
  'POST /campagnes/:id/publication': 'signed-in',
  'POST /campagnes/:id/chiffres': 'signed-in',
  'POST /campagnes/:id/chiffres/:figureId/supprimer': 'signed-in',
  'GET /campagnes/:id/redressement': 'signed-in',
  'POST /campagnes/:id/redressement': 'signed-in',
  'GET /campagnes/:id/resultats': 'signed-in',
  'GET /campagnes/:id/microdonnees.csv': 'signed-in',
  'GET /repondre/:id': 'public',
  'POST /repondre/:id': 'public',
  'POST /repondre/:id/code': 'public',
  'GET /repondre/:id/mes-reponses': 'public',
  'GET /etudes': 'public',
  'GET /etudes/:id': 'public',
  'GET /etudes/:id/resultats.csv': 'public',
  'GET /etudes/:id/resultats.json': 'public',
  'GET /api/v1/studies': 'public',
  'GET /api/v1/studies/:id': 'public',
}

/** Routes added by third-party plugins (static files, API documentation): public, not in the matrix. */
export const PLUGIN_PREFIXES = ['/static/', '/api/docs']
