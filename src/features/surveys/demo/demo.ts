/**
 * The surveys of the demonstration dataset, loaded after its organisations (idempotent):
 * - a SYNTHETIC national citizens' barometer (3 000 generated responses, flagged synthetic everywhere),
 *   weighted with the INSEE population preset to the adults of France and published, with the published
 *   figures of outside studies on partnerships beside it (compared only when they asked the same question);
 * - a survey of the pilot territory's actors (signed-in answering by the demo organisations' people),
 *   unweighted, published, showing fragile and suppressed segments.
 * Everything runs through the real services (weighting, publication) as the organisations' admins.
 * Deterministic: fixed ids, dates and seeds.
 */
import type { Kysely } from 'kysely'
import type { Actor, MembershipRole } from '../../../core/access/actor.js'
import { sha256 } from '../../../core/hash.js'
import { seededRandom } from '../../../core/random.js'
import type { Database } from '../../../database.js'
import { SurveyAnalysis } from '../analysis/results.js'
import { templateDefinition, territoryChoices } from '../builder/templates.js'
import { addExternalFigure, type ExternalFigureData } from '../campaigns/campaigns.service.js'
import { encodeRow, type Answers } from '../respond/answers.js'
import { respondentKeyOfUser } from '../respond/respond.service.js'
import { publishStudy } from '../studies/studies.service.js'
import { slotLayout, type Definition } from '../surveys.definition.js'
import { presetSettings } from '../weighting/weighting-form.js'
import { applyWeighting } from '../weighting/weighting.service.js'
import { barometerGenerator } from './synthetic.js'

/** The demo feature's deterministic ids (`demoId`), passed in so that surveys need not import demo. */
export type DemoIds = (key: string) => string

/** Ids of the demo campaigns. */
export function demoCampaignIds(demoId: DemoIds): { barometer: string; actors: string } {
  return { barometer: demoId('campaign:barometre-2026'), actors: demoId('campaign:acteurs-pemb-2026') }
}

/** Number of synthetic responses of the demo barometer. */
export const DEMO_BAROMETER_SIZE = 3000
const PILOT = 'ept:200057941'

const WORLD_TO_SEGMENT: Record<string, string> = {
  collectivite: 'elu',
  etat: 'acteur_public',
  entreprise: 'entreprise',
  association: 'association',
  fondation: 'fondation',
  academique: 'academique',
  accompagnement: 'accompagnement',
  syndicat: 'accompagnement',
  collectif: 'association',
}

async function adminOf(db: Kysely<Database>, organisationId: string): Promise<Actor | null> {
  const row = await db
    .selectFrom('memberships')
    .innerJoin('users', 'users.id', 'memberships.user_id')
    .select(['users.id', 'users.display_name', 'users.email'])
    .where('memberships.organisation_id', '=', organisationId)
    .where('memberships.role', '=', 'admin')
    .orderBy('users.id')
    .executeTakeFirst()
  if (!row) return null
  return { userId: row.id, displayName: row.display_name, email: row.email, isPlatformAdmin: false, memberships: new Map<string, MembershipRole>([[organisationId, 'admin']]) }
}

async function insertCampaign(
  db: Kysely<Database>,
  input: { questionnaireId: string; campaignId: string; organisationId: string; title: string; intro: string; template: string; territoryId: string | null; def: Definition; segments: string[]; opensOn: string; closesOn: string; mode: 'anonymous' | 'signed_in'; synthetic: boolean; createdBy: string },
): Promise<void> {
  const at = `${input.opensOn}T07:00:00.000Z`
  await db
    .insertInto('survey_questionnaires')
    .values({ id: input.questionnaireId, organisation_id: input.organisationId, title: input.title, intro: input.intro, template: input.template, territory_id: input.territoryId, definition: JSON.stringify(input.def), is_demo: 1, created_by: input.createdBy, created_at: at, updated_at: at })
    .execute()
  await db
    .insertInto('survey_campaigns')
    .values({
      id: input.campaignId,
      questionnaire_id: input.questionnaireId,
      organisation_id: input.organisationId,
      title: input.title,
      territory_id: input.territoryId,
      segments: input.segments.join(','),
      opens_on: input.opensOn,
      closes_on: input.closesOn,
      mode: input.mode,
      submitted_count: 0,
      weighting_version: 0,
      is_synthetic: input.synthetic ? 1 : 0,
      is_demo: 1,
      created_by: input.createdBy,
      created_at: at,
      updated_at: at,
    })
    .execute()
}

/** Inserts submitted responses and their compact rows (seq 1..n) in batches, then sets the count. */
async function insertResponses(db: Kysely<Database>, demoUuid: DemoIds, campaignId: string, def: Definition, responses: Array<{ key: string; userId: string | null; answers: Answers; at: string }>): Promise<void> {
  const layout = slotLayout(def)
  await db.transaction().execute(async (trx) => {
    for (let i = 0; i < responses.length; i += 250) {
      const batch = responses.slice(i, i + 250)
      const ids = batch.map((r) => demoUuid(`response:${campaignId}:${r.key}`))
      await trx
        .insertInto('survey_responses')
        .values(batch.map((r, k) => ({ id: ids[k] as string, campaign_id: campaignId, respondent_key: r.key, user_id: r.userId, status: 'submitted' as const, answers: JSON.stringify(r.answers), created_at: r.at, updated_at: r.at, submitted_at: r.at })))
        .execute()
      await trx
        .insertInto('survey_rows')
        .values(batch.map((r, k) => ({ campaign_id: campaignId, seq: i + k + 1, response_id: ids[k] as string, ...encodeRow(def, r.answers, layout) })))
        .execute()
    }
    await trx.updateTable('survey_campaigns').set({ submitted_count: responses.length }).where('id', '=', campaignId).execute()
  })
}

function dayWithin(random: () => number, from: string, days: number): string {
  const start = Date.parse(`${from}T08:00:00Z`)
  return new Date(start + Math.floor(random() * days) * 86400_000 + Math.floor(random() * 10 * 3600_000)).toISOString()
}

/** Loads the demo surveys; does nothing when they are there or when the demo organisations are missing. */
export async function loadSurveyDemo(db: Kysely<Database>, demoUuid: DemoIds): Promise<{ loaded: boolean }> {
  const { barometer: DEMO_BAROMETER_ID, actors: DEMO_ACTORS_SURVEY_ID } = demoCampaignIds(demoUuid)
  const existing = await db.selectFrom('survey_campaigns').select('id').where('id', '=', DEMO_BAROMETER_ID).executeTakeFirst()
  if (existing) return { loaded: false }
  const laboId = demoUuid('organisation:labo-territoires')
  const missionId = demoUuid('organisation:ept-pemb-mission-cooperations')
  const labo = await adminOf(db, laboId)
  const mission = await adminOf(db, missionId)
  if (!labo || !mission) return { loaded: false }
  const analysis = new SurveyAnalysis(db)

  // 1. the synthetic national citizens' barometer
  const barometer = templateDefinition('barometre', await territoryChoices(db, null))
  await insertCampaign(db, {
    questionnaireId: demoUuid('questionnaire:barometre-2026'),
    campaignId: DEMO_BAROMETER_ID,
    organisationId: laboId,
    title: 'Baromètre du jouer collectif 2026 — citoyens (données synthétiques)',
    intro: 'Démonstration : les 3 000 réponses de ce baromètre sont générées par la plateforme (données synthétiques). Aucun chiffre n’est réel.',
    template: 'barometre',
    territoryId: null,
    def: barometer,
    segments: ['citoyen'],
    opensOn: '2026-09-07',
    closesOn: '2026-10-04',
    mode: 'anonymous',
    synthetic: true,
    createdBy: labo.userId as string,
  })
  const generator = barometerGenerator(20201123)
  const when = seededRandom(2026)
  const responses = Array.from({ length: DEMO_BAROMETER_SIZE }, (_, i) => ({ key: sha256(`demo-barometer:${i}`), userId: null, answers: generator.next(), at: dayWithin(when, '2026-09-07', 28) }))
  await insertResponses(db, demoUuid, DEMO_BAROMETER_ID, barometer, responses)
  const preset = await presetSettings(db, barometer, 'population')
  if (!preset.settings) throw new Error(`Démo : préréglage population inutilisable (${preset.problem ?? ''})`)
  await applyWeighting(db, labo, analysis, DEMO_BAROMETER_ID, preset.settings)
  // Published figures on partnerships (domain brief §4.2, §4.4). Only IMPACT's conclusions state the barometer's
  // own statement; PHARE's figures are reported with other words (or none): shown apart, never compared.
  const IMPACT = 'https://www.carenews.com/le-rameau/news/odd-17-pourquoi-faire-alliance'
  const STATEMENT = '« Les partenariats sont source d’innovation pour réduire les fragilités et créer de nouveaux moteurs de croissance et d’emplois » (part d’accord)'
  const impact = (population: string, value: number): Omit<ExternalFigureData, 'questionKey'> => ({ questionWording: STATEMENT, sameQuestion: true, population, value, source: 'Observatoire des partenariats, programme IMPACT 2018-2022 (conclusions)', publishedOn: '2023-01-26', base: population, url: IMPACT })
  const figures: Array<Omit<ExternalFigureData, 'questionKey'>> = [
    impact('Français', 74),
    impact('Dirigeants d’entreprise', 84),
    impact('Responsables associatifs', 97),
    impact('Maires', 92),
    {
      questionWording: 'Être convaincu que les projets de co-construction génèrent de l’innovation (formulation rapportée par les sources ; libellé exact du questionnaire non publié)',
      sameQuestion: false,
      population: 'Français',
      value: 69,
      source: 'Observatoire des partenariats, PHARE-Citoyens (Comisis-OpinionWay)',
      publishedOn: '2015-09',
      base: 'Français',
      url: 'https://coconstruction.cresol.fr/2017/11/03/le-referentiel-de-la-co-construction/',
    },
    {
      questionWording: 'Les partenariats et la co-construction sur le territoire (PHARE-Institutions ; libellé exact du questionnaire non publié : comparaison impossible)',
      sameQuestion: false,
      population: 'Maires',
      value: 87,
      source: 'Observatoire des partenariats, PHARE-Institutions (Comisis-OpinionWay)',
      publishedOn: '2016-11-29',
      base: 'Maires',
      url: 'https://www.federation.caisse-epargne.fr/le-rameau-lance-le-referentiel-co-construction-territoriale/',
    },
  ]
  for (const f of figures) await addExternalFigure(db, labo, DEMO_BAROMETER_ID, { questionKey: 'q2', ...f })
  await publishStudy(db, labo, analysis, DEMO_BAROMETER_ID, 'Laboratoire Territoires & Coopérations (fictif)')

  // 2. the survey of the pilot territory's actors (signed-in answering by the demo people)
  const actors = templateDefinition('acteurs', await territoryChoices(db, PILOT))
  await insertCampaign(db, {
    questionnaireId: demoUuid('questionnaire:acteurs-pemb-2026'),
    campaignId: DEMO_ACTORS_SURVEY_ID,
    organisationId: missionId,
    title: 'Les acteurs de Paris Est Marne & Bois et la coopération — 2026',
    intro: 'Démonstration : les organisations et les réponses de cette enquête sont fictives.',
    template: 'acteurs',
    territoryId: PILOT,
    def: actors,
    segments: ['elu', 'entreprise', 'association', 'fondation', 'academique', 'acteur_public', 'accompagnement'],
    opensOn: '2026-10-05',
    closesOn: '2027-06-30',
    mode: 'signed_in',
    synthetic: true,
    createdBy: mission.userId as string,
  })
  const people = await db
    .selectFrom('memberships')
    .innerJoin('organisations', 'organisations.id', 'memberships.organisation_id')
    .innerJoin('territories', 'territories.id', 'organisations.seat_commune_id')
    .select(['memberships.user_id', 'organisations.world', 'territories.code'])
    .where('organisations.is_demo', '=', 1)
    .where('organisations.seat_commune_id', 'in', (eb) => eb.selectFrom('territory_closure').select('descendant_id').where('ancestor_id', '=', PILOT))
    .orderBy('memberships.user_id')
    .execute()
  const territoryQuestion = actors.sections[1]?.questions[1]
  const r = seededRandom(94300)
  const ranking = (pAction: number): Record<string, number> => {
    const u = r()
    const first = u < pAction ? 'action' : u < pAction + (1 - pAction) / 2 ? 'vision' : 'gestion'
    const rest = ['vision', 'gestion', 'action'].filter((x) => x !== first)
    if (r() < 0.5) rest.reverse()
    return { [first]: 1, [rest[0] as string]: 2, [rest[1] as string]: 3 }
  }
  const needs = ['Mobilité des personnes âgées', 'Emploi des jeunes des quartiers', 'Rénovation énergétique des logements', 'Accès au numérique', 'Lien social dans les quartiers']
  const actorResponses = people
    .filter(() => r() < 0.8)
    .map((p, i) => {
      const segment = WORLD_TO_SEGMENT[p.world] ?? 'association'
      const answers: Answers = {
        q1: ranking(segment === 'elu' ? 0.35 : 0.5),
        q2: ['tout_a_fait', 'plutot', 'plutot', 'plutot_pas'][Math.floor(r() * 4)] as string,
        q3: Math.min(10, Math.max(0, Math.round(5 + (r() - 0.5) * 6))),
        q6: segment,
      }
      if (r() < 0.7) answers.q4 = Math.floor(r() * 12)
      if (r() < 0.3) answers.q5 = needs[Math.floor(r() * needs.length)] as string
      const code = `t${p.code.toLowerCase()}`
      if (territoryQuestion?.options.some((o) => o.code === code)) answers.q7 = code
      return { key: respondentKeyOfUser(DEMO_ACTORS_SURVEY_ID, p.user_id), userId: p.user_id, answers, at: dayWithin(r, '2026-10-05', 40 + (i % 3)) }
    })
  await insertResponses(db, demoUuid, DEMO_ACTORS_SURVEY_ID, actors, actorResponses)
  await publishStudy(db, mission, analysis, DEMO_ACTORS_SURVEY_ID, 'Mission coopérations territoriales — Paris Est Marne & Bois (fictif)')
  return { loaded: true }
}
