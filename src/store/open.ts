// Opens the store a --db argument names: a postgres:// URL, or a SQLite file (created on first use).
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { PostgresDriver } from './postgres.js';
import { SqliteDriver } from './sqlite.js';
import { SqlStore } from './sqlStore.js';

export const DEFAULT_DB = 'newsledger.db';

/** The store named by --db, else NEWSLEDGER_DB, else ./newsledger.db. */
export function dbArgument(value: string | undefined): string {
  return value ?? process.env.NEWSLEDGER_DB ?? DEFAULT_DB;
}

/** Whether the store exists (a PostgreSQL URL is taken to): commands that only read or repair one check first. */
export function storeExists(db: string): boolean {
  return /^postgres(ql)?:\/\//.test(db) || db === ':memory:' || existsSync(resolve(db));
}

export async function openStore(db: string, options: { poolSize?: number } = {}): Promise<SqlStore> {
  const driver = /^postgres(ql)?:\/\//.test(db) ? new PostgresDriver(db, options.poolSize) : new SqliteDriver(db === ':memory:' ? db : resolve(db));
  const store = new SqlStore(driver);
  try {
    await driver.migrate();
  } catch (e) {
    await driver.close().catch(() => undefined);
    throw e;
  }
  return store;
}
