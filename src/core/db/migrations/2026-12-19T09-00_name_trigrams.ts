import { type Kysely, sql } from 'kysely'
import { createRowTrigger, dialectOf, dropRowTrigger, type RowTrigger } from '../dialect.js'

/**
 * A trigram index of the normalised names of organisations and alliances, for the directories' "name
 * contains…" filter (issue 12, ADR 0010, `core/search/names.ts`). Before, a rare word read every name of the
 * platform: at 230 000 organisations, `/acteurs?q=zzzz` answered 29 requests/s with a p99 of 4 s on SQLite.
 *
 * PostgreSQL: a GIN index with `pg_trgm`'s operator class on `search_name`. The extension is created when the
 * database has none (a trusted extension since PostgreSQL 13: the database's owner may create it); when it
 * exists already, in whatever schema, its operator class is named with that schema, so that an application
 * running in its own schema (`search_path`) uses the database's one extension.
 *
 * SQLite: an FTS5 `trigram` table. FTS5 refers to rows by integer, and a table keyed by text may renumber its
 * rowids on VACUUM, so each table gets a table of names numbered by the database (`doc_id`, as
 * `search_documents`), kept by triggers on the table, which the FTS5 index follows by its own triggers.
 */
const TABLES = [
  { table: 'organisations', names: 'organisation_names' },
  { table: 'alliances', names: 'alliance_names' },
] as const

/** The triggers that keep a table of names in step with its table (SQLite only). */
function namesTriggers(table: string, names: string): RowTrigger[] {
  return [
    { name: `${names}_add`, table, events: ['insert'], statement: () => `insert into ${names} (ref_id, search_name) values (new.id, new.search_name)` },
    { name: `${names}_rename`, table, events: ['update'], columns: ['search_name'], statement: () => `update ${names} set search_name = new.search_name where ref_id = new.id` },
    { name: `${names}_remove`, table, events: ['delete'], statement: () => `delete from ${names} where ref_id = old.id` },
  ]
}

async function trigramSchema(db: Kysely<any>): Promise<string | undefined> {
  const { rows } = await sql<{ schema: string }>`select n.nspname as schema from pg_extension e join pg_namespace n on n.oid = e.extnamespace where e.extname = 'pg_trgm'`.execute(db)
  return rows[0]?.schema
}

export async function up(db: Kysely<any>): Promise<void> {
  if (dialectOf(db) === 'postgres') {
    if ((await trigramSchema(db)) === undefined) await sql`create extension if not exists pg_trgm`.execute(db)
    const schema = (await trigramSchema(db)) as string
    for (const { table } of TABLES) {
      await sql`create index ${sql.id(`${table}_name_trigrams_idx`)} on ${sql.table(table)} using gin (search_name ${sql.id(schema, 'gin_trgm_ops')})`.execute(db)
    }
    return
  }
  for (const { table, names } of TABLES) {
    await sql`create table ${sql.table(names)} (doc_id integer primary key, ref_id text not null unique, search_name text not null)`.execute(db)
    await sql`insert into ${sql.table(names)} (ref_id, search_name) select id, search_name from ${sql.table(table)}`.execute(db)
    await sql.raw(`create virtual table fts_${names} using fts5(search_name, content='${names}', content_rowid='doc_id', tokenize='trigram')`).execute(db)
    await sql.raw(`insert into fts_${names} (fts_${names}) values ('rebuild')`).execute(db)
    await sql.raw(`create trigger fts_${names}_ai after insert on ${names} begin insert into fts_${names} (rowid, search_name) values (new.doc_id, new.search_name); end`).execute(db)
    await sql.raw(`create trigger fts_${names}_ad after delete on ${names} begin insert into fts_${names} (fts_${names}, rowid, search_name) values ('delete', old.doc_id, old.search_name); end`).execute(db)
    await sql
      .raw(
        `create trigger fts_${names}_au after update of search_name on ${names} begin
          insert into fts_${names} (fts_${names}, rowid, search_name) values ('delete', old.doc_id, old.search_name);
          insert into fts_${names} (rowid, search_name) values (new.doc_id, new.search_name); end`,
      )
      .execute(db)
    for (const trigger of namesTriggers(table, names)) await createRowTrigger(db, trigger)
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  if (dialectOf(db) === 'postgres') {
    for (const { table } of TABLES) await sql`drop index if exists ${sql.id(`${table}_name_trigrams_idx`)}`.execute(db)
    return
  }
  for (const { table, names } of TABLES) {
    for (const trigger of namesTriggers(table, names)) await dropRowTrigger(db, trigger)
    await sql.raw(`drop table if exists fts_${names}`).execute(db)
    await sql`drop table ${sql.table(names)}`.execute(db)
  }
}
