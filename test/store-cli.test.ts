// The ledger's CLI commands, run in-process on a temporary SQLite file: ingest (files, folders, JSONL, bad inputs
// reported by name), search with exports, and corrections with their history.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { correctCommand } from '../src/cli/commands/correct.js';
import { ingestCommand } from '../src/cli/commands/ingest.js';
import { searchCommand } from '../src/cli/commands/search.js';
import type { CliIO } from '../src/cli/command.js';

const dir = mkdtempSync(join(tmpdir(), 'newsledger-cli-'));
process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
const db = join(dir, 'ledger.db');

function capture(): CliIO & { outLines: string[]; errLines: string[] } {
  const outLines: string[] = [];
  const errLines: string[] = [];
  return { outLines, errLines, out: (l) => outLines.push(l), err: (l) => errLines.push(l) };
}

const ARTICLE = (who: string) => ` date 2024-05-02 Council approves bridge repairs\n\nThe city council approved the repairs on Tuesday. ` +
  `"The bridge will reopen in June," said ${who}, the council leader. Residents welcomed the news.\n`;

test('ingest reads a folder and a JSONL corpus, reports bad inputs by name, stores each document once', async () => {
  const folder = join(dir, 'news');
  mkdirSync(folder);
  writeFileSync(join(folder, 'a.txt'), ARTICLE('Maria Lopez'));
  writeFileSync(join(folder, 'empty.txt'), '');
  writeFileSync(join(folder, 'notes.md'), 'not news');
  const corpus = join(dir, 'corpus.jsonl');
  writeFileSync(corpus, JSON.stringify({ id: 'j1', text: ARTICLE('Tom Baker'), url: 'https://example.org/j1', outlet: 'Gazette' }) + '\n{broken\n');
  const io = capture();
  assert.equal(await ingestCommand.run(['--db', db, folder], io), 1, 'exit 1: an input failed');
  assert.ok(io.errLines.some((l) => l.includes('empty.txt') && /empty/.test(l)), io.errLines.join('\n'));
  const io2 = capture();
  await ingestCommand.run(['--db', db, '--input', 'jsonl', corpus], io2);
  assert.ok(io2.errLines.some((l) => l.includes('corpus.jsonl:2')), io2.errLines.join('\n'));
  const io3 = capture();
  await ingestCommand.run(['--db', db, join(folder, 'a.txt')], io3);
  assert.match(io3.errLines.at(-1)!, /0 stored, 0 new version\(s\), 1 unchanged, 0 failed/);
});

test('search exports documents as CSV and JSONL', async () => {
  const io = capture();
  assert.equal(await searchCommand.run(['--db', db, '--layer', 'documents', '--format', 'csv', 'bridge'], io), 0);
  assert.match(io.outLines[0]!, /^key,version,versions,url,outlet,headline/);
  assert.equal(io.outLines.length, 3);
  const io2 = capture();
  await searchCommand.run(['--db', db, '--layer', 'documents', '--outlet', 'Gazette'], io2);
  assert.deepEqual(io2.outLines.map((l) => JSON.parse(l).key), ['https://example.org/j1']);
  await assert.rejects(searchCommand.run(['--db', db, '--from', 'May'], capture()), /YYYY-MM-DD/);
});

test('corrections from the CLI are listed with who and why', async () => {
  const io = capture();
  assert.equal(await correctCommand.run(['--db', db, 'reject', 'quotes', 'a', 'a:q999', '--why', 'test', '--who', 'tester'], io), 1);
  assert.match(io.errLines[0]!, /no quote/);
  const list = capture();
  await correctCommand.run(['--db', db, 'list'], list);
  assert.equal(list.outLines.length, 0);
});
