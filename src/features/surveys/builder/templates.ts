/**
 * Questionnaire templates and the reference answer lists of profile questions.
 *
 * Profile questions use fixed codes (sex f/h, age bands, INSEE région codes, commune-size bands of the
 * vocabulary, occupation groups, respondent segments) so that the weighting presets can name their
 * categories. The région list is static on purpose: answer options must not depend on which part of the
 * geography a given installation has loaded.
 */
import type { Kysely } from 'kysely'
import type { Database } from '../../../database.js'
import { termsOf } from '../../vocabulary/index.js'
import type { Definition, Option, ProfileRole, Question, Section } from '../surveys.definition.js'

/** Templates offered when creating a questionnaire. */
export const TEMPLATE_KEYS = ['vide', 'barometre', 'acteurs'] as const
/** A template. */
export type TemplateKey = (typeof TEMPLATE_KEYS)[number]

/** The wording of the three-lever question, as the source study asks it. */
export const LEVERS_QUESTION =
  'Pour favoriser la mobilisation de votre territoire, pourriez-vous classer ces trois leviers dans l’ordre des priorités (1 à 3) ?'

/** Sex options (codes of the population preset). */
export const SEX_OPTIONS: Option[] = [
  { code: 'f', label: 'Femme' },
  { code: 'h', label: 'Homme' },
]

/** Adult age bands (codes of the population preset). */
export const AGE_OPTIONS: Option[] = [
  { code: 'a18_24', label: '18 à 24 ans' },
  { code: 'a25_34', label: '25 à 34 ans' },
  { code: 'a35_44', label: '35 à 44 ans' },
  { code: 'a45_54', label: '45 à 54 ans' },
  { code: 'a55_64', label: '55 à 64 ans' },
  { code: 'a65p', label: '65 ans et plus' },
]

/** The 18 régions (13 in metropolitan France, 5 overseas), option code `r` + INSEE code. */
export const REGION_OPTIONS: Option[] = [
  { code: 'r11', label: 'Île-de-France' },
  { code: 'r24', label: 'Centre-Val de Loire' },
  { code: 'r27', label: 'Bourgogne-Franche-Comté' },
  { code: 'r28', label: 'Normandie' },
  { code: 'r32', label: 'Hauts-de-France' },
  { code: 'r44', label: 'Grand Est' },
  { code: 'r52', label: 'Pays de la Loire' },
  { code: 'r53', label: 'Bretagne' },
  { code: 'r75', label: 'Nouvelle-Aquitaine' },
  { code: 'r76', label: 'Occitanie' },
  { code: 'r84', label: 'Auvergne-Rhône-Alpes' },
  { code: 'r93', label: 'Provence-Alpes-Côte d’Azur' },
  { code: 'r94', label: 'Corse' },
  { code: 'r01', label: 'Guadeloupe' },
  { code: 'r02', label: 'Martinique' },
  { code: 'r03', label: 'Guyane' },
  { code: 'r04', label: 'La Réunion' },
  { code: 'r06', label: 'Mayotte' },
]

/** Commune-size bands (codes of the vocabulary kind `commune_size`). */
export function sizeOptions(): Option[] {
  return termsOf('commune_size').map((t) => ({ code: t.code, label: t.fr }))
}

/** Occupation groups (PCS, grouped as in opinion surveys). */
export const OCCUPATION_OPTIONS: Option[] = [
  { code: 'agr_art', label: 'Agriculteurs, artisans, commerçants, chefs d’entreprise' },
  { code: 'cadres', label: 'Cadres et professions intellectuelles supérieures' },
  { code: 'prof_int', label: 'Professions intermédiaires' },
  { code: 'employes', label: 'Employés' },
  { code: 'ouvriers', label: 'Ouvriers' },
  { code: 'inactifs', label: 'Retraités et autres inactifs' },
]

/** Respondent segments (vocabulary kind `respondent_segment`): the "world" a person answers from. */
export function worldOptions(): Option[] {
  return termsOf('respondent_segment').map((t) => ({ code: t.code, label: t.fr }))
}

/** The three levers (vocabulary kind `lever`) as ranking items. */
export function leverOptions(): Option[] {
  return termsOf('lever').map((t) => ({ code: t.code, label: t.fr }))
}

/** A four-point agreement scale, from full agreement to full disagreement. */
export const AGREEMENT_OPTIONS: Option[] = [
  { code: 'tout_a_fait', label: 'Tout à fait d’accord' },
  { code: 'plutot', label: 'Plutôt d’accord' },
  { code: 'plutot_pas', label: 'Plutôt pas d’accord' },
  { code: 'pas_du_tout', label: 'Pas du tout d’accord' },
]

/** Whether a ranking question's items are the three levers (then results show the ternary plot). */
export function isLeverRanking(q: Question): boolean {
  const codes = q.options.map((o) => o.code).sort()
  return q.type === 'ranking' && codes.length === 3 && codes.join(',') === 'action,gestion,vision'
}

function question(key: string, type: Question['type'], label: string, extra: Partial<Question> = {}): Question {
  return { key, type, label, help: '', required: true, options: [], condition: null, profile: null, subtotal: null, ...extra }
}

function profile(key: string, role: ProfileRole, label: string, options: Option[]): Question {
  return question(key, 'single', label, { profile: role, options })
}

function leversQuestion(key: string): Question {
  return question(key, 'ranking', LEVERS_QUESTION, {
    help: 'Donnez le rang 1 au levier que vous jugez prioritaire, puis 2 et 3.',
    options: leverOptions(),
    rankCount: 3,
    partialRanking: false,
  })
}

function partnershipsQuestion(key: string): Question {
  return question(
    key,
    'single',
    'Êtes-vous d’accord avec l’affirmation suivante : « Les partenariats entre acteurs de mondes différents (collectivités, entreprises, associations…) sont une source d’innovation pour réduire les fragilités du territoire et créer de nouveaux moteurs de croissance et d’emploi » ?',
    { options: AGREEMENT_OPTIONS, subtotal: { label: 'Total d’accord', options: ['tout_a_fait', 'plutot'] } },
  )
}

/** The territory answer options of a questionnaire attached to `territoryId` (null: national). */
export interface TerritoryChoices {
  label: string
  options: Option[]
}

/**
 * The places inside a territory a respondent can pick: its communes when there are at most 60, else its
 * intercommunalités, then its départements, then its régions (the whole country for a national survey).
 */
export async function territoryChoices(db: Kysely<Database>, territoryId: string | null): Promise<TerritoryChoices> {
  const tryKind = async (kind: 'commune' | 'ept' | 'epci' | 'departement' | 'region') => {
    let query = db.selectFrom('territories').select(['territories.kind', 'territories.code', 'territories.name']).where('territories.kind', '=', kind)
    if (territoryId !== null) {
      query = query.where('territories.id', 'in', (eb) =>
        eb.selectFrom('territory_closure').select('descendant_id').where('ancestor_id', '=', territoryId).where('descendant_id', '!=', territoryId),
      )
    }
    return query.orderBy('territories.name').limit(61).execute()
  }
  const labels: Record<string, string> = {
    commune: 'Dans quelle commune êtes-vous implanté ?',
    ept: 'Dans quel territoire (intercommunalité) êtes-vous implanté ?',
    epci: 'Dans quelle intercommunalité êtes-vous implanté ?',
    departement: 'Dans quel département êtes-vous implanté ?',
    region: 'Dans quelle région êtes-vous implanté ?',
  }
  for (const kind of ['commune', 'ept', 'epci', 'departement', 'region'] as const) {
    const rows = await tryKind(kind)
    if (rows.length >= 2 && rows.length <= 60) {
      return {
        label: labels[kind] as string,
        options: rows.map((r) => ({ code: `t${r.code.toLowerCase()}`, label: r.name })),
      }
    }
  }
  return { label: labels.region as string, options: REGION_OPTIONS }
}

/**
 * Builds a template's questionnaire. `territory` gives the answer options of the territory question of the
 * actors' template. Edge case: 'vide' gives one empty section.
 */
export function templateDefinition(key: TemplateKey, territory: TerritoryChoices): Definition {
  if (key === 'barometre') {
    const sections: Section[] = [
      {
        key: 's1',
        title: 'Votre regard sur votre territoire',
        questions: [
          leversQuestion('q1'),
          partnershipsQuestion('q2'),
          question('q3', 'single', 'Avez-vous déjà participé à une action collective réunissant des acteurs différents de votre territoire ?', {
            options: [
              { code: 'oui', label: 'Oui' },
              { code: 'non', label: 'Non' },
            ],
          }),
          question('q4', 'short_text', 'Laquelle ?', {
            required: false,
            help: 'En quelques mots. Évitez d’y écrire des noms de personnes.',
            condition: { question: 'q3', options: ['oui'] },
          }),
        ],
      },
      {
        key: 's2',
        title: 'Votre profil',
        questions: [
          profile('q5', 'sex', 'Vous êtes…', SEX_OPTIONS),
          profile('q6', 'age', 'Quel est votre âge ?', AGE_OPTIONS),
          profile('q7', 'region', 'Dans quelle région habitez-vous ?', REGION_OPTIONS),
          profile('q8', 'size', 'Quelle est la taille de votre commune de résidence ?', sizeOptions()),
          profile('q9', 'occupation', 'Quelle est votre profession ou votre situation ?', OCCUPATION_OPTIONS),
          profile('q10', 'world', 'À quel titre répondez-vous principalement ?', worldOptions()),
        ],
      },
    ]
    return { sections, next: 11 }
  }
  if (key === 'acteurs') {
    const sections: Section[] = [
      {
        key: 's1',
        title: 'La coopération sur votre territoire',
        questions: [
          leversQuestion('q1'),
          partnershipsQuestion('q2'),
          question('q3', 'scale', 'Comment jugez-vous aujourd’hui la coopération entre les acteurs de votre territoire ?', {
            scale: { min: 0, max: 10, minLabel: 'Inexistante', maxLabel: 'Très forte' },
          }),
          question('q4', 'number', 'Avec combien d’organisations d’autres mondes votre organisation a-t-elle travaillé l’an dernier ?', {
            required: false,
            number: { min: 0, max: 1000, integer: true, unit: 'organisations' },
          }),
          question('q5', 'long_text', 'Quel besoin du territoire aimeriez-vous traiter avec d’autres acteurs ?', { required: false }),
        ],
      },
      {
        key: 's2',
        title: 'Votre organisation',
        questions: [
          profile('q6', 'world', 'À quel monde appartient votre organisation ?', worldOptions()),
          profile('q7', 'territory', territory.label, territory.options),
        ],
      },
    ]
    return { sections, next: 8 }
  }
  return { sections: [{ key: 's1', title: 'Questions', questions: [] }], next: 2 }
}
