/**
 * The rights matrix of valuation: every route of an alliance's valuation, the places, the rate tables and an
 * organisation's exports (pages, forms and API) × the six kinds of people × both visibilities, with the
 * expected status of each cell (`test/helpers/evaluation-rights.ts` runs it from `valuation.rights.test.ts`).
 * The accepted write (removing a statement) comes last.
 */
import { cells, everyone, organisation, readable, type RightsRoute } from '../../../test/helpers/evaluation-rights.js'

const platformAdminOnly = (anonymous: number, admin: number) => () => ({ ...everyone(403, anonymous)(), platformAdmin: admin })

export const VALUATION_RIGHTS: RightsRoute[] = [
  // pages and forms
  { route: 'GET /valorisation/alliances/:id', path: (f) => `/valorisation/alliances/${f.alliance.id}?annee=2025`, expect: readable },
  { route: 'GET /valorisation/alliances/:id/bareme', path: (f) => `/valorisation/alliances/${f.alliance.id}/bareme`, expect: (v) => cells(v, 303, 403, { coordinatorAdmin: 200 }) },
  { route: 'POST /valorisation/alliances/:id/bareme', path: (f) => `/valorisation/alliances/${f.alliance.id}/bareme`, body: () => ({ rate_table_id: 'aucun', reason: 'court' }), expect: (v) => cells(v, 303, 403, { coordinatorAdmin: 400 }) },
  { route: 'GET /valorisation/alliances/:id/baremes/nouveau', path: (f) => `/valorisation/alliances/${f.alliance.id}/baremes/nouveau`, expect: (v) => cells(v, 303, 403, { coordinatorAdmin: 200 }) },
  { route: 'POST /valorisation/alliances/:id/baremes', path: (f) => `/valorisation/alliances/${f.alliance.id}/baremes`, body: () => ({ title: '' }), expect: (v) => cells(v, 303, 403, { coordinatorAdmin: 400 }) },
  { route: 'GET /valorisation/alliances/:id/contributions/:contributionId', path: (f) => `/valorisation/alliances/${f.alliance.id}/contributions/${f.alliance.contribution.P}`, expect: (v) => cells(v, 303, 403, { partnerMember: 200, partnerAdmin: 200 }) },
  { route: 'POST /valorisation/alliances/:id/contributions/:contributionId', path: (f) => `/valorisation/alliances/${f.alliance.id}/contributions/${f.alliance.contribution.P}`, body: () => ({ value: '1 250,555', basis: 'Coût employeur' }), expect: (v) => cells(v, 303, 403, { partnerMember: 400, partnerAdmin: 400 }) },
  { route: 'GET /valorisation', path: () => '/valorisation?lieu=Fontenay&annee=deux', expect: everyone(200) },
  { route: 'GET /valorisation/baremes', path: () => '/valorisation/baremes', expect: everyone(200) },
  { route: 'GET /valorisation/baremes/:tableId', path: (f) => `/valorisation/baremes/${f.table}`, expect: everyone(200) },
  { route: 'GET /valorisation/baremes/nouveau', path: () => '/valorisation/baremes/nouveau', expect: platformAdminOnly(303, 200) },
  { route: 'POST /valorisation/baremes', path: () => '/valorisation/baremes', body: () => ({ title: '' }), expect: platformAdminOnly(303, 400) },
  { route: 'GET /valorisation/organisations/:id', path: (_f, w) => `/valorisation/organisations/${w.org.P}`, expect: organisation(303, { partnerMember: 200, partnerAdmin: 200 }) },
  { route: 'GET /valorisation/organisations/:id/contributions-donnees.csv', path: (_f, w) => `/valorisation/organisations/${w.org.P}/contributions-donnees.csv`, expect: organisation(303, { partnerMember: 200, partnerAdmin: 200 }) },
  { route: 'GET /valorisation/organisations/:id/contributions-recues.csv', path: (_f, w) => `/valorisation/organisations/${w.org.C}/contributions-recues.csv?annee=2024`, expect: organisation(303, { coordinatorAdmin: 200 }) },
  // API
  { route: 'GET /api/v1/valuation/alliances/:id', path: (f) => `/api/v1/valuation/alliances/${f.alliance.id}`, expect: readable },
  { route: 'GET /api/v1/valuation/alliances/:id/contributions', path: (f) => `/api/v1/valuation/alliances/${f.alliance.id}/contributions?page=2`, expect: readable },
  { route: 'PUT /api/v1/valuation/alliances/:id/rate-table', path: (f) => `/api/v1/valuation/alliances/${f.alliance.id}/rate-table`, body: () => ({ reason: 'x' }), expect: (v) => cells(v, 401, 403, { coordinatorAdmin: 400 }) },
  { route: 'POST /api/v1/valuation/alliances/:id/rate-tables', path: (f) => `/api/v1/valuation/alliances/${f.alliance.id}/rate-tables`, body: () => ({ title: 5 }), expect: (v) => cells(v, 401, 403, { coordinatorAdmin: 400 }) },
  { route: 'PUT /api/v1/valuation/alliances/:id/contributions/:contributionId', path: (f) => `/api/v1/valuation/alliances/${f.alliance.id}/contributions/${f.alliance.contribution.P}`, body: () => ({ value: '12,345' }), expect: (v) => cells(v, 401, 403, { partnerMember: 400, partnerAdmin: 400 }) },
  { route: 'GET /api/v1/valuation/places', path: () => '/api/v1/valuation/places?territory=departement:94', expect: everyone(200) },
  { route: 'GET /api/v1/valuation/rate-tables', path: () => '/api/v1/valuation/rate-tables', expect: everyone(200) },
  { route: 'GET /api/v1/valuation/rate-tables/:id', path: (f) => `/api/v1/valuation/rate-tables/${f.table}`, expect: everyone(200) },
  { route: 'POST /api/v1/valuation/rate-tables', path: () => '/api/v1/valuation/rate-tables', body: () => ({ title: 5 }), expect: platformAdminOnly(401, 400) },
  { route: 'GET /api/v1/valuation/organisations/:id/given', path: (_f, w) => `/api/v1/valuation/organisations/${w.org.P}/given`, expect: organisation(401, { partnerMember: 200, partnerAdmin: 200 }) },
  { route: 'GET /api/v1/valuation/organisations/:id/received', path: (_f, w) => `/api/v1/valuation/organisations/${w.org.C}/received`, expect: organisation(401, { coordinatorAdmin: 400 }) },
  // Accepted write, last: P's members remove what P stated (nothing was stated: still 204).
  { route: 'DELETE /api/v1/valuation/alliances/:id/contributions/:contributionId', path: (f) => `/api/v1/valuation/alliances/${f.alliance.id}/contributions/${f.alliance.contribution.P}`, expect: (v) => cells(v, 401, 403, { partnerMember: 204, partnerAdmin: 204 }) },
]

/** The routes this matrix covers, as in the route inventory. */
export const RIGHTS_ROUTES = VALUATION_RIGHTS.map((r) => r.route)
