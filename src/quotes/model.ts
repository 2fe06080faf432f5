import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { PACKAGE_ROOT } from '../version.js';
import { BioTagger, HASH_SIZE, LABELS } from './perceptron.js';
import type { Stage } from './features.js';

// The committed weights: models/quotes/<stage>.bin.gz, a sparse list of the non-zero rows of each tagger's hashed
// table. Written in row order with fixed-width little-endian numbers, so the same training gives the same bytes.

export const MODEL_DIR = join(PACKAGE_ROOT, 'models', 'quotes');
export const STAGES: readonly Stage[] = ['cue', 'content', 'source', 'refine'];

export interface QuoteModels {
  cue: BioTagger;
  content: BioTagger;
  source: BioTagger;
  refine: BioTagger;
}

/** Weights smaller than this are dropped when saving: they change no decision and would only make the file larger. */
export const PRUNE_BELOW = 1e-3;

export function serialiseTagger(t: BioTagger): Buffer {
  const rows: number[] = [];
  for (let r = 0; r < HASH_SIZE; r++) {
    const k = r * LABELS;
    if (Math.abs(t.weights[k]!) >= PRUNE_BELOW || Math.abs(t.weights[k + 1]!) >= PRUNE_BELOW || Math.abs(t.weights[k + 2]!) >= PRUNE_BELOW) rows.push(r);
  }
  const buf = Buffer.alloc(8 + t.trans.length * 4 + rows.length * (4 + 4 * LABELS));
  let o = 0;
  buf.writeUInt32LE(HASH_SIZE, o); o += 4;
  buf.writeUInt32LE(rows.length, o); o += 4;
  for (const v of t.trans) { buf.writeFloatLE(v, o); o += 4; }
  for (const r of rows) {
    buf.writeUInt32LE(r, o); o += 4;
    for (let l = 0; l < LABELS; l++) { buf.writeFloatLE(t.weights[r * LABELS + l]!, o); o += 4; }
  }
  return gzipSync(buf, { level: 9 });
}

export function deserialiseTagger(gz: Buffer): BioTagger {
  const buf = gunzipSync(gz);
  let o = 0;
  const size = buf.readUInt32LE(o); o += 4;
  if (size !== HASH_SIZE) throw new Error(`quote model was trained with ${size} hash rows, this build uses ${HASH_SIZE}`);
  const count = buf.readUInt32LE(o); o += 4;
  const trans = new Float32Array((LABELS + 1) * LABELS);
  for (let k = 0; k < trans.length; k++) { trans[k] = buf.readFloatLE(o); o += 4; }
  const weights = new Float32Array(HASH_SIZE * LABELS);
  for (let c = 0; c < count; c++) {
    const r = buf.readUInt32LE(o); o += 4;
    for (let l = 0; l < LABELS; l++) { weights[r * LABELS + l] = buf.readFloatLE(o); o += 4; }
  }
  return new BioTagger(weights, trans);
}

let cached: QuoteModels | null | undefined;

/** The committed taggers, or null when they have not been trained yet (the finder then runs on rules alone). */
export function loadQuoteModels(dir: string = MODEL_DIR): QuoteModels | null {
  if (cached !== undefined && dir === MODEL_DIR) return cached;
  const files = STAGES.map((s) => join(dir, `${s}.bin.gz`));
  const models = files.every((f) => existsSync(f))
    ? {
        cue: deserialiseTagger(readFileSync(files[0]!)),
        content: deserialiseTagger(readFileSync(files[1]!)),
        source: deserialiseTagger(readFileSync(files[2]!)),
        refine: deserialiseTagger(readFileSync(files[3]!)),
      }
    : null;
  if (dir === MODEL_DIR) cached = models;
  return models;
}
