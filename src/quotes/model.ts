import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { PACKAGE_ROOT } from '../version.js';
import { BioTagger, HASH_SIZE, LABELS } from './perceptron.js';
import type { Stage } from './features.js';

// The committed weights: models/quotes/<stage>.bin.gz, a sparse list of the non-zero rows of each tagger's hashed
// table. Written in row order with fixed-width little-endian numbers, so the same training gives the same bytes.

export const MODEL_DIR = join(PACKAGE_ROOT, 'models', 'quotes');
/** Where the quote layer reads its taggers and boundary rankers: $NEWSLEDGER_QUOTE_MODELS when set (to evaluate
 * models written with `train:quotes --out DIR` before they replace the committed ones), else MODEL_DIR. */
export function quoteModelDir(): string {
  return process.env.NEWSLEDGER_QUOTE_MODELS || MODEL_DIR;
}

export const STAGES: readonly Stage[] = ['cue', 'content', 'source', 'refine'];

/**
 * The four taggers as run: one interleaved table, column stage * 3 + label of row `row` (TABLE_STRIDE columns a
 * row), so the rows every stage shares (the base features of a token) are read once, from one place in memory, for
 * all four taggers; and the transitions of each stage. The same numbers as the four BioTaggers the files hold.
 */
export interface QuoteModels {
  /** The table's weights as round(weight * scale), 8-bit integers: reading the weights is most of the taggers' time,
   * and a table a quarter the size of 32-bit floats keeps much more of it in cache. (8 bits lose nothing measurable:
   * PolNeAR dev F1 of every role within 0.002 of the float weights' on the same taggers.) Packed four to a 32-bit
   * word, so that the taggers add two columns at once (src/quotes/tagging.ts sumRows): row r's weights are the words
   * packed[r * PACKED_STRIDE + j], the weight of column 4j + b in byte b (bits 8b..8b+7) as the unsigned number
   * weight + PACK_OFFSET. Built with arithmetic, so it does not depend on the machine's byte order. */
  packed: Int32Array;
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

/** A serialised tagger: its transitions, and its rows with LABELS weights each (weights[c * LABELS + label]). */
interface TaggerFile {
  trans: Float32Array;
  rows: Uint32Array;
  weights: Float32Array;
}

/** Reads a serialised tagger, its little-endian numbers through a DataView. (Loading is counted in the first
 * document's time: reading with Buffer.readFloatLE into a 50 MB float table before quantising took ~0.65 s; this
 * and quantise, writing the packed table directly, ~0.4 s, most of it gunzip.) */
function readTagger(gz: Buffer): TaggerFile {
  const buf = gunzipSync(gz);
  const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  let o = 0;
  const size = view.getUint32(o, true); o += 4;
  if (size !== HASH_SIZE) throw new Error(`quote model was trained with ${size} hash rows, this build uses ${HASH_SIZE}`);
  const count = view.getUint32(o, true); o += 4;
  const trans = new Float32Array((LABELS + 1) * LABELS);
  for (let k = 0; k < trans.length; k++) { trans[k] = view.getFloat32(o, true); o += 4; }
  const rows = new Uint32Array(count);
  const weights = new Float32Array(count * LABELS);
  for (let c = 0; c < count; c++) {
    rows[c] = view.getUint32(o, true); o += 4;
    for (let l = 0; l < LABELS; l++) { weights[c * LABELS + l] = view.getFloat32(o, true); o += 4; }
  }
  return { trans, rows, weights };
}

/** Words per row of QuoteModels.packed: four 8-bit weights a word. */
export const PACKED_STRIDE = TABLE_STRIDE / 4;
/** Added to each 8-bit weight in QuoteModels.packed so that every byte is a non-negative number. */
export const PACK_OFFSET = 128;

/** The four taggers' interleaved table (tagger `stage` in columns stage * LABELS ..) as 8-bit integers, packed
 * (QuoteModels.packed): round(weight * scale), the largest weight stored as QUANT_MAX. A row no tagger lists is all
 * zeros. */
function quantise(taggers: readonly TaggerFile[]): { packed: Int32Array; scale: number } {
  let max = 0;
  for (const { weights } of taggers) for (let k = 0; k < weights.length; k++) max = Math.max(max, Math.abs(weights[k]!));
  const scale = max > 0 ? QUANT_MAX / max : 1;
  // Every byte PACK_OFFSET (weight 0), then each listed weight's byte set to round(weight * scale) + PACK_OFFSET
  // (|round(weight * scale)| <= QUANT_MAX), byte b of a word in bits 8b..8b+7: the same words whatever the machine's
  // byte order.
  const packed = new Int32Array(HASH_SIZE * PACKED_STRIDE).fill(PACK_OFFSET * 0x01010101);
  for (let stage = 0; stage < taggers.length; stage++) {
    const { rows, weights } = taggers[stage]!;
    for (let c = 0; c < rows.length; c++) {
      const at = rows[c]! * TABLE_STRIDE + stage * LABELS;
      for (let l = 0; l < LABELS; l++) {
        const byte = Math.round(weights[c * LABELS + l]! * scale) + PACK_OFFSET;
        const shift = ((at + l) & 3) * 8;
        const w = (at + l) >> 2;
        packed[w] = (packed[w]! & ~(0xff << shift)) | (byte << shift);
      }
    }
  }
  return { packed, scale };
}

let cached: { dir: string; models: QuoteModels | null } | undefined;

/** The taggers of `dir` (quoteModelDir() unless given), or null when they have not been trained yet (the finder then
 * runs on rules alone). Those of quoteModelDir() are read once. */
export function loadQuoteModels(dir: string = quoteModelDir()): QuoteModels | null {
  if (cached !== undefined && cached.dir === dir) return cached.models;
  const files = STAGES.map((s) => join(dir, `${s}.bin.gz`));
  let models: QuoteModels | null = null;
  if (files.every((f) => existsSync(f))) {
    const taggers = files.map((f) => readTagger(readFileSync(f)));
    models = { ...quantise(taggers), trans: taggers.map((t) => t.trans) };
  }
  if (dir === quoteModelDir()) cached = { dir, models };
  return models;
}
