import type { CliIO } from '../cli/command.js';
import { nerEvaluation } from './ner.js';
import { quotesEvaluation } from './quotes.js';
import { seedsEvaluation } from './seeds/command.js';
import { timeEvaluation } from './time.js';
import { extractEvaluation } from './extract.js';

/** One `newsledger eval KIND` scorer. Each lives in src/eval/ and is listed here. */
export interface Evaluation {
  name: string;
  /** One usage line, e.g. "seeds [--gold FILE] [--docs DIR]   structure, entities, quotes ... against seeds.gold.json". */
  usage: string;
  run(args: string[], io: CliIO): Promise<number>;
}

export const EVALUATIONS: Evaluation[] = [seedsEvaluation, nerEvaluation, quotesEvaluation, timeEvaluation, extractEvaluation];
