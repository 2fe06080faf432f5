// `newsledger eval extract --bench DIR`: main-text extraction on the Scrapinghub article-extraction benchmark.
// Per page, precision and recall of word 4-gram shingles of the extracted body against articleBody (the benchmark's
// own measure: \w+ tokens, shingle counts, per-page tp/fp/fn normalised to sum 1); mean precision and mean recall over
// pages, F1 from the two means. The 181 pages are split by a hash of their id into a half we tune on and a half we
// only report on. Plain @mozilla/readability runs on the same pages in the same run.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { gunzipSync } from 'node:zlib';
import { Readability } from '@mozilla/readability';
import { decodeMarkup } from '../ingest/html/charset.js';
import { parseDocument } from '../ingest/html/dom.js';
import { bodyText } from '../ingest/html/layout.js';
import { readHtmlString } from '../ingest/html/readHtml.js';
import { PACKAGE_ROOT } from '../version.js';
import type { Evaluation } from './registry.js';
import { formatTable } from './table.js';

export const AEB_DIR = join(PACKAGE_ROOT, '..', 'shared', 'data', 'aeb');
/** Shingle length of the benchmark. */
const SHINGLE_N = 4;

export type Half = 'tune' | 'report';

/** FNV-1a of the id, low bit: a stable split that does not depend on file order. */
export function halfOf(id: string): Half {
  let h = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) {
    h ^= id.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h & 1 ? 'report' : 'tune';
}

// Python's \w with re.UNICODE: letters, digits (and other numerics) and underscore.
const TOKEN = /[\p{L}\p{N}_]+/gu;

function shingles(text: string): Map<string, number> {
  const t = text.match(TOKEN) ?? [];
  const m = new Map<string, number>();
  for (let i = 0; i < Math.max(1, t.length - SHINGLE_N + 1); i++) {
    const k = t.slice(i, i + SHINGLE_N).join(' ');
    if (k) m.set(k, (m.get(k) ?? 0) + 1);
  }
  return m;
}

export interface PageScore {
  tp: number;
  fp: number;
  fn: number;
}

export function shingleMatch(truth: string, pred: string): PageScore {
  const a = shingles(truth);
  const b = shingles(pred);
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (const [k, x] of a) {
    const y = b.get(k) ?? 0;
    tp += Math.min(x, y);
    fn += Math.max(0, x - y);
  }
  for (const [k, y] of b) fp += Math.max(0, y - (a.get(k) ?? 0));
  const s = tp + fp + fn;
  return s > 0 ? { tp: tp / s, fp: fp / s, fn: fn / s } : { tp: 0, fp: 0, fn: 0 };
}

export interface Summary {
  pages: number;
  precision: number;
  recall: number;
  f1: number;
}

/** The benchmark's aggregation: precision over pages that predicted something, recall over pages with a truth. */
export function summarise(scores: PageScore[]): Summary {
  const precision = (s: PageScore) => (s.fp === 0 && s.fn === 0 ? 1 : s.tp === 0 && s.fp === 0 ? 0 : s.tp / (s.tp + s.fp));
  const recall = (s: PageScore) => (s.fp === 0 && s.fn === 0 ? 1 : s.tp === 0 && s.fn === 0 ? 0 : s.tp / (s.tp + s.fn));
  const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0);
  const p = mean(scores.filter((s) => s.tp + s.fp > 0).map(precision));
  const r = mean(scores.filter((s) => s.tp + s.fn > 0).map(recall));
  return { pages: scores.length, precision: p, recall: r, f1: p + r ? (2 * p * r) / (p + r) : 0 };
}

export interface Extractor {
  name: string;
  extract(html: string, id: string): string;
}

export const newsledgerExtractor: Extractor = {
  name: 'newsledger',
  extract(html, id) {
    const doc = readHtmlString(html, { id, source: { corpus: 'aeb' } });
    return bodyText(doc.text, doc.structureHints!);
  },
};

export const readabilityExtractor: Extractor = {
  name: 'readability (plain)',
  extract(html) {
    const r = new Readability(parseDocument(html) as never).parse();
    return r?.textContent ?? '';
  },
};

export interface SystemResult {
  system: string;
  half: Half;
  summary: Summary;
  seconds: number;
  bytes: number;
  pages: Array<{ id: string; score: PageScore; error?: string }>;
}

export interface BenchPage {
  id: string;
  html: string;
  bytes: number;
  truth: string;
}

export function loadBench(dir: string, half: Half | 'both'): BenchPage[] {
  const truth = JSON.parse(readFileSync(join(dir, 'ground-truth.json'), 'utf8')) as Record<string, { articleBody?: string }>;
  const out: BenchPage[] = [];
  for (const id of Object.keys(truth).sort()) {
    if (half !== 'both' && halfOf(id) !== half) continue;
    const raw = gunzipSync(readFileSync(join(dir, 'html', `${id}.html.gz`)));
    // Decoding is set-up shared by both systems (Readability gets the same text), so it is outside the timing.
    out.push({ id, html: decodeMarkup(raw).text, bytes: raw.length, truth: truth[id]!.articleBody ?? '' });
  }
  return out;
}

export function runExtractor(x: Extractor, pages: BenchPage[], half: Half): SystemResult {
  const res: SystemResult = { system: x.name, half, summary: summarise([]), seconds: 0, bytes: 0, pages: [] };
  for (const p of pages) {
    const t0 = process.hrtime.bigint();
    let text = '';
    let error: string | undefined;
    try {
      text = x.extract(p.html, p.id);
    } catch (e) {
      error = (e as Error).message;
    }
    res.seconds += Number(process.hrtime.bigint() - t0) / 1e9;
    res.bytes += p.bytes;
    res.pages.push({ id: p.id, score: shingleMatch(p.truth, text), ...(error ? { error } : {}) });
  }
  res.summary = summarise(res.pages.map((p) => p.score));
  return res;
}

export const extractEvaluation: Evaluation = {
  name: 'extract',
  usage: 'extract [--bench DIR] [--half tune|report|both] [--worst N]   HTML main text vs the article-extraction benchmark (and plain Readability)',
  async run(args, io) {
    const { values } = parseArgs({
      args,
      options: { bench: { type: 'string', default: AEB_DIR }, half: { type: 'string', default: 'both' }, worst: { type: 'string', default: '0' } },
    });
    const dir = values.bench!;
    if (!existsSync(join(dir, 'ground-truth.json'))) {
      io.err(`newsledger: no benchmark at ${dir} (expected ground-truth.json and html/<id>.html.gz)`);
      return 1;
    }
    const halves: Half[] = values.half === 'both' ? ['tune', 'report'] : [values.half as Half];
    const rows: Array<Array<string | number>> = [['system', 'half', 'pages', 'precision', 'recall', 'F1', 'pages/s', 'MB/s']];
    for (const half of halves) {
      const pages = loadBench(dir, half);
      for (const x of [newsledgerExtractor, readabilityExtractor]) {
        const r = runExtractor(x, pages, half);
        const s = r.summary;
        rows.push([r.system, half, s.pages, s.precision, s.recall, s.f1, (s.pages / r.seconds).toFixed(1), (r.bytes / 1e6 / r.seconds).toFixed(2)]);
        const errors = r.pages.filter((p) => p.error);
        for (const e of errors) io.err(`newsledger: ${x.name}: ${e.id}: ${e.error}`);
        // Worst pages are listed for the tuning half only: the reporting half is not looked into.
        const n = Number(values.worst);
        if (n > 0 && half === 'tune' && x === newsledgerExtractor) {
          const worst = r.pages.slice().sort((a, b) => f1Of(a.score) - f1Of(b.score)).slice(0, n);
          for (const w of worst) io.out(`worst ${w.id} P=${prec(w.score).toFixed(3)} R=${rec(w.score).toFixed(3)}`);
        }
      }
    }
    io.out(formatTable(rows));
    io.out('MB/s is of page bytes (uncompressed HTML); decoding is outside the timing for both systems.');
    return 0;
  },
};

const prec = (s: PageScore) => (s.tp + s.fp ? s.tp / (s.tp + s.fp) : 0);
const rec = (s: PageScore) => (s.tp + s.fn ? s.tp / (s.tp + s.fn) : 0);
const f1Of = (s: PageScore) => (prec(s) + rec(s) ? (2 * prec(s) * rec(s)) / (prec(s) + rec(s)) : 0);
