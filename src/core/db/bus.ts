/**
 * Messages between the processes of one database: "a job was enqueued", "these public pages changed".
 *
 * PostgreSQL: `pg_notify` sent with the writer's transaction (PostgreSQL delivers it at commit, and never if
 * the transaction rolls back) and one dedicated `LISTEN` connection per process, reconnected when lost; after
 * a reconnection, subscribers are told to resynchronise (messages sent meanwhile are gone). The channel is
 * named after the application's schema, so that test schemas sharing one server do not hear each other.
 *
 * SQLite: a single machine, usually one server process; messages are delivered in this process only (a
 * separate `alliance worker` polls instead, and the page cache reads its versions from the database).
 */
import { createHash } from 'node:crypto'
import { sql, type Kysely } from 'kysely'
import pg from 'pg'
import { dialectOf } from './dialect.js'

export type BusHandler = (message: string) => void

export interface Bus {
  /** Sends `message` on `topic` with `db` (pass the writer's transaction: delivered after its commit). */
  publish(db: Kysely<any>, topic: string, message: string): Promise<void>
  /** Calls `handler` for each message of `topic`, from any process (this one included). */
  subscribe(topic: string, handler: BusHandler): void
  /** Calls `handler` after the listening connection was (re)established: messages may have been missed. */
  onResync(handler: () => void): void
  /** True when messages from other processes are being received (always true on SQLite). */
  readonly listening: boolean
  close(): Promise<void>
}

class Subscribers {
  private readonly handlers = new Map<string, BusHandler[]>()
  readonly resync: Array<() => void> = []

  add(topic: string, handler: BusHandler): void {
    const list = this.handlers.get(topic) ?? []
    list.push(handler)
    this.handlers.set(topic, list)
  }

  deliver(raw: string): void {
    const colon = raw.indexOf(':')
    const topic = colon < 0 ? raw : raw.slice(0, colon)
    const message = colon < 0 ? '' : raw.slice(colon + 1)
    for (const handler of this.handlers.get(topic) ?? []) handler(message)
  }
}

/** In-process delivery (SQLite). */
class LocalBus implements Bus {
  private readonly subscribers = new Subscribers()
  readonly listening = true

  async publish(_db: Kysely<any>, topic: string, message: string): Promise<void> {
    queueMicrotask(() => this.subscribers.deliver(`${topic}:${message}`))
  }

  subscribe(topic: string, handler: BusHandler): void {
    this.subscribers.add(topic, handler)
  }

  onResync(handler: () => void): void {
    this.subscribers.resync.push(handler)
  }

  async close(): Promise<void> {}
}

/** LISTEN/NOTIFY (PostgreSQL). */
class PostgresBus implements Bus {
  private readonly subscribers = new Subscribers()
  private client: pg.Client | null = null
  private closed = false
  private retryTimer: NodeJS.Timeout | null = null
  listening = false

  constructor(
    private readonly url: string,
    private readonly channel: string,
    private readonly log?: (error: unknown) => void,
  ) {}

  async publish(db: Kysely<any>, topic: string, message: string): Promise<void> {
    await sql`select pg_notify(${this.channel}, ${`${topic}:${message}`})`.execute(db)
  }

  subscribe(topic: string, handler: BusHandler): void {
    this.subscribers.add(topic, handler)
  }

  onResync(handler: () => void): void {
    this.subscribers.resync.push(handler)
  }

  async connect(): Promise<void> {
    if (this.closed) return
    const client = new pg.Client({ connectionString: this.url, application_name: 'alliance-listen' })
    client.on('notification', (n) => {
      if (n.channel === this.channel && n.payload !== undefined) this.subscribers.deliver(n.payload)
    })
    const lost = (error?: unknown) => {
      if (this.client !== client) return
      this.client = null
      this.listening = false
      if (error) this.log?.(error)
      client.end().catch(() => {})
      this.scheduleReconnect()
    }
    client.on('error', lost)
    client.on('end', () => lost())
    try {
      await client.connect()
      await client.query(`listen "${this.channel}"`)
    } catch (error) {
      client.end().catch(() => {})
      this.log?.(error)
      this.scheduleReconnect()
      return
    }
    if (this.closed) {
      await client.end().catch(() => {})
      return
    }
    this.client = client
    this.listening = true
    for (const handler of this.subscribers.resync) handler()
  }

  private scheduleReconnect(): void {
    if (this.closed || this.retryTimer) return
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null
      void this.connect()
    }, 1000)
    this.retryTimer.unref()
  }

  async close(): Promise<void> {
    this.closed = true
    this.listening = false
    if (this.retryTimer) clearTimeout(this.retryTimer)
    const client = this.client
    this.client = null
    if (client) await client.end().catch(() => {})
  }
}

/** The bus of each open database, found from any of its transactions (they share the dialect adapter). */
const buses = new WeakMap<object, Bus>()

/** Makes `bus` the bus of `db` (and of its transactions). */
export function attachBus(db: Kysely<any>, bus: Bus): void {
  buses.set(db.getExecutor().adapter, bus)
}

/** The bus attached to `db`, or undefined (a CLI command without one: other processes are not told). */
export function busOf(db: Kysely<any>): Bus | undefined {
  return buses.get(db.getExecutor().adapter)
}

/**
 * Opens the bus of a database. On PostgreSQL `url` is the connection string; the channel is derived from the
 * current schema. Resolves once listening (or after a first failed attempt, retried in the background).
 */
export async function openBus(db: Kysely<any>, url: string | undefined, log?: (error: unknown) => void): Promise<Bus> {
  if (dialectOf(db) !== 'postgres' || url === undefined) return new LocalBus()
  const { rows } = await sql<{ schema: string }>`select current_schema() as schema`.execute(db)
  const channel = `alliance_${createHash('sha256').update(rows[0]?.schema ?? 'public').digest('hex').slice(0, 16)}`
  const bus = new PostgresBus(url, channel, log)
  await bus.connect()
  return bus
}
