/**
 * Full-text search behind one module: SQLite FTS5 or PostgreSQL `tsvector` with the French configuration,
 * over one table of documents (`search_documents`: a kind, the id of the object it stands for, its text).
 *
 * Why one table: features index what they publish (a need, a resource, an actor) with `indexDocuments` and
 * filter their own tables with `matchingIds(kind, query)` as a subquery, so every filter stays in the
 * feature's SQL and the dialect difference lives here only.
 *
 * Accents and plurals do not matter: texts and queries go through `searchableText` (lower case, accents and
 * punctuation removed, a final plural `s`/`x` dropped) before either database sees them; SQLite's tokenizer
 * also removes diacritics, PostgreSQL's French configuration also stems. Every query word is a prefix
 * ("associ" finds "associations"), and all words must be present.
 */
import { sql, type Generated, type Kysely, type RawBuilder, type Transaction } from 'kysely'
import { autoIntegerType, dialectOf } from '../db/dialect.js'
import { normaliseText } from '../text/normalise.js'

export interface SearchDocumentsTable {
  /** assigned by the database; the SQLite full-text index refers to documents by this number */
  doc_id: Generated<number>
  kind: string
  ref_id: string
  content: string
}

export interface SearchTables {
  search_documents: SearchDocumentsTable
}

type AnyDb = Kysely<any> | Transaction<any>

/** Lower case, no accents or punctuation, final plural `s`/`x` of words longer than 3 letters removed. */
export function searchableText(raw: string): string {
  return normaliseText(raw)
    .split(' ')
    .map((word) => (word.length > 3 && /[sx]$/.test(word) && !word.endsWith('ss') ? word.slice(0, -1) : word))
    .join(' ')
}

/** The words of a query, as searched (at most 8; empty when nothing searchable was typed). */
export function queryWords(query: string): string[] {
  return searchableText(query)
    .split(' ')
    .filter((w) => w.length > 0)
    .slice(0, 8)
}

/**
 * Creates the documents table and its full-text index (called by a migration; frozen behaviour).
 * SQLite: an FTS5 index with external content kept in step by triggers. PostgreSQL: a GIN index on the
 * French `tsvector` of the content.
 */
export async function createFullTextIndex(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('search_documents')
    .addColumn('doc_id', autoIntegerType(db), (c) => c.primaryKey().notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('ref_id', 'text', (c) => c.notNull())
    .addColumn('content', 'text', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('search_documents_ref_uq').on('search_documents').columns(['kind', 'ref_id']).unique().execute()
  if (dialectOf(db) === 'postgres') {
    await sql`create index search_documents_fts_idx on search_documents using gin (to_tsvector('french', content))`.execute(db)
    return
  }
  await sql`create virtual table fts_search using fts5(content, content='search_documents', content_rowid='doc_id', tokenize='unicode61 remove_diacritics 2')`.execute(db)
  await sql`create trigger fts_search_ai after insert on search_documents begin insert into fts_search(rowid, content) values (new.doc_id, new.content); end`.execute(db)
  await sql`create trigger fts_search_ad after delete on search_documents begin insert into fts_search(fts_search, rowid, content) values ('delete', old.doc_id, old.content); end`.execute(db)
  await sql`create trigger fts_search_au after update on search_documents begin insert into fts_search(fts_search, rowid, content) values ('delete', old.doc_id, old.content); insert into fts_search(rowid, content) values (new.doc_id, new.content); end`.execute(db)
}

export async function dropFullTextIndex(db: Kysely<any>): Promise<void> {
  if (dialectOf(db) === 'sqlite') await sql`drop table if exists fts_search`.execute(db)
  await db.schema.dropTable('search_documents').execute()
}

export interface SearchDocument {
  kind: string
  id: string
  /** The raw text (title, description…); normalised here. */
  text: string
}

/** Adds or replaces documents (inside the caller's transaction when given one). */
export async function indexDocuments(db: AnyDb, documents: SearchDocument[]): Promise<void> {
  const kdb = db as Kysely<SearchTables>
  for (let i = 0; i < documents.length; i += 500) {
    const batch = documents.slice(i, i + 500).map((d) => ({ kind: d.kind, ref_id: d.id, content: searchableText(d.text) }))
    await kdb
      .insertInto('search_documents')
      .values(batch)
      .onConflict((oc) => oc.columns(['kind', 'ref_id']).doUpdateSet((eb) => ({ content: eb.ref('excluded.content') })))
      .execute()
  }
}

/** Removes a document (no error when absent). */
export async function removeDocument(db: AnyDb, kind: string, id: string): Promise<void> {
  await (db as Kysely<SearchTables>).deleteFrom('search_documents').where('kind', '=', kind).where('ref_id', '=', id).execute()
}

/**
 * A subquery of the `ref_id`s of `kind` whose text holds every word of `query` (as prefixes), for
 * `where('needs.id', 'in', matchingIds(db, 'need', q))`. Returns null when the query has no searchable word
 * (then the caller applies no text filter).
 */
export function matchingIds(db: AnyDb, kind: string, query: string): RawBuilder<string> | null {
  const words = queryWords(query)
  if (words.length === 0) return null
  if (dialectOf(db as Kysely<any>) === 'postgres') {
    const tsquery = words.map((w) => `${w}:*`).join(' & ')
    return sql<string>`(select ref_id from search_documents where kind = ${kind} and to_tsvector('french', content) @@ to_tsquery('french', ${tsquery}))`
  }
  const match = words.map((w) => `"${w}"*`).join(' ')
  return sql<string>`(select ref_id from search_documents where kind = ${kind} and doc_id in (select rowid from fts_search where fts_search match ${match}))`
}
