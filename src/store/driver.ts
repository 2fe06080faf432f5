// The small SQL surface the store is written against. SQL uses `?` placeholders (bound, never interpolated); the
// PostgreSQL driver numbers them ($1, $2...). Both drivers return plain row objects.

export interface SqlExecutor {
  all<T = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<T[]>;
  run(sql: string, params?: readonly unknown[]): Promise<number>;
}

export interface SqlDriver extends SqlExecutor {
  readonly dialect: 'sqlite' | 'postgres';
  readonly where: string;
  /** Creates the tables and indexes when missing. */
  migrate(): Promise<void>;
  /** fn inside one transaction holding the store-wide write lock (other processes' writers wait). */
  writeTransaction<T>(fn: (tx: SqlExecutor) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}
