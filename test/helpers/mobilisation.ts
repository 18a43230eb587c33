/**
 * A world for the selection and grants of mobilisation: the seven kinds of people of the rights matrix
 * (anonymous, applicant member, applicant admin, reviewer, conflicted reviewer, fund admin, platform admin), an
 * alliance (coordinator C — an association whose admin is the applicant admin and whose plain member is the
 * applicant member — and an active partner company P, so two worlds), a foundation F hosting a fund with a
 * commitment of its own, and two calls for projects:
 *
 * - `reviewCall`: published, its deadline passed (moved into the past after submission), one submitted application
 *   (`applicationId`) reviewed by nobody yet; the conflicted reviewer declared a conflict with it;
 * - `decidedCall`: decided and published, its application funded (`decidedApplicationId`) with a grant to sign
 *   (`grantId`) whose terms are prepared (two tranches, one report).
 *
 * Everything goes through the services, as the people would do it, except moving deadlines into the past.
 */
import type { Actor } from '../../src/core/access/actor.js'
import { parisToday } from '../../src/core/time/calendar.js'
import { createAlliance } from '../../src/features/alliances/index.js'
import { invitePartner } from '../../src/features/alliances/partners.service.js'
import { addCommitteeMember, createFund, declareCommitment } from '../../src/features/mobilisation/funds/funds.service.js'
import { prepareGrant } from '../../src/features/mobilisation/grants/grants.service.js'
import { saveApplication, startApplication, submitApplication } from '../../src/features/mobilisation/projects/applications.service.js'
import { assignReviewer, createProjectCall, publishProjectCall, type ProjectCallInput } from '../../src/features/mobilisation/projects/project-calls.service.js'
import { decide, publishDecisions } from '../../src/features/mobilisation/selection/decisions.service.js'
import { declareConflict } from '../../src/features/mobilisation/selection/reviews.service.js'
import { actorOf, addMember, insertOrganisation, userId } from './alliances.js'
import { Client, giveSecondFactor, type TestApp } from './app.js'

export const SELECTION_PEOPLE = ['anonymous', 'applicantMember', 'applicantAdmin', 'reviewer', 'conflictedReviewer', 'fundAdmin', 'platformAdmin'] as const
export type SelectionPerson = (typeof SELECTION_PEOPLE)[number]

export interface SelectionWorld {
  clients: Record<SelectionPerson, Client>
  emails: Record<Exclude<SelectionPerson, 'anonymous'>, string>
  actors: Record<'applicantAdmin' | 'reviewer' | 'conflictedReviewer' | 'fundAdmin', Actor>
  org: { C: string; P: string; F: string; R: string }
  allianceId: string
  fundId: string
  reviewCallId: string
  applicationId: string
  decidedCallId: string
  decidedApplicationId: string
  grantId: string
  reportId: string
}

/** A day `days` after `day` (Paris calendar days, no time zone involved). */
export function shiftDay(day: string, days: number): string {
  const d = new Date(`${day}T12:00:00Z`)
  d.setUTCDate(d.getUTCDate() + days)
  return d.toISOString().slice(0, 10)
}

/** A call's rules: open since yesterday, deadline in 30 days (Paris times), a grid of two criteria on 0–5. */
export function projectCallInput(title: string, today = parisToday()): ProjectCallInput {
  return {
    title,
    summary: 'Financer l’ingénierie des alliances du territoire.',
    territory: 'commune:94080',
    sdgs: [4, 17],
    minAmount: '1000',
    maxAmount: '20000',
    cofundingMinPercent: 20,
    minWorlds: 2,
    scoreMax: 5,
    opensAt: `${shiftDay(today, -1)}T09:00`,
    deadlineAt: `${shiftDay(today, 30)}T12:00`,
    criteria: [{ label: 'Pertinence', weight: 2 }, { label: 'Coopération', weight: 1 }],
  }
}

/** A complete, balanced application: 10 000 € of expenses, 5 000 € asked, 5 000 € of own funds (50 % co-funding). */
export function applicationInput(beneficiaryOrganisationId: string, title = 'Ingénierie de l’alliance') {
  return {
    title,
    summary: 'Coordonner les partenaires et animer les ateliers du quartier pendant un an.',
    beneficiaryOrganisationId,
    requested: '5000',
    expenses: [{ label: 'Animation', amount: '8000' }, { label: 'Matériel', amount: '2000' }],
    resources: [{ source: 'own', label: 'Fonds propres', amount: '5000' }],
    answers: {},
  }
}

/** Moves a call's deadline (and opening) into the past: the call goes to review. */
export async function closeApplications(db: TestApp['db'], callId: string): Promise<void> {
  const past = new Date(Date.now() - 60_000).toISOString()
  await db.updateTable('mobilisation_project_calls').set({ opens_at: new Date(Date.now() - 86_400_000).toISOString(), deadline_at: past }).where('id', '=', callId).execute()
}

export async function buildSelectionWorld(t: TestApp, prefix = 's'): Promise<SelectionWorld> {
  const db = t.db
  const emails = {
    applicantMember: `${prefix}-amember@example.org`,
    applicantAdmin: `${prefix}-aadmin@example.org`,
    reviewer: `${prefix}-reviewer@example.org`,
    conflictedReviewer: `${prefix}-conflicted@example.org`,
    fundAdmin: `${prefix}-fadmin@example.org`,
    platformAdmin: `${prefix}-platform@example.org`,
  }
  const clients = { anonymous: new Client(t.app) } as Record<SelectionPerson, Client>
  for (const [person, email] of Object.entries(emails) as Array<[Exclude<SelectionPerson, 'anonymous'>, string]>) {
    clients[person] = new Client(t.app)
    await clients[person].signUp(email, 'un mot de passe très long', `Personne ${person}`)
  }
  await db.updateTable('users').set({ is_platform_admin: 1 }).where('email', '=', emails.platformAdmin).execute()
  await giveSecondFactor(db, emails.platformAdmin)
  const org = {
    C: await insertOrganisation(db, `${prefix} Association coordinatrice`, 'association'),
    P: await insertOrganisation(db, `${prefix} Entreprise partenaire`, 'entreprise'),
    F: await insertOrganisation(db, `${prefix} Fondation territoriale`, 'fondation'),
    R: await insertOrganisation(db, `${prefix} Réseau d’experts`, 'association'),
  }
  // The beneficiary is identified as the open-data export requires (a SIRET; an RNA number for an association).
  await db.updateTable('organisations').set({ siret: '44306184100047', rna: 'W941000123' }).where('id', '=', org.C).execute()
  await addMember(db, await userId(db, emails.applicantAdmin), org.C, 'admin')
  await addMember(db, await userId(db, emails.applicantMember), org.C, 'member')
  await addMember(db, await userId(db, emails.fundAdmin), org.F, 'admin')
  await addMember(db, await userId(db, emails.reviewer), org.R, 'member')
  await addMember(db, await userId(db, emails.conflictedReviewer), org.R, 'member')
  const actors = {
    applicantAdmin: await actorOf(db, emails.applicantAdmin),
    reviewer: await actorOf(db, emails.reviewer),
    conflictedReviewer: await actorOf(db, emails.conflictedReviewer),
    fundAdmin: await actorOf(db, emails.fundAdmin),
  }
  const allianceId = await createAlliance(db, actors.applicantAdmin, {
    name: `${prefix} Alliance des quartiers`,
    stakes: 'Relier les habitants, les associations et les entreprises du quartier.',
    description: '',
    territoryIds: ['commune:94080'],
    form: 'experimentation_collective',
    sdgs: [4],
    sdgTargets: [],
    levers: ['action'],
    startedOn: '2024-01-15',
    endedOn: null,
    visibility: 'public',
    phase: 'experimentation',
    coordinatorOrganisationId: org.C,
  })
  const partner = await invitePartner(db, actors.applicantAdmin, allianceId, { organisationId: org.P, role: 'partenaire' })
  await db.updateTable('alliance_partners').set({ status: 'active', joined_on: '2024-02-01' }).where('id', '=', partner).execute()

  const fundId = await createFund(db, actors.fundAdmin, { hostOrganisationId: org.F, name: `${prefix} Fonds des alliances`, description: 'Un fonds pour l’ingénierie des alliances.', legalForm: 'fondation', siret: '73282932000074', territory: 'commune:94080' })
  await declareCommitment(db, actors.fundAdmin, fundId, { amount: '100000', note: 'Délibération du conseil d’administration' })
  await addCommitteeMember(db, actors.fundAdmin, fundId, { email: emails.reviewer, role: 'member' })
  await addCommitteeMember(db, actors.fundAdmin, fundId, { email: emails.conflictedReviewer, role: 'member' })

  const openCall = async (title: string) => {
    const id = await createProjectCall(db, actors.fundAdmin, fundId, projectCallInput(title))
    await publishProjectCall(db, actors.fundAdmin, id)
    await assignReviewer(db, actors.fundAdmin, id, actors.reviewer.userId as string)
    await assignReviewer(db, actors.fundAdmin, id, actors.conflictedReviewer.userId as string)
    const applicationId = await startApplication(db, actors.applicantAdmin, id, allianceId)
    await saveApplication(db, actors.applicantAdmin, applicationId, applicationInput(org.C))
    await submitApplication(db, actors.applicantAdmin, applicationId)
    await closeApplications(db, id)
    return { id, applicationId }
  }
  const review = await openCall(`${prefix} Appel en sélection`)
  await declareConflict(db, actors.conflictedReviewer, review.applicationId, 'Je conseille bénévolement cette association.')
  const decided = await openCall(`${prefix} Appel décidé`)
  await decide(db, actors.fundAdmin, decided.applicationId, { outcome: 'funded', amount: '5000', conditions: 'Compte rendu à mi-parcours.', reasons: 'Un projet solide, porté par deux mondes.' })
  await publishDecisions(db, actors.fundAdmin, decided.id)
  const grant = await db.selectFrom('mobilisation_grants').select('id').where('application_id', '=', decided.applicationId).executeTakeFirstOrThrow()
  const today = parisToday()
  await prepareGrant(db, actors.fundAdmin, grant.id, {
    object: 'Ingénierie de l’alliance des quartiers',
    conditions: 'Compte rendu à mi-parcours.',
    inKind: false,
    notificationUe: false,
    tranches: [{ amount: '3000', dueOn: today }, { amount: '2000', dueOn: shiftDay(today, 180), condition: 'Après le compte rendu' }],
    reports: [{ title: 'Compte rendu à mi-parcours', periodStart: today, periodEnd: shiftDay(today, 150), dueOn: shiftDay(today, 170) }],
  })
  const report = await db.selectFrom('mobilisation_grant_reports').select('id').where('grant_id', '=', grant.id).executeTakeFirstOrThrow()
  return { clients, emails, actors, org, allianceId, fundId, reviewCallId: review.id, applicationId: review.applicationId, decidedCallId: decided.id, decidedApplicationId: decided.applicationId, grantId: grant.id, reportId: report.id }
}

const TABLES = [
  'mobilisation_calls', 'mobilisation_call_goals', 'mobilisation_call_needs', 'mobilisation_call_audience', 'mobilisation_pledges', 'mobilisation_pledge_fulfilments', 'mobilisation_territory_totals', 'mobilisation_territory_organisations',
  'mobilisation_funds', 'mobilisation_fund_members', 'mobilisation_fund_contributors', 'mobilisation_fund_entries', 'mobilisation_project_calls', 'mobilisation_project_call_sdgs',
  'mobilisation_criteria', 'mobilisation_reviewers', 'mobilisation_applications', 'mobilisation_budget_lines', 'mobilisation_conflicts', 'mobilisation_reviews', 'mobilisation_scores',
  'mobilisation_decisions', 'mobilisation_grants', 'mobilisation_grant_tranches', 'mobilisation_grant_reports', 'evaluation_rounds', 'notifications', 'mail_messages',
] as const

/** Every row of mobilisation's tables (and what it notifies, and evaluation rounds), to prove a request changed nothing. */
export async function mobilisationSnapshot(db: TestApp['db']): Promise<string> {
  const parts: unknown[] = []
  for (const table of TABLES) parts.push(await db.selectFrom(table).selectAll().execute().then((rows) => rows.map((r) => JSON.stringify(r)).sort()))
  return JSON.stringify(parts)
}
