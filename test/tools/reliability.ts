// Helpers of the reliability tests (test/reliability-store-*.test.ts): ingest and worker processes with the stub
// analyser, an API server on a store reading in a loop while they write, and the PostgreSQL test server's schemas.
import { serve } from '@hono/node-server';
import { spawn } from 'node:child_process';
import type { AddressInfo } from 'node:net';
import { cliCommand } from '../../src/bench/stages/faults.js';
import { createApp, type AppOptions } from '../../src/server/app.js';
import { Ledger } from '../../src/store/ledger.js';
import type { Store } from '../../src/store/store.js';
import { StubLedgerAnalyzer } from '../../src/store/stub.js';
import { PACKAGE_ROOT } from '../../src/version.js';

export interface ProcessResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stderr: string;
}

/** `newsledger ingest ARGS` (or `worker ARGS` with args[0] 'worker') in a child process, stub analyser. */
export function spawnLedger(args: string[], env: Record<string, string> = {}) {
  const cli = cliCommand();
  const child = spawn(process.execPath, [...cli.execArgv, cli.file, ...args], {
    cwd: PACKAGE_ROOT,
    env: { ...process.env, NEWSLEDGER_ANALYZER: 'stub', ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
  const done = new Promise<ProcessResult>((resolve) => {
    let exit: [number | null, NodeJS.Signals | null] | null = null;
    // 'close' comes once its standard error is read to the end; should anything else hold that pipe open, the
    // result comes 2 s after 'exit' anyway, the pipe closed, so a test can never wait on it for ever.
    child.on('close', (code, signal) => resolve({ code: exit?.[0] ?? code, signal: exit?.[1] ?? signal, stderr }));
    child.on('exit', (code, signal) => {
      exit = [code, signal];
      setTimeout(() => {
        child.stderr.destroy();
        resolve({ code, signal, stderr });
      }, 2000).unref();
    });
  });
  return { child, done };
}

/** The counts of an ingest summary line ("N input(s): a stored, b new version(s), c unchanged, d failed"). */
export function parseSummary(stderr: string): { inputs: number; stored: number; newVersions: number; unchanged: number; failed: number } {
  const m = /(\d+) input\(s\): (\d+) stored, (\d+) new version\(s\), (\d+) unchanged, (\d+) failed/.exec(stderr);
  if (!m) throw new Error(`no ingest summary in: ${stderr.slice(-500)}`);
  const [inputs, stored, newVersions, unchanged, failed] = m.slice(1).map(Number) as [number, number, number, number, number];
  return { inputs, stored, newVersions, unchanged, failed };
}

/**
 * Serves the API over `store` on a loopback port and reads it in a loop (listings, full-text search, one document,
 * health) until stop() is called; resolves with how many reads were made and every failed one.
 */
export async function readLoop(store: Store): Promise<{ stop: () => Promise<{ reads: number; failures: string[] }> }> {
  const ledger = new Ledger(store, () => new StubLedgerAnalyzer());
  // Asserted rather than declared: the API's options may grow (security settings) without this test caring.
  const app = createApp({ store, ledger, token: null, maxBodyBytes: 1_000_000 } as AppOptions);
  const server = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 });
  await new Promise<void>((r) => server.once('listening', () => r()));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const paths = ['/api/documents?limit=5', '/api/quotes?q=remark&limit=5', '/api/search?q=harbour&layer=documents&limit=5',
    '/api/entities?limit=5', '/health', '/api/documents/f3'];
  let running = true;
  let reads = 0;
  const failures: string[] = [];
  const loop = (async () => {
    for (let i = 0; running; i++) {
      const path = paths[i % paths.length]!;
      try {
        const res = await fetch(base + path);
        await res.text();
        // A document not stored yet is a 404, not a failure.
        if (res.status !== 200 && !(res.status === 404 && path.startsWith('/api/documents/'))) failures.push(`${path}: HTTP ${res.status}`);
      } catch (e) {
        failures.push(`${path}: ${(e as Error).message}`);
      }
      reads++;
      await new Promise((r) => setTimeout(r, 5));
    }
  })();
  return {
    stop: async () => {
      running = false;
      await loop;
      const closing = new Promise<void>((r) => server.close(() => r()));
      (server as { closeAllConnections?: () => void }).closeAllConnections?.();
      await closing;
      return { reads, failures };
    },
  };
}
