/**
 * The published sources the lexique cites, so that each entry says where it comes from: a term of the method
 * (Le RAMEAU's documents, the source presentation of the product), an official reference (United Nations,
 * INSEE), or a list the platform proposes itself ("proposition d'Alliance", no source).
 *
 * Keys `R…` are those of the research brief (`domain.md` §6, which gives the addresses). Titles are the
 * documents' own; `year` is the year of publication when the document or the brief states it, `null` when it
 * does not (shown "s. d.", never guessed). `url` is `null` for the source presentation, of which no public copy
 * is known.
 */

/** One cited document. */
export interface Source {
  author: string
  title: string
  year: number | null
  url: string | null
}

function source(author: string, title: string, year: number | null, url: string | null): Source {
  return { author, title, year, url }
}

/** Every source the lexique cites, by key. */
export const SOURCES = {
  seed: source('Le RAMEAU', '« Jouons collectif ! » Le retour d’expériences de la co-construction territoriale — 3e dîner Élus & Entreprises, 23 novembre 2020', 2020, null),
  anc: source('Autorité des normes comptables (présenté par Paheko)', 'Règlement ANC n° 2018-06 (comptes annuels des personnes morales de droit privé à but non lucratif), article 211-3', 2018, 'https://paheko.cloud/valorisation-du-benevolat'),
  onu: source('Nations unies', 'Objectifs de développement durable : 17 objectifs pour transformer notre monde (Programme de développement durable à l’horizon 2030)', 2015, 'https://www.un.org/fr/exhibit/odd-17-objectifs-pour-transformer-notre-monde'),
  insee_categories: source('INSEE (V. Hecquet)', 'Quatre nouvelles catégories d’entreprise, Insee Première n° 1321 (décret n° 2008-1354)', 2010, 'https://www.insee.fr/fr/statistiques/1281134'),
  cog: source('INSEE, DGCL (paquet Etalab)', 'Découpage administratif : Code officiel géographique, intercommunalités, établissements publics territoriaux', null, 'https://github.com/etalab/decoupage-administratif'),
  R8: source('Le RAMEAU', 'Bonnes nouvelles des territoires : nouveaux besoins, nouvelles réponses', 2025, 'https://www.lerameau.fr/bonnes-nouvelles-des-territoires-nouveaux-besoins-nouvelles-reponses/'),
  R9: source('Le RAMEAU', 'Devenons « social impact manager » pour piloter l’innovation en proximité', null, 'https://www.lerameau.fr/devenons-social-impact-manager-pour-piloter-linnovation-en-proximite/'),
  R10: source('Le RAMEAU', 'Une « usine de la co-construction » en France', null, 'https://www.lerameau.fr/une-usine-de-la-co-construction-en-france/'),
  R11: source('associations.gouv.fr', 'Les catalyseurs territoriaux', null, 'https://associations.gouv.fr/les-catalyseurs-territoriaux-11363.html'),
  R12: source('Le RAMEAU', 'Qu’est-ce qu’un catalyseur territorial ?', null, 'https://www.lerameau.fr/quest-ce-quun-catalyseur-territorial/'),
  R14: source('Le RAMEAU', 'Sachons articuler 3 ingénieries', null, 'https://www.lerameau.fr/sachons-articuler-3-ingenieries/'),
  R18: source('Le RAMEAU, centre de ressources « co-construction territoriale »', 'Quelles sont les formes de co-construction ?', null, 'https://co-constructionterritoriale.plateformecapitalisation.org/quelles-sont-les-formes-de-co-construction'),
  R20: source('Le RAMEAU', 'Parcours d’expérience « co-construction territoriale »', 2018, 'https://www.lerameau.fr/parcours-dexperience-co-construction-territoriale/'),
  R23: source('Le RAMEAU', 'L’évaluation partenariale en pratique', 2019, 'https://www.lerameau.fr/levaluation-partenariale-en-pratique/'),
  R27: source('Le RAMEAU', 'L’impact en actions', null, 'https://www.lerameau.fr/limpact-en-actions/'),
  R28: source('associations.gouv.fr', 'Carnet de recherche « Ensemble, valorisons le jouer collectif »', null, 'https://associations.gouv.fr/carnet-de-recherche-ensemble-valorisons-le-jouer-collectif.html'),
  R33: source('Le RAMEAU', 'Cadre de référence des modèles socio-économiques d’intérêt général', null, 'https://modeles-socio-economiques.plateformecapitalisation.org/cadre-de-reference'),
  R35: source('Le RAMEAU', 'Benchmark « Dispositifs de co-construction territoriale »', 2016, 'https://studylibfr.com/doc/2254881/dispositifs-de-co-construction-territoriale'),
  R39: source('Le RAMEAU, Observatoire des partenariats', 'Le programme IMPACT (2018-2022)', null, 'https://www.lerameau.fr/le-programme-impact/'),
  R43: source('Observatoire des partenariats, Comisis-OpinionWay', 'Impacts & Trajectoires — Élus locaux', 2024, 'https://letowski.fr/note/analyses-et-etudes-de-novembre-2024/?p=31613'),
  R52: source('ESSEC, Le RAMEAU (MOOC « Partenariats qui changent le monde »)', 'Parole d’expert : Charles-Benoît Heidsieck — les quatre catégories de partenariats', null, 'https://www.coursera.org/lecture/partenariats-qui-changent-le-monde/parole-d-expert-charles-benoit-heidsieck-president-fondateur-du-rameau-wf7Q6'),
  R53: source('ESSEC, Le RAMEAU (MOOC « Partenariats qui changent le monde »)', 'Allons plus loin avec Thierry Sibieude (partie 2) — les formes du mécénat', null, 'https://fr.coursera.org/lecture/partenariats-qui-changent-le-monde/allons-plus-loin-avec-thierry-sibieude-partie-2-SvmUB'),
  R54: source('ESSEC, Le RAMEAU (MOOC « Partenariats qui changent le monde »)', 'Parole d’expert : Charles-Benoît Heidsieck — les objectifs des partenariats', null, 'https://fr.coursera.org/lecture/partenariats-qui-changent-le-monde/parole-d-expert-charles-benoit-heidsieck-president-fondateur-du-rameau-k0n4G'),
  R56: source('ESSEC, Le RAMEAU (MOOC « Les alliances qui changent les territoires »)', 'Parole d’expert : Charles-Benoît Heidsieck, épisode 2 — alliance et partenariat', null, 'https://fr.coursera.org/lecture/les-alliances-qui-changent-les-territoires/parole-d-expert-charles-benoit-heidsieck-president-fondateur-du-rameau-episode-2-k1ple'),
  R61: source('L’Illusion du dragon', 'Intérêt général, l’affaire de tous — compte rendu du colloque du RAMEAU de janvier 2018', 2018, 'https://illusiondudragon.fr/interet-general-laffaire-de-tous/'),
  R85: source('Le RAMEAU', 'Aujourd’hui, prenons du recul', null, 'https://www.lerameau.fr/aujourdhui-prenons-du-recul/'),
  R97: source('Fondation des Territoires', 'Constat : un mouvement empirique de co-construction territoriale (note fondatrice)', null, 'https://123dok.net/document/zlg5nel6-constat-un-mouvement-empirique-de-co-construction-territoriale.html'),
  R104: source('CARENews', 'Le RAMEAU : cette fois, c’est fini', null, 'https://www.carenews.com/fr/news/le-rameau-cette-fois-c-est-fini'),
} satisfies Record<string, Source>

/** The key of a cited source. */
export type SourceKey = keyof typeof SOURCES

/**
 * Where a lexique entry comes from: the sources that give it (at least one), or `'alliance'` for the
 * platform's own proposals (its lists of alliance phases, partner roles, some contribution types…).
 */
export type Origin = 'alliance' | readonly [SourceKey, ...SourceKey[]]
