// The shared store suite on PostgreSQL, when a server is reachable at NEWSLEDGER_TEST_PG (scripts/ci-postgres.sh
// starts one). Each test gets a fresh schema, so tests never see each other's rows. Without a server the suite is
// skipped with a message, except under CI (CI=true), where a missing server is a failure.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import pg from 'pg';
import { openStore } from '../src/store/open.js';
import { storeSuite } from './fixtures/store/suite.js';
import { pgTestUrl } from './fixtures/store/pg.js';

const base = await pgTestUrl();
if (!base.url && process.env.CI === 'true') {
  test('postgres store: a server is required under CI', () => {
    assert.fail(`no PostgreSQL server: ${base.reason} (run scripts/ci-postgres.sh and export NEWSLEDGER_TEST_PG)`);
  });
}

let n = 0;
const run = `t${process.pid}`;
storeSuite('postgres', async () => {
  const schema = `${run}_${++n}`;
  const admin = new pg.Client({ connectionString: base.url! });
  await admin.connect();
  await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  await admin.query(`CREATE SCHEMA ${schema}`);
  await admin.end();
  const u = new URL(base.url!);
  u.searchParams.set('options', `-c search_path=${schema},public`);
  return openStore(u.toString());
}, base.url ? false : `no PostgreSQL server (${base.reason}); set NEWSLEDGER_TEST_PG or run scripts/ci-postgres.sh`);

test.after(async () => {
  if (!base.url) return;
  const admin = new pg.Client({ connectionString: base.url });
  await admin.connect();
  for (let i = 1; i <= n; i++) await admin.query(`DROP SCHEMA IF EXISTS ${run}_${i} CASCADE`);
  await admin.end();
});
