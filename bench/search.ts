/**
 * `npm run bench:search` — territory search on the full geography: 1 000 varied queries (whole names with
 * and without accents, prefixes, inner words, "st" abbreviations, postal and INSEE codes, départements),
 * deterministic. Prints one JSON object: queries, p50_ms, p95_ms (and the same on PostgreSQL when
 * BENCH_PG_URL is set).
 */
import { connect } from '../src/core/db/connect.js'
import type { Database } from '../src/database.js'
import { setupDatabase } from '../src/setup.js'
import { readGeographySource, searchTerritories } from '../src/features/territories/index.js'
import { seededRandom } from '../src/core/random.js'
import { benchDatabase, percentile, round } from './data.js'
import type { Kysely } from 'kysely'

function queries(count: number): string[] {
  const source = readGeographySource()
  const random = seededRandom(42)
  const pick = <T>(list: T[]): T => list[Math.floor(random() * list.length)] as T
  const strip = (s: string) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '')
  const out: string[] = []
  while (out.length < count) {
    const c = pick(source.communes)
    const r = random()
    if (r < 0.25) out.push(c.nom)
    else if (r < 0.4) out.push(strip(c.nom).toLowerCase().replace(/-/g, ' '))
    else if (r < 0.55) out.push(c.nom.slice(0, 3 + Math.floor(random() * 4)))
    else if (r < 0.65) out.push(c.nom.split(/[- ']/).pop() ?? c.nom)
    else if (r < 0.72) out.push(c.nom.replace(/^Saint-/, 'st ').replace(/^Sainte-/, 'ste '))
    else if (r < 0.84) out.push(c.codesPostaux?.[0] ?? c.code)
    else if (r < 0.92) out.push(c.code)
    else out.push(pick(source.departements).nom)
  }
  return out
}

async function measure(db: Kysely<Database>, list: string[]) {
  for (const q of list.slice(0, 50)) await searchTerritories(db, q) // warm-up
  const times: number[] = []
  let empty = 0
  for (const q of list) {
    const start = performance.now()
    const rows = await searchTerritories(db, q)
    times.push(performance.now() - start)
    if (rows.length === 0) empty++
  }
  return { p50_ms: round(percentile(times, 50), 3), p95_ms: round(percentile(times, 95), 3), max_ms: round(Math.max(...times), 3), empty_results: empty }
}

const list = queries(1000)
const sqlite = await benchDatabase('geography', { demo: false })
const result: Record<string, unknown> = { queries: list.length, database: 'sqlite', ...(await measure(sqlite.db.kysely, list)) }
await sqlite.db.close()

const pgUrl = process.env.BENCH_PG_URL
if (pgUrl) {
  const pg = connect<Database>({ dialect: 'postgres', url: pgUrl, poolSize: 4 })
  await setupDatabase(pg.kysely, { demo: false, sessionIdleMinutes: 120 })
  result.postgres = await measure(pg.kysely, list)
  await pg.close()
}
console.log(JSON.stringify(result))
