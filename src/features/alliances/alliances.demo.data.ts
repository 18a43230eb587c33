/**
 * The fictional alliances of the demonstration dataset, in the pilot territory (EPT Paris Est Marne et
 * Bois): a dozen alliances at different phases, between the demo organisations (by their keys), with
 * charters (some versions not yet signed by everyone), contributions over two to four years and journals.
 * Everything here is invented; dates are fixed so the dataset is the same on every installation.
 */
import type { MeetingFrequency } from './alliances.schemas.js'

export const EPT = 'ept:200057941'

/** What a partner gives, repeated `perYear` times a year between `min` and `max` (in units, not hundredths). */
export interface DemoGift {
  type: string
  unit: 'eur' | 'hours' | 'days' | 'people' | 'items' | 'm2'
  min: number
  max: number
  perYear: number
  description: string
}

export interface DemoPartner {
  org: string
  role: string
  joined: string
  left?: string
  leftReason?: string
  brings?: [string[], string]
  expects?: [string[], string]
  gives?: DemoGift[]
}

export interface DemoCharter {
  on: string
  principles: string
  governance: string
  frequency: MeetingFrequency
  review: string
  commitments: Record<string, string>
  /** organisations that signed, with the day */
  signed: Array<[org: string, on: string]>
}

export interface DemoAlliance {
  key: string
  name: string
  stakes: string
  description: string
  territories: string[]
  form: string
  visibility: 'public' | 'partners'
  sdgs: number[]
  targets: string[]
  levers: string[]
  started: string
  ended?: string
  /** phase changes after the first phase: [phase, day, note] */
  phases: Array<[string, string, string]>
  firstPhase: string
  partners: DemoPartner[]
  invited?: Array<[org: string, role: string, on: string]>
  charters: DemoCharter[]
  journal: Array<[on: string, org: string, kind: string, title: string, body: string]>
  /** recurring meetings written by the coordinator: title and months of the year */
  meetings?: { title: string; months: number[] }
  partnerships?: Array<[a: string, b: string, type: string, on: string, description: string]>
}

const PRINCIPLES_BASE =
  'Nous agissons côte à côte, chacun avec ce qu’il est : une collectivité, une entreprise, une association ne se remplacent pas, elles se complètent.\n\n' +
  'Nous nous faisons confiance et nous le montrons : chacun dit ce qu’il apporte et ce qu’il attend, et rend compte de ce qu’il a fait.\n\n' +
  'Nous partons des besoins des habitants, pas de nos solutions : ceux qui vivent la difficulté ont leur place à la table.\n\n' +
  'Nous prenons le temps qu’il faut, et nous consignons nos réussites comme nos difficultés pour apprendre ensemble.'

export const DEMO_ALLIANCES: DemoAlliance[] = [
  {
    key: 'numerique-pour-tous',
    name: 'Numérique pour tous à l’Est',
    stakes: 'Un habitant sur cinq du territoire renonce à une démarche en ligne faute d’équipement ou d’aide. Les seniors et les familles modestes sont les premiers touchés.',
    description: 'Des salariés d’une entreprise de services numériques, des bénévoles et des habitants reconditionnent des ordinateurs et animent des ateliers dans les maisons de quartier.',
    territories: [EPT],
    form: 'experimentation_collective',
    visibility: 'public',
    sdgs: [4, 10],
    targets: ['4.4', '10.2', '17.17'],
    levers: ['action', 'vision'],
    started: '2023-03-06',
    firstPhase: 'emergence',
    phases: [
      ['experimentation', '2023-09-18', 'Premiers ateliers à Vincennes et Fontenay : trente participants par mois.'],
      ['deploiement', '2025-01-13', 'Le comité décide d’ouvrir des ateliers dans six communes de l’EPT.'],
    ],
    partners: [
      { org: 'seniors-connectes', role: 'coordinateur', joined: '2023-03-06', brings: [['parties_prenantes'], 'Le lien avec les seniors et leurs familles, des bénévoles formés.'], expects: [['competences', 'ressources'], 'Des formateurs et du matériel pour répondre à la demande.'], gives: [{ type: 'benevolat', unit: 'hours', min: 20, max: 60, perYear: 6, description: 'Animation d’ateliers par les bénévoles' }] },
      { org: 'marne-numerique', role: 'partenaire', joined: '2023-03-20', brings: [['competences'], 'Des heures de mécénat de compétences de nos techniciens.'], expects: [['competences', 'parties_prenantes'], 'Engager nos salariés et mieux connaître le territoire.'], gives: [{ type: 'mecenat_competences', unit: 'hours', min: 12, max: 40, perYear: 5, description: 'Reconditionnement et formation des bénévoles' }, { type: 'mecenat_nature', unit: 'items', min: 10, max: 30, perYear: 1, description: 'Ordinateurs portables réformés' }] },
      { org: 'collectif-numerique', role: 'operateur', joined: '2023-04-02', brings: [['innovation'], 'Une méthode de reconditionnement éprouvée.'], expects: [['ressources'], 'Un local et des pièces détachées.'], gives: [{ type: 'benevolat', unit: 'hours', min: 10, max: 30, perYear: 4, description: 'Ateliers de reconditionnement' }] },
      { org: 'vincennes-vie-associative', role: 'financeur', joined: '2023-05-15', brings: [['ressources'], 'Une subvention et le prêt de salles.'], expects: [['parties_prenantes'], 'Un service rendu aux habitants les plus isolés.'], gives: [{ type: 'mecenat_financier', unit: 'eur', min: 3000, max: 6000, perYear: 1, description: 'Subvention annuelle' }, { type: 'lieu', unit: 'days', min: 4, max: 10, perYear: 2, description: 'Prêt de la salle des fêtes' }] },
      { org: 'iut-marne', role: 'expert', joined: '2024-02-01', brings: [['innovation', 'competences'], 'Des projets tutorés d’étudiants.'], expects: [['innovation'], 'Des cas concrets pour nos étudiants.'], gives: [{ type: 'expertise', unit: 'hours', min: 30, max: 80, perYear: 1, description: 'Projet tutoré : guide pédagogique' }] },
    ],
    invited: [['cafe-rencontre', 'partenaire', '2026-10-02']],
    charters: [
      { on: '2023-06-12', principles: PRINCIPLES_BASE, governance: 'Un comité des partenaires décide des lieux et du calendrier des ateliers. Seniors Connectés coordonne et rend compte chaque trimestre.', frequency: 'trimestrielle', review: '2024-06-30', commitments: { 'marne-numerique': 'Au moins 150 heures de mécénat de compétences par an.', 'vincennes-vie-associative': 'Une salle équipée deux samedis par mois.' }, signed: [['seniors-connectes', '2023-06-12'], ['marne-numerique', '2023-06-20'], ['collectif-numerique', '2023-06-21'], ['vincennes-vie-associative', '2023-07-03']] },
      { on: '2025-01-20', principles: PRINCIPLES_BASE + '\n\nNous ouvrons nos ateliers à toutes les communes du territoire, en commençant par les quartiers prioritaires.', governance: 'Le comité des partenaires se réunit chaque trimestre ; un référent par commune suit les ateliers. Les décisions se prennent au consensus.', frequency: 'trimestrielle', review: '2027-01-31', commitments: { 'marne-numerique': 'Au moins 200 heures de mécénat de compétences par an et 20 ordinateurs.', 'vincennes-vie-associative': 'Une salle équipée deux samedis par mois.', 'iut-marne': 'Un projet tutoré par an.' }, signed: [['seniors-connectes', '2025-01-20'], ['marne-numerique', '2025-01-27'], ['collectif-numerique', '2025-02-03'], ['vincennes-vie-associative', '2025-02-10'], ['iut-marne', '2025-02-11']] },
    ],
    meetings: { title: 'Comité des partenaires', months: [3, 6, 10, 12] },
    journal: [
      ['2023-03-06', 'seniors-connectes', 'reunion', 'Premier tour de table', 'Cinq organisations partagent le constat : les demandes d’aide au numérique explosent dans les permanences.'],
      ['2023-10-20', 'marne-numerique', 'resultat', '100 ordinateurs reconditionnés', 'Les cent premiers ordinateurs sont remis à des familles orientées par les centres sociaux.'],
      ['2024-04-11', 'collectif-numerique', 'difficulte', 'Pièces détachées introuvables', 'Faute de batteries, un tiers des machines attend. Le comité cherche un fournisseur solidaire.'],
      ['2024-05-02', 'seniors-connectes', 'decision', 'Achat groupé de batteries', 'Le comité décide un achat groupé financé par la subvention municipale.'],
      ['2025-06-30', 'seniors-connectes', 'resultat', '1 200 personnes accompagnées', 'Depuis le début, 1 200 personnes ont suivi au moins un atelier ; 40 % ont plus de 70 ans.'],
      ['2026-09-15', 'iut-marne', 'jalon', 'Guide pédagogique publié', 'Les étudiants publient un guide des ateliers, librement réutilisable.'],
    ],
    partnerships: [['marne-numerique', 'seniors-connectes', 'mecenat_competences', '2023-03-20', 'Heures de techniciens pour les ateliers']],
  },
  {
    key: 'chantiers-ecole',
    name: 'Chantiers-école du bâtiment',
    stakes: 'Les entreprises du bâtiment peinent à recruter tandis que des jeunes des quartiers restent sans qualification. Les clauses d’insertion des marchés publics sont mal utilisées.',
    description: 'Des chantiers réels, encadrés par des compagnons, forment des jeunes aux métiers du second œuvre avant une embauche.',
    territories: ['commune:94017', 'departement:94'],
    form: 'partenariats_organisations',
    visibility: 'public',
    sdgs: [8, 10, 11],
    targets: ['8.6', '8.5'],
    levers: ['action', 'gestion'],
    started: '2022-02-07',
    firstPhase: 'experimentation',
    phases: [
      ['deploiement', '2023-01-16', 'Trois promotions par an, avec les marchés de rénovation de la ville.'],
      ['essaimage', '2025-09-08', 'La fédération propose le modèle à deux autres départements.'],
    ],
    partners: [
      { org: 'batir-ensemble', role: 'coordinateur', joined: '2022-02-07', brings: [['competences', 'ressources'], 'Des chantiers, des compagnons tuteurs et des embauches.'], expects: [['competences', 'ressources'], 'Des recrues formées et fidèles.'], gives: [{ type: 'mecenat_competences', unit: 'days', min: 10, max: 25, perYear: 3, description: 'Tutorat de compagnons sur chantier' }] },
      { org: 'insertion-batiment', role: 'operateur', joined: '2022-02-07', brings: [['parties_prenantes', 'competences'], 'L’accompagnement social des jeunes.'], expects: [['ressources'], 'Des chantiers supports pour nos salariés en insertion.'], gives: [{ type: 'expertise', unit: 'hours', min: 40, max: 120, perYear: 2, description: 'Accompagnement socio-professionnel' }] },
      { org: 'champigny-insertion', role: 'financeur', joined: '2022-03-01', brings: [['ressources', 'parties_prenantes'], 'Les clauses d’insertion et l’orientation des jeunes.'], expects: [['parties_prenantes'], 'Des sorties vers l’emploi pour les jeunes de la ville.'], gives: [{ type: 'mecenat_financier', unit: 'eur', min: 15000, max: 25000, perYear: 1, description: 'Financement de la formation' }] },
      { org: 'fonds-dotation-batir', role: 'financeur', joined: '2022-06-01', gives: [{ type: 'mecenat_financier', unit: 'eur', min: 8000, max: 12000, perYear: 1, description: 'Bourses d’outillage' }] },
      { org: 'france-travail-nogent', role: 'partenaire', joined: '2022-09-12', brings: [['parties_prenantes'], 'Le repérage des candidats.'], expects: [['parties_prenantes'], 'Des parcours sans rupture.'], gives: [{ type: 'expertise', unit: 'hours', min: 8, max: 20, perYear: 3, description: 'Repérage et orientation des candidats' }] },
      { org: 'federation-batiment', role: 'expert', joined: '2023-04-03', brings: [['innovation'], 'La connaissance des métiers et du réseau des entreprises.'], expects: [['innovation'], 'Un modèle à proposer ailleurs.'], gives: [{ type: 'expertise', unit: 'hours', min: 10, max: 30, perYear: 2, description: 'Ingénierie de formation' }] },
    ],
    charters: [
      { on: '2022-04-04', principles: PRINCIPLES_BASE, governance: 'Un comité de pilotage réunit les financeurs et l’opérateur ; Bâtir Ensemble coordonne. Chaque jeune a un tuteur et un référent social.', frequency: 'bimestrielle', review: '2023-04-30', commitments: { 'batir-ensemble': 'Trois chantiers supports par an et l’embauche d’au moins la moitié des jeunes formés.', 'insertion-batiment': 'Un référent social pour huit jeunes.' }, signed: [['batir-ensemble', '2022-04-04'], ['insertion-batiment', '2022-04-04'], ['champigny-insertion', '2022-04-11']] },
      { on: '2023-05-22', principles: PRINCIPLES_BASE, governance: 'Le comité de pilotage décide des promotions ; un comité technique mensuel suit les jeunes. La fédération est associée à l’évaluation.', frequency: 'mensuelle', review: '2025-06-30', commitments: { 'batir-ensemble': 'Trois promotions par an, embauche d’au moins la moitié des jeunes.', 'insertion-batiment': 'Un référent social pour huit jeunes.', 'champigny-insertion': 'Les clauses d’insertion de tous les marchés de rénovation.' }, signed: [['batir-ensemble', '2023-05-22'], ['insertion-batiment', '2023-05-23'], ['champigny-insertion', '2023-06-01'], ['fonds-dotation-batir', '2023-06-05'], ['france-travail-nogent', '2023-06-08'], ['federation-batiment', '2023-06-12']] },
      { on: '2025-09-15', principles: PRINCIPLES_BASE + '\n\nNous transmettons notre modèle à qui veut l’adapter, sans le figer.', governance: 'Le comité de pilotage garde les décisions ; un groupe essaimage, animé par la fédération, accompagne les nouveaux territoires.', frequency: 'trimestrielle', review: '2026-12-31', commitments: { 'federation-batiment': 'Animer le groupe essaimage et documenter le modèle.' }, signed: [['batir-ensemble', '2025-09-15'], ['federation-batiment', '2025-09-16'], ['insertion-batiment', '2025-09-22']] },
    ],
    meetings: { title: 'Comité de pilotage', months: [2, 5, 9, 11] },
    journal: [
      ['2022-02-07', 'batir-ensemble', 'jalon', 'Première promotion : huit jeunes', 'Huit jeunes de Champigny commencent sur le chantier de l’école du Bois-l’Abbé.'],
      ['2022-07-01', 'insertion-batiment', 'resultat', 'Six sorties positives sur huit', 'Six jeunes signent un contrat, dont quatre en CDI.'],
      ['2023-11-14', 'batir-ensemble', 'difficulte', 'Chantier suspendu', 'Un retard de livraison suspend le chantier trois semaines ; les jeunes sont accueillis dans un autre chantier du réseau.'],
      ['2024-09-23', 'champigny-insertion', 'decision', 'Clauses d’insertion généralisées', 'La ville inscrit les heures d’insertion dans tous ses marchés de rénovation.'],
      ['2026-04-02', 'federation-batiment', 'jalon', 'Premier territoire d’essaimage', 'Une intercommunalité de Seine-et-Marne lance sa première promotion sur le même modèle.'],
    ],
    partnerships: [
      ['batir-ensemble', 'insertion-batiment', 'cooperation_economique', '2022-02-07', 'Sous-traitance d’insertion sur les chantiers'],
      ['fonds-dotation-batir', 'insertion-batiment', 'mecenat_financier', '2022-06-01', 'Bourses d’outillage'],
    ],
  },
  {
    key: 'anti-gaspi',
    name: 'Anti-gaspi des bords de Marne',
    stakes: 'Des invendus alimentaires sont jetés chaque soir pendant que les épiceries solidaires manquent de produits frais.',
    description: 'Une collecte quotidienne des invendus, un camion frigorifique partagé et un calendrier commun entre commerçants et associations.',
    territories: ['commune:94052', 'commune:94018', 'commune:94017'],
    form: 'experimentation_collective',
    visibility: 'public',
    sdgs: [2, 12],
    targets: ['12.3', '2.1'],
    levers: ['action'],
    started: '2024-05-13',
    firstPhase: 'emergence',
    phases: [['experimentation', '2024-10-07', 'Début de la collecte quotidienne sur trois communes.']],
    partners: [
      { org: 'supermarche-coop', role: 'coordinateur', joined: '2024-05-13', brings: [['parties_prenantes'], 'Nos invendus et nos coopérateurs bénévoles.'], expects: [['competences', 'ressources'], 'Moins de gaspillage, plus de sens pour nos membres.'], gives: [{ type: 'mecenat_nature', unit: 'items', min: 80, max: 200, perYear: 6, description: 'Cagettes d’invendus' }] },
      { org: 'boulangerie-deux-rives', role: 'partenaire', joined: '2024-06-03', gives: [{ type: 'mecenat_nature', unit: 'items', min: 30, max: 90, perYear: 5, description: 'Pains et viennoiseries' }] },
      { org: 'banque-alimentaire-locale', role: 'beneficiaire', joined: '2024-05-13', brings: [['parties_prenantes'], 'Les familles accompagnées et nos bénévoles de collecte.'], expects: [['ressources'], 'Des produits frais réguliers.'], gives: [{ type: 'benevolat', unit: 'hours', min: 20, max: 50, perYear: 6, description: 'Tournées de collecte' }] },
      { org: 'trait-d-union', role: 'beneficiaire', joined: '2024-06-10' },
      { org: 'logistique-seine-marne', role: 'partenaire', joined: '2024-09-02', brings: [['ressources'], 'Un camion frigorifique et un chauffeur le mardi.'], expects: [['competences'], 'Engager nos chauffeurs dans un projet local.'], gives: [{ type: 'mecenat_logistique', unit: 'days', min: 4, max: 10, perYear: 4, description: 'Camion frigorifique avec chauffeur' }] },
      { org: 'zero-dechet-est', role: 'expert', joined: '2024-05-13', left: '2025-12-15', leftReason: 'L’association recentre son action sur les écoles.', gives: [{ type: 'expertise', unit: 'hours', min: 6, max: 15, perYear: 2, description: 'Diagnostic des flux de déchets' }] },
      { org: 'lyon-cooperative', role: 'expert', joined: '2025-03-10', brings: [['innovation'], 'Notre expérience d’une plateforme d’achats responsables.'], expects: [['innovation'], 'Apprendre d’un autre territoire.'] },
    ],
    charters: [
      { on: '2024-11-04', principles: PRINCIPLES_BASE, governance: 'Un point hebdomadaire organise les tournées ; le comité mensuel décide des nouveaux points de collecte.', frequency: 'mensuelle', review: '2025-11-30', commitments: { 'supermarche-coop': 'Réserver chaque soir les invendus aux associations partenaires.', 'logistique-seine-marne': 'Un camion frigorifique avec chauffeur chaque mardi.' }, signed: [['supermarche-coop', '2024-11-04'], ['banque-alimentaire-locale', '2024-11-05'], ['logistique-seine-marne', '2024-11-12'], ['trait-d-union', '2024-11-18']] },
    ],
    meetings: { title: 'Comité des tournées', months: [1, 4, 7, 10] },
    journal: [
      ['2024-05-13', 'supermarche-coop', 'reunion', 'Rencontre au café de la Rencontre', 'Commerçants et associations comparent leurs calendriers : les invendus tombent le soir, les distributions le matin.'],
      ['2024-12-09', 'banque-alimentaire-locale', 'resultat', 'Quatre tonnes sauvées', 'En deux mois, quatre tonnes de produits frais distribuées au lieu d’être jetées.'],
      ['2025-02-17', 'supermarche-coop', 'difficulte', 'Chaîne du froid', 'Un contrôle sanitaire rappelle les règles de la chaîne du froid : les tournées du soir sont réorganisées.'],
      ['2025-12-15', 'supermarche-coop', 'decision', 'Nouveau point de collecte à Champigny', 'Le comité ajoute la boulangerie des Deux Rives à la tournée du jeudi.'],
    ],
  },
  {
    key: 'reussir-au-college',
    name: 'Réussir au collège ensemble',
    stakes: 'Au collège des Bords de Marne, un élève sur quatre n’a personne pour l’aider le soir ; les stages de troisième se trouvent par relation.',
    description: 'Du tutorat le soir par des étudiants et des salariés bénévoles, et une bourse aux stages de troisième ouverte à tous les élèves.',
    territories: ['commune:94042'],
    form: 'experimentation_collective',
    visibility: 'public',
    sdgs: [4, 10],
    targets: ['4.1'],
    levers: ['action', 'vision'],
    started: '2023-09-04',
    firstPhase: 'experimentation',
    phases: [['deploiement', '2024-09-02', 'Le tutorat devient hebdomadaire pour toutes les classes de quatrième et de troisième.']],
    partners: [
      { org: 'soutien-scolaire-marne', role: 'coordinateur', joined: '2023-09-04', gives: [{ type: 'benevolat', unit: 'hours', min: 40, max: 90, perYear: 4, description: 'Tutorat du soir' }] },
      { org: 'college-joinville', role: 'beneficiaire', joined: '2023-09-04', brings: [['parties_prenantes'], 'Les élèves, les familles et une salle.'], expects: [['parties_prenantes'], 'Des élèves plus confiants.'], gives: [{ type: 'lieu', unit: 'days', min: 15, max: 30, perYear: 1, description: 'Salle d’étude le soir' }] },
      { org: 'marne-numerique', role: 'partenaire', joined: '2023-10-02', gives: [{ type: 'benevolat', unit: 'hours', min: 10, max: 25, perYear: 3, description: 'Salariés tuteurs' }] },
      { org: 'groupe-assurances', role: 'financeur', joined: '2024-01-15', gives: [{ type: 'mecenat_financier', unit: 'eur', min: 5000, max: 9000, perYear: 1, description: 'Mécénat financier' }, { type: 'mecenat_competences', unit: 'hours', min: 20, max: 50, perYear: 2, description: 'Stages de troisième et simulations d’entretien' }] },
      { org: 'parents-ecoles', role: 'partenaire', joined: '2023-11-06' },
    ],
    charters: [
      { on: '2023-12-11', principles: PRINCIPLES_BASE, governance: 'Une réunion mensuelle au collège réunit les tuteurs, la principale et les parents.', frequency: 'mensuelle', review: '2026-12-31', commitments: { 'college-joinville': 'Une salle d’étude ouverte trois soirs par semaine.' }, signed: [['soutien-scolaire-marne', '2023-12-11'], ['college-joinville', '2023-12-12'], ['marne-numerique', '2023-12-18'], ['parents-ecoles', '2024-01-08'], ['groupe-assurances', '2024-02-05']] },
    ],
    meetings: { title: 'Réunion des tuteurs', months: [10, 1, 4] },
    journal: [
      ['2024-06-28', 'college-joinville', 'resultat', 'Brevet : +9 points de réussite', 'La réussite au brevet des élèves suivis progresse de neuf points sur l’année.'],
      ['2025-03-10', 'groupe-assurances', 'jalon', 'Bourse aux stages en ligne', 'Quarante entreprises proposent des stages de troisième à tous les élèves, sans relation.'],
    ],
  },
  {
    key: 'berges-vivantes',
    name: 'Berges vivantes',
    stakes: 'Les berges de la Marne s’abîment : déchets, érosion, espèces invasives. Les habitants y tiennent mais ne savent pas comment agir.',
    description: 'Un dialogue entre riverains, associations, collectivités et étudiants en design pour imaginer l’entretien partagé des berges.',
    territories: ['commune:94042', 'commune:94052', 'commune:94033'],
    form: 'dialogue_territorial',
    visibility: 'partners',
    sdgs: [6, 14, 15],
    targets: ['15.1', '6.6'],
    levers: ['vision'],
    started: '2025-04-14',
    firstPhase: 'emergence',
    phases: [],
    partners: [
      { org: 'amicale-pecheurs', role: 'coordinateur', joined: '2025-04-14', gives: [{ type: 'benevolat', unit: 'hours', min: 15, max: 40, perYear: 3, description: 'Nettoyages citoyens' }] },
      { org: 'benevoles-berges', role: 'partenaire', joined: '2025-04-14', gives: [{ type: 'benevolat', unit: 'people', min: 10, max: 30, perYear: 3, description: 'Bénévoles mobilisés' }] },
      { org: 'fontenay-transition', role: 'partenaire', joined: '2025-05-05' },
      { org: 'ecole-design', role: 'expert', joined: '2025-09-22', gives: [{ type: 'expertise', unit: 'hours', min: 40, max: 80, perYear: 1, description: 'Atelier de design de service' }] },
    ],
    charters: [
      { on: '2025-10-06', principles: PRINCIPLES_BASE, governance: 'Les décisions se prennent en assemblée des partenaires, ouverte aux riverains.', frequency: 'bimestrielle', review: '2026-10-31', commitments: {}, signed: [['amicale-pecheurs', '2025-10-06'], ['benevoles-berges', '2025-10-10']] },
    ],
    journal: [
      ['2025-04-14', 'amicale-pecheurs', 'reunion', 'Balade des berges', 'Vingt riverains et quatre organisations parcourent les berges et relèvent les points noirs.'],
      ['2025-11-20', 'ecole-design', 'resultat', 'Trois scénarios d’entretien partagé', 'Les étudiants présentent trois scénarios, discutés en assemblée.'],
      ['2026-06-12', 'amicale-pecheurs', 'difficulte', 'Qui est responsable de quoi ?', 'Les berges relèvent de plusieurs gestionnaires : le dialogue doit d’abord clarifier les responsabilités.'],
    ],
  },
  {
    key: 'mobilite-emploi',
    name: 'Mobilité vers l’emploi',
    stakes: 'Sans permis ni véhicule, des offres d’emploi en horaires décalés restent inaccessibles, en particulier dans la logistique.',
    description: 'Auto-école sociale, location de scooters et vélos à assistance électrique, covoiturage vers les zones d’activité.',
    territories: ['departement:94'],
    form: 'partenariats_organisations',
    visibility: 'public',
    sdgs: [8, 10, 11],
    targets: ['11.2', '8.5'],
    levers: ['action', 'gestion'],
    started: '2022-10-03',
    firstPhase: 'experimentation',
    phases: [['deploiement', '2024-03-04', 'Ouverture d’une deuxième antenne à Maisons-Alfort.']],
    partners: [
      { org: 'mobilite-solidaire', role: 'coordinateur', joined: '2022-10-03', gives: [{ type: 'expertise', unit: 'hours', min: 30, max: 80, perYear: 3, description: 'Diagnostics mobilité' }] },
      { org: 'france-travail-nogent', role: 'partenaire', joined: '2022-10-03', gives: [{ type: 'expertise', unit: 'hours', min: 10, max: 25, perYear: 3, description: 'Orientation des demandeurs d’emploi' }] },
      { org: 'logistique-seine-marne', role: 'financeur', joined: '2023-01-09', gives: [{ type: 'mecenat_financier', unit: 'eur', min: 10000, max: 20000, perYear: 1, description: 'Financement de permis' }] },
      { org: 'departement-solidarites', role: 'financeur', joined: '2022-11-14', gives: [{ type: 'mecenat_financier', unit: 'eur', min: 20000, max: 30000, perYear: 1, description: 'Subvention d’insertion' }] },
      { org: 'velo-est', role: 'operateur', joined: '2023-05-02', gives: [{ type: 'mecenat_nature', unit: 'items', min: 5, max: 15, perYear: 2, description: 'Vélos remis en état' }] },
    ],
    charters: [
      { on: '2023-02-06', principles: PRINCIPLES_BASE, governance: 'Un comité trimestriel décide des publics prioritaires ; Mobilité Solidaire 94 coordonne.', frequency: 'trimestrielle', review: '2026-03-31', commitments: { 'logistique-seine-marne': 'Financer vingt permis par an et recevoir les candidats en entretien.' }, signed: [['mobilite-solidaire', '2023-02-06'], ['france-travail-nogent', '2023-02-08'], ['logistique-seine-marne', '2023-02-13'], ['departement-solidarites', '2023-02-20']] },
      { on: '2026-04-13', principles: PRINCIPLES_BASE, governance: 'Un comité trimestriel décide des publics prioritaires ; chaque antenne a son comité local.', frequency: 'trimestrielle', review: '2028-03-31', commitments: { 'logistique-seine-marne': 'Financer vingt-cinq permis par an.', 'velo-est': 'Entretenir la flotte de vélos à assistance électrique.' }, signed: [['mobilite-solidaire', '2026-04-13'], ['velo-est', '2026-04-20']] },
    ],
    meetings: { title: 'Comité de suivi', months: [3, 6, 9, 12] },
    journal: [
      ['2023-06-30', 'mobilite-solidaire', 'resultat', '52 permis obtenus', 'Cinquante-deux permis obtenus la première année ; 70 % des bénéficiaires ont un emploi six mois après.'],
      ['2025-01-20', 'departement-solidarites', 'decision', 'Convention pluriannuelle', 'Le département s’engage pour trois ans.'],
    ],
    partnerships: [['logistique-seine-marne', 'mobilite-solidaire', 'pratiques_responsables', '2023-01-09', 'Recrutement de chauffeurs issus du dispositif']],
  },
  {
    key: 'vieillir-entoure',
    name: 'Vieillir connecté et entouré',
    stakes: 'L’isolement des personnes âgées s’aggrave après chaque épisode de canicule ou de confinement ; les acteurs se connaissent mal.',
    description: 'Un repérage partagé des personnes isolées, des visites de convivialité et un relais santé en pharmacie.',
    territories: ['commune:94068', 'commune:94069'],
    form: 'dialogue_territorial',
    visibility: 'public',
    sdgs: [3, 10],
    targets: ['3.4'],
    levers: ['vision', 'gestion'],
    started: '2024-01-15',
    firstPhase: 'emergence',
    phases: [
      ['experimentation', '2024-06-10', 'Premières visites de convivialité dans deux quartiers.'],
      ['en_pause', '2026-03-02', 'Le départ de la coordinatrice et la fin d’un financement imposent une pause ; les visites continuent dans un quartier.'],
    ],
    partners: [
      { org: 'saint-maur-seniors', role: 'coordinateur', joined: '2024-01-15', gives: [{ type: 'expertise', unit: 'hours', min: 10, max: 30, perYear: 2, description: 'Coordination et repérage' }] },
      { org: 'seniors-connectes', role: 'partenaire', joined: '2024-01-15' },
      { org: 'pharmacie-plateau', role: 'partenaire', joined: '2024-03-04', gives: [{ type: 'lieu', unit: 'm2', min: 6, max: 12, perYear: 1, description: 'Espace de confidentialité' }] },
      { org: 'fondation-sante-est', role: 'financeur', joined: '2024-04-08', gives: [{ type: 'mecenat_financier', unit: 'eur', min: 7000, max: 12000, perYear: 1, description: 'Soutien aux visites' }] },
      { org: 'hopital-saint-maurice', role: 'expert', joined: '2024-05-13' },
      { org: 'maison-des-associations', role: 'partenaire', joined: '2024-02-05', gives: [{ type: 'benevolat', unit: 'hours', min: 20, max: 40, perYear: 3, description: 'Visites de convivialité' }] },
    ],
    charters: [
      { on: '2024-06-17', principles: PRINCIPLES_BASE, governance: 'Un comité mensuel partage les situations repérées, dans le respect du secret.', frequency: 'mensuelle', review: '2025-06-30', commitments: {}, signed: [['saint-maur-seniors', '2024-06-17'], ['seniors-connectes', '2024-06-18'], ['pharmacie-plateau', '2024-06-20'], ['fondation-sante-est', '2024-06-24'], ['hopital-saint-maurice', '2024-07-01'], ['maison-des-associations', '2024-07-02']] },
      { on: '2025-07-07', principles: PRINCIPLES_BASE + '\n\nNous protégeons les informations sur les personnes : seul ce qui est nécessaire est partagé.', governance: 'Un comité mensuel ; un protocole écrit de partage d’informations.', frequency: 'mensuelle', review: '2026-07-31', commitments: {}, signed: [['saint-maur-seniors', '2025-07-07'], ['seniors-connectes', '2025-07-08'], ['pharmacie-plateau', '2025-07-15']] },
    ],
    meetings: { title: 'Comité de veille', months: [2, 5, 9, 11] },
    journal: [
      ['2024-08-20', 'saint-maur-seniors', 'resultat', 'Plan canicule coordonné', 'Pendant la canicule d’août, 180 personnes isolées sont appelées chaque jour.'],
      ['2025-11-03', 'fondation-sante-est', 'difficulte', 'Fin du financement', 'Le financement de la fondation arrive à son terme ; un relais est recherché.'],
    ],
  },
  {
    key: 'fabrique-transitions',
    name: 'Fabrique des transitions',
    stakes: 'Réparer, réemployer, produire de l’énergie localement : les initiatives existent mais restent éparpillées et fragiles.',
    description: 'Le tiers-lieu La Fabrique accueille un repair café, un atelier de design et un projet de centrale solaire citoyenne.',
    territories: ['commune:94017', EPT],
    form: 'experimentation_collective',
    visibility: 'public',
    sdgs: [7, 12, 13],
    targets: ['7.2', '12.5', '13.3'],
    levers: ['action', 'vision'],
    started: '2024-09-09',
    firstPhase: 'emergence',
    phases: [['experimentation', '2025-03-03', 'Le repair café s’installe au tiers-lieu ; étude de la toiture solaire.']],
    partners: [
      { org: 'tiers-lieu-la-fabrique', role: 'coordinateur', joined: '2024-09-09', gives: [{ type: 'lieu', unit: 'm2', min: 80, max: 150, perYear: 1, description: 'Atelier partagé' }] },
      { org: 'repair-cafe', role: 'operateur', joined: '2024-09-09', gives: [{ type: 'benevolat', unit: 'hours', min: 15, max: 35, perYear: 5, description: 'Samedis de réparation' }] },
      { org: 'energies-communes', role: 'expert', joined: '2024-10-14', gives: [{ type: 'expertise', unit: 'days', min: 2, max: 6, perYear: 2, description: 'Étude de la centrale solaire' }] },
      { org: 'ecole-design', role: 'partenaire', joined: '2025-01-13' },
      { org: 'groupe-energie-national', role: 'financeur', joined: '2025-02-03', gives: [{ type: 'mecenat_financier', unit: 'eur', min: 15000, max: 25000, perYear: 1, description: 'Amorçage de la centrale citoyenne' }] },
      { org: 'zero-dechet-est', role: 'partenaire', joined: '2024-09-09' },
      { org: 'lille-tiers-lieu', role: 'expert', joined: '2025-06-02' },
    ],
    invited: [['imprimerie-verte', 'partenaire', '2026-09-21']],
    charters: [
      { on: '2025-03-10', principles: PRINCIPLES_BASE, governance: 'Une assemblée du tiers-lieu chaque mois ; chaque projet a son binôme de pilotes.', frequency: 'mensuelle', review: '2026-03-31', commitments: {}, signed: [['tiers-lieu-la-fabrique', '2025-03-10'], ['repair-cafe', '2025-03-11'], ['energies-communes', '2025-03-17'], ['zero-dechet-est', '2025-03-20']] },
      { on: '2026-05-04', principles: PRINCIPLES_BASE + '\n\nNous faisons des habitants les propriétaires de la centrale solaire, à travers une société citoyenne.', governance: 'L’assemblée mensuelle décide ; la future société citoyenne aura sa propre gouvernance.', frequency: 'mensuelle', review: '2027-05-31', commitments: { 'groupe-energie-national': 'Financer l’amorçage sans prendre de parts dans la société citoyenne.' }, signed: [['tiers-lieu-la-fabrique', '2026-05-04']] },
    ],
    meetings: { title: 'Assemblée du tiers-lieu', months: [1, 3, 5, 9, 11] },
    journal: [
      ['2025-05-17', 'repair-cafe', 'resultat', '300 objets réparés', 'En trois mois, trois cents objets réparés au lieu d’être jetés.'],
      ['2026-02-09', 'energies-communes', 'decision', 'Toiture retenue', 'La toiture du gymnase est retenue pour la centrale citoyenne.'],
    ],
    partnerships: [['groupe-energie-national', 'energies-communes', 'innovation_societale', '2025-02-03', 'R&D partagée sur l’autoconsommation collective']],
  },
  {
    key: 'dialogue-marne-bois',
    name: 'Dialogue territorial Marne & Bois',
    stakes: 'Les acteurs du territoire se connaissent mal et multiplient les appels à projets concurrents ; le territoire veut un lieu de dialogue durable.',
    description: 'Un dialogue régulier entre l’EPT, les entreprises, les fondations et les associations, animé par la mission coopérations territoriales, avec une évaluation par un laboratoire.',
    territories: [EPT],
    form: 'dialogue_territorial',
    visibility: 'public',
    sdgs: [10, 11, 17],
    targets: ['17.17', '17.14'],
    levers: ['vision', 'gestion', 'action'],
    started: '2022-01-17',
    firstPhase: 'emergence',
    phases: [
      ['experimentation', '2022-09-05', 'Premiers ateliers thématiques : emploi, seniors, transitions.'],
      ['deploiement', '2023-10-02', 'Le dialogue devient semestriel et nourrit la stratégie de l’EPT.'],
    ],
    partners: [
      { org: 'ept-pemb-mission-cooperations', role: 'coordinateur', joined: '2022-01-17', gives: [{ type: 'expertise', unit: 'days', min: 10, max: 20, perYear: 2, description: 'Animation du dialogue' }] },
      { org: 'fondation-marne-solidaire', role: 'coordinateur', joined: '2022-01-17', gives: [{ type: 'mecenat_financier', unit: 'eur', min: 10000, max: 20000, perYear: 1, description: 'Fonds d’amorçage des projets' }] },
      { org: 'club-entreprises', role: 'partenaire', joined: '2022-02-14', gives: [{ type: 'benevolat', unit: 'hours', min: 10, max: 30, perYear: 2, description: 'Participation des dirigeants' }] },
      { org: 'reseau-solidarites', role: 'partenaire', joined: '2022-02-14' },
      { org: 'labo-territoires', role: 'expert', joined: '2022-06-13', gives: [{ type: 'expertise', unit: 'days', min: 5, max: 12, perYear: 1, description: 'Évaluation partenariale' }] },
      { org: 'banque-des-bords', role: 'financeur', joined: '2023-01-09', gives: [{ type: 'mecenat_financier', unit: 'eur', min: 8000, max: 15000, perYear: 1, description: 'Abondement du fonds' }] },
      { org: 'fondation-nationale-engagement', role: 'financeur', joined: '2023-03-06', gives: [{ type: 'mecenat_financier', unit: 'eur', min: 20000, max: 40000, perYear: 1, description: 'Ingénierie d’alliance' }] },
      { org: 'reseau-national-catalyseurs', role: 'expert', joined: '2023-09-11' },
      { org: 'nantes-fondation', role: 'expert', joined: '2024-05-06', left: '2025-06-30', leftReason: 'Fin de l’échange de pratiques prévu pour un an.' },
    ],
    charters: [
      { on: '2022-03-14', principles: PRINCIPLES_BASE, governance: 'Deux coordinateurs : l’EPT anime, la fondation finance. Un comité des partenaires deux fois par an.', frequency: 'semestrielle', review: '2023-12-31', commitments: {}, signed: [['ept-pemb-mission-cooperations', '2022-03-14'], ['fondation-marne-solidaire', '2022-03-14'], ['club-entreprises', '2022-03-21'], ['reseau-solidarites', '2022-03-28']] },
      { on: '2024-01-22', principles: PRINCIPLES_BASE + '\n\nNous évaluons ensemble ce que nous produisons, ce que chacun y gagne et l’équilibre entre nous.', governance: 'Comité semestriel des partenaires ; comité restreint des financeurs pour le fonds ; le laboratoire présente l’évaluation chaque année.', frequency: 'semestrielle', review: '2026-01-31', commitments: { 'labo-territoires': 'Une évaluation partenariale annuelle, partagée avec tous.', 'fondation-nationale-engagement': 'Trois ans de financement de l’ingénierie d’alliance.' }, signed: [['ept-pemb-mission-cooperations', '2024-01-22'], ['fondation-marne-solidaire', '2024-01-22'], ['club-entreprises', '2024-01-29'], ['reseau-solidarites', '2024-02-05'], ['labo-territoires', '2024-02-05'], ['banque-des-bords', '2024-02-12'], ['fondation-nationale-engagement', '2024-02-19'], ['reseau-national-catalyseurs', '2024-02-26']] },
      { on: '2026-02-02', principles: PRINCIPLES_BASE + '\n\nNous évaluons ensemble ce que nous produisons, ce que chacun y gagne et l’équilibre entre nous.', governance: 'Comité semestriel des partenaires ; comité des financeurs ; une assemblée annuelle ouverte aux habitants.', frequency: 'semestrielle', review: '2028-01-31', commitments: { 'labo-territoires': 'Une évaluation partenariale annuelle, partagée avec tous.' }, signed: [['ept-pemb-mission-cooperations', '2026-02-02'], ['fondation-marne-solidaire', '2026-02-03'], ['labo-territoires', '2026-02-09'], ['club-entreprises', '2026-02-16']] },
    ],
    meetings: { title: 'Comité des partenaires', months: [3, 10] },
    journal: [
      ['2022-01-17', 'ept-pemb-mission-cooperations', 'reunion', 'Dîner élus et entreprises', 'Trente décideurs publics et privés partagent les fragilités du territoire.'],
      ['2022-11-28', 'labo-territoires', 'resultat', 'Diagnostic partagé publié', 'Le diagnostic croise les regards de 45 organisations sur les fragilités et les atouts du territoire.'],
      ['2023-06-19', 'fondation-marne-solidaire', 'decision', 'Création d’un fonds d’amorçage', 'Les financeurs créent un fonds commun pour amorcer les projets issus du dialogue.'],
      ['2024-10-14', 'reseau-solidarites', 'difficulte', 'Essoufflement des associations', 'Les petites associations peinent à suivre le rythme : les réunions passent en fin de journée.'],
      ['2025-12-08', 'labo-territoires', 'resultat', 'Évaluation partenariale 2025', 'Innovation, performance, confiance : l’évaluation montre une confiance accrue entre mondes.'],
    ],
    partnerships: [
      ['banque-des-bords', 'fondation-marne-solidaire', 'mecenat_financier', '2023-01-09', 'Abondement du fonds territorial'],
      ['club-entreprises', 'reseau-solidarites', 'pratiques_responsables', '2023-05-15', 'Achats responsables auprès des structures d’insertion'],
    ],
  },
  {
    key: 'sport-handicap',
    name: 'Sport et handicap en bord de Marne',
    stakes: 'Les jeunes en situation de handicap pratiquent peu de sport, faute de transport adapté et d’encadrement.',
    description: 'Des séances mixtes, un transport adapté le samedi et la formation d’animateurs.',
    territories: ['commune:94046', 'commune:94069'],
    form: 'partenariats_organisations',
    visibility: 'public',
    sdgs: [3, 10],
    targets: [],
    levers: ['action'],
    started: '2022-04-04',
    ended: '2025-06-30',
    firstPhase: 'experimentation',
    phases: [
      ['deploiement', '2023-04-03', 'Séances chaque samedi dans deux gymnases.'],
      ['terminee', '2025-06-30', 'Les séances sont reprises par les clubs, l’alliance a atteint son but.'],
    ],
    partners: [
      { org: 'handisport-est', role: 'coordinateur', joined: '2022-04-04', gives: [{ type: 'expertise', unit: 'hours', min: 20, max: 50, perYear: 2, description: 'Formation des animateurs' }] },
      { org: 'sport-quartiers', role: 'partenaire', joined: '2022-04-04', gives: [{ type: 'benevolat', unit: 'hours', min: 20, max: 40, perYear: 3, description: 'Séances mixtes' }] },
      { org: 'maisons-alfort-jeunesse', role: 'partenaire', joined: '2022-05-02', gives: [{ type: 'lieu', unit: 'days', min: 10, max: 20, perYear: 1, description: 'Gymnase le samedi' }] },
      { org: 'logistique-seine-marne', role: 'financeur', joined: '2022-09-05', gives: [{ type: 'mecenat_logistique', unit: 'days', min: 10, max: 20, perYear: 1, description: 'Minibus adapté' }] },
    ],
    charters: [
      { on: '2022-05-09', principles: PRINCIPLES_BASE, governance: 'Un comité bimestriel ; les jeunes et leurs familles y sont invités.', frequency: 'bimestrielle', review: '2024-05-31', commitments: {}, signed: [['handisport-est', '2022-05-09'], ['sport-quartiers', '2022-05-10'], ['maisons-alfort-jeunesse', '2022-05-16'], ['logistique-seine-marne', '2022-09-12']] },
    ],
    journal: [
      ['2023-12-16', 'sport-quartiers', 'resultat', 'Tournoi inclusif', 'Un tournoi réunit quatre-vingts jeunes, valides et en situation de handicap.'],
      ['2025-06-28', 'handisport-est', 'jalon', 'Passage de relais aux clubs', 'Trois clubs reprennent les séances mixtes dans leur programme.'],
    ],
  },
  {
    key: 'femmes-entrepreneures',
    name: 'Femmes entrepreneures de l’Est',
    stakes: 'Les créatrices d’entreprise accèdent moins au crédit et aux réseaux ; beaucoup renoncent avant la deuxième année.',
    description: 'Mentorat, prêts d’honneur et vitrines éphémères chez les commerçants.',
    territories: [EPT],
    form: 'partenariats_organisations',
    visibility: 'partners',
    sdgs: [5, 8],
    targets: ['5.5', '8.3'],
    levers: ['action'],
    started: '2023-05-22',
    firstPhase: 'experimentation',
    phases: [['deploiement', '2024-05-13', 'Deuxième promotion de mentorées, ouverture des vitrines éphémères.']],
    partners: [
      { org: 'femmes-entrepreneures', role: 'coordinateur', joined: '2023-05-22', gives: [{ type: 'benevolat', unit: 'hours', min: 30, max: 60, perYear: 3, description: 'Mentorat' }] },
      { org: 'banque-des-bords', role: 'financeur', joined: '2023-05-22', gives: [{ type: 'mecenat_financier', unit: 'eur', min: 12000, max: 20000, perYear: 1, description: 'Prêts d’honneur' }] },
      { org: 'incubateur-ess', role: 'expert', joined: '2023-09-04', gives: [{ type: 'expertise', unit: 'days', min: 3, max: 8, perYear: 2, description: 'Accompagnement des projets' }] },
      { org: 'union-commercants', role: 'partenaire', joined: '2024-03-11', gives: [{ type: 'lieu', unit: 'm2', min: 20, max: 40, perYear: 1, description: 'Vitrines éphémères' }] },
    ],
    charters: [
      { on: '2023-07-03', principles: PRINCIPLES_BASE, governance: 'Un comité trimestriel choisit les mentorées avec l’incubateur.', frequency: 'trimestrielle', review: '2026-06-30', commitments: {}, signed: [['femmes-entrepreneures', '2023-07-03'], ['banque-des-bords', '2023-07-10'], ['incubateur-ess', '2023-09-11'], ['union-commercants', '2024-03-18']] },
    ],
    journal: [['2024-12-02', 'femmes-entrepreneures', 'resultat', '24 entreprises créées', 'Vingt-quatre entreprises créées en deux promotions, toutes encore en activité.']],
  },
  {
    key: 'guinguettes',
    name: 'Guinguettes culturelles des quartiers',
    stakes: 'Les quartiers éloignés de la Marne profitent peu de la vie culturelle des bords de l’eau.',
    description: 'Des guinguettes itinérantes dans les quartiers, imaginées avec les habitants.',
    territories: ['commune:94058', 'commune:94080', 'commune:94067'],
    form: 'dialogue_territorial',
    visibility: 'public',
    sdgs: [4, 11],
    targets: ['11.4'],
    levers: ['vision', 'action'],
    started: '2025-09-15',
    firstPhase: 'emergence',
    phases: [],
    partners: [
      { org: 'culture-bords-marne', role: 'coordinateur', joined: '2025-09-15', gives: [{ type: 'benevolat', unit: 'hours', min: 10, max: 30, perYear: 2, description: 'Ateliers avec les habitants' }] },
      { org: 'cafe-rencontre', role: 'partenaire', joined: '2025-09-15', gives: [{ type: 'lieu', unit: 'days', min: 2, max: 4, perYear: 2, description: 'Salle de réunion' }] },
      { org: 'imprimerie-verte', role: 'partenaire', joined: '2025-10-06', gives: [{ type: 'mecenat_nature', unit: 'items', min: 200, max: 500, perYear: 1, description: 'Affiches et programmes' }] },
      { org: 'vincennes-vie-associative', role: 'financeur', joined: '2025-11-03' },
      { org: 'collectif-voisins', role: 'beneficiaire', joined: '2025-09-15' },
    ],
    charters: [
      { on: '2026-01-12', principles: PRINCIPLES_BASE, governance: 'Les habitants votent la programmation ; le comité des partenaires organise.', frequency: 'mensuelle', review: '2027-01-31', commitments: {}, signed: [['culture-bords-marne', '2026-01-12'], ['collectif-voisins', '2026-01-14']] },
    ],
    journal: [['2026-06-20', 'culture-bords-marne', 'jalon', 'Première guinguette au Plateau', 'Trois cents habitants à la première guinguette itinérante.']],
  },
  {
    key: 'entraide-alimentaire',
    name: 'Réseau d’entraide alimentaire',
    stakes: 'Deux structures d’aide alimentaire voisines veulent coordonner leurs distributions pour ne laisser personne sans solution le week-end.',
    description: 'Un calendrier commun de distributions et un annuaire partagé des familles orientées.',
    territories: ['commune:94042', 'commune:94017'],
    form: 'partenariats_organisations',
    visibility: 'public',
    sdgs: [1, 2],
    targets: [],
    levers: ['action'],
    started: '2026-02-09',
    firstPhase: 'emergence',
    phases: [],
    partners: [
      { org: 'banque-alimentaire-locale', role: 'coordinateur', joined: '2026-02-09', gives: [{ type: 'benevolat', unit: 'hours', min: 8, max: 20, perYear: 2, description: 'Coordination des calendriers' }] },
      { org: 'trait-d-union', role: 'partenaire', joined: '2026-02-09' },
    ],
    charters: [],
    journal: [['2026-02-09', 'banque-alimentaire-locale', 'reunion', 'Première réunion commune', 'Les deux équipes comparent leurs jours de distribution et découvrent un trou le dimanche.']],
  },
]

/** Partnerships on their own (outside any alliance), between demo organisations. */
export const DEMO_STANDALONE_PARTNERSHIPS: Array<[a: string, b: string, type: string, on: string, description: string]> = [
  ['boulangerie-deux-rives', 'zero-dechet-est', 'pratiques_responsables', '2024-02-05', 'Réduction des emballages jetables'],
  ['imprimerie-verte', 'culture-bords-marne', 'mecenat_nature', '2023-04-10', 'Impression à prix coûtant des programmes'],
  ['union-commercants', 'sport-quartiers', 'mecenat_financier', '2024-09-02', 'Dons pour les équipements'],
  ['groupe-assurances', 'maison-des-familles', 'mecenat_competences', '2025-01-20', 'Ateliers budget des familles'],
  ['cafe-rencontre', 'repair-cafe', 'mecenat_logistique', '2023-10-02', 'Prêt de la salle un samedi par mois'],
  ['velo-est', 'mobilite-solidaire', 'cooperation_economique', '2023-05-02', 'Offre commune de location de vélos'],
]

/** The last day contributions and meetings are generated for (the demo's "today"). */
export const DEMO_UNTIL = '2026-10-31'
