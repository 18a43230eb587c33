/**
 * The catalogue of pages the browser and HTML-validity tests visit: one entry per GET route of the route
 * inventory that is not under `/api/` (`page-catalogue.test.ts` fails when a route has no entry, or when an
 * entry names a route that no longer exists). Each entry says either
 *
 * - `visit`: the kind of person who looks at the page, and either a fixed `url` or nothing, in which case the
 *   first link of the demo data matching the route is found by following links from that person's pages
 *   (a bounded crawl of GET links, see `page-crawl.ts`): a real page of real demo objects, never a made-up id;
 * - `notPage`: the route answers something other than an HTML page (a file, a redirect): why;
 * - `pending` (with `visit`): the page is visited and its faults are printed, but they do not fail the test yet:
 *   why (a feature being rewritten in another worktree); without `visit`, a page that cannot be reached from the
 *   demo data (a one-time link sent by e-mail).
 *
 * `main: true` marks the pages whose screenshots are written at 360 px and 1 280 px.
 */

/** Who looks: nobody signed in, the demo association's admin, the demo catalyst's admin, a platform admin. */
export type Persona = 'visitor' | 'association' | 'catalyseur' | 'admin'

export type CatalogueEntry =
  | { visit: Persona; url?: string; main?: boolean; pending?: string }
  | { notPage: string }
  | { pending: string; visit?: undefined }

/** Routes of features being converted in other worktrees: visited and reported, checked once the conversion lands. */
const REWRITE = 'feature being rewritten in another worktree; its faults fail the test once the conversion lands'

export const PAGE_CATALOGUE: Record<string, CatalogueEntry> = {
  // core
  'GET /langue/:locale': { notPage: 'sets the language cookie and redirects back' },
  'GET /healthz': { notPage: 'probe, plain text' },
  'GET /readyz': { notPage: 'probe, plain text' },
  // operations
  'GET /admin/taches': { visit: 'admin', url: '/admin/taches' },
  'GET /admin/courriels': { visit: 'admin', url: '/admin/courriels' },
  'GET /admin/courriels/:id': { visit: 'admin' },
  // home
  'GET /': { visit: 'visitor', url: '/', main: true },
  'GET /a-propos': { visit: 'visitor', url: '/a-propos' },
  // vocabulary
  'GET /lexique': { visit: 'visitor', url: '/lexique', main: true },
  // territories
  'GET /carte/departements.svg': { notPage: 'SVG outlines of the map, an image' },
  'GET /territoires': { visit: 'visitor', url: '/territoires?q=saint+etienne' },
  'GET /territoires/:kind/:code': { visit: 'visitor', url: '/territoires/ept/200057941', main: true },
  // organisations
  'GET /acteurs': { visit: 'visitor', url: '/acteurs', main: true },
  'GET /acteurs/nouveau': { visit: 'association', url: '/acteurs/nouveau' },
  'GET /acteurs/:id': { visit: 'visitor', main: true },
  'GET /acteurs/:id/modifier': { visit: 'association' },
  'GET /acteurs/:id/membres': { visit: 'association' },
  'GET /invitations/:token': { pending: 'reached only through the one-time link of an invitation e-mail' },
  'GET /admin/identifiants': { visit: 'admin', url: '/admin/identifiants' },
  // listening
  'GET /besoins': { visit: 'visitor', pending: REWRITE },
  'GET /besoins/nouveau': { visit: 'catalyseur', pending: REWRITE },
  'GET /besoins/:id': { visit: 'visitor', pending: REWRITE },
  'GET /besoins/:id/modifier': { visit: 'catalyseur', pending: REWRITE },
  'GET /besoins/:id/correspondances': { visit: 'visitor', pending: REWRITE },
  'GET /ressources': { visit: 'visitor', pending: REWRITE },
  'GET /ressources/nouvelle': { visit: 'catalyseur', pending: REWRITE },
  'GET /ressources/:id': { visit: 'visitor', pending: REWRITE },
  'GET /ressources/:id/modifier': { visit: 'catalyseur', pending: REWRITE },
  'GET /ressources/:id/correspondances': { visit: 'visitor', pending: REWRITE },
  'GET /recherche': { visit: 'visitor', pending: REWRITE },
  'GET /mises-en-relation': { visit: 'catalyseur', pending: REWRITE },
  'GET /mises-en-relation/nouvelle': { visit: 'catalyseur', pending: REWRITE },
  'GET /mises-en-relation/:id': { visit: 'catalyseur', pending: REWRITE },
  // notifications
  'GET /notifications': { visit: 'association', url: '/notifications' },
  'GET /notifications/:id/ouvrir': { notPage: 'marks the notification read and redirects to its page' },
  'GET /notifications/preferences': { visit: 'association', url: '/notifications/preferences' },
  'GET /desabonnement/:token': { pending: 'reached only through the signed link of an e-mail' },
  // alliances
  'GET /alliances': { visit: 'visitor', pending: REWRITE },
  'GET /alliances/carte': { visit: 'visitor', pending: REWRITE },
  'GET /alliances/nouvelle': { visit: 'catalyseur', pending: REWRITE },
  'GET /alliances/:id': { visit: 'visitor', pending: REWRITE },
  'GET /alliances/:id/modifier': { visit: 'catalyseur', pending: REWRITE },
  'GET /alliances/:id/phase': { visit: 'catalyseur', pending: REWRITE },
  'GET /alliances/:id/partenaires/inviter': { visit: 'catalyseur', pending: REWRITE },
  'GET /alliances/:id/partenaires/:partnerId/apports': { visit: 'catalyseur', pending: REWRITE },
  'GET /alliances/:id/charte': { visit: 'visitor', pending: REWRITE },
  'GET /alliances/:id/charte/modifier': { visit: 'catalyseur', pending: REWRITE },
  'GET /alliances/:id/contributions': { visit: 'visitor', pending: REWRITE },
  'GET /alliances/:id/contributions/:contributionId/modifier': { visit: 'catalyseur', pending: REWRITE },
  'GET /alliances/:id/journal/:entryId/modifier': { visit: 'catalyseur', pending: REWRITE },
  'GET /alliances/:id/journal': { visit: 'visitor', pending: REWRITE },
  'GET /partenariats/nouveau': { visit: 'catalyseur', pending: REWRITE },
  // accounts
  'GET /inscription': { visit: 'visitor', url: '/inscription' },
  'GET /connexion': { visit: 'visitor', url: '/connexion' },
  'GET /compte': { visit: 'association', url: '/compte' },
  'GET /compte/mes-donnees': { notPage: 'downloads the person’s data as a JSON file' },
  'GET /compte/supprimer': { visit: 'association', url: '/compte/supprimer' },
  'GET /inscription/verifiez': { visit: 'visitor', url: '/inscription/verifiez' },
  'GET /inscription/confirmer/:token': { pending: 'reached only through the one-time link of the verification e-mail' },
  'GET /connexion/code': { notPage: 'without a first step in progress it redirects to /connexion' },
  'GET /mot-de-passe-oublie': { visit: 'visitor', url: '/mot-de-passe-oublie' },
  'GET /mot-de-passe-oublie/envoye': { visit: 'visitor', url: '/mot-de-passe-oublie/envoye' },
  'GET /mot-de-passe-oublie/:token': { pending: 'reached only through the one-time link of the reset e-mail' },
  'GET /compte/securite': { visit: 'association', url: '/compte/securite' },
  'GET /compte/securite/totp': { visit: 'association', url: '/compte/securite/totp' },
  'GET /compte/securite/journal': { visit: 'association', url: '/compte/securite/journal' },
  'GET /admin/securite': { visit: 'admin', url: '/admin/securite' },
  // workspace
  'GET /mon-espace': { visit: 'association', url: '/mon-espace', main: true },
  // surveys
  'GET /enquetes': { visit: 'catalyseur', pending: REWRITE },
  'GET /enquetes/nouvelle': { visit: 'catalyseur', pending: REWRITE },
  'GET /enquetes/:id': { visit: 'catalyseur', pending: REWRITE },
  'GET /enquetes/:id/questions/:key': { visit: 'catalyseur', pending: REWRITE },
  'GET /enquetes/:id/apercu': { visit: 'catalyseur', pending: REWRITE },
  'GET /enquetes/:id/campagnes/nouvelle': { visit: 'catalyseur', pending: REWRITE },
  'GET /campagnes/:id': { visit: 'catalyseur', pending: REWRITE },
  'GET /campagnes/:id/redressement': { visit: 'catalyseur', pending: REWRITE },
  'GET /campagnes/:id/resultats': { visit: 'catalyseur', pending: REWRITE },
  'GET /campagnes/:id/microdonnees.csv': { notPage: 'CSV file' },
  'GET /repondre/:id': { visit: 'visitor', pending: REWRITE },
  'GET /repondre/:id/mes-reponses': { visit: 'visitor', pending: REWRITE },
  'GET /etudes': { visit: 'visitor', pending: REWRITE },
  'GET /etudes/:id': { visit: 'visitor', pending: REWRITE },
  'GET /etudes/:id/resultats.csv': { notPage: 'CSV file' },
  'GET /etudes/:id/resultats.json': { notPage: 'JSON file' },
  // catalysis
  'GET /espaces': { visit: 'visitor', pending: REWRITE },
  'GET /espaces/nouveau': { visit: 'catalyseur', pending: REWRITE },
  'GET /espaces/:id': { visit: 'visitor', pending: REWRITE },
  'GET /espaces/:id/modifier': { visit: 'catalyseur', pending: REWRITE },
  'GET /espaces/:id/equipe': { visit: 'visitor', pending: REWRITE },
  'GET /espaces/:id/activites/nouvelle': { visit: 'catalyseur', pending: REWRITE },
  'GET /espaces/:id/activites/:activityId/modifier': { visit: 'catalyseur', pending: REWRITE },
  'GET /espaces/:id/rapport/:year': { visit: 'visitor', pending: REWRITE },
  'GET /espaces/:id/liens': { visit: 'visitor', pending: REWRITE },
  'GET /espaces/:id/calendrier.ics': { notPage: 'iCalendar file' },
  'GET /rencontres': { visit: 'visitor', pending: REWRITE },
  'GET /rencontres/territoires/:kind/:code/calendrier.ics': { notPage: 'iCalendar file' },
  'GET /rencontres/nouvelle': { visit: 'catalyseur', pending: REWRITE },
  'GET /rencontres/:id/modifier': { visit: 'catalyseur', pending: REWRITE },
  'GET /rencontres/:id': { visit: 'visitor', pending: REWRITE },
  'GET /rencontres/:id/calendrier.ics': { notPage: 'iCalendar file' },
  'GET /rencontres/:id/invitations': { visit: 'catalyseur', pending: REWRITE },
  'GET /rencontres/:id/presences': { visit: 'catalyseur', pending: REWRITE },
  'GET /rencontres/:id/suites': { visit: 'catalyseur', pending: REWRITE },
  'GET /rencontres/:id/compte-rendu': { visit: 'catalyseur', pending: REWRITE },
  'GET /rencontres/:id/liens': { visit: 'visitor', pending: REWRITE },
  'GET /lieux': { visit: 'visitor', pending: REWRITE },
  'GET /lieux/nouveau': { visit: 'catalyseur', pending: REWRITE },
  'GET /lieux/:id': { visit: 'visitor', pending: REWRITE },
  'GET /lieux/:id/modifier': { visit: 'catalyseur', pending: REWRITE },
  'GET /espaces/:id/dialogues/nouveau': { visit: 'catalyseur', pending: REWRITE },
  'GET /dialogues/:id': { visit: 'visitor', pending: REWRITE },
  'GET /dialogues/:id/constats/nouveau': { visit: 'catalyseur', pending: REWRITE },
  'GET /dialogues/:id/constats/:findingId': { visit: 'catalyseur', pending: REWRITE },
  'GET /maturite': { visit: 'visitor', pending: REWRITE },
  'GET /maturite/modifier': { visit: 'catalyseur', pending: REWRITE },
}

/**
 * Faults found on a checked page but caused by a section another worktree is rewriting (the page composes
 * sections of several features): reported as pending with their owner and the fix, not failed, until then.
 */
export const FOREIGN_FAULTS: Array<{ route: string; match: RegExp; owner: string; fix: string }> = [
  {
    route: 'GET /territoires/:kind/:code',
    match: /“details” not allowed as child of element “figure”/,
    owner: 'alliances — views/NetworkFigure.tsx (the territory network section)',
    fix: 'move the <details class="table-alternative"> out of the <figure> (after it) or into its <figcaption>',
  },
]
