/** The routes of the operators' console covered by the rights matrix (`operations.rights.test.ts`), as in the route inventory. */
export const RIGHTS_ROUTES = [
  'GET /admin/taches',
  'POST /admin/taches/:queue/:id/rejouer',
  'GET /admin/courriels',
  'GET /admin/courriels/:id',
] as const
