/**
 * The catalogue of pages the browser and HTML-validity tests visit: one entry per GET route of the route
 * inventory that is not under `/api/` (`pages.test.ts` fails when a route has no entry, or when an entry
 * names a route that no longer exists). Each entry says either
 *
 * - `visit`: the kind of person who looks at the page, and either a fixed `url` or nothing, in which case the
 *   first link of the demo data matching the route is found by following links from that person's pages
 *   (a bounded crawl of GET links, see `page-crawl.ts`): a real page of real demo objects, never a made-up id;
 * - `notPage`: the route answers something other than an HTML page (a file, a redirect): why;
 * - `unreachable`: no link of the demo data leads to the page (a one-time link sent by e-mail, an object the
 *   demonstration does not hold): why. Every page that can be reached is visited and its faults fail the test.
 *
 * `main: true` marks the pages whose screenshots are written at 360 px and 1 280 px.
 */
import { demoId } from '../../src/features/demo/index.js'

/**
 * Who looks: nobody signed in, the demo association's admin, the demo catalyst's admin, the demo company's
 * admin (it holds a place and resources), a platform admin.
 */
export type Persona = 'visitor' | 'association' | 'catalyseur' | 'entreprise' | 'admin'

export type CatalogueEntry =
  | { visit: Persona; url?: string; main?: boolean }
  | { notPage: string }
  | { unreachable: string }

/** Why the pages of an alliance's evaluation and valuation are not visited. */
const PARTNERS_ONLY = 'for the partners of an alliance only; no demo persona is a partner of the evaluated alliance'

/** Why the pages of the demo fund's governance are not visited. */
const FUND_ONLY = 'for the demo fund’s admins, committee or reviewers only; no demo persona holds one of these roles'

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
  'GET /invitations/:token': { unreachable: 'reached only through the one-time link of an invitation e-mail' },
  'GET /admin/identifiants': { visit: 'admin', url: '/admin/identifiants' },
  // listening
  'GET /besoins': { visit: 'visitor' },
  'GET /besoins/nouveau': { visit: 'catalyseur' },
  'GET /besoins/:id': { visit: 'visitor' },
  'GET /besoins/:id/modifier': { visit: 'catalyseur' },
  'GET /besoins/:id/correspondances': { visit: 'visitor' },
  'GET /ressources': { visit: 'visitor' },
  'GET /ressources/nouvelle': { visit: 'catalyseur' },
  'GET /ressources/:id': { visit: 'visitor' },
  'GET /ressources/:id/modifier': { visit: 'entreprise' },
  'GET /ressources/:id/correspondances': { visit: 'visitor' },
  'GET /recherche': { visit: 'visitor' },
  'GET /mises-en-relation': { visit: 'catalyseur' },
  'GET /mises-en-relation/nouvelle': { visit: 'catalyseur' },
  'GET /mises-en-relation/:id': { visit: 'catalyseur' },
  // notifications
  'GET /notifications': { visit: 'association', url: '/notifications' },
  'GET /notifications/:id/ouvrir': { notPage: 'marks the notification read and redirects to its page' },
  'GET /notifications/preferences': { visit: 'association', url: '/notifications/preferences' },
  'GET /desabonnement/:token': { unreachable: 'reached only through the signed link of an e-mail' },
  // alliances
  'GET /alliances': { visit: 'visitor' },
  'GET /alliances/carte': { visit: 'visitor' },
  'GET /alliances/territoires/:kind/:code/reseau': { visit: 'visitor', url: '/alliances/territoires/ept/200057941/reseau' },
  'GET /alliances/nouvelle': { visit: 'catalyseur' },
  'GET /alliances/:id': { visit: 'visitor' },
  'GET /alliances/:id/modifier': { visit: 'catalyseur' },
  'GET /alliances/:id/phase': { visit: 'catalyseur' },
  'GET /alliances/:id/partenaires': { visit: 'visitor' },
  'GET /alliances/:id/partenaires/inviter': { visit: 'catalyseur' },
  'GET /alliances/:id/partenaires/:partnerId/apports': { visit: 'catalyseur' },
  'GET /alliances/:id/partenaires/:partnerId/role': { visit: 'catalyseur' },
  'GET /alliances/:id/charte': { visit: 'visitor' },
  'GET /alliances/:id/charte/modifier': { visit: 'catalyseur' },
  'GET /alliances/:id/contributions': { visit: 'visitor' },
  'GET /alliances/:id/contributions/:contributionId/modifier': { visit: 'catalyseur' },
  'GET /alliances/:id/journal/:entryId/modifier': { visit: 'catalyseur' },
  'GET /alliances/:id/journal': { visit: 'visitor' },
  'GET /partenariats/nouveau': { visit: 'catalyseur' },
  // accounts
  'GET /inscription': { visit: 'visitor', url: '/inscription' },
  'GET /connexion': { visit: 'visitor', url: '/connexion' },
  'GET /compte': { visit: 'association', url: '/compte' },
  'GET /compte/mes-donnees': { notPage: 'downloads the person’s data as a JSON file' },
  'GET /compte/supprimer': { visit: 'association', url: '/compte/supprimer' },
  'GET /inscription/verifiez': { visit: 'visitor', url: '/inscription/verifiez' },
  'GET /inscription/confirmer/:token': { unreachable: 'reached only through the one-time link of the verification e-mail' },
  'GET /connexion/code': { notPage: 'without a first step in progress it redirects to /connexion' },
  'GET /mot-de-passe-oublie': { visit: 'visitor', url: '/mot-de-passe-oublie' },
  'GET /mot-de-passe-oublie/envoye': { visit: 'visitor', url: '/mot-de-passe-oublie/envoye' },
  'GET /mot-de-passe-oublie/:token': { unreachable: 'reached only through the one-time link of the reset e-mail' },
  'GET /compte/securite': { visit: 'association', url: '/compte/securite' },
  'GET /compte/securite/totp': { visit: 'association', url: '/compte/securite/totp' },
  'GET /compte/securite/journal': { visit: 'association', url: '/compte/securite/journal' },
  'GET /admin/securite': { visit: 'admin', url: '/admin/securite' },
  // workspace
  'GET /mon-espace': { visit: 'association', url: '/mon-espace', main: true },
  // surveys
  'GET /enquetes': { visit: 'catalyseur' },
  'GET /enquetes/nouvelle': { visit: 'catalyseur' },
  'GET /enquetes/:id': { visit: 'catalyseur' },
  'GET /enquetes/:id/questions/:key': { unreachable: 'a question is edited while its questionnaire has no response; every demo questionnaire has some' },
  'GET /enquetes/:id/apercu': { visit: 'catalyseur' },
  'GET /enquetes/:id/campagnes/nouvelle': { visit: 'catalyseur' },
  'GET /campagnes/:id': { visit: 'catalyseur' },
  'GET /campagnes/:id/redressement': { visit: 'catalyseur' },
  'GET /campagnes/:id/resultats': { visit: 'catalyseur' },
  'GET /campagnes/:id/microdonnees.csv': { notPage: 'CSV file' },
  'GET /repondre/:id': { visit: 'association' },
  'GET /repondre/:id/mes-reponses': { visit: 'association' },
  'GET /etudes': { visit: 'visitor' },
  'GET /etudes/:id': { visit: 'visitor' },
  'GET /etudes/:id/resultats.csv': { notPage: 'CSV file' },
  'GET /etudes/:id/resultats.json': { notPage: 'JSON file' },
  // catalysis
  'GET /espaces': { visit: 'visitor' },
  'GET /espaces/nouveau': { visit: 'catalyseur' },
  'GET /espaces/:id': { visit: 'visitor' },
  'GET /espaces/:id/modifier': { visit: 'catalyseur' },
  'GET /espaces/:id/equipe': { visit: 'visitor' },
  'GET /espaces/:id/activites/nouvelle': { visit: 'catalyseur' },
  'GET /espaces/:id/activites/:activityId/modifier': { visit: 'catalyseur' },
  'GET /espaces/:id/rapport/:year': { visit: 'visitor' },
  'GET /espaces/:id/liens': { visit: 'visitor' },
  'GET /espaces/:id/calendrier.ics': { notPage: 'iCalendar file' },
  'GET /rencontres': { visit: 'visitor' },
  'GET /rencontres/territoires/:kind/:code/calendrier.ics': { notPage: 'iCalendar file' },
  'GET /rencontres/nouvelle': { visit: 'catalyseur' },
  'GET /rencontres/:id/modifier': { visit: 'catalyseur' },
  'GET /rencontres/:id': { visit: 'visitor' },
  'GET /rencontres/:id/calendrier.ics': { notPage: 'iCalendar file' },
  'GET /rencontres/:id/invitations': { visit: 'catalyseur' },
  'GET /rencontres/:id/presences': { visit: 'catalyseur' },
  'GET /rencontres/:id/suites': { visit: 'catalyseur' },
  'GET /rencontres/:id/compte-rendu': { visit: 'catalyseur' },
  'GET /rencontres/:id/liens': { visit: 'catalyseur' },
  'GET /lieux': { visit: 'visitor' },
  'GET /lieux/nouveau': { visit: 'catalyseur' },
  'GET /lieux/:id': { visit: 'visitor' },
  'GET /lieux/:id/modifier': { visit: 'entreprise' },
  'GET /espaces/:id/dialogues/nouveau': { visit: 'catalyseur' },
  'GET /dialogues/:id': { visit: 'catalyseur' },
  'GET /dialogues/:id/constats/nouveau': { visit: 'catalyseur' },
  'GET /dialogues/:id/constats/:findingId': { visit: 'catalyseur' },
  'GET /maturite': { visit: 'visitor' },
  'GET /maturite/modifier': { visit: 'admin' },
  // evaluation
  'GET /evaluation/:id': { unreachable: PARTNERS_ONLY },
  'GET /evaluation/:id/nouveau-temps': { unreachable: PARTNERS_ONLY },
  'GET /evaluation/:id/temps/:roundId': { unreachable: PARTNERS_ONLY },
  'GET /evaluation/:id/temps/:roundId/reponse/:organisationId': { unreachable: PARTNERS_ONLY },
  'GET /evaluation/:id/temps/:roundId/fiche': { unreachable: PARTNERS_ONLY },
  'GET /evaluation/:id/temps/:roundId/bilan': { visit: 'visitor' },
  'GET /evaluation/:id/temps/:roundId/bilan.json': { notPage: 'JSON file' },
  'GET /evaluation/:id/indicateurs': { unreachable: 'public, but linked only from the evaluation page of the partners' },
  'GET /evaluation/:id/indicateurs.csv': { notPage: 'CSV file' },
  'GET /evaluation/:id/indicateurs/nouveau': { unreachable: PARTNERS_ONLY },
  'GET /evaluation/:id/indicateurs/:indicatorId/modifier': { unreachable: PARTNERS_ONLY },
  // valuation
  'GET /valorisation': { visit: 'visitor', url: '/valorisation' },
  'GET /valorisation/baremes': { visit: 'visitor', url: '/valorisation/baremes' },
  'GET /valorisation/baremes/:tableId': { visit: 'visitor' },
  'GET /valorisation/baremes/nouveau': { visit: 'admin', url: '/valorisation/baremes/nouveau' },
  'GET /valorisation/alliances/:id': { visit: 'visitor' },
  'GET /valorisation/alliances/:id/bareme': { unreachable: PARTNERS_ONLY },
  'GET /valorisation/alliances/:id/baremes/nouveau': { unreachable: PARTNERS_ONLY },
  'GET /valorisation/alliances/:id/contributions/:contributionId': { unreachable: PARTNERS_ONLY },
  'GET /valorisation/organisations/:id': { visit: 'association' },
  'GET /valorisation/organisations/:id/contributions-donnees.csv': { notPage: 'CSV file' },
  'GET /valorisation/organisations/:id/contributions-recues.csv': { notPage: 'CSV file' },
  // practices
  'GET /pratiques': { visit: 'visitor', url: '/pratiques' },
  'GET /pratiques/flux.atom': { notPage: 'Atom feed' },
  'GET /pratiques/:id': { visit: 'visitor' },
  'GET /pratiques/:id/modifier': { unreachable: 'for the authors of a practice sheet only; no demo persona wrote one' },
  'GET /pratiques/:id/s-en-inspirer': { visit: 'association' },
  // mobilisation
  'GET /mobilisation/appels': { visit: 'visitor', url: '/mobilisation/appels' },
  'GET /mobilisation/appels/nouveau': { visit: 'catalyseur', url: '/mobilisation/appels/nouveau' },
  'GET /mobilisation/appels/:id': { unreachable: 'for a call to engage and its pledges, made at loading with new ids and linked only from lists the crawl does not reach within its budget; test/e2e/mobilisation.test.ts visits such pages with axe' },
  'GET /mobilisation/appels/:id/modifier': { unreachable: 'for the admins of the organisation that published the call only; no demo persona published one' },
  'GET /mobilisation/engagements/nouveau': { visit: 'entreprise', url: '/mobilisation/engagements/nouveau' },
  'GET /mobilisation/engagements/:id': { unreachable: 'for a call to engage and its pledges, made at loading with new ids and linked only from lists the crawl does not reach within its budget; test/e2e/mobilisation.test.ts visits such pages with axe' },
  'GET /mobilisation/engagements/:id/modifier': { unreachable: 'for the admins of a pledging company only; no demo persona pledges' },
  'GET /mobilisation/engagements/:id/realisations': { unreachable: 'for the members of a pledging company only; no demo persona pledges' },
  'GET /mobilisation/organisations/:id': { visit: 'visitor', url: `/mobilisation/organisations/${demoId('organisation:marne-numerique')}` },
  'GET /mobilisation/fonds': { visit: 'visitor', url: '/mobilisation/fonds' },
  'GET /mobilisation/fonds/nouveau': { visit: 'catalyseur', url: '/mobilisation/fonds/nouveau' },
  'GET /mobilisation/fonds/:id': { visit: 'visitor', url: `/mobilisation/fonds/${demoId('mobilisation:fund:marne-bois')}` },
  'GET /mobilisation/fonds/:id/modifier': { unreachable: FUND_ONLY },
  'GET /mobilisation/fonds/:id/grand-livre': { unreachable: FUND_ONLY },
  'GET /mobilisation/fonds/:id/appels-a-projets/nouveau': { unreachable: FUND_ONLY },
  'GET /mobilisation/fonds/:id/transparence': { visit: 'visitor', url: `/mobilisation/fonds/${demoId('mobilisation:fund:marne-bois')}/transparence` },
  'GET /mobilisation/fonds/:id/subventions.csv': { notPage: 'the SCDL Subventions 2.1.1 CSV file of a fund' },
  'GET /mobilisation/appels-a-projets': { visit: 'visitor', url: '/mobilisation/appels-a-projets' },
  'GET /mobilisation/appels-a-projets/:id': { visit: 'visitor', url: `/mobilisation/appels-a-projets/${demoId('mobilisation:project-call:marne-bois-2025')}` },
  'GET /mobilisation/appels-a-projets/:id/modifier': { unreachable: 'for the fund’s admins, on a draft call; the demo call is closed and no demo persona runs the fund' },
  'GET /mobilisation/appels-a-projets/:id/candidatures': { unreachable: FUND_ONLY },
  'GET /mobilisation/appels-a-projets/:id/deliberation': { unreachable: FUND_ONLY },
  'GET /mobilisation/candidatures/:id': { unreachable: 'for the applicants and the fund’s committee only; no demo persona applies or sits on it' },
  'GET /mobilisation/candidatures/:id/modifier': { unreachable: 'for the applicants, on a draft; the demo applications are all decided' },
  'GET /mobilisation/candidatures/:id/evaluation': { unreachable: FUND_ONLY },
  'GET /mobilisation/candidatures/:id/decision': { unreachable: FUND_ONLY },
  'GET /mobilisation/conventions/:id': { unreachable: 'for the fund’s admins and the funded alliance’s partners only; no demo persona is either' },
  'GET /mobilisation/territoires': { visit: 'visitor', url: '/mobilisation/territoires' },
  'GET /mobilisation/territoires/:kind/:code': { visit: 'visitor', url: '/mobilisation/territoires/ept/200057941' },
}
