/**
 * The rights matrix of the library: every route of the practice sheets (pages, forms and API) × the six kinds of
 * people × both visibilities, with the expected status of each cell (`test/helpers/evaluation-rights.ts` runs
 * it from `practices.rights.test.ts`). A sheet is written from a published review: the partners-only alliance
 * has none (its review was published while it was public), so its form is a 404 even for its coordinators.
 */
import { cells, everyone, readable, seeing, type RightsRoute } from '../../../test/helpers/evaluation-rights.js'

export const PRACTICES_RIGHTS: RightsRoute[] = [
  // pages and forms
  { route: 'GET /pratiques', path: () => '/pratiques?q=ateliers&odd=99&page=7', expect: everyone(200) },
  { route: 'GET /pratiques/flux.atom', path: () => '/pratiques/flux.atom', expect: everyone(200) },
  { route: 'GET /pratiques/:id', path: (f) => `/pratiques/${f.sheet}`, expect: readable },
  { route: 'GET /evaluation/:id/temps/:roundId/fiche', path: (f) => `/evaluation/${f.alliance.id}/temps/${f.closed}/fiche`, expect: (v) => cells(v, 303, 403, { coordinatorAdmin: v === 'public' ? 200 : 404 }) },
  { route: 'POST /evaluation/:id/temps/:roundId/fiche', path: (f) => `/evaluation/${f.alliance.id}/temps/${f.closed}/fiche`, body: () => ({ title: '' }), expect: (v) => cells(v, 303, 403, { coordinatorAdmin: v === 'public' ? 400 : 404 }) },
  { route: 'GET /pratiques/:id/modifier', path: (f) => `/pratiques/${f.sheet}/modifier`, expect: (v) => cells(v, 303, 403, { coordinatorAdmin: 200 }) },
  { route: 'POST /pratiques/:id/modifier', path: (f) => `/pratiques/${f.sheet}/modifier`, body: () => ({ title: '' }), expect: (v) => cells(v, 303, 403, { coordinatorAdmin: 400 }) },
  { route: 'GET /pratiques/:id/s-en-inspirer', path: (f) => `/pratiques/${f.sheet}/s-en-inspirer`, expect: seeing(200, 303) },
  { route: 'POST /pratiques/:id/s-en-inspirer', path: (f) => `/pratiques/${f.sheet}/s-en-inspirer`, body: () => ({ name: '' }), expect: seeing(400, 303) },
  // API
  { route: 'GET /api/v1/practices', path: () => '/api/v1/practices?q=ateliers', expect: everyone(200) },
  { route: 'GET /api/v1/practices/:id', path: (f) => `/api/v1/practices/${f.sheet}`, expect: readable },
  { route: 'POST /api/v1/practices', path: () => '/api/v1/practices', body: () => ({ title: 5 }), expect: everyone(400, 401) },
  { route: 'PATCH /api/v1/practices/:id', path: (f) => `/api/v1/practices/${f.sheet}`, body: () => ({ title: 5 }), expect: (v) => cells(v, 401, 403, { coordinatorAdmin: 400 }) },
  { route: 'POST /api/v1/practices/:id/inspired-alliances', path: (f) => `/api/v1/practices/${f.sheet}/inspired-alliances`, body: () => ({ name: 5 }), expect: seeing(400, 401) },
]

/** The routes this matrix covers, as in the route inventory. */
export const RIGHTS_ROUTES = PRACTICES_RIGHTS.map((r) => r.route)
