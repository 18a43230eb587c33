/**
 * `npm run bench:mobilisation` — mobilisation at the scale (200 000 pledges, 500 funds, 5 000 calls,
 * 100 000 applications, 1 000 000 scores; see bench/mobilisation-data.ts) through the real HTTP server on loopback
 * (`alliance serve`, production mode, page cache off), one JSON line per database (SQLite always; PostgreSQL when
 * BENCH_PG_URL is set):
 * - `call_progress_p95_ms`: the page of a call to engage holding 5 000 pledges (progress per goal);
 * - `mobilisation_region_p95_ms`: the mobilisation dashboard of the Île-de-France région;
 * - `deliberation_p95_ms`: the deliberation view of a call for projects with 5 000 applications and 200 reviewers,
 *   as the fund's admin (ranking of every application, first page of details);
 * - `scdl_export_rows_per_s`: rows per second of the fund's SCDL CSV (10 000 signed grants), whole download;
 * - `peak_rss_mb`: the server's peak resident memory (VmHWM) over the whole run.
 * `--scale 0.1` (or BENCH_SCALE) makes every size smaller (each scale has its own SQLite file; PostgreSQL holds one
 * scale at a time). Data are generated once and reused.
 */
import { connect, type Db } from '../src/core/db/connect.js'
import type { Database } from '../src/database.js'
import { signUp } from '../src/features/accounts/index.js'
import { setupDatabase } from '../src/setup.js'
import { BENCH_PASSWORD, p95, signIn, timings } from './client.js'
import { BENCH_DIR, benchDatabase, percentile, round } from './data.js'
import { ensureMobilisationData, type MobilisationFixture } from './mobilisation-data.js'
import { residentMb, startServer, stopServer } from './server.js'

const ITERATIONS = Number(process.env.BENCH_ITERATIONS ?? 50)
const EXPORTS = 10
const WARMUP = 5
const EMAIL = 'bench-mobilisation@example.org'
const scaleArgument = process.argv.indexOf('--scale')
const SCALE = Number(scaleArgument >= 0 ? process.argv[scaleArgument + 1] : (process.env.BENCH_SCALE ?? 1))
if (!(SCALE > 0 && SCALE <= 1)) throw new Error('--scale: a number in ]0, 1]')

async function prepare(db: Db<Database>, log: (m: string) => void): Promise<MobilisationFixture> {
  const fixture = await ensureMobilisationData(db.kysely, SCALE, log)
  const user = await db.kysely.selectFrom('users').select('id').where('email', '=', EMAIL).executeTakeFirst()
  if (!user) {
    const id = await signUp(db.kysely, { email: EMAIL, password: BENCH_PASSWORD, displayName: 'Banc d’essai' })
    await db.kysely.updateTable('users').set({ email_verified_at: new Date().toISOString() }).where('id', '=', id).execute()
    // The fund's admin: an admin of the host organisation of the fund running the big call for projects.
    await db.kysely.insertInto('memberships').values({ user_id: id, organisation_id: fixture.deliberationHostId, role: 'admin', created_at: new Date().toISOString() }).execute()
  }
  return fixture
}

async function run(database: 'sqlite' | 'postgres', db: Db<Database>, databaseUrl: string): Promise<void> {
  const log = (m: string) => process.stderr.write(`[${database}] ${m}\n`)
  let fixture: MobilisationFixture
  try {
    fixture = await prepare(db, log)
  } finally {
    await db.close()
  }
  log('Serveur…')
  const server = await startServer({ ALLIANCE_DATA_DIR: BENCH_DIR, DATABASE_URL: databaseUrl, ALLIANCE_DEMO: '0', ALLIANCE_RATE_LIMIT: '0', ALLIANCE_PAGE_CACHE_SECONDS: '0' })
  try {
    const { cookie } = await signIn(server.url, EMAIL)
    const page = (url: string) => p95(server.url, [url], { cookie, iterations: ITERATIONS, warmup: WARMUP })
    log('progression d’un appel…')
    const progress = await page(`/mobilisation/appels/${fixture.bigCallId}`)
    log('tableau de bord de la région…')
    const region = await page(`/mobilisation/territoires/region/${fixture.region.split(':')[1]}`)
    log('délibération…')
    const deliberation = await page(`/mobilisation/appels-a-projets/${fixture.deliberationCallId}/deliberation`)
    log('export SCDL…')
    let rows = 0
    const exports = await timings(server.url, [`/mobilisation/fonds/${fixture.scdlFundId}/subventions.csv`], {
      cookie,
      iterations: EXPORTS,
      warmup: WARMUP,
      check: (csv) => {
        rows = csv.split('\n').filter((l) => l.trim() !== '').length - 1
      },
    })
    const median = percentile(exports, 50)
    console.log(
      JSON.stringify({
        database,
        call_progress_p95_ms: progress,
        mobilisation_region_p95_ms: region,
        deliberation_p95_ms: deliberation,
        scdl_export_rows_per_s: round(rows / (median / 1000), 0),
        peak_rss_mb: residentMb(server.child.pid, 'VmHWM'),
        scale: SCALE,
        sizes: { ...fixture.sizes, scdlRows: rows },
        iterations: ITERATIONS,
        measured: 'HTTP on loopback to alliance serve (production), signed-in fund admin, page cache off; SCDL: median of 10 whole downloads',
      }),
    )
  } finally {
    await stopServer(server.child)
  }
}

const sqlite = await benchDatabase(SCALE === 1 ? 'mobilisation' : `mobilisation-${SCALE}`, { demo: false })
await run('sqlite', sqlite.db, `sqlite:${sqlite.file}`)

const pgUrl = process.env.BENCH_PG_URL
if (pgUrl) {
  const pg = connect<Database>({ dialect: 'postgres', url: pgUrl, poolSize: 4 })
  await setupDatabase(pg.kysely, { demo: false, sessionIdleMinutes: 120 })
  await run('postgres', pg, pgUrl)
}
