/**
 * The rights matrix of organisations: every route of the feature (directory, profile, forms, members,
 * invitations, identifier review, API) with the status each kind of person gets. Writes of people who may act
 * carry invalid input (400: they got past the rights check and changed nothing), except the few writes that
 * have no input (withdraw an invitation, remove a member, verify, grant, refuse), which are accepted (303).
 * Run by `organisations.rights.test.ts` on both databases.
 */
/** The kinds of people of the matrix. */
export const PEOPLE = ['anonymous', 'outsider', 'member', 'admin', 'platformAdmin'] as const
export type Person = (typeof PEOPLE)[number]

/** What the routes of the matrix need: the organisation and the objects of its URLs. */
export interface RightsFixture {
  organisationId: string
  memberId: string
  /** a member removed by the admin's accepted request */
  removableId: string
  invitationId: string
  invitationToken: string
  claimToGrant: string
  claimToRefuse: string
}

export interface RightsRoute {
  /** `METHOD /url` as in the route inventory */
  route: string
  path: (f: RightsFixture) => string
  body?: Record<string, string>
  expect: Record<Person, number>
}

/** Statuses: anonymous (sign-in or 401), then outsider, member, admin, platform admin. */
const cells = (anonymous: number, outsider: number, member: number, admin: number, platformAdmin: number): Record<Person, number> => ({ anonymous, outsider, member, admin, platformAdmin })
const everyone = (status: number, anonymous = status) => cells(anonymous, status, status, status, status)
/** The organisation's private pages: 404 outside it, 403 for a member where only admins act. */
const admins = (admin: number, anonymous = 303) => cells(anonymous, 404, 403, admin, 404)
const members = (status: number) => cells(303, 404, status, status, 404)
const reviewers = (status: number) => cells(303, 404, 404, 404, status)

export const ROUTES: RightsRoute[] = [
  { route: 'GET /acteurs', path: () => '/acteurs', expect: everyone(200) },
  { route: 'GET /acteurs/nouveau', path: () => '/acteurs/nouveau', expect: everyone(200, 303) },
  { route: 'POST /acteurs/nouveau', path: () => '/acteurs/nouveau', body: { name: '' }, expect: everyone(400, 303) },
  { route: 'GET /acteurs/:id', path: (f) => `/acteurs/${f.organisationId}`, expect: everyone(200) },
  { route: 'GET /acteurs/:id/modifier', path: (f) => `/acteurs/${f.organisationId}/modifier`, expect: admins(200) },
  { route: 'POST /acteurs/:id/modifier', path: (f) => `/acteurs/${f.organisationId}/modifier`, body: { name: '' }, expect: admins(400) },
  { route: 'GET /acteurs/:id/membres', path: (f) => `/acteurs/${f.organisationId}/membres`, expect: members(200) },
  { route: 'POST /acteurs/:id/invitations', path: (f) => `/acteurs/${f.organisationId}/invitations`, body: { email: 'pas-une-adresse', role: 'chef' }, expect: admins(400) },
  { route: 'POST /acteurs/:id/invitations/:invitationId/retirer', path: (f) => `/acteurs/${f.organisationId}/invitations/${f.invitationId}/retirer`, body: {}, expect: admins(303) },
  { route: 'POST /acteurs/:id/membres/:userId/role', path: (f) => `/acteurs/${f.organisationId}/membres/${f.memberId}/role`, body: { role: 'chef' }, expect: admins(400) },
  { route: 'POST /acteurs/:id/membres/:userId/retirer', path: (f) => `/acteurs/${f.organisationId}/membres/${f.removableId}/retirer`, body: {}, expect: admins(303) },
  // The link is public; only the invited address accepts it (the invitation is for someone else: 403).
  { route: 'GET /invitations/:token', path: (f) => `/invitations/${f.invitationToken}`, expect: everyone(200) },
  { route: 'POST /invitations/:token', path: (f) => `/invitations/${f.invitationToken}`, body: {}, expect: everyone(403, 303) },
  { route: 'GET /admin/identifiants', path: () => '/admin/identifiants', expect: reviewers(200) },
  { route: 'POST /admin/identifiants/:id/verifier', path: (f) => `/admin/identifiants/${f.organisationId}/verifier`, body: {}, expect: reviewers(303) },
  { route: 'POST /admin/identifiants/revendications/:id/accorder', path: (f) => `/admin/identifiants/revendications/${f.claimToGrant}/accorder`, body: {}, expect: reviewers(303) },
  { route: 'POST /admin/identifiants/revendications/:id/refuser', path: (f) => `/admin/identifiants/revendications/${f.claimToRefuse}/refuser`, body: {}, expect: reviewers(303) },
  { route: 'GET /api/v1/organisations', path: () => '/api/v1/organisations', expect: everyone(200) },
  { route: 'GET /api/v1/organisations/:id', path: (f) => `/api/v1/organisations/${f.organisationId}`, expect: everyone(200) },
  { route: 'POST /api/v1/organisations', path: () => '/api/v1/organisations', body: { name: 'x' }, expect: everyone(400, 401) },
  // Rights before input: an invalid body from someone outside the organisation is a 404, not a 400.
  { route: 'PUT /api/v1/organisations/:id', path: (f) => `/api/v1/organisations/${f.organisationId}`, body: { name: 'x' }, expect: admins(400, 401) },
]

/** The routes the matrix covers, as `METHOD /url` keys of the route inventory. */
export const RIGHTS_ROUTES: string[] = ROUTES.map((r) => r.route)
