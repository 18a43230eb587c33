/**
 * The fictional content of the catalysis demo (pilot territory, EPT Paris Est Marne et Bois). Organisations
 * are named by their demo keys (see features/demo). Every text here is invented for the demonstration.
 */
import type { Day } from './places/places.codes.js'

export const SPACE = {
  organisation: 'ept-pemb-mission-cooperations',
  coanimator: 'club-entreprises',
  name: 'Marne & Bois en coopération',
  mission: 'Faire se connaître les collectivités, les entreprises et les associations des treize communes du territoire, partager un diagnostic de ses fragilités et de ses atouts, et accompagner les expérimentations qui en naissent.',
  trades: ['dialogue_territorial', 'experimentations_collectives', 'accompagnements', 'gestion_lieu'],
  territory: 'ept:200057941',
  dinerNumber: 3,
  encounters: [
    ['vincennes-vie-associative', 'marne-numerique'],
    ['champigny-insertion', 'batir-ensemble'],
    ['fontenay-transition', 'energies-communes'],
    ['saint-maur-seniors', 'groupe-assurances'],
    ['maisons-alfort-jeunesse', 'logistique-seine-marne'],
    ['departement-solidarites', 'banque-des-bords'],
    ['ept-pemb-mission-cooperations', 'velo-est'],
    ['champigny-insertion', 'supermarche-coop'],
  ] as Array<[string, string]>,
  minutes:
    'Trente convives, élus et dirigeants, ont partagé les retours d’expériences des expérimentations territoriales menées depuis 2018. Trois enseignements ont été discutés : l’alliance est un risque consenti fondé sur la confiance ; il faut se donner du temps ; la co-construction repose sur des lieux et des liens. Chaque table a identifié un besoin du territoire sur lequel agir ensemble.',
  decisions: 'Organiser au printemps un atelier sur la mobilité vers l’emploi ; ouvrir un dialogue de gouvernance à l’échelle du territoire ; recenser les lieux disponibles pour les associations.',
}

const weekdays = (hours: string): Partial<Record<Day, string>> => ({ lun: hours, mar: hours, mer: hours, jeu: hours, ven: hours })

export const PLACES = [
  { key: 'fabrique', organisation: 'tiers-lieu-la-fabrique', name: 'La Fabrique', kind: 'tiers_lieu', commune: '94017', address: '12 rue des Artisans', capacity: 80, description: 'Tiers-lieu avec fab lab, coworking et salle de réunion, ouvert aux projets d’utilité sociale.', accessibility: ['plain_pied', 'sanitaires_adaptes', 'transports_accessibles'], services: ['wifi', 'videoprojection', 'postes_coworking', 'machines_fablab', 'cuisine'], hours: weekdays('09:00-19:00'), offered: false },
  { key: 'maison', organisation: 'maison-des-associations', name: 'Maison des associations de Saint-Maur', kind: 'maison_associations', commune: '94068', address: '5 avenue de la Vie associative', capacity: 60, description: 'Conseil aux associations, prêt de salles et de matériel.', accessibility: ['plain_pied', 'boucle_magnetique'], services: ['wifi', 'videoprojection', 'accueil'], hours: { ...weekdays('09:00-12:30,14:00-18:00'), sam: '09:00-12:00' }, offered: false },
  { key: 'cafe', organisation: 'cafe-rencontre', name: 'Le Café de la Rencontre', kind: 'lieu_convivial', commune: '94058', address: '2 quai des Guinguettes', capacity: 40, description: 'Café associatif et restaurant d’insertion ; sa grande salle accueille réunions et dîners.', accessibility: ['plain_pied', 'sanitaires_adaptes'], services: ['wifi', 'restauration', 'cuisine'], hours: { ...weekdays('08:00-22:00'), sam: '10:00-23:00' }, offered: false },
  { key: 'coworking', organisation: 'marne-numerique', name: 'Espace numérique partagé de Vincennes', kind: 'coworking', commune: '94080', address: '30 rue du Midi', capacity: 25, description: 'Plateau de coworking d’une entreprise de services numériques, prêté aux associations le vendredi.', accessibility: ['plain_pied', 'transports_accessibles'], services: ['wifi', 'visioconference', 'postes_coworking'], hours: weekdays('08:30-18:30'), offered: false },
]

const A = (activity: string, title: string, description: string, hours: number, organisations: string[], outputsDiner = false) => ({ activity, title, description, hours, organisations, outputsDiner })

export const ACTIVITIES = [
  A('partage_connaissance', 'Portrait partagé des treize communes', 'Synthèse des données sociales et économiques du territoire présentée aux élus et au club d’entreprises.', 12, ['club-entreprises']),
  A('rencontres', 'Petit-déjeuner des nouveaux dirigeants', 'Accueil des entreprises installées dans l’année.', 4, ['club-entreprises', 'marne-numerique']),
  A('sensibilisation', 'Intervention au conseil de territoire', 'Présentation du « jouer collectif » aux élus communautaires.', 3, []),
  A('mise_en_relation', 'Collège et entreprises : stages d’observation', 'Mise en relation du collège avec cinq entreprises pour les stages de troisième.', 6, ['college-joinville', 'batir-ensemble']),
  A('identification_besoins', 'Recueil des besoins des associations de solidarité', 'Entretiens avec dix associations sur leurs besoins de locaux, de bénévoles et de véhicules.', 15, ['reseau-solidarites', 'trait-d-union']),
  A('mobilisation', 'Mobiliser autour de la mobilité vers l’emploi', 'Réunion des employeurs et des associations de mobilité.', 5, ['mobilite-solidaire', 'france-travail-nogent']),
  A('copilotage', 'Comité de pilotage de l’épicerie solidaire itinérante', 'Suivi trimestriel de l’expérimentation avec ses partenaires.', 4, ['banque-alimentaire-locale', 'logistique-seine-marne']),
  A('evaluation', 'Évaluation partenariale des jardins partagés', 'Grille d’évaluation remplie avec chaque partenaire.', 8, ['jardins-plateau', 'labo-territoires']),
  A('incubation', 'Incubation d’une recyclerie de quartier', 'Accompagnement du porteur de projet avec l’incubateur ESS.', 10, ['incubateur-ess']),
  A('formation', 'Formation « faire alliance » pour les agents', 'Une journée de formation des agents des communes au dialogue avec les entreprises.', 7, []),
  A('accompagnement_partenariats', 'Accompagnement du partenariat banque – épicerie solidaire', 'Aide à la rédaction de la charte et des engagements réciproques.', 6, ['banque-des-bords', 'banque-alimentaire-locale']),
  A('essaimage', 'Transfert du modèle de coopérative d’achats', 'Échange avec la coopérative lyonnaise pour adapter son modèle.', 5, ['lyon-cooperative']),
  A('lieu_convivial', 'Jeudis du Café de la Rencontre', 'Un rendez-vous mensuel ouvert aux acteurs du territoire.', 9, ['cafe-rencontre']),
  A('coworking', 'Ouverture du coworking aux associations', 'Convention de prêt de postes le vendredi.', 3, ['marne-numerique']),
  A('demonstrateur', 'Exposition des solutions solaires locales', 'Démonstrateur de panneaux solaires installé dans le hall de l’EPT.', 4, ['energies-communes']),
  A('fab_lab', 'Atelier de réparation au fab lab', 'Repair café et fab lab réparent ensemble des ordinateurs pour les familles.', 6, ['tiers-lieu-la-fabrique', 'repair-cafe']),
  A('rencontres', 'Dîner Élus & Entreprises', 'Préparation, accueil et animation du dîner.', 20, ['club-entreprises'], true),
  A('mise_en_relation', 'Suites du dîner : mises en relation', 'Relance des convives qui souhaitaient poursuivre l’échange.', 4, [], true),
  A('partage_connaissance', 'Lettre trimestrielle de la coopération', 'Trois alliances et deux besoins à la une.', 3, []),
  A('identification_besoins', 'Enquête auprès des communes sur les lieux disponibles', 'Recensement des salles et locaux prêtables.', 6, ['maison-des-associations']),
  A('mobilisation', 'Appel aux bénévoles de compétences', 'Mobilisation des salariés de la mutuelle pour l’aide aux devoirs.', 4, ['groupe-assurances', 'soutien-scolaire-marne']),
  A('sensibilisation', 'Conférence sur les ODD et le territoire', 'Présentation de l’ODD 17 aux associations.', 2, []),
  A('formation', 'Formation des bénévoles au montage de partenariats', 'Deux demi-journées à la maison des associations.', 6, ['maison-des-associations']),
  A('copilotage', 'Copilotage du pédibus intercommunal', 'Coordination des parents, des écoles et des communes.', 3, ['parents-ecoles']),
]

export const DIALOGUE = {
  title: 'Dialogue de gouvernance — Paris Est Marne & Bois',
  purpose: 'Croiser les regards des collectivités, des entreprises, des associations et des acteurs académiques sur les fragilités et les atouts du territoire, puis situer sa maturité pour choisir les accompagnements.',
  participants: ['ept-pemb-mission-cooperations', 'champigny-insertion', 'marne-numerique', 'batir-ensemble', 'trait-d-union', 'reseau-solidarites', 'fondation-marne-solidaire', 'labo-territoires'],
  /** Answers to the self-diagnosis (the « acteurs » template and the grid's four questions), in three profiles. */
  answers: [
    { q_q1__action: '1', q_q1__vision: '2', q_q1__gestion: '3', q_q2: 'plutot', q_q3: '4', q_q4: '3', q_q6: 'elu', q_q7: 't94080', q_q8: '5', q_q9: '3', q_q10: '3', q_q11: '1' },
    { q_q1__vision: '1', q_q1__action: '2', q_q1__gestion: '3', q_q2: 'tout_a_fait', q_q3: '5', q_q4: '5', q_q6: 'entreprise', q_q7: 't94017', q_q8: '4', q_q9: '4', q_q10: '2', q_q11: '2' },
    { q_q1__action: '1', q_q1__gestion: '2', q_q1__vision: '3', q_q2: 'plutot', q_q3: '6', q_q4: '2', q_q6: 'association', q_q7: 't94068', q_q8: '6', q_q9: '2', q_q10: '4', q_q11: '1' },
  ],
}

export const FINDINGS = [
  { by: 'champigny-insertion', kind: 'fragilite', title: 'Des quartiers éloignés de l’emploi faute de mobilité', description: 'Les zones d’emploi sont mal desservies depuis les quartiers prioritaires.', domain: 'mobilite', sdgs: [8, 11], priority: 'haute', views: [['batir-ensemble', 4], ['trait-d-union', 4], ['marne-numerique', 3]] as Array<[string, number]> },
  { by: 'trait-d-union', kind: 'fragilite', title: 'Isolement des familles monoparentales', description: '', domain: 'solidarite_precarite', sdgs: [1, 10], priority: 'haute', views: [['reseau-solidarites', 4], ['fondation-marne-solidaire', 3], ['batir-ensemble', 2]] as Array<[string, number]> },
  { by: 'marne-numerique', kind: 'atout', title: 'Un tissu de PME prêtes à s’engager', description: 'Le club d’entreprises compte 120 dirigeants dont une commission engagement territorial.', domain: 'developpement_economique', sdgs: [8, 17], priority: 'moyenne', views: [['ept-pemb-mission-cooperations', 3], ['trait-d-union', 2]] as Array<[string, number]> },
  { by: 'fondation-marne-solidaire', kind: 'atout', title: 'Une fondation territoriale qui fait se rencontrer donateurs et associations', description: '', domain: 'citoyennete', sdgs: [17], priority: 'moyenne', views: [['labo-territoires', 3]] as Array<[string, number]> },
  { by: 'labo-territoires', kind: 'specificite', title: 'Un territoire entre Marne et Bois, traversé par la frontière de deux départements de vie', description: 'Les habitants vivent à l’échelle de bassins qui ne suivent pas les limites communales.', domain: 'citoyennete', sdgs: [11], priority: 'basse', views: [['ept-pemb-mission-cooperations', 2], ['batir-ensemble', 2]] as Array<[string, number]> },
  { by: 'ept-pemb-mission-cooperations', kind: 'specificite', title: 'Treize communes de tailles très différentes', description: '', domain: 'citoyennete', sdgs: [11, 16], priority: 'moyenne', views: [['champigny-insertion', 3]] as Array<[string, number]> },
]
