/**
 * Practice sheets (pratiques inspirantes): written by an alliance's coordinators from one of its published
 * reviews — context, the six axes of an innovation model (solution, process, socio-economic model,
 * arrangement, governance, legal and fiscal frame), lessons — and "S'en inspirer": starting a new alliance from
 * a sheet, with its stakes, form, SDGs, levers and charter principles copied and the roles listed, the link
 * "inspirée de" kept both ways (the sheet lists where it was replicated; the new alliance's journal says where
 * it comes from).
 */
import type { Kysely } from 'kysely'
import { isAdminOf, requireUser, type Actor } from '../../core/access/actor.js'
import { newId, nowIso } from '../../core/db/values.js'
import { AppError, notFound, validationError, type FieldProblem } from '../../core/errors.js'
import { normaliseText } from '../../core/text/normalise.js'
import type { Database } from '../../database.js'
import { addJournalEntry, authorizeCoordinate, authorizeView, createAlliance, findLatestCharter, listPartners, loadAllianceAccess, saveCharter, type AllianceScope, type NewAllianceData } from '../alliances/index.js'
import { listPublishedReviews } from '../evaluation/index.js'
import { communeSizeBand } from '../territories/index.js'
import { findTerm, termLabel } from '../vocabulary/index.js'
import { indexSheets } from './practices.search.js'
import { parisToday } from '../../core/time/calendar.js'

type Db = Kysely<Database>

export interface SheetInput {
  title: string
  summary: string
  context: string
  solution: string
  process: string
  socioEconomicModel: string
  arrangement: string
  governance: string
  legalFrame: string
  lessons: string
  /** codes of the vocabulary kind `domain` */
  domains: string[]
}

/** The axes of a sheet with their form field names (the six axes of an innovation model, and around them). */
export const SHEET_FIELDS = [
  ['summary', 'summary'],
  ['context', 'context'],
  ['solution', 'solution'],
  ['process', 'process'],
  ['socioEconomicModel', 'socio_economic_model'],
  ['arrangement', 'arrangement'],
  ['governance', 'governance'],
  ['legalFrame', 'legal_frame'],
  ['lessons', 'lessons'],
] as const

function validateSheet(input: SheetInput): FieldProblem[] {
  const problems: FieldProblem[] = []
  if (input.title.trim().length < 5) problems.push({ field: 'title', message: 'form.error.minLength', params: { min: 5 } })
  for (const [key, field] of SHEET_FIELDS) if (input[key].trim().length < 20) problems.push({ field, message: 'form.error.minLength', params: { min: 20 } })
  if (input.domains.length === 0) problems.push({ field: 'domains', message: 'practices.error.domains' })
  else if (input.domains.some((d) => !findTerm('domain', d))) problems.push({ field: 'domains', message: 'practices.error.domain' })
  return problems
}

/** The commune-size band of the perimeter's population and its région (null when it spans several). */
async function placeFacets(db: Db, allianceId: string): Promise<{ size_band: string | null; region_id: string | null }> {
  const territories = await db
    .selectFrom('alliance_territories')
    .innerJoin('territories', 'territories.id', 'alliance_territories.territory_id')
    .select(['territories.id', 'territories.kind', 'territories.code', 'territories.population', 'territories.region_code'])
    .where('alliance_territories.alliance_id', '=', allianceId)
    .execute()
  const ids = territories.map((t) => t.id)
  const nested = ids.length === 0 ? [] : await db.selectFrom('territory_closure').select('descendant_id').where('ancestor_id', 'in', ids).where('descendant_id', 'in', ids).whereRef('ancestor_id', '!=', 'descendant_id').execute()
  const inner = new Set(nested.map((n) => n.descendant_id))
  const outer = territories.filter((t) => !inner.has(t.id))
  const population = outer.reduce((sum, t) => sum + (t.population ?? 0), 0)
  const regions = new Set(outer.map((t) => (t.kind === 'region' ? t.code : t.region_code)).filter((c): c is string => c !== null))
  return { size_band: population > 0 ? communeSizeBand(population) : null, region_id: regions.size === 1 ? `region:${[...regions][0]}` : null }
}

/**
 * Writes a sheet from a published review of a public alliance (its coordinators' admins). 409 when the round's
 * review is not published; 400 naming every short or missing field. Returns the sheet's id.
 */
export async function createSheet(db: Db, actor: Actor, allianceId: string, roundId: string, input: SheetInput): Promise<string> {
  const access = await loadAllianceAccess(db, actor, allianceId)
  const scope = authorizeCoordinate(actor, access)
  const user = requireUser(actor)
  const published = await listPublishedReviews(db, scope.allianceId)
  if (!published.some((r) => r.roundId === roundId)) throw new AppError('ALLIANCE_ERR_CONFLICT', 'practices.error.reviewNotPublished')
  const problems = validateSheet(input)
  if (problems.length > 0) throw validationError(problems)
  const id = newId()
  const now = nowIso()
  const place = await placeFacets(db, scope.allianceId)
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('practice_sheets')
      .values({ id, alliance_id: scope.allianceId, round_id: roundId, ...sheetColumns(input), ...place, facet_signature: '', is_demo: 0, created_by: user.userId, created_at: now, updated_at: now, published_at: now })
      .execute()
    await trx.insertInto('practice_sheet_domains').values([...new Set(input.domains)].map((domain) => ({ sheet_id: id, domain }))).execute()
    await indexSheets(trx, [id])
  })
  return id
}

function sheetColumns(input: SheetInput) {
  return {
    title: input.title.trim(),
    search_name: normaliseText(input.title),
    summary: input.summary.trim(),
    context: input.context.trim(),
    solution: input.solution.trim(),
    process: input.process.trim(),
    socio_economic_model: input.socioEconomicModel.trim(),
    arrangement: input.arrangement.trim(),
    governance: input.governance.trim(),
    legal_frame: input.legalFrame.trim(),
    lessons: input.lessons.trim(),
  }
}

/** The sheet's alliance through its policy (404 when the sheet is unknown or its alliance hidden to the actor). */
export async function loadSheetAlliance(db: Db, actor: Actor, sheetId: string) {
  const sheet = await db.selectFrom('practice_sheets').selectAll().where('id', '=', sheetId).executeTakeFirst()
  if (!sheet) throw notFound()
  const access = await loadAllianceAccess(db, actor, sheet.alliance_id)
  return { sheet, access, scope: authorizeView(actor, access) }
}

/** Changes a sheet (its alliance's coordinators' admins). */
export async function updateSheet(db: Db, actor: Actor, sheetId: string, input: SheetInput): Promise<void> {
  const { sheet, access } = await loadSheetAlliance(db, actor, sheetId)
  authorizeCoordinate(actor, access)
  const problems = validateSheet(input)
  if (problems.length > 0) throw validationError(problems)
  const place = await placeFacets(db, sheet.alliance_id)
  await db.transaction().execute(async (trx) => {
    await trx.updateTable('practice_sheets').set({ ...sheetColumns(input), ...place, updated_at: nowIso() }).where('id', '=', sheetId).execute()
    await trx.deleteFrom('practice_sheet_domains').where('sheet_id', '=', sheetId).execute()
    await trx.insertInto('practice_sheet_domains').values([...new Set(input.domains)].map((domain) => ({ sheet_id: sheetId, domain }))).execute()
    await indexSheets(trx, [sheetId])
  })
}

export interface InspireInput {
  /** an organisation the actor administers: the new alliance's coordinator */
  coordinatorOrganisationId: string
  name: string
  territoryIds: string[]
  startedOn: string
  visibility: 'public' | 'partners'
}

/** The roles of the source alliance's active partners, as a sentence for the new charter's governance. */
async function rolesOf(db: Db, scope: AllianceScope): Promise<string> {
  const partners = await listPartners(db, scope)
  const roles = new Map<string, Set<string>>()
  for (const p of partners.filter((x) => x.status === 'active')) roles.set(p.role, (roles.get(p.role) ?? new Set()).add(termLabel('world', p.world, 'fr')))
  return [...roles].map(([role, worlds]) => `${termLabel('partner_role', role, 'fr')} (${[...worlds].join(', ')})`).join(' ; ')
}

/**
 * "S'en inspirer": starts a new alliance from a sheet, coordinated by an organisation the actor administers, on
 * its own perimeter, with the sheet alliance's stakes, description, form, SDGs, targets and levers copied; its
 * first charter version copies the principles and lists the roles to fill; its journal records where it comes
 * from (an entry written on behalf of the person, in French like the content it copies); the sheet lists it
 * among its replications. Returns the new alliance's id. A coordinator the actor does not administer is a 404;
 * the fields of the new alliance are checked by `createAlliance` (its field names: `name`, `territories`,
 * `started_on`, `coordinator`, `visibility`).
 */
export async function inspireAlliance(db: Db, actor: Actor, sheetId: string, input: InspireInput, options: { publicUrl: string }): Promise<string> {
  const { sheet, access, scope } = await loadSheetAlliance(db, actor, sheetId)
  const user = requireUser(actor)
  // Acting for an organisation one does not administer: it does not exist for the actor.
  if (!isAdminOf(actor, input.coordinatorOrganisationId)) throw notFound()
  const source = access.alliance
  const [sdgs, targets, levers, charter, roles] = await Promise.all([
    db.selectFrom('alliance_sdgs').select('sdg').where('alliance_id', '=', source.id).execute(),
    db.selectFrom('alliance_sdg_targets').select('target').where('alliance_id', '=', source.id).execute(),
    db.selectFrom('alliance_levers').select('lever').where('alliance_id', '=', source.id).execute(),
    findLatestCharter(db, scope),
    rolesOf(db, scope),
  ])
  const data: NewAllianceData = {
    name: input.name,
    stakes: source.stakes,
    description: source.description,
    territoryIds: input.territoryIds,
    form: source.form,
    sdgs: sdgs.map((s) => s.sdg),
    sdgTargets: targets.map((t) => t.target),
    levers: levers.map((l) => l.lever),
    startedOn: input.startedOn,
    endedOn: null,
    visibility: input.visibility,
    phase: 'emergence',
    coordinatorOrganisationId: input.coordinatorOrganisationId,
  }
  const allianceId = await createAlliance(db, actor, data)
  await db.insertInto('practice_inspirations').values({ sheet_id: sheetId, alliance_id: allianceId, created_by: user.userId, created_at: nowIso() }).execute()
  await addJournalEntry(db, actor, allianceId, {
    organisationId: input.coordinatorOrganisationId,
    kind: 'jalon',
    occurredOn: parisToday(),
    title: `Inspirée de la pratique « ${sheet.title} »`.slice(0, 200),
    body: `${options.publicUrl}/pratiques/${sheetId} — alliance d’origine : ${source.name}.`,
  })
  const nextYear = `${Number(parisToday().slice(0, 4)) + 1}${parisToday().slice(4)}`
  await saveCharter(db, actor, allianceId, {
    principles: charter?.principles || 'Principes à écrire ensemble.',
    governance: `Rôles à pourvoir, d’après l’alliance d’origine : ${roles || 'à définir'}.`,
    meetingFrequency: charter?.meeting_frequency ?? 'trimestrielle',
    nextReviewOn: nextYear.endsWith('-02-29') ? nextYear.replace('-02-29', '-02-28') : nextYear,
    commitments: new Map(),
  })
  return allianceId
}
