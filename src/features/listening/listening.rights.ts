/**
 * The rights matrix of listening: every route of the feature × each kind of person, with the expected status
 * (run on both databases by `listening.rights.test.ts`, which also proves that every refused request changed no
 * row). People: anonymous; a signed-in outsider (admin of an unrelated organisation); a platform admin (no
 * membership: platform powers give no right on organisations' listings); the admin of organisation B (the
 * resource's side); a member and the admin of organisation A (the need's side).
 *
 * The fixture: A's need, B's resources, and three requests from B to A about them — pending (to accept),
 * pending (to decline) and accepted (with its thread). Writes of people who may act carry invalid input (400:
 * past the rights, nothing written) except the creations (a valid body, so that acting for another
 * organisation is seen to answer 404) and the answers, sent by A's member then A's admin (409: answered).
 */
export const RIGHTS_PEOPLE = ['anonymous', 'outsider', 'platformAdmin', 'otherSide', 'member', 'admin'] as const
export type RightsPerson = (typeof RIGHTS_PEOPLE)[number]

/** What the matrix works on (ids). */
export interface ListeningFixture {
  org: { A: string; B: string }
  need: string
  resource: string
  requests: { pending: string; toDecline: string; accepted: string }
}

export interface RightsRoute {
  /** `METHOD /url` as in the route inventory */
  route: string
  path: (f: ListeningFixture) => string
  /** a form (pages) or a JSON body (API) */
  body?: (f: ListeningFixture) => Record<string, string | string[] | number | unknown[]>
  expect: Record<RightsPerson, number>
}

type Cells = Record<RightsPerson, number>

const everyone = (status: number, anonymous = status): Cells => ({ anonymous, outsider: status, platformAdmin: status, otherSide: status, member: status, admin: status })
/** The listing's organisation (A: the need's, B: the resource's) gets `owner`; other signed-in people `stranger`. */
const owned = (owner: 'A' | 'B', anonymous: number, stranger: number, status: number): Cells => ({
  anonymous,
  outsider: stranger,
  platformAdmin: stranger,
  otherSide: owner === 'B' ? status : stranger,
  member: owner === 'A' ? status : stranger,
  admin: owner === 'A' ? status : stranger,
})
/** The two sides of the requests (B asks, A receives) get `sides`; anyone else signed in `stranger`. */
const sides = (anonymous: number, stranger: number, status: number): Cells => ({ anonymous, outsider: stranger, platformAdmin: stranger, otherSide: status, member: status, admin: status })

const needForm = (f: ListeningFixture, overrides: Record<string, string | string[]> = {}) => ({
  organisation_id: f.org.A,
  title: 'Un besoin de la matrice',
  description: 'Une description assez longue pour la matrice des droits.',
  domain: 'sante',
  territory: 'commune:94080',
  types: ['benevolat'],
  horizon: 'court',
  ...overrides,
})
const resourceForm = (f: ListeningFixture, overrides: Record<string, string | string[]> = {}) => ({
  organisation_id: f.org.B,
  kind: 'ressource',
  title: 'Une ressource de la matrice',
  description: 'Une description assez longue pour la matrice des droits.',
  contribution_type: 'benevolat',
  ...overrides,
})
const needBody = (f: ListeningFixture) => ({ organisation_id: f.org.A, title: 'Un besoin de la matrice', description: 'Une description assez longue.', domain: 'sante', territory_id: 'commune:94080', contributions: [{ type: 'benevolat' }], horizon: 'court' })
const resourceBody = (f: ListeningFixture) => ({ organisation_id: f.org.B, kind: 'ressource', title: 'Une ressource de la matrice', description: 'Une description assez longue.', contribution_type: 'benevolat' })

export const RIGHTS_TABLE: RightsRoute[] = [
  { route: 'GET /besoins', path: () => '/besoins?q=besoin&domaine=nope', expect: everyone(200) },
  { route: 'GET /besoins/nouveau', path: () => '/besoins/nouveau', expect: everyone(200, 303) },
  // A valid need for A: others act for an organisation they do not belong to (404); A's people publish (303).
  { route: 'POST /besoins/nouveau', path: () => '/besoins/nouveau', body: (f) => needForm(f), expect: owned('A', 303, 404, 303) },
  { route: 'GET /besoins/:id', path: (f) => `/besoins/${f.need}`, expect: everyone(200) },
  { route: 'GET /besoins/:id/modifier', path: (f) => `/besoins/${f.need}/modifier`, expect: owned('A', 303, 404, 200) },
  { route: 'POST /besoins/:id/modifier', path: (f) => `/besoins/${f.need}/modifier`, body: (f) => needForm(f, { title: '' }), expect: owned('A', 303, 404, 400) },
  { route: 'GET /besoins/:id/correspondances', path: (f) => `/besoins/${f.need}/correspondances`, expect: everyone(200) },
  { route: 'GET /ressources', path: () => '/ressources?statut=perdu', expect: everyone(200) },
  { route: 'GET /ressources/nouvelle', path: () => '/ressources/nouvelle', expect: everyone(200, 303) },
  { route: 'POST /ressources/nouvelle', path: () => '/ressources/nouvelle', body: (f) => resourceForm(f), expect: owned('B', 303, 404, 303) },
  { route: 'GET /ressources/:id', path: (f) => `/ressources/${f.resource}`, expect: everyone(200) },
  { route: 'GET /ressources/:id/modifier', path: (f) => `/ressources/${f.resource}/modifier`, expect: owned('B', 303, 404, 200) },
  { route: 'POST /ressources/:id/modifier', path: (f) => `/ressources/${f.resource}/modifier`, body: (f) => resourceForm(f, { title: '' }), expect: owned('B', 303, 404, 400) },
  { route: 'GET /ressources/:id/correspondances', path: (f) => `/ressources/${f.resource}/correspondances`, expect: everyone(200) },
  { route: 'GET /recherche', path: () => '/recherche?q=besoin&odd=99', expect: everyone(200) },
  { route: 'GET /api/v1/needs', path: () => '/api/v1/needs?page=99', expect: everyone(200) },
  { route: 'GET /api/v1/needs/:id', path: (f) => `/api/v1/needs/${f.need}`, expect: everyone(200) },
  { route: 'GET /api/v1/needs/:id/matches', path: (f) => `/api/v1/needs/${f.need}/matches`, expect: everyone(200) },
  { route: 'POST /api/v1/needs', path: () => '/api/v1/needs', body: needBody, expect: owned('A', 401, 404, 201) },
  { route: 'PUT /api/v1/needs/:id', path: (f) => `/api/v1/needs/${f.need}`, body: (f) => ({ ...needBody(f), title: '   ' }), expect: owned('A', 401, 404, 400) },
  { route: 'GET /api/v1/resources', path: () => '/api/v1/resources?page=99', expect: everyone(200) },
  { route: 'GET /api/v1/resources/:id', path: (f) => `/api/v1/resources/${f.resource}`, expect: everyone(200) },
  { route: 'GET /api/v1/resources/:id/matches', path: (f) => `/api/v1/resources/${f.resource}/matches`, expect: everyone(200) },
  { route: 'POST /api/v1/resources', path: () => '/api/v1/resources', body: resourceBody, expect: owned('B', 401, 404, 201) },
  { route: 'PUT /api/v1/resources/:id', path: (f) => `/api/v1/resources/${f.resource}`, body: (f) => ({ ...resourceBody(f), title: 'x' }), expect: owned('B', 401, 404, 400) },
  { route: 'GET /mises-en-relation', path: () => '/mises-en-relation', expect: everyone(200, 303) },
  // The need and the resource are public: a person of neither side may see them, not ask (403).
  { route: 'GET /mises-en-relation/nouvelle', path: (f) => `/mises-en-relation/nouvelle?besoin=${f.need}&ressource=${f.resource}`, expect: sides(303, 403, 200) },
  { route: 'POST /mises-en-relation/nouvelle', path: () => '/mises-en-relation/nouvelle', body: (f) => ({ need_id: f.need, resource_id: f.resource, message: 'court' }), expect: sides(303, 403, 400) },
  { route: 'GET /mises-en-relation/:id', path: (f) => `/mises-en-relation/${f.requests.pending}`, expect: sides(303, 404, 200) },
  // Only the receiving side (A) answers; the asking side (B) may see but not answer (403).
  { route: 'POST /mises-en-relation/:id/accepter', path: (f) => `/mises-en-relation/${f.requests.pending}/accepter`, body: () => ({}), expect: { ...sides(303, 404, 0), otherSide: 403, member: 303, admin: 409 } },
  { route: 'POST /mises-en-relation/:id/refuser', path: (f) => `/mises-en-relation/${f.requests.toDecline}/refuser`, body: () => ({}), expect: { ...sides(303, 404, 0), otherSide: 403, member: 303, admin: 409 } },
  { route: 'POST /mises-en-relation/:id/messages', path: (f) => `/mises-en-relation/${f.requests.accepted}/messages`, body: () => ({ body: '' }), expect: sides(303, 404, 400) },
]

/** The routes the matrix covers (`METHOD /url`, as in the route inventory). */
export const RIGHTS_ROUTES: readonly string[] = RIGHTS_TABLE.map((r) => r.route)
