/**
 * The rights of the home feature's routes: public reading, the same answer for every kind of person (anonymous,
 * signed in, member of an organisation, platform admin). Run by `home.rights.test.ts` on both databases.
 */

/** The routes with the path the matrix requests. */
export const ROUTES: Array<{ route: string; path: string }> = [
  { route: 'GET /', path: '/' },
  { route: 'GET /a-propos', path: '/a-propos' },
]

/** The routes the matrix covers, as `METHOD /url` keys of the route inventory. */
export const RIGHTS_ROUTES: string[] = ROUTES.map((r) => r.route)
