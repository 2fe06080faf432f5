// A worker thread answering listings from its own connection to the server's SQLite file. better-sqlite3 is
// synchronous, so an aggregate over every row (entities and statements across documents: hundreds of milliseconds on
// a store of tens of thousands of documents) would stop the server's event loop, and every other request with it;
// here it only occupies this thread. WAL lets this reader and the server's writer work at the same time.
import { parentPort, workerData } from 'node:worker_threads';
import { listLayer } from '../cli/commands/search.js';
import { openStore } from '../store/open.js';
import type { Filters, PageRequest } from '../store/store.js';
import type { LAYERS } from '../store/params.js';

export interface ReadRequest {
  id: number;
  layer: (typeof LAYERS)[number];
  filters: Filters;
  page: PageRequest;
}

/** The page, and how long the query took here (not counting the wait for this thread). */
export type ReadAnswer = { id: number; result: unknown; ms: number } | { id: number; error: string };

async function main(): Promise<void> {
  const store = await openStore((workerData as { path: string }).path);
  parentPort!.on('message', (m: ReadRequest | 'close') => {
    if (m === 'close') {
      void store.close().then(() => parentPort!.close());
      return;
    }
    const t0 = performance.now();
    listLayer(store, m.layer, m.filters, m.page).then(
      (result) => parentPort!.postMessage({ id: m.id, result, ms: performance.now() - t0 } satisfies ReadAnswer),
      (e: unknown) => parentPort!.postMessage({ id: m.id, error: (e as Error)?.stack ?? String(e) } satisfies ReadAnswer),
    );
  });
  parentPort!.postMessage('ready');
}

if (parentPort) void main().catch((e: unknown) => {
  // The server falls back to answering on its own thread when this one fails to start.
  parentPort!.postMessage({ id: -1, error: (e as Error)?.stack ?? String(e) } satisfies ReadAnswer);
});
