/**
 * Mobilisation in the demonstration dataset (fictional, labelled demo like everything the demo loads):
 *
 * - a call to engage of the pilot territory (EPT Paris Est Marne & Bois) published by its mission coopérations, on
 *   three of the territory's open needs, with pledges of five demo companies — two of them partly fulfilled by
 *   contributions recorded in their alliances. Written through the services as the demo people, relative to the day
 *   of loading (the call runs from two weeks ago to in eleven weeks);
 * - the « Fonds territorial Marne & Bois » hosted by the Fondation Marne Solidaire, with three contributors (pledged
 *   and partly paid in), the host's commitment and a committee of three; a call for projects closed in 2025 with
 *   eight applications of demo alliances, reviews on a two-criterion grid (one reviewer kept away from three
 *   applications by a conflict of interest: its company is a partner of them), published decisions (two funded,
 *   six not), two signed agreements with two tranches each (the first ones paid) and one grant report answered by
 *   the evaluation demo's published review of « Chantiers-école du bâtiment ». These rows are written directly with
 *   fixed dates (a history), the ledger's movements through `funds/ledger.ts` so that its totals reconcile.
 *
 * Idempotent: nothing happens once the demo fund exists. Demo people are told of the services' acts in the
 * application only (their pace is « never » for mobilisation's kinds), never by e-mail to an `.invalid` address.
 */
import type { Kysely } from 'kysely'
import type { Actor, MembershipRole } from '../../core/access/actor.js'
import { parisToday } from '../../core/time/calendar.js'
import type { Database } from '../../database.js'
import { addContribution } from '../alliances/index.js'
import { setPaces } from '../notifications/index.js'
import { createCall, publishCall } from './calls/calls.service.js'
import { bookCommitment, bookDisbursement, bookGrant, bookPayment, bookPledge } from './funds/ledger.js'
import { mobilisationNotificationKinds } from './mobilisation.notifications.js'
import { linkContribution } from './pledges/fulfilment.service.js'
import { createPledge } from './pledges/pledges.service.js'
import { grantReference } from './selection/decisions.service.js'

type Db = Kysely<Database>
type Ids = (key: string) => string

const EPT = 'ept:200057941'
const FUND_SIRET = '00009001400010'

/** A day `days` from `day`. */
function shift(day: string, days: number): string {
  const d = new Date(`${day}T12:00:00Z`)
  d.setUTCDate(d.getUTCDate() + days)
  return d.toISOString().slice(0, 10)
}

/** The actor of the first admin of a demo organisation. */
async function adminOf(db: Db, organisationId: string): Promise<Actor | null> {
  const person = await db.selectFrom('memberships').innerJoin('users', 'users.id', 'memberships.user_id').select(['users.id', 'users.email', 'users.display_name']).where('memberships.organisation_id', '=', organisationId).where('memberships.role', '=', 'admin').orderBy('users.email').executeTakeFirst()
  if (!person) return null
  const rows = await db.selectFrom('memberships').select(['organisation_id', 'role']).where('user_id', '=', person.id).execute()
  return { userId: person.id, email: person.email, displayName: person.display_name, isPlatformAdmin: false, memberships: new Map(rows.map((r) => [r.organisation_id, r.role as MembershipRole])) }
}

async function noDemoMail(db: Db): Promise<void> {
  const people = await db.selectFrom('users').select('id').where('is_demo', '=', 1).execute()
  const paces = mobilisationNotificationKinds.map((k) => ({ kind: k.key, pace: 'never' as const }))
  for (const p of people) await setPaces(db, p.id, paces)
}

// --- the call to engage ---------------------------------------------------------------------------------------

const PLEDGES: Array<{ org: string; kind: 'euros' | 'skills' | 'volunteering' | 'goods' | 'premises'; quantity: string; volunteers?: string; schedule: string; fulfil?: { alliance: string; type: string; unit: string; quantity: string; description: string } }> = [
  { org: 'marne-numerique', kind: 'skills', quantity: '120', schedule: 'Deux techniciens un vendredi sur deux', fulfil: { alliance: 'numerique-pour-tous', type: 'mecenat_competences', unit: 'hours', quantity: '36', description: 'Ateliers de reconditionnement animés par nos techniciens' } },
  { org: 'banque-des-bords', kind: 'euros', quantity: '8000', schedule: 'Deux versements, au lancement et à mi-parcours', fulfil: { alliance: 'dialogue-marne-bois', type: 'mecenat_financier', unit: 'eur', quantity: '3000', description: 'Premier versement du mécénat' } },
  { org: 'energies-communes', kind: 'skills', quantity: '60', schedule: 'Diagnostics énergétiques au printemps' },
  { org: 'boulangerie-deux-rives', kind: 'volunteering', quantity: '48', volunteers: '4', schedule: 'Quatre salariés, douze heures chacun' },
  { org: 'logistique-seine-marne', kind: 'premises', quantity: '12', schedule: 'Un entrepôt prêté un samedi par semaine' },
]

async function loadCallToEngage(db: Db, ids: Ids, org: (key: string) => string): Promise<void> {
  const mission = await adminOf(db, org('ept-pemb-mission-cooperations'))
  if (!mission) return
  const today = parisToday()
  const needs = await db
    .selectFrom('needs')
    .innerJoin('territory_closure', 'territory_closure.descendant_id', 'needs.territory_id')
    .select('needs.id')
    .where('needs.is_demo', '=', 1)
    .where('needs.status', '=', 'ouvert')
    .where('territory_closure.ancestor_id', '=', EPT)
    .orderBy('needs.id')
    .limit(3)
    .execute()
  const callId = await createCall(db, mission, {
    organisationId: org('ept-pemb-mission-cooperations'),
    title: 'Entreprises de Marne & Bois, engagez-vous pour l’inclusion numérique et l’emploi (démo)',
    summary: 'Le territoire appelle ses entreprises à s’engager sur trois besoins prioritaires repérés lors de l’écoute : l’accès au numérique, l’insertion par l’emploi et la lutte contre l’isolement. Chaque engagement est daté, précis et suivi jusqu’à sa réalisation.',
    territory: EPT,
    startsOn: shift(today, -14),
    endsOn: shift(today, 76),
    goals: { euros: '20000', skills: '400', volunteering: '200', premises: '30' },
    needIds: needs.map((n) => n.id),
    worlds: ['entreprise'],
    sizes: [],
  })
  await publishCall(db, mission, callId)
  await db.updateTable('mobilisation_calls').set({ is_demo: 1 }).where('id', '=', callId).execute()
  for (const p of PLEDGES) {
    const admin = await adminOf(db, org(p.org))
    if (!admin) continue
    const pledgeId = await createPledge(db, admin, { organisationId: org(p.org), helpKind: p.kind, quantity: p.quantity, volunteers: p.volunteers, callId, dueOn: shift(today, 70), schedule: p.schedule })
    await db.updateTable('mobilisation_pledges').set({ is_demo: 1 }).where('id', '=', pledgeId).execute()
    if (!p.fulfil) continue
    const alliance = await db.selectFrom('alliances').select('id').where('is_demo', '=', 1).where('name', '=', ALLIANCE_NAMES[p.fulfil.alliance] as string).executeTakeFirst()
    if (!alliance) continue
    // The alliance's contributions keep the demo's stable ids (the same on every machine), as the alliances demo's do.
    const contributionId = await addContribution(
      db,
      admin,
      alliance.id,
      { organisationId: org(p.org), contributionType: p.fulfil.type, unit: p.fulfil.unit, quantity: p.fulfil.quantity, contributedOn: today, description: p.fulfil.description },
      { id: ids(`mobilisation:contribution:${p.org}`) },
    )
    await linkContribution(db, admin, pledgeId, { contributionId })
  }
}

/** Names of the demo alliances used here (the alliances demo's names). */
const ALLIANCE_NAMES: Record<string, string> = {
  'numerique-pour-tous': 'Numérique pour tous à l’Est',
  'chantiers-ecole': 'Chantiers-école du bâtiment',
  'anti-gaspi': 'Anti-gaspi des bords de Marne',
  'reussir-au-college': 'Réussir au collège ensemble',
  'mobilite-emploi': 'Mobilité vers l’emploi',
  'vieillir-entoure': 'Vieillir connecté et entouré',
  'fabrique-transitions': 'Fabrique des transitions',
  'sport-handicap': 'Sport et handicap en bord de Marne',
  'dialogue-marne-bois': 'Dialogue territorial Marne & Bois',
}

// --- the fund, its call for projects, the selection and the grants ---------------------------------------------

const CONTRIBUTORS: Array<[org: string, pledged: number, paid: number]> = [
  ['banque-des-bords', 50_000_00, 50_000_00],
  ['groupe-assurances', 30_000_00, 20_000_00],
  ['groupe-energie-national', 40_000_00, 25_000_00],
]
/** Reviewers: the committee, by organisation; Logistique Seine & Marne is a partner of three applying alliances. */
const COMMITTEE = ['labo-territoires', 'club-entreprises', 'logistique-seine-marne']
const CRITERIA: Array<[label: string, weight: number]> = [['Réponse à un besoin prioritaire du territoire', 3], ['Coopération entre mondes différents', 2]]

interface DemoApplication {
  alliance: string
  beneficiary: string
  title: string
  summary: string
  requested: number
  budget: number
  /** scores per reviewer (by COMMITTEE order) and criterion */
  scores: Array<[number, number] | null>
  grant?: { amount: number; object: string; tranches: Array<[amount: number, due: string, condition: string, paidOn: string | null]> }
  reasons: string
}

const APPLICATIONS: DemoApplication[] = [
  { alliance: 'chantiers-ecole', beneficiary: 'batir-ensemble', title: 'Essaimer les chantiers-école dans trois communes', summary: 'Ouvrir deux nouvelles promotions de jeunes en insertion sur des chantiers de rénovation, avec un tuteur d’entreprise pour chacun.', requested: 18_000_00, budget: 60_000_00, scores: [[5, 5], [4, 5], null], grant: { amount: 18_000_00, object: 'Essaimage des chantiers-école du bâtiment dans trois communes de Paris Est Marne & Bois', tranches: [[10_000_00, '2025-03-15', 'À la signature', '2025-03-20'], [8_000_00, '2026-03-31', 'Après le compte rendu de 2025', null]] }, reasons: 'Projet solide qui répond à un besoin d’emploi prioritaire, porté par des entreprises et des associations ; montant accordé en totalité.' },
  { alliance: 'anti-gaspi', beneficiary: 'supermarche-coop', title: 'Une tournée mutualisée des invendus', summary: 'Mutualiser la collecte des invendus de six commerces vers deux épiceries solidaires avec un véhicule partagé.', requested: 15_000_00, budget: 32_000_00, scores: [[4, 4], [5, 4], null], grant: { amount: 12_000_00, object: 'Tournée mutualisée de collecte des invendus alimentaires des bords de Marne', tranches: [[6_000_00, '2025-03-15', 'À la signature', '2025-03-25'], [6_000_00, '2026-03-31', 'Sur justificatifs de la première année', null]] }, reasons: 'Forte coopération entre commerçants et associations ; montant réduit à 12 000 € faute de devis pour le véhicule.' },
  { alliance: 'numerique-pour-tous', beneficiary: 'seniors-connectes', title: 'Des ateliers numériques dans six communes', summary: 'Former des bénévoles-relais et équiper six maisons de quartier pour des ateliers hebdomadaires.', requested: 10_000_00, budget: 26_000_00, scores: [[4, 3], [3, 4], [4, 3]], reasons: 'Projet pertinent mais déjà soutenu par la commune ; le comité l’encourage à revenir pour l’essaimage.' },
  { alliance: 'reussir-au-college', beneficiary: 'soutien-scolaire-marne', title: 'Tutorat des collégiens par des salariés', summary: 'Cinquante salariés tuteurs de collégiens pendant l’année scolaire, en lien avec le collège.', requested: 8_000_00, budget: 20_000_00, scores: [[3, 3], [4, 3], [3, 2]], reasons: 'Intérêt reconnu ; le budget ne détaille pas la part du mécénat de compétences.' },
  { alliance: 'mobilite-emploi', beneficiary: 'mobilite-solidaire', title: 'Location de vélos pour les demandeurs d’emploi', summary: 'Cinquante vélos à assistance électrique loués un euro par jour aux personnes qui reprennent un emploi.', requested: 12_000_00, budget: 30_000_00, scores: [[4, 2], [3, 3], null], reasons: 'Besoin avéré ; le comité attend l’accord de la plateforme logistique sur l’entretien des vélos.' },
  { alliance: 'vieillir-entoure', beneficiary: 'saint-maur-seniors', title: 'Visites de convivialité et téléassistance', summary: 'Des bénévoles formés rendent visite chaque semaine à cent personnes âgées isolées.', requested: 9_000_00, budget: 22_000_00, scores: [[3, 2], [2, 3], [3, 3]], reasons: 'Projet utile mais déjà financé par la fondation santé ; pas de cumul sur le même objet.' },
  { alliance: 'fabrique-transitions', beneficiary: 'tiers-lieu-la-fabrique', title: 'Un atelier de réemploi ouvert aux habitants', summary: 'Ouvrir le fab lab deux soirs par semaine pour réparer et réemployer avec les habitants.', requested: 11_000_00, budget: 25_000_00, scores: [[2, 3], [3, 2], [3, 3]], reasons: 'Le lien avec les besoins prioritaires du territoire reste à démontrer.' },
  { alliance: 'sport-handicap', beneficiary: 'handisport-est', title: 'Sport partagé en bord de Marne', summary: 'Des séances de sport partagé entre personnes handicapées et valides, encadrées par des éducateurs.', requested: 7_000_00, budget: 16_000_00, scores: [[3, 3], [2, 2], null], reasons: 'Belle initiative ; le comité propose de la présenter à l’appel « sport et santé » du département.' },
]

async function loadFund(db: Db, ids: Ids, org: (key: string) => string): Promise<void> {
  const host = await adminOf(db, org('fondation-marne-solidaire'))
  if (!host) return
  const committee = (await Promise.all(COMMITTEE.map((k) => adminOf(db, org(k))))).filter((a): a is Actor => a !== null)
  if (committee.length !== COMMITTEE.length) return
  const alliances = await db.selectFrom('alliances').select(['id', 'name']).where('is_demo', '=', 1).execute()
  const allianceId = (key: string) => alliances.find((a) => a.name === ALLIANCE_NAMES[key])?.id
  if (APPLICATIONS.some((a) => !allianceId(a.alliance))) return
  const fundId = ids('mobilisation:fund:marne-bois')
  const callId = ids('mobilisation:project-call:marne-bois-2025')
  const at = (day: string, time = '10:00:00') => `${day}T${time}.000Z`
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('mobilisation_funds')
      .values({ id: fundId, host_organisation_id: org('fondation-marne-solidaire'), name: 'Fonds territorial Marne & Bois (démo)', description: 'Fonds de démonstration : des entreprises du territoire mettent en commun leur mécénat pour financer l’ingénierie des alliances de Paris Est Marne & Bois. La fondation territoriale l’abrite et engage une part de ses fonds propres.', legal_form: 'fondation', siret: FUND_SIRET, territory_id: EPT, pledged_cents: 0, paid_cents: 0, committed_cents: 0, granted_cents: 0, disbursed_cents: 0, is_demo: 1, created_by: host.userId, created_at: at('2024-09-16'), updated_at: at('2024-09-16') })
      .execute()
    await trx.insertInto('mobilisation_fund_members').values([{ fund_id: fundId, user_id: host.userId as string, role: 'chair', added_by: host.userId, added_at: at('2024-09-16') }, ...committee.map((c) => ({ fund_id: fundId, user_id: c.userId as string, role: 'member' as const, added_by: host.userId, added_at: at('2024-09-20') }))]).execute()
    for (const [key, pledged, paid] of CONTRIBUTORS) {
      await bookPledge(trx, { fundId, organisationId: org(key), cents: pledged, day: '2024-10-01', note: 'Convention de mécénat pluriannuelle', userId: host.userId })
      await bookPayment(trx, { fundId, organisationId: org(key), cents: paid, day: '2024-12-16', userId: host.userId })
    }
    await bookCommitment(trx, { fundId, cents: 20_000_00, day: '2024-10-07', note: 'Délibération du conseil d’administration du 7 octobre 2024', userId: host.userId })

    await trx
      .insertInto('mobilisation_project_calls')
      .values({ id: callId, fund_id: fundId, title: 'Appel à projets 2025 — ingénierie des alliances (démo)', summary: 'Financer la coordination, l’animation et l’essaimage d’alliances qui répondent aux besoins prioritaires du territoire, portées par au moins deux mondes.', territory_id: 'departement:94', min_amount_cents: 5_000_00, max_amount_cents: 20_000_00, cofunding_min_percent: 30, min_worlds: 2, score_max: 5, opens_at: at('2024-11-04', '08:00:00'), deadline_at: at('2025-01-15', '11:00:00'), questionnaire_id: null, questions: '', status: 'decided', published_at: at('2024-11-04'), decided_at: at('2025-02-28'), reminded_at: at('2025-01-08'), is_demo: 1, created_by: host.userId, created_at: at('2024-10-21'), updated_at: at('2025-02-28') })
      .execute()
    await trx.insertInto('mobilisation_project_call_sdgs').values([{ call_id: callId, sdg: 11 }, { call_id: callId, sdg: 17 }]).execute()
    await trx.insertInto('mobilisation_criteria').values(CRITERIA.map(([label, weight], i) => ({ call_id: callId, position: i + 1, label, weight }))).execute()
    await trx.insertInto('mobilisation_reviewers').values(committee.map((c) => ({ call_id: callId, user_id: c.userId as string, assigned_by: host.userId, assigned_at: at('2025-01-16') }))).execute()

    const weights = CRITERIA.reduce((s, [, w]) => s + w, 0)
    for (const [i, a] of APPLICATIONS.entries()) {
      const id = ids(`mobilisation:application:${a.alliance}`)
      const submitted = at(shift('2025-01-06', i), '15:30:00')
      const own = a.budget - a.requested
      await trx
        .insertInto('mobilisation_applications')
        .values({ id, call_id: callId, alliance_id: allianceId(a.alliance) as string, beneficiary_organisation_id: org(a.beneficiary), title: a.title, summary: a.summary, requested_cents: a.requested, budget_cents: a.budget, answers: '{}', status: 'submitted', eligibility: JSON.stringify([{ rule: 'alliance', ok: true, params: {} }, { rule: 'amount', ok: true, params: { min: 5000, max: 20000 } }, { rule: 'cofunding', ok: true, params: { share: Math.floor((own * 1000) / a.budget) / 10, min: 30 } }]), submitted_at: submitted, submitted_by: null, withdrawn_at: null, withdrawn_reason: '', is_demo: 1, created_by: null, created_at: submitted, updated_at: submitted })
        .execute()
      const half = Math.round(own / 2)
      await trx
        .insertInto('mobilisation_budget_lines')
        .values([
          { application_id: id, side: 'expense', position: 1, source: 'expense', label: 'Coordination et animation', amount_cents: Math.round(a.budget * 0.6), in_kind_type: null, in_kind_unit: null, in_kind_hundredths: null, rate_table_version: null },
          { application_id: id, side: 'expense', position: 2, source: 'expense', label: 'Matériel et déplacements', amount_cents: a.budget - Math.round(a.budget * 0.6), in_kind_type: null, in_kind_unit: null, in_kind_hundredths: null, rate_table_version: null },
          { application_id: id, side: 'resource', position: 0, source: 'fund', label: '', amount_cents: a.requested, in_kind_type: null, in_kind_unit: null, in_kind_hundredths: null, rate_table_version: null },
          { application_id: id, side: 'resource', position: 1, source: 'cofunder', label: 'Commune et département', amount_cents: half, in_kind_type: null, in_kind_unit: null, in_kind_hundredths: null, rate_table_version: null },
          { application_id: id, side: 'resource', position: 2, source: 'own', label: 'Fonds propres des partenaires', amount_cents: own - half, in_kind_type: null, in_kind_unit: null, in_kind_hundredths: null, rate_table_version: null },
        ])
        .execute()
      for (const [r, scores] of a.scores.entries()) {
        const reviewer = committee[r] as Actor
        if (!scores) {
          await trx.insertInto('mobilisation_conflicts').values({ application_id: id, user_id: reviewer.userId as string, reason: 'Mon entreprise est partenaire de cette alliance.', declared_at: at('2025-01-17') }).execute()
          continue
        }
        const total = Math.floor((2 * CRITERIA.reduce((s, [, w], k) => s + w * (scores[k] as number), 0) * 1000 + weights * 5) / (2 * weights * 5))
        const reviewed = at(shift('2025-01-20', r * 3), '17:00:00')
        await trx.insertInto('mobilisation_reviews').values({ application_id: id, user_id: reviewer.userId as string, call_id: callId, status: 'submitted', comment: total >= 800 ? 'Projet mûr, partenaires engagés, budget réaliste.' : total >= 600 ? 'Intéressant ; quelques points du budget à préciser.' : 'Le lien avec les besoins prioritaires est peu étayé.', total_milli: total, updated_at: reviewed, submitted_at: reviewed }).execute()
        await trx.insertInto('mobilisation_scores').values(scores.map((score, k) => ({ application_id: id, user_id: reviewer.userId as string, position: k + 1, score }))).execute()
      }
      await trx.insertInto('mobilisation_decisions').values({ application_id: id, call_id: callId, outcome: a.grant ? 'funded' : 'rejected', amount_cents: a.grant?.amount ?? 0, conditions: a.grant ? 'Un compte rendu annuel, sous la forme du bilan d’évaluation de l’alliance.' : '', reasons: a.reasons, decided_by: host.userId, decided_at: at('2025-02-20'), published_at: at('2025-02-28') }).execute()
      if (!a.grant) continue
      const grantId = ids(`mobilisation:grant:${a.alliance}`)
      await trx
        .insertInto('mobilisation_grants')
        .values({ id: grantId, fund_id: fundId, call_id: callId, application_id: id, alliance_id: allianceId(a.alliance) as string, beneficiary_organisation_id: org(a.beneficiary), reference: grantReference(grantId), object: a.grant.object, amount_cents: a.grant.amount, disbursed_cents: 0, conditions: 'Un compte rendu annuel, sous la forme du bilan d’évaluation de l’alliance.', status: 'signed', in_kind: 0, notification_ue: 0, dispositif_aide: 'Appel à projets ingénierie des alliances 2025', fund_signed_by: host.userId, fund_signed_at: at('2025-03-10'), beneficiary_signed_by: null, beneficiary_signed_at: at('2025-03-12'), signed_on: '2025-03-12', tranche_count: 0, first_due_on: null, last_due_on: null, is_demo: 1, created_at: at('2025-02-20'), updated_at: at('2025-03-12') })
        .execute()
      await bookGrant(trx, { fundId, grantId, cents: a.grant.amount, day: '2025-02-20', userId: host.userId })
      await trx.insertInto('mobilisation_grant_tranches').values(a.grant.tranches.map(([amount, due, condition], n) => ({ grant_id: grantId, number: n + 1, amount_cents: amount, due_on: due, condition, paid_cents: 0, paid_on: null }))).execute()
      for (const [n, [amount, , , paidOn]] of a.grant.tranches.entries()) if (paidOn) await bookDisbursement(trx, { fundId, grantId, tranche: n + 1, cents: amount, day: paidOn, userId: host.userId })
      const round = a.alliance === 'chantiers-ecole' ? await trx.selectFrom('evaluation_rounds').select('id').where('id', '=', ids('round:chantiers-ecole:3')).executeTakeFirst() : undefined
      await trx.insertInto('mobilisation_grant_reports').values({ id: ids(`mobilisation:grant-report:${a.alliance}:2025`), grant_id: grantId, title: 'Compte rendu de l’année 2025', period_start: '2025-01-01', period_end: '2025-12-31', due_on: '2026-02-28', round_id: round?.id ?? null, reminded_at: null }).execute()
    }
  })
}

/** Loads mobilisation's demonstration content (see the module's JSDoc); false when it was already there. */
export async function loadMobilisationDemo(db: Db, ids: Ids): Promise<boolean> {
  const exists = await db.selectFrom('mobilisation_funds').select('id').where('is_demo', '=', 1).limit(1).executeTakeFirst()
  if (exists) return false
  const org = (key: string) => ids(`organisation:${key}`)
  const host = await db.selectFrom('organisations').select('id').where('id', '=', org('fondation-marne-solidaire')).executeTakeFirst()
  if (!host) return false
  await noDemoMail(db)
  await loadFund(db, ids, org)
  await loadCallToEngage(db, ids, org)
  return true
}
