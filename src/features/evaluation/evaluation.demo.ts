/**
 * Evaluation in the demonstration dataset (fictional): three alliances with two or three rounds each, answers
 * that disagree on some cells, a partner that did not answer in time, an open round with drafts, indicators
 * with dated values, and reviews — one published, one approved by everyone and waiting to be published, one
 * still missing an approval. Rows are written directly (ids from keys, fixed dates); the reviews' documents are
 * built by the same code as the application's, through the alliance's policy with its coordinator's admin.
 */
import type { Kysely, Transaction } from 'kysely'
import type { Actor, MembershipRole } from '../../core/access/actor.js'
import { seededRandom } from '../../core/random.js'
import type { Database } from '../../database.js'
import { authorizeView, loadAllianceAccess } from '../alliances/index.js'
import { cellKey, CURRENT_GRID, impactKey } from './evaluation.grid.js'
import type { Disclosure } from './evaluation.table.js'
import { reviewDocument } from './review.js'
import { parisToday } from '../../core/time/calendar.js'

export interface EvaluationDemoOptions {
  id: (key: string) => string
}

interface DemoAnswer {
  org: string
  /** the partner's usual level (1–4) */
  base: number
  /** cells or impacts (`object.approach`, `impact.impact.scope`) given another level; 0 = "ne sait pas" */
  levels?: Record<string, number>
  status?: 'draft' | 'submitted'
  whatWorked?: string
  difficulties?: string
  lessons?: string
  comments?: Record<string, string>
}

interface DemoRound {
  alliance: string
  number: number
  title: string
  period: [string, string]
  opens: string
  closes: string
  disclosure: Disclosure
  answers: DemoAnswer[]
  review?: { built: string; approvedBy: string[]; published?: string }
}

const ROUNDS: DemoRound[] = [
  {
    alliance: 'chantiers-ecole',
    number: 1,
    title: 'Bilan de la première promotion',
    period: ['2022-02-07', '2022-12-31'],
    opens: '2023-01-09',
    closes: '2023-02-10',
    disclosure: 'named',
    answers: [
      { org: 'batir-ensemble', base: 3, levels: { 'equilibre.clarte': 4 }, whatWorked: 'Des jeunes motivés, des compagnons fiers de transmettre.', lessons: 'Un tuteur pour deux jeunes, pas plus.' },
      { org: 'insertion-batiment', base: 3, levels: { 'equilibre.clarte': 2, 'valorisation.efficience': 0 }, difficulties: 'Les horaires de chantier compliquent l’accompagnement social.' },
      { org: 'champigny-insertion', base: 3, levels: { 'produit.pertinence': 4 } },
      { org: 'fonds-dotation-batir', base: 2, levels: { 'equilibre.clarte': 1 }, comments: { 'equilibre.clarte': 'Nous ne savions pas qui décidait du choix des jeunes.' } },
    ],
    review: { built: '2023-02-13', approvedBy: ['batir-ensemble', 'insertion-batiment', 'champigny-insertion'] },
  },
  {
    alliance: 'chantiers-ecole',
    number: 2,
    title: 'Bilan 2023-2024',
    period: ['2023-01-01', '2024-12-31'],
    opens: '2025-01-13',
    closes: '2025-02-14',
    disclosure: 'named',
    answers: [
      { org: 'batir-ensemble', base: 4, levels: { 'valorisation.efficience': 3 }, whatWorked: 'Trois promotions par an, la moitié des jeunes embauchés.' },
      { org: 'insertion-batiment', base: 3, levels: { 'equilibre.clarte': 3 } },
      { org: 'champigny-insertion', base: 4, levels: { 'valorisation.performance': 2 }, comments: { 'valorisation.performance': 'Les heures d’insertion ne sont pas encore comptées dans nos marchés.' } },
      { org: 'france-travail-nogent', base: 3, levels: { 'produit.contribution_societale': 4 } },
      { org: 'federation-batiment', base: 3, levels: { 'valorisation.performance': 4, 'produit.sens': 0 }, lessons: 'Le modèle tient parce que l’entreprise embauche : c’est sa preuve.' },
    ],
    review: { built: '2025-02-17', approvedBy: ['batir-ensemble', 'insertion-batiment', 'champigny-insertion', 'france-travail-nogent', 'federation-batiment', 'fonds-dotation-batir'] },
  },
  {
    alliance: 'chantiers-ecole',
    number: 3,
    title: 'Bilan 2025 et essaimage',
    period: ['2025-01-01', '2025-12-31'],
    opens: '2026-01-12',
    closes: '2026-02-13',
    disclosure: 'named',
    answers: [
      { org: 'batir-ensemble', base: 4, whatWorked: 'Le modèle part en Seine-et-Marne et dans le Val-d’Oise.', lessons: 'Documenter tôt ce qui marche : l’essaimage en dépend.' },
      { org: 'insertion-batiment', base: 3, levels: { 'equilibre.equilibre': 2 } },
      { org: 'champigny-insertion', base: 4, whatWorked: 'Les clauses d’insertion sont dans tous nos marchés de rénovation.' },
      { org: 'fonds-dotation-batir', base: 3, levels: { 'equilibre.clarte': 3 } },
      { org: 'france-travail-nogent', base: 3 },
      { org: 'federation-batiment', base: 4, levels: { 'valorisation.efficience': 2 }, difficulties: 'Les nouveaux territoires manquent d’entreprises prêtes à embaucher.', lessons: 'Essaimer, c’est transmettre une méthode, pas un dispositif clé en main.' },
    ],
    review: { built: '2026-02-16', approvedBy: ['batir-ensemble', 'insertion-batiment', 'champigny-insertion', 'fonds-dotation-batir', 'france-travail-nogent', 'federation-batiment'], published: '2026-03-02' },
  },
  {
    alliance: 'numerique-pour-tous',
    number: 1,
    title: 'Première année d’ateliers',
    period: ['2023-03-06', '2024-02-29'],
    opens: '2024-03-04',
    closes: '2024-04-05',
    disclosure: 'worlds',
    answers: [
      { org: 'seniors-connectes', base: 3, levels: { 'equilibre.equilibre': 4 } },
      { org: 'marne-numerique', base: 3, levels: { 'equilibre.equilibre': 2 }, difficulties: 'Nos techniciens manquent de temps en fin d’année.' },
      { org: 'collectif-numerique', base: 2, levels: { 'valorisation.pertinence': 4 } },
      { org: 'vincennes-vie-associative', base: 3 },
    ],
    review: { built: '2024-04-08', approvedBy: ['seniors-connectes', 'marne-numerique', 'collectif-numerique', 'vincennes-vie-associative'] },
  },
  {
    alliance: 'numerique-pour-tous',
    number: 2,
    title: 'Bilan du déploiement',
    period: ['2024-03-01', '2025-06-30'],
    opens: '2025-07-01',
    closes: '2025-09-30',
    disclosure: 'named',
    answers: [
      { org: 'seniors-connectes', base: 4, whatWorked: 'Six communes, 1 200 personnes accompagnées.', lessons: 'Les seniors reviennent quand l’atelier est près de chez eux.' },
      { org: 'marne-numerique', base: 3, levels: { 'valorisation.valorisation': 4, 'equilibre.coherence': 1 }, comments: { 'equilibre.coherence': 'Nos heures de mécénat dépassent ce que prévoit notre politique RSE.' } },
      { org: 'collectif-numerique', base: 3 },
      { org: 'vincennes-vie-associative', base: 3, levels: { 'produit.efficience': 0 } },
      { org: 'iut-marne', base: 2, levels: { 'produit.sens': 4 }, lessons: 'Les étudiants ont appris autant qu’ils ont apporté.' },
    ],
    review: { built: '2025-10-06', approvedBy: ['seniors-connectes', 'marne-numerique', 'collectif-numerique', 'vincennes-vie-associative', 'iut-marne'] },
  },
  {
    alliance: 'anti-gaspi',
    number: 1,
    title: 'Première année de collecte',
    period: ['2024-05-13', '2025-05-31'],
    opens: '2025-06-02',
    closes: '2025-06-30',
    disclosure: 'named',
    answers: [
      { org: 'supermarche-coop', base: 3, levels: { 'produit.performance': 4 }, whatWorked: 'Quatre tonnes sauvées en deux mois.' },
      { org: 'boulangerie-deux-rives', base: 3, levels: { 'equilibre.clarte': 1 }, comments: { 'equilibre.clarte': 'Nous avons appris les horaires de tournée par hasard.' } },
      { org: 'banque-alimentaire-locale', base: 4, levels: { 'equilibre.clarte': 4 }, difficulties: 'La chaîne du froid le soir.' },
      { org: 'logistique-seine-marne', base: 3 },
      { org: 'lyon-cooperative', base: 2, levels: { 'produit.contribution_societale': 0 } },
    ],
    review: { built: '2025-07-03', approvedBy: ['supermarche-coop', 'boulangerie-deux-rives', 'banque-alimentaire-locale', 'trait-d-union', 'lyon-cooperative'] },
  },
  {
    alliance: 'anti-gaspi',
    number: 2,
    title: 'Bilan 2025-2026',
    period: ['2025-06-01', '2026-10-31'],
    opens: '2026-11-16',
    closes: '2026-12-18',
    disclosure: 'worlds',
    answers: [
      { org: 'supermarche-coop', base: 4 },
      { org: 'banque-alimentaire-locale', base: 4, levels: { 'equilibre.equilibre': 3 } },
      { org: 'logistique-seine-marne', base: 3, levels: { 'valorisation.valorisation': 2 } },
      { org: 'boulangerie-deux-rives', base: 3, status: 'draft' },
    ],
  },
]

/** Indicators: alliance, name, unit, direction, baseline, target, SDG target, source, values [day, value, org, source]. */
const INDICATORS: Array<{ alliance: string; key: string; name: string; unit: string; direction: string; baseline: [string, number] | null; target: [string, number] | null; sdgTarget: string | null; source: string; values: Array<[string, number, string, string]> }> = [
  { alliance: 'chantiers-ecole', key: 'jeunes', name: 'Jeunes formés dans l’année', unit: 'jeunes', direction: 'hausse', baseline: ['2022-02-07', 8], target: ['2026-12-31', 30], sdgTarget: '8.6', source: 'Registre des promotions tenu par Chantiers Solidaires de l’Est', values: [['2022-12-31', 8, 'insertion-batiment', 'Registre des promotions'], ['2023-12-31', 21, 'insertion-batiment', 'Registre des promotions'], ['2024-12-31', 24, 'insertion-batiment', 'Registre des promotions'], ['2025-12-31', 27, 'insertion-batiment', 'Registre des promotions']] },
  { alliance: 'chantiers-ecole', key: 'emploi', name: 'Sorties vers l’emploi à six mois', unit: '%', direction: 'hausse', baseline: null, target: ['2026-12-31', 70], sdgTarget: '8.5', source: 'Suivi à six mois par l’agence pour l’emploi', values: [['2022-07-01', 75, 'insertion-batiment', 'Six contrats signés sur huit jeunes'], ['2023-12-31', 62.5, 'france-travail-nogent', 'Suivi à six mois'], ['2024-12-31', 66.67, 'france-travail-nogent', 'Suivi à six mois'], ['2025-12-31', 70.37, 'france-travail-nogent', 'Suivi à six mois']] },
  { alliance: 'numerique-pour-tous', key: 'personnes', name: 'Personnes accompagnées (cumul)', unit: 'personnes', direction: 'hausse', baseline: ['2023-03-06', 0], target: ['2026-12-31', 2000], sdgTarget: '4.4', source: 'Feuilles de présence des ateliers', values: [['2023-10-20', 150, 'seniors-connectes', 'Feuilles de présence'], ['2024-06-30', 620, 'seniors-connectes', 'Feuilles de présence'], ['2025-06-30', 1200, 'seniors-connectes', 'Feuilles de présence'], ['2026-06-30', 1650, 'seniors-connectes', 'Feuilles de présence']] },
  { alliance: 'numerique-pour-tous', key: 'ordinateurs', name: 'Ordinateurs remis à des familles', unit: 'ordinateurs', direction: 'hausse', baseline: ['2023-03-06', 0], target: ['2026-12-31', 600], sdgTarget: '10.2', source: 'Bons de remise signés par les familles', values: [['2023-10-20', 100, 'marne-numerique', 'Bons de remise'], ['2024-12-31', 260, 'marne-numerique', 'Bons de remise'], ['2025-12-31', 410, 'collectif-numerique', 'Bons de remise']] },
  { alliance: 'anti-gaspi', key: 'tonnes', name: 'Produits frais sauvés (cumul)', unit: 'tonnes', direction: 'hausse', baseline: ['2024-10-07', 0], target: ['2026-12-31', 30], sdgTarget: '12.3', source: 'Pesées à la réception des épiceries solidaires', values: [['2024-12-09', 4, 'banque-alimentaire-locale', 'Pesées'], ['2025-06-30', 11.5, 'banque-alimentaire-locale', 'Pesées'], ['2025-12-31', 19.25, 'banque-alimentaire-locale', 'Pesées'], ['2026-09-30', 26, 'banque-alimentaire-locale', 'Pesées']] },
  { alliance: 'anti-gaspi', key: 'familles', name: 'Familles servies chaque semaine', unit: 'familles', direction: 'maintien', baseline: ['2024-10-07', 120], target: ['2026-12-31', 180], sdgTarget: '2.1', source: 'Registre des distributions', values: [['2025-03-31', 150, 'trait-d-union', 'Registre des distributions'], ['2025-09-30', 175, 'banque-alimentaire-locale', 'Registre des distributions'], ['2026-09-30', 182, 'banque-alimentaire-locale', 'Registre des distributions']] },
]

const at = (day: string, hour = 9) => `${day}T${String(hour).padStart(2, '0')}:00:00.000Z`

function addDays(day: string, days: number): string {
  const d = new Date(`${day}T12:00:00Z`)
  d.setUTCDate(d.getUTCDate() + days)
  return d.toISOString().slice(0, 10)
}

/** The actor of a demo organisation's admin (the services and the policy need one). */
async function adminActor(db: Kysely<Database> | Transaction<Database>, organisationId: string): Promise<Actor & { userId: string }> {
  const admin = await db.selectFrom('memberships').innerJoin('users', 'users.id', 'memberships.user_id').select(['users.id', 'users.email', 'users.display_name']).where('memberships.organisation_id', '=', organisationId).where('memberships.role', '=', 'admin').orderBy('users.id').limit(1).executeTakeFirstOrThrow()
  const memberships = await db.selectFrom('memberships').select(['organisation_id', 'role']).where('user_id', '=', admin.id).execute()
  return { userId: admin.id, email: admin.email, displayName: admin.display_name, isPlatformAdmin: false, memberships: new Map(memberships.map((m) => [m.organisation_id, m.role as MembershipRole])) }
}

/** Loads the evaluation demo; returns false when it is already there. */
export async function loadEvaluationDemo(db: Kysely<Database>, options: EvaluationDemoOptions): Promise<boolean> {
  const { id } = options
  if (await db.selectFrom('evaluation_rounds').select('id').where('is_demo', '=', 1).limit(1).executeTakeFirst()) return false
  const random = seededRandom(20231123)
  const orgId = (key: string) => id(`organisation:${key}`)
  await db.transaction().execute(async (trx) => {
    for (const r of ROUNDS) {
      const roundId = id(`round:${r.alliance}:${r.number}`)
      const allianceId = id(`alliance:${r.alliance}`)
      await trx
        .insertInto('evaluation_rounds')
        .values({ id: roundId, alliance_id: allianceId, number: r.number, title: r.title, period_start: r.period[0], period_end: r.period[1], opens_on: r.opens, closes_on: r.closes, grid_version: CURRENT_GRID.version, disclosure: r.disclosure, opened_by: null, closed_at: null, closed_by: null, is_demo: 1, created_at: at(r.opens, 8), updated_at: at(r.opens, 8) })
        .execute()
      for (const [n, a] of r.answers.entries()) {
        const answerId = id(`answer:${r.alliance}:${r.number}:${a.org}`)
        const day = [addDays(r.opens, 2 + n * 3), r.closes].sort()[0] as string
        const status = a.status ?? 'submitted'
        await trx
          .insertInto('evaluation_answers')
          .values({ id: answerId, round_id: roundId, alliance_id: allianceId, organisation_id: orgId(a.org), status, what_worked: a.whatWorked ?? '', difficulties: a.difficulties ?? '', lessons: a.lessons ?? '', created_at: at(day), updated_by: null, updated_at: at(day, 11), submitted_by: null, submitted_at: status === 'submitted' ? at(day, 11) : null })
          .execute()
        // Around the partner's usual level, one step up or down now and then; named cells as written above.
        const level = (key: string) => a.levels?.[key] ?? Math.max(1, Math.min(4, a.base + (random() < 0.2 ? (random() < 0.5 ? -1 : 1) : 0)))
        await trx
          .insertInto('evaluation_ratings')
          .values(CURRENT_GRID.objects.flatMap((object) => CURRENT_GRID.approaches.map((approach) => ({ answer_id: answerId, object, approach, level: level(cellKey(object, approach)), comment: a.comments?.[cellKey(object, approach)] ?? '' }))))
          .execute()
        await trx
          .insertInto('evaluation_impacts')
          .values(CURRENT_GRID.impacts.flatMap((impact) => CURRENT_GRID.scopes.map((scope) => ({ answer_id: answerId, impact, scope, level: level(`impact.${impactKey(impact, scope)}`), comment: '' }))))
          .execute()
      }
    }
    for (const i of INDICATORS) {
      const indicatorId = id(`indicator:${i.alliance}:${i.key}`)
      const allianceId = id(`alliance:${i.alliance}`)
      const created = at(i.baseline?.[0] ?? i.values[0]?.[0] ?? '2024-01-01')
      await trx
        .insertInto('evaluation_indicators')
        .values({ id: indicatorId, alliance_id: allianceId, name: i.name, unit: i.unit, direction: i.direction, baseline_hundredths: i.baseline ? Math.round(i.baseline[1] * 100) : null, baseline_on: i.baseline?.[0] ?? null, target_hundredths: i.target ? Math.round(i.target[1] * 100) : null, target_on: i.target?.[0] ?? null, sdg_target: i.sdgTarget, source: i.source, is_demo: 1, created_by: null, created_at: created, updated_at: created })
        .execute()
      await trx
        .insertInto('evaluation_indicator_values')
        .values(i.values.map(([on, value, org, source], n) => ({ id: id(`indicator-value:${i.alliance}:${i.key}:${n}`), indicator_id: indicatorId, alliance_id: allianceId, organisation_id: orgId(org), measured_on: on, value_hundredths: Math.round(value * 100), source, note: '', recorded_by: null, recorded_at: at(on, 17) })))
        .execute()
    }
  })
  // Reviews are built from the data just written, as the application builds them, then dated.
  for (const r of ROUNDS.filter((x) => x.review)) {
    const review = r.review as NonNullable<DemoRound['review']>
    const allianceId = id(`alliance:${r.alliance}`)
    const coordinator = await db.selectFrom('alliance_partners').select('organisation_id').where('alliance_id', '=', allianceId).where('role', '=', 'coordinateur').where('status', '=', 'active').executeTakeFirstOrThrow()
    const actor = await adminActor(db, coordinator.organisation_id)
    const access = await loadAllianceAccess(db, actor, allianceId)
    const scope = authorizeView(actor, access)
    const round = await db.selectFrom('evaluation_rounds').selectAll().where('id', '=', id(`round:${r.alliance}:${r.number}`)).executeTakeFirstOrThrow()
    const document = { ...(await reviewDocument(db, scope, round, parisToday())), builtAt: at(review.built, 10) }
    await db.transaction().execute(async (trx) => {
      await trx.insertInto('evaluation_reviews').values({ round_id: round.id, alliance_id: allianceId, version: 1, content: JSON.stringify(document), built_at: at(review.built, 10), built_by: null, published_at: review.published ? at(review.published, 10) : null, published_by: null }).execute()
      for (const [n, org] of review.approvedBy.entries()) {
        const approver = await adminActor(trx, orgId(org))
        await trx.insertInto('evaluation_review_approvals').values({ round_id: round.id, version: 1, organisation_id: orgId(org), approved_by: approver.userId, approver_name: approver.displayName, approved_at: at(review.built, 11 + n) }).execute()
      }
    })
  }
  return true
}
