// `newsledger analyze` on a batch with bad inputs among good ones: each bad input gets one message naming it, the
// rest are analysed, and the exit code is non-zero only when nothing could be analysed. Run in-process (fast), plus
// one spawned run of the real entry point for exit codes and standard error.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { analyzeCommand } from '../src/cli/commands/analyze.js';
import { UsageError } from '../src/cli/command.js';
import type { NewsRecord } from '../src/model/record.js';

const ROOT = join(import.meta.dirname, '..');
const FIXTURES = join(import.meta.dirname, 'fixtures', 'ingest');
const tmp = mkdtempSync(join(tmpdir(), 'newsledger-cli-'));
process.on('exit', () => rmSync(tmp, { recursive: true, force: true }));

async function analyze(args: string[]): Promise<{ code: number; err: string[]; records: NewsRecord[] }> {
  const out = join(tmp, `out-${Math.random().toString(36).slice(2)}.jsonl`);
  const err: string[] = [];
  const code = await analyzeCommand.run([...args, '--out', out], { out: () => {}, err: (l) => err.push(l) });
  const text = readFileSync(out, 'utf8');
  const records = text === '' ? [] : text.trimEnd().split('\n').map((l) => JSON.parse(l) as NewsRecord);
  return { code, err, records };
}

const empty = join(tmp, 'empty.txt');
const binary = join(tmp, 'photo.txt');
const folder = join(tmp, 'folder');
const missing = join(tmp, 'missing.txt');
writeFileSync(empty, '');
writeFileSync(binary, Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46, 0, 1]));
mkdirSync(folder, { recursive: true });

test('a text batch: bad files are named with their reason, the good ones are analysed, exit 0', async () => {
  const good = ['windows-1252.txt', 'utf8-bom.txt', 'utf16le-bom.txt', 'mojibake.txt'].map((f) => join(FIXTURES, f));
  const { code, err, records } = await analyze([empty, good[0]!, binary, folder, missing, ...good.slice(1)]);
  assert.equal(code, 0);
  assert.deepEqual(records.map((r) => (r.source as { path: string }).path), good);
  const messages = err.slice(0, -1);
  assert.equal(messages.length, 4, err.join('\n'));
  for (const [file, reason] of [[empty, /empty/], [binary, /binary/], [folder, /directory/], [missing, /no such file/]] as const) {
    const line = messages.find((m) => m.includes(file));
    assert.ok(line, `no message names ${file}`);
    assert.match(line, reason);
  }
  assert.match(err.at(-1)!, /analysed 4 document\(s\), 4 failed/);
  // Decoding is recorded in the record's notes; the text is the decoded file, offsets count from its start.
  assert.ok(records[0]!.notes.includes('ingest: decoded as windows-1252'));
  assert.ok(records[2]!.text.startsWith('Rail operator fined'));
});

test('nothing analysable: exit 1, every file still named', async () => {
  const { code, err, records } = await analyze([empty, binary, missing]);
  assert.equal(code, 1);
  assert.equal(records.length, 0);
  for (const f of [empty, binary, missing]) assert.ok(err.some((m) => m.includes(f)), f);
});

test('--input jsonl: bad lines are named file:line, good lines analysed with their text exactly as given', async () => {
  const corpus = join(FIXTURES, 'corpus.jsonl');
  const blank = join(tmp, 'blank.jsonl');
  writeFileSync(blank, '\n\n');
  const { code, err, records } = await analyze(['--input', 'jsonl', corpus, blank, missing, folder]);
  assert.equal(code, 0);
  const lines = readFileSync(corpus, 'utf8').split('\r\n');
  assert.deepEqual(records.map((r) => r.text), [0, 7].map((i) => (JSON.parse(lines[i]!) as { text: string }).text));
  assert.deepEqual(records.map((r) => r.id), ['wire-001', `${corpus}:8`]);
  for (const n of [2, 3, 4, 5, 6]) assert.ok(err.some((m) => m.includes(`${corpus}:${n}:`)), `line ${n} not reported`);
  assert.ok(err.some((m) => m.includes(blank) && /no JSON lines/.test(m)));
  assert.ok(err.some((m) => m.includes(missing) && /no such file/.test(m)));
  assert.ok(err.some((m) => m.includes(folder) && /directory/.test(m)));
});

test('usage errors are UsageErrors (exit 2 from main)', async () => {
  const io = { out: () => {}, err: () => {} };
  await assert.rejects(analyzeCommand.run([], io), UsageError);
  await assert.rejects(analyzeCommand.run(['--input', 'xml', 'a.txt'], io), UsageError);
});

test('the real entry point: records on stdout, messages on stderr, exit codes', () => {
  const cli = (args: string[]) =>
    spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'src', 'cli', 'main.ts'), ...args], {
      cwd: ROOT,
      encoding: 'utf8',
    });
  const ok = cli(['analyze', join(FIXTURES, 'utf8-bom.txt'), missing]);
  assert.equal(ok.status, 0, ok.stderr);
  const record = JSON.parse(ok.stdout.trim()) as NewsRecord;
  assert.ok(record.text.startsWith('Parish council'));
  assert.match(ok.stderr, new RegExp(`${missing.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: no such file`));
  const bad = cli(['analyze', missing]);
  assert.equal(bad.status, 1);
  assert.equal(bad.stdout, '');
  assert.equal(cli(['analyze']).status, 2);
});
