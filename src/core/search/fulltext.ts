/**
 * Full-text search behind one module: SQLite FTS5 or PostgreSQL `tsvector` with the French configuration,
 * over one table of documents (`search_documents`: a kind, the id of the object it stands for, its text).
 *
 * Why one table: features index what they publish (a need, a resource, an actor) with `indexDocuments` and
 * search them with `searchDocuments(kind, { text, facets })`, which answers text and filters (facets) from
 * the index alone; the dialect difference lives here only.
 *
 * Accents and plurals do not matter: texts and queries go through `searchableText` (lower case, accents and
 * punctuation removed, a final plural `s`/`x` dropped) before either database sees them; SQLite's tokenizer
 * also removes diacritics, PostgreSQL's French configuration also stems. Every query word is a prefix
 * ("associ" finds "associations"), and all words must be present. On both databases a prefix is expanded to
 * the lexemes that exist (`search_lexemes`, kept by `indexDocuments`: PostgreSQL's French stems, SQLite's words)
 * and matched exactly, which GIN and FTS5 answer by skipping through the rarest list, far faster than a prefix
 * query (both read every list of the prefix in full).
 *
 * Filters are facets: each document lists the values it can be filtered on (`territory:departement:94`,
 * `status:ouvert`…), stored as tokens of a second indexed column, so that text and filters are answered by one
 * intersection inside the full-text index (never by walking every text hit). Results come newest-indexed
 * first; counts stop at a cap.
 */
import { sql, type Generated, type Kysely, type Transaction } from 'kysely'
import { autoIntegerType, dialectOf, prefixUpperBound } from '../db/dialect.js'
import { normaliseText } from '../text/normalise.js'

export interface SearchDocumentsTable {
  /** assigned by the database; the SQLite full-text index refers to documents by this number */
  doc_id: Generated<number>
  kind: string
  ref_id: string
  content: string
  /** facet tokens, space-separated (see `facetToken`) */
  facets: string
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
 * French `tsvector` of the content (since migration `2026-11-28T10-00_search_vector`, a stored column).
 */
export async function createFullTextIndex(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('search_documents')
    .addColumn('doc_id', autoIntegerType(db), (c) => c.primaryKey().notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('ref_id', 'text', (c) => c.notNull())
    .addColumn('content', 'text', (c) => c.notNull())
    .addColumn('facets', 'text', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('search_documents_ref_uq').on('search_documents').columns(['kind', 'ref_id']).unique().execute()
  if (dialectOf(db) === 'postgres') {
    await sql`create index search_documents_fts_idx on search_documents using gin ((to_tsvector('french', content) || to_tsvector('simple', facets)))`.execute(db)
    return
  }
  await sql`create virtual table fts_search using fts5(content, facets, content='search_documents', content_rowid='doc_id', tokenize='unicode61 remove_diacritics 2')`.execute(db)
  await sql`create trigger fts_search_ai after insert on search_documents begin insert into fts_search(rowid, content, facets) values (new.doc_id, new.content, new.facets); end`.execute(db)
  await sql`create trigger fts_search_ad after delete on search_documents begin insert into fts_search(fts_search, rowid, content, facets) values ('delete', old.doc_id, old.content, old.facets); end`.execute(db)
}

export async function dropFullTextIndex(db: Kysely<any>): Promise<void> {
  if (dialectOf(db) === 'sqlite') await sql`drop table if exists fts_search`.execute(db)
  await db.schema.dropTable('search_documents').execute()
}

/**
 * The token of a facet value, e.g. `facetToken('territory', 'departement:94')` → `fterritorydepartement94`:
 * letters and digits only, so both tokenizers keep it whole; the `f` prefix keeps it apart from words.
 */
export function facetToken(name: string, value: string | number): string {
  return `f${name}${value}`.toLowerCase().replace(/[^a-z0-9]/g, '')
}

export interface SearchDocument {
  kind: string
  id: string
  /** The raw text (title, description…); normalised here. */
  text: string
  /** Facet values the document can be filtered on, as `[name, value]` pairs. */
  facets?: Array<[string, string | number]>
}

/**
 * The facet tokens of a document: its kind, and each facet scoped by the kind (`fneedstatusouvert`), so that a
 * filtered search needs no kind token — the kind token, held by every document of a kind, has the longest
 * list of the index and is only used when nothing else narrows the search.
 */
function facetsOf(document: SearchDocument): string {
  return [facetToken('kind', document.kind), ...(document.facets ?? []).map(([name, value]) => facetToken(`${document.kind}${name}`, value))].join(' ')
}

/**
 * Adds or replaces documents (inside the caller's transaction when given one). A replaced document is
 * deleted and inserted again, so it counts as the newest.
 */
export async function indexDocuments(db: AnyDb, documents: SearchDocument[]): Promise<void> {
  const kdb = db as Kysely<SearchTables>
  for (let i = 0; i < documents.length; i += 400) {
    const batch = documents.slice(i, i + 400)
    for (const kind of new Set(batch.map((d) => d.kind))) {
      await kdb.deleteFrom('search_documents').where('kind', '=', kind).where('ref_id', 'in', batch.filter((d) => d.kind === kind).map((d) => d.id)).execute()
    }
    const rows = batch.map((d) => ({ kind: d.kind, ref_id: d.id, content: searchableText(d.text), facets: facetsOf(d) }))
    await kdb.insertInto('search_documents').values(rows).execute()
    if (dialectOf(kdb) === 'postgres') {
      await sql`insert into search_lexemes (lexeme)
        select distinct unnest(tsvector_to_array(to_tsvector('french', c))) from unnest(${rows.map((r) => r.content)}::text[]) as c
        on conflict do nothing`.execute(kdb)
    } else {
      // The content is normalised (letters and digits between single spaces): its words are FTS5's tokens.
      const words = [...new Set(rows.flatMap((r) => r.content.split(' ')).filter((w) => w !== ''))]
      for (let j = 0; j < words.length; j += 500) {
        await sql`insert into search_lexemes (lexeme) values ${sql.join(words.slice(j, j + 500).map((w) => sql`(${w})`))} on conflict do nothing`.execute(kdb)
      }
    }
  }
}

/** A prefix that stands for more lexemes than this is searched as a prefix instead of being expanded. */
const MAX_EXPANSION = 64

/** A searched word (on PostgreSQL its French stem) and the lexemes of the corpus that begin with it. */
interface Expansion {
  stem: string
  lexemes: string[]
}

/**
 * Each searched word with the lexemes of the corpus that begin with it (`search_lexemes`), at most
 * MAX_EXPANSION + 1 of them: on PostgreSQL each word's French stem (stop words have none), on SQLite the word
 * itself. Null when some word begins no lexeme (nothing can match); an empty list when no word is searchable.
 */
async function expansions(db: Kysely<any>, words: string[]): Promise<Expansion[] | null> {
  const first = sql`order by lexeme limit ${sql.lit(MAX_EXPANSION + 1)}`
  const postgres = dialectOf(db) === 'postgres'
  const stems = postgres ? [] : [...new Set(words)]
  const { rows } = postgres
    ? await sql<{ stem: string; lexeme: string | null }>`
        select s.stem, l.lexeme
        from unnest(tsvector_to_array(to_tsvector('french', ${words.join(' ')}))) as s(stem)
        left join lateral (select lexeme from search_lexemes where lexeme >= s.stem and lexeme < s.stem || chr(1114111) ${first}) l on true`.execute(db)
    : await sql<{ stem: string; lexeme: string }>`${sql.join(
        stems.map((w) => sql`select ${w} as stem, lexeme from (select lexeme from search_lexemes where lexeme >= ${w} and lexeme < ${prefixUpperBound(w)} ${first})`),
        sql` union all `,
      )}`.execute(db)
  const byStem = new Map<string, string[]>(stems.map((w) => [w, []]))
  for (const r of rows) byStem.set(r.stem, [...(byStem.get(r.stem) ?? []), ...(r.lexeme === null ? [] : [r.lexeme])])
  const found = [...byStem].map(([stem, lexemes]) => ({ stem, lexemes }))
  return found.some((f) => f.lexemes.length === 0) ? null : found
}

/** A prefix that begins more lexemes than MAX_EXPANSION is searched as a prefix; otherwise its lexemes exactly. */
function expanded<T>(stems: Expansion[], prefix: (stem: string) => T, oneOf: (lexemes: string[]) => T): T[] {
  return stems.map(({ stem, lexemes }) => (lexemes.length > MAX_EXPANSION ? prefix(stem) : oneOf(lexemes)))
}

/** PostgreSQL: the text part of a query as a `tsquery` of exact lexemes, e.g. `(jeun | jeuness) & insert`. */
function tsQuery(stems: Expansion[]): string {
  const quote = (lexeme: string) => `'${lexeme.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`
  return expanded(
    stems,
    (stem) => `${quote(stem)}:*`,
    (lexemes) => `(${lexemes.map(quote).join(' | ')})`,
  ).join(' & ')
}

/** SQLite: the text part of an FTS5 query on the content column, e.g. `content:("jeun" OR "jeunesse")`. */
function ftsQuery(stems: Expansion[]): string[] {
  return expanded(
    stems,
    (stem) => `content:"${stem}"*`,
    (lexemes) => `content:(${lexemes.map((l) => `"${l}"`).join(' OR ')})`,
  )
}

/** Removes a document (no error when absent). */
export async function removeDocument(db: AnyDb, kind: string, id: string): Promise<void> {
  await (db as Kysely<SearchTables>).deleteFrom('search_documents').where('kind', '=', kind).where('ref_id', '=', id).execute()
}

export interface SearchQuery {
  /** What people typed (may be empty). */
  text?: string
  /** Every facet must be present (AND). */
  facets: Array<[string, string | number]>
}

export interface SearchResult {
  ids: string[]
  /** Matches counted up to `cap`. */
  total: number
  capped: boolean
}

/**
 * The ids of documents of `kind` holding every word of `text` (as prefixes) and every facet, newest first,
 * one page at a time, with the number of matches counted up to `cap`. Both the text and the facets are
 * answered by the full-text index alone.
 */
export async function searchDocuments(db: AnyDb, kind: string, query: SearchQuery, page: { limit: number; offset: number; cap: number }): Promise<SearchResult> {
  const words = queryWords(query.text ?? '')
  const facets = query.facets.length > 0 ? query.facets.map(([name, value]) => facetToken(`${kind}${name}`, value)) : [facetToken('kind', kind)]
  const kdb = db as Kysely<any>
  // One evaluation of the match: the newest `cap + 1` matching documents give both the count and the page.
  const stems = words.length > 0 ? await expansions(kdb, words) : []
  if (stems === null) return { ids: [], total: 0, capped: false }
  if (dialectOf(kdb) === 'postgres') {
    const text = stems.length === 0 ? sql`` : sql`${tsQuery(stems)}::tsquery && `
    const { rows } = await sql<{ ref_id: string }>`select ref_id from search_documents where search_vector @@ (${text}to_tsquery('simple', ${facets.join(' & ')})) order by doc_id desc limit ${sql.lit(page.cap + 1)}`.execute(kdb)
    return { ids: rows.slice(page.offset, page.offset + page.limit).map((r) => r.ref_id), total: Math.min(rows.length, page.cap), capped: rows.length > page.cap }
  }
  const match = [...ftsQuery(stems), ...facets.map((f) => `facets:"${f}"`)].join(' AND ')
  const { rows: docs } = await sql<{ doc_id: number }>`select rowid as doc_id from fts_search where fts_search match ${match} order by rowid desc limit ${sql.lit(page.cap + 1)}`.execute(kdb)
  const wanted = docs.slice(page.offset, page.offset + page.limit).map((d) => Number(d.doc_id))
  const result = { total: Math.min(docs.length, page.cap), capped: docs.length > page.cap }
  if (wanted.length === 0) return { ids: [], ...result }
  const refs = await (kdb as Kysely<SearchTables>).selectFrom('search_documents').select(['doc_id', 'ref_id']).where('doc_id', 'in', wanted).execute()
  const byDoc = new Map(refs.map((r) => [Number(r.doc_id), r.ref_id]))
  return { ids: wanted.map((d) => byDoc.get(d)).filter((id): id is string => id !== undefined), ...result }
}
