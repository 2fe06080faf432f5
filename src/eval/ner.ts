import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { pseudoDocuments, readConll } from '../entities/tagger/conll.js';
import { winkPosOfWords } from '../entities/tagger/pos.js';
import { conllScores, type TypeScore } from '../entities/tagger/score.js';
import { loadTagger, MODEL_DIR, type NerTagger } from '../entities/tagger/tagger.js';
import type { Evaluation } from './registry.js';
import { formatTable } from './table.js';

export const nerEvaluation: Evaluation = {
  name: 'ner',
  usage:
    'ner --conll FILE [--model DIR]\n' +
    '        entity-level precision, recall and F1 per type and overall (conlleval: span and type must match) of the\n' +
    '        named-entity tagger on a CoNLL-2003 style file (token ... NER columns, IOB tags, blank line between\n' +
    '        sentences); documents are -DOCSTART- sections or, without them, headline + dateline pseudo-documents',
  async run(args, io) {
    const { values } = parseArgs({ args, options: { conll: { type: 'string' }, model: { type: 'string' } } });
    if (!values.conll) {
      io.err('newsledger eval ner: --conll FILE is required');
      return 2;
    }
    const started = Date.now();
    const rows = evaluateConll(readFileSync(values.conll, 'utf8'), loadTagger(values.model ?? MODEL_DIR));
    io.out(renderScores(rows));
    io.err(`(${((Date.now() - started) / 1000).toFixed(1)} s)`);
    return 0;
  },
};

/** Tags a CoNLL file's sentences document by document (POS from wink-nlp, as at run time) and scores them. */
export function evaluateConll(content: string, tagger: NerTagger): TypeScore[] {
  const { sentences, docStarts } = readConll(content);
  const predicted: string[][] = new Array(sentences.length);
  for (const [a, b] of pseudoDocuments(sentences, docStarts)) {
    const input = sentences.slice(a, b).map((s) => ({ words: s.words, pos: winkPosOfWords(s.words) }));
    tagger.tagDocument(input).forEach((t, i) => (predicted[a + i] = t.tags));
  }
  return conllScores(
    sentences.map((s) => s.tags),
    predicted,
  );
}

export function renderScores(rows: readonly TypeScore[]): string {
  const table: Array<Array<string | number>> = [['type', 'gold', 'predicted', 'correct', 'precision', 'recall', 'F1']];
  for (const r of rows) table.push([r.type, r.gold, r.predicted, r.correct, r.precision.toFixed(4), r.recall.toFixed(4), r.f1.toFixed(4)]);
  return formatTable(table);
}
