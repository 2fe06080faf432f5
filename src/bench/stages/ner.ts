// NER tagging throughput: the two-stage perceptron tagger over tokens the language layer produced beforehand
// (tokenising is the tokenizer's own row), on a slice of the corpus, in tokens/s.
import { tagTokens } from '../../entities/tagger/mentions.js';
import { sharedTagger } from '../../entities/tagger/tagger.js';
import { tokenize } from '../../language/tokenize.js';
import { corpusDocs } from '../corpus.js';
import type { BenchStage } from '../stages.js';

/** Tokenising with wink-nlp is slow set-up, so the tagger is timed on this much of the corpus only. */
export const NER_BENCH_MAX_BYTES = 3_000_000;

export const nerTaggingStage: BenchStage = {
  name: 'ner',
  description: 'NER tagger (features, two Viterbi passes, mentions) over pre-tokenised corpus text, CPU time, one cold pass',
  run(ctx) {
    const limit = Math.min(ctx.targetBytes, NER_BENCH_MAX_BYTES);
    const tagger = sharedTagger();
    let seconds = 0;
    let bytes = 0;
    let docs = 0;
    let tokens = 0;
    for (const doc of corpusDocs(ctx.base, limit)) {
      const { tokens: toks, sentences } = tokenize(doc.text);
      // CPU time of this process, not wall time: the machine may be shared, and the requirement is per core.
      const t0 = process.cpuUsage();
      tagTokens(tagger, toks, sentences);
      const t = process.cpuUsage(t0);
      seconds += (t.user + t.system) / 1e6;
      bytes += Buffer.byteLength(doc.text);
      tokens += toks.length;
      docs++;
    }
    return [
      { stage: 'ner tagger', measuredOn: `sample: ${(bytes / 1e6).toFixed(1)} MB`, docs, mb: bytes / 1e6, seconds, items: { count: tokens, unit: 'tokens' } },
    ];
  },
};
