// The shared store suite on PostgreSQL, when a server is reachable at NEWSLEDGER_TEST_PG (scripts/ci-postgres.sh
// starts one). Each test gets a fresh schema, so tests never see each other's rows. Without a server the suite is
// skipped with a message, except under CI (CI=true), where a missing server is a failure.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import pg from 'pg';
import { openStore } from '../src/store/open.js';
import { storeSuite } from './fixtures/store/suite.js';
import { freshPgSchema } from '../src/store/pgSchema.js';
import { pgTestUrl } from './fixtures/store/pg.js';

const base = await pgTestUrl();
if (!base.url && process.env.CI === 'true') {
  test('postgres store: a server is required under CI', () => {
    assert.fail(`no PostgreSQL server: ${base.reason} (run scripts/ci-postgres.sh and export NEWSLEDGER_TEST_PG)`);
  });
}

let n = 0;
const run = `t${process.pid}`;
const drops: Array<() => Promise<void>> = [];
storeSuite('postgres', async () => {
  const schema = await freshPgSchema(base.url!, `${run}_${++n}`);
  drops.push(schema.drop);
  return openStore(schema.url);
}, base.url ? false : `no PostgreSQL server (${base.reason}); set NEWSLEDGER_TEST_PG or run scripts/ci-postgres.sh`);

test.after(async () => {
  for (const drop of drops) await drop();
});
