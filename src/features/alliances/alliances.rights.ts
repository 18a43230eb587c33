/**
 * The rights matrix of alliances, the model every feature copies: each alliance and partnership route × each
 * kind of person (anonymous, non-member, partner member, partner admin, coordinator admin, platform admin) ×
 * {public, partners-only alliance}, with the expected status of each cell. Write requests of people who may act
 * carry invalid input (400: the request got past the rights and changed nothing); the only accepted writes are
 * the answers to a proposed partnership and the deletion of a contribution through the API, sent last.
 * `alliances.rights.test.ts` runs it on both databases and checks that every refused request changed no row.
 *
 * `ACTING_FOR_TABLE` adds the rights that depend on the input: a valid request naming an organisation the person
 * is not a member of answers 404 (after validation), for every person who passes the rights of the URL.
 */
import type { AllianceFixture, AllianceWorld, Person } from '../../../test/helpers/alliances.js'

export type Visibility = 'public' | 'partners'
type Partner = 'partnerMember' | 'partnerAdmin' | 'coordinatorAdmin'
type Cells = Record<Person, number>

export interface RightsRoute {
  /** `METHOD /url` as in the route inventory */
  route: string
  path: (a: AllianceFixture, w: AllianceWorld) => string
  body?: (a: AllianceFixture, w: AllianceWorld) => Record<string, unknown>
  expect: (v: Visibility) => Cells
}

/**
 * Expected statuses: `anonymous` as given; the non-member and the platform admin get `outsider` on a public
 * alliance and 404 on a partners-only one; partners get `partners[person]`, or 403 when absent.
 */
function cells(v: Visibility, anonymous: number, outsider: number, partners: Partial<Record<Partner, number>>): Cells {
  const stranger = v === 'public' ? outsider : 404
  return {
    anonymous,
    nonMember: stranger,
    platformAdmin: stranger,
    partnerMember: partners.partnerMember ?? 403,
    partnerAdmin: partners.partnerAdmin ?? 403,
    coordinatorAdmin: partners.coordinatorAdmin ?? 403,
  }
}
const all = (status: number): Partial<Record<Partner, number>> => ({ partnerMember: status, partnerAdmin: status, coordinatorAdmin: status })
/** Pages anyone may see (public alliances) or partners only (the other): anonymous gets 404 when hidden. */
const publicView = (v: Visibility) => cells(v, v === 'public' ? 200 : 404, 200, all(200))
const everyone = (status: number, anonymous = status) => () => ({ anonymous, nonMember: status, platformAdmin: status, partnerMember: status, partnerAdmin: status, coordinatorAdmin: status })

/** Every alliance and partnership route with the status each kind of person gets, on each kind of alliance. */
export const RIGHTS_TABLE: RightsRoute[] = [
  { route: 'GET /alliances', path: () => '/alliances', expect: everyone(200) },
  { route: 'GET /alliances/carte', path: () => '/alliances/carte', expect: everyone(200) },
  { route: 'GET /alliances/territoires/:kind/:code/reseau', path: () => '/alliances/territoires/commune/94080/reseau', expect: everyone(200) },
  { route: 'GET /alliances/nouvelle', path: () => '/alliances/nouvelle', expect: everyone(200, 303) },
  { route: 'POST /alliances/nouvelle', path: () => '/alliances/nouvelle', body: () => ({ name: '' }), expect: everyone(400, 303) },
  { route: 'GET /alliances/:id', path: (a) => `/alliances/${a.id}`, expect: publicView },
  { route: 'GET /alliances/:id/modifier', path: (a) => `/alliances/${a.id}/modifier`, expect: (v) => cells(v, 303, 403, { coordinatorAdmin: 200 }) },
  { route: 'POST /alliances/:id/modifier', path: (a) => `/alliances/${a.id}/modifier`, body: () => ({ name: '' }), expect: (v) => cells(v, 303, 403, { coordinatorAdmin: 400 }) },
  { route: 'GET /alliances/:id/phase', path: (a) => `/alliances/${a.id}/phase`, expect: (v) => cells(v, 303, 403, { coordinatorAdmin: 200 }) },
  { route: 'POST /alliances/:id/phase', path: (a) => `/alliances/${a.id}/phase`, body: () => ({ phase: 'nope', on: '2025-01-01' }), expect: (v) => cells(v, 303, 403, { coordinatorAdmin: 400 }) },
  { route: 'GET /alliances/:id/partenaires', path: (a) => `/alliances/${a.id}/partenaires`, expect: publicView },
  { route: 'GET /alliances/:id/partenaires/inviter', path: (a) => `/alliances/${a.id}/partenaires/inviter?q=fondation`, expect: (v) => cells(v, 303, 403, { coordinatorAdmin: 200 }) },
  { route: 'POST /alliances/:id/partenaires', path: (a) => `/alliances/${a.id}/partenaires`, body: () => ({ organisation_id: 'x', role: 'partenaire' }), expect: (v) => cells(v, 303, 403, { coordinatorAdmin: 400 }) },
  { route: 'POST /alliances/:id/partenaires/:partnerId/accepter', path: (a) => `/alliances/${a.id}/partenaires/${a.partnerId.I}/accepter`, body: () => ({}), expect: (v) => cells(v, 303, 403, {}) },
  { route: 'POST /alliances/:id/partenaires/:partnerId/refuser', path: (a) => `/alliances/${a.id}/partenaires/${a.partnerId.I}/refuser`, body: () => ({}), expect: (v) => cells(v, 303, 403, {}) },
  { route: 'GET /alliances/:id/partenaires/:partnerId/role', path: (a) => `/alliances/${a.id}/partenaires/${a.partnerId.P}/role`, expect: (v) => cells(v, 303, 403, { coordinatorAdmin: 200 }) },
  { route: 'POST /alliances/:id/partenaires/:partnerId/role', path: (a) => `/alliances/${a.id}/partenaires/${a.partnerId.P}/role`, body: () => ({ role: 'chef' }), expect: (v) => cells(v, 303, 403, { coordinatorAdmin: 400 }) },
  { route: 'GET /alliances/:id/partenaires/:partnerId/apports', path: (a) => `/alliances/${a.id}/partenaires/${a.partnerId.P}/apports`, expect: (v) => cells(v, 303, 403, { partnerAdmin: 200 }) },
  { route: 'POST /alliances/:id/partenaires/:partnerId/apports', path: (a) => `/alliances/${a.id}/partenaires/${a.partnerId.P}/apports`, body: () => ({ brings_objectives: 'nope' }), expect: (v) => cells(v, 303, 403, { partnerAdmin: 400 }) },
  { route: 'POST /alliances/:id/partenaires/:partnerId/quitter', path: (a) => `/alliances/${a.id}/partenaires/${a.partnerId.P}/quitter`, body: () => ({ left_on: 'hier' }), expect: (v) => cells(v, 303, 403, { partnerAdmin: 400 }) },
  { route: 'GET /alliances/:id/charte', path: (a) => `/alliances/${a.id}/charte`, expect: publicView },
  { route: 'GET /alliances/:id/charte/modifier', path: (a) => `/alliances/${a.id}/charte/modifier`, expect: (v) => cells(v, 303, 403, { coordinatorAdmin: 200 }) },
  { route: 'POST /alliances/:id/charte', path: (a) => `/alliances/${a.id}/charte`, body: () => ({ principles: 'court' }), expect: (v) => cells(v, 303, 403, { coordinatorAdmin: 400 }) },
  { route: 'POST /alliances/:id/charte/signer', path: (a) => `/alliances/${a.id}/charte/signer`, body: () => ({ version: 'x' }), expect: (v) => cells(v, 303, 403, { partnerAdmin: 400, coordinatorAdmin: 400 }) },
  { route: 'GET /alliances/:id/contributions', path: (a) => `/alliances/${a.id}/contributions`, expect: publicView },
  { route: 'POST /alliances/:id/contributions', path: (a) => `/alliances/${a.id}/contributions`, body: (_a, w) => ({ organisation_id: w.org.P, contribution_type: 'benevolat', quantity: '3', contributed_on: '2025-01-01' }), expect: (v) => cells(v, 303, 403, all(400)) },
  { route: 'GET /alliances/:id/contributions/:contributionId/modifier', path: (a) => `/alliances/${a.id}/contributions/${a.contribution.P}/modifier`, expect: (v) => cells(v, 303, 403, { partnerMember: 200, partnerAdmin: 200 }) },
  { route: 'POST /alliances/:id/contributions/:contributionId/modifier', path: (a) => `/alliances/${a.id}/contributions/${a.contribution.P}/modifier`, body: () => ({ contribution_type: 'benevolat', unit: 'hours', quantity: '-4', contributed_on: '2025-01-01' }), expect: (v) => cells(v, 303, 403, { partnerMember: 400, partnerAdmin: 400 }) },
  { route: 'POST /alliances/:id/contributions/:contributionId/supprimer', path: (a) => `/alliances/${a.id}/contributions/${a.contribution.P}/supprimer`, body: () => ({}), expect: (v) => cells(v, 303, 403, { partnerMember: 400, partnerAdmin: 400 }) },
  { route: 'GET /alliances/:id/journal', path: (a) => `/alliances/${a.id}/journal`, expect: publicView },
  { route: 'GET /alliances/:id/journal/:entryId/modifier', path: (a) => `/alliances/${a.id}/journal/${a.journal.P}/modifier`, expect: (v) => cells(v, 303, 403, { partnerMember: 200, partnerAdmin: 200 }) },
  { route: 'POST /alliances/:id/journal/:entryId/modifier', path: (a) => `/alliances/${a.id}/journal/${a.journal.P}/modifier`, body: () => ({ kind: 'changement_phase', occurred_on: '2025-01-01', title: 'Entrée' }), expect: (v) => cells(v, 303, 403, { partnerMember: 400, partnerAdmin: 400 }) },
  { route: 'PATCH /api/v1/alliances/:id/journal/:entryId', path: (a) => `/api/v1/alliances/${a.id}/journal/${a.journal.P}`, body: () => ({ kind: 'jalon' }), expect: (v) => cells(v, 401, 403, { partnerMember: 400, partnerAdmin: 400 }) },
  { route: 'POST /alliances/:id/journal', path: (a) => `/alliances/${a.id}/journal`, body: (_a, w) => ({ organisation_id: w.org.P, kind: 'changement_phase', occurred_on: '2025-01-01', title: 'Entrée' }), expect: (v) => cells(v, 303, 403, all(400)) },
  { route: 'GET /partenariats/nouveau', path: (a) => `/partenariats/nouveau?alliance=${a.id}`, expect: (v) => cells(v, 303, 200, all(200)) },
  { route: 'POST /partenariats', path: () => '/partenariats', body: (a) => ({ alliance_id: a.id, organisation_a_id: 'x' }), expect: (v) => cells(v, 303, 400, all(400)) },
  { route: 'POST /partenariats/:id/terminer', path: (a) => `/partenariats/${a.partnership.confirmed}/terminer`, body: () => ({ ended_on: 'demain' }), expect: (v) => cells(v, 303, 403, { partnerAdmin: 400, coordinatorAdmin: 400 }) },
  { route: 'POST /api/v1/alliances/:id/partners/:partnerId/answer', path: (a) => `/api/v1/alliances/${a.id}/partners/${a.partnerId.I}/answer`, body: () => ({ accept: 'oui' }), expect: (v) => cells(v, 401, 403, {}) },
  { route: 'PUT /api/v1/alliances/:id/partners/:partnerId/role', path: (a) => `/api/v1/alliances/${a.id}/partners/${a.partnerId.P}/role`, body: () => ({ role: 'chef' }), expect: (v) => cells(v, 401, 403, { coordinatorAdmin: 400 }) },
  { route: 'PUT /api/v1/alliances/:id/partners/:partnerId/statement', path: (a) => `/api/v1/alliances/${a.id}/partners/${a.partnerId.P}/statement`, body: () => ({ brings_objectives: 'nope' }), expect: (v) => cells(v, 401, 403, { partnerAdmin: 400 }) },
  { route: 'POST /api/v1/alliances/:id/partners/:partnerId/leave', path: (a) => `/api/v1/alliances/${a.id}/partners/${a.partnerId.P}/leave`, body: () => ({ left_on: 'hier' }), expect: (v) => cells(v, 401, 403, { partnerAdmin: 400 }) },
  { route: 'POST /api/v1/alliances/:id/charter', path: (a) => `/api/v1/alliances/${a.id}/charter`, body: () => ({ principles: 'court' }), expect: (v) => cells(v, 401, 403, { coordinatorAdmin: 400 }) },
  { route: 'PATCH /api/v1/alliances/:id/contributions/:contributionId', path: (a) => `/api/v1/alliances/${a.id}/contributions/${a.contribution.P}`, body: () => ({ contribution_type: 'benevolat', unit: 'litres', quantity: '4', contributed_on: '2025-01-01' }), expect: (v) => cells(v, 401, 403, { partnerMember: 400, partnerAdmin: 400 }) },
  // The API validates the body first: an invalid proposal is a 400 for every signed-in person.
  { route: 'POST /api/v1/partnerships', path: () => '/api/v1/partnerships', body: (a) => ({ alliance_id: a.id, organisation_a_id: 'x' }), expect: everyone(400, 401) },
  { route: 'POST /api/v1/partnerships/:id/end', path: (a) => `/api/v1/partnerships/${a.partnership.confirmed}/end`, body: () => ({ ended_on: 'demain' }), expect: (v) => cells(v, 401, 403, { partnerAdmin: 400, coordinatorAdmin: 400 }) },
  { route: 'POST /api/v1/partnerships/:id/answer', path: (a) => `/api/v1/partnerships/${a.partnership.toConfirm}/answer`, body: () => ({ accept: 'oui' }), expect: () => ({ anonymous: 401, nonMember: 404, platformAdmin: 404, partnerMember: 403, partnerAdmin: 400, coordinatorAdmin: 403 }) },
  // Proposed partnerships are seen by their two sides only; their answer belongs to the second side's admins.
  { route: 'POST /partenariats/:id/confirmer', path: (a) => `/partenariats/${a.partnership.toConfirm}/confirmer`, body: () => ({}), expect: () => ({ anonymous: 303, nonMember: 404, platformAdmin: 404, partnerMember: 403, partnerAdmin: 303, coordinatorAdmin: 403 }) },
  { route: 'POST /partenariats/:id/refuser', path: (a) => `/partenariats/${a.partnership.toDecline}/refuser`, body: () => ({}), expect: () => ({ anonymous: 303, nonMember: 404, platformAdmin: 404, partnerMember: 403, partnerAdmin: 303, coordinatorAdmin: 403 }) },
  { route: 'GET /api/v1/alliances', path: () => '/api/v1/alliances', expect: everyone(200) },
  { route: 'GET /api/v1/alliances/:id', path: (a) => `/api/v1/alliances/${a.id}`, expect: publicView },
  { route: 'GET /api/v1/alliances/:id/partners', path: (a) => `/api/v1/alliances/${a.id}/partners`, expect: publicView },
  { route: 'GET /api/v1/alliances/:id/contributions', path: (a) => `/api/v1/alliances/${a.id}/contributions`, expect: publicView },
  { route: 'GET /api/v1/alliances/:id/journal', path: (a) => `/api/v1/alliances/${a.id}/journal`, expect: publicView },
  { route: 'GET /api/v1/alliances/:id/charter', path: (a) => `/api/v1/alliances/${a.id}/charter`, expect: publicView },
  { route: 'POST /api/v1/alliances', path: () => '/api/v1/alliances', body: () => ({ name: 'x' }), expect: everyone(400, 401) },
  { route: 'PATCH /api/v1/alliances/:id', path: (a) => `/api/v1/alliances/${a.id}`, body: () => ({ phase: 'nope' }), expect: (v) => cells(v, 401, 403, { coordinatorAdmin: 400 }) },
  { route: 'POST /api/v1/alliances/:id/partners', path: (a) => `/api/v1/alliances/${a.id}/partners`, body: () => ({ organisation_id: 'x' }), expect: (v) => cells(v, 401, 403, { coordinatorAdmin: 400 }) },
  { route: 'POST /api/v1/alliances/:id/contributions', path: (a) => `/api/v1/alliances/${a.id}/contributions`, body: (_a, w) => ({ organisation_id: w.org.P, contribution_type: 'benevolat', quantity: '2', contributed_on: '2025-01-01' }), expect: (v) => cells(v, 401, 403, all(400)) },
  { route: 'POST /api/v1/alliances/:id/journal', path: (a) => `/api/v1/alliances/${a.id}/journal`, body: () => ({ kind: 'jalon' }), expect: (v) => cells(v, 401, 403, all(400)) },
  { route: 'POST /api/v1/alliances/:id/charter/signatures', path: (a) => `/api/v1/alliances/${a.id}/charter/signatures`, body: () => ({ version: 'x' }), expect: (v) => cells(v, 401, 403, { partnerAdmin: 400, coordinatorAdmin: 400 }) },
  // Sent last: only the coordinator's organisation may delete its own contribution, which it does (204).
  { route: 'DELETE /api/v1/alliances/:id/contributions/:contributionId', path: (a) => `/api/v1/alliances/${a.id}/contributions/${a.contribution.C}`, expect: (v) => cells(v, 401, 403, { coordinatorAdmin: 204 }) },
]


/** The routes the matrix covers, `METHOD /url` as in the route inventory. */
export const RIGHTS_ROUTES: readonly string[] = RIGHTS_TABLE.map((r) => r.route)

/** A valid request that acts for an organisation named in its input. */
export interface ActingForRoute {
  route: string
  path: (a: AllianceFixture, w: AllianceWorld) => string
  /** the request, naming organisation `org` (one the person is not a member of) */
  body: (a: AllianceFixture, w: AllianceWorld, org: string) => Record<string, unknown>
  /** people who pass the rights of the URL (the others are the matrix's business) */
  people: Person[]
}

const contributors: Person[] = ['partnerMember', 'partnerAdmin', 'coordinatorAdmin']
const admins: Person[] = ['partnerAdmin', 'coordinatorAdmin']
const signedIn: Person[] = ['nonMember', 'partnerMember', 'partnerAdmin', 'coordinatorAdmin', 'platformAdmin']
const newAlliance = () => ({ name: 'Alliance au nom d’un autre', stakes: 'Des enjeux partagés par tous.', form: 'experimentation_collective', phase: 'emergence', started_on: '2025-03-01', visibility: 'public' })
const contribution = (org: string) => ({ organisation_id: org, contribution_type: 'benevolat', unit: 'hours', quantity: '3', contributed_on: '2025-01-01' })
const entry = (org: string) => ({ organisation_id: org, kind: 'jalon', occurred_on: '2025-01-01', title: 'Au nom d’un autre' })
const partnership = (w: AllianceWorld, org: string) => ({ organisation_a_id: org, organisation_b_id: w.org.P === org ? w.org.C : w.org.P, partnership_type: 'mecenat_nature', started_on: '2025-01-01' })

/** Routes whose input names the organisation acted for: 404 when the person is not one of its members. */
export const ACTING_FOR_TABLE: ActingForRoute[] = [
  { route: 'POST /alliances/nouvelle', path: () => '/alliances/nouvelle', body: (_a, _w, org) => ({ ...newAlliance(), territories: 'commune:94080', coordinator: org }), people: signedIn },
  { route: 'POST /api/v1/alliances', path: () => '/api/v1/alliances', body: (_a, _w, org) => ({ ...newAlliance(), territory_ids: ['commune:94080'], coordinator_organisation_id: org }), people: signedIn },
  { route: 'POST /alliances/:id/contributions', path: (a) => `/alliances/${a.id}/contributions`, body: (_a, _w, org) => contribution(org), people: contributors },
  { route: 'POST /api/v1/alliances/:id/contributions', path: (a) => `/api/v1/alliances/${a.id}/contributions`, body: (_a, _w, org) => contribution(org), people: contributors },
  { route: 'POST /alliances/:id/journal', path: (a) => `/alliances/${a.id}/journal`, body: (_a, _w, org) => entry(org), people: contributors },
  { route: 'POST /api/v1/alliances/:id/journal', path: (a) => `/api/v1/alliances/${a.id}/journal`, body: (_a, _w, org) => entry(org), people: contributors },
  { route: 'POST /alliances/:id/charte/signer', path: (a) => `/alliances/${a.id}/charte/signer`, body: (_a, _w, org) => ({ version: '1', organisation_id: org }), people: admins },
  { route: 'POST /api/v1/alliances/:id/charter/signatures', path: (a) => `/api/v1/alliances/${a.id}/charter/signatures`, body: (_a, _w, org) => ({ version: 1, organisation_id: org }), people: admins },
  { route: 'POST /partenariats', path: () => '/partenariats', body: (_a, w, org) => partnership(w, org), people: signedIn },
  { route: 'POST /api/v1/partnerships', path: () => '/api/v1/partnerships', body: (_a, w, org) => partnership(w, org), people: signedIn },
]
