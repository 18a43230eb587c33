/**
 * `npm run bench:matching` — matching and search on the scale dataset (`alliance demo scale`), on SQLite
 * always and on PostgreSQL when BENCH_PG_URL is set. Prints one JSON line per database with:
 * - `p95_ms`: matches for a need (load the need, rank the top 20 through the indexes), over 500 open needs
 *   drawn across all territory levels (100 each: commune, EPCI, EPT, département, région), on 1 000 000
 *   resources; `p95_ms_at_100k`: the same on a 10× smaller dataset;
 * - `fullscan_p95_ms` and `same_top20`: the same rankings computed by scoring every resource, for 25 of
 *   those needs (5 per level), and whether the top 20 are identical;
 * - `search_p95_ms`: 200 full-text searches with filters (territory, status or contribution type);
 * - `generate_rows_per_s`: organisations + needs + resources written per second when the dataset was built;
 * - `peak_rss_mb`: the peak resident memory (VmHWM) of a real server process on the 1M dataset answering
 *   200 match requests and 100 searches over HTTP (loopback).
 * Datasets are built once under bench/.data/ (SQLite) or in BENCH_PG_URL's database (and `<db>_100k`), and
 * reused. BENCH_SCALE=0.1 builds and measures a smaller set (for a quick look).
 */
import { existsSync, mkdirSync, rmSync } from 'node:fs'
import type { Kysely } from 'kysely'
import pg from 'pg'
import { connect, type Db } from '../src/core/db/connect.js'
import { nowIso } from '../src/core/db/values.js'
import type { Database } from '../src/database.js'
import { fullScanResourcesForNeed, generateScaleData, listNeeds, listResources, loadNeedSides, matchResourcesForNeed } from '../src/features/listening/index.js'
import { setupDatabase } from '../src/setup.js'
import { BENCH_DIR, percentile, round } from './data.js'
import { residentMb, startServer, stopServer } from './server.js'

const SCALE = Number(process.env.BENCH_SCALE ?? 1)
const FULL = { organisations: Math.round(200_000 * SCALE), resources: Math.round(1_000_000 * SCALE), needs: Math.round(300_000 * SCALE) }
const SMALL = { organisations: Math.round(FULL.organisations / 10), resources: Math.round(FULL.resources / 10), needs: Math.round(FULL.needs / 10) }
const NOW = new Date('2026-11-01T00:00:00Z')
const LEVELS = ['commune', 'epci', 'ept', 'departement', 'region'] as const
const WORDS = ['jardin', 'numerique', 'benevoles', 'outils', 'sante', 'jeunes', 'insertion', 'vehicule', 'ordinateurs', 'energie', 'logement', 'culture', 'mentorat', 'salle', 'formation', 'alimentaire']

type Size = typeof FULL

function log(message: string) {
  process.stderr.write(`${message}\n`)
}

async function ensureDataset(db: Db<Database>, size: Size, label: string): Promise<number> {
  const key = `bench_scale:${JSON.stringify(size)}`
  const meta = await db.kysely.selectFrom('app_meta').select('value').where('key', '=', key).executeTakeFirst()
  if (meta) return Number(meta.value)
  const any = await db.kysely.selectFrom('resources').select('id').limit(1).executeTakeFirst()
  if (any) throw new Error(`${label}: the database holds other data; remove it to rebuild`)
  log(`${label}: generating ${size.organisations} organisations, ${size.resources} resources, ${size.needs} needs…`)
  let last = 0
  const report = await generateScaleData(db.kysely, {
    ...size,
    progress: (step, done, total) => {
      if (Date.now() - last > 5000 || done === total) {
        last = Date.now()
        log(`  ${step} ${done}/${total}`)
      }
    },
  })
  log(`${label}: ${Math.round(report.rowsPerSecond)} rows/s`)
  await db.kysely.insertInto('app_meta').values({ key, value: String(report.rowsPerSecond), updated_at: nowIso() }).execute()
  return report.rowsPerSecond
}

/** 100 open needs per territory level (fewer if the level has fewer), spread over the table. */
async function sampleNeeds(db: Kysely<Database>, perLevel: number): Promise<string[]> {
  const ids: string[] = []
  for (const kind of LEVELS) {
    const rows = await db
      .selectFrom('needs')
      .innerJoin('territories', 'territories.id', 'needs.territory_id')
      .select('needs.id')
      .where('territories.kind', '=', kind)
      .where('needs.status', 'in', ['ouvert', 'en_discussion'])
      .orderBy('needs.id')
      .limit(perLevel * 40)
      .execute()
    const step = Math.max(1, Math.floor(rows.length / perLevel))
    for (let i = 0; i < rows.length && ids.length < (LEVELS.indexOf(kind) + 1) * perLevel; i += step) ids.push(rows[i]!.id)
  }
  return ids
}

async function timeMatches(db: Kysely<Database>, ids: string[]): Promise<number[]> {
  const run = async (id: string) => {
    const need = (await loadNeedSides(db, [id])).get(id)!
    return matchResourcesForNeed(db, need, { limit: 20, now: NOW })
  }
  for (const id of ids.slice(0, 20)) await run(id)
  const times: number[] = []
  for (const id of ids) {
    const started = performance.now()
    await run(id)
    times.push(performance.now() - started)
  }
  return times
}

async function fullScan(db: Kysely<Database>, ids: string[]) {
  const times: number[] = []
  let same = true
  for (const id of ids) {
    const need = (await loadNeedSides(db, [id])).get(id)!
    const indexed = await matchResourcesForNeed(db, need, { limit: 20, now: NOW })
    const started = performance.now()
    const scanned = await fullScanResourcesForNeed(db, need, { limit: 20, now: NOW })
    times.push(performance.now() - started)
    if (JSON.stringify(indexed) !== JSON.stringify(scanned)) same = false
  }
  return { times, same }
}

async function searches(db: Kysely<Database>, needIds: string[]): Promise<number[]> {
  const places = await db.selectFrom('needs').select(['terr_commune_id', 'terr_departement_id', 'terr_region_id']).where('id', 'in', needIds.slice(0, 200)).execute()
  const territories = places.flatMap((p) => [p.terr_departement_id, p.terr_region_id, p.terr_commune_id]).filter((t): t is string => t !== null)
  const times: number[] = []
  for (let i = 0; i < 220; i++) {
    const text = `${WORDS[i % WORDS.length]}${i % 3 === 0 ? ` ${WORDS[(i * 7 + 3) % WORDS.length]}` : ''}`
    const territoryId = territories[(i * 13) % territories.length]
    const started = performance.now()
    if (i % 2 === 0) await listNeeds(db, { text, territoryId, status: 'ouvert' }, 1, 20)
    else await listResources(db, { text, territoryId, contributionType: i % 4 === 1 ? 'benevolat' : undefined }, 1, 20)
    if (i >= 20) times.push(performance.now() - started)
  }
  return times
}

/** A real server on the dataset, 200 match requests and 100 searches over HTTP; its peak RSS in MB. */
async function serverPeakRss(databaseUrl: string, needIds: string[]): Promise<number> {
  const { child, url } = await startServer({ ALLIANCE_DATA_DIR: BENCH_DIR, DATABASE_URL: databaseUrl, ALLIANCE_DEMO: '0' })
  try {
    for (const id of needIds.slice(0, 200)) {
      const res = await fetch(`${url}/api/v1/needs/${id}/matches`)
      if (res.status !== 200) throw new Error(`matches answered ${res.status}`)
      await res.arrayBuffer()
    }
    for (let i = 0; i < 100; i++) {
      const res = await fetch(`${url}/api/v1/resources?q=${WORDS[i % WORDS.length]}&territory=departement:${String((i % 95) + 1).padStart(2, '0')}`)
      await res.arrayBuffer()
    }
    return residentMb(child.pid, 'VmHWM')
  } finally {
    await stopServer(child)
  }
}

async function measure(database: string, big: Db<Database>, small: Db<Database>, bigUrl: string, rates: number[]) {
  const ids = await sampleNeeds(big.kysely, 100)
  log(`${database}: ${ids.length} needs sampled; timing matches at ${FULL.resources}…`)
  const atFull = await timeMatches(big.kysely, ids)
  const smallIds = await sampleNeeds(small.kysely, 100)
  log(`${database}: timing matches at ${SMALL.resources}…`)
  const atSmall = await timeMatches(small.kysely, smallIds)
  log(`${database}: full scans…`)
  const scanIds = LEVELS.flatMap((_, i) => ids.slice(i * 100, i * 100 + 5))
  const scan = await fullScan(big.kysely, scanIds)
  log(`${database}: searches…`)
  const search = await searches(big.kysely, ids)
  log(`${database}: server memory…`)
  const rss = await serverPeakRss(bigUrl, ids)
  return {
    database,
    resources: FULL.resources,
    needs_measured: ids.length,
    p50_ms: round(percentile(atFull, 50), 2),
    p95_ms: round(percentile(atFull, 95), 2),
    p95_ms_at_100k: round(percentile(atSmall, 95), 2),
    fullscan_p95_ms: round(percentile(scan.times, 95), 1),
    fullscan_needs: scanIds.length,
    same_top20: scan.same,
    search_p95_ms: round(percentile(search, 95), 2),
    generate_rows_per_s: Math.round(Math.min(...rates)),
    peak_rss_mb: rss,
  }
}

async function sqliteDataset(name: string, size: Size): Promise<{ db: Db<Database>; rate: number; url: string }> {
  mkdirSync(BENCH_DIR, { recursive: true })
  const file = `${BENCH_DIR}matching-${name}.sqlite`
  if (existsSync(file)) {
    const probe = connect<Database>({ dialect: 'sqlite', file })
    const done = await probe.kysely.selectFrom('app_meta').select('key').where('key', '=', `bench_scale:${JSON.stringify(size)}`).executeTakeFirst().catch(() => undefined)
    await probe.close()
    if (!done) for (const suffix of ['', '-wal', '-shm']) rmSync(`${file}${suffix}`, { force: true })
  }
  const db = connect<Database>({ dialect: 'sqlite', file })
  await setupDatabase(db.kysely, { demo: false, sessionIdleMinutes: 120 })
  const rate = await ensureDataset(db, size, `sqlite ${name}`)
  return { db, rate, url: `sqlite:${file}` }
}

async function pgDataset(url: string, size: Size, label: string): Promise<{ db: Db<Database>; rate: number }> {
  const db = connect<Database>({ dialect: 'postgres', url, poolSize: 4 })
  await setupDatabase(db.kysely, { demo: false, sessionIdleMinutes: 120 })
  const rate = await ensureDataset(db, size, label)
  return { db, rate }
}

async function ensurePgDatabase(url: string): Promise<void> {
  const target = new URL(url)
  const name = target.pathname.slice(1)
  const admin = new URL(url)
  admin.pathname = '/postgres'
  const client = new pg.Client({ connectionString: admin.toString() })
  await client.connect()
  const exists = await client.query('select 1 from pg_database where datname = $1', [name])
  if (exists.rowCount === 0) await client.query(`create database "${name.replace(/"/g, '')}"`)
  await client.end()
}

const sqliteBig = await sqliteDataset(SCALE === 1 ? '1m' : `1m-x${SCALE}`, FULL)
const sqliteSmall = await sqliteDataset(SCALE === 1 ? '100k' : `100k-x${SCALE}`, SMALL)
console.log(JSON.stringify(await measure('sqlite', sqliteBig.db, sqliteSmall.db, sqliteBig.url, [sqliteBig.rate, sqliteSmall.rate])))
await sqliteBig.db.close()
await sqliteSmall.db.close()

const pgUrl = process.env.BENCH_PG_URL
if (pgUrl) {
  const smallUrl = new URL(pgUrl)
  smallUrl.pathname = `${smallUrl.pathname}_100k`
  await ensurePgDatabase(pgUrl)
  await ensurePgDatabase(smallUrl.toString())
  const big = await pgDataset(pgUrl, FULL, 'postgres 1m')
  const small = await pgDataset(smallUrl.toString(), SMALL, 'postgres 100k')
  console.log(JSON.stringify(await measure('postgres', big.db, small.db, pgUrl, [big.rate, small.rate])))
  await big.db.close()
  await small.db.close()
}
