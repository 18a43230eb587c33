/**
 * "Name contains…" filters of the directories, answered by a trigram index of the normalised names
 * (`search_name`): SQLite FTS5 with the `trigram` tokenizer, PostgreSQL `pg_trgm` (migration
 * `2026-12-19T09-00_name_trigrams`, ADR 0010).
 *
 * Why both ways stay: a directory walks its names in order and stops after one page of matches, which is cheap
 * when matches are dense (`asso`: a few dozen names read) and reads every name of the platform when they are
 * rare (`zzzz`: 230 000). The trigram index is the opposite: a rare word costs a few posting lists, a common one
 * every match. So the index is asked first for a bounded number of matches (`NAME_TABLES`); when there are no
 * more, the caller filters and sorts those; when there are more, they are common and the caller walks its names as
 * before.
 */
import { sql, type Kysely } from 'kysely'
import { dialectOf } from '../db/dialect.js'

/**
 * The tables whose `search_name` has a trigram index: (SQLite) the table of names the index reads, and the most
 * matches a directory reads from the index (then looks up by key and sorts) before it walks its names instead.
 *
 * Measured on SQLite at full scale: reading the matches' names from the index costs 2–4 µs per match (counting them
 * there alone, 0.3 µs), the lookups about 2 µs, and a walk in name order 0.1 µs per name read; the walk reads up to
 * every name when the matches sit late in name order.
 * - Organisations: a walk inside a territory also reads each organisation by key to test its name, and words with
 *   1 700–2 000 matches took 15–40 ms to walk against 11–13 ms through the index; 5 000 cost the common words more,
 *   which walk anyway (`/acteurs?q=asso` 272 → 79 requests/s).
 * - Alliances: the directory's index holds the name in every scope, so its walk is the cheap one; the index is only
 *   asked for a few matches, which spares the common words 4–8 ms (`q=mobilite`: 5 533 matches).
 */
const NAME_TABLES = {
  organisations: { names: 'organisation_names', indexedMatches: 2000 },
  alliances: { names: 'alliance_names', indexedMatches: 500 },
} as const

export type NamedTable = keyof typeof NAME_TABLES

/** A needle shorter than this holds no trigram: both indexes would read every name. */
const MIN_TRIGRAM_NEEDLE = 3

/**
 * The rows of `table` (id and normalised name) whose `search_name` contains `needle` (normalised: lower case
 * letters, digits and single spaces), in no order, when there are at most `cap` of them. Null when there are more,
 * or when the needle cannot be answered by trigrams (too short): the caller then filters with `containsNormalised`.
 */
export async function namesContaining(db: Kysely<any>, table: NamedTable, needle: string, cap: number = NAME_TABLES[table].indexedMatches): Promise<NamedRow[] | null> {
  if (needle.length < MIN_TRIGRAM_NEEDLE || !/^[a-z0-9 ]+$/.test(needle)) return null
  const first = sql.lit(cap + 1)
  if (dialectOf(db) === 'postgres') {
    const { rows } = await sql<NamedRow>`select id, search_name from ${sql.table(table)} where search_name like ${`%${needle}%`} limit ${first}`.execute(db)
    return rows.length > cap ? null : rows
  }
  // SQLite: the matches are counted in the trigram index alone, and their names read only when they are few: reading
  // 501 names by key cost 1 ms where counting them costs 0.13 (`q=jardins` over every alliance). A phrase of the
  // trigram tokenizer matches its text as a substring, as `like` does, without testing each match again.
  const names = sql.table(NAME_TABLES[table].names)
  const fts = sql.table(`fts_${NAME_TABLES[table].names}`)
  const phrase = `"${needle}"`
  const { rows: counted } = await sql<{ n: number }>`select count(*) as n from (select rowid from ${fts} where ${fts} match ${phrase} limit ${first})`.execute(db)
  if (Number(counted[0]?.n ?? 0) > cap) return null
  const { rows } = await sql<NamedRow>`select ref_id as id, search_name from ${names} where doc_id in (select rowid from ${fts} where ${fts} match ${phrase})`.execute(db)
  return rows
}

/** A row of a list ordered by name. */
export interface NamedRow {
  id: string
  search_name: string
}

/**
 * The order of every list by name, as the databases sort it (`order by search_name, id` on byte-ordered text):
 * normalised names and ids are ASCII, so comparing UTF-16 code units compares bytes.
 */
export function byName(a: NamedRow, b: NamedRow): number {
  if (a.search_name !== b.search_name) return a.search_name < b.search_name ? -1 : 1
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0
}
