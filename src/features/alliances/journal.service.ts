/**
 * Use cases of the journal, "de la racine aux premiers fruits": partners write dated entries on behalf of their
 * organisation and correct them; the platform writes its own entries (birth, phase changes, arrivals and
 * departures, charter versions) inside the transaction of the act they record; other features add entries
 * through `addJournalEntry` (the minutes of a meeting, the practice an alliance was inspired by).
 *
 * A title is either free text written by a person or a message key with its parameters: the database never
 * stores a sentence the platform wrote, and each reader sees it in their language (`journal.title.ts`).
 */
import type { Kysely, Transaction } from 'kysely'
import { requireUser, type Actor } from '../../core/access/actor.js'
import { newId, nowIso } from '../../core/db/values.js'
import { AppError, notFound, validationError, type FieldProblem } from '../../core/errors.js'
import type { MessageKey } from '../../core/i18n/index.js'
import type { Database } from '../../database.js'
import { authorizeContribute, authorizeOwnRecord, authorizePartnerAct, authorizeView, type AllianceAccess } from './alliances.policy.js'
import { findJournalEntry } from './alliances.queries.js'
import { dateProblem } from './alliances.rules.js'
import { WRITABLE_JOURNAL_KINDS } from './alliances.schemas.js'
import { loadAllianceAccess } from './alliances.access.js'
import type { SystemEvent } from './alliances.table.js'
import type { JournalTitle } from './journal.title.js'

type Db = Kysely<Database>
type Trx = Transaction<Database>

/** The message of each entry the platform writes by itself. */
export const SYSTEM_EVENT_KEYS: Record<SystemEvent, MessageKey> = {
  created: 'alliances.journal.event.created',
  phase_changed: 'alliances.journal.event.phase_changed',
  partner_joined: 'alliances.journal.event.partner_joined',
  partner_left: 'alliances.journal.event.partner_left',
  charter_version: 'alliances.journal.event.charter_version',
}

/** The title's columns: free text in `title`, or the key and its parameters (and an empty `title`). */
export function titleColumns(title: JournalTitle): { title: string; title_key: string | null; title_params: string | null } {
  if (typeof title === 'string') return { title: title.trim(), title_key: null, title_params: null }
  return { title: '', title_key: title.key, title_params: JSON.stringify(title.params ?? {}) }
}

export interface JournalWrite {
  allianceId: string
  organisationId: string | null
  kind: string
  on: string
  title: JournalTitle
  body?: string
  event?: SystemEvent | null
  phaseFrom?: string | null
  phaseTo?: string | null
  authorId: string | null
}

/** Writes one journal entry inside the caller's transaction (the act it records commits with it). Returns its id. */
export async function writeJournal(trx: Trx, entry: JournalWrite): Promise<string> {
  const id = newId()
  await trx
    .insertInto('alliance_journal_entries')
    .values({
      id,
      alliance_id: entry.allianceId,
      organisation_id: entry.organisationId,
      kind: entry.kind,
      occurred_on: entry.on,
      ...titleColumns(entry.title),
      body: (entry.body ?? '').trim(),
      phase_from: entry.phaseFrom ?? null,
      phase_to: entry.phaseTo ?? null,
      system_event: entry.event ?? null,
      author_id: entry.authorId,
      created_at: nowIso(),
    })
    .execute()
  return id
}

export interface JournalInput {
  /** the partner organisation on whose behalf the entry is written (one of the actor's) */
  organisationId: string
  kind: string
  occurredOn: string
  title: JournalTitle
  body: string
}

/** The problems of an entry's fields: a kind partners may write, a real day, a title of 2–200 characters. */
function validateJournalEntry(input: Omit<JournalInput, 'organisationId'>): void {
  const problems: FieldProblem[] = []
  if (!WRITABLE_JOURNAL_KINDS.includes(input.kind)) problems.push({ field: 'kind', message: 'alliances.error.journalKind' })
  const day = dateProblem('occurred_on', input.occurredOn, { required: true })
  if (day) problems.push(day)
  if (typeof input.title === 'string') {
    const title = input.title.trim()
    if (title.length < 2) problems.push({ field: 'title', message: 'form.error.minLength', params: { min: 2 } })
    else if (title.length > 200) problems.push({ field: 'title', message: 'form.error.maxLength', params: { max: 200 } })
  }
  if (problems.length > 0) throw validationError(problems)
}

/**
 * Writes a journal entry on behalf of one of the actor's active partner organisations (any member). Returns
 * its id. Rights: 401 signed out, 404 when the alliance is hidden or the organisation is not one of the
 * actor's, 403 for someone who is no member of an active partner, or when that organisation is not one.
 */
export async function addJournalEntry(db: Db, actor: Actor, allianceId: string, input: JournalInput): Promise<string> {
  const access = await loadAllianceAccess(db, actor, allianceId)
  authorizeContribute(actor, access)
  validateJournalEntry(input)
  authorizePartnerAct(actor, access, input.organisationId, { admin: false })
  const user = requireUser(actor)
  return db.transaction().execute((trx) =>
    writeJournal(trx, { allianceId, organisationId: input.organisationId, kind: input.kind, on: input.occurredOn, title: input.title, body: input.body, authorId: user.userId }),
  )
}

/**
 * The journal entry, when the actor may correct it: an entry written by a partner (not one the platform wrote:
 * creation, phase changes, arrivals and departures, charter versions — 403), by members of the organisation it
 * was written for (403 for others, 404 when unseen or missing).
 */
export async function authorizeJournalEdit(db: Db, actor: Actor, access: AllianceAccess, entryId: string) {
  requireUser(actor)
  const scope = authorizeView(actor, access)
  const entry = await findJournalEntry(db, scope, entryId)
  if (!entry) throw notFound()
  if (entry.system_event !== null || entry.organisation_id === null) throw new AppError('ALLIANCE_ERR_FORBIDDEN', 'alliances.error.systemEntry')
  authorizeOwnRecord(actor, access, entry.organisation_id)
  return { entry, scope }
}

/**
 * Corrects a journal entry written by a partner (see `authorizeJournalEdit`); the organisation stays. The
 * corrected title is the person's own text from then on (a message title becomes the text they typed).
 */
export async function updateJournalEntry(db: Db, actor: Actor, allianceId: string, entryId: string, input: Omit<JournalInput, 'organisationId' | 'title'> & { title: string }): Promise<void> {
  const access = await loadAllianceAccess(db, actor, allianceId)
  await authorizeJournalEdit(db, actor, access, entryId)
  validateJournalEntry(input)
  await db
    .updateTable('alliance_journal_entries')
    .set({ kind: input.kind, occurred_on: input.occurredOn, ...titleColumns(input.title), body: input.body.trim() })
    .where('id', '=', entryId)
    .where('alliance_id', '=', allianceId)
    .execute()
}
