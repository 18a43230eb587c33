/**
 * Three instances on loopback behind nginx on one PostgreSQL (issue 13's cluster check): a session made
 * through one instance works through the others; a rate limit holds across instances; killing one instance
 * during a bounded load loses no acknowledged write, and nginx retries idempotent GETs so that none fails.
 *
 * Needs nginx (`.ci/run` installs it) and TEST_DATABASE_URL; without them it is skipped with a loud warning.
 */
import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { sql } from 'kysely'
import { hashPassword } from '../../src/features/accounts/index.js'
import { newId, nowIso } from '../../src/core/db/values.js'
import { syncVocabulary } from '../../src/features/vocabulary/index.js'
import { NGINX, startCluster, HttpClient, type Cluster } from '../helpers/cluster.js'
import { DIALECTS, type TestDatabase } from '../helpers/dialects.js'
import { loadTestGeography } from '../helpers/geography.js'

const postgres = DIALECTS.find((d) => d.name === 'postgres')
const missing = [!NGINX && 'nginx (/usr/sbin/nginx)', !postgres && 'TEST_DATABASE_URL'].filter(Boolean)
if (missing.length > 0) {
  console.warn(`\n!!! CLUSTER TEST SKIPPED: ${missing.join(' and ')} missing. .ci/run installs nginx and starts PostgreSQL.\n`)
}

describe('three instances behind nginx on one PostgreSQL', { skip: missing.length > 0 ? `missing ${missing.join(', ')}` : false }, () => {
  let database: TestDatabase
  let cluster: Cluster
  const email = 'grappe@example.org'
  const password = 'un mot de passe très long'

  before(async () => {
    database = await postgres!.open()
    const db = database.db.kysely
    await syncVocabulary(db)
    await loadTestGeography(db)
    await db.insertInto('users').values({ id: newId(), email, password_hash: await hashPassword(password), display_name: 'Grappe', locale: 'fr', is_platform_admin: 0, is_demo: 0, created_at: nowIso(), updated_at: nowIso(), email_verified_at: nowIso() }).execute()
    const { rows } = await sql<{ s: string }>`select current_schema() as s`.execute(db)
    const url = `${process.env.TEST_DATABASE_URL as string}?options=${encodeURIComponent(`-c search_path=${rows[0]!.s}`)}`
    cluster = await startCluster(3, { DATABASE_URL: url, ALLIANCE_RATE_LIMIT: '1', ALLIANCE_JOBS_MAINTENANCE_SECONDS: '2' })
  })
  after(async () => {
    await cluster?.stop()
    await database?.close()
  })

  test('a session created through one instance works through the others', async () => {
    const client = new HttpClient(cluster.instances[0]!.url)
    const token = await client.csrf('/connexion')
    const signedIn = await client.postForm('/connexion', { email, password, _csrf: token })
    assert.equal(signedIn.status, 303)
    for (const instance of cluster.instances) {
      const account = await client.get('/compte', {}, instance.url)
      assert.equal(account.status, 200, `signed in on ${instance.url}`)
      assert.match(await account.text(), /grappe@example\.org/)
    }
    // Signing out through another instance ends the session everywhere.
    const out = await client.postForm('/deconnexion', { _csrf: await client.csrf('/compte', cluster.instances[1]!.url) }, {}, cluster.instances[1]!.url)
    assert.equal(out.status, 303)
    assert.equal((await client.get('/compte', {}, cluster.instances[2]!.url)).status, 303)
  })

  test('a rate limit holds across instances', async () => {
    const statuses: number[] = []
    for (let i = 0; i < 21; i++) {
      const client = new HttpClient(cluster.instances[i % 3]!.url)
      // The instances trust the proxy on 127.0.0.1: the client's address is the one nginx would forward.
      const res = await client.postForm('/connexion', { email, password: 'pas le bon mot de passe' }, { 'x-forwarded-for': '203.0.113.50' })
      statuses.push(res.status)
    }
    assert.ok(statuses.slice(0, 20).every((s) => s !== 429), statuses.join(','))
    assert.equal(statuses[20], 429, 'the 21st attempt in 15 minutes is refused, whichever instance gets it')
  })

  test('killing one instance during a bounded load loses no acknowledged write; GETs are retried by nginx', async (t) => {
    const client = new HttpClient(cluster.url)
    const token = await client.csrf('/connexion')
    assert.equal((await client.postForm('/connexion', { email, password, _csrf: token }, { 'x-forwarded-for': '198.51.100.1' })).status, 303)
    const csrf = await client.csrf('/compte')
    const acknowledged: string[] = []
    let getErrors = 0
    let gets = 0
    let postFailures = 0
    const pages = ['/', '/territoires/commune/94080', '/acteurs', '/lexique']
    const stopAt = Date.now() + 8000
    let n = 0
    const loop = async (worker: number) => {
      while (Date.now() < stopAt) {
        const i = n++
        if (i % 4 === worker % 4 && i % 3 === 0) {
          try {
            const res = await client.postJson('/api/v1/organisations', { name: `Grappe ${worker}-${i}`, world: 'fondation', seat_commune_code: '94052', perimeter: ['commune:94052'], sdgs: [17] }, csrf)
            if (res.status === 201) acknowledged.push(((await res.json()) as { data: { id: string } }).data.id)
            else {
              postFailures++
              await res.arrayBuffer()
            }
          } catch {
            postFailures++
          }
        } else {
          gets++
          try {
            const res = await fetch(`${cluster.url}${pages[i % pages.length]}`)
            await res.arrayBuffer()
            if (res.status !== 200) getErrors++
          } catch {
            getErrors++
          }
        }
      }
    }
    const killer = new Promise<void>((resolve) =>
      setTimeout(() => {
        cluster.kill(2)
        resolve()
      }, 3000),
    )
    await Promise.all([loop(0), loop(1), loop(2), loop(3), killer])
    assert.ok(acknowledged.length > 10, `writes were made (${acknowledged.length})`)
    const stored = await database.db.kysely.selectFrom('organisations').select('id').where('id', 'in', acknowledged).execute()
    assert.equal(stored.length, acknowledged.length, 'every acknowledged write is in the database')
    assert.equal(getErrors, 0, `${getErrors} failed GETs out of ${gets} (nginx retries them on another instance)`)
    t.diagnostic(`cluster load: ${gets} GETs, ${acknowledged.length} acknowledged writes, ${postFailures} writes refused at the kill`)
  })
})
