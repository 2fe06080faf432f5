import { prng } from '../util/random.js';
import { parseArgs } from 'node:util';
import { Analyzer } from '../analyze.js';
import type { Quote } from '../model/record.js';
import { ATTRIBUTION_SETTINGS, SPEECH_SETTINGS, useQuoteSettings, type QuoteSettings } from '../quotes/settings.js';
import { readPolnear, type PolnearDoc, type RoleSpan } from '../train/quotesData.js';
import type { Evaluation } from './registry.js';
import { formatTable, prf } from './table.js';
import { matchGreedy } from '../util/matching.js';

// `newsledger eval quotes --gold FILE.jsonl`: the quote layer against PolNeAR-format gold. The pipeline runs on each
// raw article text; each role (content, source, cue) is scored on its own by exact span, content also by character
// overlap (>= 0.3 and >= 0.8 of the gold span, greedy one-to-one), and whole attributions by content overlap >= 0.8
// with a speaker mention that overlaps the gold one (or both absent). Intervals: bootstrap over documents.
// The quote layer runs in its 'attribution' profile (src/quotes/settings.ts) unless told otherwise: PolNeAR annotates
// beliefs, polls and findings as well as speech.

export const BOOTSTRAP_SAMPLES = 1000;
export const BOOTSTRAP_SEED = 7;

export interface Counts {
  tp: number;
  predicted: number;
  gold: number;
}

export const METRICS = ['content exact', 'source exact', 'cue exact', 'content overlap>=0.3', 'content overlap>=0.8', 'attributed'] as const;
export type Metric = (typeof METRICS)[number];
export type DocCounts = Record<Metric, Counts>;

const key = (s: RoleSpan) => `${s.start}:${s.end}`;

function exact(pred: RoleSpan[], gold: RoleSpan[]): Counts {
  const p = new Set(pred.map(key));
  const g = new Set(gold.map(key));
  let tp = 0;
  for (const k of p) if (g.has(k)) tp++;
  return { tp, predicted: p.size, gold: g.size };
}

function overlapLen(a: RoleSpan, b: RoleSpan): number {
  return Math.max(0, Math.min(a.end, b.end) - Math.max(a.start, b.start));
}

/** Greedy one-to-one matching: candidate pairs (with their overlap) best first, each side used once. */
function greedy(pred: RoleSpan[], gold: RoleSpan[], ok: (p: number, g: number) => number | null): number {
  const pairs: Array<[number, number, number]> = [];
  // Both lists are sorted by start; only overlapping pairs can match, found with a moving window.
  const order = (xs: RoleSpan[]) => xs.map((s, i) => [s, i] as const).sort((a, b) => a[0].start - b[0].start);
  const ps = order(pred);
  const gs = order(gold);
  let lo = 0;
  for (const [g, gi] of gs) {
    while (lo < ps.length && ps[lo]![0].end <= g.start - 100_000) lo++;
    for (let k = lo; k < ps.length && ps[k]![0].start < g.end; k++) {
      const score = ok(ps[k]![1], gi);
      if (score !== null) pairs.push([score, ps[k]![1], gi]);
    }
  }
  pairs.sort((a, b) => b[0] - a[0] || a[1] - b[1] || a[2] - b[2]);
  return matchGreedy(pairs.map(([, p, g]) => [p, g] as const)).size;
}

function dedupe(spans: RoleSpan[]): RoleSpan[] {
  const seen = new Map<string, RoleSpan>();
  for (const s of spans) seen.set(key(s), s);
  return [...seen.values()];
}

export function scoreDocument(doc: PolnearDoc, quotes: readonly Quote[]): DocCounts {
  const gold = doc.attributions;
  const pick = (r: 'content' | 'source' | 'cue') => gold.map((a) => a[r]).filter((x): x is RoleSpan => x !== null);
  const predContent = dedupe(quotes.map((q) => q.content));
  const goldContent = dedupe(pick('content'));
  const overlap = (thr: number): Counts => ({
    tp: greedy(predContent, goldContent, (p, g) => {
      const o = overlapLen(predContent[p]!, goldContent[g]!);
      const len = goldContent[g]!.end - goldContent[g]!.start;
      return len > 0 && o / len >= thr ? o / len : null;
    }),
    predicted: predContent.length,
    gold: goldContent.length,
  });
  const goldAttr = gold.filter((a) => a.content !== null);
  const predAttr = quotes.map((q) => q.content);
  const attributed: Counts = {
    tp: greedy(predAttr, goldAttr.map((a) => a.content!), (p, g) => {
      const gc = goldAttr[g]!.content!;
      const o = overlapLen(predAttr[p]!, gc) / Math.max(1, gc.end - gc.start);
      if (o < 0.8) return null;
      const ps = quotes[p]!.speaker.mention;
      const gs = goldAttr[g]!.source;
      const speakerOk = ps === null && gs === null ? true : ps !== null && gs !== null && overlapLen(ps, gs) > 0;
      return speakerOk ? o : null;
    }),
    predicted: predAttr.length,
    gold: goldAttr.length,
  };
  return {
    'content exact': exact(predContent, goldContent),
    'source exact': exact(quotes.map((q) => q.speaker.mention).filter((m): m is NonNullable<typeof m> => m !== null), pick('source')),
    'cue exact': exact(quotes.map((q) => q.cue).filter((m): m is NonNullable<typeof m> => m !== null), pick('cue')),
    'content overlap>=0.3': overlap(0.3),
    'content overlap>=0.8': overlap(0.8),
    attributed,
  };
}

function sum(docs: DocCounts[], m: Metric, idx?: number[]): Counts {
  const out = { tp: 0, predicted: 0, gold: 0 };
  const take = idx ?? docs.map((_, i) => i);
  for (const i of take) {
    const c = docs[i]![m];
    out.tp += c.tp;
    out.predicted += c.predicted;
    out.gold += c.gold;
  }
  return out;
}


export interface MetricScore {
  p: number;
  r: number;
  f1: number;
  lo: number;
  hi: number;
}

/** P/R/F1 of each metric over all documents, with a bootstrap 95% interval of F1 (documents resampled). */
export function summarise(docs: DocCounts[], samples = BOOTSTRAP_SAMPLES, seed = BOOTSTRAP_SEED): Record<Metric, MetricScore> {
  const random = prng(seed);
  const draws: number[][] = [];
  for (let s = 0; s < samples; s++) draws.push(docs.map(() => Math.floor(random() * docs.length)));
  const out = {} as Record<Metric, MetricScore>;
  for (const m of METRICS) {
    const c = sum(docs, m);
    const { p, r, f1 } = prf(c.tp, c.predicted, c.gold);
    const f1s = draws.map((idx) => {
      const b = sum(docs, m, idx);
      return prf(b.tp, b.predicted, b.gold).f1;
    });
    f1s.sort((a, b) => a - b);
    out[m] = { p, r, f1, lo: f1s[Math.floor(0.025 * (samples - 1))] ?? f1, hi: f1s[Math.ceil(0.975 * (samples - 1))] ?? f1 };
  }
  return out;
}

/** The whole pipeline on a raw text, on a run of its own with the given quote settings (as analyzeText). */
export function analyzeWith(settings: Readonly<QuoteSettings>): (text: string, id: string) => { quotes: Quote[] } {
  return (text, id) => {
    const analyzer = new Analyzer();
    useQuoteSettings(analyzer.run, settings);
    return analyzer.analyze({ id, source: { corpus: 'inline' }, text, date: null, outlet: null, url: null, notes: [] });
  };
}

/** Runs the pipeline on every document of a PolNeAR-format file and scores it. `analyze` defaults to the whole
 * pipeline on the raw text in the 'attribution' profile; tests pass a pipeline of their own. */
export function evaluateQuotes(
  path: string,
  limit?: number,
  analyze: (text: string, id: string) => { quotes: Quote[] } = analyzeWith(ATTRIBUTION_SETTINGS),
): { docs: number; scores: Record<Metric, MetricScore>; seconds: number; chars: number } {
  const docs = readPolnear(path).slice(0, limit ?? Infinity);
  const t0 = performance.now();
  let chars = 0;
  const counts = docs.map((d) => {
    chars += d.text.length;
    const record = analyze(d.text, d.id);
    return scoreDocument(d, record.quotes);
  });
  return { docs: docs.length, scores: summarise(counts), seconds: (performance.now() - t0) / 1000, chars };
}

export const quotesEvaluation: Evaluation = {
  name: 'quotes',
  usage:
    'quotes --gold FILE.jsonl [--limit N] [--profile attribution|speech]\n' +
    '        quote attribution against PolNeAR-format gold: exact-span P/R/F1 of content, source and cue, content\n' +
    '        overlap >= 0.3 / 0.8, attributed quotes; bootstrap 95% intervals over documents. The quote layer runs in\n' +
    '        its attribution profile (beliefs and polls too, as PolNeAR annotates) unless --profile speech. The quote\n' +
    '        models are read from $NEWSLEDGER_QUOTE_MODELS when set (a directory written by train:quotes --out DIR)',
  async run(args, io) {
    const { values } = parseArgs({ args, options: { gold: { type: 'string' }, limit: { type: 'string' }, profile: { type: 'string' } } });
    if (!values.gold) {
      io.err('newsledger eval quotes: --gold FILE.jsonl is required');
      return 2;
    }
    if (values.profile !== undefined && values.profile !== 'speech' && values.profile !== 'attribution') {
      io.err('newsledger eval quotes: --profile is attribution or speech');
      return 2;
    }
    const settings = values.profile === 'speech' ? SPEECH_SETTINGS : ATTRIBUTION_SETTINGS;
    const { docs, scores, seconds, chars } = evaluateQuotes(values.gold, values.limit ? Number(values.limit) : undefined, analyzeWith(settings));
    const rows: Array<Array<string | number>> = [['metric', 'P', 'R', 'F1', '95% CI']];
    for (const m of METRICS) {
      const s = scores[m];
      rows.push([m, s.p, s.r, s.f1, `${s.lo.toFixed(3)}-${s.hi.toFixed(3)}`]);
    }
    io.out(`${docs} documents, ${(chars / 1e6).toFixed(2)} M chars, ${seconds.toFixed(1)} s (whole pipeline, quotes profile ${settings.profile})`);
    io.out(formatTable(rows));
    return 0;
  },
};
