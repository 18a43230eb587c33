/**
 * The rights of the vocabulary feature's routes: public reading, the same answer for every kind of person (anonymous,
 * signed in, member of an organisation, platform admin). Run by `vocabulary.rights.test.ts` on both databases.
 */

/** The routes with the path the matrix requests. */
export const ROUTES: Array<{ route: string; path: string }> = [
  { route: 'GET /lexique', path: '/lexique' },
  { route: 'GET /api/v1/vocabulary', path: '/api/v1/vocabulary' },
]

/** The routes the matrix covers, as `METHOD /url` keys of the route inventory. */
export const RIGHTS_ROUTES: string[] = ROUTES.map((r) => r.route)
