// SQLite driver (better-sqlite3): one file, WAL so readers never wait for the writer, a busy timeout so a second
// process's writer waits for the lock instead of failing at once.
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { SqlDriver, SqlExecutor } from './driver.js';
import { SQLITE_SCHEMA } from './schema.js';

/** How long a writer waits for another process's write lock before giving up. */
export const SQLITE_BUSY_TIMEOUT_MS = 30_000;

export class SqliteDriver implements SqlDriver {
  readonly dialect = 'sqlite' as const;
  readonly db: Database.Database;
  private queue: Promise<unknown> = Promise.resolve();
  private readonly statements = new Map<string, Database.Statement>();

  constructor(readonly where: string) {
    if (where !== ':memory:') mkdirSync(dirname(where), { recursive: true });
    this.db = new Database(where);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma(`busy_timeout = ${SQLITE_BUSY_TIMEOUT_MS}`);
    // NORMAL is durable across application crashes in WAL mode; only an OS crash can lose the last transactions.
    this.db.pragma('synchronous = NORMAL');
    this.db.pragma('foreign_keys = ON');
  }

  private prepare(sql: string): Database.Statement {
    let s = this.statements.get(sql);
    if (!s) {
      s = this.db.prepare(sql);
      this.statements.set(sql, s);
    }
    return s;
  }

  async all<T>(sql: string, params: readonly unknown[] = []): Promise<T[]> {
    return this.prepare(sql).all(...params.map(bindable)) as T[];
  }

  async run(sql: string, params: readonly unknown[] = []): Promise<number> {
    return this.prepare(sql).run(...params.map(bindable)).changes;
  }

  async migrate(): Promise<void> {
    this.db.exec(SQLITE_SCHEMA);
  }

  writeTransaction<T>(fn: (tx: SqlExecutor) => Promise<T>): Promise<T> {
    // One connection: transactions in this process take turns (a second BEGIN on it would fail), and BEGIN
    // IMMEDIATE takes the file's write lock up front so other processes' writers wait (busy timeout).
    const next = this.queue.then(async () => {
      this.db.exec('BEGIN IMMEDIATE');
      try {
        const result = await fn(this);
        this.db.exec('COMMIT');
        return result;
      } catch (e) {
        if (this.db.inTransaction) this.db.exec('ROLLBACK');
        throw e;
      }
    });
    this.queue = next.catch(() => undefined);
    return next;
  }

  async close(): Promise<void> {
    await this.queue;
    this.db.close();
  }
}

/** better-sqlite3 binds numbers, strings, bigints, buffers and null; booleans become 0/1, undefined null. */
function bindable(v: unknown): unknown {
  if (v === undefined) return null;
  if (typeof v === 'boolean') return v ? 1 : 0;
  return v;
}
