import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type ConllSentence, pseudoDocuments, readConll } from '../entities/tagger/conll.js';
import { winkPosOfWords } from '../entities/tagger/pos.js';
import { PACKAGE_ROOT } from '../version.js';

/** The shared data folder: ../shared/data next to the repository. */
export const SHARED_DATA = join(PACKAGE_ROOT, '..', 'shared', 'data');
export const CONLL_TRAIN = join(SHARED_DATA, 'conll2003', 'eng.train');
export const CONLL_DEV = join(SHARED_DATA, 'conll2003', 'eng.testa');

export interface PosSentence extends ConllSentence {
  pos: string[];
}

/** A CoNLL file with wink-nlp POS (the corpus's own PTB POS column is ignored: at run time only wink's exists). */
export interface ConllDocs {
  sentences: PosSentence[];
  /** Pseudo-documents as [first sentence, one past the last]. */
  docs: Array<[number, number]>;
}

export function readConllWithPos(path: string): ConllDocs {
  const { sentences, docStarts } = readConll(readFileSync(path, 'utf8'));
  const withPos = sentences.map((s) => ({ ...s, pos: winkPosOfWords(s.words) }));
  return { sentences: withPos, docs: pseudoDocuments(withPos, docStarts) };
}

export function hasSharedData(): boolean {
  return existsSync(CONLL_TRAIN) && existsSync(CONLL_DEV);
}
