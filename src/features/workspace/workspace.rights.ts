/** The routes of « Mon espace » covered by the rights matrix (`workspace.rights.test.ts`), as in the route inventory. */
export const RIGHTS_ROUTES = ['GET /mon-espace'] as const
