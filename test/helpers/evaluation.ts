/**
 * Helpers for evaluation, valuation and practices tests: contributions written directly (as an import or the
 * demo would: the valuation summaries must see them through their triggers).
 */
import type { ContributionUnit } from '../../src/features/alliances/index.js'
import { newId, nowIso } from '../../src/core/db/values.js'
import type { AnswerInput } from '../../src/features/evaluation/answers.service.js'
import { CURRENT_GRID, cellKey, impactKey } from '../../src/features/evaluation/evaluation.grid.js'
import type { SheetInput } from '../../src/features/practices/practices.service.js'
import type { TestApp } from './app.js'

type Db = TestApp['db']

/** Inserts a contribution of `organisationId` (an existing partner of the alliance) and returns its id. */
export async function addContributionForTest(db: Db, allianceId: string, organisationId: string, c: { type: string; unit: ContributionUnit; hundredths: number; day: string }): Promise<string> {
  const partner = await db.selectFrom('alliance_partners').select('id').where('alliance_id', '=', allianceId).where('organisation_id', '=', organisationId).executeTakeFirstOrThrow()
  const id = newId()
  const now = nowIso()
  await db
    .insertInto('alliance_contributions')
    .values({ id, alliance_id: allianceId, partner_id: partner.id, organisation_id: organisationId, contribution_type: c.type, unit: c.unit, quantity_hundredths: c.hundredths, contributed_on: c.day, description: 'Test', created_by: null, created_at: now, updated_by: null, updated_at: now })
    .execute()
  return id
}

/** A full answer: every cell at `level` (with one cell overridden), every impact at `level`. */
export function fullAnswer(level: number, override: Record<string, number> = {}, submit = true): AnswerInput {
  const ratings: AnswerInput['ratings'] = {}
  for (const o of CURRENT_GRID.objects) for (const a of CURRENT_GRID.approaches) ratings[cellKey(o, a)] = { level: override[cellKey(o, a)] ?? level, comment: '' }
  const impacts: AnswerInput['impacts'] = {}
  for (const i of CURRENT_GRID.impacts) for (const s of CURRENT_GRID.scopes) impacts[impactKey(i, s)] = { level, comment: '' }
  return { ratings, impacts, whatWorked: 'Les ateliers', difficulties: '', lessons: 'Prendre le temps', submit }
}


const text = (s: string) => `${s} — un texte assez long pour la fiche de pratique.`
/** A sheet whose every field is long enough. */
export const SHEET: SheetInput = {
  title: 'Des ateliers numériques co-animés',
  summary: text('Résumé'),
  context: text('Contexte'),
  solution: text('Solution'),
  process: text('Processus'),
  socioEconomicModel: text('Modèle socio-économique'),
  arrangement: text('Dispositif'),
  governance: text('Gouvernance'),
  legalFrame: text('Cadre juridique'),
  lessons: text('Enseignements'),
  domains: ['numerique', 'education_jeunesse'],
}

