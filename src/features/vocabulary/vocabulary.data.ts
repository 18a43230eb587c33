/**
 * The common vocabulary (sémantique commune) of the method, as reference data.
 *
 * Why in code: labels are needed on every page (fast, typed, reviewable in a diff); `syncVocabulary` copies
 * them into the `vocabulary_terms` table so that SQL, exports and the API see the same words.
 * Labels and facts come from the method's public sources (the research brief, `domain.md`); the one-line
 * definitions are ours. Domain words keep their French form in the English labels where the method uses them.
 *
 * Every entry says where it comes from (`origin`, see `vocabulary.sources.ts`): a kind gives the origin of its
 * terms, a term may give its own. The lexique shows it, so that the platform's own lists (alliance phases,
 * partner roles, some contribution types…) are never presented as the method's vocabulary.
 */
import { EVALUATION_VOCABULARY } from './vocabulary.evaluation.js'
import type { Origin } from './vocabulary.sources.js'

export type VocabularyKind =
  | 'concept'
  | 'world'
  | 'sdg'
  | 'lever'
  | 'impact'
  | 'partnership_type'
  | 'contribution_type'
  | 'coconstruction_form'
  | 'alliance_phase'
  | 'partner_role'
  | 'partnership_objective'
  | 'journal_kind'
  | 'catalysis_trade'
  | 'catalysis_activity'
  | 'territory_kind'
  | 'commune_size'
  | 'organisation_size'
  | 'domain'
  | 'respondent_segment'
  // evaluation, valuation and capitalisation (vocabulary.evaluation.ts)
  | 'evaluation_object'
  | 'evaluation_approach'
  | 'evaluation_scale'
  | 'impact_scope'
  | 'indicator_direction'
  | 'mse_lever'
  | 'innovation_axis'
  | 'valuation_pillar'
  | 'cvn_category'

export interface Term {
  code: string
  fr: string
  en: string
  defFr: string
  defEn: string
  /** For sub-types (a kind of mécénat, a catalysis activity): the parent term's code. */
  parent?: string
  /** For domains of action: the SDGs the domain serves, most direct first (suggested on needs). */
  sdgs?: number[]
  /** Where this term comes from, when it differs from its kind's origin. */
  origin?: Origin
}

export interface KindInfo {
  kind: VocabularyKind
  fr: string
  en: string
  introFr: string
  introEn: string
  /** Where the terms of this kind come from (a term may say otherwise). */
  origin: Origin
  terms: Term[]
}

const concepts: Term[] = [
  { code: 'co-construction-territoriale', fr: 'Co-construction territoriale', en: 'Co-construction territoriale (territorial co-construction)', defFr: 'Des acteurs de mondes différents d’un même territoire construisent ensemble des réponses à ses besoins.', defEn: 'Actors from different worlds of one territory build answers to its needs together.' },
  { code: 'alliance', fr: 'Alliance', en: 'Alliance', defFr: 'Des acteurs de mondes différents créent ensemble de nouvelles solutions aux enjeux d’un territoire, côte à côte, dans la durée et la confiance.', defEn: 'Actors from different worlds create new solutions to a territory’s stakes together, side by side, over time and in trust.' },
  { code: 'partenariat', fr: 'Partenariat', en: 'Partenariat (partnership)', defFr: 'Accord entre organisations qui décident d’une action commune autour de leurs enjeux réciproques, face à face.', defEn: 'An agreement between organisations deciding on a joint action around their reciprocal stakes, face to face.' },
  { code: 'contrat-alliance', fr: 'Contrat-alliance', en: 'Contrat-alliance (alliance contract)', defFr: 'Engagement de confiance qui dépasse l’échange donnant-donnant : chacun accepte le risque de l’autre.', defEn: 'A commitment of trust that goes beyond a give-and-take exchange: each partner accepts the other’s risk.' },
  { code: 'besoin', fr: 'Besoin', en: 'Besoin (need)', defFr: 'Une fragilité ou une attente d’un territoire, exprimée par ceux qui la vivent, avant toute solution.', defEn: 'A fragility or expectation of a territory, stated by those who live it, before any solution.' },
  { code: 'ressource', fr: 'Ressource', en: 'Ressource (resource)', defFr: 'Ce qu’un acteur peut apporter au territoire : compétences, temps, argent, biens, lieux, expertise.', defEn: 'What an actor can bring to the territory: skills, time, money, goods, places, expertise.' },
  { code: 'envie-d-engagement', fr: 'Envie d’engagement', en: 'Envie d’engagement (wish to engage)', defFr: 'Le désir d’un acteur de s’impliquer pour son territoire, sur un sujet ou auprès d’un public.', defEn: 'An actor’s wish to get involved for its territory, on a topic or with a public.' },
  { code: 'premier-kilometre', fr: 'Premier kilomètre', en: 'Premier kilomètre (first mile)', defFr: 'Partir des besoins, des ressources et des envies d’engagement du terrain plutôt que de solutions toutes faites.', defEn: 'Start from local needs, resources and wishes to engage rather than from ready-made solutions.' },
  { code: 'mise-en-relation', fr: 'Mise en relation', en: 'Mise en relation (connecting)', defFr: 'Rapprocher un besoin et une ressource, avec le consentement des deux organisations.', defEn: 'Bringing a need and a resource together, with the consent of both organisations.' },
  { code: 'catalyseur', fr: 'Catalyseur territorial', en: 'Catalyseur territorial (territorial facilitator)', defFr: 'Tiers de confiance qui organise l’interconnaissance et la mobilisation des acteurs autour des besoins du territoire.', defEn: 'A trusted third party who organises mutual knowledge and the mobilisation of actors around the territory’s needs.' },
  { code: 'catalyse-territoriale', fr: 'Catalyse territoriale', en: 'Catalyse territoriale (territorial catalysis)', defFr: 'La troisième ingénierie territoriale, celle du lien, à côté de la gestion publique et de la conduite de projets.', defEn: 'The third territorial engineering, that of links, next to public management and project management.' },
  { code: 'semantique-commune', fr: 'Sémantique commune', en: 'Sémantique commune (common vocabulary)', defFr: 'Des mots partagés pour que des acteurs de mondes différents se comprennent ; ce lexique en est un.', defEn: 'Shared words so that actors from different worlds understand each other; this lexique is one.' },
  { code: 'dialogue-de-gouvernance', fr: 'Dialogue de gouvernance', en: 'Dialogue de gouvernance (governance dialogue)', defFr: 'Échange structuré et durable avec un écosystème pour qualifier ses besoins et sa maturité.', defEn: 'A structured, long-term exchange with an ecosystem to qualify its needs and maturity.' },
  { code: 'evaluation-partenariale', fr: 'Évaluation partenariale', en: 'Évaluation partenariale (partnership evaluation)', defFr: 'Évaluation menée par tous les partenaires : le produit, l’équilibre et la valeur des contributions.', defEn: 'An evaluation carried out by all partners: the outcome, the balance and the value of contributions.' },
  { code: 'tiers-lieu', fr: 'Tiers-lieu', en: 'Tiers-lieu (third place)', defFr: 'Lieu partagé de rencontre et de travail où les acteurs d’un territoire se croisent et coopèrent.', defEn: 'A shared place to meet and work where a territory’s actors cross paths and cooperate.' },
  { code: 'perimetre', fr: 'Périmètre d’action', en: 'Périmètre d’action (area of action)', defFr: 'Les territoires, à toute échelle, sur lesquels un acteur agit ; un territoire est à géométrie variable.', defEn: 'The territories, at any level, where an actor works; a territory has a variable geometry.' },
]

/** Where each notion comes from (the kind has no single origin). */
const conceptOrigins: Record<string, Origin> = {
  'co-construction-territoriale': ['R18'],
  alliance: ['R56'],
  partenariat: ['R56'],
  'contrat-alliance': ['seed'],
  besoin: ['R9'],
  ressource: ['R9'],
  'envie-d-engagement': ['R9'],
  'premier-kilometre': ['R9'],
  'mise-en-relation': ['R11'],
  catalyseur: ['R12'],
  'catalyse-territoriale': ['R11', 'R14'],
  'semantique-commune': ['seed', 'R85'],
  'dialogue-de-gouvernance': ['R10', 'R8'],
  'evaluation-partenariale': ['R23'],
  'tiers-lieu': ['R20'],
  perimetre: 'alliance',
}
for (const term of concepts) term.origin = conceptOrigins[term.code]

const worlds: Term[] = [
  { code: 'collectivite', fr: 'Collectivité territoriale', en: 'Local authority (collectivité)', defFr: 'Commune, intercommunalité, département, région et leurs élus.', defEn: 'Commune, intercommunality, département, région and their elected officials.' },
  { code: 'etat', fr: 'État / acteur public', en: 'State / public body', defFr: 'Services de l’État, opérateurs et établissements publics.', defEn: 'State services, public agencies and public institutions.' },
  { code: 'entreprise', fr: 'Entreprise', en: 'Company (entreprise)', defFr: 'Entreprise de toute taille, de la TPE au grand groupe, y compris l’économie sociale et solidaire.', defEn: 'A company of any size, from micro-business to large group, social economy included.' },
  { code: 'association', fr: 'Association', en: 'Association', defFr: 'Association loi 1901 (ou 1908 en Alsace-Moselle), employeuse ou non.', defEn: 'A non-profit association under the 1901 law (1908 in Alsace-Moselle), with or without staff.' },
  { code: 'fondation', fr: 'Fondation / fonds de dotation', en: 'Foundation / endowment fund', defFr: 'Fondation reconnue, abritée, d’entreprise, territoriale, ou fonds de dotation.', defEn: 'A recognised, sheltered, corporate or territorial foundation, or an endowment fund.' },
  { code: 'academique', fr: 'Acteur académique', en: 'Academic actor', defFr: 'Université, école, laboratoire de recherche.', defEn: 'University, school, research laboratory.' },
  { code: 'accompagnement', fr: 'Structure d’accompagnement', en: 'Support organisation', defFr: 'Réseau, incubateur, chambre consulaire ou structure qui aide les autres à agir.', defEn: 'A network, incubator, chamber or body that helps others act.' },
  { code: 'syndicat', fr: 'Syndicat / fédération / réseau', en: 'Union / federation / network', defFr: 'Organisation représentative : syndicat, fédération professionnelle, tête de réseau.', defEn: 'A representative organisation: trade union, professional federation, network head.' },
  { code: 'collectif', origin: ['R97'], fr: 'Collectif informel', en: 'Informal collective', defFr: 'Groupe de citoyens ou d’acteurs qui agit sans structure juridique.', defEn: 'A group of citizens or actors acting without a legal structure.' },
]

const sdgs: Term[] = [
  ['Pas de pauvreté', 'No poverty', 'Éliminer la pauvreté sous toutes ses formes et partout dans le monde.', 'End poverty in all its forms everywhere.'],
  ['Faim « zéro »', 'Zero hunger', 'Éliminer la faim, assurer la sécurité alimentaire, améliorer la nutrition et promouvoir l’agriculture durable.', 'End hunger, achieve food security and improved nutrition and promote sustainable agriculture.'],
  ['Bonne santé et bien-être', 'Good health and well-being', 'Permettre à tous de vivre en bonne santé et promouvoir le bien-être de tous à tout âge.', 'Ensure healthy lives and promote well-being for all at all ages.'],
  ['Éducation de qualité', 'Quality education', 'Assurer l’accès de tous à une éducation de qualité et promouvoir l’apprentissage tout au long de la vie.', 'Ensure inclusive and equitable quality education and lifelong learning for all.'],
  ['Égalité entre les sexes', 'Gender equality', 'Parvenir à l’égalité des sexes et autonomiser toutes les femmes et les filles.', 'Achieve gender equality and empower all women and girls.'],
  ['Eau propre et assainissement', 'Clean water and sanitation', 'Garantir l’accès de tous à l’eau et à l’assainissement et assurer une gestion durable des ressources en eau.', 'Ensure availability and sustainable management of water and sanitation for all.'],
  ['Énergie propre et d’un coût abordable', 'Affordable and clean energy', 'Garantir l’accès de tous à des services énergétiques fiables, durables et modernes, à un coût abordable.', 'Ensure access to affordable, reliable, sustainable and modern energy for all.'],
  ['Travail décent et croissance économique', 'Decent work and economic growth', 'Promouvoir une croissance économique soutenue, le plein emploi productif et un travail décent pour tous.', 'Promote sustained growth, full and productive employment and decent work for all.'],
  ['Industrie, innovation et infrastructure', 'Industry, innovation and infrastructure', 'Bâtir une infrastructure résiliente, promouvoir une industrialisation durable et encourager l’innovation.', 'Build resilient infrastructure, promote sustainable industrialisation and foster innovation.'],
  ['Inégalités réduites', 'Reduced inequalities', 'Réduire les inégalités dans les pays et d’un pays à l’autre.', 'Reduce inequality within and among countries.'],
  ['Villes et communautés durables', 'Sustainable cities and communities', 'Faire en sorte que les villes et les établissements humains soient ouverts à tous, sûrs, résilients et durables.', 'Make cities and human settlements inclusive, safe, resilient and sustainable.'],
  ['Consommation et production responsables', 'Responsible consumption and production', 'Établir des modes de consommation et de production durables.', 'Ensure sustainable consumption and production patterns.'],
  ['Mesures relatives à la lutte contre les changements climatiques', 'Climate action', 'Prendre d’urgence des mesures pour lutter contre les changements climatiques et leurs répercussions.', 'Take urgent action to combat climate change and its impacts.'],
  ['Vie aquatique', 'Life below water', 'Conserver et exploiter de manière durable les océans, les mers et les ressources marines.', 'Conserve and sustainably use the oceans, seas and marine resources.'],
  ['Vie terrestre', 'Life on land', 'Préserver et restaurer les écosystèmes terrestres, enrayer l’appauvrissement de la biodiversité.', 'Protect and restore terrestrial ecosystems and halt biodiversity loss.'],
  ['Paix, justice et institutions efficaces', 'Peace, justice and strong institutions', 'Promouvoir des sociétés pacifiques et ouvertes, l’accès de tous à la justice et des institutions efficaces.', 'Promote peaceful and inclusive societies, access to justice and effective institutions.'],
  ['Partenariats pour la réalisation des objectifs', 'Partnerships for the goals', 'Renforcer les partenariats pour le développement durable : c’est la méthode de toute alliance, le levier des seize autres objectifs.', 'Strengthen partnerships for sustainable development: the method of every alliance, the lever of the sixteen other goals.'],
].map(([fr, en, defFr, defEn], i) => ({
  code: String(i + 1),
  fr: `ODD ${i + 1} — ${fr}`,
  en: `SDG ${i + 1} — ${en}`,
  defFr: defFr as string,
  defEn: defEn as string,
  // SDG 17 as "the method of every alliance" is the source presentation's reading of the UN goal.
  ...(i === 16 ? { origin: ['onu', 'seed'] as const } : {}),
}))

// One shape for the three (domain.md §3.1): what the lever does, who carries it, and the form of democracy it
// rests on — all three from the same source [R61].
const levers: Term[] = [
  { code: 'vision', fr: 'Vision partagée', en: 'Vision partagée (shared vision)', defFr: 'Souder la volonté des personnes à « faire société » : l’engagement des personnes, qui passe par la démocratie participative.', defEn: 'Binding people’s will to “build society” together: the commitment of people, through participatory democracy.' },
  { code: 'gestion', fr: 'Gestion régulatrice', en: 'Gestion régulatrice (regulating management)', defFr: 'Arbitrer et garantir l’équilibre entre l’épanouissement de chacun et les besoins de tous : les lois et les normes des pouvoirs publics, qui passent par la démocratie représentative.', defEn: 'Arbitrating and guaranteeing the balance between each person’s fulfilment and the needs of all: the laws and norms of public authorities, through representative democracy.' },
  { code: 'action', fr: 'Action collective transformatrice', en: 'Action collective transformatrice (transformative collective action)', defFr: 'Dépasser ses propres enjeux pour contribuer à l’avenir collectif : les pratiques des organisations, qui passent par la démocratie délibérative.', defEn: 'Going beyond one’s own stakes to contribute to the collective future: the practices of organisations, through deliberative democracy.' },
]

const impacts: Term[] = [
  { code: 'innovation', fr: 'Innovation', en: 'Innovation', defFr: 'Innovation sociétale et territoriale : de nouvelles réponses aux besoins du territoire.', defEn: 'Societal and territorial innovation: new answers to the territory’s needs.' },
  { code: 'performance', fr: 'Performance', en: 'Performance', defFr: 'Performance des organisations publiques et privées engagées dans l’alliance.', defEn: 'Performance of the public and private organisations involved in the alliance.' },
  { code: 'confiance', fr: 'Confiance', en: 'Confiance (trust)', defFr: 'Moteur de l’engagement des personnes et des territoires ; elle se construit dans le temps.', defEn: 'The driver of people’s and territories’ commitment; it is built over time.' },
]

const partnershipTypes: Term[] = [
  { code: 'mecenat', fr: 'Mécénat', en: 'Mécénat (patronage)', defFr: 'L’entreprise apporte des ressources à un projet d’intérêt général.', defEn: 'The company brings resources to a general-interest project.' },
  { code: 'mecenat_financier', parent: 'mecenat', fr: 'Mécénat financier', en: 'Mécénat financier (financial)', defFr: 'Un don en argent.', defEn: 'A gift of money.' },
  { code: 'mecenat_nature', parent: 'mecenat', fr: 'Mécénat en nature / matériel', en: 'Mécénat en nature (in kind)', defFr: 'Un don de biens, de produits ou de matériel.', defEn: 'A gift of goods, products or equipment.' },
  { code: 'mecenat_logistique', parent: 'mecenat', fr: 'Mécénat logistique', en: 'Mécénat logistique (logistics)', defFr: 'Transport, stockage, locaux ou moyens techniques prêtés.', defEn: 'Transport, storage, premises or technical means lent.' },
  { code: 'mecenat_competences', parent: 'mecenat', fr: 'Mécénat de compétences', en: 'Mécénat de compétences (skills)', defFr: 'Des salariés mettent leur savoir-faire au service du projet sur leur temps de travail.', defEn: 'Employees put their know-how at the project’s service during working hours.' },
  { code: 'pratiques_responsables', fr: 'Pratiques responsables', en: 'Pratiques responsables (responsible practices)', defFr: 'L’association aide l’entreprise à transformer ses pratiques : handicap, insertion, environnement.', defEn: 'The association helps the company transform its practices: disability, inclusion, environment.' },
  { code: 'cooperation_economique', fr: 'Coopération économique', en: 'Coopération économique (economic cooperation)', defFr: 'Une offre conjointe qui répond au besoin d’un territoire ou d’une population.', defEn: 'A joint offer answering the need of a territory or a population.' },
  { code: 'innovation_societale', fr: 'Innovation sociétale', en: 'Innovation sociétale (societal innovation)', defFr: 'Recherche et développement partagés entre partenaires pour inventer de nouvelles réponses.', defEn: 'Research and development shared between partners to invent new answers.' },
]

// The forms a contribution takes. The four kinds of mécénat are the method's [R53]; the others are the
// platform's list. `cooperation_economique` and `partenariat_innovation` keep their codes (needs, resources and
// alliance contributions store them) but name what is brought — purchases, shared research — and not the
// partnership types of the same family (`partnership_type`: coopération économique, innovation sociétale).
const contributionTypes: Term[] = [
  { code: 'mecenat_financier', fr: 'Mécénat financier', en: 'Mécénat financier (money)', defFr: 'Une somme d’argent, ponctuelle ou récurrente.', defEn: 'A sum of money, once or recurring.' },
  { code: 'mecenat_competences', fr: 'Mécénat de compétences', en: 'Mécénat de compétences (skills)', defFr: 'Des heures de travail de salariés, sur des compétences précises.', defEn: 'Employees’ working hours, on specific skills.' },
  { code: 'mecenat_nature', fr: 'Mécénat en nature / matériel', en: 'Mécénat en nature (goods)', defFr: 'Des biens, produits ou équipements donnés ou prêtés.', defEn: 'Goods, products or equipment given or lent.' },
  { code: 'mecenat_logistique', fr: 'Mécénat logistique', en: 'Mécénat logistique (logistics)', defFr: 'Transport, stockage, moyens techniques.', defEn: 'Transport, storage, technical means.' },
  { code: 'benevolat', fr: 'Bénévolat', en: 'Bénévolat (volunteering)', defFr: 'Des personnes qui donnent de leur temps, hors temps de travail.', defEn: 'People giving their own time, outside working hours.', origin: 'alliance' },
  { code: 'lieu', fr: 'Mise à disposition d’un lieu', en: 'Mise à disposition d’un lieu (lending a place)', defFr: 'Une salle, un local, un terrain ou un tiers-lieu prêté.', defEn: 'A room, premises, land or a third place lent.', origin: 'alliance' },
  { code: 'expertise', fr: 'Expertise / conseil', en: 'Expertise / advice', defFr: 'Un regard d’expert, un diagnostic, un conseil.', defEn: 'An expert view, a diagnosis, advice.', origin: 'alliance' },
  { code: 'cooperation_economique', fr: 'Achats responsables et offre commune', en: 'Responsible purchasing and joint offer', defFr: 'Acheter aux structures du territoire, ou produire et vendre avec elles : ce qu’une entreprise apporte dans une coopération économique.', defEn: 'Buying from the territory’s organisations, or producing and selling with them: what a company brings to an economic cooperation.', origin: 'alliance' },
  { code: 'partenariat_innovation', fr: 'Recherche et développement partagés', en: 'Shared research and development', defFr: 'Mettre en commun des travaux de recherche, des données ou un prototype pour inventer une réponse nouvelle, en partageant le risque.', defEn: 'Pooling research work, data or a prototype to invent a new answer, sharing the risk.', origin: 'alliance' },
]

const forms: Term[] = [
  { code: 'dialogue_territorial', fr: 'Dialogue territorial', en: 'Dialogue territorial (territorial dialogue)', defFr: 'Animation collective qui croise les regards des acteurs sur les fragilités et les atouts du territoire.', defEn: 'Collective facilitation crossing the views of actors on the territory’s fragilities and assets.' },
  { code: 'partenariats_organisations', fr: 'Partenariats entre organisations', en: 'Partenariats entre organisations (partnerships between organisations)', defFr: 'Des organisations décident d’agir ensemble autour de leurs enjeux réciproques.', defEn: 'Organisations decide to act together around their reciprocal stakes.' },
  { code: 'experimentation_collective', fr: 'Expérimentation collective', en: 'Expérimentation collective (collective experiment)', defFr: 'Des acteurs testent ensemble une solution sur le terrain, puis l’évaluent.', defEn: 'Actors test a solution together in the field, then evaluate it.' },
]

const alliancePhases: Term[] = [
  { code: 'emergence', fr: 'Émergence', en: 'Émergence (emerging)', defFr: 'Des acteurs se rencontrent, partagent un enjeu et décident d’explorer ensemble : la racine de l’alliance.', defEn: 'Actors meet, share a stake and decide to explore together: the root of the alliance.' },
  { code: 'experimentation', fr: 'Expérimentation', en: 'Expérimentation (experimenting)', defFr: 'Les partenaires testent une solution sur le terrain, à petite échelle, et en tirent les enseignements.', defEn: 'The partners test a solution in the field, at a small scale, and learn from it.' },
  { code: 'deploiement', fr: 'Déploiement', en: 'Déploiement (deploying)', defFr: 'La solution éprouvée passe à l’action à l’échelle du territoire et mobilise plus largement.', defEn: 'The proven solution moves to action at the scale of the territory and mobilises more widely.' },
  { code: 'essaimage', fr: 'Essaimage', en: 'Essaimage (spreading)', defFr: 'Le modèle est transmis à d’autres territoires, qui l’adaptent à leur manière.', defEn: 'The model is passed on to other territories, which adapt it in their own way.' },
  { code: 'en_pause', fr: 'En pause', en: 'En pause (paused)', defFr: 'Les partenaires suspendent l’action, sans y renoncer ; l’histoire reste consignée.', defEn: 'The partners suspend the action without giving it up; the history stays on record.' },
  { code: 'terminee', fr: 'Terminée', en: 'Terminée (ended)', defFr: 'L’alliance a atteint son terme ; ses fruits et son journal restent consultables.', defEn: 'The alliance has come to an end; its fruits and its journal remain available.' },
]

const partnerRoles: Term[] = [
  { code: 'coordinateur', fr: 'Coordinateur', en: 'Coordinateur (coordinator)', defFr: 'Anime l’alliance, tient la charte et la gouvernance ; une alliance en a toujours au moins un.', defEn: 'Runs the alliance, keeps the charter and the governance; an alliance always has at least one.' },
  { code: 'partenaire', fr: 'Partenaire', en: 'Partenaire (partner)', defFr: 'Agit avec les autres dans l’alliance, selon ses engagements.', defEn: 'Acts with the others in the alliance, according to its commitments.' },
  { code: 'financeur', fr: 'Financeur', en: 'Financeur (funder)', defFr: 'Apporte des ressources financières à l’alliance.', defEn: 'Brings financial resources to the alliance.' },
  { code: 'operateur', fr: 'Opérateur', en: 'Opérateur (operator)', defFr: 'Met en œuvre l’action sur le terrain.', defEn: 'Carries out the action in the field.' },
  { code: 'expert', fr: 'Expert', en: 'Expert', defFr: 'Apporte un savoir, une méthode, une évaluation.', defEn: 'Brings knowledge, a method, an evaluation.' },
  { code: 'beneficiaire', fr: 'Bénéficiaire', en: 'Bénéficiaire (beneficiary)', defFr: 'Organisation dont les publics bénéficient directement de l’action, et qui y prend part.', defEn: 'An organisation whose publics directly benefit from the action, and which takes part in it.' },
]

const partnershipObjectives: Term[] = [
  { code: 'competences', fr: 'Compétences / richesses humaines', en: 'Compétences / richesses humaines (skills, people)', defFr: 'Développer les compétences, l’engagement et les richesses humaines de chaque partenaire.', defEn: 'Developing each partner’s skills, commitment and human resources.' },
  { code: 'parties_prenantes', fr: 'Parties prenantes', en: 'Parties prenantes (stakeholders)', defFr: 'Mieux relier chacun à ses parties prenantes : publics, clients, habitants, réseaux.', defEn: 'Better linking each partner to its stakeholders: publics, customers, residents, networks.' },
  { code: 'innovation', fr: 'Innovation', en: 'Innovation', defFr: 'Inventer ensemble de nouvelles réponses, produits, services ou manières de faire.', defEn: 'Inventing new answers, products, services or ways of working together.' },
  { code: 'ressources', fr: 'Ressources financières / performance économique', en: 'Ressources financières / performance économique (financial resources, economic performance)', defFr: 'Diversifier les ressources (pour une association) ou renforcer la performance (pour une entreprise).', defEn: 'Diversifying resources (for an association) or strengthening performance (for a company).' },
]

const journalKinds: Term[] = [
  { code: 'jalon', fr: 'Jalon', en: 'Jalon (milestone)', defFr: 'Une étape marquante : lancement, arrivée d’un partenaire, premier résultat visible.', defEn: 'A notable step: launch, a partner joining, a first visible result.' },
  { code: 'reunion', fr: 'Réunion', en: 'Réunion (meeting)', defFr: 'Un temps de rencontre des partenaires : comité, atelier, visite de terrain.', defEn: 'A meeting of the partners: committee, workshop, field visit.' },
  { code: 'decision', fr: 'Décision', en: 'Décision (decision)', defFr: 'Un choix fait ensemble, avec qui l’a pris et pourquoi.', defEn: 'A choice made together, with who made it and why.' },
  { code: 'resultat', fr: 'Résultat', en: 'Résultat (result)', defFr: 'Un fruit de l’alliance : ce qui a changé pour le territoire et ses habitants.', defEn: 'A fruit of the alliance: what changed for the territory and its residents.' },
  { code: 'difficulte', fr: 'Difficulté', en: 'Difficulté (difficulty)', defFr: 'Un obstacle rencontré, consigné pour apprendre ensemble : une alliance est un risque consenti.', defEn: 'An obstacle met, recorded to learn together: an alliance is a consented risk.' },
  { code: 'changement_phase', fr: 'Changement de phase', en: 'Changement de phase (phase change)', defFr: 'L’alliance passe d’une phase à une autre ; chaque passage est daté.', defEn: 'The alliance moves from one phase to another; every move is dated.' },
]

const trades: Term[] = [
  { code: 'dialogue_territorial', fr: 'Dialogue territorial', en: 'Dialogue territorial (territorial dialogue)', defFr: 'Faire se connaître et se parler les acteurs du territoire.', defEn: 'Getting the territory’s actors to know and talk to each other.' },
  { code: 'experimentations_collectives', fr: 'Expérimentations collectives', en: 'Expérimentations collectives (collective experiments)', defFr: 'Identifier les besoins, mobiliser, co-piloter et évaluer des expérimentations.', defEn: 'Identifying needs, mobilising, co-steering and evaluating experiments.' },
  { code: 'accompagnements', fr: 'Accompagnements', en: 'Accompagnements (support)', defFr: 'Incuber, former, accompagner des partenariats, essaimer.', defEn: 'Incubating, training, supporting partnerships, spreading.' },
  { code: 'gestion_lieu', fr: 'Gestion d’un lieu', en: 'Gestion d’un lieu (running a place)', defFr: 'Animer un lieu d’échanges : convivialité, coworking, démonstrateur, fab lab.', defEn: 'Running a place for exchange: conviviality, coworking, showroom, fab lab.' },
]

const activity = (parent: string, code: string, fr: string, en: string): Term => ({ code, parent, fr, en, defFr: fr + '.', defEn: en + '.' })
const activities: Term[] = [
  activity('dialogue_territorial', 'partage_connaissance', 'Partage de connaissance du territoire et des acteurs', 'Sharing knowledge of the territory and its actors'),
  activity('dialogue_territorial', 'rencontres', 'Temps de rencontre / interconnaissance', 'Meetings and getting to know each other'),
  activity('dialogue_territorial', 'sensibilisation', 'Sensibilisation aux alliances territoriales', 'Raising awareness of territorial alliances'),
  activity('dialogue_territorial', 'mise_en_relation', 'Mise en relation', 'Connecting actors'),
  activity('experimentations_collectives', 'identification_besoins', 'Identification des besoins du territoire et enjeux partagés', 'Identifying the territory’s needs and shared stakes'),
  activity('experimentations_collectives', 'mobilisation', 'Mobilisation des acteurs pour co-construire des solutions', 'Mobilising actors to co-build solutions'),
  activity('experimentations_collectives', 'copilotage', 'Co-pilotage des expérimentations', 'Co-steering experiments'),
  activity('experimentations_collectives', 'evaluation', 'Évaluation des expérimentations', 'Evaluating experiments'),
  activity('accompagnements', 'incubation', 'Incubation de projets', 'Incubating projects'),
  activity('accompagnements', 'formation', 'Formation aux nouvelles pratiques', 'Training in new practices'),
  activity('accompagnements', 'accompagnement_partenariats', 'Accompagnement de partenariats', 'Supporting partnerships'),
  activity('accompagnements', 'essaimage', 'Essaimage / accélération / transfert de savoir-faire', 'Spreading / scaling / transferring know-how'),
  activity('gestion_lieu', 'lieu_convivial', 'Lieu d’échanges convivial', 'A friendly place for exchange'),
  activity('gestion_lieu', 'coworking', 'Espace de co-working', 'Coworking space'),
  activity('gestion_lieu', 'demonstrateur', 'Showroom, démonstrateur', 'Showroom, demonstrator'),
  activity('gestion_lieu', 'fab_lab', 'Fab Lab', 'Fab lab'),
]

const territoryKinds: Term[] = [
  { code: 'commune', fr: 'Commune', en: 'Commune', defFr: 'Le premier échelon de la vie locale, avec son conseil municipal et son maire.', defEn: 'The first level of local life, with its municipal council and mayor.' },
  { code: 'epci', fr: 'Intercommunalité (EPCI)', en: 'Intercommunality (EPCI)', defFr: 'Établissement public de coopération intercommunale à fiscalité propre : communauté de communes, d’agglomération, urbaine ou métropole.', defEn: 'A public body for cooperation between communes with its own taxation: community of communes, agglomeration, urban community or metropolis.' },
  { code: 'ept', fr: 'Établissement public territorial (EPT)', en: 'Public territorial body (EPT)', defFr: 'Intercommunalité de la Métropole du Grand Paris, hors Paris ; une commune y est aussi membre de la Métropole.', defEn: 'An intercommunality inside the Métropole du Grand Paris, outside Paris; its communes also belong to the Métropole.' },
  { code: 'departement', fr: 'Département', en: 'Département', defFr: 'Collectivité chargée notamment des solidarités, des collèges et des routes départementales.', defEn: 'A local authority in charge of social solidarity, lower secondary schools and departmental roads, among others.' },
  { code: 'region', fr: 'Région', en: 'Région', defFr: 'Collectivité chargée notamment du développement économique, des lycées, des transports et de la formation.', defEn: 'A local authority in charge of economic development, upper secondary schools, transport and training, among others.' },
]

const communeSizes: Term[] = [
  { code: 'lt2000', fr: 'Moins de 2 000 habitants', en: 'Under 2,000 inhabitants', defFr: 'Les petites communes, la grande majorité des communes françaises.', defEn: 'Small communes, the great majority of French communes.' },
  { code: '2000to19999', fr: 'De 2 000 à 19 999 habitants', en: '2,000 to 19,999 inhabitants', defFr: 'Les bourgs et villes moyennes.', defEn: 'Market towns and mid-sized towns.' },
  { code: 'gte20000', fr: '20 000 habitants et plus', en: '20,000 inhabitants or more', defFr: 'Les villes et grandes villes.', defEn: 'Towns and cities.' },
]

const organisationSizes: Term[] = [
  { code: 'tpe', fr: 'TPE (moins de 10 salariés)', en: 'Micro-business (under 10 staff)', defFr: 'Très petite entreprise.', defEn: 'Very small company.' },
  { code: 'pme', fr: 'PME (10 à 249 salariés)', en: 'SME (10 to 249 staff)', defFr: 'Petite ou moyenne entreprise.', defEn: 'Small or medium-sized company.' },
  { code: 'eti', fr: 'ETI (250 à 4 999 salariés)', en: 'Mid-cap (250 to 4,999 staff)', defFr: 'Entreprise de taille intermédiaire.', defEn: 'Intermediate-sized company.' },
  { code: 'ge', fr: 'Grande entreprise (5 000 salariés et plus)', en: 'Large company (5,000 staff or more)', defFr: 'Grande entreprise ou groupe.', defEn: 'Large company or group.' },
  { code: 'employeuse', origin: 'alliance', fr: 'Association employeuse', en: 'Association with staff', defFr: 'Association qui emploie au moins un salarié.', defEn: 'An association employing at least one person.' },
  { code: 'non_employeuse', origin: 'alliance', fr: 'Association sans salarié', en: 'Association without staff', defFr: 'Association qui fonctionne avec ses seuls bénévoles.', defEn: 'An association run by volunteers only.' },
]


/**
 * Fields of action (domaines d'action) of needs and resources, each mapped to the SDGs it serves most
 * directly (the first SDGs suggested when a need is published; people may change them).
 */
const domains: Term[] = [
  { code: 'emploi_insertion', fr: 'Emploi et insertion', en: 'Employment and inclusion', sdgs: [8, 10, 1], defFr: 'Accès à l’emploi, insertion par l’activité économique, accompagnement vers le travail.', defEn: 'Access to work, work-integration enterprises, support towards employment.' },
  { code: 'education_jeunesse', fr: 'Éducation et jeunesse', en: 'Education and youth', sdgs: [4, 10], defFr: 'Réussite éducative, orientation, loisirs et engagement des jeunes.', defEn: 'Educational success, guidance, leisure and engagement of young people.' },
  { code: 'sante', fr: 'Santé', en: 'Health', sdgs: [3], defFr: 'Prévention, accès aux soins, santé mentale.', defEn: 'Prevention, access to care, mental health.' },
  { code: 'autonomie_grand_age', fr: 'Autonomie et grand âge', en: 'Autonomy and old age', sdgs: [3, 10], defFr: 'Maintien à domicile, lutte contre l’isolement des aînés, aidants.', defEn: 'Living at home, fighting the isolation of older people, carers.' },
  { code: 'handicap', fr: 'Handicap', en: 'Disability', sdgs: [10, 3, 8], defFr: 'Inclusion des personnes en situation de handicap : accès, emploi, loisirs.', defEn: 'Inclusion of people with disabilities: access, work, leisure.' },
  { code: 'logement', fr: 'Logement', en: 'Housing', sdgs: [11, 1], defFr: 'Accès au logement, hébergement, lutte contre le mal-logement.', defEn: 'Access to housing, shelter, fighting poor housing.' },
  { code: 'mobilite', fr: 'Mobilité', en: 'Mobility', sdgs: [11, 9, 13], defFr: 'Se déplacer pour travailler, se soigner, se former ; mobilités douces.', defEn: 'Getting around to work, for care or training; active mobility.' },
  { code: 'alimentation', fr: 'Alimentation', en: 'Food', sdgs: [2, 12, 3], defFr: 'Aide alimentaire, alimentation durable, circuits courts, lutte contre le gaspillage.', defEn: 'Food aid, sustainable food, short supply chains, fighting waste.' },
  { code: 'transition_ecologique', fr: 'Transition écologique', en: 'Ecological transition', sdgs: [13, 12, 15], defFr: 'Climat, économie circulaire, réduction des déchets, adaptation.', defEn: 'Climate, circular economy, waste reduction, adaptation.' },
  { code: 'energie', fr: 'Énergie', en: 'Energy', sdgs: [7, 13], defFr: 'Rénovation énergétique, énergies renouvelables, précarité énergétique.', defEn: 'Energy renovation, renewable energy, fuel poverty.' },
  { code: 'environnement_biodiversite', fr: 'Eau, biodiversité et nature', en: 'Water, biodiversity and nature', sdgs: [15, 6, 14], defFr: 'Protéger l’eau, les sols, les espèces et les paysages.', defEn: 'Protecting water, soil, species and landscapes.' },
  { code: 'numerique', fr: 'Numérique', en: 'Digital', sdgs: [9, 4, 10], defFr: 'Inclusion numérique, équipement, outils numériques des structures.', defEn: 'Digital inclusion, equipment, digital tools for organisations.' },
  { code: 'culture_patrimoine', fr: 'Culture et patrimoine', en: 'Culture and heritage', sdgs: [11, 4], defFr: 'Pratiques artistiques, médiation culturelle, patrimoine local.', defEn: 'Arts practice, cultural outreach, local heritage.' },
  { code: 'sport', fr: 'Sport', en: 'Sport', sdgs: [3, 4, 10], defFr: 'Pratique sportive pour tous, sport-santé, sport éducatif.', defEn: 'Sport for all, sport for health, educational sport.' },
  { code: 'developpement_economique', fr: 'Développement économique local', en: 'Local economic development', sdgs: [8, 9], defFr: 'Création d’entreprise, commerce de proximité, filières locales.', defEn: 'Business creation, local shops, local supply chains.' },
  { code: 'revitalisation', fr: 'Revitalisation', en: 'Revitalisation', sdgs: [11, 8], defFr: 'Redonner vie aux centres-bourgs, aux quartiers et aux friches.', defEn: 'Bringing town centres, neighbourhoods and brownfields back to life.' },
  { code: 'solidarite_precarite', fr: 'Solidarité et précarité', en: 'Solidarity and poverty', sdgs: [1, 2, 10], defFr: 'Lutte contre la pauvreté et l’exclusion, accès aux droits.', defEn: 'Fighting poverty and exclusion, access to rights.' },
  { code: 'egalite', fr: 'Égalité et lutte contre les discriminations', en: 'Equality and non-discrimination', sdgs: [5, 10], defFr: 'Égalité femmes-hommes, lutte contre les discriminations.', defEn: 'Gender equality, fighting discrimination.' },
  { code: 'citoyennete', fr: 'Citoyenneté et vie démocratique', en: 'Citizenship and democratic life', sdgs: [16, 17], defFr: 'Participation des habitants, vie associative, dialogue entre acteurs.', defEn: 'Residents’ participation, community life, dialogue between actors.' },
]

const respondentSegments: Term[] = [
  { code: 'citoyen', fr: 'Citoyens', en: 'Citizens', defFr: 'Les habitants qui répondent à titre personnel.', defEn: 'Residents answering in a personal capacity.' },
  { code: 'elu', fr: 'Élus', en: 'Elected officials (élus)', defFr: 'Maires, adjoints et conseillers des collectivités.', defEn: 'Mayors, deputy mayors and councillors of local authorities.' },
  { code: 'entreprise', fr: 'Entreprises', en: 'Companies (entreprises)', defFr: 'Dirigeants et salariés qui répondent pour leur entreprise.', defEn: 'Company leaders and staff answering for their company.' },
  { code: 'association', fr: 'Associations', en: 'Associations', defFr: 'Responsables, salariés et bénévoles qui répondent pour leur association.', defEn: 'Heads, staff and volunteers answering for their association.' },
  { code: 'fondation', fr: 'Fondations', en: 'Foundations', defFr: 'Fondations et fonds de dotation.', defEn: 'Foundations and endowment funds.' },
  { code: 'academique', fr: 'Acteurs académiques', en: 'Academic actors', defFr: 'Universités, écoles, laboratoires.', defEn: 'Universities, schools, laboratories.' },
  { code: 'acteur_public', fr: 'Acteurs publics', en: 'Public bodies', defFr: 'Services de l’État, opérateurs et établissements publics.', defEn: 'State services, public agencies and institutions.' },
  { code: 'accompagnement', fr: 'Structures d’accompagnement et réseaux', en: 'Support organisations and networks', defFr: 'Réseaux, fédérations, incubateurs, chambres consulaires.', defEn: 'Networks, federations, incubators, chambers.' },
]

export const VOCABULARY: KindInfo[] = [
  { kind: 'concept', fr: 'Notions de la méthode', en: 'Key notions of the method', introFr: 'Les mots du « faire alliance », tels que la plateforme les emploie.', introEn: 'The words of “faire alliance” as the platform uses them.', origin: 'alliance', terms: concepts },
  { kind: 'world', fr: 'Mondes d’acteurs', en: 'Worlds of actors', introFr: 'Une alliance réunit des acteurs de mondes différents ; chaque organisation en déclare un.', introEn: 'An alliance joins actors from different worlds; each organisation declares one.', origin: ['R104'], terms: worlds },
  { kind: 'sdg', fr: 'Objectifs de développement durable (ODD)', en: 'Sustainable Development Goals (SDGs)', introFr: 'Le cadre commun de l’Agenda 2030 ; l’ODD 17 (partenariats) est la méthode de toute alliance.', introEn: 'The shared frame of the 2030 Agenda; SDG 17 (partnerships) is the method of every alliance.', origin: ['onu'], terms: sdgs },
  { kind: 'lever', fr: 'Les trois leviers de l’intérêt général', en: 'The three levers of the general interest', introFr: 'Il n’existe pas de « bon chemin », mais un équilibre propre à chacun pour articuler les trois leviers : la Vision, la Gestion et l’Action.', introEn: 'There is no single “right path”, but a balance of one’s own to articulate the three levers: Vision, Gestion and Action.', origin: ['R61', 'seed'], terms: levers },
  { kind: 'impact', fr: 'Les trois impacts des alliances', en: 'The three impacts of alliances', introFr: 'Une alliance se juge dans le temps, sur trois impacts.', introEn: 'An alliance is judged over time, on three impacts.', origin: ['R39', 'seed'], terms: impacts },
  { kind: 'partnership_type', fr: 'Types de partenariats', en: 'Types of partnerships', introFr: 'Quatre familles de partenariats, présentées côte à côte : aucune n’est meilleure qu’une autre.', introEn: 'Four families of partnerships, shown side by side: none is better than another.', origin: ['R52', 'R53'], terms: partnershipTypes },
  { kind: 'contribution_type', fr: 'Types de contributions', en: 'Types of contributions', introFr: 'Les formes que prend ce qu’une organisation apporte à un besoin ou à une alliance. Les quatre formes de mécénat viennent de la méthode ; les autres sont proposées par la plateforme. Un type de contribution n’est pas un type de partenariat.', introEn: 'The forms of what an organisation brings to a need or an alliance. The four forms of mécénat come from the method; the others are proposed by the platform. A type of contribution is not a type of partnership.', origin: ['R53'], terms: contributionTypes },
  { kind: 'coconstruction_form', fr: 'Formes de co-construction', en: 'Forms of co-construction', introFr: 'Les trois formes que prend la co-construction territoriale.', introEn: 'The three forms territorial co-construction takes.', origin: ['R18'], terms: forms },
  { kind: 'alliance_phase', fr: 'Phases d’une alliance', en: 'Phases of an alliance', introFr: 'Les étapes que la plateforme propose pour suivre une alliance, de l’émergence à l’essaimage ; chaque alliance les vit à son rythme et peut revenir en arrière.', introEn: 'The stages the platform proposes to follow an alliance, from emergence to spreading; each alliance goes through them at its own pace, and may go back.', origin: 'alliance', terms: alliancePhases },
  { kind: 'partner_role', fr: 'Rôles des partenaires', en: 'Roles of partners', introFr: 'Les rôles que la plateforme propose pour dire ce que chaque organisation fait dans une alliance ; un rôle n’est pas un rang.', introEn: 'The roles the platform proposes to say what each organisation does in an alliance; a role is not a rank.', origin: 'alliance', terms: partnerRoles },
  { kind: 'partnership_objective', fr: 'Objectifs des partenariats', en: 'Objectives of partnerships', introFr: 'Les quatre objectifs communs aux entreprises et aux associations : chacun dit ce qu’il apporte et ce qu’il attend.', introEn: 'The four objectives shared by companies and associations: each partner says what it brings and what it expects.', origin: ['R54'], terms: partnershipObjectives },
  { kind: 'journal_kind', fr: 'Entrées du journal d’une alliance', en: 'Entries of an alliance journal', introFr: 'Ce que les partenaires consignent, daté, de la racine aux premiers fruits : une liste proposée par la plateforme.', introEn: 'What the partners record, dated, from the roots to the first fruits: a list proposed by the platform.', origin: 'alliance', terms: journalKinds },
  { kind: 'catalysis_trade', fr: 'Les quatre métiers de la catalyse', en: 'The four trades of catalysis', introFr: 'Ce que font les catalyseurs territoriaux, des lieux et des liens.', introEn: 'What territorial facilitators do, with places and links.', origin: ['R11'], terms: trades },
  { kind: 'catalysis_activity', fr: 'Activités de catalyse', en: 'Catalysis activities', introFr: 'La grille 4 × 4 des activités, par métier.', introEn: 'The 4 × 4 grid of activities, by trade.', origin: ['R11'], terms: activities },
  { kind: 'territory_kind', fr: 'Échelons territoriaux', en: 'Territorial levels', introFr: 'Les échelons de la géographie officielle ; un territoire de projet peut les croiser.', introEn: 'The levels of the official geography; a project territory may cross them.', origin: ['cog'], terms: territoryKinds },
  { kind: 'commune_size', fr: 'Tailles de commune', en: 'Commune size bands', introFr: 'Les trois tranches de population utilisées par les études sur les maires.', introEn: 'The three population bands used by studies of mayors.', origin: ['R43'], terms: communeSizes },
  { kind: 'domain', fr: 'Domaines d’action', en: 'Fields of action', introFr: 'Les champs dans lesquels s’expriment les besoins et les envies d’engagement, proposés par la plateforme ; chacun renvoie aux ODD qu’il sert.', introEn: 'The fields in which needs and wishes to engage are expressed, proposed by the platform; each points to the SDGs it serves.', origin: 'alliance', terms: domains },
  { kind: 'respondent_segment', fr: 'Publics des enquêtes', en: 'Survey audiences', introFr: 'Les publics auxquels s’adresse une enquête et les segments de ses résultats, proposés par la plateforme.', introEn: 'The audiences a survey addresses and the segments of its results, proposed by the platform.', origin: 'alliance', terms: respondentSegments },
  { kind: 'organisation_size', fr: 'Tailles d’organisation', en: 'Organisation sizes', introFr: 'Taille des entreprises (catégories de l’INSEE, par effectif) et des associations (employeuses ou non).', introEn: 'Size of companies (INSEE categories, by staff) and associations (with staff or not).', origin: ['insee_categories'], terms: organisationSizes },
  ...EVALUATION_VOCABULARY,
]
