/**
 * Backups of the whole database, online (the server keeps running while a backup is taken):
 *
 * - SQLite: SQLite's online backup API (better-sqlite3's `backup`), which copies a consistent snapshot page
 *   by page while other connections keep writing — never a file copy, which can tear a WAL database. The
 *   backup is checked with `integrity_check` before it is kept. Restoring copies a checked backup into the
 *   database file through the same API (stop the servers first: a restore replaces everything).
 * - PostgreSQL: `pg_dump --format=custom` of the application's schema and of its job schema (pg-boss). A
 *   restore drops those schemas and recreates them from the backup in **one transaction** (`pg_restore`'s
 *   SQL fed to `psql --single-transaction`: all or nothing; `pg_restore --clean` cannot drop pg-boss's
 *   partitioned tables one by one). The PostgreSQL client tools (`pg_dump`, `pg_restore`, `psql`) must be
 *   installed and of the server's major version or newer.
 */
import { spawn } from 'node:child_process'
import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs'
import { dirname } from 'node:path'
import SQLite from 'better-sqlite3'
import { sql, type Kysely } from 'kysely'
import type { DatabaseConfig } from '../config.js'
import { jobSchemaOf } from '../jobs/pgboss-store.js'

export interface BackupReport {
  file: string
  bytes: number
  seconds: number
}

/** Runs `command`; resolves with its standard output. */
function capture(command: string, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString()
    })
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString()
    })
    child.on('error', (error) => reject(new Error(`${command} introuvable ou impossible à lancer : ${error.message}`)))
    child.on('close', (code) => (code === 0 ? resolve(stdout) : reject(new Error(`${command} a échoué (code ${code}) : ${stderr.trim().slice(0, 2000)}`))))
  })
}

/** Drops the schemas of the dump and restores them, in one transaction (see the module comment). */
async function restorePostgres(url: string, file: string): Promise<void> {
  const toc = await capture('pg_restore', ['--list', file])
  const schemas = [...toc.matchAll(/^\d+; \d+ \d+ SCHEMA - (\S+) /gm)].map((m) => m[1] as string)
  if (schemas.length === 0) throw new Error(`${file} n'est pas une sauvegarde d'Alliance (aucun schéma)`)
  const drops = schemas.map((s) => `drop schema if exists "${s.replace(/"/g, '""')}" cascade;`).join(' ')
  await new Promise<void>((resolve, reject) => {
    const dump = spawn('pg_restore', ['--no-owner', '--no-privileges', '--file', '-', file], { stdio: ['ignore', 'pipe', 'pipe'] })
    const psql = spawn('psql', ['--quiet', '--no-psqlrc', '--single-transaction', '--set', 'ON_ERROR_STOP=1', '--command', drops, '--file', '-', '--dbname', url], { stdio: ['pipe', 'ignore', 'pipe'] })
    dump.stdout.pipe(psql.stdin)
    let stderr = ''
    dump.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString()
    })
    psql.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString()
    })
    const ended = (child: ReturnType<typeof spawn>, name: string) =>
      new Promise<number | null>((done, fail) => {
        child.on('error', (error) => fail(new Error(`${name} introuvable : ${error.message}`)))
        child.on('close', (code) => done(code))
      })
    Promise.all([ended(dump, 'pg_restore'), ended(psql, 'psql')]).then(([dumpCode, psqlCode]) => {
      if (dumpCode === 0 && psqlCode === 0) resolve()
      else reject(new Error(`la restauration a échoué (rien n'a changé) : ${stderr.trim().slice(0, 2000)}`))
    }, reject)
  })
}

function run(command: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'ignore', 'pipe'] })
    let stderr = ''
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString()
    })
    child.on('error', (error) => reject(new Error(`${command} introuvable ou impossible à lancer : ${error.message}`)))
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`${command} a échoué (code ${code}) : ${stderr.trim().slice(0, 2000)}`))))
  })
}

async function sizeOf(file: string): Promise<number> {
  const { stat } = await import('node:fs/promises')
  return (await stat(file)).size
}

/** `integrity_check` of a SQLite file: throws unless it answers `ok`. */
function checkSqliteFile(file: string): void {
  const db = new SQLite(file, { readonly: true, fileMustExist: true })
  try {
    const result = db.pragma('integrity_check', { simple: true })
    if (result !== 'ok') throw new Error(`la sauvegarde ${file} est endommagée : ${String(result)}`)
  } finally {
    db.close()
  }
}

/** The schemas a PostgreSQL backup holds: the application's and its jobs'. */
async function pgSchemas(db: Kysely<any>): Promise<string[]> {
  const { rows } = await sql<{ schema: string }>`select current_schema() as schema`.execute(db)
  const current = rows[0]?.schema ?? 'public'
  const jobs = await jobSchemaOf(db)
  const { rows: present } = await sql<{ n: number }>`select count(*) as n from pg_namespace where nspname = ${jobs}`.execute(db)
  return Number(present[0]?.n ?? 0) > 0 ? [current, jobs] : [current]
}

/**
 * Backs up the database of `config` into `file` (created; an existing file is replaced only once the new
 * backup is complete and checked). `db` is an open connection to the same database (for the schemas).
 */
export async function backupDatabase(config: DatabaseConfig, db: Kysely<any>, file: string): Promise<BackupReport> {
  const started = performance.now()
  mkdirSync(dirname(file), { recursive: true })
  const partial = `${file}.partiel`
  rmSync(partial, { force: true })
  if (config.dialect === 'sqlite') {
    if (config.file === ':memory:') throw new Error('une base en mémoire ne se sauvegarde pas')
    const source = new SQLite(config.file, { fileMustExist: true })
    try {
      await source.backup(partial)
    } finally {
      source.close()
    }
    checkSqliteFile(partial)
  } else {
    const schemas = await pgSchemas(db)
    await run('pg_dump', ['--format=custom', '--no-owner', '--no-privileges', ...schemas.flatMap((s) => ['--schema', s]), '--file', partial, '--dbname', config.url])
  }
  renameSync(partial, file)
  return { file, bytes: await sizeOf(file), seconds: (performance.now() - started) / 1000 }
}

/**
 * Restores `file` (made by `backupDatabase`) into the database of `config`, replacing its content. Stop the
 * servers and workers first. On PostgreSQL the restore is one transaction: on error nothing changed.
 */
export async function restoreDatabase(config: DatabaseConfig, file: string): Promise<BackupReport> {
  const started = performance.now()
  if (!existsSync(file)) throw new Error(`sauvegarde introuvable : ${file}`)
  if (config.dialect === 'sqlite') {
    if (config.file === ':memory:') throw new Error('une base en mémoire ne se restaure pas')
    checkSqliteFile(file)
    mkdirSync(dirname(config.file), { recursive: true })
    const source = new SQLite(file, { readonly: true, fileMustExist: true })
    try {
      await source.backup(config.file)
    } finally {
      source.close()
    }
    checkSqliteFile(config.file)
  } else {
    await restorePostgres(config.url, file)
  }
  return { file, bytes: await sizeOf(file), seconds: (performance.now() - started) / 1000 }
}
