/**
 * Synthetic answers to the barometer template, for the demonstration study and the benchmarks. Every
 * figure they produce is invented and says so (campaigns built from them are flagged `is_synthetic`).
 *
 * The only published finding they follow: among the three levers, Action is the one most often ranked
 * first ("c'est la preuve par l'action collective qui est le levier prioritaire", IMPACT-Citoyens 2019);
 * the exact shares were not published. The profile is skewed the way online samples are (more women, more
 * older people, more Île-de-France, fewer overseas) so that weighting visibly matters; the régions follow the
 * population preset's INSEE figures (none in Mayotte, for which the source gives none).
 *
 * "À quel titre répondez-vous ?" in a citizens' barometer: a respondent answers as holder of a role at most as
 * often as adults hold it, from sourced counts (`WORLD_SOURCES`): about 520 000 local elected officials, 4,5
 * million companies and 1,5 million active associations (one head each: upper bounds), against the 18-or-over
 * population; everyone else answers as a citizen. Roles without a sourced count (foundations, academics, public
 * bodies, support networks) are not generated. Deterministic: same seed, same data.
 */
import { seededRandom } from '../../../core/random.js'
import type { Answers } from '../respond/answers.js'
import { POPULATION_BASE, POPULATION_FILES, type PresetFile } from '../weighting/presets.js'

/** The sourced counts behind the synthetic shares of respondents answering as holders of a role. */
export const WORLD_SOURCES: ReadonlyArray<{ world: string; holders: number; source: string; url: string }> = [
  { world: 'elu', holders: 520_000, source: 'AFP, « Municipales 2020 : les chiffres clés » (environ 500 000 conseillers municipaux sur environ 520 000 élus locaux), janvier 2020', url: 'https://www.journaldebangui.com/municipales-2020-les-chiffres-cles/' },
  { world: 'entreprise', holders: 4_500_000, source: 'INSEE, L’essentiel sur… les entreprises : 4,5 millions d’entreprises dans les secteurs marchands non agricoles et non financiers en 2021', url: 'https://www.insee.fr/fr/statistiques/5424748' },
  { world: 'association', holders: 1_500_000, source: 'V. Tchernonog, L. Prouteau, Le paysage associatif français (2019) : 1,5 million d’associations actives en 2017, selon la synthèse du cabinet CEC', url: 'https://cabinet-cec.fr/le-paysage-associatif-francais' },
]

function sampler(probs: readonly number[]): (u: number) => number {
  const cum: number[] = []
  let s = 0
  for (const p of probs) {
    s += p
    cum.push(s)
  }
  return (u) => {
    const x = u * s
    for (let k = 0; k < cum.length; k++) if (x < (cum[k] as number)) return k
    return cum.length - 1
  }
}

const SEX = ['f', 'h']
const AGE = ['a18_24', 'a25_34', 'a35_44', 'a45_54', 'a55_64', 'a65p']
/** Online samples' skew by région: more Île-de-France, fewer overseas (the weighting corrects it). */
const REGION_SKEW: Readonly<Record<string, number>> = { r11: 1.3, r01: 0.6, r02: 0.6, r03: 0.6, r04: 0.6 }
const REGIONS = (POPULATION_FILES.find((f) => f.roles[0] === 'region') as PresetFile).cells.filter((c) => c.value !== null && c.value > 0)
const REGION = REGIONS.map((c) => c.codes[0] as string)
const SIZE = ['lt2000', '2000to19999', 'gte20000']
const OCCUPATION = ['agr_art', 'cadres', 'prof_int', 'employes', 'ouvriers', 'inactifs']
const WORLD = ['citoyen', ...WORLD_SOURCES.map((w) => w.world)]
/** Probability of answering as each world: the sourced holders' share of adults, citizens for the rest. */
const WORLD_SHARES = (() => {
  const roles = WORLD_SOURCES.map((w) => w.holders / POPULATION_BASE)
  return [1 - roles.reduce((a, b) => a + b, 0), ...roles]
})()
const LEVERS = ['vision', 'gestion', 'action']
const AGREEMENT = ['tout_a_fait', 'plutot', 'plutot_pas', 'pas_du_tout']

const TEXTS = [
  'Un jardin partagé avec la mairie et une association de quartier',
  'Une collecte solidaire avec les commerçants',
  'Le forum des associations et des entreprises de la ville',
  'Un chantier de rénovation avec une entreprise d’insertion',
  'Une navette solidaire pour les personnes âgées',
  'Le nettoyage des berges avec le club sportif',
]

/**
 * A generator of barometer answers (question keys of the `barometre` template). `next()` gives one
 * respondent's answers; calls are deterministic for a given seed.
 */
export function barometerGenerator(seed: number): { next(): Answers } {
  const r = seededRandom(seed)
  const sexS = sampler([0.56, 0.44])
  const ageS = sampler([0.06, 0.12, 0.15, 0.18, 0.21, 0.28])
  const occByAge = [
    [0.02, 0.05, 0.12, 0.22, 0.14, 0.45],
    [0.05, 0.22, 0.22, 0.21, 0.15, 0.15],
    [0.07, 0.24, 0.22, 0.19, 0.15, 0.13],
    [0.08, 0.22, 0.2, 0.19, 0.16, 0.15],
    [0.07, 0.16, 0.15, 0.15, 0.12, 0.35],
    [0.02, 0.02, 0.02, 0.02, 0.02, 0.9],
  ].map(sampler)
  const regionS = sampler(REGIONS.map((c) => (c.value as number) * (REGION_SKEW[c.codes[0] as string] ?? 1)))
  const sizeS = sampler([0.24, 0.33, 0.43])
  const worldS = sampler(WORLD_SHARES)
  // first lever (vision, gestion, action) by world; Action leads overall
  const firstByWorld: Record<string, (u: number) => number> = {
    citoyen: sampler([0.33, 0.26, 0.41]),
    elu: sampler([0.3, 0.36, 0.34]),
    entreprise: sampler([0.27, 0.2, 0.53]),
    association: sampler([0.3, 0.17, 0.53]),
  }
  const agreeByWorld: Record<string, (u: number) => number> = {
    citoyen: sampler([0.22, 0.5, 0.2, 0.08]),
    elu: sampler([0.38, 0.5, 0.09, 0.03]),
    entreprise: sampler([0.3, 0.52, 0.14, 0.04]),
    association: sampler([0.45, 0.45, 0.08, 0.02]),
  }
  const participation: Record<string, number> = { citoyen: 0.26, elu: 0.8, entreprise: 0.45, association: 0.72 }
  return {
    next(): Answers {
      const age = ageS(r())
      const world = WORLD[worldS(r())] as string
      let firstIndex = (firstByWorld[world] as (u: number) => number)(r())
      // older people lean a little more to Gestion, younger to Action
      if (age === 5 && r() < 0.06) firstIndex = 1
      if (age === 0 && r() < 0.06) firstIndex = 2
      const rest = [0, 1, 2].filter((i) => i !== firstIndex)
      if (r() < 0.5) rest.reverse()
      const ranks: Record<string, number> = {}
      ranks[LEVERS[firstIndex] as string] = 1
      ranks[LEVERS[rest[0] as number] as string] = 2
      ranks[LEVERS[rest[1] as number] as string] = 3
      const agreeS = agreeByWorld[world] ?? (agreeByWorld.citoyen as (u: number) => number)
      const joined = r() < (participation[world] ?? 0.4)
      const answers: Answers = {
        q1: ranks,
        q2: AGREEMENT[agreeS(r())] as string,
        q3: joined ? 'oui' : 'non',
        q5: SEX[sexS(r())] as string,
        q6: AGE[age] as string,
        q7: REGION[regionS(r())] as string,
        q8: SIZE[sizeS(r())] as string,
        q9: OCCUPATION[(occByAge[age] as (u: number) => number)(r())] as string,
        q10: world,
      }
      if (joined && r() < 0.2) answers.q4 = TEXTS[Math.floor(r() * TEXTS.length)] as string
      return answers
    },
  }
}
