// PostgreSQL driver (pg): a connection pool; writers serialise on a transaction-scoped advisory lock, so several
// processes (server, CLI, workers) can share one store and each document is written whole or not at all.
import pg from 'pg';
import type { SqlDriver, SqlExecutor } from './driver.js';
import { POSTGRES_SCHEMA } from './schema.js';

/** The advisory lock key of the ledger's writers (any fixed 64-bit number unlikely to clash with other apps). */
export const WRITE_LOCK_KEY = 7_402_611_207;

/** `?` placeholders to `$1, $2...`. The store's SQL never has a `?` inside a string literal. */
export function numberPlaceholders(sql: string): string {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
}

class PgExecutor implements SqlExecutor {
  constructor(private readonly client: pg.Pool | pg.PoolClient) {}

  async all<T>(sql: string, params: readonly unknown[] = []): Promise<T[]> {
    const res = await this.client.query(numberPlaceholders(sql), params as unknown[]);
    return res.rows as T[];
  }

  async run(sql: string, params: readonly unknown[] = []): Promise<number> {
    const res = await this.client.query(numberPlaceholders(sql), params as unknown[]);
    return res.rowCount ?? 0;
  }
}

// COUNT(*) and BIGINT/BIGSERIAL columns come back as strings by default; the store's numbers fit in a double.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));

export class PostgresDriver implements SqlDriver {
  readonly dialect = 'postgres' as const;
  readonly where: string;
  readonly pool: pg.Pool;
  private readonly exec: PgExecutor;

  constructor(readonly url: string, poolSize = 10) {
    this.pool = new pg.Pool({ connectionString: url, max: poolSize });
    // An idle client losing its connection must not crash the process; the next query reconnects.
    this.pool.on('error', () => undefined);
    this.exec = new PgExecutor(this.pool);
    const u = new URL(url);
    this.where = `postgres://${u.host}${u.pathname}`;
  }

  all<T>(sql: string, params?: readonly unknown[]): Promise<T[]> {
    return this.exec.all<T>(sql, params);
  }

  run(sql: string, params?: readonly unknown[]): Promise<number> {
    return this.exec.run(sql, params);
  }

  async migrate(): Promise<void> {
    const client = await this.pool.connect();
    try {
      // Two processes starting together must not both create the tables: the schema is built under the lock.
      await client.query('BEGIN');
      await client.query('SELECT pg_advisory_xact_lock($1)', [WRITE_LOCK_KEY]);
      await client.query(POSTGRES_SCHEMA);
      await client.query('COMMIT');
    } catch (e) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw e;
    } finally {
      client.release();
    }
  }

  async writeTransaction<T>(fn: (tx: SqlExecutor) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      await client.query('SELECT pg_advisory_xact_lock($1)', [WRITE_LOCK_KEY]);
      const result = await fn(new PgExecutor(client));
      await client.query('COMMIT');
      return result;
    } catch (e) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw e;
    } finally {
      client.release();
    }
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}
