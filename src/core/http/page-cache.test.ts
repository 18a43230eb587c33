/**
 * The anonymous page cache: a write invalidates only the tags it declares, never on writes that change
 * nothing public, everything by default; a service's bump counts only if its transaction commits; and two
 * instances on one database see each other's writes (PostgreSQL: LISTEN/NOTIFY; SQLite: the version table).
 */
import assert from 'node:assert/strict'
import { brotliCompressSync, brotliDecompressSync, constants as zlib, gunzipSync } from 'node:zlib'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import fastifyCookie from '@fastify/cookie'
import Fastify, { type FastifyInstance } from 'fastify'
import { sql } from 'kysely'
import { after, before, describe, test } from 'node:test'
import { DIALECTS, type TestDialect } from '../../../test/helpers/dialects.js'
import { waitFor } from '../../../test/helpers/jobs.js'
import { attachBus, openBus, type Bus } from '../db/bus.js'
import { connect, type Db } from '../db/connect.js'
import { migrateToLatest } from '../db/migrate.js'
import { invalidatePages, registerPageCache } from './page-cache.js'

/** A small app with the cache: pages on every tag and on tag `a`, and writes declaring various tags. */
async function cachedApp(db: Db<any>, bus: Bus): Promise<{ app: FastifyInstance; renders: Record<string, number>; answered: string[] }> {
  const app = Fastify()
  app.decorate('db', db.kysely as never)
  await app.register(fastifyCookie)
  attachBus(db.kysely, bus)
  // As the security headers do: set on every answer before the cache is asked.
  app.addHook('onRequest', async (_request, reply) => {
    reply.header('x-frame-options', 'DENY')
  })
  registerPageCache(app, { ttlSeconds: 60, personalCookies: ['alliance_session'] })
  const answered: string[] = []
  app.addHook('onResponse', async (request, reply) => {
    answered.push(`${request.id} ${reply.statusCode}`)
  })
  const renders: Record<string, number> = { all: 0, tagged: 0 }
  app.get('/all', { config: { cache: true } }, async (_request, reply) => reply.type('text/html; charset=utf-8').send(`<p>all ${++renders.all!}</p>`))
  app.get('/tagged', { config: { cache: { tags: ['a'] } } }, async (_request, reply) => reply.type('text/html; charset=utf-8').send(`<p>tagged ${++renders.tagged!}</p>`))
  app.get('/long', { config: { cache: true } }, async (_request, reply) => reply.type('text/html; charset=utf-8').send(longPage))
  app.post('/write-a', { config: { invalidates: ['a'] } }, async () => ({ ok: true }))
  app.post('/write-b', { config: { invalidates: ['b'] } }, async () => ({ ok: true }))
  app.post('/sign-out', { config: { invalidates: [] } }, async () => ({ ok: true }))
  app.post('/write-default', async () => ({ ok: true }))
  app.post('/write-refused', { config: { invalidates: ['a'] } }, async (_request, reply) => reply.status(400).send({ ok: false }))
  await app.ready()
  return { app, renders, answered }
}

/** A long page of varied words, as a list of needs is (pseudo-random, the same at every run). */
const longPage = (() => {
  const words = 'alliance territoire besoin commune association entreprise fondation jardin partagé mobilité emploi insertion numérique solidarité habitants quartier école culture sport santé logement énergie'.split(' ')
  let seed = 7
  const next = () => {
    seed = (seed * 48271) % 2147483647
    return seed
  }
  const item = () => `<li><a href="/besoins/${next().toString(36)}">${Array.from({ length: 6 }, () => words[next() % words.length]).join(' ')}</a> ${next() % 90000}</li>`
  return `<ul>${Array.from({ length: 300 }, item).join('')}</ul>`
})()

/** Two connections to one database (two instances), each with its own bus. */
async function twoInstances(dialect: TestDialect) {
  if (dialect.name === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'alliance-cache-'))
    const file = join(dir, 'db.sqlite')
    const first = connect<any>({ dialect: 'sqlite', file })
    await migrateToLatest(first.kysely)
    const second = connect<any>({ dialect: 'sqlite', file })
    return { first, second, close: async () => rmSync(dir, { recursive: true, force: true }) }
  }
  const database = await dialect.open()
  const { rows } = await sql<{ s: string }>`select current_schema() as s`.execute(database.db.kysely)
  const second = connect<any>({ dialect: 'postgres', url: process.env.TEST_DATABASE_URL as string, poolSize: 2 }, { searchPath: rows[0]!.s })
  return { first: database.db, second, close: () => database.close() }
}

for (const dialect of DIALECTS) {
  describe(`page cache [${dialect.name}]`, () => {
    let dbs: Awaited<ReturnType<typeof twoInstances>>
    let busA: Bus
    let busB: Bus
    let A: Awaited<ReturnType<typeof cachedApp>>
    let B: Awaited<ReturnType<typeof cachedApp>>
    const url = dialect.name === 'postgres' ? process.env.TEST_DATABASE_URL : undefined

    before(async () => {
      dbs = await twoInstances(dialect)
      busA = await openBus(dbs.first.kysely, url)
      busB = await openBus(dbs.second.kysely, url)
      A = await cachedApp(dbs.first, busA)
      B = await cachedApp(dbs.second, busB)
    })
    after(async () => {
      await A.app.close()
      await B.app.close()
      await busA.close()
      await busB.close()
      await dbs.second.close()
      await dbs.first.close()
      await dbs.close()
    })

    const get = async (instance: typeof A, path: string) => {
      const res = await instance.app.inject({ method: 'GET', url: path })
      return { body: res.body, cache: res.headers['x-page-cache'] }
    }
    const post = (instance: typeof A, path: string) => instance.app.inject({ method: 'POST', url: path })

    test('a page is served from memory to anonymous visitors, not to signed-in people', async () => {
      assert.equal((await get(A, '/all')).cache, 'miss')
      assert.equal((await get(A, '/all')).cache, 'hit')
      const signedIn = await A.app.inject({ method: 'GET', url: '/all', cookies: { alliance_session: 'x' } })
      assert.equal(signedIn.headers['x-page-cache'], undefined)
    })

    test('a hit has the headers the page was first answered with, its own request id, and is seen by onResponse hooks', async () => {
      const miss = await A.app.inject({ method: 'GET', url: '/tagged?headers' })
      const before = A.answered.length
      const hit = await A.app.inject({ method: 'GET', url: '/tagged?headers' })
      assert.equal(hit.headers['x-page-cache'], 'hit')
      assert.equal(hit.body, miss.body)
      assert.equal(hit.headers['x-frame-options'], 'DENY')
      assert.equal(hit.headers['content-type'], 'text/html; charset=utf-8')
      assert.equal(Number(hit.headers['content-length']), Buffer.byteLength(miss.body))
      assert.notEqual(hit.headers['x-request-id'], undefined)
      assert.notEqual(hit.headers['x-request-id'], miss.headers['x-request-id'])
      assert.deepEqual(A.answered.slice(before), [`${hit.headers['x-request-id']} 200`])
    })

    test('a cached page is kept compressed and answered in the coding the client accepts', async () => {
      await A.app.inject({ method: 'GET', url: '/tagged?coding' })
      const raw = (await A.app.inject({ method: 'GET', url: '/tagged?coding' })).body
      assert.match(raw, /^<p>tagged \d+<\/p>$/)
      const cases: Array<[string, string | undefined, (b: Buffer) => Buffer]> = [
        ['br, gzip', 'br', brotliDecompressSync],
        ['gzip, deflate', 'gzip', gunzipSync],
        ['br;q=0, gzip', 'gzip', gunzipSync],
        ['*', 'br', brotliDecompressSync],
        ['identity', undefined, (b) => b],
      ]
      for (const [accept, coding, decode] of cases) {
        const res = await A.app.inject({ method: 'GET', url: '/tagged?coding', headers: { 'accept-encoding': accept } })
        assert.equal(res.headers['x-page-cache'], 'hit', accept)
        assert.equal(res.headers['content-encoding'], coding, accept)
        assert.match(String(res.headers.vary), /accept-encoding/i)
        assert.equal(decode(res.rawPayload).toString('utf8'), raw, accept)
      }
    })

    test("a stored page's Brotli is replaced by Brotli's best once ready, and says the same", async () => {
      const fast = brotliCompressSync(Buffer.from(longPage), { params: { [zlib.BROTLI_PARAM_QUALITY]: 4 } })
      const miss = await A.app.inject({ method: 'GET', url: '/long', headers: { 'accept-encoding': 'br' } })
      assert.equal(miss.headers['x-page-cache'], 'miss')
      assert.equal(miss.rawPayload.length, fast.length, 'the page is first answered with the fast Brotli')
      let hit = miss
      await waitFor('the best Brotli', async () => {
        hit = await A.app.inject({ method: 'GET', url: '/long', headers: { 'accept-encoding': 'br' } })
        return hit.rawPayload.length < fast.length
      })
      assert.equal(hit.headers['x-page-cache'], 'hit')
      assert.equal(Number(hit.headers['content-length']), hit.rawPayload.length)
      assert.equal(brotliDecompressSync(hit.rawPayload).toString('utf8'), longPage)
      const gzip = await A.app.inject({ method: 'GET', url: '/long', headers: { 'accept-encoding': 'gzip' } })
      assert.equal(gunzipSync(gzip.rawPayload).toString('utf8'), longPage, 'the other codings are kept')
    })

    test('writes that change nothing public, or fail, keep the cache', async () => {
      await get(A, '/all')
      await get(A, '/tagged')
      await post(A, '/sign-out')
      await post(A, '/write-refused')
      assert.equal((await get(A, '/all')).cache, 'hit')
      assert.equal((await get(A, '/tagged')).cache, 'hit')
    })

    test('a write invalidates the pages of its tags only; pages on every tag go too', async () => {
      await get(A, '/all')
      await get(A, '/tagged')
      await post(A, '/write-b')
      assert.equal((await get(A, '/tagged')).cache, 'hit', 'tag b does not concern /tagged')
      assert.equal((await get(A, '/all')).cache, 'miss', '/all depends on every tag')
      await post(A, '/write-a')
      assert.equal((await get(A, '/tagged')).cache, 'miss')
      await post(A, '/write-default')
      assert.equal((await get(A, '/tagged')).cache, 'miss', 'a write that declares nothing invalidates everything')
    })

    test('a service bump counts only if its transaction commits', async () => {
      await get(A, '/tagged')
      assert.equal((await get(A, '/tagged')).cache, 'hit')
      await assert.rejects(
        dbs.first.kysely.transaction().execute(async (trx) => {
          await invalidatePages(trx, ['a'])
          throw new Error('rolled back')
        }),
      )
      await new Promise((resolve) => setTimeout(resolve, 100))
      assert.equal((await get(A, '/tagged')).cache, 'hit')
      await dbs.first.kysely.transaction().execute((trx) => invalidatePages(trx, ['a']))
      await waitFor('the bump reached the cache', async () => (await get(A, '/tagged')).cache === 'miss', 5000)
    })

    test('a write through one instance invalidates the pages cached by another', async () => {
      await get(B, '/tagged')
      assert.equal((await get(B, '/tagged')).cache, 'hit')
      const before = B.renders.tagged!
      await post(A, '/write-a')
      await waitFor('instance B dropped its page', async () => (await get(B, '/tagged')).cache === 'miss', 5000)
      assert.equal(B.renders.tagged, before + 1)
    })
  })
}
