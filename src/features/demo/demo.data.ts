/**
 * The fictional demonstration dataset: organisations of the pilot territory (the EPT Paris Est Marne et
 * Bois, 13 communes around Vincennes) and a few regional or national actors acting there.
 *
 * Every organisation and person here is invented. Identifiers are built so that they cannot belong to a
 * real organisation (SIREN starting with 000, RNA with the non-existent département prefix 000), so a real
 * actor registering later never collides with a demo one. Collectivités carry no identifier.
 */

export interface DemoOrganisation {
  key: string
  name: string
  world: string
  /** INSEE code of the seat commune */
  seat: string
  size?: string
  /** perimeter: 'commune' (the seat), 'ept', 'departement', 'region', or explicit territory ids */
  perimeter: string[]
  sdgs: number[]
  description: string
  siret?: boolean
  rna?: boolean
  website?: string
  /** number of people acting for it (the first one is its admin) */
  people: number
  /** fixed e-mail local part of the admin, for the documented demo sign-ins */
  login?: string
}

const EPT = 'ept:200057941'

export const DEMO_ORGANISATIONS: DemoOrganisation[] = [
  // Collectivités (services of the pilot's communes and the EPT; no identifiers)
  { key: 'ept-pemb-mission-cooperations', name: 'Mission coopérations territoriales — Paris Est Marne & Bois', world: 'collectivite', seat: '94068', perimeter: [EPT], sdgs: [11, 17], description: 'Service de l’établissement public territorial qui anime le dialogue entre les communes, les entreprises et les associations du territoire.', people: 3, login: 'catalyseur' },
  { key: 'vincennes-vie-associative', name: 'Ville de Vincennes — service vie associative', world: 'collectivite', seat: '94080', perimeter: ['commune'], sdgs: [11, 16, 17], description: 'Accompagne les associations vincennoises : locaux, subventions, forum annuel et mise en relation avec les entreprises.', people: 2 },
  { key: 'champigny-insertion', name: 'Ville de Champigny-sur-Marne — mission emploi et insertion', world: 'collectivite', seat: '94017', perimeter: ['commune'], sdgs: [1, 8, 10], description: 'Coordonne les acteurs de l’insertion professionnelle des quartiers prioritaires de la ville.', people: 2 },
  { key: 'fontenay-transition', name: 'Ville de Fontenay-sous-Bois — direction de la transition écologique', world: 'collectivite', seat: '94033', perimeter: ['commune'], sdgs: [7, 11, 13], description: 'Pilote le plan climat communal et cherche des partenaires pour la rénovation énergétique et la végétalisation.', people: 2 },
  { key: 'saint-maur-seniors', name: 'Ville de Saint-Maur-des-Fossés — pôle seniors et autonomie', world: 'collectivite', seat: '94068', perimeter: ['commune'], sdgs: [3, 10], description: 'Lutte contre l’isolement des personnes âgées et coordonne le plan canicule avec les associations.', people: 1 },
  { key: 'maisons-alfort-jeunesse', name: 'Ville de Maisons-Alfort — service jeunesse', world: 'collectivite', seat: '94046', perimeter: ['commune'], sdgs: [4, 8], description: 'Information jeunesse, stages de troisième et chantiers d’été.', people: 1 },
  { key: 'departement-solidarites', name: 'Département du Val-de-Marne — territoire d’action sociale Est', world: 'collectivite', seat: '94017', perimeter: ['departement'], sdgs: [1, 3, 10], description: 'Espace départemental des solidarités couvrant l’est du département.', people: 1 },

  // État / acteurs publics
  { key: 'france-travail-nogent', name: 'Agence pour l’emploi des bords de Marne', world: 'etat', seat: '94052', perimeter: [EPT], sdgs: [8, 10], description: 'Agence publique de l’emploi : accompagnement des demandeurs d’emploi et recrutements des entreprises locales.', people: 1 },
  { key: 'college-joinville', name: 'Collège des Bords de Marne', world: 'etat', seat: '94042', perimeter: ['commune'], sdgs: [4], description: 'Collège public de 600 élèves ; cherche des entreprises pour les stages d’observation et les métiers.', people: 1 },
  { key: 'hopital-saint-maurice', name: 'Établissement public de santé de la Marne', world: 'etat', seat: '94069', perimeter: ['departement'], sdgs: [3], description: 'Hôpital public ; partenariats pour l’accueil des familles et la prévention en santé mentale.', people: 1 },

  // Entreprises
  { key: 'atelier-bois-marne', name: 'Atelier Bois & Marne', world: 'entreprise', seat: '94052', size: 'tpe', perimeter: [EPT], sdgs: [8, 12], siret: true, description: 'Menuiserie artisanale ; récupère les chutes de bois pour des ateliers avec les jeunes.', people: 1 },
  { key: 'boulangerie-deux-rives', name: 'Boulangerie Les Deux Rives', world: 'entreprise', seat: '94018', size: 'tpe', perimeter: ['commune'], sdgs: [2, 12], siret: true, description: 'Boulangerie de quartier qui donne ses invendus et forme des apprentis.', people: 1 },
  { key: 'velo-est', name: 'Coopérative Vélo Est', world: 'entreprise', seat: '94033', size: 'tpe', perimeter: [EPT], sdgs: [11, 13], siret: true, description: 'Société coopérative de réparation et de location de vélos, ateliers d’autoréparation.', people: 2 },
  { key: 'marne-numerique', name: 'Marne Numérique Services', world: 'entreprise', seat: '94080', size: 'pme', perimeter: ['departement'], sdgs: [4, 9], siret: true, description: 'Entreprise de services numériques (80 salariés) ; propose du mécénat de compétences en informatique.', people: 2, login: 'entreprise' },
  { key: 'batir-ensemble', name: 'Bâtir Ensemble Construction', world: 'entreprise', seat: '94017', size: 'pme', perimeter: ['departement'], sdgs: [8, 9, 11], siret: true, description: 'Entreprise du bâtiment (140 salariés) ; clauses d’insertion, chantiers-école.', people: 2 },
  { key: 'logistique-seine-marne', name: 'Logistique Seine & Marne', world: 'entreprise', seat: '94046', size: 'eti', perimeter: ['region'], sdgs: [8, 12], siret: true, description: 'Plateforme logistique (600 salariés) ; prête des véhicules et des entrepôts aux associations.', people: 2 },
  { key: 'banque-des-bords', name: 'Banque coopérative des Bords de Marne', world: 'entreprise', seat: '94080', size: 'eti', perimeter: ['departement'], sdgs: [1, 8, 17], siret: true, description: 'Banque coopérative régionale ; fonds de dotation et bénévolat de ses salariés.', people: 2 },
  { key: 'energies-communes', name: 'Énergies Communes', world: 'entreprise', seat: '94033', size: 'pme', perimeter: [EPT], sdgs: [7, 13], siret: true, description: 'Installateur de panneaux solaires et conseil en rénovation ; projet de centrale villageoise.', people: 1 },
  { key: 'cafe-rencontre', name: 'Le Café de la Rencontre', world: 'entreprise', seat: '94058', size: 'tpe', perimeter: ['commune'], sdgs: [10, 11], siret: true, description: 'Café associatif et restaurant d’insertion ; salle disponible pour les réunions.', people: 1 },
  { key: 'pharmacie-plateau', name: 'Pharmacie du Plateau', world: 'entreprise', seat: '94079', size: 'tpe', perimeter: ['commune'], sdgs: [3], siret: true, description: 'Officine ; relais de prévention santé et dépistages.', people: 1 },
  { key: 'imprimerie-verte', name: 'Imprimerie Verte de l’Est', world: 'entreprise', seat: '94015', size: 'tpe', perimeter: [EPT], sdgs: [12, 15], siret: true, description: 'Imprimerie aux encres végétales ; imprime à prix coûtant les supports des associations.', people: 1 },
  { key: 'groupe-assurances', name: 'Mutuelle Solidaire d’Île-de-France', world: 'entreprise', seat: '94068', size: 'ge', perimeter: ['region'], sdgs: [3, 10, 17], siret: true, description: 'Groupe mutualiste ; programme de mécénat de compétences pour ses 5 000 salariés.', people: 2 },
  { key: 'supermarche-coop', name: 'Supermarché coopératif La Courte Échelle', world: 'entreprise', seat: '94052', size: 'tpe', perimeter: [EPT], sdgs: [2, 12], siret: true, description: 'Supermarché coopératif et participatif ; lutte contre le gaspillage.', people: 1 },

  // Associations
  { key: 'trait-d-union', name: 'Trait d’Union Joinville', world: 'association', seat: '94042', size: 'employeuse', perimeter: ['commune'], sdgs: [1, 10], rna: true, description: 'Accueil de jour, aide alimentaire et accompagnement administratif des familles en difficulté.', people: 2, login: 'association' },
  { key: 'jardins-plateau', name: 'Les Jardins Partagés du Plateau', world: 'association', seat: '94017', size: 'non_employeuse', perimeter: ['commune'], sdgs: [2, 11, 15], rna: true, description: 'Jardins partagés au pied des immeubles ; cherche outils, terre et bénévoles.', people: 1 },
  { key: 'soutien-scolaire-marne', name: 'Réussir en Marne — soutien scolaire', world: 'association', seat: '94068', size: 'employeuse', perimeter: [EPT], sdgs: [4, 10], rna: true, description: 'Aide aux devoirs et tutorat de collégiens par des étudiants et des salariés bénévoles.', people: 2 },
  { key: 'seniors-connectes', name: 'Seniors Connectés', world: 'association', seat: '94080', size: 'non_employeuse', perimeter: [EPT], sdgs: [3, 4, 10], rna: true, description: 'Ateliers numériques pour les personnes âgées ; manque d’ordinateurs et de formateurs.', people: 1 },
  { key: 'handisport-est', name: 'Handisport Val-de-Marne Est', world: 'association', seat: '94046', size: 'employeuse', perimeter: ['departement'], sdgs: [3, 10], rna: true, description: 'Pratique sportive des personnes en situation de handicap ; besoin de transport adapté.', people: 1 },
  { key: 'repair-cafe', name: 'Repair Café de Nogent', world: 'association', seat: '94052', size: 'non_employeuse', perimeter: ['commune'], sdgs: [12, 13], rna: true, description: 'Réparation collective d’objets un samedi par mois ; cherche une salle et des bricoleurs.', people: 1 },
  { key: 'insertion-batiment', name: 'Chantiers Solidaires de l’Est', world: 'association', seat: '94017', size: 'employeuse', perimeter: [EPT], sdgs: [8, 10, 11], rna: true, description: 'Atelier et chantier d’insertion dans le second œuvre du bâtiment.', people: 2 },
  { key: 'culture-bords-marne', name: 'Les Guinguettes Culturelles', world: 'association', seat: '94058', size: 'employeuse', perimeter: [EPT], sdgs: [4, 11], rna: true, description: 'Festival et ateliers artistiques en bord de Marne ; médiation culturelle dans les quartiers.', people: 1 },
  { key: 'banque-alimentaire-locale', name: 'Épicerie Solidaire de Champigny', world: 'association', seat: '94017', size: 'employeuse', perimeter: ['commune'], sdgs: [1, 2], rna: true, description: 'Épicerie solidaire ; cherche un véhicule frigorifique et des bénévoles pour la collecte.', people: 1 },
  { key: 'mobilite-solidaire', name: 'Mobilité Solidaire 94', world: 'association', seat: '94079', size: 'employeuse', perimeter: ['departement'], sdgs: [8, 10, 11], rna: true, description: 'Auto-école sociale et location de scooters pour l’accès à l’emploi.', people: 1 },
  { key: 'femmes-entrepreneures', name: 'Réseau des Femmes Entrepreneures de l’Est', world: 'association', seat: '94080', size: 'non_employeuse', perimeter: [EPT], sdgs: [5, 8], rna: true, description: 'Mentorat et rencontres pour les créatrices d’entreprise.', people: 1 },
  { key: 'sport-quartiers', name: 'Sport dans les Quartiers Saint-Maurice', world: 'association', seat: '94069', size: 'non_employeuse', perimeter: ['commune'], sdgs: [3, 10], rna: true, description: 'Football et boxe éducative pour les 8–16 ans ; cherche des équipements.', people: 1 },
  { key: 'maison-des-familles', name: 'La Maison des Familles de Bry', world: 'association', seat: '94015', size: 'employeuse', perimeter: ['commune'], sdgs: [3, 4, 5], rna: true, description: 'Lieu d’accueil parents-enfants et soutien à la parentalité.', people: 1 },
  { key: 'zero-dechet-est', name: 'Zéro Déchet Est Parisien', world: 'association', seat: '94018', size: 'non_employeuse', perimeter: [EPT], sdgs: [12, 13], rna: true, description: 'Sensibilisation à la réduction des déchets dans les écoles et les entreprises.', people: 1 },
  { key: 'logement-jeunes', name: 'Toit pour Tous les Jeunes', world: 'association', seat: '94068', size: 'employeuse', perimeter: ['departement'], sdgs: [1, 11], rna: true, description: 'Logement temporaire et accompagnement des jeunes travailleurs.', people: 1 },
  { key: 'amicale-pecheurs', name: 'Au Fil de la Marne', world: 'association', seat: '94042', size: 'non_employeuse', perimeter: ['commune'], sdgs: [6, 14, 15], rna: true, description: 'Protection des berges et de la biodiversité de la Marne ; nettoyages citoyens.', people: 1 },

  // Fondations / fonds de dotation
  { key: 'fondation-marne-solidaire', name: 'Fondation Marne Solidaire', world: 'fondation', seat: '94080', perimeter: [EPT], sdgs: [1, 10, 17], description: 'Fondation territoriale abritée : fait se rencontrer donateurs, entreprises et associations du territoire.', people: 2 },
  { key: 'fonds-dotation-batir', name: 'Fonds de dotation Bâtir Demain', world: 'fondation', seat: '94017', perimeter: ['departement'], sdgs: [4, 8], description: 'Fonds de dotation d’une entreprise du bâtiment pour la formation des jeunes aux métiers.', people: 1 },
  { key: 'fondation-sante-est', name: 'Fondation Santé Est Francilien', world: 'fondation', seat: '94069', perimeter: ['region'], sdgs: [3], description: 'Soutient les projets de prévention et d’accès aux soins.', people: 1 },

  // Acteurs académiques
  { key: 'iut-marne', name: 'Institut universitaire des Bords de Marne', world: 'academique', seat: '94033', perimeter: ['departement'], sdgs: [4, 9], description: 'Formations techniques ; projets tutorés avec les associations et les PME du territoire.', people: 1 },
  { key: 'labo-territoires', name: 'Laboratoire Territoires & Coopérations', world: 'academique', seat: '94080', perimeter: ['region'], sdgs: [11, 17], description: 'Équipe de recherche sur la coopération territoriale ; évaluation d’expérimentations.', people: 1 },
  { key: 'ecole-design', name: 'École de design de l’Est parisien', world: 'academique', seat: '94058', perimeter: [EPT], sdgs: [4, 9, 12], description: 'Projets étudiants de design de services pour les collectivités et associations.', people: 1 },

  // Structures d’accompagnement
  { key: 'tiers-lieu-la-fabrique', name: 'La Fabrique — tiers-lieu de l’Est', world: 'accompagnement', seat: '94017', perimeter: [EPT], sdgs: [8, 9, 17], description: 'Tiers-lieu avec fab lab, coworking et incubateur de projets d’utilité sociale.', people: 2 },
  { key: 'maison-des-associations', name: 'Maison des associations de Saint-Maur', world: 'accompagnement', seat: '94068', perimeter: ['commune'], sdgs: [16, 17], description: 'Conseil, formation des bénévoles et prêt de salles aux associations.', people: 1 },
  { key: 'club-entreprises', name: 'Club des entreprises de Marne & Bois', world: 'accompagnement', seat: '94080', perimeter: [EPT], sdgs: [8, 17], description: 'Réseau de 120 dirigeants ; commission engagement territorial.', people: 2 },
  { key: 'incubateur-ess', name: 'Incubateur ESS Val-de-Marne', world: 'accompagnement', seat: '94046', perimeter: ['departement'], sdgs: [8, 9], description: 'Accompagne les projets de l’économie sociale et solidaire pendant 18 mois.', people: 1 },

  // Syndicats / fédérations / réseaux
  { key: 'federation-batiment', name: 'Fédération du bâtiment de l’Est francilien', world: 'syndicat', seat: '94017', perimeter: ['departement'], sdgs: [8, 9], description: 'Organisation professionnelle ; promeut les clauses sociales et l’apprentissage.', people: 1 },
  { key: 'union-commercants', name: 'Union des commerçants de Vincennes', world: 'syndicat', seat: '94080', perimeter: ['commune'], sdgs: [8, 11], description: 'Association de commerçants ; animations de quartier et dons aux associations.', people: 1 },
  { key: 'reseau-solidarites', name: 'Collectif des associations de solidarité de l’Est', world: 'syndicat', seat: '94018', perimeter: [EPT], sdgs: [1, 17], description: 'Tête de réseau des associations de solidarité du territoire.', people: 1 },

  // Collectifs informels
  { key: 'collectif-voisins', name: 'Collectif des voisins du Bois', world: 'collectif', seat: '94067', perimeter: ['commune'], sdgs: [11, 15], description: 'Habitants qui organisent des fêtes de quartier et des gratiférias.', people: 1 },
  { key: 'parents-ecoles', name: 'Parents mobilisés de Villiers', world: 'collectif', seat: '94079', perimeter: ['commune'], sdgs: [4], description: 'Parents d’élèves qui animent un pédibus et des ateliers du soir.', people: 1 },
  { key: 'benevoles-berges', name: 'Les Veilleurs des Berges', world: 'collectif', seat: '94052', perimeter: ['commune'], sdgs: [6, 15], description: 'Bénévoles qui signalent et nettoient les déchets en bord de Marne.', people: 1 },
  { key: 'collectif-numerique', name: 'Collectif Numérique Pour Tous', world: 'collectif', seat: '94046', perimeter: ['commune'], sdgs: [4, 10], description: 'Habitants qui reconditionnent des ordinateurs pour les familles.', people: 1 },

  // Acteurs implantés ailleurs qui agissent sur le territoire pilote
  { key: 'fondation-nationale-engagement', name: 'Fondation nationale pour l’engagement local', world: 'fondation', seat: '75056', perimeter: ['region'], sdgs: [10, 17], description: 'Finance l’ingénierie des alliances territoriales en Île-de-France.', people: 1 },
  { key: 'groupe-energie-national', name: 'Groupe Énergies de France', world: 'entreprise', seat: '92026', size: 'ge', perimeter: ['region', EPT], sdgs: [7, 13, 17], siret: true, description: 'Grand groupe de l’énergie ; programme de bénévolat de compétences de ses salariés.', people: 1 },
  { key: 'reseau-national-catalyseurs', name: 'Réseau des catalyseurs d’Île-de-France', world: 'accompagnement', seat: '93066', perimeter: ['region'], sdgs: [17], description: 'Réseau régional des catalyseurs territoriaux : formations, rencontres, outils.', people: 1 },
  { key: 'universite-paris-est', name: 'Université de l’Est parisien — chaire coopérations', world: 'academique', seat: '93048', perimeter: ['region'], sdgs: [4, 17], description: 'Chaire de recherche sur les alliances entre collectivités, entreprises et associations.', people: 1 },
  { key: 'lyon-cooperative', name: 'Coopérative d’achats responsables Rhône-Alpes', world: 'entreprise', seat: '69123', size: 'pme', perimeter: ['region'], sdgs: [12], siret: true, description: 'Centrale d’achats responsables ; modèle essaimé en Île-de-France.', people: 1 },
  { key: 'lille-tiers-lieu', name: 'Tiers-lieu des Hauts — réseau', world: 'accompagnement', seat: '59350', perimeter: ['region'], sdgs: [9, 17], description: 'Réseau de tiers-lieux des Hauts-de-France, partenaire d’essaimage.', people: 1 },
  { key: 'nantes-fondation', name: 'Fondation Loire Solidaire', world: 'fondation', seat: '44109', perimeter: ['region'], sdgs: [1, 10], description: 'Fondation territoriale des Pays de la Loire, en échange de pratiques avec le territoire pilote.', people: 1 },
]

export const FIRST_NAMES = ['Camille', 'Lucas', 'Léa', 'Hugo', 'Chloé', 'Nathan', 'Inès', 'Louis', 'Manon', 'Gabriel', 'Sarah', 'Jules', 'Emma', 'Adam', 'Jade', 'Raphaël', 'Lina', 'Arthur', 'Zoé', 'Mohamed', 'Alice', 'Yanis', 'Louise', 'Théo', 'Nour', 'Paul', 'Anaïs', 'Sacha', 'Maëlys', 'Karim']
export const LAST_NAMES = ['Martin', 'Bernard', 'Diallo', 'Petit', 'Durand', 'Leroy', 'Moreau', 'Nguyen', 'Lefebvre', 'Garcia', 'Roux', 'Fournier', 'Benali', 'Girard', 'Bonnet', 'Dupont', 'Lambert', 'Fontaine', 'Rousseau', 'Mercier', 'Traoré', 'Blanc', 'Guerin', 'Muller', 'Henry', 'Perrin', 'Morel', 'Da Silva', 'Chevalier', 'Haddad']

/** Password of every demonstration account (documented in the README; never use the demo in production). */
export const DEMO_PASSWORD = 'alliance-demo-2026'
