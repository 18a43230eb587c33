/**
 * Writing rate tables: a new version of the platform's table (platform admins; it becomes the default) or a
 * table of an alliance's own (its coordinators' admins). A version is never edited: a change is a new version,
 * so every figure ever shown can be traced to the rates that produced it.
 *
 * Every rate needs a source (text, and a link when there is one) and a method note; rates are valid for whole
 * months (from the first day of a month to the last day of a month, or open-ended), which keeps the valued
 * summaries exact (see valuation.engine.ts); two rates of one table may not cover the same type, unit and day.
 */
import type { Kysely } from 'kysely'
import { requireUser, type Actor } from '../../core/access/actor.js'
import { isUniqueViolation } from '../../core/db/dialect.js'
import { newId, nowIso } from '../../core/db/values.js'
import { AppError, validationError, type FieldProblem } from '../../core/errors.js'
import type { Database } from '../../database.js'
import { authorizeCoordinate, CONTRIBUTION_UNITS, loadAllianceAccess, parseQuantity } from '../alliances/index.js'
import { findTerm } from '../vocabulary/index.js'
import { markDirty } from './valuation.summaries.js'
import type { MessageKey } from '../../core/i18n/index.js'
import { isCalendarDate } from '../../core/time/calendar.js'

type Db = Kysely<Database>

/** The highest rate accepted: 1 000 € per unit (keeps every value far inside exact integers). */
export const MAX_RATE_CENTS = 100_000

export interface RateInput {
  /** the row of the form it was typed in, to name the fields of its problems (default: its index) */
  row?: number
  contributionType: string
  unit: string
  /** euros per unit as typed (`11,88`) */
  rate: string
  validFrom: string
  validTo?: string | null
  methodNote: string
  sourceText: string
  sourceUrl?: string | null
}

export interface RateTableInput {
  /** a platform version, or a table of the alliance `allianceId` */
  scope: 'platform' | 'alliance'
  allianceId?: string
  title: string
  methodNote: string
  rates: RateInput[]
}

/** Units a rate may be written for: every contribution unit but euros, which count at face value. */
export const RATE_UNITS = CONTRIBUTION_UNITS.filter((u) => u !== 'eur')

const isFirstOfMonth = (day: string) => isCalendarDate(day) && day.endsWith('-01')
function isLastOfMonth(day: string): boolean {
  if (!isCalendarDate(day)) return false
  const next = new Date(`${day}T12:00:00Z`)
  next.setUTCDate(next.getUTCDate() + 1)
  return next.getUTCDate() === 1
}

/** An http(s) address, or a problem. */
export function isWebAddress(value: string): boolean {
  if (value.length > 500) return false
  try {
    const url = new URL(value)
    return url.protocol === 'https:' || url.protocol === 'http:'
  } catch {
    return false
  }
}

type AmountProblem = Extract<ReturnType<typeof parseQuantity>, { ok: false }>['problem']
const AMOUNT_PROBLEM = {
  format: 'valuation.error.amount.format',
  negative: 'valuation.error.amount.negative',
  zero: 'valuation.error.amount.zero',
  decimals: 'valuation.error.amount.decimals',
  whole: 'valuation.error.amount.whole',
  tooLarge: 'valuation.error.amount.tooLarge',
} as const satisfies Record<AmountProblem, MessageKey>

/** Parses a euro amount typed by a person (two decimals at most) into cents, or a message key. */
export function parseEuros(text: string): { ok: true; cents: number } | { ok: false; message: MessageKey } {
  const parsed = parseQuantity(text, 'eur')
  return parsed.ok ? { ok: true, cents: parsed.hundredths } : { ok: false, message: AMOUNT_PROBLEM[parsed.problem] }
}

/** Checks the rates of a table; the problems name `rates.<i>.<field>` (the form's fields carry these names). */
export function validateRates(rates: RateInput[]): { problems: FieldProblem[]; cents: number[] } {
  const problems: FieldProblem[] = []
  const cents: number[] = []
  if (rates.length === 0) problems.push({ field: 'rates', message: 'valuation.error.noRate' })
  rates.forEach((r, i) => {
    const field = (name: string) => `rates.${r.row ?? i}.${name}`
    if (!findTerm('contribution_type', r.contributionType)) problems.push({ field: field('contribution_type'), message: 'valuation.error.type' })
    if (!(RATE_UNITS as readonly string[]).includes(r.unit)) problems.push({ field: field('unit'), message: 'valuation.error.unit' })
    const amount = parseEuros(r.rate)
    if (!amount.ok) problems.push({ field: field('rate'), message: amount.message })
    else if (amount.cents > MAX_RATE_CENTS) problems.push({ field: field('rate'), message: 'valuation.error.rateTooHigh', params: { max: MAX_RATE_CENTS / 100 } })
    cents.push(amount.ok ? amount.cents : 0)
    if (!isFirstOfMonth(r.validFrom)) problems.push({ field: field('valid_from'), message: 'valuation.error.validFrom' })
    const to = r.validTo ?? null
    if (to !== null && to !== '' && (!isLastOfMonth(to) || to < r.validFrom)) problems.push({ field: field('valid_to'), message: 'valuation.error.validTo' })
    if (r.sourceText.trim().length < 3) problems.push({ field: field('source_text'), message: 'valuation.error.source' })
    if (r.sourceUrl && !isWebAddress(r.sourceUrl)) problems.push({ field: field('source_url'), message: 'valuation.error.sourceUrl' })
    if (r.methodNote.trim().length < 3) problems.push({ field: field('method_note'), message: 'valuation.error.methodNote' })
  })
  // Two rates of one type and unit may not overlap in time.
  rates.forEach((a, i) => {
    rates.slice(i + 1).forEach((b, k) => {
      if (a.contributionType !== b.contributionType || a.unit !== b.unit) return
      const endA = a.validTo || '9999-12-31'
      const endB = b.validTo || '9999-12-31'
      if (a.validFrom <= endB && b.validFrom <= endA) problems.push({ field: `rates.${b.row ?? i + 1 + k}.valid_from`, message: 'valuation.error.overlap', params: { row: (a.row ?? i) + 1 } })
    })
  })
  return { problems, cents }
}

/**
 * Writes a new table version and returns its id. Platform versions: platform admins only (403 for others);
 * an alliance's table: its coordinators' admins (403, or 404 when the alliance is hidden). Nothing is stored
 * when any field is wrong; the number is the owner's next version (a concurrent write answers 409).
 */
export async function createRateTable(db: Db, actor: Actor, input: RateTableInput): Promise<{ id: string; version: number }> {
  const user = requireUser(actor)
  let ownerKey = 'platform'
  if (input.scope === 'alliance') {
    const access = await loadAllianceAccess(db, actor, input.allianceId ?? '')
    ownerKey = authorizeCoordinate(actor, access).allianceId
  } else if (!actor.isPlatformAdmin) {
    throw new AppError('ALLIANCE_ERR_FORBIDDEN', 'valuation.error.platformAdminOnly')
  }
  const problems: FieldProblem[] = []
  if (input.title.trim().length < 3) problems.push({ field: 'title', message: 'form.error.minLength', params: { min: 3 } })
  if (input.methodNote.trim().length < 10) problems.push({ field: 'method_note', message: 'form.error.minLength', params: { min: 10 } })
  const rates = validateRates(input.rates)
  problems.push(...rates.problems)
  if (problems.length > 0) throw validationError(problems)
  const id = newId()
  const now = nowIso()
  try {
    return await db.transaction().execute(async (trx) => {
      const last = await trx.selectFrom('valuation_rate_tables').select((eb) => eb.fn.max('version').as('v')).where('owner_key', '=', ownerKey).executeTakeFirst()
      const version = Number(last?.v ?? 0) + 1
      await trx
        .insertInto('valuation_rate_tables')
        .values({ id, scope: input.scope, owner_key: ownerKey, alliance_id: input.scope === 'alliance' ? ownerKey : null, version, title: input.title.trim(), method_note: input.methodNote.trim(), is_demo: 0, created_by: user.userId, created_at: now })
        .execute()
      await trx
        .insertInto('valuation_rates')
        .values(
          input.rates.map((r, i) => ({
            id: newId(),
            table_id: id,
            contribution_type: r.contributionType,
            unit: r.unit,
            rate_cents: rates.cents[i] ?? 0,
            valid_from: r.validFrom,
            valid_to: r.validTo || null,
            method_note: r.methodNote.trim(),
            source_text: r.sourceText.trim(),
            source_url: r.sourceUrl?.trim() || null,
          })),
        )
        .execute()
      return { id, version }
    })
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError('ALLIANCE_ERR_CONFLICT', 'valuation.error.versionRace')
    throw error
  }
}

/**
 * The alliance adopts a table (its coordinators' admins): a platform version other than the default, or one of
 * its own tables, with the reason shown next to every figure; `rateTableId: null` goes back to the platform
 * default. Changing the table changes no contribution: values are computed when read.
 */
export async function adoptRateTable(db: Db, actor: Actor, allianceId: string, input: { rateTableId: string | null; reason: string }): Promise<void> {
  const access = await loadAllianceAccess(db, actor, allianceId)
  const scope = authorizeCoordinate(actor, access)
  const user = requireUser(actor)
  const problems: FieldProblem[] = []
  if (input.rateTableId !== null) {
    const table = await db.selectFrom('valuation_rate_tables').select(['scope', 'alliance_id']).where('id', '=', input.rateTableId).executeTakeFirst()
    if (!table || (table.scope === 'alliance' && table.alliance_id !== scope.allianceId)) problems.push({ field: 'rate_table_id', message: 'valuation.error.table' })
    if (input.reason.trim().length < 10) problems.push({ field: 'reason', message: 'valuation.error.reason' })
  }
  if (problems.length > 0) throw validationError(problems)
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom('valuation_choices').where('alliance_id', '=', scope.allianceId).execute()
    if (input.rateTableId !== null) {
      await trx.insertInto('valuation_choices').values({ alliance_id: scope.allianceId, rate_table_id: input.rateTableId, reason: input.reason.trim(), chosen_by: user.userId, chosen_at: nowIso() }).execute()
    }
    await markDirty(trx, [scope.allianceId])
  })
}
