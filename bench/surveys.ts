/**
 * `npm run bench:surveys` — surveys through the real HTTP server on loopback, one JSON line per database
 * (SQLite always; PostgreSQL when BENCH_PG_URL is set, e.g. a database made with
 * `createdb -h 127.0.0.1 -p 55433 -U postgres alliance_bench`):
 *
 * - answer intake: anonymous submissions of the barometer (each with its own browser-token cookie, the CSRF
 *   token and the full form), autocannon with 32 connections for 20 s; `intake_per_s` counts the
 *   submissions answered 303 (POST-redirect-GET), `intake_errors` everything else (socket errors,
 *   timeouts, other statuses); the database count of new submissions is checked against it;
 * - results of a campaign of 1 000 000 generated (synthetic) responses: weighting with the population
 *   preset through the weighting form (`weighting_s`, includes loading the snapshot), then the results page
 *   as an analyst: first view after weighting (`results_first_s`), later views (`results_later_ms`,
 *   median of 5), and the first view broken down by world (`results_breakdown_first_s`, extra);
 * - `peak_rss_mb`: the server's peak resident memory (VmHWM) over the whole run.
 *
 * Data are built once (bench/.data/surveys.sqlite, or the PostgreSQL database) and reused; the 1 M campaign
 * is recognised by its fixed id.
 */
import { createHash, randomBytes } from 'node:crypto'
import autocannon from 'autocannon'
import type { Kysely } from 'kysely'
import { connect } from '../src/core/db/connect.js'
import type { Database } from '../src/database.js'
import { barometerGenerator, encodeRow, REGION_OPTIONS, slotLayout, templateDefinition } from '../src/features/surveys/index.js'
import { setupDatabase } from '../src/setup.js'
import { BENCH_DIR, round } from './data.js'
import { residentMb, startServer, stopServer } from './server.js'

const RESPONSES = Number(process.env.BENCH_RESPONSES ?? 1_000_000)
const DURATION = Number(process.env.BENCH_DURATION ?? 20)
const CONNECTIONS = 32
const ANALYST = 'catalyseur@demo.alliance.invalid'
const PASSWORD = 'alliance-demo-2026'

function benchUuid(key: string): string {
  const h = createHash('sha256').update(`alliance-bench:${key}`).digest('hex')
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-8${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`
}

const BIG_ID = benchUuid(`campaign:1m:${RESPONSES}`)
const INTAKE_ID = benchUuid('campaign:intake')

/** Builds (once) the 1 M campaign and the intake campaign under the demo's EPT mission organisation. */
async function prepare(db: Kysely<Database>, log: (m: string) => void): Promise<void> {
  await setupDatabase(db, { demo: true, sessionIdleMinutes: 120, log })
  const mission = await db.selectFrom('users').innerJoin('memberships', 'memberships.user_id', 'users.id').select(['users.id', 'memberships.organisation_id']).where('users.email', '=', ANALYST).executeTakeFirstOrThrow()
  const def = templateDefinition('barometre', { label: 'x', options: REGION_OPTIONS })
  const now = new Date().toISOString()
  for (const [id, title, opens, closes] of [
    [BIG_ID, `Banc d’essai : baromètre synthétique (${RESPONSES} réponses)`, '2026-01-05', '2026-02-05'],
    [INTAKE_ID, 'Banc d’essai : recueil', '2020-01-01', '2099-12-31'],
  ] as const) {
    if (await db.selectFrom('survey_campaigns').select('id').where('id', '=', id).executeTakeFirst()) continue
    await db
      .insertInto('survey_questionnaires')
      .values({ id: benchUuid(`questionnaire:${id}`), organisation_id: mission.organisation_id, title, intro: '', template: 'barometre', territory_id: null, definition: JSON.stringify(def), is_demo: 0, created_by: mission.id, created_at: now, updated_at: now })
      .execute()
    await db
      .insertInto('survey_campaigns')
      .values({ id, questionnaire_id: benchUuid(`questionnaire:${id}`), organisation_id: mission.organisation_id, title, territory_id: null, segments: 'citoyen', opens_on: opens, closes_on: closes, mode: 'anonymous', submitted_count: 0, weighting_version: 0, is_synthetic: 1, is_demo: 0, created_by: mission.id, created_at: now, updated_at: now })
      .execute()
  }
  const big = await db.selectFrom('survey_campaigns').select('submitted_count').where('id', '=', BIG_ID).executeTakeFirstOrThrow()
  if (big.submitted_count >= RESPONSES) return
  log(`Génération de ${RESPONSES} réponses synthétiques…`)
  await db.deleteFrom('survey_rows').where('campaign_id', '=', BIG_ID).execute()
  await db.deleteFrom('survey_responses').where('campaign_id', '=', BIG_ID).execute()
  const layout = slotLayout(def)
  const generator = barometerGenerator(1_000_003)
  const BATCH = 1000
  const started = performance.now()
  for (let start = 0; start < RESPONSES; start += BATCH * 20) {
    await db.transaction().execute(async (trx) => {
      for (let b = start; b < Math.min(RESPONSES, start + BATCH * 20); b += BATCH) {
        const size = Math.min(BATCH, RESPONSES - b)
        const responses = []
        const rows = []
        for (let k = 0; k < size; k++) {
          const i = b + k
          const answers = generator.next()
          const id = benchUuid(`response:${BIG_ID}:${i}`)
          const at = new Date(Date.parse('2026-01-05T08:00:00Z') + (i % 31) * 86400_000).toISOString()
          responses.push({ id, campaign_id: BIG_ID, respondent_key: createHash("sha256").update(`bench:${BIG_ID}:${i}`).digest('hex'), user_id: null, status: 'submitted' as const, answers: JSON.stringify(answers), created_at: at, updated_at: at, submitted_at: at })
          rows.push({ campaign_id: BIG_ID, seq: i + 1, response_id: id, ...encodeRow(def, answers, layout) })
        }
        await trx.insertInto('survey_responses').values(responses).execute()
        await trx.insertInto('survey_rows').values(rows).execute()
      }
    })
    if ((start / (BATCH * 20)) % 10 === 0) log(`  ${start + BATCH * 20} réponses (${round((performance.now() - started) / 1000, 0)} s)`)
  }
  await db.updateTable('survey_campaigns').set({ submitted_count: RESPONSES }).where('id', '=', BIG_ID).execute()
}

const startBenchServer = (databaseUrl: string) => startServer({ ALLIANCE_DATA_DIR: BENCH_DIR, DATABASE_URL: databaseUrl, ALLIANCE_DEMO: '0', ALLIANCE_RATE_LIMIT: '0' })

/** A minimal cookie jar over fetch. */
class Browser {
  private readonly cookies = new Map<string, string>()
  constructor(private readonly base: string) {}
  private header(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ')
  }
  async request(method: 'GET' | 'POST', path: string, form?: Record<string, string>): Promise<{ status: number; body: string; location: string | null }> {
    const res = await fetch(`${this.base}${path}`, {
      method,
      redirect: 'manual',
      headers: { cookie: this.header(), ...(form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}) },
      ...(form ? { body: new URLSearchParams(form).toString() } : {}),
    })
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';')
      const [name, ...value] = (pair ?? '').split('=')
      if (name) this.cookies.set(name.trim(), value.join('='))
    }
    return { status: res.status, body: await res.text(), location: res.headers.get('location') }
  }
  cookie(name: string): string | undefined {
    return this.cookies.get(name)
  }
}

function csrfOf(html: string): string {
  const token = /name="_csrf" value="([^"]+)"/.exec(html)?.[1]
  if (!token) throw new Error('no CSRF token in the page')
  return token
}

const ANSWERS: Record<string, string> = {
  intent: 'submit',
  q_q1__vision: '2',
  q_q1__gestion: '3',
  q_q1__action: '1',
  q_q2: 'plutot',
  q_q3: 'non',
  q_q5: 'f',
  q_q6: 'a45_54',
  q_q7: 'r84',
  q_q8: '2000to19999',
  q_q9: 'prof_int',
  q_q10: 'citoyen',
}

async function intake(url: string): Promise<{ perSecond: number; errors: number; accepted: number }> {
  const browser = new Browser(url)
  const page = await browser.request('GET', `/repondre/${INTAKE_ID}`)
  const body = new URLSearchParams({ ...ANSWERS, _csrf: csrfOf(page.body) }).toString()
  const csrfSecret = browser.cookie('_csrf') as string
  const result = await autocannon({
    url: `${url}/repondre/${INTAKE_ID}`,
    connections: CONNECTIONS,
    duration: DURATION,
    requests: [
      {
        method: 'POST',
        body,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        setupRequest: (request) => ({ ...request, headers: { ...request.headers, cookie: `_csrf=${csrfSecret}; alliance_respondent=${randomBytes(32).toString('base64url')}` } }),
      },
    ],
  })
  const stats = (result as unknown as { statusCodeStats?: Record<string, { count: number }> }).statusCodeStats ?? {}
  const accepted = stats['303']?.count ?? 0
  const answered = Object.values(stats).reduce((a, s) => a + s.count, 0)
  return { perSecond: accepted / DURATION, errors: result.errors + result.timeouts + (answered - accepted), accepted }
}

async function results(url: string): Promise<{ weightingS: number; firstS: number; laterMs: number; breakdownS: number }> {
  const analyst = new Browser(url)
  const signIn = await analyst.request('GET', '/connexion')
  const signedIn = await analyst.request('POST', '/connexion', { email: ANALYST, password: PASSWORD, _csrf: csrfOf(signIn.body) })
  if (signedIn.status !== 303) throw new Error(`sign-in failed: ${signedIn.status}`)
  const form = await analyst.request('GET', `/campagnes/${BIG_ID}/redressement?preset=population`)
  const fields: Record<string, string> = { op: 'apply', _csrf: csrfOf(form.body) }
  // Every field as the form sends it: inputs with their values, radio buttons only when checked.
  for (const [tag] of form.body.matchAll(/<input[^>]*>/g)) {
    const name = /name="([^"]+)"/.exec(tag)?.[1]
    const value = /value="([^"]*)"/.exec(tag)?.[1]
    if (!name || value === undefined || name === '_csrf' || (/type="radio"/.test(tag) && !/ checked/.test(tag))) continue
    fields[name] = value.replace(/&#x27;/g, "'").replace(/&amp;/g, '&').replace(/&quot;/g, '"')
  }
  for (const m of form.body.matchAll(/<select[^>]*name="(group_[a-z]+)"[^>]*>([\s\S]*?)<\/select>/g)) {
    const selected = /<option value="(\d)" selected>/.exec(m[2] as string)?.[1]
    if (selected) fields[m[1] as string] = selected
  }
  let t = performance.now()
  const weighted = await analyst.request('POST', `/campagnes/${BIG_ID}/redressement`, fields)
  const weightingS = (performance.now() - t) / 1000
  if (weighted.status !== 303) throw new Error(`weighting failed (${weighted.status}): ${weighted.body.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').slice(0, 1500)}`)
  t = performance.now()
  const first = await analyst.request('GET', `/campagnes/${BIG_ID}/resultats`)
  const firstS = (performance.now() - t) / 1000
  if (first.status !== 200 || !/Base : Ensemble [0-9,]+ millions/.test(first.body)) throw new Error(`results page: ${first.status}`)
  const later: number[] = []
  for (let i = 0; i < 5; i++) {
    t = performance.now()
    const again = await analyst.request('GET', `/campagnes/${BIG_ID}/resultats`)
    later.push(performance.now() - t)
    if (again.status !== 200) throw new Error(`results page: ${again.status}`)
  }
  later.sort((a, b) => a - b)
  t = performance.now()
  const by = await analyst.request('GET', `/campagnes/${BIG_ID}/resultats?par=world`)
  const breakdownS = (performance.now() - t) / 1000
  if (by.status !== 200) throw new Error(`breakdown page: ${by.status}`)
  return { weightingS, firstS, laterMs: later[2] as number, breakdownS }
}

async function run(database: 'sqlite' | 'postgres', databaseUrl: string): Promise<void> {
  const log = (m: string) => process.stderr.write(`[${database}] ${m}\n`)
  const db = databaseUrl.startsWith('postgres') ? connect<Database>({ dialect: 'postgres', url: databaseUrl, poolSize: 4 }) : connect<Database>({ dialect: 'sqlite', file: databaseUrl.slice('sqlite:'.length) })
  try {
    await prepare(db.kysely, log)
  } finally {
    await db.close()
  }
  log('Serveur…')
  const server = await startBenchServer(databaseUrl)
  try {
    log(`RSS au démarrage : ${residentMb(server.child.pid)} Mo`)
    const before = await countIntake(databaseUrl)
    log(`Recueil : ${CONNECTIONS} connexions pendant ${DURATION} s…`)
    const load = await intake(server.url)
    const recorded = (await countIntake(databaseUrl)) - before
    // requests still in flight when autocannon stops are recorded but not counted (at most one per connection)
    if (recorded < load.accepted || recorded > load.accepted + CONNECTIONS) log(`ATTENTION : ${load.accepted} réponses 303 mais ${recorded} enregistrées`)
    log(`RSS après le recueil : ${residentMb(server.child.pid)} Mo (pic ${residentMb(server.child.pid, 'VmHWM')} Mo)`)
    log('Résultats sur le million de réponses…')
    const r = await results(server.url)
    log(`RSS après les résultats : ${residentMb(server.child.pid)} Mo`)
    console.log(
      JSON.stringify({
        database,
        intake_per_s: round(load.perSecond, 0),
        intake_errors: load.errors,
        results_first_s: round(r.firstS, 3),
        results_later_ms: round(r.laterMs, 1),
        peak_rss_mb: residentMb(server.child.pid, 'VmHWM'),
        responses: RESPONSES,
        intake_recorded: recorded,
        weighting_s: round(r.weightingS, 3),
        results_breakdown_first_s: round(r.breakdownS, 3),
      }),
    )
  } finally {
    await stopServer(server.child)
  }
}

async function countIntake(databaseUrl: string): Promise<number> {
  const db = databaseUrl.startsWith('postgres') ? connect<Database>({ dialect: 'postgres', url: databaseUrl, poolSize: 1 }) : connect<Database>({ dialect: 'sqlite', file: databaseUrl.slice('sqlite:'.length) })
  try {
    const row = await db.kysely.selectFrom('survey_campaigns').select('submitted_count').where('id', '=', INTAKE_ID).executeTakeFirstOrThrow()
    return Number(row.submitted_count)
  } finally {
    await db.close()
  }
}

await run('sqlite', `sqlite:${BENCH_DIR}surveys.sqlite`)
if (process.env.BENCH_PG_URL) await run('postgres', process.env.BENCH_PG_URL)
