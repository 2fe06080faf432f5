// Linearity: the time of each pipeline component on ONE news-like document of doubling size (64, 128, 256, 512 KB by
// default), reported as ratios to the smallest. A linear component doubles its time when its input doubles (×8 at 8×
// the input); a ratio far above the input's is a component that is superlinear in document length (a quadratic pass
// over sentences, mentions or quotes). It measures and reports; it never asserts (test/fuzz-linearity.test.ts bounds
// each component's ratio on smaller documents).
import { newAnalysisDoc } from '../../analyze.js';
import { RunContext, type Component } from '../../pipeline/component.js';
import type { AnalysisDoc } from '../../pipeline/doc.js';
import { DEFAULT_COMPONENTS } from '../../pipeline/default.js';
import { corpusDocs } from '../corpus.js';
import type { BenchRow, BenchStage } from '../stages.js';

/** Document sizes, in UTF-8 bytes: each double the one before. */
export const LINEARITY_SIZES: readonly number[] = [64 * 1024, 128 * 1024, 256 * 1024, 512 * 1024];
/** Each size is timed this many times and the fastest run kept (per component). */
export const LINEARITY_REPEATS = 2;
/** Untimed runs on the smallest document first. */
const WARM_UP_RUNS = 2;
/** Base texts are joined into one document with this between them, as paragraphs of one long article. */
const JOIN = '\n\n';

export interface LinearityResult {
  /** The documents' actual UTF-8 sizes (each within a few bytes of the size asked for). */
  bytes: number[];
  /** Seconds of each component's run() at each size. */
  components: Array<{ name: string; seconds: number[] }>;
  /** Seconds of the whole pipeline at each size. */
  total: number[];
}

/**
 * One document of about `bytes` UTF-8 bytes: the texts in turn (cycling) joined as paragraphs, the last one cut at a
 * space so the document ends on a whole word.
 */
export function newsLikeText(texts: readonly string[], bytes: number): string {
  if (!texts.some((t) => t.trim() !== '')) throw new Error('newsLikeText needs at least one non-empty text');
  const parts: string[] = [];
  let size = 0;
  for (let i = 0; size < bytes; i++) {
    const t = texts[i % texts.length]!;
    if (t.trim() === '') continue;
    const sep = parts.length ? JOIN : '';
    const need = bytes - size - sep.length;
    const tBytes = Buffer.byteLength(t);
    if (tBytes <= need) {
      parts.push(sep + t);
      size += sep.length + tBytes;
      continue;
    }
    // Cut at the last space before the budget (counted in characters, then backed off while the bytes are over).
    let cut = t.lastIndexOf(' ', need);
    while (cut > 0 && Buffer.byteLength(t.slice(0, cut)) > need) cut = t.lastIndexOf(' ', cut - 1);
    const piece = cut > 0 ? t.slice(0, cut) : '';
    parts.push(sep + piece);
    size += sep.length + Buffer.byteLength(piece);
    break;
  }
  return parts.join('');
}

/** Runs every component over one document, timing each; a fresh run context, so no earlier document is linked. */
function timeOnce(components: readonly Component[], text: string): { seconds: number[]; doc: AnalysisDoc } {
  const doc = newAnalysisDoc({ id: 'linearity', source: { corpus: 'bench:linearity' }, text, date: null, outlet: null, url: null, notes: [] });
  const run = new RunContext();
  const seconds = components.map((c) => {
    const t0 = process.hrtime.bigint();
    c.run(doc, run);
    const s = Number(process.hrtime.bigint() - t0) / 1e9;
    for (const layer of c.assigns) doc.layers.add(layer);
    return s;
  });
  return { seconds, doc };
}

/** Seconds of one more run of component `c` over a document the whole pipeline has analysed (a fresh run context). */
function timeAgain(c: Component, doc: AnalysisDoc): number {
  const t0 = process.hrtime.bigint();
  c.run(doc, new RunContext());
  return Number(process.hrtime.bigint() - t0) / 1e9;
}

export interface LinearityOptions {
  /** Components (by name) run again this many more times on the analysed document of each size, fastest kept: cheap
   * components whose run reads only the layers before them and sets only their own, so a run can be repeated
   * without the whole pipeline (events, statements, claims, time). */
  rerun?: { names: readonly string[]; times: number };
}

/**
 * Times each component on one document per size (doubling sizes expected): the best of `repeats` runs, after untimed
 * warm-up runs on the smallest, so model loading, JIT warm-up and a neighbour's burst of CPU are not counted.
 */
export function measureLinearity(
  texts: readonly string[],
  sizes: readonly number[] = LINEARITY_SIZES,
  components: readonly Component[] = DEFAULT_COMPONENTS,
  progress: (message: string) => void = () => {},
  repeats = LINEARITY_REPEATS,
  options: LinearityOptions = {},
): LinearityResult {
  const docs = sizes.map((s) => newsLikeText(texts, s));
  for (let i = 0; i < WARM_UP_RUNS; i++) timeOnce(components, docs[0]!);
  const rerun = new Set(options.rerun?.names ?? []);
  const result: LinearityResult = {
    bytes: docs.map((d) => Buffer.byteLength(d)),
    components: components.map((c) => ({ name: c.name, seconds: [] })),
    total: [],
  };
  const perSize: Array<{ times: number[]; doc: AnalysisDoc }> = docs.map((text, i) => {
    let { seconds: times, doc } = timeOnce(components, text);
    for (let k = 1; k < repeats; k++) {
      const again = timeOnce(components, text);
      times = again.seconds.map((s, j) => Math.min(s, times[j]!));
      doc = again.doc;
    }
    progress(`linearity: ${(result.bytes[i]! / 1024).toFixed(0)} KB in ${times.reduce((a, b) => a + b, 0).toFixed(2)} s`);
    return { times, doc };
  });
  // The reruns go round the sizes in turn, so a stretch of a busy machine (or the collection of a large heap) falls
  // on every size alike rather than on one.
  for (let k = 0; k < (options.rerun?.times ?? 0); k++) {
    for (const { times, doc } of perSize) {
      components.forEach((c, j) => {
        if (rerun.has(c.name)) times[j] = Math.min(times[j]!, timeAgain(c, doc));
      });
    }
  }
  for (const { times } of perSize) {
    times.forEach((s, j) => result.components[j]!.seconds.push(s));
    result.total.push(times.reduce((a, b) => a + b, 0));
  }
  return result;
}

/** Time at each size over the time at the smallest (NaN when the smallest took no measurable time). */
export function ratios(seconds: readonly number[]): number[] {
  return seconds.map((s) => (seconds[0]! > 0 ? s / seconds[0]! : NaN));
}

/** A plain table of the ratios: one line per component, time at the smallest size and ×ratio at each larger one. */
export function formatLinearity(r: LinearityResult): string {
  const kb = r.bytes.map((b) => `${(b / 1024).toFixed(0)} KB`);
  const rows = [...r.components, { name: 'analyze (all components)', seconds: r.total }];
  const width = Math.max(...rows.map((x) => x.name.length));
  const head = `${'component'.padEnd(width)}  ${kb[0]!.padStart(10)}  ${kb.slice(1).map((k) => `×t @ ${k}`.padStart(14)).join('  ')}`;
  const lines = rows.map((x) => {
    const rs = ratios(x.seconds).slice(1).map((q) => (Number.isFinite(q) ? `×${q.toFixed(2)}` : '-').padStart(14));
    return `${x.name.padEnd(width)}  ${`${(x.seconds[0]! * 1000).toFixed(1)} ms`.padStart(10)}  ${rs.join('  ')}`;
  });
  const inputs = `input ×${r.bytes.slice(1).map((b) => (b / r.bytes[0]!).toFixed(0)).join(', ×')} (linear time grows by the same factors)`;
  return [head, ...lines, inputs].join('\n');
}

export const linearityStage: BenchStage = {
  name: 'linearity',
  description: `each component on one news-like document of ${LINEARITY_SIZES.map((s) => `${s / 1024}`).join(', ')} KB, time ratios to the smallest`,
  run(ctx) {
    const largest = LINEARITY_SIZES[LINEARITY_SIZES.length - 1]!;
    // The corpus order (PolNeAR and BBC interleaved): the document mixes both outlets' styles at every size.
    const texts = [...corpusDocs(ctx.base, largest + 64 * 1024)].map((d) => d.text);
    const r = measureLinearity(texts, LINEARITY_SIZES, DEFAULT_COMPONENTS, ctx.progress);
    ctx.progress(`linearity ratios:\n${formatLinearity(r)}`);
    const rows: BenchRow[] = [];
    const series = [...r.components, { name: 'analyze (all components)', seconds: r.total }];
    for (const x of series) {
      const q = ratios(x.seconds);
      r.bytes.forEach((b, i) => {
        const input = b / r.bytes[0]!;
        rows.push({
          stage: `linearity ${x.name}`,
          measuredOn: i === 0
            ? `one ${(b / 1024).toFixed(0)} KB document (the base)`
            : `one ${(b / 1024).toFixed(0)} KB document: time ×${Number.isFinite(q[i]!) ? q[i]!.toFixed(2) : '-'} for input ×${input.toFixed(0)}`,
          docs: 1,
          mb: b / 1e6,
          seconds: x.seconds[i]!,
        });
      });
    }
    return rows;
  },
};
