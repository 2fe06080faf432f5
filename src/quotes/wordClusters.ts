import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Clusters } from '../entities/tagger/clusters.js';
import { CLUSTERS_FILE, MODEL_DIR as NER_MODEL_DIR } from '../entities/tagger/tagger.js';

// The word clusters learnt from unlabelled news by src/train/clusters.ts (models/ner/clusters.tsv), as the quote
// taggers read them: three small integers per word (coarse, middle and fine cluster, each + 1; 0 for a word the
// clusters do not know). They let a tagger that saw "said" and "warned" as cues generalise to a rarer verb of the same
// cluster ("cautioned", "backed"), which the cue word lists cannot list exhaustively.

/** Clusters of one word: [coarse, middle, fine], 0 when unknown. */
export type ClusterCodes = readonly [number, number, number];

const UNKNOWN: ClusterCodes = [0, 0, 0];

export class WordClusters {
  private readonly codes = new Map<string, ClusterCodes>();

  constructor(clusters: Clusters | null) {
    if (!clusters) return;
    clusters.forEach((word, ids) => {
      this.codes.set(word, [Number(ids[0] ?? -1) + 1, Number(ids[1] ?? -1) + 1, Number(ids[2] ?? -1) + 1]);
    });
  }

  /** The word as written, else its lower-case form (sentence-initial capitals), else unknown. `lower` is the word's
   * lower-case form when the caller has it already (the taggers' features do): no new string per lookup, and no
   * second lookup when the word is written in lower case (its lower-case form is then the word itself). */
  of(word: string, lower?: string): ClusterCodes {
    const asWritten = this.codes.get(word);
    if (asWritten !== undefined) return asWritten;
    const l = lower ?? word.toLowerCase();
    return l === word ? UNKNOWN : this.codes.get(l) ?? UNKNOWN;
  }
}

let shared: WordClusters | undefined;

/** The committed clusters, read once; empty (every word unknown) when the file is missing. */
export function quoteWordClusters(): WordClusters {
  if (!shared) {
    const path = join(NER_MODEL_DIR, CLUSTERS_FILE);
    shared = new WordClusters(existsSync(path) ? Clusters.load(path) : null);
  }
  return shared;
}
