// Listings that aggregate across every document (entities, statements) are answered from a cache, computed off the
// event loop. Each is a GROUP BY over all their rows: hundreds of milliseconds on tens of thousands of documents, and
// on SQLite (a synchronous driver) that time would stop every other request too. So:
//   - an answer is kept with the store's generation (last stored version, newest correction) and reused while the
//     store has not changed;
//   - when the store has changed (another process ingesting, say), an answer that was expensive to compute (over
//     EXPENSIVE_MS) is served as it is for up to MAX_STALE_MS while a new one is computed in the background; cheap
//     ones are never kept but computed for each request, so small stores (and tests) always see their latest
//     writes. Background recomputation is rationed (BACKGROUND_PAUSE: half of the time at most): under a steady
//     stream of writes every answer is always out of date, and recomputing them all without pause would take a core
//     from the requests;
//   - writes through this server drop the cache, so its own writes show at once;
//   - on a SQLite file, a listing not known to be cheap is computed on a worker thread with a connection of its own
//     (readWorker.ts), so the event loop never waits for an expensive one.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { listLayer } from '../cli/commands/search.js';
import type { LAYERS } from '../store/params.js';
import type { Filters, Page, PageRequest, Store } from '../store/store.js';
import type { ReadAnswer, ReadRequest } from './readWorker.js';

type Layer = (typeof LAYERS)[number];

/** The layers whose listings aggregate across documents. */
export const AGGREGATE_LAYERS: ReadonlySet<Layer> = new Set(['entities', 'statements']);

/** A listing slower than this to compute is kept, may be served stale while it is redone, and goes to the worker. */
export const EXPENSIVE_MS = 50;
/** The longest an answer is served after the store changed (writes by other processes). */
export const MAX_STALE_MS = 30_000;
/** Even an unchanged generation is recomputed after this long (reanalyze rewrites records without a new version). */
const TTL_MS = 60_000;
const MAX_ENTRIES = 256;
/** Background recomputation waits until the time since the last one ended is this many times what it took. */
const BACKGROUND_PAUSE = 1;
/** A listing measured cheaper than this is computed on the event loop (and not kept): queued behind expensive ones on
 * the worker, it would wait far longer than it takes. */
const INLINE_MS = EXPENSIVE_MS;
const GENERATION_MS = 250;

interface Entry {
  value: Page<object>;
  gen: string;
  at: number;
  cost: number;
}

export class AggregateReads {
  private readonly entries = new Map<string, Entry>();
  private readonly inflight = new Map<string, Promise<Page<object>>>();
  /** Bumped by invalidate(): a computation started before a write does not fill the cache after it. */
  private epoch = 0;
  private worker: Worker | null = null;
  /** False once the worker failed (or where there is no file to share): everything is computed here. */
  private workerUsable: boolean;
  private readonly pending = new Map<number, { resolve: (p: { value: Page<object>; cost: number }) => void; reject: (e: Error) => void; req: ReadRequest }>();
  private nextId = 0;
  /** What each listing last cost to compute, kept or not (bounded, oldest dropped first). */
  private readonly costs = new Map<string, number>();

  constructor(private readonly store: Store) {
    this.workerUsable = store.dialect === 'sqlite' && store.where !== ':memory:' && existsSync(store.where);
  }

  async list(layer: Layer, filters: Filters, page: PageRequest): Promise<Page<object>> {
    const key = JSON.stringify([layer, filters, page.limit, page.offset]);
    const e = this.entries.get(key);
    // Only expensive answers are kept: a cheap one is computed again, so it is never out of date.
    if (!e) return this.refresh(key, layer, filters, page, await this.generation());
    const gen = await this.generation();
    const now = Date.now();
    if (e.gen === gen && now - e.at < TTL_MS) return e.value;
    if (now - e.at < MAX_STALE_MS) {
      if (this.mayRefreshInBackground(now)) this.refresh(key, layer, filters, page, gen).catch(() => undefined);
      return e.value;
    }
    return this.refresh(key, layer, filters, page, gen);
  }

  /** Whether answers are being computed on the worker thread. */
  get threaded(): boolean {
    return this.worker !== null;
  }

  /** Writes through this server: the next read computes afresh. */
  invalidate(): void {
    this.epoch++;
    this.gen = null;
    this.entries.clear();
    this.inflight.clear();
  }

  close(): void {
    this.worker?.postMessage('close');
    this.worker = null;
    this.workerUsable = false;
  }

  private gen: { value: Promise<string>; at: number } | null = null;

  /** The store's generation, asked at most every GENERATION_MS (only kept answers, which may be stale anyway, use it). */
  private generation(): Promise<string> {
    const now = Date.now();
    if (!this.gen || now - this.gen.at > GENERATION_MS) {
      // One after the other, each awaited: a store failing on the first must leave no second promise unhandled.
      const value = (async () => {
        const seq = await this.store.lastSeq();
        const corrections = await this.store.listCorrections({}, { limit: 1, offset: 0 });
        return `${seq}:${corrections.items[0]?.id ?? 0}`;
      })();
      value.catch(() => (this.gen = null));
      this.gen = { value, at: now };
    }
    return this.gen.value;
  }

  /** Whether the background may recompute one more answer now: nothing else is being computed, and the pause since
   * the last computation is BACKGROUND_PAUSE times its length (so at most half the time goes to this). */
  private mayRefreshInBackground(now: number): boolean {
    return this.inflight.size === 0 && now - this.lastEnd >= BACKGROUND_PAUSE * this.lastCost;
  }

  private lastEnd = 0;
  private lastCost = 0;

  private refresh(key: string, layer: Layer, filters: Filters, page: PageRequest, gen: string): Promise<Page<object>> {
    const running = this.inflight.get(key);
    if (running) return running;
    const epoch = this.epoch;
    const p = this.compute(key, layer, filters, page).then(({ value, cost }) => {
      this.lastEnd = Date.now();
      this.lastCost = cost;
      this.costs.delete(key);
      this.costs.set(key, cost);
      if (this.costs.size > 4 * MAX_ENTRIES) this.costs.delete(this.costs.keys().next().value!);
      if (epoch === this.epoch && cost > EXPENSIVE_MS) {
        this.entries.delete(key);
        this.entries.set(key, { value, gen, at: Date.now(), cost });
        if (this.entries.size > MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value!);
      }
      return value;
    }).finally(() => {
      if (this.inflight.get(key) === p) this.inflight.delete(key);
    });
    this.inflight.set(key, p);
    return p;
  }

  /** The page and what computing it cost (the query's own time: not the wait for the worker). */
  private async compute(key: string, layer: Layer, filters: Filters, page: PageRequest): Promise<{ value: Page<object>; cost: number }> {
    // On a SQLite file an aggregate goes to the worker unless it was measured cheap: until one has been computed
    // there is no telling, and an expensive one here would stop every other request.
    const known = this.costs.get(key);
    if (known === undefined || known >= INLINE_MS) {
      if (!this.worker && this.workerUsable) this.startWorker();
      if (this.worker) return this.onWorker({ id: this.nextId++, layer, filters, page });
    }
    const t0 = performance.now();
    const value = await listLayer(this.store, layer, filters, page);
    return { value, cost: performance.now() - t0 };
  }

  private onWorker(req: ReadRequest): Promise<{ value: Page<object>; cost: number }> {
    return new Promise((resolve, reject) => {
      // The thread keeps the process alive while it owes an answer, and only then.
      if (this.pending.size === 0) this.worker!.ref();
      this.pending.set(req.id, { resolve, reject, req });
      this.worker!.postMessage(req);
    });
  }

  private startWorker(): void {
    const fromSource = fileURLToPath(import.meta.url).endsWith('.ts');
    const file = new URL(fromSource ? './readWorker.ts' : './readWorker.js', import.meta.url);
    let w: Worker;
    try {
      if (fromSource) {
        // Run from source (tsx: tests, benchmarks), the thread registers tsx itself: loader hooks are not inherited.
        const tsx = import.meta.resolve('tsx/esm/api');
        const boot = `import(${JSON.stringify(tsx)}).then((t) => { t.register(); return import(${JSON.stringify(file.href)}); })`;
        w = new Worker(boot, { eval: true, workerData: { path: this.store.where } });
      } else {
        w = new Worker(file, { workerData: { path: this.store.where } });
      }
    } catch {
      this.workerUsable = false;
      return;
    }
    const fail = () => {
      if (this.worker !== w) return;
      this.worker = null;
      this.workerUsable = false;
      // What was asked of the failed thread is answered here instead.
      for (const [id, p] of this.pending) {
        this.pending.delete(id);
        const t0 = performance.now();
        listLayer(this.store, p.req.layer, p.req.filters, p.req.page).then((value) => p.resolve({ value, cost: performance.now() - t0 }), p.reject);
      }
    };
    w.on('message', (m: ReadAnswer | 'ready') => {
      if (m === 'ready') return;
      if (m.id === -1) return fail();
      const p = this.pending.get(m.id);
      if (!p) return;
      this.pending.delete(m.id);
      if (this.pending.size === 0) w.unref();
      if ('error' in m) p.reject(new Error(`read worker: ${m.error}`));
      else p.resolve({ value: m.result as Page<object>, cost: m.ms });
    });
    w.on('error', fail);
    w.on('exit', fail);
    // After the listeners: adding a message listener refs the thread again, and an idle one must not keep the
    // process alive (serve ends on a signal; tests end when their work does).
    w.unref();
    this.worker = w;
  }
}
