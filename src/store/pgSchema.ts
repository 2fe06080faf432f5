import pg from 'pg';

/** A fresh, empty PostgreSQL schema (dropped first if it exists); its URL sets search_path to it, so a store opened
 * on that URL lives in the schema alone. For tests and benchmarks that need many stores on one server. */
export async function freshPgSchema(base: string, name: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  try {
    await admin.query(`DROP SCHEMA IF EXISTS ${name} CASCADE`);
    await admin.query(`CREATE SCHEMA ${name}`);
  } finally {
    await admin.end();
  }
  const u = new URL(base);
  u.searchParams.set('options', `-c search_path=${name},public`);
  return {
    url: u.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: base });
      await c.connect();
      await c.query(`DROP SCHEMA IF EXISTS ${name} CASCADE`).finally(() => c.end());
    },
  };
}
