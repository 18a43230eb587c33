/**
 * The words of evaluation, valuation and capitalisation (issue 14), kept apart from the rest of the lexique.
 *
 * Every kind says where its labels come from (`origin`, sources in `vocabulary.sources.ts`): the method's public
 * sources, or "proposition d'Alliance" where the sources give no list (the rating scale, the directions of an
 * indicator). As everywhere in the lexique, the one-line definitions are ours.
 */
import type { KindInfo, Term } from './vocabulary.data.js'

const evaluationObjects: Term[] = [
  { code: 'produit', fr: 'Le produit du partenariat', en: 'Le produit du partenariat (what the partnership produced)', defFr: 'Ce que l’alliance a réellement produit pour ses publics et son territoire.', defEn: 'What the alliance actually produced for the people it serves and its territory.' },
  { code: 'equilibre', fr: 'L’équilibre du partenariat', en: 'L’équilibre du partenariat (balance between partners)', defFr: 'La façon dont chacun trouve sa place, donne et reçoit dans la relation.', defEn: 'How each partner finds its place, gives and receives in the relationship.' },
  { code: 'valorisation', fr: 'La valorisation des différentes participations', en: 'La valorisation des participations (the value of each contribution)', defFr: 'La reconnaissance de ce que chaque partenaire apporte, en temps, compétences, biens et argent.', defEn: 'Recognising what each partner brings, in time, skills, goods and money.' },
]

const evaluationApproaches: Term[] = [
  { code: 'performance', fr: 'Performance', en: 'Performance', defFr: 'Les résultats obtenus au regard des objectifs que les partenaires se sont donnés.', defEn: 'The results obtained against the goals the partners set themselves.' },
  { code: 'coherence', fr: 'Cohérence', en: 'Cohérence (consistency)', defFr: 'L’accord entre ce que l’on fait ensemble et la stratégie de chaque partenaire.', defEn: 'How what is done together fits each partner’s strategy.' },
  { code: 'efficience', fr: 'Efficience', en: 'Efficience (efficiency)', defFr: 'Les résultats rapportés aux moyens engagés par chacun.', defEn: 'Results compared with the means each partner committed.' },
  { code: 'pertinence', fr: 'Pertinence', en: 'Pertinence (relevance)', defFr: 'La justesse de la réponse au regard des besoins du territoire et de ses habitants.', defEn: 'How well the answer fits the needs of the territory and its people.' },
  { code: 'contribution_societale', fr: 'Contribution sociétale', en: 'Contribution sociétale (contribution to society)', defFr: 'Ce que l’alliance apporte au bien commun, au-delà des partenaires.', defEn: 'What the alliance brings to the common good, beyond the partners.' },
  { code: 'clarte', fr: 'Clarté', en: 'Clarté (clarity)', defFr: 'La lisibilité des rôles, des engagements et des décisions pour chacun.', defEn: 'How readable roles, commitments and decisions are for everyone.' },
  { code: 'sens', fr: 'Sens', en: 'Sens (meaning)', defFr: 'Ce que l’alliance signifie pour les personnes engagées et ce qui les fait agir.', defEn: 'What the alliance means to the people involved and what moves them.' },
]

const evaluationScale: Term[] = [
  { code: '1', fr: 'Pas du tout', en: 'Not at all', defFr: 'Le partenaire ne constate pas cet effet.', defEn: 'The partner does not see this effect.' },
  { code: '2', fr: 'Un peu', en: 'A little', defFr: 'L’effet existe mais reste faible ou ponctuel.', defEn: 'The effect exists but stays weak or occasional.' },
  { code: '3', fr: 'Assez', en: 'Fairly', defFr: 'L’effet est net, avec des réserves.', defEn: 'The effect is clear, with reservations.' },
  { code: '4', fr: 'Tout à fait', en: 'Fully', defFr: 'L’effet est pleinement atteint.', defEn: 'The effect is fully achieved.' },
  { code: '0', fr: 'Ne sait pas', en: 'Does not know', defFr: 'Le partenaire n’a pas les éléments pour se prononcer ; ce n’est pas une note.', defEn: 'The partner lacks what it needs to judge; this is not a rating.' },
]

const impactScopes: Term[] = [
  { code: 'organisation', fr: 'Sa propre organisation', en: 'Its own organisation', defFr: 'Les effets de l’alliance sur l’organisation qui répond.', defEn: 'The alliance’s effects on the answering organisation.' },
  { code: 'publics', fr: 'Les publics servis', en: 'The people served', defFr: 'Les effets sur les personnes que l’alliance sert.', defEn: 'The effects on the people the alliance serves.' },
  { code: 'territoire', fr: 'Le territoire', en: 'The territory', defFr: 'Les effets sur le territoire et son écosystème.', defEn: 'The effects on the territory and its ecosystem.' },
]

const indicatorDirections: Term[] = [
  { code: 'hausse', fr: 'À la hausse', en: 'Upwards', defFr: 'L’indicateur progresse quand sa valeur augmente.', defEn: 'The indicator improves when its value rises.' },
  { code: 'baisse', fr: 'À la baisse', en: 'Downwards', defFr: 'L’indicateur progresse quand sa valeur diminue.', defEn: 'The indicator improves when its value falls.' },
  { code: 'maintien', fr: 'Maintien', en: 'Steady', defFr: 'Il s’agit de garder la valeur au niveau de la cible.', defEn: 'The aim is to keep the value at the target.' },
]

const mseLevers: Term[] = [
  { code: 'richesses_humaines', fr: 'Richesses humaines', en: 'Richesses humaines (people)', defFr: 'Bénévoles, salariés, volontaires et compétences mises à disposition.', defEn: 'Volunteers, staff, volunteers on civic service and skills lent.' },
  { code: 'ressources_financieres', fr: 'Ressources financières', en: 'Ressources financières (financial resources)', defFr: 'Argent public ou privé, et revenus d’activité.', defEn: 'Public or private money, and income from activities.' },
  { code: 'alliances', fr: 'Alliances', en: 'Alliances', defFr: 'Ce qu’apportent les partenaires au-delà de l’argent et du temps : lieux, biens, coopérations.', defEn: 'What partners bring beyond money and time: places, goods, cooperation.' },
]

const innovationAxes: Term[] = [
  { code: 'solution', fr: 'La solution', en: 'The solution', defFr: 'Ce que l’alliance propose, concrètement, à ses publics.', defEn: 'What the alliance offers its people, concretely.' },
  { code: 'processus', fr: 'Le processus', en: 'The process', defFr: 'Les étapes par lesquelles la solution est produite et mise en œuvre.', defEn: 'The steps through which the solution is produced and delivered.' },
  { code: 'modele_socio_economique', fr: 'Le modèle socio-économique', en: 'The socio-economic model', defFr: 'Comment l’action trouve durablement ses ressources humaines, financières et ses alliances.', defEn: 'How the action durably finds its people, money and alliances.' },
  { code: 'dispositif', fr: 'Le dispositif', en: 'The arrangement (dispositif)', defFr: 'La forme d’organisation choisie pour porter la solution.', defEn: 'The form of organisation chosen to carry the solution.' },
  { code: 'gouvernance', fr: 'La gouvernance', en: 'The governance', defFr: 'Qui décide de quoi, et comment les partenaires se coordonnent.', defEn: 'Who decides what, and how the partners coordinate.' },
  { code: 'cadre_technique', fr: 'Le cadre juridique, social et fiscal', en: 'The legal, social and tax frame', defFr: 'Les conventions, statuts et règles qui encadrent l’action.', defEn: 'The agreements, statutes and rules that frame the action.' },
]

const valuationPillars: Term[] = [
  { code: 'capitalisation', fr: 'Capitalisation', en: 'Capitalisation', defFr: 'Transformer les pratiques de terrain en méthodes dont d’autres peuvent s’inspirer.', defEn: 'Turning field practice into methods others can draw on.' },
  { code: 'evaluation_partenariale', fr: 'Évaluation partenariale', en: 'Évaluation partenariale (partnership evaluation)', defFr: 'Évaluer avec chacun des partenaires, pas seulement pour eux.', defEn: 'Evaluating with every partner, not only for them.' },
  { code: 'modelisation_economique', fr: 'Modélisation économique', en: 'Modélisation économique (economic modelling)', defFr: 'Établir la valeur économique de ce qui est fait pour le faire durer.', defEn: 'Establishing the economic value of what is done so that it lasts.' },
  { code: 'faire_valoir', fr: 'Faire-valoir', en: 'Faire-valoir (making it known)', defFr: 'Rendre lisible et visible ce qui a été fait, auprès des praticiens, des institutions et des chercheurs.', defEn: 'Making what was done readable and visible to practitioners, institutions and researchers.' },
]

const cvnCategories: Term[] = [
  { code: 'dons_en_nature', fr: 'Dons en nature', en: 'Dons en nature (gifts in kind)', defFr: 'Biens remis gratuitement et consommés ou utilisés en l’état par l’association.', defEn: 'Goods given free of charge and used as they are by the association.' },
  { code: 'prestations_en_nature', fr: 'Prestations en nature', en: 'Prestations en nature (services in kind)', defFr: 'Services fournis gratuitement : locaux, matériel, personnel mis à disposition, conseil.', defEn: 'Services provided free of charge: premises, equipment, staff lent, advice.' },
  { code: 'benevolat', fr: 'Bénévolat', en: 'Bénévolat (volunteering)', defFr: 'Temps donné par des personnes hors de tout lien de travail avec l’association.', defEn: 'Time given by people with no employment link to the association.' },
]

/** The kinds of this block, appended to the lexique after the others. */
export const EVALUATION_VOCABULARY: KindInfo[] = [
  { kind: 'evaluation_object', fr: 'Les trois objets de l’évaluation partenariale', en: 'The three objects of partnership evaluation', introFr: 'Ce que les partenaires évaluent ensemble, à chaque temps d’évaluation.', introEn: 'What the partners evaluate together, at each evaluation round.', origin: ['R23'], terms: evaluationObjects },
  { kind: 'evaluation_approach', fr: 'Les sept approches de l’évaluation partenariale', en: 'The seven approaches of partnership evaluation', introFr: 'Les angles sous lesquels chaque objet est regardé ; ensemble, ils forment une grille de 21 cases.', introEn: 'The angles from which each object is seen; together they form a grid of 21 cells.', origin: ['R23'], terms: evaluationApproaches },
  { kind: 'evaluation_scale', fr: 'Échelle de réponse de la grille', en: 'Answer scale of the grid', introFr: 'Quatre niveaux et « ne sait pas » ; jamais additionnés en une note.', introEn: 'Four levels and “does not know”; never added up into a score.', origin: 'alliance', terms: evaluationScale },
  { kind: 'impact_scope', fr: 'Pour qui mesurer les trois impacts', en: 'For whom the three impacts are judged', introFr: 'Chaque partenaire dit l’innovation, la performance et la confiance produites pour trois cercles.', introEn: 'Each partner states the innovation, performance and trust produced for three circles.', origin: ['R27'], terms: impactScopes },
  { kind: 'indicator_direction', fr: 'Sens d’un indicateur', en: 'Direction of an indicator', introFr: 'Dans quel sens une valeur rapproche l’alliance de sa cible.', introEn: 'Which way a value brings the alliance closer to its target.', origin: 'alliance', terms: indicatorDirections },
  { kind: 'mse_lever', fr: 'Les trois leviers du modèle socio-économique', en: 'The three levers of the socio-economic model', introFr: 'L’équilibre de la maison : comment une action trouve ses ressources.', introEn: 'The balance of the house: how an action finds its resources.', origin: ['R33'], terms: mseLevers },
  { kind: 'innovation_axis', fr: 'Les six axes d’un modèle d’innovation', en: 'The six axes of an innovation model', introFr: 'La trame d’une fiche de pratique inspirante.', introEn: 'The outline of an inspiring-practice sheet.', origin: ['R35'], terms: innovationAxes },
  { kind: 'valuation_pillar', fr: 'Les quatre piliers de la valorisation', en: 'The four pillars of valuation', introFr: 'Dans cet ordre : capitaliser, évaluer, modéliser, faire valoir.', introEn: 'In this order: capitalise, evaluate, model, make it known.', origin: ['R28'], terms: valuationPillars },
  { kind: 'cvn_category', fr: 'Contributions volontaires en nature (comptabilité des associations)', en: 'Voluntary contributions in kind (associations’ accounts)', introFr: 'Les catégories sous lesquelles une association présente, au pied de son compte de résultat, ce qu’elle a reçu gratuitement.', introEn: 'The categories under which an association shows, at the foot of its income statement, what it received free of charge.', origin: ['anc'], terms: cvnCategories },
]
