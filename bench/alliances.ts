/**
 * `npm run bench:alliances` — the alliance pages on realistic volumes, measured through the real HTTP
 * application (`buildApp` + `inject`: routing, session, policy, queries and rendering; no network, page
 * cache off), as a signed-in partner (no anonymous cache can help):
 * - the alliance page of an alliance with 50 partners, 500 journal entries and 1 000 contributions;
 * - the network page of a département (Val-de-Marne) with 5 000 organisations and 2 000 alliances;
 * - the alliances directory over 100 000 alliances, with a deterministic mix of filters.
 * Prints one JSON line per database: SQLite (bench/.data/alliances.sqlite, full geography) always, and
 * PostgreSQL when BENCH_PG_URL is set. Data is generated once (bench/alliances-data.ts) and reused.
 */
import type { FastifyInstance } from 'fastify'
import { buildApp } from '../src/app.js'
import { loadConfig } from '../src/core/config.js'
import { connect, type Db } from '../src/core/db/connect.js'
import type { Database } from '../src/database.js'
import { signUp } from '../src/features/accounts/index.js'
import { setupDatabase } from '../src/setup.js'
import { benchDatabase, percentile, round } from './data.js'
import { DEPARTEMENT, ensureBenchData, SIZES, type BenchFixture } from './alliances-data.js'

const ITERATIONS = Number(process.env.BENCH_ITERATIONS ?? 200)
const WARMUP = 20
const EMAIL = 'bench-alliances@example.org'
const PASSWORD = 'un mot de passe de banc d’essai'

/** A deterministic mix of directory filters (territory at every level, SDG, phase, form, world, lever, text, pages). */
function directoryUrls(): string[] {
  const filters = [
    '',
    `territoire=departement:${DEPARTEMENT}`,
    'territoire=region:11',
    'territoire=commune:94080',
    'territoire=region:84&phase=deploiement',
    'odd=11',
    'odd=4&phase=experimentation',
    'forme=dialogue_territorial',
    'monde=association',
    'monde=entreprise&levier=action',
    'levier=vision&odd=13',
    'q=jardins',
    'q=mobilite&territoire=region:11',
    `territoire=departement:${DEPARTEMENT}&monde=fondation&odd=17`,
    'phase=essaimage&forme=experimentation_collective&levier=gestion',
    'page=3',
    'odd=8&page=5',
    'territoire=departement:69&monde=collectivite',
  ]
  return filters.map((f) => `/alliances${f ? `?${f}` : ''}`)
}

async function signIn(app: FastifyInstance): Promise<string> {
  const form = await app.inject({ method: 'GET', url: '/connexion' })
  const csrfCookie = form.cookies.find((c) => c.name === '_csrf')?.value ?? ''
  const token = /name="_csrf" value="([^"]+)"/.exec(form.body)?.[1] ?? ''
  const res = await app.inject({
    method: 'POST',
    url: '/connexion',
    payload: new URLSearchParams({ email: EMAIL, password: PASSWORD, _csrf: token }).toString(),
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: `_csrf=${csrfCookie}` },
  })
  const session = res.cookies.find((c) => c.name === 'alliance_session')?.value
  if (!session) throw new Error(`sign-in failed (${res.statusCode})`)
  return `alliance_session=${session}`
}

async function measure(app: FastifyInstance, cookie: string, urls: string[], iterations: number): Promise<number> {
  const times: number[] = []
  for (let i = 0; i < WARMUP + iterations; i++) {
    const url = urls[i % urls.length] as string
    const start = performance.now()
    const res = await app.inject({ method: 'GET', url, headers: { cookie } })
    const elapsed = performance.now() - start
    if (res.statusCode !== 200) throw new Error(`${url} → ${res.statusCode}`)
    if (i >= WARMUP) times.push(elapsed)
  }
  return round(percentile(times, 95), 1)
}

async function run(database: 'sqlite' | 'postgres', db: Db<Database>, config: ReturnType<typeof loadConfig>): Promise<Record<string, unknown>> {
  const fixture: BenchFixture = await ensureBenchData(db.kysely, (m) => process.stderr.write(`[${database}] ${m}\n`))
  let user = await db.kysely.selectFrom('users').select('id').where('email', '=', EMAIL).executeTakeFirst()
  if (!user) {
    const id = await signUp(db.kysely, { email: EMAIL, password: PASSWORD, displayName: 'Banc d’essai' })
    const created = new Date().toISOString()
    await db.kysely.insertInto('memberships').values(fixture.memberOf.map((organisation_id) => ({ user_id: id, organisation_id, role: 'member' as const, created_at: created }))).execute()
    user = { id }
  }
  const app = await buildApp(config, { db })
  await app.ready()
  try {
    const cookie = await signIn(app)
    const alliance = await measure(app, cookie, [`/alliances/${fixture.bigAllianceId}`], ITERATIONS)
    const network = await measure(app, cookie, [`/alliances/territoires/departement/${DEPARTEMENT}/reseau`], Math.max(50, Math.round(ITERATIONS / 2)))
    const directory = await measure(app, cookie, directoryUrls(), ITERATIONS * 2)
    return {
      database,
      alliance_page_p95_ms: alliance,
      network_p95_ms: network,
      directory_p95_ms: directory,
      alliances: SIZES.alliances,
      organisations: SIZES.localOrganisations + SIZES.otherOrganisations,
      iterations: ITERATIONS,
      measured: 'fastify inject into buildApp, signed-in partner, page cache off',
    }
  } finally {
    await app.close()
  }
}

const config = loadConfig({ NODE_ENV: 'production', ALLIANCE_SESSION_SECRET: 'bench-secret-'.padEnd(48, 'x'), ALLIANCE_PAGE_CACHE_SECONDS: '0', ALLIANCE_RATE_LIMIT: '0', LOG_LEVEL: 'silent', ALLIANCE_DEMO: '0', SMTP_URL: 'log:' })

const sqlite = await benchDatabase('alliances', { demo: false })
try {
  console.log(JSON.stringify(await run('sqlite', sqlite.db, config)))
} finally {
  await sqlite.db.close()
}

const pgUrl = process.env.BENCH_PG_URL
if (pgUrl) {
  const pg = connect<Database>({ dialect: 'postgres', url: pgUrl, poolSize: 4 })
  try {
    await setupDatabase(pg.kysely, { demo: false, sessionIdleMinutes: 120 })
    console.log(JSON.stringify(await run('postgres', pg, config)))
  } finally {
    await pg.close()
  }
}
