import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';

const bin = join(import.meta.dirname, '..', 'dist', 'src', 'cli', 'main.js');

// `npx newsledger` runs the package's bin file directly, so the build must leave it executable.
test('the built CLI is executable', { skip: !existsSync(bin) && process.env.CI !== 'true' ? 'not built (npm run build)' : false }, () => {
  assert.ok(existsSync(bin), `${bin} is missing: npm ci should build it`);
  assert.ok((statSync(bin).mode & 0o111) !== 0, `${bin} is not executable`);
});
