// The shared store suite on SQLite: a fresh database file per test in a temporary folder.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from '../src/store/open.js';
import { storeSuite } from './fixtures/store/suite.js';

const dir = mkdtempSync(join(tmpdir(), 'newsledger-store-'));
process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
let n = 0;

storeSuite('sqlite', () => openStore(join(dir, `t${++n}.db`)), false);
