import { sql, type Kysely } from 'kysely'

/**
 * Journal entries written by the platform stop storing French sentences: their title becomes a message key and
 * its parameters (`title_key`, `title_params`), rendered in each reader's language. Rows already written are
 * mapped from what is known of them:
 * - entries of a system event (`created`, `phase_changed`, `partner_joined`, `partner_left`, `charter_version`)
 *   take the event's key; the charter version number is read from the old title (« Charte : version 3 »);
 * - the entry of an alliance born from a mise en relation (title « Née d’une mise en relation » or « Born from a
 *   connection », written in the language of the person who created it) takes its key, with the need and the
 *   other organisation read from the old body.
 * Free text written by partners stays as it is. Rolling back writes the French sentences again.
 */

const EVENTS = ['created', 'phase_changed', 'partner_joined', 'partner_left'] as const
const FROM_CONTACT = 'alliances.journal.fromContact'
const FROM_CONTACT_TITLES = ['Née d’une mise en relation', 'Born from a connection']
// « … besoin « need », avec « other ». » (French) or “…need “need”, with “other”.” (English)
const FROM_CONTACT_BODY = [/besoin « (.*) », avec « (.*) »\.?$/s, /need “(.*)”, with “(.*)”\.?$/s]

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('alliance_journal_entries').addColumn('title_key', 'text').execute()
  await db.schema.alterTable('alliance_journal_entries').addColumn('title_params', 'text').execute()

  for (const event of EVENTS) {
    await db.updateTable('alliance_journal_entries').set({ title_key: `alliances.journal.event.${event}`, title_params: '{}', title: '' }).where('system_event', '=', event).execute()
  }
  const charters = await db.selectFrom('alliance_journal_entries').select(['id', 'title']).where('system_event', '=', 'charter_version').execute()
  for (const row of charters as Array<{ id: string; title: string }>) {
    const version = /(\d+)\s*$/.exec(row.title)?.[1]
    await db
      .updateTable('alliance_journal_entries')
      .set({ title_key: 'alliances.journal.event.charter_version', title_params: JSON.stringify(version ? { version: Number(version) } : {}), title: '' })
      .where('id', '=', row.id)
      .execute()
  }
  const born = await db.selectFrom('alliance_journal_entries').select(['id', 'body']).where('system_event', 'is', null).where('title', 'in', FROM_CONTACT_TITLES).execute()
  for (const row of born as Array<{ id: string; body: string }>) {
    const match = FROM_CONTACT_BODY.map((pattern) => pattern.exec(row.body)).find((m) => m !== null)
    if (!match) continue
    await db
      .updateTable('alliance_journal_entries')
      .set({ title_key: FROM_CONTACT, title_params: JSON.stringify({ need: match[1], other: match[2] }), title: '', body: '' })
      .where('id', '=', row.id)
      .execute()
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  const phase = (column: string) =>
    sql<string>`coalesce((select label_fr from vocabulary_terms where kind = 'alliance_phase' and code = ${sql.ref(column)}), ${sql.ref(column)}, '')`
  const organisation = sql<string>`coalesce((select name from organisations where organisations.id = alliance_journal_entries.organisation_id), '')`
  await db
    .updateTable('alliance_journal_entries')
    .set({ title: sql`'Naissance de l’alliance, en phase « ' || ${phase('phase_to')} || ' »'` })
    .where('title_key', '=', 'alliances.journal.event.created')
    .execute()
  await db
    .updateTable('alliance_journal_entries')
    .set({ title: sql`'Passage de « ' || ${phase('phase_from')} || ' » à « ' || ${phase('phase_to')} || ' »'` })
    .where('title_key', '=', 'alliances.journal.event.phase_changed')
    .execute()
  await db.updateTable('alliance_journal_entries').set({ title: sql`${organisation} || ' rejoint l’alliance'` }).where('title_key', '=', 'alliances.journal.event.partner_joined').execute()
  await db.updateTable('alliance_journal_entries').set({ title: sql`${organisation} || ' quitte l’alliance'` }).where('title_key', '=', 'alliances.journal.event.partner_left').execute()
  const keyed = await db.selectFrom('alliance_journal_entries').select(['id', 'title_key', 'title_params']).where('title_key', 'in', ['alliances.journal.event.charter_version', FROM_CONTACT]).execute()
  for (const row of keyed as Array<{ id: string; title_key: string; title_params: string | null }>) {
    const params = JSON.parse(row.title_params ?? '{}') as { version?: number; need?: string; other?: string }
    const values =
      row.title_key === FROM_CONTACT
        ? { title: FROM_CONTACT_TITLES[0], body: `L’alliance est née de la mise en relation autour du besoin « ${params.need ?? ''} », avec « ${params.other ?? ''} ».` }
        : { title: `Charte : version ${params.version ?? ''}` }
    await db.updateTable('alliance_journal_entries').set(values).where('id', '=', row.id).execute()
  }
  // Keys written by other features have no French sentence here: their key is kept as the title.
  await db.updateTable('alliance_journal_entries').set({ title: sql`title_key` }).where('title_key', 'is not', null).where('title', '=', '').execute()
  await db.schema.alterTable('alliance_journal_entries').dropColumn('title_params').execute()
  await db.schema.alterTable('alliance_journal_entries').dropColumn('title_key').execute()
}
