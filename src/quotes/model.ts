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

/**
 * The four taggers as run: one interleaved table, table[row * TABLE_STRIDE + stage * 3 + label], so the rows every
 * stage shares (the base features of a token) are read once, from one place in memory, for all four taggers; and
 * the transitions of each stage. The same numbers as the four BioTaggers the files hold.
 */
export interface QuoteModels {
  /** round(weight * scale) as 8-bit integers: reading the weights is most of the taggers' time, and a table a
   * quarter the size of 32-bit floats keeps much more of it in cache. (8 bits lose nothing measurable: PolNeAR dev
   * F1 of every role within 0.002 of the float weights' on the same taggers.) */
  table: Int8Array;
  trans: Float32Array[];
  scale: number;
}

/** Largest 8-bit weight: the largest absolute weight of the taggers is stored as this. */
export const QUANT_MAX = 127;

/** Floats per row of the interleaved table: three labels for each of the four stages. */
export const TABLE_STRIDE = LABELS * 4;

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

/** Copies a serialised tagger's rows into column `stage` of the interleaved table; returns its transitions. */
function readInto(gz: Buffer, table: Float32Array, stage: number): Float32Array {
  const buf = gunzipSync(gz);
  let o = 0;
  const size = buf.readUInt32LE(o); o += 4;
  if (size !== HASH_SIZE) throw new Error(`quote model was trained with ${size} hash rows, this build uses ${HASH_SIZE}`);
  const count = buf.readUInt32LE(o); o += 4;
  const trans = new Float32Array((LABELS + 1) * LABELS);
  for (let k = 0; k < trans.length; k++) { trans[k] = buf.readFloatLE(o); o += 4; }
  for (let c = 0; c < count; c++) {
    const r = buf.readUInt32LE(o); o += 4;
    for (let l = 0; l < LABELS; l++) { table[r * TABLE_STRIDE + stage * LABELS + l] = buf.readFloatLE(o); o += 4; }
  }
  return trans;
}

/** The interleaved table as 8-bit integers: round(weight * scale), the largest weight stored as QUANT_MAX. */
function quantise(full: Float32Array): { table: Int8Array; scale: number } {
  let max = 0;
  for (let k = 0; k < full.length; k++) max = Math.max(max, Math.abs(full[k]!));
  const scale = max > 0 ? QUANT_MAX / max : 1;
  const table = new Int8Array(full.length);
  for (let k = 0; k < full.length; k++) table[k] = Math.round(full[k]! * scale);
  return { table, scale };
}

let cached: QuoteModels | null | undefined;

/** The committed taggers, or null when they have not been trained yet (the finder then runs on rules alone). */
export function loadQuoteModels(dir: string = MODEL_DIR): QuoteModels | null {
  if (cached !== undefined && dir === MODEL_DIR) return cached;
  const files = STAGES.map((s) => join(dir, `${s}.bin.gz`));
  let models: QuoteModels | null = null;
  if (files.every((f) => existsSync(f))) {
    const table = new Float32Array(HASH_SIZE * TABLE_STRIDE);
    const trans = files.map((f, stage) => readInto(readFileSync(f), table, stage));
    models = { ...quantise(table), trans };
  }
  if (dir === MODEL_DIR) cached = models;
  return models;
}
