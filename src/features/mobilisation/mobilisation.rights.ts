/**
 * The rights matrix of mobilisation: every route × {anonymous, someone of another organisation, member (not admin)
 * of the organisations concerned, their admin, platform admin} with the status each answers. The people who may
 * act send invalid input (an empty body, or a field too long) so that the matrix proves rights come before input
 * and that nothing is stored; refusals must change nothing either (`mobilisation.rights.test.ts`). Acts without
 * input (publish, close, leave the committee, create the questionnaire) are accepted for those who may act, each
 * on an object of its own.
 *
 * Linking contributions to a pledge is for every member of the pledging organisation (who record contributions in
 * alliances); changing or withdrawing the pledge is for its admins.
 *
 * In the fixture, `admin` administers the publishing local authority, the pledging company and the fund's host
 * foundation; `member` is a plain member of the three. The call (`draftCallId`) and the call for projects
 * (`projectCallId`) are drafts; `publishedCallId` is published; the pledge goes to the published call.
 */
export const PEOPLE = ['anonymous', 'outsider', 'member', 'admin', 'platformAdmin'] as const
export type Person = (typeof PEOPLE)[number]

export interface RightsFixture {
  draftCallId: string
  publishedCallId: string
  pledgeId: string
  companyId: string
  fundId: string
  chairId: string
  projectCallId: string
  /** objects the accepted acts change, one per act, so that the other cells see the fixture as described */
  callToPublishId: string
  callToCloseId: string
  apiCallToPublishId: string
  apiCallToCloseId: string
  fundToLeaveId: string
  projectCallForQuestionnaireId: string
  projectCallToPublishId: string
  apiProjectCallForQuestionnaireId: string
  apiProjectCallToPublishId: string
  /** an id that names nothing (applications and fulfilments need alliances: their own tests cover them) */
  unknownId: string
}

export interface RightsRoute {
  route: string
  path: (f: RightsFixture) => string
  body?: Record<string, unknown>
  expect: Record<Person, number>
}

const e = (anonymous: number, outsider: number, member: number, admin: number, platformAdmin: number): Record<Person, number> => ({ anonymous, outsider, member, admin, platformAdmin })
const PUBLIC = e(200, 200, 200, 200, 200)
const LONG = 'x'.repeat(1001)

export const ROUTES: RightsRoute[] = [
  // calls to engage (pages)
  { route: 'GET /mobilisation/appels', path: () => '/mobilisation/appels', expect: PUBLIC },
  { route: 'GET /mobilisation/appels/nouveau', path: () => '/mobilisation/appels/nouveau', expect: e(303, 200, 200, 200, 200) },
  { route: 'POST /mobilisation/appels/nouveau', path: () => '/mobilisation/appels/nouveau', body: {}, expect: e(303, 400, 400, 400, 400) },
  { route: 'GET /mobilisation/appels/:id', path: (f) => `/mobilisation/appels/${f.draftCallId}`, expect: e(404, 404, 200, 200, 404) },
  { route: 'GET /mobilisation/appels/:id/modifier', path: (f) => `/mobilisation/appels/${f.draftCallId}/modifier`, expect: e(303, 404, 403, 200, 404) },
  { route: 'POST /mobilisation/appels/:id/modifier', path: (f) => `/mobilisation/appels/${f.draftCallId}/modifier`, body: {}, expect: e(303, 404, 403, 400, 404) },
  { route: 'POST /mobilisation/appels/:id/publier', path: (f) => `/mobilisation/appels/${f.callToPublishId}/publier`, body: {}, expect: e(303, 404, 403, 303, 404) },
  { route: 'POST /mobilisation/appels/:id/cloturer', path: (f) => `/mobilisation/appels/${f.callToCloseId}/cloturer`, body: {}, expect: e(303, 403, 403, 303, 403) },
  // pledges (pages)
  { route: 'GET /mobilisation/engagements/nouveau', path: (f) => `/mobilisation/engagements/nouveau?appel=${f.publishedCallId}`, expect: e(303, 200, 200, 200, 200) },
  { route: 'POST /mobilisation/engagements', path: () => '/mobilisation/engagements', body: {}, expect: e(303, 400, 400, 400, 400) },
  { route: 'GET /mobilisation/engagements/:id', path: (f) => `/mobilisation/engagements/${f.pledgeId}`, expect: PUBLIC },
  { route: 'GET /mobilisation/engagements/:id/modifier', path: (f) => `/mobilisation/engagements/${f.pledgeId}/modifier`, expect: e(303, 403, 403, 200, 403) },
  { route: 'POST /mobilisation/engagements/:id/modifier', path: (f) => `/mobilisation/engagements/${f.pledgeId}/modifier`, body: {}, expect: e(303, 403, 403, 400, 403) },
  { route: 'POST /mobilisation/engagements/:id/retrait', path: (f) => `/mobilisation/engagements/${f.pledgeId}/retrait`, body: { reason: LONG }, expect: e(303, 403, 403, 400, 403) },
  { route: 'GET /mobilisation/engagements/:id/realisations', path: (f) => `/mobilisation/engagements/${f.pledgeId}/realisations`, expect: e(303, 403, 200, 200, 403) },
  { route: 'POST /mobilisation/engagements/:id/realisations', path: (f) => `/mobilisation/engagements/${f.pledgeId}/realisations`, body: {}, expect: e(303, 403, 400, 400, 403) },
  { route: 'POST /mobilisation/engagements/:id/realisations/:fulfilmentId/retirer', path: (f) => `/mobilisation/engagements/${f.pledgeId}/realisations/${f.unknownId}/retirer`, body: {}, expect: e(303, 403, 404, 404, 403) },
  { route: 'GET /mobilisation/organisations/:id', path: (f) => `/mobilisation/organisations/${f.companyId}`, expect: PUBLIC },
  // funds (pages)
  { route: 'GET /mobilisation/fonds', path: () => '/mobilisation/fonds', expect: PUBLIC },
  { route: 'GET /mobilisation/fonds/nouveau', path: () => '/mobilisation/fonds/nouveau', expect: e(303, 200, 200, 200, 200) },
  { route: 'POST /mobilisation/fonds/nouveau', path: () => '/mobilisation/fonds/nouveau', body: {}, expect: e(303, 400, 400, 400, 400) },
  { route: 'GET /mobilisation/fonds/:id', path: (f) => `/mobilisation/fonds/${f.fundId}`, expect: PUBLIC },
  { route: 'GET /mobilisation/fonds/:id/modifier', path: (f) => `/mobilisation/fonds/${f.fundId}/modifier`, expect: e(303, 403, 403, 200, 403) },
  { route: 'POST /mobilisation/fonds/:id/modifier', path: (f) => `/mobilisation/fonds/${f.fundId}/modifier`, body: {}, expect: e(303, 403, 403, 400, 403) },
  { route: 'GET /mobilisation/fonds/:id/grand-livre', path: (f) => `/mobilisation/fonds/${f.fundId}/grand-livre`, expect: e(303, 403, 403, 200, 403) },
  { route: 'POST /mobilisation/fonds/:id/promesses', path: (f) => `/mobilisation/fonds/${f.fundId}/promesses`, body: {}, expect: e(303, 400, 400, 400, 400) },
  { route: 'POST /mobilisation/fonds/:id/versements', path: (f) => `/mobilisation/fonds/${f.fundId}/versements`, body: {}, expect: e(303, 403, 403, 400, 403) },
  { route: 'POST /mobilisation/fonds/:id/engagements-hote', path: (f) => `/mobilisation/fonds/${f.fundId}/engagements-hote`, body: {}, expect: e(303, 403, 403, 400, 403) },
  { route: 'POST /mobilisation/fonds/:id/comite', path: (f) => `/mobilisation/fonds/${f.fundId}/comite`, body: {}, expect: e(303, 403, 403, 400, 403) },
  { route: 'POST /mobilisation/fonds/:id/comite/:userId/retirer', path: (f) => `/mobilisation/fonds/${f.fundToLeaveId}/comite/${f.chairId}/retirer`, body: {}, expect: e(303, 403, 403, 303, 403) },
  // calls for projects and applications (pages)
  { route: 'GET /mobilisation/appels-a-projets', path: () => '/mobilisation/appels-a-projets', expect: PUBLIC },
  { route: 'GET /mobilisation/fonds/:id/appels-a-projets/nouveau', path: (f) => `/mobilisation/fonds/${f.fundId}/appels-a-projets/nouveau`, expect: e(303, 403, 403, 200, 403) },
  { route: 'POST /mobilisation/fonds/:id/appels-a-projets/nouveau', path: (f) => `/mobilisation/fonds/${f.fundId}/appels-a-projets/nouveau`, body: {}, expect: e(303, 403, 403, 400, 403) },
  { route: 'GET /mobilisation/appels-a-projets/:id', path: (f) => `/mobilisation/appels-a-projets/${f.projectCallId}`, expect: e(404, 404, 404, 200, 404) },
  { route: 'GET /mobilisation/appels-a-projets/:id/modifier', path: (f) => `/mobilisation/appels-a-projets/${f.projectCallId}/modifier`, expect: e(303, 404, 404, 200, 404) },
  { route: 'POST /mobilisation/appels-a-projets/:id/modifier', path: (f) => `/mobilisation/appels-a-projets/${f.projectCallId}/modifier`, body: {}, expect: e(303, 404, 404, 400, 404) },
  { route: 'POST /mobilisation/appels-a-projets/:id/questionnaire', path: (f) => `/mobilisation/appels-a-projets/${f.projectCallForQuestionnaireId}/questionnaire`, body: {}, expect: e(303, 404, 404, 303, 404) },
  { route: 'POST /mobilisation/appels-a-projets/:id/publier', path: (f) => `/mobilisation/appels-a-projets/${f.projectCallToPublishId}/publier`, body: {}, expect: e(303, 404, 404, 303, 404) },
  { route: 'POST /mobilisation/appels-a-projets/:id/evaluateurs', path: (f) => `/mobilisation/appels-a-projets/${f.projectCallId}/evaluateurs`, body: {}, expect: e(303, 404, 404, 400, 404) },
  { route: 'POST /mobilisation/appels-a-projets/:id/evaluateurs/:userId/retirer', path: (f) => `/mobilisation/appels-a-projets/${f.projectCallId}/evaluateurs/${f.chairId}/retirer`, body: {}, expect: e(303, 404, 404, 404, 404) },
  { route: 'GET /mobilisation/appels-a-projets/:id/candidatures', path: (f) => `/mobilisation/appels-a-projets/${f.projectCallId}/candidatures`, expect: e(303, 404, 404, 200, 404) },
  { route: 'POST /mobilisation/appels-a-projets/:id/candidatures', path: (f) => `/mobilisation/appels-a-projets/${f.projectCallId}/candidatures`, body: {}, expect: e(303, 404, 404, 400, 404) },
  { route: 'GET /mobilisation/candidatures/:id', path: (f) => `/mobilisation/candidatures/${f.unknownId}`, expect: e(303, 404, 404, 404, 404) },
  { route: 'GET /mobilisation/candidatures/:id/modifier', path: (f) => `/mobilisation/candidatures/${f.unknownId}/modifier`, expect: e(303, 404, 404, 404, 404) },
  { route: 'POST /mobilisation/candidatures/:id/modifier', path: (f) => `/mobilisation/candidatures/${f.unknownId}/modifier`, body: {}, expect: e(303, 404, 404, 404, 404) },
  { route: 'POST /mobilisation/candidatures/:id/retrait', path: (f) => `/mobilisation/candidatures/${f.unknownId}/retrait`, body: {}, expect: e(303, 404, 404, 404, 404) },
  // dashboard (pages)
  { route: 'GET /mobilisation/territoires', path: () => '/mobilisation/territoires', expect: PUBLIC },
  { route: 'GET /mobilisation/territoires/:kind/:code', path: () => '/mobilisation/territoires/commune/94080', expect: PUBLIC },
  // API
  { route: 'GET /api/v1/mobilisation/calls', path: () => '/api/v1/mobilisation/calls', expect: PUBLIC },
  { route: 'GET /api/v1/mobilisation/calls/:id', path: (f) => `/api/v1/mobilisation/calls/${f.draftCallId}`, expect: e(404, 404, 200, 200, 404) },
  { route: 'GET /api/v1/mobilisation/calls/:id/pledges', path: (f) => `/api/v1/mobilisation/calls/${f.publishedCallId}/pledges`, expect: PUBLIC },
  { route: 'POST /api/v1/mobilisation/calls', path: () => '/api/v1/mobilisation/calls', body: {}, expect: e(401, 400, 400, 400, 400) },
  { route: 'PUT /api/v1/mobilisation/calls/:id', path: (f) => `/api/v1/mobilisation/calls/${f.draftCallId}`, body: {}, expect: e(401, 404, 403, 400, 404) },
  { route: 'POST /api/v1/mobilisation/calls/:id/publish', path: (f) => `/api/v1/mobilisation/calls/${f.apiCallToPublishId}/publish`, body: {}, expect: e(401, 404, 403, 200, 404) },
  { route: 'POST /api/v1/mobilisation/calls/:id/close', path: (f) => `/api/v1/mobilisation/calls/${f.apiCallToCloseId}/close`, body: {}, expect: e(401, 403, 403, 200, 403) },
  { route: 'GET /api/v1/mobilisation/pledges/:id', path: (f) => `/api/v1/mobilisation/pledges/${f.pledgeId}`, expect: PUBLIC },
  { route: 'GET /api/v1/mobilisation/organisations/:id/pledges', path: (f) => `/api/v1/mobilisation/organisations/${f.companyId}/pledges`, expect: PUBLIC },
  { route: 'POST /api/v1/mobilisation/pledges', path: () => '/api/v1/mobilisation/pledges', body: {}, expect: e(401, 400, 400, 400, 400) },
  { route: 'PATCH /api/v1/mobilisation/pledges/:id', path: (f) => `/api/v1/mobilisation/pledges/${f.pledgeId}`, body: {}, expect: e(401, 403, 403, 400, 403) },
  { route: 'POST /api/v1/mobilisation/pledges/:id/withdraw', path: (f) => `/api/v1/mobilisation/pledges/${f.pledgeId}/withdraw`, body: { reason: LONG }, expect: e(401, 403, 403, 400, 403) },
  { route: 'POST /api/v1/mobilisation/pledges/:id/fulfilments', path: (f) => `/api/v1/mobilisation/pledges/${f.pledgeId}/fulfilments`, body: {}, expect: e(401, 403, 400, 400, 403) },
  { route: 'DELETE /api/v1/mobilisation/pledges/:id/fulfilments/:fulfilmentId', path: (f) => `/api/v1/mobilisation/pledges/${f.pledgeId}/fulfilments/${f.unknownId}`, expect: e(401, 403, 404, 404, 403) },
  { route: 'GET /api/v1/mobilisation/funds', path: () => '/api/v1/mobilisation/funds', expect: PUBLIC },
  { route: 'GET /api/v1/mobilisation/funds/:id', path: (f) => `/api/v1/mobilisation/funds/${f.fundId}`, expect: PUBLIC },
  { route: 'GET /api/v1/mobilisation/funds/:id/ledger', path: (f) => `/api/v1/mobilisation/funds/${f.fundId}/ledger`, expect: e(401, 403, 403, 200, 403) },
  { route: 'POST /api/v1/mobilisation/funds', path: () => '/api/v1/mobilisation/funds', body: {}, expect: e(401, 400, 400, 400, 400) },
  { route: 'PUT /api/v1/mobilisation/funds/:id', path: (f) => `/api/v1/mobilisation/funds/${f.fundId}`, body: {}, expect: e(401, 403, 403, 400, 403) },
  { route: 'POST /api/v1/mobilisation/funds/:id/pledges', path: (f) => `/api/v1/mobilisation/funds/${f.fundId}/pledges`, body: {}, expect: e(401, 400, 400, 400, 400) },
  { route: 'POST /api/v1/mobilisation/funds/:id/payments', path: (f) => `/api/v1/mobilisation/funds/${f.fundId}/payments`, body: {}, expect: e(401, 403, 403, 400, 403) },
  { route: 'POST /api/v1/mobilisation/funds/:id/commitments', path: (f) => `/api/v1/mobilisation/funds/${f.fundId}/commitments`, body: {}, expect: e(401, 403, 403, 400, 403) },
  { route: 'POST /api/v1/mobilisation/funds/:id/committee', path: (f) => `/api/v1/mobilisation/funds/${f.fundId}/committee`, body: {}, expect: e(401, 403, 403, 400, 403) },
  { route: 'DELETE /api/v1/mobilisation/funds/:id/committee/:userId', path: (f) => `/api/v1/mobilisation/funds/${f.fundId}/committee/${f.unknownId}`, expect: e(401, 403, 403, 404, 403) },
  // API: calls for projects (the twins of the pages above: the same cells, 401 where a page sends to sign-in)
  { route: 'GET /api/v1/mobilisation/project-calls', path: () => '/api/v1/mobilisation/project-calls', expect: PUBLIC },
  { route: 'POST /api/v1/mobilisation/funds/:id/project-calls', path: (f) => `/api/v1/mobilisation/funds/${f.fundId}/project-calls`, body: {}, expect: e(401, 403, 403, 400, 403) },
  { route: 'GET /api/v1/mobilisation/project-calls/:id', path: (f) => `/api/v1/mobilisation/project-calls/${f.projectCallId}`, expect: e(404, 404, 404, 200, 404) },
  { route: 'PUT /api/v1/mobilisation/project-calls/:id', path: (f) => `/api/v1/mobilisation/project-calls/${f.projectCallId}`, body: {}, expect: e(401, 404, 404, 400, 404) },
  { route: 'POST /api/v1/mobilisation/project-calls/:id/questionnaire', path: (f) => `/api/v1/mobilisation/project-calls/${f.apiProjectCallForQuestionnaireId}/questionnaire`, body: {}, expect: e(401, 404, 404, 201, 404) },
  { route: 'POST /api/v1/mobilisation/project-calls/:id/publish', path: (f) => `/api/v1/mobilisation/project-calls/${f.apiProjectCallToPublishId}/publish`, body: {}, expect: e(401, 404, 404, 200, 404) },
  { route: 'GET /api/v1/mobilisation/project-calls/:id/reviewers', path: (f) => `/api/v1/mobilisation/project-calls/${f.projectCallId}/reviewers`, expect: e(401, 404, 404, 200, 404) },
  { route: 'POST /api/v1/mobilisation/project-calls/:id/reviewers', path: (f) => `/api/v1/mobilisation/project-calls/${f.projectCallId}/reviewers`, body: {}, expect: e(401, 404, 404, 400, 404) },
  { route: 'DELETE /api/v1/mobilisation/project-calls/:id/reviewers/:userId', path: (f) => `/api/v1/mobilisation/project-calls/${f.projectCallId}/reviewers/${f.chairId}`, expect: e(401, 404, 404, 404, 404) },
  { route: 'GET /api/v1/mobilisation/territories', path: () => '/api/v1/mobilisation/territories', expect: PUBLIC },
  { route: 'GET /api/v1/mobilisation/territories/:kind/:code', path: () => '/api/v1/mobilisation/territories/commune/94080', expect: PUBLIC },
]

/**
 * Each act of the API on calls for projects and the page it is the twin of: their cells must agree (an anonymous
 * person sent to sign-in by a page gets 401 from the API; a form's 303 after an accepted act is the API's 2xx).
 */
export const PROJECT_CALL_TWINS: Record<string, string> = {
  'GET /api/v1/mobilisation/project-calls': 'GET /mobilisation/appels-a-projets',
  'POST /api/v1/mobilisation/funds/:id/project-calls': 'POST /mobilisation/fonds/:id/appels-a-projets/nouveau',
  'GET /api/v1/mobilisation/project-calls/:id': 'GET /mobilisation/appels-a-projets/:id',
  'PUT /api/v1/mobilisation/project-calls/:id': 'POST /mobilisation/appels-a-projets/:id/modifier',
  'POST /api/v1/mobilisation/project-calls/:id/questionnaire': 'POST /mobilisation/appels-a-projets/:id/questionnaire',
  'POST /api/v1/mobilisation/project-calls/:id/publish': 'POST /mobilisation/appels-a-projets/:id/publier',
  // the reviewers are listed to those who run the call, as its edit page
  'GET /api/v1/mobilisation/project-calls/:id/reviewers': 'GET /mobilisation/appels-a-projets/:id/modifier',
  'POST /api/v1/mobilisation/project-calls/:id/reviewers': 'POST /mobilisation/appels-a-projets/:id/evaluateurs',
  'DELETE /api/v1/mobilisation/project-calls/:id/reviewers/:userId': 'POST /mobilisation/appels-a-projets/:id/evaluateurs/:userId/retirer',
}

/** The routes the matrix covers, as in the route inventory. */
export const RIGHTS_ROUTES = ROUTES.map((r) => r.route)
