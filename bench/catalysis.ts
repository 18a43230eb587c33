/**
 * `npm run bench:catalysis` — catalysis at scale (2 000 spaces, 200 000 activities, 50 000 meetings,
 * 1 000 000 registrations, 20 000 places; see bench/catalysis-data.ts), measured against a real server
 * (`alliance serve`, production mode, loopback, page cache off):
 * - `space_dashboard_region_p95_ms`: the page of a space whose perimeter is the whole Île-de-France région
 *   (grid, timeline, dashboard of the perimeter, meetings, places), as a signed-in member of its team;
 * - `ics_feed_p95_ms`: the iCalendar feed of a space holding 5 000 meetings;
 * - `new_links_p95_ms`: the new-links figure of a meeting of 200 participating organisations;
 * - `registrations_per_s`: registrations accepted per second when 200 people register at the same instant
 *   (five bursts on meetings of 1 000 seats), and `over_capacity`: registrations beyond the seats when 200
 *   people register at once for 30 seats (must be 0);
 * - `peak_rss_mb`: the server's peak resident memory.
 * One JSON line per database: SQLite (bench/.data/catalysis.sqlite) always, PostgreSQL when BENCH_PG_URL is
 * set. Data is generated once and reused.
 */
import { connect, type Db } from '../src/core/db/connect.js'
import { refreshStatistics } from '../src/core/db/dialect.js'
import type { Database } from '../src/database.js'
import { signUp } from '../src/features/accounts/index.js'
import { createMeeting } from '../src/features/catalysis/meetings/meetings.service.js'
import { setupDatabase } from '../src/setup.js'
import { ensureCatalysisData, SIZES, type BenchFixture } from './catalysis-data.js'
import { BENCH_PASSWORD, type BenchSession, p95, signIn } from './client.js'
import { benchDatabase, round } from './data.js'
import { residentMb, startServer, stopServer } from './server.js'

const ITERATIONS = Number(process.env.BENCH_ITERATIONS ?? 100)
const CONCURRENT = 200

/** `count` people able to sign in (argon2 hashes, made once), members of the bench organisation. */
async function benchPeople(db: Db<Database>, fixture: BenchFixture, count: number): Promise<string[]> {
  const emails: string[] = []
  for (let i = 0; i < count; i++) {
    const email = `bench-register-${i}@example.org`
    emails.push(email)
    const exists = await db.kysely.selectFrom('users').select('id').where('email', '=', email).executeTakeFirst()
    if (!exists) await signUp(db.kysely, { email, password: BENCH_PASSWORD, displayName: `Inscrit ${i}` })
  }
  const team = emails[0] as string
  const user = await db.kysely.selectFrom('users').select('id').where('email', '=', team).executeTakeFirstOrThrow()
  const space = await db.kysely.selectFrom('catalysis_spaces').select('organisation_id').where('id', '=', fixture.regionSpace).executeTakeFirstOrThrow()
  await db.kysely.insertInto('memberships').values({ user_id: user.id, organisation_id: space.organisation_id, role: 'member', created_at: new Date().toISOString() }).onConflict((oc) => oc.columns(['user_id', 'organisation_id']).doNothing()).execute()
  return emails
}

async function run(database: 'sqlite' | 'postgres', db: Db<Database>, databaseUrl: string): Promise<Record<string, unknown>> {
  const fixture = await ensureCatalysisData(db.kysely, (m) => process.stderr.write(`[${database}] ${m}\n`))
  await refreshStatistics(db.kysely)
  const emails = await benchPeople(db, fixture, CONCURRENT)
  const teamMember = await db.kysely.selectFrom('users').select('id').where('email', '=', emails[0] as string).executeTakeFirstOrThrow()
  const actor = { userId: teamMember.id, email: emails[0] as string, displayName: 'Banc', isPlatformAdmin: false, memberships: new Map([[(await db.kysely.selectFrom('catalysis_spaces').select('organisation_id').where('id', '=', fixture.regionSpace).executeTakeFirstOrThrow()).organisation_id, 'member' as const]]) }
  const next = new Date(Date.now() + 400 * 86400_000).toISOString().slice(0, 10)
  const meeting = (capacity: number, n: number) =>
    createMeeting(db.kysely, actor, { spaceId: fixture.regionSpace }, { title: `Banc ${n}`, kind: 'atelier', description: '', startsLocal: `${next}T18:${String(n).padStart(2, '0')}`, endsLocal: `${next}T21:00`, placeId: null, address: '1 rue du Banc', communeId: 'commune:75056', onlineUrl: null, visibility: 'public', capacity, quotas: {}, dialogueId: null })
  const bursts = await Promise.all([1, 2, 3, 4, 5].map((n) => meeting(1000, n)))
  const small = await meeting(30, 6)

  const server = await startServer({ DATABASE_URL: databaseUrl, ALLIANCE_DEMO: '0', ALLIANCE_PAGE_CACHE_SECONDS: '0', ALLIANCE_RATE_LIMIT: '0' })
  try {
    const sessions: BenchSession[] = []
    for (const email of emails) sessions.push(await signIn(server.url, email))
    const team = sessions[0] as BenchSession
    const dashboard = await p95(server.url, [`/espaces/${fixture.regionSpace}`], { cookie: team.cookie, iterations: ITERATIONS })
    const ics = await p95(server.url, [`/espaces/${fixture.feedSpace}/calendrier.ics`], { iterations: ITERATIONS })
    const links = await p95(server.url, [`/rencontres/${fixture.linksMeeting}/liens`], { iterations: ITERATIONS })

    const burst = async (meetingId: string) => {
      const results = await Promise.all(sessions.map((s) => fetch(`${server.url}/api/v1/meetings/${meetingId}/registration`, { method: 'POST', headers: { cookie: s.cookie, 'x-csrf-token': s.csrf, 'content-type': 'application/json' }, body: '{}' }).then(async (r) => ({ status: r.status, body: (await r.json()) as { status?: string } }))))
      return results
    }
    const started = performance.now()
    let accepted = 0
    for (const id of bursts) accepted += (await burst(id)).filter((r) => r.status === 201).length
    const seconds = (performance.now() - started) / 1000
    const full = await burst(small)
    const seated = await db.kysely.selectFrom('catalysis_registrations').select((eb) => eb.fn.countAll<number>().as('n')).where('meeting_id', '=', small).where('status', '=', 'inscrit').executeTakeFirstOrThrow()
    const waiting = full.filter((r) => r.body.status === 'attente').length
    return {
      database,
      space_dashboard_region_p95_ms: dashboard,
      ics_feed_p95_ms: ics,
      registrations_per_s: round(accepted / seconds, 0),
      over_capacity: Math.max(0, Number(seated.n) - 30),
      seated_of_30: Number(seated.n),
      waiting_of_170: waiting,
      new_links_p95_ms: links,
      peak_rss_mb: residentMb(server.child.pid, 'VmHWM'),
      sizes: SIZES,
      iterations: ITERATIONS,
      measured: 'real server on loopback (production mode, page cache off); the machine is shared',
    }
  } finally {
    await stopServer(server.child)
  }
}

const sqlite = await benchDatabase('catalysis', { demo: false })
try {
  console.log(JSON.stringify(await run('sqlite', sqlite.db, `sqlite:${sqlite.file}`)))
} finally {
  await sqlite.db.close()
}

const pgUrl = process.env.BENCH_PG_URL
if (pgUrl) {
  const pg = connect<Database>({ dialect: 'postgres', url: pgUrl, poolSize: 4 })
  try {
    await setupDatabase(pg.kysely, { demo: false, sessionIdleMinutes: 120 })
    console.log(JSON.stringify(await run('postgres', pg, pgUrl)))
  } finally {
    await pg.close()
  }
}
