/**
 * The rights matrix of the selection and grants of mobilisation (issue 16's checks): every route of applications'
 * API, reviews, conflicts, decisions, deliberation, grant agreements, the transparency page and the SCDL export ×
 * the seven kinds of people of `test/helpers/mobilisation.ts` (anonymous, applicant member, applicant admin,
 * reviewer, conflicted reviewer, fund admin, platform admin), with the status each answers.
 *
 * Those who may act send invalid input (a score outside the grid, a negative or three-decimal amount, an empty
 * body…) so that the matrix proves rights come before input and that nothing is stored; every refusal must leave
 * the database unchanged (`selection.rights.test.ts`). The conflicted reviewer declared a conflict with the
 * application under review: every route about it answers 404 to them, and the deliberation leaves it out.
 * Platform admins have no implicit right (404 on private objects).
 */
import type { SelectionPerson, SelectionWorld } from '../../../test/helpers/mobilisation.js'

export interface SelectionRightsRoute {
  route: string
  path: (w: SelectionWorld) => string
  body?: Record<string, unknown>
  expect: Record<SelectionPerson, number>
}

const e = (anonymous: number, applicantMember: number, applicantAdmin: number, reviewer: number, conflictedReviewer: number, fundAdmin: number, platformAdmin: number): Record<SelectionPerson, number> => ({ anonymous, applicantMember, applicantAdmin, reviewer, conflictedReviewer, fundAdmin, platformAdmin })
const PUBLIC = e(200, 200, 200, 200, 200, 200, 200)
const LONG = 'x'.repeat(1001)

export const SELECTION_RIGHTS: SelectionRightsRoute[] = [
  // reviews and conflicts (pages)
  { route: 'GET /mobilisation/candidatures/:id/evaluation', path: (w) => `/mobilisation/candidatures/${w.applicationId}/evaluation`, expect: e(303, 403, 403, 200, 404, 403, 404) },
  { route: 'POST /mobilisation/candidatures/:id/evaluation', path: (w) => `/mobilisation/candidatures/${w.applicationId}/evaluation`, body: { intent: 'submit', score_1: '9' }, expect: e(303, 403, 403, 400, 404, 403, 404) },
  { route: 'POST /mobilisation/candidatures/:id/conflit', path: (w) => `/mobilisation/candidatures/${w.applicationId}/conflit`, body: { reason: 'x' }, expect: e(303, 403, 403, 400, 404, 403, 404) },
  // decisions and deliberation (pages)
  { route: 'GET /mobilisation/candidatures/:id/decision', path: (w) => `/mobilisation/candidatures/${w.applicationId}/decision`, expect: e(303, 403, 403, 403, 404, 200, 404) },
  { route: 'POST /mobilisation/candidatures/:id/decision', path: (w) => `/mobilisation/candidatures/${w.applicationId}/decision`, body: { outcome: 'funded', amount: '-5', reasons: 'ok' }, expect: e(303, 403, 403, 403, 404, 400, 404) },
  { route: 'GET /mobilisation/appels-a-projets/:id/deliberation', path: (w) => `/mobilisation/appels-a-projets/${w.reviewCallId}/deliberation`, expect: e(303, 403, 403, 403, 200, 200, 403) },
  { route: 'POST /mobilisation/appels-a-projets/:id/decisions', path: (w) => `/mobilisation/appels-a-projets/${w.reviewCallId}/decisions`, body: {}, expect: e(303, 403, 403, 403, 403, 409, 403) },
  // grant agreements (pages)
  { route: 'GET /mobilisation/conventions/:id', path: (w) => `/mobilisation/conventions/${w.grantId}`, expect: e(303, 200, 200, 404, 404, 200, 404) },
  { route: 'POST /mobilisation/conventions/:id/conditions', path: (w) => `/mobilisation/conventions/${w.grantId}/conditions`, body: {}, expect: e(303, 403, 403, 404, 404, 400, 404) },
  { route: 'POST /mobilisation/conventions/:id/signature', path: (w) => `/mobilisation/conventions/${w.grantId}/signature`, body: { side: 'x' }, expect: e(303, 400, 400, 404, 404, 400, 404) },
  { route: 'POST /mobilisation/conventions/:id/versements', path: (w) => `/mobilisation/conventions/${w.grantId}/versements`, body: {}, expect: e(303, 403, 403, 404, 404, 400, 404) },
  { route: 'POST /mobilisation/conventions/:id/rapports/:reportId', path: (w) => `/mobilisation/conventions/${w.grantId}/rapports/${w.reportId}`, body: {}, expect: e(303, 403, 409, 404, 404, 403, 404) },
  // transparency (pages)
  { route: 'GET /mobilisation/fonds/:id/transparence', path: (w) => `/mobilisation/fonds/${w.fundId}/transparence`, expect: PUBLIC },
  { route: 'GET /mobilisation/fonds/:id/subventions.csv', path: (w) => `/mobilisation/fonds/${w.fundId}/subventions.csv`, expect: PUBLIC },
  // API: applications
  { route: 'POST /api/v1/mobilisation/project-calls/:id/applications', path: (w) => `/api/v1/mobilisation/project-calls/${w.reviewCallId}/applications`, body: {}, expect: e(401, 400, 400, 400, 400, 400, 400) },
  { route: 'GET /api/v1/mobilisation/applications/:id', path: (w) => `/api/v1/mobilisation/applications/${w.applicationId}`, expect: e(401, 200, 200, 200, 404, 200, 404) },
  { route: 'PUT /api/v1/mobilisation/applications/:id', path: (w) => `/api/v1/mobilisation/applications/${w.applicationId}`, body: {}, expect: e(401, 403, 400, 403, 404, 403, 404) },
  { route: 'POST /api/v1/mobilisation/applications/:id/submit', path: (w) => `/api/v1/mobilisation/applications/${w.applicationId}/submit`, expect: e(401, 403, 409, 403, 404, 403, 404) },
  { route: 'POST /api/v1/mobilisation/applications/:id/withdraw', path: (w) => `/api/v1/mobilisation/applications/${w.applicationId}/withdraw`, body: { reason: LONG }, expect: e(401, 403, 400, 403, 404, 403, 404) },
  // API: selection
  { route: 'PUT /api/v1/mobilisation/applications/:id/review', path: (w) => `/api/v1/mobilisation/applications/${w.applicationId}/review`, body: { scores: [{ position: 1, score: 9 }], submit: true }, expect: e(401, 403, 403, 400, 404, 403, 404) },
  { route: 'POST /api/v1/mobilisation/applications/:id/conflicts', path: (w) => `/api/v1/mobilisation/applications/${w.applicationId}/conflicts`, body: { reason: 'x' }, expect: e(401, 403, 403, 400, 404, 403, 404) },
  { route: 'PUT /api/v1/mobilisation/applications/:id/decision', path: (w) => `/api/v1/mobilisation/applications/${w.applicationId}/decision`, body: { outcome: 'funded', amount: '1,234', reasons: 'Des raisons suffisantes.' }, expect: e(401, 403, 403, 403, 404, 400, 404) },
  { route: 'GET /api/v1/mobilisation/project-calls/:id/deliberation', path: (w) => `/api/v1/mobilisation/project-calls/${w.reviewCallId}/deliberation`, expect: e(401, 403, 403, 403, 200, 200, 403) },
  { route: 'POST /api/v1/mobilisation/project-calls/:id/decisions/publish', path: (w) => `/api/v1/mobilisation/project-calls/${w.reviewCallId}/decisions/publish`, body: {}, expect: e(401, 403, 403, 403, 403, 409, 403) },
  // API: grants
  { route: 'GET /api/v1/mobilisation/grants/:id', path: (w) => `/api/v1/mobilisation/grants/${w.grantId}`, expect: e(401, 200, 200, 404, 404, 200, 404) },
  { route: 'PUT /api/v1/mobilisation/grants/:id', path: (w) => `/api/v1/mobilisation/grants/${w.grantId}`, body: {}, expect: e(401, 403, 403, 404, 404, 400, 404) },
  { route: 'POST /api/v1/mobilisation/grants/:id/signatures', path: (w) => `/api/v1/mobilisation/grants/${w.grantId}/signatures`, body: { side: 'x' }, expect: e(401, 400, 400, 404, 404, 400, 404) },
  { route: 'POST /api/v1/mobilisation/grants/:id/payments', path: (w) => `/api/v1/mobilisation/grants/${w.grantId}/payments`, body: {}, expect: e(401, 403, 403, 404, 404, 400, 404) },
  { route: 'POST /api/v1/mobilisation/grants/:id/reports/:reportId/round', path: (w) => `/api/v1/mobilisation/grants/${w.grantId}/reports/${w.reportId}/round`, body: {}, expect: e(401, 403, 409, 404, 404, 403, 404) },
  { route: 'GET /api/v1/mobilisation/funds/:id/grants', path: (w) => `/api/v1/mobilisation/funds/${w.fundId}/grants`, expect: PUBLIC },
  { route: 'GET /api/v1/mobilisation/funds/:id/scdl', path: (w) => `/api/v1/mobilisation/funds/${w.fundId}/scdl`, expect: PUBLIC },
]

/** The routes the matrix covers, as in the route inventory. */
export const RIGHTS_ROUTES = SELECTION_RIGHTS.map((r) => r.route)
