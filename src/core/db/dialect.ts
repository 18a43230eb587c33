/**
 * The only place where SQLite and PostgreSQL differ. Queries and migrations ask here instead of branching
 * on their own, so a new difference is added once and tested on both dialects.
 */
import { PostgresAdapter, sql, type Expression, type Kysely, type RawBuilder, type SqlBool } from 'kysely'
import type { Dialect } from './connect.js'

/** Which dialect a Kysely instance speaks (works on a transaction too). */
export function dialectOf(db: Kysely<any>): Dialect {
  return db.getExecutor().adapter instanceof PostgresAdapter ? 'postgres' : 'sqlite'
}

/**
 * Column type for text compared byte by byte. Prefix searches use `term >= q AND term < q || '\uffff'`,
 * which needs a binary collation: SQLite's default is binary; PostgreSQL's database collation usually
 * is not (it would ignore spaces and break the range), so we ask for "C".
 */
export function binaryTextType(db: Kysely<any>): RawBuilder<unknown> {
  return dialectOf(db) === 'postgres' ? sql`text collate "C"` : sql`text`
}

/** Upper bound of a prefix range over binary-collated text: every string starting with `prefix` is below it. */
export function prefixUpperBound(prefix: string): string {
  return prefix + '\uffff'
}

/** Case-insensitive "contains" on a column holding already-normalised text (lowercase, no accents). */
export function containsNormalised(column: Expression<string>, needle: string): RawBuilder<SqlBool> {
  const escaped = needle.replace(/[\\%_]/g, (c) => '\\' + c)
  return sql<SqlBool>`${column} like ${'%' + escaped + '%'} escape '\\'`
}

/**
 * `column` is one of `values`, written so that the statement's text does not depend on how many values there
 * are (PostgreSQL `= any($1)`, SQLite `in (select value from json_each(?))`): an `in ($1, …, $n)` list would
 * make one named statement (PostgreSQL) or cached statement (SQLite) per length. For lists of ids read by
 * primary key; the values are text.
 */
export function isOneOf(db: Kysely<any>, column: Expression<string>, values: readonly string[]): RawBuilder<SqlBool> {
  return dialectOf(db) === 'postgres'
    ? sql<SqlBool>`${column} = any(${[...values]}::text[])`
    : sql<SqlBool>`${column} in (select value from json_each(${JSON.stringify(values)}))`
}

/** True when `error` is a unique-constraint violation, on either dialect (for races the pre-check missed). */
export function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code
  return code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || code === '23505'
}

/**
 * Locks the selected rows until the end of the transaction on PostgreSQL (`FOR UPDATE`), for read-then-write
 * checks under concurrency. SQLite needs nothing: a write transaction already serialises the whole database.
 */
export function lockForUpdate<QB extends { forUpdate(): QB }>(db: Kysely<any>, query: QB): QB {
  return dialectOf(db) === 'postgres' ? query.forUpdate() : query
}

/**
 * Column type of an application-generated integer key that the database numbers itself (SQLite: an
 * `integer primary key`, the stable rowid; PostgreSQL: `serial`). Used where another index refers to rows by
 * number (the SQLite full-text index points at its documents' rowids, which must survive a VACUUM).
 */
export function autoIntegerType(db: Kysely<any>): 'integer' | 'serial' {
  return dialectOf(db) === 'postgres' ? 'serial' : 'integer'
}

/**
 * Refreshes the planner's statistics after a bulk load (SQLite `analyze`; PostgreSQL `vacuum analyze`, which
 * also marks pages all-visible so that covering indexes answer without reading the table).
 */
export async function refreshStatistics(db: Kysely<any>): Promise<void> {
  if (dialectOf(db) === 'postgres') await sql`vacuum analyze`.execute(db)
  else await sql`analyze`.execute(db)
}

export type RowEvent = 'insert' | 'update' | 'delete'

export interface RowTrigger {
  /** Unique name (the PostgreSQL function is `<name>_fn`; SQLite gets one trigger per event, `<name>_<event>`). */
  name: string
  table: string
  events: RowEvent[]
  /** For `update`: only when one of these columns is assigned (all updates when absent). */
  columns?: string[]
  /**
   * One SQL statement run for each changed row, written for both dialects, given the row to read: `new` after an
   * insert or update, `old` after a delete (e.g. `row => \`insert into d (k) values (${row}.k) on conflict do nothing\``).
   */
  statement: (row: 'new' | 'old') => string
}

/**
 * Creates a row-level trigger after writes on `table`: SQLite runs the statement in a trigger per event;
 * PostgreSQL in a PL/pgSQL function called by one trigger. Used by derived summaries that must learn about
 * writes made by other features (a feature's services are not the only writers: imports, the demo, a bulk load).
 */
export async function createRowTrigger(db: Kysely<any>, trigger: RowTrigger): Promise<void> {
  const on = (event: RowEvent) => (event === 'update' && trigger.columns ? `update of ${trigger.columns.join(', ')}` : event)
  if (dialectOf(db) === 'postgres') {
    const body = trigger.events.includes('delete')
      ? `if (tg_op = 'DELETE') then ${trigger.statement('old')}; else ${trigger.statement('new')}; end if;`
      : `${trigger.statement('new')};`
    await sql.raw(`create function ${trigger.name}_fn() returns trigger language plpgsql as $$ begin ${body} return null; end $$`).execute(db)
    await sql.raw(`create trigger ${trigger.name} after ${trigger.events.map(on).join(' or ')} on ${trigger.table} for each row execute function ${trigger.name}_fn()`).execute(db)
    return
  }
  for (const event of trigger.events) {
    await sql.raw(`create trigger ${trigger.name}_${event} after ${on(event)} on ${trigger.table} for each row begin ${trigger.statement(event === 'delete' ? 'old' : 'new')}; end`).execute(db)
  }
}

/** Drops what `createRowTrigger` created (for a migration's `down`). */
export async function dropRowTrigger(db: Kysely<any>, trigger: Pick<RowTrigger, 'name' | 'table' | 'events'>): Promise<void> {
  if (dialectOf(db) === 'postgres') {
    await sql.raw(`drop trigger if exists ${trigger.name} on ${trigger.table}`).execute(db)
    await sql.raw(`drop function if exists ${trigger.name}_fn()`).execute(db)
    return
  }
  for (const event of trigger.events) await sql.raw(`drop trigger if exists ${trigger.name}_${event}`).execute(db)
}

/**
 * The end of a `create table` whose rows are stored in primary-key order (SQLite `without rowid`), for tables
 * read by ranges of their key: a range then reads contiguous rows instead of one index lookup per row.
 * PostgreSQL stores rows in a heap either way (nothing to add).
 */
export function clusteredByPrimaryKey(db: Kysely<any>): RawBuilder<unknown> {
  return dialectOf(db) === 'sqlite' ? sql`without rowid` : sql``
}
