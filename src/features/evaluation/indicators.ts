/**
 * The alliance's own indicators: each has a name, a unit, a direction (which way is progress), a baseline, a
 * target with its date, an SDG target such as `4.1`, and a source; partners record dated values with their
 * source. Coordinators' admins define indicators; members of active partners record values. Values are exact
 * decimals (two decimals at most, negative allowed), stored × 100.
 */
import type { Kysely, Transaction } from 'kysely'
import { requireUser, type Actor } from '../../core/access/actor.js'
import { newId, nowIso } from '../../core/db/values.js'
import { notFound, validationError, type FieldProblem } from '../../core/errors.js'
import type { Database } from '../../database.js'
import { authorizeCoordinate, isSdgTarget, loadAllianceAccess, parseQuantity, type AllianceScope } from '../alliances/index.js'
import { toCsv, type CsvCell } from '../../core/csv.js'
import type { Locale, MessageKey } from '../../core/i18n/index.js'
import { centsToDecimal } from '../valuation/index.js'
import { findTerm, termLabel } from '../vocabulary/index.js'
import { authorizeActingFor, authorizeEvaluation } from './evaluation.policy.js'
import type { EvaluationIndicatorsTable, EvaluationIndicatorValuesTable } from './evaluation.table.js'
import { isCalendarDate, parisToday } from '../../core/time/calendar.js'

type Db = Kysely<Database>
type Reader = Kysely<Database> | Transaction<Database>

export type Indicator = EvaluationIndicatorsTable
export interface IndicatorValue extends EvaluationIndicatorValuesTable {
  organisation_name: string
}
export interface IndicatorWithValues extends Indicator {
  values: IndicatorValue[]
}

type ValueProblem = Extract<ReturnType<typeof parseQuantity>, { ok: false }>['problem']
/** A second minus sign (`--3`) is a typing error, like any other text. */
const VALUE_PROBLEM = {
  format: 'evaluation.error.value.format',
  negative: 'evaluation.error.value.format',
  zero: 'evaluation.error.value.zero',
  decimals: 'evaluation.error.value.decimals',
  whole: 'evaluation.error.value.whole',
  tooLarge: 'evaluation.error.value.tooLarge',
} as const satisfies Record<ValueProblem, MessageKey>

/** Parses a signed decimal typed by a person (`-12,5`, `1 200`, `0`) into hundredths, or a problem key. */
export function parseSignedHundredths(text: string): { ok: true; hundredths: number } | { ok: false; message: MessageKey } {
  const compact = text.replace(/[\s\u00a0\u202f]/g, '')
  const negative = /^[-−]/.test(compact)
  const rest = negative ? compact.slice(1) : compact
  if (/^0+(?:[.,]0{0,2})?$/.test(rest)) return { ok: true, hundredths: 0 }
  const parsed = parseQuantity(rest, 'eur')
  if (!parsed.ok) return { ok: false, message: VALUE_PROBLEM[parsed.problem] }
  return { ok: true, hundredths: negative ? -parsed.hundredths : parsed.hundredths }
}

/** One indicator of the alliance (without its values), or undefined. */
export async function findIndicator(db: Reader, scope: AllianceScope, indicatorId: string): Promise<Indicator | undefined> {
  return db.selectFrom('evaluation_indicators').selectAll().where('alliance_id', '=', scope.allianceId).where('id', '=', indicatorId).executeTakeFirst()
}

/** Indicators of the alliance with their values (oldest value first), in the order they were defined. */
export async function listIndicators(db: Reader, scope: AllianceScope): Promise<IndicatorWithValues[]> {
  const [indicators, values] = await Promise.all([
    db.selectFrom('evaluation_indicators').selectAll().where('alliance_id', '=', scope.allianceId).orderBy('created_at').orderBy('id').execute(),
    db
      .selectFrom('evaluation_indicator_values')
      .innerJoin('organisations', 'organisations.id', 'evaluation_indicator_values.organisation_id')
      .selectAll('evaluation_indicator_values')
      .select('organisations.name as organisation_name')
      .where('evaluation_indicator_values.alliance_id', '=', scope.allianceId)
      .orderBy('evaluation_indicator_values.measured_on')
      .orderBy('evaluation_indicator_values.recorded_at')
      .execute(),
  ])
  const num = (v: number | null) => (v === null ? null : Number(v))
  return indicators.map((i) => ({
    ...i,
    baseline_hundredths: num(i.baseline_hundredths),
    target_hundredths: num(i.target_hundredths),
    values: values.filter((v) => v.indicator_id === i.id).map((v) => ({ ...v, value_hundredths: Number(v.value_hundredths) })),
  }))
}

export interface IndicatorInput {
  name: string
  unit: string
  direction: string
  baseline?: string
  baselineOn?: string
  target?: string
  targetOn?: string
  sdgTarget?: string
  source: string
}

function validateIndicator(input: IndicatorInput) {
  const problems: FieldProblem[] = []
  if (input.name.trim().length < 3) problems.push({ field: 'name', message: 'form.error.minLength', params: { min: 3 } })
  if (input.unit.trim().length < 1) problems.push({ field: 'unit', message: 'form.error.required' })
  if (!findTerm('indicator_direction', input.direction)) problems.push({ field: 'direction', message: 'evaluation.error.direction' })
  const amount = (field: string, text: string | undefined) => {
    if (!text || text.trim() === '') return null
    const parsed = parseSignedHundredths(text)
    if (!parsed.ok) {
      problems.push({ field, message: parsed.message })
      return null
    }
    return parsed.hundredths
  }
  const day = (field: string, text: string | undefined, requiredWith: number | null) => {
    if (!text) {
      if (requiredWith !== null) problems.push({ field, message: 'evaluation.error.dateWithValue' })
      return null
    }
    if (!isCalendarDate(text)) problems.push({ field, message: 'evaluation.error.date' })
    return text
  }
  const baseline = amount('baseline', input.baseline)
  const baselineOn = day('baseline_on', input.baselineOn, baseline)
  const target = amount('target', input.target)
  const targetOn = day('target_on', input.targetOn, target)
  if (baselineOn && targetOn && isCalendarDate(baselineOn) && isCalendarDate(targetOn) && targetOn < baselineOn) problems.push({ field: 'target_on', message: 'evaluation.error.targetBeforeBaseline' })
  const sdgTarget = input.sdgTarget?.trim() || null
  if (sdgTarget !== null && !isSdgTarget(sdgTarget)) problems.push({ field: 'sdg_target', message: 'evaluation.error.sdgTarget', params: { target: sdgTarget } })
  if (input.source.trim().length < 3) problems.push({ field: 'source', message: 'evaluation.error.source' })
  if (problems.length > 0) throw validationError(problems)
  return { name: input.name.trim(), unit: input.unit.trim(), direction: input.direction, baseline_hundredths: baseline, baseline_on: baselineOn, target_hundredths: target, target_on: targetOn, sdg_target: sdgTarget, source: input.source.trim() }
}

/** Defines an indicator (coordinators' admins). Returns its id. */
export async function createIndicator(db: Db, actor: Actor, allianceId: string, input: IndicatorInput): Promise<string> {
  const access = await loadAllianceAccess(db, actor, allianceId)
  const scope = authorizeCoordinate(actor, access)
  const user = requireUser(actor)
  const values = validateIndicator(input)
  const id = newId()
  const now = nowIso()
  await db.insertInto('evaluation_indicators').values({ id, alliance_id: scope.allianceId, ...values, is_demo: 0, created_by: user.userId, created_at: now, updated_at: now }).execute()
  return id
}

/** Changes an indicator's definition (coordinators' admins); recorded values stay as they are. */
export async function updateIndicator(db: Db, actor: Actor, allianceId: string, indicatorId: string, input: IndicatorInput): Promise<void> {
  const access = await loadAllianceAccess(db, actor, allianceId)
  const scope = authorizeCoordinate(actor, access)
  if (!(await findIndicator(db, scope, indicatorId))) throw notFound()
  const values = validateIndicator(input)
  await db.updateTable('evaluation_indicators').set({ ...values, updated_at: nowIso() }).where('id', '=', indicatorId).execute()
}

export interface ValueInput {
  organisationId: string
  measuredOn: string
  value: string
  source: string
  note?: string
}

/**
 * Records a dated value of an indicator on behalf of one of the actor's partner organisations (any member).
 * 404 for an unknown indicator or an organisation the actor is not in (checked after the fields); a value with
 * more than two decimals, a day in the future or a value without source is refused (400).
 */
export async function recordIndicatorValue(db: Db, actor: Actor, allianceId: string, indicatorId: string, input: ValueInput): Promise<string> {
  const access = await loadAllianceAccess(db, actor, allianceId)
  const scope = authorizeEvaluation(actor, access)
  if (!(await findIndicator(db, scope, indicatorId))) throw notFound()
  const user = requireUser(actor)
  const problems: FieldProblem[] = []
  const parsed = parseSignedHundredths(input.value)
  if (!parsed.ok) problems.push({ field: 'value', message: parsed.message })
  if (!isCalendarDate(input.measuredOn)) problems.push({ field: 'measured_on', message: 'evaluation.error.date' })
  else if (input.measuredOn > parisToday()) problems.push({ field: 'measured_on', message: 'evaluation.error.dateFuture' })
  if (input.source.trim().length < 3) problems.push({ field: 'source', message: 'evaluation.error.source' })
  if (problems.length > 0) throw validationError(problems)
  authorizeActingFor(actor, access, input.organisationId, { admin: false })
  const id = newId()
  await db
    .insertInto('evaluation_indicator_values')
    .values({ id, indicator_id: indicatorId, alliance_id: scope.allianceId, organisation_id: input.organisationId, measured_on: input.measuredOn, value_hundredths: parsed.ok ? parsed.hundredths : 0, source: input.source.trim(), note: (input.note ?? '').trim(), recorded_by: user.userId, recorded_at: nowIso() })
    .execute()
  return id
}

/**
 * The CSV of an alliance's indicators (`core/csv.ts`: cells neutralised for spreadsheets): per indicator its
 * baseline and target lines, then one line per value, oldest first. Values are exact decimals with a point.
 */
export function indicatorsCsv(indicators: IndicatorWithValues[], locale: Locale): string {
  const decimal = (hundredths: number | null) => (hundredths === null ? '' : centsToDecimal(BigInt(hundredths)))
  const rows: CsvCell[][] = [['indicateur', 'ligne', 'unite', 'sens', 'date', 'valeur', 'cible_odd', 'source', 'organisation', 'note']]
  for (const i of indicators) {
    const direction = termLabel('indicator_direction', i.direction, locale)
    if (i.baseline_hundredths !== null) rows.push([i.name, 'depart', i.unit, direction, i.baseline_on ?? '', decimal(i.baseline_hundredths), i.sdg_target ?? '', i.source, '', ''])
    if (i.target_hundredths !== null) rows.push([i.name, 'cible', i.unit, direction, i.target_on ?? '', decimal(i.target_hundredths), i.sdg_target ?? '', i.source, '', ''])
    for (const v of i.values) rows.push([i.name, 'valeur', i.unit, direction, v.measured_on, decimal(v.value_hundredths), i.sdg_target ?? '', v.source, v.organisation_name, v.note])
  }
  return toCsv(rows, { bom: true })
}
