// Quote finding throughput (marks, four taggers, boundary rankers, assembly) over tokens the language layer produced
// beforehand, and the time to link 100,000 synthetic quotes in the run-wide statement index. The models are loaded
// before the timing starts (as the NER stage loads its tagger), and their loading time is reported beside it: it is
// paid once per process, not per megabyte. Then an untimed warm-up pass over QUOTES_WARM_UP_BYTES of the documents
// that follow the timed sample: the timer counts the CPU time of the whole process, and over the first documents that
// includes V8 compiling the finder's functions on its background threads, a one-off cost, not a per-megabyte one. The
// warm-up reads other documents than the timed ones, so their words are not already in the per-word cache.
import { newAnalysisDoc } from '../../analyze.js';
import { tokenize } from '../../language/tokenize.js';
import { RunContext } from '../../pipeline/component.js';
import { loadBoundaryModels } from '../../quotes/boundaries.js';
import { quoteFinder } from '../../quotes/component.js';
import { loadQuoteModels } from '../../quotes/model.js';
import { StatementIndex } from '../../statements/index.js';
import type { Quote } from '../../model/record.js';
import type { IngestedDoc } from '../../ingest/document.js';
import type { AnalysisDoc } from '../../pipeline/doc.js';
import { type BaseText, corpusDocs } from '../corpus.js';
import type { BenchStage } from '../stages.js';

/** Tokenising is the tokenizer's own row and slow set-up: the quote finder is timed on this much of the corpus. */
export const QUOTES_BENCH_MAX_BYTES = 3_000_000;
/** Corpus text the quote finder runs over, untimed, before the timed pass: the documents after the timed sample. A
 * steady-state figure, as the row's text says (measured here: after 0.5 MB the timed pass is still about 15 % slower
 * than after 2 MB). */
export const QUOTES_WARM_UP_BYTES = 2_000_000;
/** Synthetic quotes linked for the statement-index row. */
export const LINK_BENCH_QUOTES = 100_000;

export const quotesStage: BenchStage = {
  name: 'quote-finder',
  description: 'quote finder over pre-tokenised corpus text; statement linking of 100k synthetic quotes',
  run(ctx) {
    const limit = Math.min(ctx.targetBytes, QUOTES_BENCH_MAX_BYTES);
    const l0 = process.cpuUsage();
    loadQuoteModels();
    loadBoundaryModels();
    const l = process.cpuUsage(l0);
    const loadSeconds = (l.user + l.system) / 1e6;
    const run = new RunContext();
    const warmBytes = warmUp(ctx.base, limit, Math.min(limit, QUOTES_WARM_UP_BYTES), run);
    let seconds = 0;
    let bytes = 0;
    let docs = 0;
    let quotes = 0;
    // Tokenised before the timed pass, not between its documents: the timer counts the CPU time of the whole process,
    // and with each document tokenised just before the finder read it, V8 compiled the tokenizer's functions on its
    // background threads while the finder ran (seen with --trace-opt), time counted as the finder's.
    const sample = [...corpusDocs(ctx.base, limit)].map((input) => ({ input, doc: tokenizedDoc(input) }));
    for (const { input, doc } of sample) {
      // CPU time of this process, not wall time: the bench machine is shared and loaded.
      const c0 = process.cpuUsage();
      quoteFinder.run(doc, run);
      const c = process.cpuUsage(c0);
      seconds += (c.user + c.system) / 1e6;
      bytes += Buffer.byteLength(input.text);
      quotes += doc.record.quotes.length;
      docs++;
    }
    ctx.progress(`quotes: linking ${LINK_BENCH_QUOTES} synthetic quotes`);
    const link = linkSynthetic(LINK_BENCH_QUOTES);
    return [
      { stage: 'quote finder', measuredOn: `sample: ${(bytes / 1e6).toFixed(1)} MB, CPU time (models loaded before, in ${loadSeconds.toFixed(2)} s; then an untimed warm-up over the next ${(warmBytes / 1e6).toFixed(1)} MB of the corpus)`, docs, mb: bytes / 1e6, seconds, items: { count: quotes, unit: 'quotes' } },
      { stage: 'statement linking', measuredOn: `${LINK_BENCH_QUOTES} synthetic quotes`, docs: LINK_BENCH_QUOTES / 10, mb: link.bytes / 1e6, seconds: link.seconds, items: { count: LINK_BENCH_QUOTES, unit: 'quotes' } },
    ];
  },
};

/** A corpus document with its tokens and sentences, as the language layer gives them to the quote finder. */
function tokenizedDoc(input: IngestedDoc): AnalysisDoc {
  const doc = newAnalysisDoc(input);
  const { tokens, sentences } = tokenize(input.text);
  doc.tokens = tokens;
  doc.sentences = sentences;
  return doc;
}

/** Runs the quote finder (untimed) over `warmBytes` of the corpus documents that follow its first `skipBytes` (the
 * timed sample); returns the bytes it read. */
function warmUp(base: readonly BaseText[], skipBytes: number, warmBytes: number, run: RunContext): number {
  let skipped = 0;
  let bytes = 0;
  for (const input of corpusDocs(base, skipBytes + warmBytes)) {
    if (skipped < skipBytes) {
      skipped += input.bytes;
      continue;
    }
    quoteFinder.run(tokenizedDoc(input), run);
    bytes += input.bytes;
  }
  return bytes;
}

/** Ten quotes a document from a 5,000-word vocabulary and 500 speakers (deterministic generator). */
function linkSynthetic(count: number): { seconds: number; bytes: number } {
  const index = new StatementIndex();
  const vocab = Array.from({ length: 5000 }, (_, i) => `w${i.toString(36)}`);
  let seed = 1;
  const rand = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 4294967296;
  let bytes = 0;
  let seconds = 0;
  for (let d = 0; d * 10 < count; d++) {
    const quotes: Quote[] = [];
    for (let k = 0; k < 10; k++) {
      const text = `“${Array.from({ length: 15 }, () => vocab[Math.floor(rand() * vocab.length)]).join(' ')}”`;
      bytes += text.length;
      quotes.push({
        id: `q${d}-${k}`,
        kind: 'direct',
        content: { start: 0, end: text.length, text },
        cue: null,
        speaker: { entity: null, name: `Speaker ${Math.floor(rand() * 500)}`, mention: null, anonymous: false },
        via: null,
        statement: null,
        paraphrase_of: null,
        confidence: 1,
      });
    }
    const t0 = process.hrtime.bigint();
    index.addDocument({ id: `d${d}`, text: '', outlet: null, published: null }, quotes);
    seconds += Number(process.hrtime.bigint() - t0) / 1e9;
  }
  return { seconds, bytes };
}
