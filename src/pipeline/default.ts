import { entityResolver } from '../entities/component.js';
import { nerTagger } from '../entities/tagger/component.js';
import { claimExtractor } from '../events/claims/component.js';
import { eventExtractor } from '../events/component.js';
import { timeResolver } from '../events/time/component.js';
import { languageDetector, tokenizer } from '../language/component.js';
import { quoteFinder } from '../quotes/component.js';
import { statementLinker } from '../statements/component.js';
import { structureReader } from '../structure/component.js';
import type { Component } from './component.js';
import { Pipeline } from './pipeline.js';

/** The standard pipeline, in data-flow order; the Pipeline constructor checks it against what each declares. */
export const DEFAULT_COMPONENTS: readonly Component[] = [
  structureReader,
  languageDetector,
  tokenizer,
  nerTagger,
  entityResolver,
  timeResolver,
  quoteFinder,
  statementLinker,
  eventExtractor,
  claimExtractor,
];

export function defaultPipeline(): Pipeline {
  return new Pipeline(DEFAULT_COMPONENTS);
}
