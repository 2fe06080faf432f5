// The benchmark corpus: real news texts from ../shared/data (PolNeAR train articles, BBC csv articles), repeated with
// varied ids until the requested size. Built lazily so only the base texts (~17 MB) are held in memory, never the whole
// corpus, and never written to disk.
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse } from 'csv-parse/sync';
import type { IngestedDoc } from '../ingest/document.js';
import { repairMojibake } from '../ingest/decode.js';
import { PACKAGE_ROOT } from '../version.js';

/** Where the public data lives: `../shared/data` relative to the repository root. */
export const SHARED_DATA = resolve(PACKAGE_ROOT, '..', 'shared', 'data');

const POLNEAR_TRAIN = join('polnear', 'train.jsonl');
/** The BBC splits are all used: the benchmark measures speed, it trains nothing. */
const BBC_SPLITS = ['train.csv', 'val.csv', 'test.csv'].map((f) => join('bbc', f));

export interface BaseText {
  id: string;
  corpus: 'polnear' | 'bbc';
  text: string;
  /** UTF-8 size of the text: the unit of every MB/s figure. */
  bytes: number;
}

/** The files the corpus needs that are missing (empty when the data is there). */
export function missingData(dataDir: string = SHARED_DATA): string[] {
  return [POLNEAR_TRAIN, ...BBC_SPLITS].filter((f) => !existsSync(join(dataDir, f))).map((f) => join(dataDir, f));
}

/** The base texts, PolNeAR first then BBC, in file order (so every run sees the same corpus). */
export function loadBaseTexts(dataDir: string = SHARED_DATA): BaseText[] {
  const out: BaseText[] = [];
  const polnear = readFileSync(join(dataDir, POLNEAR_TRAIN), 'utf8');
  for (const line of polnear.split('\n')) {
    if (line.trim() === '') continue;
    const o = JSON.parse(line) as { id: string; text: string };
    out.push({ id: o.id, corpus: 'polnear', text: o.text, bytes: Buffer.byteLength(o.text) });
  }
  for (const file of BBC_SPLITS) {
    // The csv is read as text, so its double-encoded characters ("Â£") are repaired as ingest would repair them.
    const rows = parse(readFileSync(join(dataDir, file), 'utf8'), { columns: true, skip_empty_lines: true }) as Array<{
      text?: string;
    }>;
    rows.forEach((row, i) => {
      if (!row.text) return;
      const text = repairMojibake(row.text).text;
      out.push({ id: `bbc:${file.replace(/\W+/g, '_')}:${i}`, corpus: 'bbc', text, bytes: Buffer.byteLength(text) });
    });
  }
  return out;
}

/**
 * Documents cycling through the base texts until `targetBytes` of text have been produced. PolNeAR and BBC texts are
 * interleaved (one of each in turn) so any prefix of the corpus, such as a sample, mixes both outlets' styles.
 */
export function* corpusDocs(base: readonly BaseText[], targetBytes: number): Generator<IngestedDoc & { bytes: number }> {
  const order = interleave(base);
  let produced = 0;
  for (let round = 0; produced < targetBytes && order.length > 0; round++) {
    for (const b of order) {
      if (produced >= targetBytes) return;
      produced += b.bytes;
      yield {
        id: `${b.id}#${round}`,
        source: { corpus: `bench:${b.corpus}` },
        text: b.text,
        date: null,
        outlet: null,
        url: null,
        notes: [],
        bytes: b.bytes,
      };
    }
  }
}

function interleave(base: readonly BaseText[]): BaseText[] {
  const a = base.filter((b) => b.corpus === 'polnear');
  const b = base.filter((b) => b.corpus === 'bbc');
  const out: BaseText[] = [];
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    if (i < a.length) out.push(a[i]!);
    if (i < b.length) out.push(b[i]!);
  }
  return out;
}
