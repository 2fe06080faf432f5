import { languageDetector, tokenizer } from '../language/component.js';
import { structureReader } from '../structure/component.js';
import type { Component } from './component.js';
import { Pipeline } from './pipeline.js';

/**
 * The standard pipeline, in data-flow order. Each later layer (entities, quotes, statements, events, claims) adds its
 * component here; the Pipeline constructor checks the order against what each declares.
 */
export const DEFAULT_COMPONENTS: readonly Component[] = [structureReader, languageDetector, tokenizer];

export function defaultPipeline(): Pipeline {
  return new Pipeline(DEFAULT_COMPONENTS);
}
