/**
 * `npm run bench:evaluation` — evaluation, valuation and the library through the real HTTP server on loopback
 * (`alliance serve`, production mode, page cache off), as a signed-in partner, one JSON line per database
 * (SQLite always; PostgreSQL when BENCH_PG_URL is set):
 * - `evaluation_page_p95_ms`: the crossed views of the last of 8 closed rounds of an alliance of 40 partners
 *   (21 cells and 9 impacts × 40 answers, disagreements first);
 * - `valuation_departement_p95_ms`: valued totals by world and type of the public alliances of the Val-de-Marne;
 * - `valuation_france_p95_ms`: the same for France (2 000 000 contributions, 100 000 alliances);
 * - `library_p95_ms`: the practice library (20 000 sheets) with a deterministic mix of filters and searches;
 * - `peak_rss_mb`: the server's peak resident memory (VmHWM) over the whole run.
 * Data are generated once (bench/evaluation-data.ts, on top of bench/alliances-data.ts) and reused.
 */
import { connect, type Db } from '../src/core/db/connect.js'
import type { Database } from '../src/database.js'
import { signUp } from '../src/features/accounts/index.js'
import { setupDatabase } from '../src/setup.js'
import { BENCH_PASSWORD, p95, signIn } from './client.js'
import { BENCH_DIR, benchDatabase } from './data.js'
import { DEPARTEMENT } from './alliances-data.js'
import { ensureEvaluationData, EVALUATION_SIZES, type EvaluationFixture } from './evaluation-data.js'
import { residentMb, startServer, stopServer } from './server.js'

const ITERATIONS = Number(process.env.BENCH_ITERATIONS ?? 100)
const EMAIL = 'bench-evaluation@example.org'

const LIBRARY_URLS = [
  '/pratiques',
  '/pratiques?q=jardins',
  '/pratiques?odd=4',
  '/pratiques?domaine=emploi_insertion',
  '/pratiques?region=region:11',
  '/pratiques?monde=association&phase=deploiement',
  '/pratiques?q=mobilite&taille=gte20000',
  '/pratiques?forme=dialogue_territorial&odd=17',
  '/pratiques?q=numerique%20seniors&region=region:84',
  '/pratiques?domaine=alimentation&monde=entreprise&page=2',
]

async function prepare(db: Db<Database>, log: (m: string) => void): Promise<EvaluationFixture> {
  const fixture = await ensureEvaluationData(db.kysely, log)
  const user = await db.kysely.selectFrom('users').select('id').where('email', '=', EMAIL).executeTakeFirst()
  if (!user) {
    const id = await signUp(db.kysely, { email: EMAIL, password: BENCH_PASSWORD, displayName: 'Banc d’essai' })
    const created = new Date().toISOString()
    await db.kysely.insertInto('memberships').values(fixture.memberOf.map((organisation_id) => ({ user_id: id, organisation_id, role: 'member' as const, created_at: created }))).execute()
  }
  return fixture
}

async function run(database: 'sqlite' | 'postgres', db: Db<Database>, databaseUrl: string): Promise<void> {
  const log = (m: string) => process.stderr.write(`[${database}] ${m}\n`)
  let fixture: EvaluationFixture
  try {
    fixture = await prepare(db, log)
  } finally {
    await db.close()
  }
  log('Serveur…')
  const server = await startServer({ ALLIANCE_DATA_DIR: BENCH_DIR, DATABASE_URL: databaseUrl, ALLIANCE_DEMO: '0', ALLIANCE_RATE_LIMIT: '0', ALLIANCE_PAGE_CACHE_SECONDS: '0' })
  try {
    const { cookie } = await signIn(server.url, EMAIL)
    const evaluation = await p95(server.url, [`/evaluation/${fixture.fortyAllianceId}/temps/${fixture.lastRoundId}`], { cookie, iterations: ITERATIONS })
    const departement = await p95(server.url, [`/valorisation?territoire=departement:${DEPARTEMENT}`, `/valorisation?territoire=departement:${DEPARTEMENT}&annee=2025`], { cookie, iterations: ITERATIONS })
    const france = await p95(server.url, ['/valorisation', '/valorisation?annee=2024'], { cookie, iterations: Math.max(20, Math.round(ITERATIONS / 2)) })
    const library = await p95(server.url, LIBRARY_URLS, { cookie, iterations: ITERATIONS * 2 })
    console.log(
      JSON.stringify({
        database,
        evaluation_page_p95_ms: evaluation,
        valuation_departement_p95_ms: departement,
        valuation_france_p95_ms: france,
        library_p95_ms: library,
        peak_rss_mb: residentMb(server.child.pid, 'VmHWM'),
        contributions: EVALUATION_SIZES.contributions,
        sheets: EVALUATION_SIZES.sheets,
        iterations: ITERATIONS,
        measured: 'HTTP on loopback to alliance serve (production), signed-in partner, page cache off',
      }),
    )
  } finally {
    await stopServer(server.child)
  }
}

const sqlite = await benchDatabase('evaluation', { demo: false })
await run('sqlite', sqlite.db, `sqlite:${sqlite.file}`)

const pgUrl = process.env.BENCH_PG_URL
if (pgUrl) {
  const pg = connect<Database>({ dialect: 'postgres', url: pgUrl, poolSize: 4 })
  await setupDatabase(pg.kysely, { demo: false, sessionIdleMinutes: 120 })
  await run('postgres', pg, pgUrl)
}
