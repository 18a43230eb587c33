/**
 * The rights matrix of evaluation: every route of the rounds, answers, reviews and indicators (pages, forms and
 * API) × the six kinds of people × both visibilities, with the expected status of each cell
 * (`test/helpers/evaluation-rights.ts` runs it from `evaluation.rights.test.ts`). Accepted writes come last.
 */
import { all, cells, readable, type RightsFixture, type RightsRoute } from '../../../test/helpers/evaluation-rights.js'

const E = (f: RightsFixture) => `/evaluation/${f.alliance.id}`
const A = (f: RightsFixture) => `/api/v1/evaluation/alliances/${f.alliance.id}`

export const EVALUATION_RIGHTS: RightsRoute[] = [
  // pages and forms
  { route: 'GET /evaluation/:id', path: (f) => E(f), expect: (v) => cells(v, 303, 403, all(200)) },
  { route: 'GET /evaluation/:id/nouveau-temps', path: (f) => `${E(f)}/nouveau-temps`, expect: (v) => cells(v, 303, 403, { coordinatorAdmin: 200 }) },
  { route: 'POST /evaluation/:id/temps', path: (f) => `${E(f)}/temps`, body: () => ({ title: '' }), expect: (v) => cells(v, 303, 403, { coordinatorAdmin: 400 }) },
  { route: 'GET /evaluation/:id/temps/:roundId', path: (f) => `${E(f)}/temps/${f.closed}`, expect: (v) => cells(v, 303, 403, all(200)) },
  { route: 'POST /evaluation/:id/temps/:roundId/echeance', path: (f) => `${E(f)}/temps/${f.open}/echeance`, body: () => ({ closes_on: 'demain' }), expect: (v) => cells(v, 303, 403, { coordinatorAdmin: 400 }) },
  { route: 'GET /evaluation/:id/temps/:roundId/reponse/:organisationId', path: (f, w) => `${E(f)}/temps/${f.open}/reponse/${w.org.P}`, expect: (v) => cells(v, 303, 403, { partnerMember: 200, partnerAdmin: 200, coordinatorAdmin: 404 }) },
  { route: 'POST /evaluation/:id/temps/:roundId/reponse/:organisationId', path: (f, w) => `${E(f)}/temps/${f.open}/reponse/${w.org.P}`, body: () => ({ 'level.produit.sens': '7' }), expect: (v) => cells(v, 303, 403, { partnerMember: 400, partnerAdmin: 400, coordinatorAdmin: 404 }) },
  { route: 'GET /evaluation/:id/temps/:roundId/bilan', path: (f) => `${E(f)}/temps/${f.closed}/bilan`, expect: readable },
  { route: 'GET /evaluation/:id/temps/:roundId/bilan.json', path: (f) => `${E(f)}/temps/${f.closed}/bilan.json`, expect: readable },
  { route: 'POST /evaluation/:id/temps/:roundId/bilan/etablir', path: (f) => `${E(f)}/temps/${f.closed}/bilan/etablir`, body: () => ({}), expect: (v) => cells(v, 303, 403, { coordinatorAdmin: 409 }) },
  { route: 'POST /evaluation/:id/temps/:roundId/bilan/approbation', path: (f) => `${E(f)}/temps/${f.closed}/bilan/approbation`, body: () => ({ organisation_id: 'x' }), expect: (v) => cells(v, 303, 403, all(400)) },
  { route: 'POST /evaluation/:id/temps/:roundId/bilan/publication', path: (f) => `${E(f)}/temps/${f.closed}/bilan/publication`, body: () => ({}), expect: (v) => cells(v, 303, 403, { coordinatorAdmin: 409 }) },
  { route: 'GET /evaluation/:id/indicateurs', path: (f) => `${E(f)}/indicateurs`, expect: readable },
  { route: 'GET /evaluation/:id/indicateurs.csv', path: (f) => `${E(f)}/indicateurs.csv`, expect: readable },
  { route: 'GET /evaluation/:id/indicateurs/nouveau', path: (f) => `${E(f)}/indicateurs/nouveau`, expect: (v) => cells(v, 303, 403, { coordinatorAdmin: 200 }) },
  { route: 'POST /evaluation/:id/indicateurs', path: (f) => `${E(f)}/indicateurs`, body: () => ({ name: '' }), expect: (v) => cells(v, 303, 403, { coordinatorAdmin: 400 }) },
  { route: 'GET /evaluation/:id/indicateurs/:indicatorId/modifier', path: (f) => `${E(f)}/indicateurs/${f.indicator}/modifier`, expect: (v) => cells(v, 303, 403, { coordinatorAdmin: 200 }) },
  { route: 'POST /evaluation/:id/indicateurs/:indicatorId/modifier', path: (f) => `${E(f)}/indicateurs/${f.indicator}/modifier`, body: () => ({ name: '' }), expect: (v) => cells(v, 303, 403, { coordinatorAdmin: 400 }) },
  { route: 'POST /evaluation/:id/indicateurs/valeurs', path: (f) => `${E(f)}/indicateurs/valeurs`, body: (f) => ({ indicator_id: f.indicator, value: '1,234' }), expect: (v) => cells(v, 303, 403, all(400)) },
  // API
  { route: 'GET /api/v1/evaluation/alliances/:id/rounds', path: (f) => `${A(f)}/rounds`, expect: (v) => cells(v, 401, 403, all(200)) },
  { route: 'POST /api/v1/evaluation/alliances/:id/rounds', path: (f) => `${A(f)}/rounds`, body: () => ({ title: '' }), expect: (v) => cells(v, 401, 403, { coordinatorAdmin: 400 }) },
  { route: 'GET /api/v1/evaluation/alliances/:id/rounds/:roundId', path: (f) => `${A(f)}/rounds/${f.closed}`, expect: (v) => cells(v, 401, 403, all(200)) },
  { route: 'PATCH /api/v1/evaluation/alliances/:id/rounds/:roundId', path: (f) => `${A(f)}/rounds/${f.open}`, body: () => ({ closes_on: 5 }), expect: (v) => cells(v, 401, 403, { coordinatorAdmin: 400 }) },
  { route: 'GET /api/v1/evaluation/alliances/:id/rounds/:roundId/answers/:organisationId', path: (f, w) => `${A(f)}/rounds/${f.open}/answers/${w.org.P}`, expect: (v) => cells(v, 401, 403, { partnerMember: 200, partnerAdmin: 200, coordinatorAdmin: 404 }) },
  { route: 'PUT /api/v1/evaluation/alliances/:id/rounds/:roundId/answers/:organisationId', path: (f, w) => `${A(f)}/rounds/${f.open}/answers/${w.org.P}`, body: () => ({ ratings: { 'produit.sens': { level: 7 } }, impacts: {} }), expect: (v) => cells(v, 401, 403, { partnerMember: 400, partnerAdmin: 400, coordinatorAdmin: 404 }) },
  { route: 'GET /api/v1/evaluation/alliances/:id/rounds/:roundId/review', path: (f) => `${A(f)}/rounds/${f.closed}/review`, expect: readable },
  { route: 'POST /api/v1/evaluation/alliances/:id/rounds/:roundId/review', path: (f) => `${A(f)}/rounds/${f.closed}/review`, body: () => ({}), expect: (v) => cells(v, 401, 403, { coordinatorAdmin: 409 }) },
  { route: 'POST /api/v1/evaluation/alliances/:id/rounds/:roundId/review/approvals', path: (f) => `${A(f)}/rounds/${f.closed}/review/approvals`, body: () => ({ version: 'un' }), expect: (v) => cells(v, 401, 403, all(400)) },
  { route: 'POST /api/v1/evaluation/alliances/:id/rounds/:roundId/review/publication', path: (f) => `${A(f)}/rounds/${f.closed}/review/publication`, body: () => ({}), expect: (v) => cells(v, 401, 403, { coordinatorAdmin: 409 }) },
  { route: 'GET /api/v1/evaluation/alliances/:id/indicators', path: (f) => `${A(f)}/indicators`, expect: readable },
  { route: 'POST /api/v1/evaluation/alliances/:id/indicators', path: (f) => `${A(f)}/indicators`, body: () => ({ name: 'x' }), expect: (v) => cells(v, 401, 403, { coordinatorAdmin: 400 }) },
  { route: 'PATCH /api/v1/evaluation/alliances/:id/indicators/:indicatorId', path: (f) => `${A(f)}/indicators/${f.indicator}`, body: () => ({ name: 'x' }), expect: (v) => cells(v, 401, 403, { coordinatorAdmin: 400 }) },
  { route: 'POST /api/v1/evaluation/alliances/:id/indicators/:indicatorId/values', path: (f) => `${A(f)}/indicators/${f.indicator}/values`, body: () => ({ value: '1,234' }), expect: (v) => cells(v, 401, 403, all(400)) },
  // Accepted writes, last: reminders (notifications), closing the open round (then the API's close is a 409).
  { route: 'POST /evaluation/:id/temps/:roundId/relance', path: (f) => `${E(f)}/temps/${f.open}/relance`, body: () => ({}), expect: (v) => cells(v, 303, 403, { coordinatorAdmin: 303 }) },
  { route: 'POST /api/v1/evaluation/alliances/:id/rounds/:roundId/reminders', path: (f) => `${A(f)}/rounds/${f.open}/reminders`, body: () => ({}), expect: (v) => cells(v, 401, 403, { coordinatorAdmin: 200 }) },
  { route: 'POST /evaluation/:id/temps/:roundId/cloture', path: (f) => `${E(f)}/temps/${f.open}/cloture`, body: () => ({}), expect: (v) => cells(v, 303, 403, { coordinatorAdmin: 303 }) },
  { route: 'POST /api/v1/evaluation/alliances/:id/rounds/:roundId/close', path: (f) => `${A(f)}/rounds/${f.open}/close`, body: () => ({}), expect: (v) => cells(v, 401, 403, { coordinatorAdmin: 409 }) },
]

/** The routes this matrix covers, as in the route inventory. */
export const RIGHTS_ROUTES = EVALUATION_RIGHTS.map((r) => r.route)
