/** The `alliance` command, run as a person would run it (a child process on a temporary SQLite file). */
import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { after, describe, test } from 'node:test'
import { connect } from '../../src/core/db/connect.js'
import type { Database } from '../../src/database.js'

const ROOT = fileURLToPath(new URL('../..', import.meta.url))
const dir = mkdtempSync(join(tmpdir(), 'alliance-cli-'))
const file = join(dir, 'cli.sqlite')

function alliance(args: string[], env: Record<string, string> = {}) {
  const result = spawnSync(process.execPath, ['bin/alliance.js', ...args], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', NODE_ENV: 'test', DATABASE_URL: `sqlite:${file}`, ALLIANCE_DATA_DIR: dir, ...env },
    encoding: 'utf8',
    timeout: 120_000,
  })
  return { code: result.status, out: result.stdout, err: result.stderr }
}

describe('alliance CLI', () => {
  after(() => rmSync(dir, { recursive: true, force: true }))

  test('a wrong environment lists every problem and exits with status 2', () => {
    const res = alliance(['db', 'status'], { PORT: 'abc', ALLIANCE_DEMO: 'peut-être' })
    assert.equal(res.code, 2)
    assert.match(res.err, /PORT : entier attendu/)
    assert.match(res.err, /ALLIANCE_DEMO : attendu : 1 ou 0/)
  })

  test('db migrate applies the migrations once', () => {
    const first = alliance(['db', 'migrate'])
    assert.equal(first.code, 0, first.err)
    assert.match(first.out, /Migrations appliquées/)
    const second = alliance(['db', 'migrate'])
    assert.match(second.out, /Base déjà à jour/)
    assert.match(alliance(['db', 'status']).out, /Aucune migration en attente/)
  })

  test('geo load loads the whole geography, then knows it is loaded', () => {
    const first = alliance(['geo', 'load'])
    assert.equal(first.code, 0, first.err)
    assert.match(first.out, /Géographie [\d.]+ chargée : \d{5} territoires/)
    assert.match(alliance(['geo', 'load']).out, /déjà chargée/)
  })

  test('db prepare, on a database already prepared (no demo asked), only does the light part', () => {
    const res = alliance(['db', 'prepare'], { ALLIANCE_DEMO: '0' })
    assert.equal(res.code, 0, res.err)
    assert.doesNotMatch(res.out, /Migrations appliquées|Chargement de la géographie/)
  })

  test('demo scale writes fictional organisations, needs and resources spread over France, flagged demo', async () => {
    const res = alliance(['demo', 'scale', '--organisations', '40', '--resources', '150', '--needs', '60', '--seed', '7'])
    assert.equal(res.code, 0, res.err)
    assert.match(res.out, /Données fictives générées : 40 organisations, 60 besoins, 150 ressources en [\d.]+ s \(\d+ lignes\/s\)/)
    const db = connect<Database>({ dialect: 'sqlite', file })
    const resources = await db.kysely.selectFrom('resources').select(['id', 'is_demo', 'seat_departement_id']).execute()
    const documents = await db.kysely.selectFrom('search_documents').select((eb) => eb.fn.countAll().as('n')).where('kind', 'in', ['need', 'resource']).executeTakeFirstOrThrow()
    await db.close()
    assert.equal(resources.length, 150)
    assert.ok(resources.every((r) => r.is_demo === 1 && r.id.startsWith('5ca1e')))
    assert.ok(new Set(resources.map((r) => r.seat_departement_id)).size > 5, 'spread over many départements')
    assert.equal(Number(documents.n), 210)
    assert.equal(alliance(['demo', 'scale', '--resources', 'beaucoup']).code, 2)
  })

  test('admin create makes a platform admin with a generated password, or promotes an account', async () => {
    const res = alliance(['admin', 'create', '--email', 'Admin@Example.org', '--name', 'Claude Admin'])
    assert.equal(res.code, 0, res.err)
    assert.match(res.out, /Administrateur créé : Admin@Example.org/)
    assert.match(res.out, /Mot de passe \(affiché une seule fois\) : \S{20,}/)
    const passwordFile = join(dir, 'password')
    writeFileSync(passwordFile, 'un mot de passe choisi et long\n')
    const again = alliance(['admin', 'create', '--email', 'admin@example.org', '--password-file', passwordFile])
    assert.match(again.out, /Compte existant promu/)
    const db = connect<Database>({ dialect: 'sqlite', file })
    const user = await db.kysely.selectFrom('users').selectAll().where('email', '=', 'admin@example.org').executeTakeFirstOrThrow()
    await db.close()
    assert.equal(user.is_platform_admin, 1)
    assert.equal(user.display_name, 'Claude Admin')
    const bad = alliance(['admin', 'create', '--email', 'pas-une-adresse'])
    assert.equal(bad.code, 2)
  })
})
