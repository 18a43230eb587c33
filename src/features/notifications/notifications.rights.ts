/** The routes of notifications covered by the rights matrix (`notifications.rights.test.ts`), as in the route inventory. */
export const RIGHTS_ROUTES = [
  'GET /notifications',
  'GET /notifications/:id/ouvrir',
  'POST /notifications/lues',
  'GET /notifications/preferences',
  'POST /notifications/preferences',
  'GET /desabonnement/:token',
  'POST /desabonnement/:token',
] as const
